/**
 * Zod schemas of the bookings API. The field rules come from contract/, so
 * the widget and the server refuse the same input under the same rule name;
 * these schemas add types, strictness and the OpenAPI description.
 */
import { z } from 'zod';
import { BOOKING_FIELDS, BOOKING_STATUSES, LIMITS, ORGANIZATION_SIZES, SPAM_REASONS, WEBHOOK_STATES } from '../../contract/limits.js';
import { FIELD_CHECKS, FIELD_RULE, REQUIRED_FIELDS, normalizeField } from '../../contract/rules.js';

const text = (field: (typeof BOOKING_FIELDS)[number]) => {
  const base = z.string({ error: `${field} must be a string` });
  const typed = REQUIRED_FIELDS.includes(field) ? base : base.nullish();
  // The rule name travels in the issue's params, read by toFieldErrors().
  return typed
    .transform((v) => normalizeField(field, v))
    .superRefine((v, ctx) => {
      if (v === null) return;
      const failed = FIELD_CHECKS[field](v, { now: new Date() });
      if (failed) ctx.addIssue({ code: 'custom', message: failed[1], params: { rule: failed[0] } });
    })
    .meta({ 'x-rule': FIELD_RULE[field] });
};

/** POST /api/bookings: the requester's fields, the time zone and the spam-defence fields. */
export const createBookingSchema = z.strictObject({
  organization_name: text('organization_name').meta({ description: 'Trimmed; 1..200 characters.', example: 'Northwind Mentoring' }),
  contact_name: text('contact_name').meta({ description: 'Trimmed; 1..200 characters.' }),
  contact_email: text('contact_email').meta({ description: 'Stored trimmed and lower-cased; at most 254 characters.' }),
  contact_phone: text('contact_phone').meta({ description: '7..15 digits; + ( ) - . and spaces allowed.' }),
  organization_size: text('organization_size').meta({ enum: [...ORGANIZATION_SIZES] }),
  preferred_date: text('preferred_date').meta({
    description: `ISO 8601 with offset; at least ${LIMITS.minLeadHours} h and at most ${LIMITS.maxAheadDays} days ahead. Returned as UTC.`,
  }),
  message: text('message').meta({ description: `At most ${LIMITS.messageMax} characters.` }),
  source_url: text('source_url').meta({ description: 'The page the form was on: absolute http(s) URL.' }),
  utm_source: text('utm_source'),
  utm_medium: text('utm_medium'),
  utm_campaign: text('utm_campaign'),
  timezone: text('timezone').meta({ description: 'The visitor’s IANA time zone, used only to render the email.' }),
  // A name no browser autofills (no 'url', 'website', 'company' in it).
  hp_check: z.string().max(LIMITS.urlMax).nullish().meta({ description: 'Honeypot: a field people never see, left empty.' }),
  elapsed_ms: z.number().int().min(0).nullish().meta({ description: 'Milliseconds from the form being shown to submit.' }),
  turnstile_token: z.string().max(4096).nullish().meta({ description: 'Turnstile token, required when Turnstile is configured.' }),
});
export type CreateBookingRequest = z.infer<typeof createBookingSchema>;

/** PATCH /api/bookings/:id (admin). */
export const patchBookingSchema = z
  .strictObject({
    status: z.enum(BOOKING_STATUSES).optional(),
    organization_id: z.uuid().nullable().optional(),
    preferred_date: z.string().nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'Send at least one of status, organization_id, preferred_date.');
export type PatchBookingRequest = z.infer<typeof patchBookingSchema>;

const isoDate = z.iso.datetime({ offset: true });

/** GET /api/bookings query (admin). */
export const listQuerySchema = z.strictObject({
  status: z.enum(BOOKING_STATUSES).optional(),
  email: z.string().trim().toLowerCase().max(LIMITS.emailMax).optional(),
  organization_id: z.uuid().optional(),
  created_after: isoDate.optional(),
  created_before: isoDate.optional(),
  webhook: z.enum(WEBHOOK_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

const nullableText = z.string().nullable();
const nullableDate = z.iso.datetime().nullable();

/** A booking as the admin API returns it. */
export const bookingSchema = z.object({
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
  source_url: nullableText,
  utm_source: nullableText,
  utm_medium: nullableText,
  utm_campaign: nullableText,
  ip_address: nullableText,
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  redacted_at: nullableDate,
  spam_reason: z.enum(SPAM_REASONS).nullable(),
  archived_at: nullableDate.optional(),
});

/** GET /api/bookings/:id adds where each notification stands (from the outbox). */
export const bookingDetailSchema = bookingSchema.extend({
  notifications: z.array(
    z.object({
      id: z.uuid().meta({ description: 'The task id; for a webhook, its webhook-id.' }),
      kind: z.enum(['email', 'webhook']),
      event_type: z.string(),
      state: z.enum(['pending', 'done', 'failed']),
      attempts: z.number().int(),
      next_attempt_at: z.iso.datetime(),
      last_error: nullableText,
      completed_at: nullableDate,
    }),
  ),
});

/** The 201 answer to a create: the id, the status and what the requester sent, as stored. */
export const createdBookingSchema = bookingSchema.pick({
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
  created_at: true,
});
export type CreatedBooking = z.infer<typeof createdBookingSchema>;
