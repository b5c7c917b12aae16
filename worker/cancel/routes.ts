/**
 * GET /cancel/:id?token=…  shows what will be cancelled and asks;
 * POST /cancel/:id (form: token) cancels. No login: the signed link is the key.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.js';
import { enqueueTasks } from '../notify/outbox.js';
import { getBooking } from '../bookings/admin.js';
import { cancelByRequester } from './service.js';
import { confirmPage, messagePage, PAGE_HEADERS } from './pages.js';
import { verifyCancelToken } from './token.js';

export const cancelPages = new Hono<AppEnv>();

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

type Page = ReturnType<typeof messagePage>;
const respond = async (c: Context<AppEnv>, status: 200 | 400 | 404 | 409 | 410, body: Page) =>
  c.html(await body, status, PAGE_HEADERS);

/** The token's verdict as a page, or null when it is valid. */
async function refuse(c: Context<AppEnv>, id: string, token: string | undefined) {
  const verdict = token ? await verifyCancelToken(c.var.config.WEBHOOK_SECRET, id, token, new Date()) : 'invalid';
  if (verdict === 'valid') return null;
  return verdict === 'expired'
    ? respond(c, 410, messagePage('This link has expired', 'Please reply to your confirmation email and we will cancel the request for you.'))
    : respond(c, 400, messagePage('This link does not work', 'Please use the link from your confirmation email exactly as it was sent.'));
}

const describeDate = (iso: string | null) => (iso ? `${new Date(iso).toUTCString().replace('GMT', 'UTC')}` : null);

cancelPages.get(`/:id{${UUID}}`, async (c) => {
  const id = c.req.param('id');
  const token = c.req.query('token');
  const refused = await refuse(c, id, token);
  if (refused) return refused;
  const found = await getBooking(c.var.db, id);
  if (!found || found.row.redacted_at) return respond(c, 404, messagePage('Request not found', 'We could not find this demo request.'));
  if (found.row.status === 'cancelled') return respond(c, 200, messagePage('Already cancelled', 'This demo request is cancelled. Nothing more to do.'));
  if (found.archived || !['pending', 'confirmed'].includes(found.row.status))
    return respond(c, 409, messagePage('This request can no longer be cancelled', 'Please reply to your confirmation email if anything has changed.'));
  return respond(c, 200, confirmPage(found.row.organization_name, describeDate(found.row.preferred_date), token!));
});

cancelPages.post(`/:id{${UUID}}`, async (c) => {
  const id = c.req.param('id');
  const form = await c.req.parseBody();
  const refused = await refuse(c, id, typeof form.token === 'string' ? form.token : undefined);
  if (refused) return refused;
  const now = new Date();
  const outcome = await cancelByRequester(c.var.db, id, now);
  switch (outcome.result) {
    case 'cancelled':
      await enqueueTasks(c.env, c.var.db, outcome.tasks, now);
      console.log(JSON.stringify({ event: 'booking_cancelled_by_requester', booking_id: id }));
      return respond(c, 200, messagePage('Your demo request is cancelled', 'Thank you for letting us know. You are welcome to book again at any time.'));
    case 'already_cancelled':
      return respond(c, 200, messagePage('Already cancelled', 'This demo request is cancelled. Nothing more to do.'));
    case 'not_cancellable':
      return respond(c, 409, messagePage('This request can no longer be cancelled', 'Please reply to your confirmation email if anything has changed.'));
    case 'not_found':
      return respond(c, 404, messagePage('Request not found', 'We could not find this demo request.'));
  }
});
