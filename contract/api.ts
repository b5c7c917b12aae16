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
  SpamReason,
  TaskState,
  WebhookState,
} from './limits.js';
import type { FieldError, RuleName } from './rules.js';

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
  /** Present on a booking read from the archive. */
  archived_at?: string | null;
}

/** Where one notification task of a booking stands. */
export interface Notification {
  /** The task id; for a webhook, its webhook-id. */
  id: string;
  kind: NotificationKind;
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
>;

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
