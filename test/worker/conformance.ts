/**
 * Holds the server to its OpenAPI document: every response a test receives
 * through the harness must be one its route's declaration lists. A route
 * answering an undeclared status fails whichever test made the request.
 */
import { app } from '../../worker/app.js';
import { pathPattern } from '../../worker/http/methods.js';

type Document = ReturnType<typeof app.getOpenAPI31Document>;

let document: Document | undefined;
const load = () => (document ??= app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'conformance', version: '0' } }));

const matches = (template: string, path: string) => pathPattern(template).test(path);

/**
 * The statuses declared for a request, or null when no declared path matches
 * (then only 404, or 405 for a known path, may answer).
 */
export function declaredStatuses(method: string, path: string): string[] | null {
  // A literal path (/api/bookings/insights) wins over a template (/api/bookings/{id}), as in the router.
  const templates = Object.entries(load().paths ?? {}).sort(([a], [b]) => a.split('{').length - b.split('{').length);
  const entry = templates.find(([template]) => matches(template, path));
  if (!entry) return null;
  const key = method.toLowerCase();
  const operation = key === 'get' || key === 'post' || key === 'patch' || key === 'delete' || key === 'put' ? entry[1][key] : undefined;
  return operation?.responses ? Object.keys(operation.responses) : ['405'];
}

/** Throws when `status` is not what the route's declaration lists. */
export function assertDeclared(method: string, url: string, status: number): void {
  const path = new URL(url, 'http://x').pathname;
  // A CORS preflight is answered by the CORS layer for every path; it is not an operation.
  if (method === 'OPTIONS') return;
  const declared = declaredStatuses(method === 'HEAD' ? 'GET' : method, path) ?? ['404'];
  if (!declared.includes(String(status)))
    throw new Error(`${method} ${path} answered ${status}, which its OpenAPI declaration does not list (${declared.join(', ')})`);
}
