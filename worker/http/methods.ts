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

/**
 * The methods declared for the path, upper-case; empty for an unknown path.
 *
 * @example allowedMethods(app.openAPIRegistry.definitions, '/cancel/0190…') // ['GET', 'POST']
 */
export function allowedMethods(definitions: Definitions, path: string): string[] {
  const methods = new Set<string>();
  const routes = definitions.flatMap((def) => (def.type === 'route' && pathPattern(def.route.path).test(path) ? [def.route] : []));
  // A literal path (/api/bookings/insights) answers for itself, not as an {id}.
  const literal = routes.filter((r) => !r.path.includes('{'));
  for (const route of literal.length ? literal : routes) methods.add(route.method.toUpperCase());
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods];
}
