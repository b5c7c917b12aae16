/** The team's admin API (SPEC 8.1): reps, their calendar feeds, sync now, busy time. Declared once; /openapi.json comes from here. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/admin-auth.js';
import { adminRoute } from '../http/admin-route.js';
import type { AppEnv } from '../http/app-env.js';
import { jsonBody, limitBody } from '../http/body.js';
import { bodyRefusals, hookFor, json, PUBLIC_SECURITY, problem } from '../http/openapi.js';
import { Problem } from '../http/problem.js';
import { refuseNamelessQuery, requireJson } from '../http/validate.js';
import { busyPageSchema, feedSchema, repDetailSchema, repSchema, teamPageSchema, teamSyncSchema } from './answers.js';
import { addFeedSchema, busyQuerySchema, createRepSchema, feedParams, patchRepSchema, repParams } from './requests.js';
import {
  addFeed,
  busyOf,
  createRep,
  listTeam,
  NO_SUCH_REP,
  removeFeed,
  repView,
  requireRep,
  teamEventsOf,
  toFeedView,
  updateRep,
} from './service.js';
import { enqueueSyncs } from './sync.js';

export const team = new OpenAPIHono<AppEnv>({ defaultHook: hookFor(NO_SUCH_REP) });

const noRep = { 404: problem(NO_SUCH_REP) };
const DAY = 86_400_000;
/** The widest window GET …/busy answers for. */
const BUSY_WINDOW_DAYS_MAX = 62;

const list = adminRoute({
  method: 'get',
  path: '/',
  operationId: 'listTeam',
  summary: 'The sales team: every rep (active first) with their calendars and each calendar’s health',
  middleware: [refuseNamelessQuery] as const,
  request: { query: z.strictObject({}) },
  responses: { 200: json('The team.', teamPageSchema), 400: problem('An unknown query parameter.') },
});

team.openapi(list, async (c) => c.json({ data: await listTeam(c.get('db'), new Date(), c.get('config')) }, 200));

const create = adminRoute({
  method: 'post',
  path: '/',
  operationId: 'createRep',
  summary: 'Add a rep (working hours default to Monday–Friday 09:00–12:00 and 13:00–17:00)',
  middleware: [limitBody, requireJson] as const,
  request: { body: jsonBody(createRepSchema) },
  responses: {
    201: json('Added.', repSchema),
    ...bodyRefusals,
    409: problem('rep_email_taken: another rep has this email address.'),
  },
});

team.openapi(create, async (c) => {
  const id = await createRep(c.get('db'), c.req.valid('json'), { now: new Date(), actor: actorOf(c) });
  return c.json(await repView(c.get('db'), id, new Date(), c.get('config')), 201);
});

const read = adminRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getRep',
  summary: 'One rep, with their calendars and the history of changes to them',
  request: { params: repParams },
  responses: { 200: json('The rep.', repDetailSchema), ...noRep },
});

team.openapi(read, async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const [rep, events] = await Promise.all([repView(db, id, new Date(), c.get('config')), teamEventsOf(db, id)]);
  return c.json({ ...rep, events }, 200);
});

const patch = adminRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateRep',
  summary: 'Change a rep; `active: false` deactivates (a rep is never deleted)',
  middleware: [limitBody, requireJson] as const,
  request: { params: repParams, body: jsonBody(patchRepSchema) },
  responses: {
    200: json('The rep after the change.', repSchema),
    ...bodyRefusals,
    ...noRep,
    409: problem('rep_email_taken: another rep has this email address.'),
  },
});

team.openapi(patch, async (c) => {
  const { id } = c.req.valid('param');
  await updateRep(c.get('db'), id, c.req.valid('json'), { now: new Date(), actor: actorOf(c) });
  return c.json(await repView(c.get('db'), id, new Date(), c.get('config')), 200);
});

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteRep',
  summary: 'Never allowed: deactivate instead (bookings keep pointing at their rep)',
  tags: ['admin'],
  security: PUBLIC_SECURITY,
  request: { params: z.object({ id: z.string() }) },
  responses: { 405: problem('A rep is never deleted.') },
});

team.openapi(remove, () => {
  throw new Problem(405, 'A rep is never deleted; deactivate them instead (PATCH /api/team/:id with {"active": false}).', {
    headers: { allow: 'GET, PATCH' },
  });
});

const addCalendar = adminRoute({
  method: 'post',
  path: '/{id}/calendars',
  operationId: 'addRepCalendar',
  summary: 'Add a calendar feed (its secret iCalendar address); the first sync starts at once',
  middleware: [limitBody, requireJson] as const,
  request: { params: repParams, body: jsonBody(addFeedSchema) },
  responses: {
    201: json('Added; the address is shown masked from now on.', feedSchema),
    ...bodyRefusals,
    ...noRep,
    409: problem('feeds_per_rep_max: the rep has as many calendars as allowed.'),
  },
});

team.openapi(addCalendar, async (c) => {
  const { id } = c.req.valid('param');
  const now = new Date();
  const feed = await addFeed(c.get('db'), id, c.req.valid('json').url, c.get('config'), { now, actor: actorOf(c) });
  await enqueueSyncs(c.env.CALENDAR_QUEUE, [feed.id]);
  return c.json(toFeedView(feed, now, c.get('config').STALE_FEED_MINUTES), 201);
});

const removeCalendar = adminRoute({
  method: 'delete',
  path: '/{id}/calendars/{feedId}',
  operationId: 'removeRepCalendar',
  summary: 'Remove a calendar feed and the busy time read from it',
  request: { params: feedParams },
  responses: { 200: json('The rep after the change.', repSchema), 404: problem('No such rep, or the rep has no such calendar.') },
});

team.openapi(removeCalendar, async (c) => {
  const { id, feedId } = c.req.valid('param');
  await removeFeed(c.get('db'), id, feedId, { now: new Date(), actor: actorOf(c) });
  return c.json(await repView(c.get('db'), id, new Date(), c.get('config')), 200);
});

const sync = adminRoute({
  method: 'post',
  path: '/{id}/sync',
  operationId: 'syncRep',
  summary: 'Sync now: each of the rep’s feeds handed to the sync queue',
  request: { params: repParams },
  responses: { 202: json('Queued; each feed as it stands before the sync.', teamSyncSchema), ...noRep },
});

team.openapi(sync, async (c) => {
  const { id } = c.req.valid('param');
  const { rep, feeds } = await requireRep(c.get('db'), id);
  await enqueueSyncs(
    c.env.CALENDAR_QUEUE,
    feeds.map((f) => f.id),
  );
  const now = new Date();
  return c.json({ id: rep.id, queued: feeds.map((f) => toFeedView(f, now, c.get('config').STALE_FEED_MINUTES)) }, 202);
});

const busy = adminRoute({
  method: 'get',
  path: '/{id}/busy',
  operationId: 'getRepBusy',
  summary: `The rep's busy intervals in a window (UTC; default the next 7 days, at most ${BUSY_WINDOW_DAYS_MAX})`,
  middleware: [refuseNamelessQuery] as const,
  request: { params: repParams, query: busyQuerySchema },
  responses: { 200: json('Busy intervals, sorted.', busyPageSchema), 400: problem('A refused window.'), ...noRep },
});

team.openapi(busy, async (c) => {
  const { id } = c.req.valid('param');
  const query = c.req.valid('query');
  const from = query.from ? Date.parse(query.from) : Date.now();
  const to = query.to ? Date.parse(query.to) : from + 7 * DAY;
  if (to - from > BUSY_WINDOW_DAYS_MAX * DAY)
    throw new Problem(400, `Ask for at most ${BUSY_WINDOW_DAYS_MAX} days.`, {
      errors: [{ path: 'to', rule: 'invalid_value', message: `Ask for at most ${BUSY_WINDOW_DAYS_MAX} days.` }],
    });
  await requireRep(c.get('db'), id);
  const [fromIso, toIso] = [new Date(from).toISOString(), new Date(to).toISOString()];
  return c.json(
    {
      id,
      from: fromIso,
      to: toIso,
      data: await busyOf(c.get('db'), id, { from: fromIso, to: toIso, horizonDays: c.get('config').BOOKING_HORIZON_DAYS }),
    },
    200,
  );
});
