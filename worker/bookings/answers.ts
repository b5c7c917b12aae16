/**
 * The zod schemas of what the bookings API answers: a booking, its detail,
 * a page, the create's 201, the insights, a history entry. Built on first
 * use (onDemand): only the document and the conformance checks need them.
 * worker/bookings/api-contract.ts holds them to contract/api.ts.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '../../contract/i18n.js';
import {
  BOOKING_STATUSES,
  EMAIL_STATES,
  EVENT_TYPES,
  HISTORY_TYPES,
  NOTIFICATION_KINDS,
  ORGANIZATION_SIZES,
  RECIPIENTS,
  REPORT_GROUPS,
  SPAM_REASONS,
  TASK_STATES,
  WEBHOOK_STATES,
} from '../../contract/limits.js';
import { onDemand } from '../http/openapi.js';
import { clickIdsSchema, touchSchema } from './requests.js';

/** POST /api/bookings/webhook/redeliver-failed. */
export const redeliveryOfAllSchema = onDemand(() =>
  z.object({ redelivering: z.int().meta({ description: 'Webhooks restarted.' }), more: z.boolean() }).openapi('RedeliveryOfAll'),
);

/** POST /api/bookings/redact-by-email. */
export const personErasedSchema = onDemand(() => z.object({ booking_ids: z.array(z.uuid()), more: z.boolean() }).openapi('PersonErased'));

const funnelShape = {
  requested: z.int().meta({ description: 'Requests created in the period (spam left out).' }),
  confirmed: z.int().meta({ description: 'Of those, confirmed, completed or no-show now.' }),
  completed: z.int(),
  no_show: z.int(),
  cancelled: z.int(),
};

/** GET /api/bookings/report. */
export const reportSchema = onDemand(() =>
  z
    .object({
      from: z.string(),
      to: z.string(),
      by: z.enum(REPORT_GROUPS),
      rows: z
        .array(z.object({ key: z.string().nullable(), ...funnelShape }))
        .meta({ description: 'Weeks and months oldest first; sources and campaigns most requests first (at most 50; null: none given).' }),
      total: z.object(funnelShape).openapi('Funnel'),
    })
    .openapi('Report'),
);

/** GET /api/bookings/version. */
export const bookingsVersionSchema = onDemand(() =>
  z
    .object({ version: z.string().nullable().meta({ description: 'Changes whenever any booking changes (null: none yet).' }) })
    .openapi('BookingsVersion'),
);

/** GET /api/bookings/counts. */
export const statusCountsSchema = onDemand(() =>
  z
    .object({ counts: z.record(z.enum(BOOKING_STATUSES), z.int()).meta({ description: 'Bookings of each status the filters find.' }) })
    .openapi('StatusCounts'),
);

/** GET /api/bookings/insights: counts by status, requests per week, top sources. */
export const insightsSchema = onDemand(() =>
  z
    .object({
      counts: z.record(z.enum(BOOKING_STATUSES), z.number().int()).meta({ description: 'Bookings in each status (the last 365 days).' }),
      weeks: z
        .array(
          z.object({
            week: z.iso.date().meta({ description: 'Monday (UTC) of the week.' }),
            counts: z.record(z.enum(BOOKING_STATUSES), z.number().int()),
          }),
        )
        .meta({ description: 'Requests created in each of the last 12 weeks, by their status now; oldest first.' }),
      sources: z
        .array(z.object({ utm_source: z.string().nullable(), count: z.number().int() }))
        .meta({ description: 'The top last-touch sources of those 12 weeks.' }),
    })
    .openapi('Insights'),
);

/** One entry of a booking's history. */
export const bookingEventSchema = onDemand(() =>
  z
    .object({
      id: z.uuid().meta({ description: 'UUIDv7: orders the events of a booking.' }),
      type: z.enum(HISTORY_TYPES),
      from_status: z.enum(BOOKING_STATUSES).nullable(),
      to_status: z.enum(BOOKING_STATUSES).nullable(),
      actor: z.string().meta({ description: '`requester`, `system`, or the admin who made the change.' }),
      at: z.iso.datetime(),
      details: z.record(z.string(), z.unknown()).meta({ description: 'Old and new values of what changed, a reason, the spam reason.' }),
    })
    .openapi('BookingEvent'),
);

/** A booking as the admin API returns it; `bookingSchema.built()` is the object itself. */
export const bookingSchema = onDemand(() => {
  const nullableText = z.string().nullable();
  const nullableDate = z.iso.datetime().nullable();
  return z
    .object({
      id: z.uuid(),
      organization_name: z.string(),
      organization_id: z.uuid().nullable(),
      contact_name: z.string(),
      contact_email: z.string(),
      contact_phone: nullableText,
      organization_size: z.enum(ORGANIZATION_SIZES).nullable(),
      preferred_date: nullableDate,
      message: nullableText,
      status: z.enum(BOOKING_STATUSES),
      confirmation_sent_at: nullableDate,
      webhook_delivered_at: nullableDate,
      webhook_attempts: z.number().int(),
      webhook_status: z.enum(WEBHOOK_STATES),
      email_status: z.enum(EMAIL_STATES),
      source_url: nullableText,
      utm_source: nullableText,
      utm_medium: nullableText,
      utm_campaign: nullableText,
      utm_term: nullableText,
      utm_content: nullableText,
      click_ids: clickIdsSchema.nullable(),
      referrer: nullableText,
      landing_page: nullableText,
      first_touch: touchSchema.nullable(),
      consent_text: nullableText,
      consent_at: nullableDate,
      privacy_url: nullableText,
      ip_address: nullableText,
      created_at: z.iso.datetime(),
      updated_at: z.iso.datetime(),
      redacted_at: nullableDate,
      spam_reason: z.enum(SPAM_REASONS).nullable(),
      timezone: nullableText.meta({ description: 'The visitor’s IANA time zone.' }),
      locale: z.enum(LOCALES).nullable(),
      meeting_url: nullableText,
      slot_end: nullableDate.meta({ description: 'A booked slot’s end; its start is preferred_date.' }),
      assigned_rep_id: z.uuid().nullable().meta({ description: 'The rep who has the demo.' }),
      archived_at: nullableDate.optional(),
    })
    .openapi('Booking');
});

/** GET /api/bookings/:id adds where each notification stands (from the outbox). */
export const bookingDetailSchema = onDemand(() =>
  bookingSchema
    .built()
    .extend({
      notifications: z.array(
        z.object({
          id: z.uuid().meta({ description: 'The task id; for a webhook, its webhook-id.' }),
          kind: z.enum(NOTIFICATION_KINDS),
          recipient: z
            .enum(RECIPIENTS)
            .meta({ description: 'Who it goes to: `prospect` (a webhook: the sales tools), or `rep` (a booked slot’s rep’s copy).' }),
          event_type: z.enum(EVENT_TYPES),
          state: z.enum(TASK_STATES),
          attempts: z.number().int(),
          next_attempt_at: z.iso.datetime(),
          last_error: z.string().nullable(),
          completed_at: z.iso.datetime().nullable(),
        }),
      ),
      events: z.array(bookingEventSchema).meta({ description: 'The history, oldest first.' }),
    })
    .openapi('BookingDetail'),
);

/** GET /api/bookings/demos: booked demos, soonest first. */
export const demoListSchema = onDemand(() => z.object({ data: z.array(bookingSchema) }).openapi('DemoList'));

/** A page of the list. */
export const bookingPageSchema = onDemand(() =>
  z.object({ data: z.array(bookingSchema), next_cursor: z.string().nullable() }).openapi('BookingPage'),
);

/** The 201 answer to a create: the id, the status and what the requester sent, as stored. */
export const createdBookingSchema = onDemand(() =>
  bookingSchema
    .built()
    .pick({
      id: true,
      status: true,
      organization_name: true,
      contact_name: true,
      contact_email: true,
      contact_phone: true,
      organization_size: true,
      preferred_date: true,
      message: true,
      source_url: true,
      utm_source: true,
      utm_medium: true,
      utm_campaign: true,
      utm_term: true,
      utm_content: true,
      click_ids: true,
      referrer: true,
      landing_page: true,
      first_touch: true,
      consent_text: true,
      consent_at: true,
      privacy_url: true,
      created_at: true,
      slot_end: true,
    })
    .extend({
      assigned_rep: z
        .object({ id: z.uuid(), name: z.string() })
        .nullable()
        .meta({ description: 'The rep a booked slot went to, or null for a request with a preferred time.' }),
    })
    .openapi('CreatedBooking'),
);
