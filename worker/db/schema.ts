/**
 * Drizzle tables of the D1 database `main_db`. drizzle-kit generates the SQL
 * in migrations/ from this file; row types are inferred from it.
 *
 * Dates are ISO 8601 UTC strings (`2026-11-27T15:04:10.123Z`): they sort as
 * text, and SQLite's date functions read them.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LOCALES } from '../../contract/i18n.js';
import {
  BOOKING_STATUSES,
  EVENT_TYPES,
  HISTORY_TYPES,
  NOTIFICATION_KINDS,
  ORGANIZATION_SIZES,
  SPAM_REASONS,
  TASK_STATES,
} from '../../contract/limits.js';
import type { RoutingRule } from '../../contract/routing.js';
import { type DateOverrides, TEAM_EVENT_TYPES, TEAM_LIMITS, type WorkingHours } from '../../contract/team.js';

/** Tenants known elsewhere; here only so that organization_id is a real foreign key. */
export const organizations = sqliteTable('organizations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  created_at: text('created_at').notNull(),
});

// IPv4 with the last octet zeroed, or IPv6 keeping at most the first 48 bits
// (three groups, then "::"). The CHECK backs up anonymizeIp in the database.
const ipAnonymized = (column: string) =>
  sql.raw(
    `${column} IS NULL OR ${column} GLOB '[0-9]*.[0-9]*.[0-9]*.0' OR ` +
      `(${column} GLOB '*::' AND length(${column}) - length(replace(${column}, ':', '')) <= 4)`,
  );

const statusIsKnown = sql.raw(`status IN (${BOOKING_STATUSES.map((s) => `'${s}'`).join(', ')})`);

/** The columns every booking has, hot or archived. */
/**
 * A booking's company domain, as an expression of its address (indexed as
 * written: a query must use this very expression to use the index).
 */
export const contactDomain = sql`lower(substr(contact_email, instr(contact_email, '@') + 1))`;

const bookingColumns = {
  id: text('id').primaryKey(),
  organization_name: text('organization_name').notNull(),
  organization_id: text('organization_id').references(() => organizations.id),
  contact_name: text('contact_name').notNull(),
  contact_email: text('contact_email').notNull(),
  /** The mailbox the address delivers to (contract canonicalMailbox): what rate_limit_per_email counts. */
  contact_mailbox: text('contact_mailbox'),
  contact_phone: text('contact_phone'),
  organization_size: text('organization_size', { enum: ORGANIZATION_SIZES }),
  preferred_date: text('preferred_date'),
  message: text('message'),
  status: text('status', { enum: BOOKING_STATUSES }).notNull().default('pending'),
  confirmation_sent_at: text('confirmation_sent_at'),
  webhook_delivered_at: text('webhook_delivered_at'),
  webhook_attempts: integer('webhook_attempts').notNull().default(0),
  source_url: text('source_url'),
  utm_source: text('utm_source'),
  utm_medium: text('utm_medium'),
  utm_campaign: text('utm_campaign'),
  utm_term: text('utm_term'),
  utm_content: text('utm_content'),
  /** JSON object of the ad click ids of the last touch. */
  click_ids: text('click_ids'),
  /** The external site the visit came from. */
  referrer: text('referrer'),
  /** The first page of the visit. */
  landing_page: text('landing_page'),
  /** JSON: the first campaign within 90 days (UTM values, click ids, at). */
  first_touch: text('first_touch'),
  /** Proof of consent: exactly the words the visitor agreed to, when, and the policy they linked to. */
  consent_text: text('consent_text'),
  consent_at: text('consent_at'),
  privacy_url: text('privacy_url'),
  ip_address: text('ip_address'),
  created_at: text('created_at').notNull(),
  updated_at: text('updated_at').notNull(),
  /** Set when the last webhook attempt of a cycle failed; cleared by a redelivery. */
  webhook_failed_at: text('webhook_failed_at'),
  /** Set when the last attempt of one of its emails failed; cleared by a resend. */
  email_failed_at: text('email_failed_at'),
  /** Set when the personal fields were erased on request. */
  redacted_at: text('redacted_at'),
  /** Why a submission was kept as `spam`: honeypot, too_fast or turnstile. */
  spam_reason: text('spam_reason', { enum: SPAM_REASONS }),
  /** The visitor's IANA time zone, for every email to them. */
  timezone: text('timezone'),
  /** The visitor's language (en, de, fr, es): every email to them is written in it. */
  locale: text('locale', { enum: LOCALES }),
  /** The meeting link sales gave when confirming (https). */
  meeting_url: text('meeting_url'),
  /** The history entry of the last change: a change's entry and tasks are written only if its own update applied. */
  last_event_id: text('last_event_id'),
  /** A booked slot's end (its start is preferred_date); null for a request with a preferred time. */
  slot_end: text('slot_end'),
  /** The rep who has the demo (sales_reps.id). */
  assigned_rep_id: text('assigned_rep_id'),
  /**
   * slot_end + BUFFER_MINUTES: the rep is kept free until then. Two active bookings of one rep may not
   * have [preferred_date, blocked_until) ranges that overlap (a trigger refuses it: slot_unavailable).
   */
  blocked_until: text('blocked_until'),
};

/** Bookings of the last 365 days (by created_at): the hot partition. */
export const demoBookings = sqliteTable('demo_bookings', bookingColumns, (t) => [
  index('idx_demo_bookings_status').on(t.status),
  index('idx_demo_bookings_contact_email').on(t.contact_email),
  index('idx_demo_bookings_created_at').on(t.created_at),
  index('idx_demo_bookings_organization_id').on(t.organization_id),
  index('idx_demo_bookings_webhook_delivered_at').on(t.webhook_delivered_at),
  // Beyond the five the data model names, each measured by bench/ (RESULTS.md): the admin
  // list filters read rows already in created_at order instead of sorting
  // every match, and the rate-limit count reads one address's recent rows.
  index('idx_demo_bookings_status_created_at').on(t.status, t.created_at),
  index('idx_demo_bookings_contact_email_created_at').on(t.contact_email, t.created_at),
  index('idx_demo_bookings_webhook_delivered_at_created_at').on(t.webhook_delivered_at, t.created_at),
  // rate_limit_per_email counts one mailbox's recent rows; webhook=failed reads
  // the few failing bookings newest first from a partial index of just them.
  index('idx_demo_bookings_contact_mailbox_created_at').on(t.contact_mailbox, t.created_at),
  // The latest change, read in one step by an open console looking for news.
  index('idx_demo_bookings_updated_at').on(t.updated_at),
  index('idx_demo_bookings_failing_created_at').on(t.created_at).where(sql`webhook_failed_at IS NOT NULL`),
  index('idx_demo_bookings_email_failing_created_at').on(t.created_at).where(sql`email_failed_at IS NOT NULL`),
  // A rep's booked slots, by start: what the overlap trigger and the slots read.
  index('idx_demo_bookings_rep_slot').on(t.assigned_rep_id, t.preferred_date).where(sql`assigned_rep_id IS NOT NULL`),
  // A rep's bookings of the last 30 days, counted from the index alone: weighted round robin's load.
  index('idx_demo_bookings_rep_created').on(t.assigned_rep_id, t.created_at, t.status).where(sql`assigned_rep_id IS NOT NULL`),
  // A company's bookings with a rep, newest first: who owns the account (routing).
  index('idx_demo_bookings_domain_owner').on(contactDomain, t.created_at).where(sql`assigned_rep_id IS NOT NULL`),
  // The team's booked demos by start: the console's day view and agendas.
  index('idx_demo_bookings_slot_start').on(t.preferred_date).where(sql`slot_end IS NOT NULL`),
  check('demo_bookings_ip_address_anonymization', ipAnonymized('ip_address')),
  check('demo_bookings_status_value', statusIsKnown),
]);

/** Bookings older than 365 days, moved here by the daily archive job. */
export const demoBookingsArchive = sqliteTable(
  'demo_bookings_archive',
  { ...bookingColumns, archived_at: text('archived_at').notNull() },
  (t) => [
    index('idx_demo_bookings_archive_created_at').on(t.created_at),
    // Erasure by email reaches the archive too.
    index('idx_demo_bookings_archive_contact_mailbox').on(t.contact_mailbox),
    check('demo_bookings_archive_ip_address_anonymization', ipAnonymized('ip_address')),
  ],
);

/**
 * The transactional outbox: one row per notification task, written in the
 * same batch as the booking, so a lost enqueue is found and sent again.
 * Not a foreign key: a task outlives the move of its booking to the archive.
 */
export const notificationTasks = sqliteTable(
  'notification_tasks',
  {
    /** Also the queue message's task id and, for webhooks, the `webhook-id`. */
    id: text('id').primaryKey(),
    booking_id: text('booking_id').notNull(),
    /** The history entry that caused the task (booking_events.id). */
    event_id: text('event_id'),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    event_type: text('event_type', { enum: EVENT_TYPES }).notNull(),
    /** JSON: what the task needs beyond the row (e.g. the requester's time zone). */
    payload: text('payload').notNull().default('{}'),
    state: text('state', { enum: TASK_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /**
     * The earliest time the next attempt may start: now for a new task, the
     * end of a backoff delay, or the end of a running attempt's lease. A
     * pending task past this by the sweep grace was lost and is re-enqueued.
     */
    next_attempt_at: text('next_attempt_at').notNull(),
    /** A fresh token per attempt: the attempt that holds the task is the one whose token is stored. */
    claim_id: text('claim_id'),
    last_error: text('last_error'),
    created_at: text('created_at').notNull(),
    completed_at: text('completed_at'),
  },
  (t) => [
    index('idx_notification_tasks_sweep').on(t.state, t.next_attempt_at),
    index('idx_notification_tasks_booking_id').on(t.booking_id),
  ],
);

/**
 * A booking's history: one row per change, written in the same batch as the
 * change. Append-only (triggers refuse UPDATE and DELETE; erasure may scrub
 * `details` of a redacted booking). Not a foreign key: the history outlives
 * the move of its booking to the archive.
 */
export const bookingEvents = sqliteTable(
  'booking_events',
  {
    /** UUIDv7: orders a booking's events. */
    id: text('id').primaryKey(),
    booking_id: text('booking_id').notNull(),
    type: text('type', { enum: HISTORY_TYPES }).notNull(),
    from_status: text('from_status', { enum: BOOKING_STATUSES }),
    to_status: text('to_status', { enum: BOOKING_STATUSES }),
    /** `requester`, `system`, or the admin's identity. */
    actor: text('actor').notNull(),
    at: text('at').notNull(),
    /** JSON: what changed beyond the status (old and new preferred_date, a reason, the spam reason). */
    details: text('details').notNull().default('{}'),
  },
  (t) => [index('idx_booking_events_booking_id').on(t.booking_id, t.id)],
);

/** Idempotency-Key records: the first answer to a key, replayed for 24 h. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    key: text('key').notNull(),
    request_hash: text('request_hash').notNull(),
    booking_id: text('booking_id').notNull(),
    response: text('response').notNull(),
    created_at: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key] }), index('idx_idempotency_keys_created_at').on(t.created_at)],
);

/** The sales team (SPEC 8.1). A rep is never deleted: `active = 0` instead, so bookings keep pointing at them. */
export const salesReps = sqliteTable(
  'sales_reps',
  {
    /** UUIDv7. */
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** Lower-cased; unique. */
    email: text('email').notNull(),
    /** IANA zone the working hours are local to. */
    time_zone: text('time_zone').notNull(),
    /** JSON: contract WorkingHours. */
    working_hours: text('working_hours', { mode: 'json' }).$type<WorkingHours>().notNull(),
    /** JSON: contract DateOverrides. */
    date_overrides: text('date_overrides', { mode: 'json' }).$type<DateOverrides>().notNull().default({}),
    /** JSON: the locales the rep demos in; empty means any. */
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default([]),
    meeting_url: text('meeting_url'),
    weight: integer('weight').notNull().default(1),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('idx_sales_reps_email').on(t.email),
    check('sales_reps_weight', sql.raw(`weight BETWEEN ${TEAM_LIMITS.weightMin} AND ${TEAM_LIMITS.weightMax}`)),
  ],
);

/**
 * A rep's calendar feed. `url` is a secret (it grants read access to a
 * calendar): no answer, log line or error carries it; answers mask it.
 */
export const calendarFeeds = sqliteTable(
  'calendar_feeds',
  {
    id: text('id').primaryKey(),
    rep_id: text('rep_id')
      .notNull()
      .references(() => salesReps.id),
    url: text('url').notNull(),
    /** The validators of the last successful fetch, for a conditional GET. */
    etag: text('etag'),
    last_modified: text('last_modified'),
    last_attempt_at: text('last_attempt_at'),
    last_ok_at: text('last_ok_at'),
    /** Why the last sync failed (never the address), or null after a success. */
    last_error: text('last_error'),
    busy_count: integer('busy_count').notNull().default(0),
    created_at: text('created_at').notNull(),
  },
  (t) => [index('idx_calendar_feeds_rep_id').on(t.rep_id)],
);

/** The busy intervals read from feeds: start and end only (UTC), never a title, attendee, location or description. */
export const busyIntervals = sqliteTable(
  'busy_intervals',
  {
    feed_id: text('feed_id').notNull(),
    rep_id: text('rep_id').notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
  },
  (t) => [
    index('idx_busy_intervals_start').on(t.start),
    index('idx_busy_intervals_rep_start').on(t.rep_id, t.start),
    index('idx_busy_intervals_feed').on(t.feed_id),
  ],
);

/** Every change to the team, with its actor: append-only, like a booking's history. */
export const teamEvents = sqliteTable(
  'team_events',
  {
    /** UUIDv7: orders a rep's events. */
    id: text('id').primaryKey(),
    rep_id: text('rep_id').notNull(),
    type: text('type', { enum: TEAM_EVENT_TYPES }).notNull(),
    actor: text('actor').notNull(),
    at: text('at').notNull(),
    /** JSON: the fields changed, old and new (a feed by its id and masked address). */
    details: text('details').notNull().default('{}'),
  },
  (t) => [index('idx_team_events_rep_id').on(t.rep_id, t.id)],
);

/**
 * Every version of the routing rules, append-only: the newest is in force;
 * each keeps its actor, so a bad edit is seen and undone by saving an
 * earlier version again.
 */
export const routingVersions = sqliteTable('routing_versions', {
  /** UUIDv7. The newest version is the last inserted (rowid). */
  id: text('id').primaryKey(),
  /** JSON: contract RoutingRule[], in order. */
  rules: text('rules', { mode: 'json' }).$type<RoutingRule[]>().notNull(),
  actor: text('actor').notNull(),
  at: text('at').notNull(),
});

export type SalesRep = typeof salesReps.$inferSelect;
export type CalendarFeed = typeof calendarFeeds.$inferSelect;

export type Booking = typeof demoBookings.$inferSelect;
export type NewBooking = typeof demoBookings.$inferInsert;
export type ArchivedBooking = typeof demoBookingsArchive.$inferSelect;
export type NotificationTask = typeof notificationTasks.$inferSelect;
export type BookingEvent = typeof bookingEvents.$inferSelect;
