/**
 * The Hono app: shared middleware, the one error handler, the routes.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { bookings } from './bookings/routes.js';
import { DEV_SINK_PATH, devSink } from './dev/sink.js';
import { cancelPages } from './cancel/routes.js';
import { database } from './db/client.js';
import { safeErrorText } from './db/errors.js';
import { readConfig, type AppEnv } from './env.js';
import { openApiDocument } from './openapi.js';
import { Problem, problemResponse } from './http/problem.js';

export const app = new Hono<AppEnv>();

app.use(requestId());
app.use(async (c, next) => {
  c.set('config', readConfig(c.env));
  c.set('db', database(c.env.DB));
  await next();
});
app.use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
app.use(
  '/api/*',
  cors({
    origin: (origin, c) => (c.var.config.ALLOWED_ORIGINS.includes(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Idempotency-Key'],
    exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
    maxAge: 600,
  }),
);

app.get('/api/health', (c) => c.json({ status: 'ok' }));
app.get('/openapi.json', (c) => c.json(openApiDocument()));
app.route('/api/bookings', bookings);
app.route(DEV_SINK_PATH, devSink);
app.route('/cancel', cancelPages);

app.notFound(() => problemResponse(new Problem(404, 'There is nothing at this address.')));

app.onError((error, c) => {
  if (error instanceof Problem) return problemResponse(error);
  if (error instanceof HTTPException) {
    // Hono's own middleware (bearer-auth, validators) throws these; keep their status and auth challenge.
    // A challenge means the caller is not authenticated: 401, also for a malformed Authorization header.
    const challenge = error.getResponse().headers.get('www-authenticate');
    if (challenge) return problemResponse(new Problem(401, 'A valid admin token is required.', { headers: { 'www-authenticate': challenge } }));
    return problemResponse(new Problem(error.status, error.message || 'The request could not be handled.'));
  }
  console.error(JSON.stringify({ event: 'unhandled_error', request_id: c.var.requestId, error: safeErrorText(error) }));
  return problemResponse(new Problem(500, 'Something went wrong on our side. Please try again in a moment.'));
});
