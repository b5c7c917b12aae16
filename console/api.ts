/**
 * The admin API as the console uses it: same-origin requests (Cloudflare
 * Access adds the identity to each; nothing is kept in localStorage), and
 * refusals turned into words a rep can act on.
 */
import type {
  AddFeedRequest,
  Booking,
  BookingDetail,
  BookingPage,
  BookingsVersion,
  CalendarFeed,
  CreateRepRequest,
  DemoList,
  EmailResend,
  HistoryEntry,
  Insights,
  Me,
  PatchBookingRequest,
  PatchRepRequest,
  PersonErased,
  ProblemBody,
  Redelivery,
  RedeliveryOfAll,
  Report,
  Routing,
  RoutingDryRun,
  RoutingHistory,
  SalesRep,
  SalesRepDetail,
  StatusCounts,
  TeamPage,
  TeamSync,
} from '../contract/api.js';
import type { BookingStatus } from '../contract/limits.js';
import type { RoutingRule } from '../contract/routing.js';

export type {
  Booking,
  BookingDetail,
  CalendarFeed,
  Funnel,
  HistoryEntry,
  Insights,
  Report,
  RoutingDryRun,
  RoutingVersion,
  SalesRep,
  SalesRepDetail,
} from '../contract/api.js';

/** The list's filters, as the API names them. */
export interface Filters {
  status?: BookingStatus;
  q?: string;
  created_after?: string;
  created_before?: string;
  utm_source?: string;
  utm_campaign?: string;
  sort?: 'largest';
  webhook?: 'failed';
  email_status?: 'failed';
}

/** A refusal, in words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The refused rule's name, when the server gave one. */
    readonly rule: string | null = null,
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

/** The team's refusals speak of the team (a 409 there is a rule, in the server's words). */
const TEAM_WORDS: Record<number, string> = { ...WORDS, 404: 'This rep or calendar no longer exists. Reload the team.' };

const sendJson = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function call<T>(path: string, init: RequestInit = {}, words = WORDS): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...init.headers } });
  if (res.ok) return (await res.json()) as T;
  let detail = '';
  let rule: string | null = null;
  try {
    const problem = (await res.json()) as Partial<ProblemBody>;
    detail = problem.errors?.map((e) => e.message).join(' ') || problem.detail || '';
    rule = problem.rule ?? null;
  } catch {
    // not problem+json: the status speaks
  }
  // A taken time is a rule about the rep's calendar, not a booking that changed meanwhile: the server's words.
  const ruleSpeaks = res.status === 422 || (res.status === 409 && (words !== WORDS || rule === 'slot_unavailable'));
  const known = ruleSpeaks ? undefined : words[res.status];
  const message = res.status === 409 && !ruleSpeaks ? `${WORDS[409]} ${detail}`.trim() : (known ?? detail);
  throw new ApiError(res.status, message || `The request failed (${res.status}).`, rule);
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
  version: () => call<BookingsVersion>('/api/bookings/version'),
  counts: (f: Filters) => call<StatusCounts>(`/api/bookings/counts?${filterQuery(f)}`),
  report: (from: string, to: string, by: string) => call<Report>(`/api/bookings/report?${new URLSearchParams({ from, to, by })}`),
  get: (id: string) => call<BookingDetail>(`/api/bookings/${id}`),
  demos: (from: string, to: string, repId?: string) =>
    call<DemoList>(`/api/bookings/demos?${new URLSearchParams({ from, to, ...(repId ? { rep_id: repId } : {}) })}`),
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
  redeliverFailed: () => call<RedeliveryOfAll>('/api/bookings/webhook/redeliver-failed', { method: 'POST' }),
  erasePerson: (email: string) =>
    call<PersonErased>('/api/bookings/redact-by-email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    }),
  addNote: (id: string, text: string) =>
    call<HistoryEntry>(`/api/bookings/${id}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    }),
  undoOutcome: (id: string) => call<Booking>(`/api/bookings/${id}/undo-outcome`, { method: 'POST' }),
  /** The CSV of a filter, with the times also on the viewer's clock; `excel` adds the BOM and writes phone numbers as text. */
  exportUrl: (f: Filters, excel = false) =>
    `/api/bookings/export.csv?${filterQuery(f, { time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone, ...(excel ? { excel: 'true' } : {}) })}`,
  team: () => call<TeamPage>('/api/team', {}, TEAM_WORDS),
  rep: (id: string) => call<SalesRepDetail>(`/api/team/${id}`, {}, TEAM_WORDS),
  createRep: (body: CreateRepRequest) => call<SalesRep>('/api/team', sendJson('POST', body), TEAM_WORDS),
  patchRep: (id: string, body: PatchRepRequest) => call<SalesRep>(`/api/team/${id}`, sendJson('PATCH', body), TEAM_WORDS),
  addFeed: (id: string, body: AddFeedRequest) => call<CalendarFeed>(`/api/team/${id}/calendars`, sendJson('POST', body), TEAM_WORDS),
  removeFeed: (id: string, feedId: string) => call<SalesRep>(`/api/team/${id}/calendars/${feedId}`, { method: 'DELETE' }, TEAM_WORDS),
  sync: (id: string) => call<TeamSync>(`/api/team/${id}/sync`, { method: 'POST' }, TEAM_WORDS),
  routing: () => call<Routing>('/api/routing'),
  saveRouting: (rules: RoutingRule[]) => call<Routing>('/api/routing', sendJson('PUT', { rules }), TEAM_WORDS),
  routingHistory: () => call<RoutingHistory>('/api/routing/history'),
  dryRun: (body: Record<string, unknown>) => call<RoutingDryRun>('/api/routing/dry-run', sendJson('POST', body), TEAM_WORDS),
};
