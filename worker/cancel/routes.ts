/**
 * GET /cancel/:id?token=…  shows what will be cancelled and asks;
 * POST /cancel/:id (form field token) cancels. No login: the signed link is the key.
 */
import { createRoute, type Hook, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { findBooking } from '../bookings/repository.js';
import { idParams } from '../bookings/requests.js';
import { sendAfterCommit } from '../http/after-commit.js';
import type { AppEnv } from '../http/app-env.js';
import { PUBLIC_SECURITY, page, problem, serverError } from '../http/openapi.js';
import { Problem } from '../http/problem.js';
import { confirmPage, messagePage, PAGE_HEADERS } from './pages.js';
import { cancelByRequester, standing } from './service.js';
import { verifyCancelToken } from './token.js';

type Page = ReturnType<typeof messagePage>;
const respond = async (c: Context<AppEnv>, status: 200 | 400 | 404 | 409 | 410, body: Page) => c.html(await body, status, PAGE_HEADERS);

/** A link that cannot be one answers a page too, as everything here does: an id that is no id is not found, anything else does not work. */
const BROKEN_LINK = ['This link does not work', 'Please use the link from your confirmation email exactly as it was sent.'] as const;
const pageHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  return result.target === 'param' ? outcomePage(c, 'not_found') : respond(c, 400, messagePage(...BROKEN_LINK));
};

export const cancelPages = new OpenAPIHono<AppEnv>({ defaultHook: pageHook });

/** The token's verdict as a page, or null when it is valid. */
async function refuse(c: Context<AppEnv>, id: string, token: string | undefined) {
  const verdict = token ? await verifyCancelToken(c.get('config').WEBHOOK_SECRET, id, token, new Date()) : 'invalid';
  if (verdict === 'valid') return null;
  return verdict === 'expired'
    ? respond(
        c,
        410,
        messagePage('This link has expired', 'Please reply to your confirmation email and we will cancel the request for you.'),
      )
    : respond(c, 400, messagePage(...BROKEN_LINK));
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

/** The cancel form is tiny; anything bigger is not ours. */
const FORM_BYTES_MAX = 4096;
const limitForm = bodyLimit({
  maxSize: FORM_BYTES_MAX,
  onError: () => {
    throw new Problem(413, `The form must be at most ${FORM_BYTES_MAX} bytes.`);
  },
});

const token = z.string().max(200).optional().meta({ description: 'The signed token from the link in the email.' });
const outcomes = {
  400: page('The link is malformed or its signature does not match.'),
  404: page('No such request (or it was erased).'),
  409: page('The request can no longer be cancelled.'),
  410: page('The link has expired.'),
  ...serverError,
};

const ask = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'cancelPage',
  summary: 'The requester’s cancel page (from the confirmation email)',
  tags: ['requester'],
  security: PUBLIC_SECURITY,
  request: { params: idParams, query: z.object({ token }) },
  responses: { 200: page('What will be cancelled, and a button to cancel it; or that it already is.'), ...outcomes },
});

cancelPages.openapi(ask, async (c) => {
  const { id } = c.req.valid('param');
  const { token } = c.req.valid('query');
  const refused = await refuse(c, id, token);
  if (refused) return refused;
  const found = await findBooking(c.get('db'), id);
  const where = standing(found);
  if (where !== 'cancellable' || !found) return outcomePage(c, where === 'cancellable' ? 'not_found' : where);
  return respond(c, 200, confirmPage(found.row.organization_name, describeDate(found.row.preferred_date), token ?? ''));
});

const cancel = createRoute({
  method: 'post',
  path: '/{id}',
  operationId: 'cancelByRequester',
  summary: 'Cancel the request (the form of the cancel page)',
  tags: ['requester'],
  security: PUBLIC_SECURITY,
  middleware: [limitForm] as const,
  request: {
    params: idParams,
    body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: z.object({ token }) } } },
  },
  responses: {
    200: page('Cancelled, or already cancelled.'),
    ...outcomes,
    413: problem(`Form over ${FORM_BYTES_MAX} bytes.`),
    415: problem('Not a form.'),
  },
});

cancelPages.openapi(cancel, async (c) => {
  const { id } = c.req.valid('param');
  const refused = await refuse(c, id, c.req.valid('form').token);
  if (refused) return refused;
  const now = new Date();
  const outcome = await cancelByRequester(c.get('db'), id, now);
  if (outcome.result === 'cancelled') {
    await sendAfterCommit(c, outcome.tasks, now);
    c.get('log').info('booking_cancelled_by_requester', { booking_id: id });
  }
  return outcomePage(c, outcome.result);
});
