/**
 * The admin API as the console uses it: same-origin requests (Cloudflare
 * Access adds the identity to each; nothing is kept in localStorage), and
 * refusals turned into words a rep can act on.
 */
import type { BookingStatus, HistoryType } from '../contract/limits.js';

export interface Booking {
  id: string;
  organization_name: string;
  organization_id: string | null;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  organization_size: string | null;
  preferred_date: string | null;
  message: string | null;
  status: BookingStatus;
  confirmation_sent_at: string | null;
  webhook_delivered_at: string | null;
  webhook_attempts: number;
  webhook_status: 'pending' | 'delivered' | 'failed' | 'none';
  email_status: 'pending' | 'sent' | 'failed' | 'none';
  source_url: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  click_ids: Record<string, string> | null;
  referrer: string | null;
  landing_page: string | null;
  first_touch: (Record<string, unknown> & { at: string }) | null;
  ip_address: string | null;
  created_at: string;
  updated_at: string;
  redacted_at: string | null;
  spam_reason: string | null;
  timezone: string | null;
  locale: string | null;
  meeting_url: string | null;
  consent_text: string | null;
  consent_at: string | null;
  privacy_url: string | null;
  archived_at?: string | null;
}

export interface Notification {
  id: string;
  kind: 'email' | 'webhook';
  event_type: string;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  last_error: string | null;
  completed_at: string | null;
}

export interface HistoryEntry {
  id: string;
  type: HistoryType;
  from_status: BookingStatus | null;
  to_status: BookingStatus | null;
  actor: string;
  at: string;
  details: Record<string, unknown>;
}

export type BookingDetail = Booking & { notifications: Notification[]; events: HistoryEntry[] };

export interface Insights {
  counts: Record<BookingStatus, number>;
  weeks: { week: string; counts: Record<BookingStatus, number> }[];
  sources: { utm_source: string | null; count: number }[];
}

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
    const problem = (await res.json()) as { detail?: string; errors?: { message: string }[] };
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
  me: () => call<{ actor: string }>('/api/me'),
  list: (f: Filters, cursor?: string) =>
    call<{ data: Booking[]; next_cursor: string | null }>(
      `/api/bookings?${filterQuery(f, { limit: '50', ...(cursor ? { cursor } : {}) })}`,
    ),
  insights: () => call<Insights>('/api/bookings/insights'),
  get: (id: string) => call<BookingDetail>(`/api/bookings/${id}`),
  patch: (id: string, body: Record<string, unknown>) =>
    call<Booking>(`/api/bookings/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  cancel: (id: string, reason: string) =>
    call<Booking>(`/api/bookings/${id}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(reason ? { reason } : {}),
    }),
  redeliver: (id: string) => call<unknown>(`/api/bookings/${id}/webhook/redeliver`, { method: 'POST' }),
  resendEmail: (id: string) => call<unknown>(`/api/bookings/${id}/email/resend`, { method: 'POST' }),
  redact: (id: string) => call<Booking>(`/api/bookings/${id}/redact`, { method: 'POST' }),
  exportUrl: (f: Filters) => `/api/bookings/export.csv?${filterQuery(f)}`,
};
