/**
 * The HTTP API's answers and admin requests as TypeScript types: the one
 * place they are written. The worker's zod schemas are checked against these
 * at compile time (worker/bookings/api-contract.ts fails the type check when
 * one drifts); the console, the widget and the tests read the API through
 * them.
 */
import type { Locale } from './i18n.js';
import type {
  BookingStatus,
  ClickIds,
  EmailState,
  EventType,
  FirstTouch,
  HistoryType,
  NotificationKind,
  OrganizationSize,
  Recipient,
  ReportGroup,
  SpamReason,
  TaskState,
  WebhookState,
} from './limits.js';
import type { RoutingRule } from './routing.js';
import type { FieldError, RuleName } from './rules.js';
import type { SlotMode } from './slots.js';
import type { BusySource, DateOverrides, TeamEventType, WorkingHours } from './team.js';

/** A booking as the admin API, the webhook and the CSV show it (dates are ISO 8601 UTC strings). */
export interface Booking {
  id: string;
  organization_name: string;
  organization_id: string | null;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  organization_size: OrganizationSize | null;
  preferred_date: string | null;
  message: string | null;
  status: BookingStatus;
  confirmation_sent_at: string | null;
  webhook_delivered_at: string | null;
  webhook_attempts: number;
  webhook_status: WebhookState;
  email_status: EmailState;
  source_url: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  click_ids: ClickIds | null;
  referrer: string | null;
  landing_page: string | null;
  first_touch: FirstTouch | null;
  consent_text: string | null;
  consent_at: string | null;
  privacy_url: string | null;
  ip_address: string | null;
  created_at: string;
  updated_at: string;
  redacted_at: string | null;
  spam_reason: SpamReason | null;
  timezone: string | null;
  locale: Locale | null;
  meeting_url: string | null;
  /** A booked slot's end (its start is preferred_date); null for a request with a preferred time. */
  slot_end: string | null;
  /** The rep who has the demo. */
  assigned_rep_id: string | null;
  /** Present on a booking read from the archive. */
  archived_at?: string | null;
}

/** Where one notification task of a booking stands. */
export interface Notification {
  /** The task id; for a webhook, its webhook-id. */
  id: string;
  kind: NotificationKind;
  /** Who it goes to: the prospect (a webhook: the sales tools), or a booked slot's rep. */
  recipient: Recipient;
  event_type: EventType;
  state: TaskState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  completed_at: string | null;
}

/** One entry of a booking's history. */
export interface HistoryEntry {
  id: string;
  type: HistoryType;
  from_status: BookingStatus | null;
  to_status: BookingStatus | null;
  /** `requester`, `system`, or the admin who made the change. */
  actor: string;
  at: string;
  details: Record<string, unknown>;
}

/** GET /api/bookings/{id}. */
export type BookingDetail = Booking & { notifications: Notification[]; events: HistoryEntry[] };

/** GET /api/bookings. */
/** GET /api/bookings/demos: booked demos, soonest first. */
export interface DemoList {
  data: Booking[];
}

export interface BookingPage {
  data: Booking[];
  next_cursor: string | null;
}

/** The 201 answer to POST /api/bookings: the id, the status and what the requester sent, as stored. */
export type CreatedBooking = Pick<
  Booking,
  | 'id'
  | 'status'
  | 'organization_name'
  | 'contact_name'
  | 'contact_email'
  | 'contact_phone'
  | 'organization_size'
  | 'preferred_date'
  | 'message'
  | 'source_url'
  | 'utm_source'
  | 'utm_medium'
  | 'utm_campaign'
  | 'utm_term'
  | 'utm_content'
  | 'click_ids'
  | 'referrer'
  | 'landing_page'
  | 'first_touch'
  | 'consent_text'
  | 'consent_at'
  | 'privacy_url'
  | 'created_at'
  | 'slot_end'
> & {
  /** The rep a booked slot went to (their name is shown to the prospect), or null for a request. */
  assigned_rep: { id: string; name: string } | null;
};

/** One group's funnel in GET /api/bookings/report: requests and what became of them, by their status now. */
export interface Funnel {
  /** Requests created in the period (spam left out). */
  requested: number;
  /** Of those, the demos that took a time and kept it: confirmed, completed or no-show now. */
  confirmed: number;
  completed: number;
  no_show: number;
  cancelled: number;
}

/** GET /api/bookings/report. */
export interface Report {
  from: string;
  to: string;
  by: ReportGroup;
  /** Weeks and months oldest first (`2026-11-02`, `2026-11`); sources and campaigns most requests first (null: none given). */
  rows: (Funnel & { key: string | null })[];
  total: Funnel;
}

/** GET /api/bookings/version. */
export interface BookingsVersion {
  version: string | null;
}

/** GET /api/bookings/counts. */
export interface StatusCounts {
  counts: Record<BookingStatus, number>;
}

/** GET /api/bookings/insights. */
export interface Insights {
  counts: Record<BookingStatus, number>;
  weeks: { week: string; counts: Record<BookingStatus, number> }[];
  sources: { utm_source: string | null; count: number }[];
}

/** POST /api/bookings/{id}/webhook/redeliver. */
export interface Redelivery {
  id: string;
  redelivering: { webhook_id: string; event_type: string }[];
}

/** POST /api/bookings/webhook/redeliver-failed: how many webhooks were restarted, and whether failing bookings are left. */
export interface RedeliveryOfAll {
  redelivering: number;
  more: boolean;
}

/** POST /api/bookings/redact-by-email: the bookings erased now, and whether some are left. */
export interface PersonErased {
  booking_ids: string[];
  more: boolean;
}

/** POST /api/bookings/{id}/email/resend. */
export interface EmailResend {
  id: string;
  resending: { task_id: string; event_type: string }[];
}

/** PATCH /api/bookings/{id}. */
export interface PatchBookingRequest {
  status?: BookingStatus;
  organization_id?: string | null;
  preferred_date?: string | null;
  meeting_url?: string | null;
  reason?: string;
  /** A booked slot's new start (a move): the same rep unless `assigned_rep_id` names another. */
  slot_start?: string;
  /** A booked slot's new rep (a reassignment). */
  assigned_rep_id?: string;
}

/** GET /api/me. */
export interface Me {
  actor: string;
}

/** Every refusal: RFC 9457 problem+json, with the rule name where one applies. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  rule?: RuleName;
  errors?: FieldError[];
}

/** A calendar feed as answers show it: the address masked (scheme, host, …), its health. */
export interface CalendarFeed {
  id: string;
  /** `https://calendar.google.com/…`: the secret part of the address is never shown. */
  url: string;
  created_at: string;
  last_attempt_at: string | null;
  last_ok_at: string | null;
  /** Why the last sync failed, or null. */
  last_error: string | null;
  /** Busy intervals kept from the last successful sync. */
  busy_count: number;
  /** No successful sync for STALE_FEED_MINUTES: the rep is offered to nobody until it syncs. */
  stale: boolean;
}

/** A sales rep (SPEC 8.1), with their feeds. */
export interface SalesRep {
  id: string;
  name: string;
  email: string;
  time_zone: string;
  working_hours: WorkingHours;
  date_overrides: DateOverrides;
  languages: Locale[];
  meeting_url: string | null;
  weight: number;
  active: boolean;
  created_at: string;
  updated_at: string;
  calendars: CalendarFeed[];
}

/** One entry of the team's history. */
export interface TeamHistoryEntry {
  id: string;
  type: TeamEventType;
  actor: string;
  at: string;
  details: Record<string, unknown>;
}

/** GET /api/team/{id}: the rep, their feeds and the history of changes to them. */
export type SalesRepDetail = SalesRep & { events: TeamHistoryEntry[] };

/** GET /api/team. */
export interface TeamPage {
  data: SalesRep[];
}

/** POST /api/team. */
export interface CreateRepRequest {
  name: string;
  email: string;
  time_zone: string;
  /** A missing day is a day off. */
  working_hours?: Partial<WorkingHours>;
  date_overrides?: DateOverrides;
  languages?: Locale[];
  meeting_url?: string | null;
  weight?: number;
}

/** PATCH /api/team/{id}: any field of the create, and `active`. */
export type PatchRepRequest = Partial<CreateRepRequest> & { active?: boolean };

/** POST /api/team/{id}/calendars. */
export interface AddFeedRequest {
  url: string;
}

/** POST /api/team/{id}/sync: the feeds handed to the sync queue, as they stand. */
export interface TeamSync {
  id: string;
  queued: CalendarFeed[];
}

/** One busy interval of a rep, UTC. */
export interface BusyInterval {
  start: string;
  end: string;
  source: BusySource;
}

/** GET /api/team/{id}/busy. */
export interface BusyPage {
  id: string;
  from: string;
  to: string;
  data: BusyInterval[];
}

/** POST /api/slots: the visitor's zone, the days wanted, and what routing reads (never stored). */
export interface SlotsRequest {
  time_zone: string;
  /** The first day, `YYYY-MM-DD` in `time_zone` (default: today there). */
  from?: string;
  /** 1..31 (default 14). */
  days?: number;
  organization_size?: OrganizationSize | null;
  locale?: Locale | null;
  contact_email?: string | null;
}

/** One offered slot, UTC. */
export interface Slot {
  start: string;
  end: string;
}

/** The answer to POST /api/slots. */
export interface SlotsAnswer {
  mode: SlotMode;
  time_zone: string;
  duration_minutes: number;
  slots: Slot[];
}

/** 409 slot_unavailable: the problem, and the nearest slots still offered. */
export type SlotUnavailable = ProblemBody & { alternatives: Slot[] };

/** GET and PUT /api/routing (SPEC 8.5). */
export interface Routing {
  rules: RoutingRule[];
}

/** One saved version of the routing rules. */
export interface RoutingVersion {
  id: string;
  actor: string;
  at: string;
  rules: RoutingRule[];
}

/** GET /api/routing/history: newest first. */
export interface RoutingHistory {
  data: RoutingVersion[];
}

/** A rep as routing names them. */
export interface RepRef {
  id: string;
  name: string;
}

/** POST /api/routing/dry-run. */
export interface RoutingDryRun {
  rule: string | null;
  eligible_reps: RepRef[];
  owner: RepRef | null;
  pick: RepRef | null;
  why: string[];
}
