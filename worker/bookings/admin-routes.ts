/**
 * The admin API of bookings: list, read, export, insights, and every change
 * (PATCH, cancel, redeliver, redact). Each route is declared once right
 * before its handler; the work is done by the services. Static paths
 * (export.csv, insights) are declared before `/{id}`.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { LIMITS, type NotificationKind } from '../../contract/limits.js';
import type { RuleName } from '../../contract/rules.js';
import type { Db } from '../db/client.js';
import type { NotificationTask } from '../db/schema.js';
import { actorOf } from '../http/admin-auth.js';
import { adminRoute } from '../http/admin-route.js';
import { sendAfterCommit } from '../http/after-commit.js';
import type { AppEnv } from '../http/app-env.js';
import { emptyBodyIsNone, jsonBody, limitBody } from '../http/body.js';
import { bodyRefusals, defaultHook, json, notFound, PUBLIC_SECURITY, problem } from '../http/openapi.js';
import { Problem } from '../http/problem.js';
import { refuseNamelessQuery, requireJson } from '../http/validate.js';
import {
  bookingDetailSchema,
  bookingEventSchema,
  bookingPageSchema,
  bookingSchema,
  bookingsVersionSchema,
  demoListSchema,
  insightsSchema,
  personErasedSchema,
  redeliveryOfAllSchema,
  reportSchema,
  statusCountsSchema,
} from './answers.js';
import { exportCsv } from './export.js';
import { eventsOf } from './history.js';
import { bookingInsights, conversionReport } from './insights.js';
import { addNote } from './notes.js';
import { ERASE_PERSON_MAX, redactBooking, redactPerson } from './redact.js';
import { REDELIVER_ALL_PAGE, restartAllFailedWebhooks, restartFailed } from './redeliver.js';
import {
  bookedDemos,
  bookingsVersion,
  listBookings,
  notificationsOf,
  requireBooking,
  requireChangeable,
  statusCounts,
} from './repository.js';
import {
  cancelBookingSchema,
  countsQuerySchema,
  demosQuerySchema,
  exportQuerySchema,
  idParams,
  listQuerySchema,
  noteSchema,
  type PatchBookingRequest,
  patchBookingSchema,
  redactPersonSchema,
  reportQuerySchema,
} from './requests.js';
import type { ChangeResult } from './transitions.js';
import { undoLatestOutcome, updateBooking } from './update.js';
import { toView } from './view.js';

export const adminBookings = new OpenAPIHono<AppEnv>({ defaultHook });

const exportRoute = adminRoute({
  method: 'get',
  path: '/export.csv',
  operationId: 'exportBookings',
  summary: 'The list’s filters as CSV (RFC 4180, UTF-8, a header row of field names), streamed',
  middleware: [refuseNamelessQuery] as const,
  request: { query: exportQuerySchema },
  responses: {
    200: { description: 'Every booking the filters find, newest first.', content: { 'text/csv': { schema: z.string() } } },
    400: problem('A filter was refused.'),
  },
});

adminBookings.openapi(exportRoute, async (c) => {
  const stamp = new Date().toISOString().slice(0, 10);
  return c.body(await exportCsv(c.get('db'), c.req.valid('query')), 200, {
    'content-type': 'text/csv; charset=utf-8; header=present',
    'content-disposition': `attachment; filename="demo-bookings-${stamp}.csv"`,
    'cache-control': 'no-store',
  });
});

const insights = adminRoute({
  method: 'get',
  path: '/insights',
  operationId: 'bookingInsights',
  summary: 'Counts by status, requests per week for 12 weeks, top sources',
  responses: { 200: json('The numbers the console draws.', insightsSchema) },
});

adminBookings.openapi(insights, async (c) => c.json(await bookingInsights(c.get('db'), new Date()), 200));

const version = adminRoute({
  method: 'get',
  path: '/version',
  operationId: 'bookingsVersion',
  summary: 'A marker that changes whenever a booking changes: an open console polls it and reads the list only when it moved',
  responses: { 200: json('The marker.', bookingsVersionSchema) },
});

adminBookings.openapi(version, async (c) => c.json({ version: await bookingsVersion(c.get('db')) }, 200, { 'cache-control': 'no-store' }));

const counts = adminRoute({
  method: 'get',
  path: '/counts',
  operationId: 'countBookings',
  summary: 'How many bookings of each status the list’s filters find (the console’s tabs)',
  middleware: [refuseNamelessQuery] as const,
  request: { query: countsQuerySchema },
  responses: { 200: json('The counts by status.', statusCountsSchema), 400: problem('A filter was refused.') },
});

adminBookings.openapi(counts, async (c) => c.json({ counts: await statusCounts(c.get('db'), c.req.valid('query')) }, 200));

const report = adminRoute({
  method: 'get',
  path: '/report',
  operationId: 'conversionReport',
  summary: 'A period’s funnel (requested → confirmed → completed, no-shows) by week, month, source or campaign',
  middleware: [refuseNamelessQuery] as const,
  request: { query: reportQuerySchema },
  responses: {
    200: json('The funnel of each group and of the period.', reportSchema),
    400: problem('The period or the grouping was refused.'),
  },
});

adminBookings.openapi(report, async (c) => c.json(await conversionReport(c.get('db'), c.req.valid('query')), 200));

const demos = adminRoute({
  method: 'get',
  path: '/demos',
  operationId: 'listDemos',
  summary: 'Booked demos starting in a window, soonest first (a rep’s agenda, the team’s day)',
  middleware: [refuseNamelessQuery] as const,
  request: { query: demosQuerySchema },
  responses: {
    200: json('The booked slots (confirmed, completed or no-show) in the window.', demoListSchema),
    400: problem('The window or the rep id was refused.'),
  },
});

adminBookings.openapi(demos, async (c) => c.json({ data: await bookedDemos(c.get('db'), c.req.valid('query')) }, 200));

const list = adminRoute({
  method: 'get',
  path: '/',
  operationId: 'listBookings',
  summary: 'List bookings, newest first',
  middleware: [refuseNamelessQuery] as const,
  request: { query: listQuerySchema },
  responses: {
    200: json('A page of bookings.', bookingPageSchema),
    400: problem('A filter or the cursor was refused.'),
  },
});

adminBookings.openapi(list, async (c) => c.json(await listBookings(c.get('db'), c.req.valid('query')), 200));

const read = adminRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getBooking',
  summary: 'One booking (hot or archived), with its notifications',
  request: { params: idParams },
  responses: { 200: json('The booking.', bookingDetailSchema), ...notFound },
});

adminBookings.openapi(read, async (c) => {
  const { id } = c.req.valid('param');
  const db = c.get('db');
  const found = await requireBooking(db, id);
  const [notifications, events] = await Promise.all([notificationsOf(db, id), eventsOf(db, id)]);
  return c.json({ ...toView(found.row), notifications, events }, 200);
});

const patch = adminRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateBooking',
  summary: 'Change status, organization_id or preferred_date; move a booked slot or give it to another rep',
  middleware: [limitBody, requireJson] as const,
  request: { params: idParams, body: jsonBody(patchBookingSchema) },
  responses: {
    200: json('The booking after the change (unchanged when nothing differs).', bookingSchema),
    ...bodyRefusals,
    ...notFound,
    409: problem(
      'valid_status_transition (also when the booking changed meanwhile), archived_booking_immutable, or slot_unavailable (the rep has another demo then).',
    ),
  },
});

/** An admin's change: applied (with its history entry and tasks), its notifications sent on, the booking as it is now. */
async function answerChange(c: Context<AppEnv>, change: (db: Db, by: { now: Date; actor: string }) => Promise<ChangeResult>) {
  const now = new Date();
  const { booking, tasks } = await change(c.get('db'), { now, actor: actorOf(c) });
  await sendAfterCommit(c, tasks, now);
  return toView(booking);
}

const applyChange = (c: Context<AppEnv>, id: string, change: PatchBookingRequest) =>
  answerChange(c, (db, by) => updateBooking(db, id, change, by, c.get('config')));

adminBookings.openapi(patch, async (c) => c.json(await applyChange(c, c.req.valid('param').id, c.req.valid('json')), 200));

const cancel = adminRoute({
  method: 'post',
  path: '/{id}/cancel',
  operationId: 'cancelBooking',
  summary: 'Cancel',
  middleware: [limitBody, emptyBodyIsNone] as const,
  request: {
    params: idParams,
    body: jsonBody(cancelBookingSchema, false),
  },
  responses: {
    200: json('Cancelled (or already was).', bookingSchema),
    ...bodyRefusals,
    ...notFound,
    409: problem('Not cancellable from its status (valid_status_transition), or archived.'),
  },
});

adminBookings.openapi(cancel, async (c) => {
  const { reason } = c.req.valid('json');
  return c.json(await applyChange(c, c.req.valid('param').id, { status: 'cancelled', reason }), 200);
});

const note = adminRoute({
  method: 'post',
  path: '/{id}/notes',
  operationId: 'addNote',
  summary: 'Add a note to a booking (a `note` entry of its history, naming who wrote it)',
  middleware: [limitBody, requireJson] as const,
  request: { params: idParams, body: jsonBody(noteSchema) },
  responses: {
    201: json('The entry written.', bookingEventSchema),
    ...bodyRefusals,
    ...notFound,
    409: problem('archived_booking_immutable: the booking is archived or its personal data was erased.'),
  },
});

adminBookings.openapi(note, async (c) =>
  c.json(await addNote(c.get('db'), c.req.valid('param').id, c.req.valid('json').text, { now: new Date(), actor: actorOf(c) }), 201),
);

const undoOutcomeRoute = adminRoute({
  method: 'post',
  path: '/{id}/undo-outcome',
  operationId: 'undoOutcome',
  summary: `Undo a completed or no-show recorded by mistake, within ${LIMITS.outcomeUndoMinutes} minutes`,
  description:
    'The status goes back to what it was before the outcome, as a new `outcome_undone` history entry naming the one it corrects (`details.undoes`), announced as `demo_booking.outcome_undone`. Only the latest entry can be undone.',
  request: { params: idParams },
  responses: {
    200: json('The booking as it was before the outcome.', bookingSchema),
    ...notFound,
    409: problem('outcome_undo_window (no outcome to undo, or too late), archived_booking_immutable, or the booking changed meanwhile.'),
  },
});

adminBookings.openapi(undoOutcomeRoute, async (c) =>
  c.json(await answerChange(c, (db, by) => undoLatestOutcome(db, c.req.valid('param').id, by)), 200),
);

/**
 * Declares a route that starts a new delivery cycle for a booking's failed
 * tasks of one kind and hands them to the queues (409 `rule` when none
 * failed); `answer` words the tasks restarted.
 */
function restartRoute<A extends z.ZodType>(o: {
  kind: NotificationKind;
  path: string;
  operationId: string;
  summary: string;
  rule: RuleName;
  schema: A;
  answer: (id: string, tasks: NotificationTask[]) => z.infer<A>;
}) {
  const route = adminRoute({
    method: 'post',
    path: o.path,
    operationId: o.operationId,
    summary: o.summary,
    request: { params: idParams },
    responses: { 202: json('Enqueued.', o.schema), ...notFound, 409: problem(`${o.rule}, or archived_booking_immutable.`) },
  });
  adminBookings.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.get('db');
    await requireChangeable(db, id);
    const now = new Date();
    const tasks = await restartFailed(db, id, o.kind, now);
    await sendAfterCommit(c, tasks, now);
    return c.json(o.answer(id, tasks), 202);
  });
}

restartRoute({
  kind: 'webhook',
  path: '/{id}/webhook/redeliver',
  operationId: 'redeliverWebhook',
  summary: 'A new delivery cycle for a failed sales webhook (same webhook-id)',
  rule: 'webhook_not_failed',
  schema: z
    .object({ id: z.uuid(), redelivering: z.array(z.object({ webhook_id: z.uuid(), event_type: z.string() })) })
    .openapi('Redelivery'),
  answer: (id, tasks) => ({ id, redelivering: tasks.map((t) => ({ webhook_id: t.id, event_type: t.event_type })) }),
});

restartRoute({
  kind: 'email',
  path: '/{id}/email/resend',
  operationId: 'resendEmail',
  summary: "A new delivery cycle for the booking's failed emails to the prospect",
  rule: 'email_not_failed',
  schema: z.object({ id: z.uuid(), resending: z.array(z.object({ task_id: z.uuid(), event_type: z.string() })) }).openapi('EmailResend'),
  answer: (id, tasks) => ({ id, resending: tasks.map((t) => ({ task_id: t.id, event_type: t.event_type })) }),
});

const redeliverAll = adminRoute({
  method: 'post',
  path: '/webhook/redeliver-failed',
  operationId: 'redeliverFailedWebhooks',
  summary: 'A new delivery cycle for every failing webhook',
  description: `Restarts the failed webhooks of up to ${REDELIVER_ALL_PAGE} failing bookings, oldest first (each keeps its webhook-id); \`more\` says whether failing bookings are left for another call.`,
  responses: {
    202: json('Enqueued.', redeliveryOfAllSchema),
  },
});

adminBookings.openapi(redeliverAll, async (c) => {
  const now = new Date();
  const { tasks, more } = await restartAllFailedWebhooks(c.get('db'), now);
  await sendAfterCommit(c, tasks, now);
  c.get('log').info('webhooks_redelivered', { tasks: tasks.length, more });
  return c.json({ redelivering: tasks.length, more }, 202);
});

const redactPersonRoute = adminRoute({
  method: 'post',
  path: '/redact-by-email',
  operationId: 'redactPerson',
  summary: 'Erase every booking of one person, by email',
  description: `Each booking, hot or archived, whose address delivers to the same mailbox (\`Ann+demo@x.com\` is \`ann@x.com\`) is erased as \`POST /api/bookings/{id}/redact\` does, up to ${ERASE_PERSON_MAX} per call (\`more\` says when some are left). Repeating it changes nothing.`,
  middleware: [limitBody, requireJson] as const,
  request: { body: jsonBody(redactPersonSchema) },
  responses: {
    200: json('The bookings erased now (none when all already were).', personErasedSchema),
    ...bodyRefusals,
  },
});

adminBookings.openapi(redactPersonRoute, async (c) =>
  c.json(await redactPerson(c.get('db'), c.req.valid('json').email, { now: new Date(), actor: actorOf(c), log: c.get('log') }), 200),
);

const redact = adminRoute({
  method: 'post',
  path: '/{id}/redact',
  operationId: 'redactBooking',
  summary: 'Erase the personal fields (GDPR art. 17); the row and its audit trail stay',
  request: { params: idParams },
  responses: { 200: json('The booking after erasure.', bookingSchema), ...notFound },
});

adminBookings.openapi(redact, async (c) => {
  const booking = await redactBooking(c.get('db'), c.req.valid('param').id, { now: new Date(), actor: actorOf(c), log: c.get('log') });
  return c.json(toView(booking), 200);
});

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteBooking',
  summary: 'Never allowed (no_delete_of_bookings): cancel instead',
  tags: ['admin'],
  security: PUBLIC_SECURITY,
  request: { params: z.object({ id: z.string() }) },
  responses: { 405: problem('no_delete_of_bookings, with or without a token.') },
});

// no_delete_of_bookings: there is no way to delete a booking, with or without a token.
adminBookings.openapi(remove, () => {
  throw new Problem(405, 'Bookings are never deleted; cancel it instead (POST /api/bookings/:id/cancel).', {
    rule: 'no_delete_of_bookings',
    headers: { allow: 'GET, PATCH' },
  });
});
