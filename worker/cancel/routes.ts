/**
 * GET /cancel/:id?token=…  shows what will be cancelled and asks;
 * POST /cancel/:id (form: token) cancels. No login: the signed link is the key.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.js';
import { UUID } from '../http/params.js';
import { enqueueTasks } from '../notify/outbox.js';
import { getBooking } from '../bookings/admin.js';
import { cancelByRequester, standing } from './service.js';
import { confirmPage, messagePage, PAGE_HEADERS } from './pages.js';
import { verifyCancelToken } from './token.js';

export const cancelPages = new Hono<AppEnv>();


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

/** The page for each way a link can end (the confirm page aside), with its status. */
const PAGES = {
  cancelled: [200, 'Your demo request is cancelled', 'Thank you for letting us know. You are welcome to book again at any time.'],
  already_cancelled: [200, 'Already cancelled', 'This demo request is cancelled. Nothing more to do.'],
  not_cancellable: [409, 'This request can no longer be cancelled', 'Please reply to your confirmation email if anything has changed.'],
  not_found: [404, 'Request not found', 'We could not find this demo request.'],
} as const;

const outcomePage = (c: Context<AppEnv>, outcome: keyof typeof PAGES) => {
  const [status, title, message] = PAGES[outcome];
  return respond(c, status, messagePage(title, message));
};

cancelPages.get(`/:id{${UUID}}`, async (c) => {
  const id = c.req.param('id').toLowerCase();
  const token = c.req.query('token');
  const refused = await refuse(c, id, token);
  if (refused) return refused;
  const found = await getBooking(c.var.db, id);
  const where = standing(found);
  if (where !== 'cancellable') return outcomePage(c, where);
  return respond(c, 200, confirmPage(found!.row.organization_name, describeDate(found!.row.preferred_date), token!));
});

cancelPages.post(`/:id{${UUID}}`, async (c) => {
  const id = c.req.param('id').toLowerCase();
  const form = await c.req.parseBody();
  const refused = await refuse(c, id, typeof form.token === 'string' ? form.token : undefined);
  if (refused) return refused;
  const now = new Date();
  const outcome = await cancelByRequester(c.var.db, id, now);
  if (outcome.result === 'cancelled') {
    await enqueueTasks(c.env, c.var.db, outcome.tasks, now);
    console.log(JSON.stringify({ event: 'booking_cancelled_by_requester', booking_id: id }));
  }
  return outcomePage(c, outcome.result);
});
