/**
 * Limits and enumerations of a demo booking, shared by the widget and the
 * worker. Plain data only: importing this file pulls in no server code.
 */

/** Organization size bands offered to the requester (peer mentors / members). */
export const ORGANIZATION_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1001+'] as const;
export type OrganizationSize = (typeof ORGANIZATION_SIZES)[number];

/** Lifecycle states of a booking (valid_status_transition). */
export const BOOKING_STATUSES = ['pending', 'spam', 'confirmed', 'no_show', 'completed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Why the spam defences kept a submission as `spam`. */
export const SPAM_REASONS = ['honeypot', 'too_fast', 'turnstile'] as const;
export type SpamReason = (typeof SPAM_REASONS)[number];

/**
 * Where the sales webhook of a booking stands, as an admin filters on it:
 * `failed` while any of its webhooks failed and was not redelivered, else
 * `delivered` once its created event was, `none` for a booking sales tools
 * never hear of (spam, or erased before it was sent), else `pending`.
 */
export const WEBHOOK_STATES = ['pending', 'delivered', 'failed', 'none'] as const;
export type WebhookState = (typeof WEBHOOK_STATES)[number];

/**
 * Where a booking's emails to the prospect stand, as an admin filters on them:
 * `failed` while any of its emails failed and was not resent, else `sent`
 * once the confirmation was accepted by the email service, `none` for a
 * booking that is never emailed (spam, or erased before it was sent), else
 * `pending`.
 */
export const EMAIL_STATES = ['pending', 'sent', 'failed', 'none'] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

/** The channels a notification task goes out on. */
export const NOTIFICATION_KINDS = ['email', 'webhook'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who a notification goes to: the prospect (a webhook: the sales tools), or a booked slot's rep. */
export const RECIPIENTS = ['prospect', 'rep'] as const;
export type Recipient = (typeof RECIPIENTS)[number];

/** Where a notification task stands. */
export const TASK_STATES = ['pending', 'done', 'failed'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** How GET /api/bookings/report groups a period's requests. */
export const REPORT_GROUPS = ['week', 'month', 'source', 'campaign'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** Event types of the sales webhook: one per change a sales tool hears about. */
export const EVENT_TYPES = [
  'demo_booking.created',
  'demo_booking.confirmed',
  'demo_booking.rescheduled',
  'demo_booking.cancelled',
  'demo_booking.completed',
  'demo_booking.no_show',
  'demo_booking.reassigned',
  'demo_booking.outcome_undone',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Kinds of entries in a booking's history: one per change. `updated` is a
 * change of organization_id, or of the time of a booking not yet confirmed.
 */
export const HISTORY_TYPES = [
  'created',
  'confirmed',
  'rescheduled',
  'cancelled',
  'completed',
  'no_show',
  'spam_rescued',
  'updated',
  'redacted',
  'archived',
  'reassigned',
  'outcome_undone',
  'note',
] as const;
export type HistoryType = (typeof HISTORY_TYPES)[number];

/** Who made a change: the requester, the system (spam checks, jobs), or an admin's identity. */
export const ACTOR_REQUESTER = 'requester';
export const ACTOR_SYSTEM = 'system';

export const LIMITS = {
  nameMax: 200,
  emailMax: 254,
  phoneMax: 32,
  phoneDigitsMin: 7,
  phoneDigitsMax: 15,
  messageMax: 5000,
  urlMax: 2048,
  utmMax: 255,
  /** An ad click id (Google's gclid is ~100 characters). */
  clickIdMax: 512,
  /** The consent text a marketer shows beside the box. */
  consentTextMax: 1000,
  /** How long the first campaign of a visitor is kept: first touch. */
  firstTouchDays: 90,
  /** How long the most recent campaign is kept: last touch. */
  lastTouchDays: 30,
  timezoneMax: 64,
  /** The meeting link sales may give when confirming. */
  meetingUrlMax: 2048,
  /** The preferred date is at least this far ahead of the submission. */
  minLeadHours: 24,
  /** ... and at most this far ahead. */
  maxAheadDays: 365,
  /** rate_limit_per_email: this many pending bookings per address ... */
  pendingPerEmail: 3,
  /** ... created within this window. */
  pendingWindowDays: 7,
  /** An Idempotency-Key answers with its first result for this long. */
  idempotencyHours: 24,
  idempotencyKeyMax: 255,
  /** A form sent sooner than this after it was shown was not filled by a person. */
  minFillMs: 1500,
  /** Request bodies above this size are refused with 413. */
  bodyBytesMax: 32 * 1024,
  /** A completed or no-show recorded by mistake can be undone this long after (a correction in the history). */
  outcomeUndoMinutes: 10,
  /** A note on a booking. */
  noteMax: 2000,
} as const;

/** The requester's fields of the create request, in form order. */
export const BOOKING_FIELDS = [
  'organization_name',
  'contact_name',
  'contact_email',
  'contact_phone',
  'organization_size',
  'preferred_date',
  'message',
  'source_url',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'referrer',
  'landing_page',
  'timezone',
] as const;
export type BookingField = (typeof BOOKING_FIELDS)[number];

/** The five UTM parameters, in the order marketers name them. */
export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
export type UtmKey = (typeof UTM_KEYS)[number];

/** Ad click ids a visit may arrive with: Google (gclid, gbraid, wbraid), Meta, Microsoft, LinkedIn, TikTok. */
export const CLICK_ID_KEYS = ['gclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'li_fat_id', 'ttclid'] as const;
export type ClickIdKey = (typeof CLICK_ID_KEYS)[number];
export type ClickIds = Partial<Record<ClickIdKey, string>>;

/** A campaign touch: the UTM values and click ids seen together. */
export type Touch = Partial<Record<UtmKey, string>> & { click_ids?: ClickIds };
/** The first touch, and when it was. */
export type FirstTouch = Touch & { at: string };

/** The requester's fields as the API takes them (all strings). */
export type BookingInput = { [K in BookingField]?: string | null };
