/**
 * The admin API as the console uses it: same-origin requests (Cloudflare
 * Access adds the identity to each; nothing is kept in localStorage), and
 * refusals turned into words a rep can act on.
 */
import type {
  Booking,
  BookingDetail,
  BookingPage,
  EmailResend,
  Insights,
  Me,
  PatchBookingRequest,
  ProblemBody,
  Redelivery,
} from '../contract/api.js';
import type { BookingStatus } from '../contract/limits.js';

export type { Booking, BookingDetail, HistoryEntry, Insights } from '../contract/api.js';

/** The list's filters, as the API names them. */
export interface Filters {
  status?: BookingStatus;
  q?: string;
  created_after?: string;
  created_before?: string;
  webhook?: 'failed';
  email_status?: 'failed';
}

/** A refusal, in words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const WORDS: Record<number, string> = {
  401: 'Your session has ended. Reload the page to sign in again.',
  403: 'This change was refused: it did not come from the console.',
  404: 'This booking no longer exists.',
  409: 'Someone changed this booking meanwhile; it has been refreshed, so check it and try again.',
};

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...init.headers } });
  if (res.ok) return (await res.json()) as T;
  let detail = '';
  try {
    const problem = (await res.json()) as Partial<ProblemBody>;
    detail = problem.errors?.map((e) => e.message).join(' ') || problem.detail || '';
  } catch {
    // not problem+json: the status speaks
  }
  const known = res.status === 422 ? undefined : WORDS[res.status];
  const message = res.status === 409 ? `${WORDS[409]} ${detail}`.trim() : (known ?? detail);
  throw new ApiError(res.status, message || `The request failed (${res.status}).`);
}

/** The query string of filters (empty values left out). */
export const filterQuery = (f: Filters, extra: Record<string, string> = {}) =>
  new URLSearchParams(
    Object.entries({ ...f, ...extra }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  ).toString();

export const api = {
  me: () => call<Me>('/api/me'),
  list: (f: Filters, cursor?: string) =>
    call<BookingPage>(`/api/bookings?${filterQuery(f, { limit: '50', ...(cursor ? { cursor } : {}) })}`),
  insights: () => call<Insights>('/api/bookings/insights'),
  get: (id: string) => call<BookingDetail>(`/api/bookings/${id}`),
  patch: (id: string, body: PatchBookingRequest) =>
    call<Booking>(`/api/bookings/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  cancel: (id: string, reason: string) =>
    call<Booking>(`/api/bookings/${id}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(reason ? { reason } : {}),
    }),
  redeliver: (id: string) => call<Redelivery>(`/api/bookings/${id}/webhook/redeliver`, { method: 'POST' }),
  resendEmail: (id: string) => call<EmailResend>(`/api/bookings/${id}/email/resend`, { method: 'POST' }),
  redact: (id: string) => call<Booking>(`/api/bookings/${id}/redact`, { method: 'POST' }),
  exportUrl: (f: Filters) => `/api/bookings/export.csv?${filterQuery(f)}`,
};
