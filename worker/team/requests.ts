/**
 * The zod schemas of what the team API takes (SPEC 8.1): a rep to create or
 * change, a feed to add, the busy query, the ids in a path. Each field is
 * refused under its rule (contract TEAM_FIELD_RULE); the week's and the
 * overrides' shape is checked by contract/team.ts, as the console does.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '../../contract/i18n.js';
import { LIMITS } from '../../contract/limits.js';
import { canonicalTimeZone } from '../../contract/rules.js';
import {
  type DateOverrides,
  dateOverridesProblem,
  fullWeek,
  TEAM_LIMITS,
  WEEKDAYS,
  type WorkingHours,
  workingHoursProblem,
} from '../../contract/team.js';

const TIME_PATTERN = '^(?:[01]\\d|2[0-3]):[0-5]\\d$|^24:00$';
const time = z.string().regex(new RegExp(TIME_PATTERN), 'a time like 09:00 (24:00 may end a day)');
const ranges = z.array(z.tuple([time, time])).max(TEAM_LIMITS.rangesPerDayMax);

/** A problem found by one of contract/team.ts's checks, as a zod issue on the field. */
const checkedBy = (problem: (v: unknown) => string | null) => (value: unknown, ctx: z.core.$RefinementCtx) => {
  const found = problem(value);
  if (found) ctx.addIssue({ code: 'custom', message: found });
};

export const workingHoursSchema = z
  .strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, ranges.optional()])) as Record<(typeof WEEKDAYS)[number], z.ZodOptional<typeof ranges>>,
  )
  .superRefine(checkedBy(workingHoursProblem))
  .openapi('WorkingHours', {
    description: 'Local to the rep’s zone; each day sorted, not overlapping; [] (or a missing day) is a day off.',
  })
  .transform((v) => fullWeek(v as Partial<WorkingHours>));

export const dateOverridesSchema = z
  .record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), ranges)
  .superRefine(checkedBy(dateOverridesProblem))
  .openapi('DateOverrides', { description: 'Days that differ from the week: "2026-12-24": [] is a day off.' })
  .transform((v) => v as DateOverrides);

export const ianaZoneSchema = z
  .string()
  .max(LIMITS.timezoneMax)
  .refine((v) => canonicalTimeZone(v) !== null, 'an IANA time zone, like Europe/Berlin')
  .transform((v) => canonicalTimeZone(v) ?? v)
  .openapi({ example: 'Europe/Berlin' });

const meetingUrl = z
  .string()
  .max(LIMITS.meetingUrlMax)
  .refine((v) => URL.canParse(v) && new URL(v).protocol === 'https:' && !/\s/.test(v), 'an https:// address')
  .nullable()
  .meta({ pattern: '^https://[^\\s]+$', description: 'The rep’s meeting room (https): it goes into the invite.' });

const repFields = {
  name: z.string().trim().min(1, 'the rep’s name').max(TEAM_LIMITS.nameMax),
  email: z.email().max(LIMITS.emailMax).toLowerCase(),
  time_zone: ianaZoneSchema,
  working_hours: workingHoursSchema,
  date_overrides: dateOverridesSchema,
  languages: z
    .array(z.enum(LOCALES))
    .max(LOCALES.length)
    .refine((l) => new Set(l).size === l.length, 'each language once')
    .meta({ description: 'The languages the rep demos in; empty means any.' }),
  meeting_url: meetingUrl,
  weight: z.number().int().min(TEAM_LIMITS.weightMin).max(TEAM_LIMITS.weightMax).meta({ description: 'Share of round robin, 1..10.' }),
};

/** POST /api/team. */
export const createRepSchema = z
  .strictObject({
    name: repFields.name,
    email: repFields.email,
    time_zone: repFields.time_zone,
    working_hours: repFields.working_hours.optional(),
    date_overrides: repFields.date_overrides.optional(),
    languages: repFields.languages.optional(),
    meeting_url: repFields.meeting_url.optional(),
    weight: repFields.weight.optional(),
  })
  .openapi('CreateRepRequest');
export type CreateRep = z.output<typeof createRepSchema>;

/** PATCH /api/team/{id}: any field, and `active` (a rep is deactivated, never deleted). */
export const patchRepSchema = z
  .strictObject({
    name: repFields.name.optional(),
    email: repFields.email.optional(),
    time_zone: repFields.time_zone.optional(),
    working_hours: repFields.working_hours.optional(),
    date_overrides: repFields.date_overrides.optional(),
    languages: repFields.languages.optional(),
    meeting_url: repFields.meeting_url.optional(),
    weight: repFields.weight.optional(),
    active: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'Send at least one field to change.')
  .openapi('PatchRepRequest', { minProperties: 1 });
export type PatchRep = z.output<typeof patchRepSchema>;

/** POST /api/team/{id}/calendars. */
export const addFeedSchema = z
  .strictObject({
    url: z
      .string()
      .trim()
      .max(TEAM_LIMITS.feedUrlMax)
      .refine((v) => URL.canParse(v.replace(/^webcals?:/i, 'https:')), 'an iCalendar address (https://…, or webcal://…)')
      .meta({ description: 'The calendar’s secret iCalendar address. Stored, never shown again whole.' }),
  })
  .openapi('AddFeedRequest');

const instant = z.iso.datetime({ offset: true });

/** GET /api/team/{id}/busy: a window of at most 62 days (default: the next 7). */
export const busyQuerySchema = z
  .strictObject({ from: instant.optional(), to: instant.optional() })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] });

const uuid = (name: string) =>
  z
    .uuid()
    .toLowerCase()
    .openapi({ param: { name, in: 'path' }, example: '019ad2a4-6c1e-7d2b-9f4a-0c8e5b1d2f3a' });

/** The rep in a path. */
export const repParams = z.object({ id: uuid('id') });
/** A rep's feed in a path. */
export const feedParams = z.object({ id: uuid('id'), feedId: uuid('feedId') });
