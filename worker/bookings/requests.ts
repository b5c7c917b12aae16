/**
 * The zod schemas of what the bookings API takes: the create body, the
 * admin PATCH and cancel bodies, the list's query, the id in a path. The
 * field rules come from contract/, so the widget and the server refuse the
 * same input under the same rule name; json-schema.ts adds the keywords the
 * document publishes.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '../../contract/i18n.js';
import {
  BOOKING_STATUSES,
  type BookingField,
  CLICK_ID_KEYS,
  type ClickIdKey,
  EMAIL_STATES,
  LIMITS,
  ORGANIZATION_SIZES,
  REPORT_GROUPS,
  UTM_KEYS,
  type UtmKey,
  WEBHOOK_STATES,
} from '../../contract/limits.js';
import {
  FIELD_CHECKS,
  FIELD_RULE,
  FORBIDDEN_CHARS,
  INVISIBLE_CHARS,
  ISO_WITH_OFFSET,
  normalizeField,
  REQUIRED_FIELDS,
} from '../../contract/rules.js';
import { ianaZoneSchema } from '../team/requests.js';
import { KEYWORDS, LINE, PRIVACY_URL, VISIBLE_LINE } from './json-schema.js';

/** An identifier-like value: visible ASCII, as ad platforms issue them. */
const identifier = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII')
    .meta({ pattern: '^[\\x21-\\x7e]+$' });
const utmValue = z
  .string()
  .max(LIMITS.utmMax)
  .regex(new RegExp(`^[^${FORBIDDEN_CHARS}]*$`))
  .meta({ pattern: LINE });
const optionalUtm = utmValue.optional();

/** The ad click ids of a touch: only the known names (others are refused with 400). One schema serves every name. */
const clickId = identifier(LIMITS.clickIdMax).optional();
export const clickIdsSchema = z
  .strictObject(Object.fromEntries(CLICK_ID_KEYS.map((k) => [k, clickId])) as Record<ClickIdKey, typeof clickId>)
  .openapi('ClickIds');

/** A campaign touch: the UTM values and click ids seen together, and when. */
export const touchSchema = z
  .strictObject({
    ...(Object.fromEntries(UTM_KEYS.map((k) => [k, optionalUtm])) as Record<UtmKey, typeof optionalUtm>),
    click_ids: clickIdsSchema.optional(),
    at: z.iso.datetime({ offset: true }),
  })
  .openapi('Touch');

/** Proof of consent the widget sends when its consent box was ticked. */
export const consentSchema = z
  .strictObject({
    text: z
      .string()
      .trim()
      .max(LIMITS.consentTextMax)
      .refine((t) => t.replace(new RegExp(`[${INVISIBLE_CHARS}]`, 'g'), '') !== '' && !new RegExp(`[${FORBIDDEN_CHARS}]`).test(t), {
        message: 'Consent needs the words the visitor agreed to.',
        params: { rule: 'consent_text_required' },
      })
      .meta({ pattern: VISIBLE_LINE, description: 'Exactly the text shown beside the box.' }),
    privacy_url: z
      .url({ protocol: /^https$/ })
      .max(LIMITS.urlMax)
      .regex(new RegExp(PRIVACY_URL), 'must be an https address, any space or non-ASCII character percent-encoded')
      .optional()
      .meta({ pattern: PRIVACY_URL, description: 'The privacy policy the text linked to (https, as a URI: percent-encoded).' }),
  })
  .openapi('Consent');

/** One requester field: trimmed, checked by its contract rule, refused under that rule's name. */
const field = (name: BookingField, description: string) => {
  const base = z.string({ error: `${name} must be a string` });
  const typed = REQUIRED_FIELDS.includes(name) ? base : base.nullish();
  // Normalized, then checked, in one step; the rule name travels in the issue's params, read by toFieldErrors().
  return typed
    .transform((raw, ctx) => {
      const v = normalizeField(name, raw);
      const failed = v === null ? null : FIELD_CHECKS[name](v, { now: new Date() });
      if (!failed) return v;
      ctx.addIssue({ code: 'custom', message: failed[1], params: { rule: failed[0] } });
      return z.NEVER;
    })
    .meta({ description, 'x-rule': FIELD_RULE[name], ...KEYWORDS[name] });
};

/** POST /api/bookings: the requester's fields, the time zone and the spam-defence fields. */
export const createBookingSchema = z
  .strictObject({
    organization_name: field('organization_name', `Trimmed; 1..${LIMITS.nameMax} characters.`),
    contact_name: field('contact_name', `Trimmed; 1..${LIMITS.nameMax} characters.`),
    contact_email: field('contact_email', `Stored trimmed and lower-cased; at most ${LIMITS.emailMax} characters.`),
    contact_phone: field('contact_phone', `${LIMITS.phoneDigitsMin}..${LIMITS.phoneDigitsMax} digits; + ( ) - . and spaces allowed.`),
    organization_size: field('organization_size', 'One of the listed bands.').pipe(z.enum(ORGANIZATION_SIZES).nullable()),
    preferred_date: field(
      'preferred_date',
      `ISO 8601 with offset; at least ${LIMITS.minLeadHours} h and at most ${LIMITS.maxAheadDays} days after the request. Returned as UTC.`,
    ),
    message: field('message', `At most ${LIMITS.messageMax} characters.`),
    slot_start: z
      .string()
      .nullish()
      .transform((v, ctx) => {
        if (v === null || v === undefined) return v;
        if (ISO_WITH_OFFSET.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
        ctx.addIssue({
          code: 'custom',
          message: 'slot_start must be a start from POST /api/slots (ISO 8601 UTC).',
          params: { rule: 'slot_start_format' },
        });
        return z.NEVER;
      })
      .meta({ description: 'A start from POST /api/slots: books that slot with a free rep at once (not with preferred_date).' }),
    source_url: field('source_url', 'The page the form was on: absolute http(s) URL.'),
    utm_source: field('utm_source', 'Last-touch campaign source.'),
    utm_medium: field('utm_medium', 'Last-touch campaign medium.'),
    utm_campaign: field('utm_campaign', 'Last-touch campaign name.'),
    utm_term: field('utm_term', 'Last-touch paid keyword.'),
    utm_content: field('utm_content', 'Last-touch ad or link variant.'),
    click_ids: clickIdsSchema
      .nullish()
      .meta({ description: 'Ad click ids of the last touch (gclid, gbraid, wbraid, fbclid, msclkid, li_fat_id, ttclid).' }),
    referrer: field('referrer', 'The external site the visit came from (its first page’s document.referrer).'),
    landing_page: field('landing_page', 'The first page of the visit, without its fragment.'),
    locale: z.enum(LOCALES).nullish().meta({ description: 'The visitor’s language: the emails to them are written in it (default en).' }),
    consent: consentSchema.nullish().meta({ description: 'The visitor ticked the consent box: what it said, and the policy.' }),
    first_touch: touchSchema
      .nullish()
      .meta({ description: `The first campaign this site saw from the visitor within ${LIMITS.firstTouchDays} days, and when.` }),
    timezone: field('timezone', 'The visitor’s IANA time zone, used to render the emails.'),
    // A name no browser autofills (no 'url', 'website', 'company' in it).
    hp_check: z.string().max(LIMITS.urlMax).nullish().meta({ description: 'Honeypot: a field people never see, left empty.' }),
    elapsed_ms: z.number().int().min(0).nullish().meta({ description: 'Milliseconds from the form being shown to submit.' }),
    turnstile_token: z.string().max(4096).nullish().meta({ description: 'Turnstile token, required when Turnstile is configured.' }),
  })
  .openapi('CreateBookingRequest');
export type CreateBookingRequest = z.infer<typeof createBookingSchema>;

/** PATCH /api/bookings/:id (admin). */
export const patchBookingSchema = z
  .strictObject({
    status: z.enum(BOOKING_STATUSES).optional(),
    organization_id: z.uuid().nullable().optional(),
    preferred_date: z
      .string()
      .nullable()
      .optional()
      .meta({
        format: 'date-time',
        pattern: ISO_WITH_OFFSET.source,
        description: `ISO 8601 with offset, in the future, within ${LIMITS.maxAheadDays} days. Needed to confirm a booking that has none.`,
      }),
    meeting_url: z.string().max(LIMITS.meetingUrlMax).nullable().optional().meta({
      pattern: '^https://[^\\s]+$',
      description: 'The meeting link of the demo (https): it goes into the email and the calendar invite.',
    }),
    reason: z
      .string()
      .trim()
      .max(500)
      .optional()
      .meta({ description: 'Why (e.g. a cancel reason): kept in the history, erased with the booking.' }),
    slot_start: z.string().optional().meta({
      format: 'date-time',
      pattern: ISO_WITH_OFFSET.source,
      description: 'Moves a booked slot to this start (any future time: sales may book outside the hours).',
    }),
    assigned_rep_id: z.uuid().optional().meta({ description: 'Gives a booked slot to another active rep.' }),
  })
  .refine(
    (p) => Object.keys(p).length > 0,
    'Send at least one of status, organization_id, preferred_date, meeting_url, slot_start, assigned_rep_id.',
  )
  .openapi('PatchBookingRequest', { minProperties: 1 });
export type PatchBookingRequest = z.infer<typeof patchBookingSchema>;

/** POST /api/bookings/:id/cancel (admin): an optional body with a reason. */
export const cancelBookingSchema = z.strictObject({ reason: z.string().trim().max(500).optional() }).openapi('CancelBookingRequest');

const isoDate = z.iso.datetime({ offset: true });

/** GET /api/bookings query (admin). An empty value is refused, never read as "no filter". */
export const listQuerySchema = z.strictObject({
  status: z.enum(BOOKING_STATUSES).optional(),
  email: z.string().trim().toLowerCase().min(1).max(LIMITS.emailMax).optional().meta({ pattern: '\\S' }),
  q: z.string().trim().min(1).max(LIMITS.nameMax).optional().meta({
    pattern: '\\S',
    description:
      'Search: bookings whose organization, contact name or email (so also its domain) contains the text, in any case and with or without accents. One or two characters find organizations that start with them.',
  }),
  organization_id: z.uuid().optional(),
  utm_source: z.string().trim().min(1).max(LIMITS.utmMax).optional().meta({ pattern: '\\S', description: 'Only this last-touch source.' }),
  utm_campaign: z
    .string()
    .trim()
    .min(1)
    .max(LIMITS.utmMax)
    .optional()
    .meta({ pattern: '\\S', description: 'Only this last-touch campaign.' }),
  created_after: isoDate.optional(),
  created_before: isoDate.optional(),
  webhook: z.enum(WEBHOOK_STATES).optional(),
  email_status: z
    .enum(EMAIL_STATES)
    .optional()
    .meta({ description: "Where the prospect's emails stand: `failed` lists bookings with an email not accepted after every retry." }),
  sort: z
    .enum(['newest', 'largest'])
    .optional()
    .meta({ description: '`newest` first (the default), or the `largest` organizations first (newest first within a size).' }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(200).optional().meta({ description: 'The next_cursor of the previous page.' }),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/** The longest window GET /api/bookings/demos reads at once. */
const DEMOS_WINDOW_DAYS = 62;

/** GET /api/bookings/demos: the booked demos starting in [from, to), of one rep or the team. */
export const demosQuerySchema = z
  .strictObject({
    from: isoDate.meta({ description: 'The first start included (ISO 8601).' }),
    to: isoDate.meta({ description: `The end of the window (excluded), at most ${DEMOS_WINDOW_DAYS} days after from.` }),
    rep_id: z.uuid().optional().meta({ description: 'Only this rep’s demos.' }),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= DEMOS_WINDOW_DAYS * 86_400_000, {
    path: ['to'],
    message: `to must be after from and at most ${DEMOS_WINDOW_DAYS} days later.`,
  });
export type DemosQuery = z.infer<typeof demosQuerySchema>;

/** The longest period GET /api/bookings/report reads at once. */
const REPORT_MAX_DAYS = 400;

/** GET /api/bookings/report: a period (the console sends the viewer's month or weeks) and how to group it. */
export const reportQuerySchema = z
  .strictObject({
    from: isoDate.meta({ description: 'The first creation time included (ISO 8601).' }),
    to: isoDate.meta({ description: `The end of the period (excluded), at most ${REPORT_MAX_DAYS} days after from.` }),
    by: z.enum(REPORT_GROUPS).default('week').meta({ description: 'Weeks (Monday, UTC), months (UTC), last-touch source or campaign.' }),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= REPORT_MAX_DAYS * 86_400_000, {
    path: ['to'],
    message: `to must be after from and at most ${REPORT_MAX_DAYS} days later.`,
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** POST /api/bookings/:id/notes. */
export const noteSchema = z
  .strictObject({ text: z.string().trim().min(1).max(LIMITS.noteMax).meta({ description: 'What the rep wants the team to know.' }) })
  .openapi('NoteRequest');

/** POST /api/bookings/redact-by-email: the person's address. */
export const redactPersonSchema = z
  .strictObject({
    email: z.string().trim().toLowerCase().min(3).max(LIMITS.emailMax).meta({ pattern: '@', description: 'Any address of the person.' }),
  })
  .refine((b) => b.email.includes('@'), { path: ['email'], message: 'An email address has an @.' })
  .openapi('RedactPersonRequest');

/** GET /api/bookings/counts: the list's filters but the status (the counts are by status). */
export const countsQuerySchema = listQuerySchema.omit({ limit: true, cursor: true, sort: true, status: true });

/** A yes/no query flag: `true` or `false` (absent is false). */
const flag = () =>
  z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true');

/** GET /api/bookings/export.csv: the list's filters, without paging, and how the file is written. */
export const exportQuerySchema = listQuerySchema.omit({ limit: true, cursor: true }).extend({
  time_zone: ianaZoneSchema.optional().meta({
    description: 'Adds `created_at` and `preferred_date` as wall times in this IANA zone (the viewer’s), each in its own column.',
  }),
  include_spam: flag().meta({ description: 'Spam is left out unless this is `true` (or `status=spam` asks for it).' }),
  excel: flag().meta({
    description:
      'For Excel: a UTF-8 byte order mark first, and a phone number (`+` then digits and spaces) as the text formula `="+44 20 …"`, shown without an apostrophe.',
  }),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** The `id` of a booking in a path. */
export const idParams = z.object({
  id: z
    .uuid()
    .toLowerCase()
    .openapi({ param: { name: 'id', in: 'path' }, example: '019ad2a4-6c1e-7d2b-9f4a-0c8e5b1d2f3a' }),
});
