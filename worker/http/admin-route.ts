/** How an admin operation is declared: the tag, security, guard and failures every admin route shares, once. */
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { requireAdmin } from './admin-auth.js';
import type { AppEnv } from './app-env.js';
import { ADMIN_SECURITY, crossSite, serverError, unauthorized } from './openapi.js';

type AdminRouteConfig = Omit<RouteConfig, 'tags' | 'security' | 'middleware'> & { middleware?: readonly MiddlewareHandler<AppEnv>[] };

/**
 * An admin route: tagged `admin`, secured by Access or the admin token,
 * guarded by requireAdmin (then the route's own middleware), and answering
 * 401 and 500 besides its own responses; a change (any method but GET) also
 * 403 when another site sends it.
 *
 * @example const read = adminRoute({ method: 'get', path: '/{id}', operationId: 'getBooking', summary: '…', request: { params: idParams }, responses: { 200: json('The booking.', bookingDetailSchema) } });
 */
export function adminRoute<const R extends AdminRouteConfig>(route: R) {
  const shared = route.method === 'get' ? { ...unauthorized, ...serverError } : { ...unauthorized, ...crossSite, ...serverError };
  return createRoute({
    ...route,
    tags: ['admin'],
    security: ADMIN_SECURITY,
    middleware: [requireAdmin, ...(route.middleware ?? [])],
    responses: { ...route.responses, ...shared },
  });
}
