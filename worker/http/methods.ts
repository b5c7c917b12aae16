/**
 * Which methods a path takes, read off the route declarations, so a known
 * path asked with another method answers 405 with `Allow` (RFC 9110 15.5.6)
 * instead of a 404.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';

type Definitions = OpenAPIHono['openAPIRegistry']['definitions'];

/** `/api/bookings/{id}/cancel` as a pattern matching one concrete path. */
export const pathPattern = (template: string) => {
  const literal = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('[^/]+')}/?$`);
};

type Route = { path: string; method: string };
/** Each declared route with its path's pattern, built once per definitions list (they are complete once the app is set up). */
const compiled = new WeakMap<Definitions, { route: Route; pattern: RegExp }[]>();
function patternsOf(definitions: Definitions) {
  let list = compiled.get(definitions);
  if (!list || list.length !== definitions.filter((d) => d.type === 'route').length) {
    list = definitions.flatMap((def) => (def.type === 'route' ? [{ route: def.route, pattern: pathPattern(def.route.path) }] : []));
    compiled.set(definitions, list);
  }
  return list;
}

/** The routes declared for a path: a literal path (/api/bookings/insights) answers for itself, never as an {id}. */
function routesOf(definitions: Definitions, path: string): Route[] {
  const routes = patternsOf(definitions).flatMap(({ route, pattern }) => (pattern.test(path) ? [route] : []));
  const literal = routes.filter((r) => !r.path.includes('{'));
  return literal.length ? literal : routes;
}

/**
 * True when the path is a literal one declared with other methods only: the
 * router would hand it to a parameter route (PATCH /api/bookings/insights to
 * PATCH /{id}), where it must be a 405 instead.
 */
export function isLiteralPathWithOtherMethods(definitions: Definitions, path: string, method: string): boolean {
  const routes = routesOf(definitions, path);
  if (routes.length === 0 || routes.some((r) => r.path.includes('{'))) return false;
  return !allowedMethods(definitions, path).includes(method.toUpperCase());
}

/**
 * The methods declared for the path, upper-case; empty for an unknown path.
 *
 * @example allowedMethods(app.openAPIRegistry.definitions, '/cancel/0190…') // ['GET', 'POST']
 */
export function allowedMethods(definitions: Definitions, path: string): string[] {
  const methods = new Set<string>();
  for (const route of routesOf(definitions, path)) methods.add(route.method.toUpperCase());
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods];
}
