/**
 * The zod schemas of POST /api/slots: what it takes (the visitor's zone, the
 * days, and what routing reads) and what it answers. api-contract.ts holds
 * them to contract/api.ts.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '../../contract/i18n.js';
import { LIMITS, ORGANIZATION_SIZES } from '../../contract/limits.js';
import { SLOT_LIMITS, SLOT_MODES } from '../../contract/slots.js';
import { onDemand, problemSchema } from '../http/openapi.js';
import { ianaZoneSchema } from '../team/requests.js';

export const slotsRequestSchema = z
  .strictObject({
    time_zone: ianaZoneSchema.meta({ description: 'The visitor’s IANA zone: `from` is a day there.' }),
    from: z.iso.date().optional().meta({ description: 'The first day, YYYY-MM-DD in time_zone (default: today there).' }),
    days: z
      .number()
      .int()
      .min(1)
      .max(SLOT_LIMITS.daysMax)
      .optional()
      .meta({ description: `Days from \`from\` (default ${SLOT_LIMITS.daysDefault}).` }),
    organization_size: z.enum(ORGANIZATION_SIZES).nullish().meta({ description: 'Read by routing; not stored.' }),
    locale: z.enum(LOCALES).nullish().meta({ description: 'Only reps who demo in this language (or in any) are offered.' }),
    contact_email: z.string().max(LIMITS.emailMax).nullish().meta({ description: 'Read by routing; never stored or logged.' }),
  })
  .openapi('SlotsRequest');
export type SlotsRequestBody = z.output<typeof slotsRequestSchema>;

export const slotSchema = onDemand(() => z.object({ start: z.iso.datetime(), end: z.iso.datetime() }).openapi('Slot'));

/** 409 on a create: slot_unavailable comes with the nearest times still offered. */
export const slotUnavailableSchema = onDemand(() =>
  problemSchema
    .built()
    .extend({
      alternatives: z
        .array(slotSchema)
        .optional()
        .meta({ description: 'With slot_unavailable: up to 5 of the nearest times still offered, in order.' }),
    })
    .openapi('SlotUnavailable'),
);

export const slotsAnswerSchema = onDemand(() =>
  z
    .object({
      mode: z.enum(SLOT_MODES).meta({ description: '`preferred_time` when the team has no active rep: ask for a preferred time instead.' }),
      time_zone: z.string(),
      duration_minutes: z.number().int(),
      slots: z.array(slotSchema).meta({ description: 'UTC, sorted: each a time at least one eligible rep is free.' }),
    })
    .openapi('SlotsAnswer'),
);
