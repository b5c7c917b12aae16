/**
 * GET /cancel/:id?token=…  shows what will be cancelled and asks;
 * POST /cancel/:id (form field token) cancels. No login: the signed link is the key.
 */
import { createRoute, type Hook, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { acceptLanguages, INTL, type Locale, pickLocale } from '../../contract/i18n.js';
import { REQUESTER_WORDS } from '../../contract/words/requester/index.js';
import { findBooking } from '../bookings/repository.js';
import { idParams } from '../bookings/requests.js';
import type { Booking } from '../db/schema.js';
import { sendAfterCommit } from '../http/after-commit.js';
import type { AppEnv } from '../http/app-env.js';
import { PUBLIC_SECURITY, page, problem, serverError } from '../http/openapi.js';
import { Problem } from '../http/problem.js';
import { findRep } from '../team/service.js';
import { confirmPage, demoPage, messagePage, movedPage, type Outcome, PAGE_HEADERS } from './pages.js';
import { cancelByRequester, movable, moveByRequester, otherTimesOf, type Standing, standing } from './service.js';
import { verifyCancelToken } from './token.js';

type Page = ReturnType<typeof messagePage>;
const respond = async (c: Context<AppEnv>, status: 200 | 400 | 404 | 409 | 410, body: Page) => c.html(await body, status, PAGE_HEADERS);

/** The language of a page before the booking is known: the browser's (Accept-Language). */
const browserLocale = (c: Context<AppEnv>) => pickLocale(acceptLanguages(c.req.header('accept-language')));

/** The status of each way a link can end (the confirm page aside). */
const STATUS: Record<Outcome, 200 | 400 | 404 | 409 | 410> = {
  cancelled: 200,
  alreadyCancelled: 200,
  notCancellable: 409,
  notFound: 404,
  expired: 410,
  broken: 400,
};

const outcomePage = (c: Context<AppEnv>, outcome: Outcome, locale: Locale = browserLocale(c)) =>
  respond(c, STATUS[outcome], messagePage(locale, outcome));

/** A link that cannot be one answers a page too, as everything here does: an id that is no id is not found, anything else does not work. */
const pageHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  return outcomePage(c, result.target === 'param' ? 'notFound' : 'broken');
};

export const cancelPages = new OpenAPIHono<AppEnv>({ defaultHook: pageHook });

/** The token's verdict as a page, or null when it is valid. */
async function refuse(c: Context<AppEnv>, id: string, token: string | undefined) {
  const verdict = token ? await verifyCancelToken(c.get('config').WEBHOOK_SECRET, id, token, new Date()) : 'invalid';
  if (verdict === 'valid') return null;
  return outcomePage(c, verdict === 'expired' ? 'expired' : 'broken');
}

/** The preferred time as the requester's language writes it, in their zone (UTC when unknown), with the zone's name. */
function describeDate(iso: string | null, locale: Locale, timeZone: string | null) {
  if (!iso) return null;
  const zone = timeZone ?? 'UTC';
  const when = new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'full', timeStyle: 'short', timeZone: zone });
  return `${when.format(new Date(iso))} (${zone})`;
}

/** What the requester's standing (service.ts) shows. */
const OUTCOME_OF: Record<Exclude<Standing, 'cancellable'> | 'cancelled', Outcome> = {
  cancelled: 'cancelled',
  already_cancelled: 'alreadyCancelled',
  not_cancellable: 'notCancellable',
  not_found: 'notFound',
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
  if (found && movable(found)) return respond(c, 200, await bookedDemoPage(c, found.row, token ?? ''));
  const where = standing(found);
  if (where !== 'cancellable' || !found) return outcomePage(c, where === 'cancellable' ? 'notFound' : OUTCOME_OF[where]);
  const locale = found.row.locale ?? 'en';
  const when = describeDate(found.row.preferred_date, locale, found.row.timezone);
  return respond(c, 200, confirmPage(locale, found.row.organization_name, when, token ?? ''));
});

/** A booked demo's page: when and with whom, the rep's other free times, and cancelling. */
async function bookedDemoPage(c: Context<AppEnv>, booking: Booking, token: string, alert?: [string, string]) {
  const locale = booking.locale ?? 'en';
  const zone = booking.timezone ?? 'UTC';
  const intl = INTL[locale];
  const short = new Intl.DateTimeFormat(intl, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
  });
  const [rep, times] = await Promise.all([
    findRep(c.get('db'), booking.assigned_rep_id ?? ''),
    otherTimesOf(c.get('db'), c.get('config'), booking, new Date()),
  ]);
  return demoPage(locale, {
    id: booking.id,
    org: booking.organization_name,
    rep: rep?.name ?? '',
    when: describeDate(booking.preferred_date, locale, booking.timezone) ?? '',
    token,
    times: times.slice(0, OTHER_TIMES_MAX).map((t) => ({
      iso: new Date(t).toISOString(),
      label: short.format(t),
      full: describeDate(new Date(t).toISOString(), locale, booking.timezone) ?? '',
    })),
    ...(alert ? { alert } : {}),
  });
}

/** How many other times a booked demo's page offers. */
const OTHER_TIMES_MAX = 24;

const move = createRoute({
  method: 'post',
  path: '/{id}/move',
  operationId: 'moveByRequester',
  summary: 'Move a booked demo to another free time of its rep (a form of the demo page)',
  tags: ['requester'],
  security: PUBLIC_SECURITY,
  middleware: [limitForm] as const,
  request: {
    params: idParams,
    body: {
      required: true,
      content: {
        'application/x-www-form-urlencoded': {
          schema: z.object({ token, slot_start: z.iso.datetime().meta({ description: 'One of the times the page offered.' }) }),
        },
      },
    },
  },
  responses: {
    200: page('Moved: the new time; the updated invitation follows by email.'),
    ...outcomes,
    409: page('The time was taken meanwhile (the page offers the others), or the demo can no longer move.'),
    413: problem(`Form over ${FORM_BYTES_MAX} bytes.`),
    415: problem('Not a form.'),
  },
});

cancelPages.openapi(move, async (c) => {
  const { id } = c.req.valid('param');
  const form = c.req.valid('form');
  const refused = await refuse(c, id, form.token);
  if (refused) return refused;
  const now = new Date();
  const outcome = await moveByRequester(c.get('db'), c.get('config'), id, form.slot_start, now);
  if (outcome.result === 'moved') {
    await sendAfterCommit(c, outcome.tasks, now);
    c.get('log').info('booking_moved_by_requester', { booking_id: id });
    const locale = outcome.booking.locale ?? 'en';
    return respond(c, 200, movedPage(locale, describeDate(outcome.booking.preferred_date, locale, outcome.booking.timezone) ?? ''));
  }
  const found = await findBooking(c.get('db'), id);
  if (outcome.result === 'taken' && found && movable(found))
    return respond(c, 409, await bookedDemoPage(c, found.row, form.token ?? '', REQUESTER_WORDS[found.row.locale ?? 'en'].pages.taken));
  const locale = found?.row.locale ?? browserLocale(c);
  return outcomePage(
    c,
    outcome.result === 'taken' || outcome.result === 'not_movable' ? 'notCancellable' : OUTCOME_OF[outcome.result],
    locale,
  );
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
  // The answer speaks the booking's language, as its emails did.
  const booking = outcome.result === 'cancelled' ? outcome.booking : (await findBooking(c.get('db'), id))?.row;
  return outcomePage(c, OUTCOME_OF[outcome.result], booking?.locale ?? browserLocale(c));
});
