/**
 * The Hono app: shared middleware, the one error handler, the routes, and
 * the OpenAPI document generated from the routes' own declarations.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { adminBookings } from './bookings/admin-routes.js';
import { bookings } from './bookings/routes.js';
import { cancelPages } from './cancel/routes.js';
import { consolePages } from './console/routes.js';
import { database } from './db/client.js';
import { safeErrorText } from './db/errors.js';
import { EXAMPLE_CALENDAR_PATH, exampleCalendarFeed } from './dev/example-calendar.js';
import { devSink } from './dev/sink.js';
import { ConfigError, DEV_SINK_PATH, readConfig } from './env.js';
import { health } from './health/routes.js';
import type { AppEnv } from './http/app-env.js';
import { allowedMethods, isLiteralPathWithOtherMethods } from './http/methods.js';
import { defaultHook, documentConfig, json, PUBLIC_SECURITY, serverError } from './http/openapi.js';
import { localized, Problem, problemResponse } from './http/problem.js';
import { logger } from './log.js';
import { webhookDeclarations } from './messages/webhook.js';
import { routing } from './routing/routes.js';
import { dryRunRoutes } from './slots/dry-run.js';
import { slots } from './slots/routes.js';
import { team } from './team/routes.js';

export const app = new OpenAPIHono<AppEnv>({ defaultHook });

/** Sets the request's configuration and database; what keeps the worker from working, by variable name (empty when nothing does). */
function configure(c: Context<AppEnv>): string[] {
  try {
    const config = readConfig(c.env);
    c.set('config', config);
    c.set('db', database(c.env.DB));
    return config.problems;
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

app.use(requestId());
// The request's logger, configuration and database. A deployed worker missing what it needs says so instead of
// half working: /api/health names the variables (names only, never values), everything else is 503.
app.use(async (c, next) => {
  const log = logger({ request_id: c.get('requestId') });
  c.set('log', log);
  const problems = configure(c);
  if (problems.length === 0) return next();
  log.error('misconfigured', { problems: problems.join(' ') });
  if (c.req.path === '/api/health') return c.json({ status: 'misconfigured', problems }, 503);
  throw new Problem(503, `This service is not configured yet. ${problems.join(' ')}`, { headers: { 'retry-after': '300' } });
});
app.use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
app.use(
  '/api/*',
  cors({
    origin: (origin, c) => {
      const config = c.get('config');
      return config.anyOrigin || config.ALLOWED_ORIGINS.includes(origin) ? origin : null;
    },
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Idempotency-Key'],
    exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
    maxAge: 600,
  }),
);

// A literal path asked with a method it does not take is a 405 (below), not a booking id (PATCH /api/bookings/insights).
// OPTIONS is the browsers' CORS preflight, answered above.
app.use('/api/*', async (c, next) => {
  const refused =
    c.req.method !== 'OPTIONS' && isLiteralPathWithOtherMethods(app.openAPIRegistry.definitions, c.req.path, c.req.method)
      ? notAllowed(c.req.path)
      : null;
  if (refused) return refused;
  await next();
});

app.route('/api/health', health);
app.route('/api/bookings', bookings);
app.route('/api/bookings', adminBookings);
app.route('/api/team', team);
app.route('/api/slots', slots);
app.route('/api/routing', routing);
app.route('/api/routing/dry-run', dryRunRoutes);
app.route('/', consolePages);
app.route('/cancel', cancelPages);
app.route(DEV_SINK_PATH, devSink);
app.route(EXAMPLE_CALENDAR_PATH, exampleCalendarFeed);
app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', { type: 'http', scheme: 'bearer' });
app.openAPIRegistry.registerComponent('securitySchemes', 'accessJwt', { type: 'apiKey', in: 'header', name: 'Cf-Access-Jwt-Assertion' });
app.openAPIRegistry.registerComponent('securitySchemes', 'webhookSignature', {
  type: 'apiKey',
  in: 'header',
  name: 'webhook-signature',
  description:
    'Standard Webhooks: v1,<base64 HMAC-SHA256 of webhook-id.webhook-timestamp.body> with the shared whsec_ secret (WEBHOOK_SECRET).',
});
for (const webhook of webhookDeclarations) app.openAPIRegistry.registerWebhook(webhook);

const openApi = createRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'openApiDocument',
  summary: 'This document',
  tags: ['public'],
  security: PUBLIC_SECURITY,
  responses: {
    200: json('The OpenAPI 3.1 document, generated from the route declarations.', z.looseObject({ openapi: z.string() })),
    ...serverError,
  },
});

let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
app.openapi(openApi, (c) => {
  document ??= app.getOpenAPI31Document(documentConfig(c.get('config').PUBLIC_BASE_URL));
  return c.json(document, 200);
});

/** 405 naming the methods the path takes (RFC 9110 15.5.6); null for an unknown path. */
function notAllowed(path: string): Response | null {
  const allow = allowedMethods(app.openAPIRegistry.definitions, path);
  if (!allow.length) return null;
  return problemResponse(new Problem(405, `This address takes ${allow.join(', ')}.`, { headers: { allow: allow.join(', ') } }));
}

// A known path with a method it does not take is a 405 naming the ones it does.
app.notFound((c) => notAllowed(c.req.path) ?? problemResponse(new Problem(404, 'There is nothing at this address.')));

app.onError((error, c) => {
  if (error instanceof Problem) return problemResponse(localized(error, c.req.header('accept-language')));
  if (error instanceof HTTPException) {
    // Hono's own middleware (bearer-auth, validators) throws these; keep their status and auth challenge.
    // A challenge means the caller is not authenticated: 401, also for a malformed Authorization header.
    const challenge = error.getResponse().headers.get('www-authenticate');
    if (challenge)
      return problemResponse(new Problem(401, 'A valid admin token is required.', { headers: { 'www-authenticate': challenge } }));
    return problemResponse(new Problem(error.status, error.message || 'The request could not be handled.'));
  }
  c.get('log').error('unhandled_error', { error: safeErrorText(error) });
  return problemResponse(new Problem(500, 'Something went wrong on our side. Please try again in a moment.'));
});
