/**
 * The zod schemas of what the team API answers, built on first use; the
 * team's part of worker/bookings/api-contract.ts holds them to
 * contract/api.ts.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '../../contract/i18n.js';
import { BUSY_SOURCES, TEAM_EVENT_TYPES } from '../../contract/team.js';
import { onDemand } from '../http/openapi.js';
import { dateOverridesSchema, workingHoursSchema } from './requests.js';

export const feedSchema = onDemand(() =>
  z
    .object({
      id: z.uuid(),
      url: z.string().meta({ description: 'Masked: scheme, host and …; the address is a secret.' }),
      created_at: z.string(),
      last_attempt_at: z.string().nullable(),
      last_ok_at: z.string().nullable(),
      last_error: z.string().nullable(),
      busy_count: z.number().int(),
      stale: z.boolean().meta({ description: 'No successful sync for STALE_FEED_MINUTES: the rep is offered to nobody.' }),
    })
    .openapi('CalendarFeed'),
);

export const repSchema = onDemand(() =>
  z
    .object({
      id: z.uuid(),
      name: z.string(),
      email: z.string(),
      time_zone: z.string(),
      working_hours: workingHoursSchema,
      date_overrides: dateOverridesSchema,
      languages: z.array(z.enum(LOCALES)),
      meeting_url: z.string().nullable(),
      weight: z.number().int(),
      active: z.boolean(),
      created_at: z.string(),
      updated_at: z.string(),
      calendars: z.array(feedSchema),
    })
    .openapi('SalesRep'),
);

export const teamEventSchema = onDemand(() =>
  z
    .object({ id: z.uuid(), type: z.enum(TEAM_EVENT_TYPES), actor: z.string(), at: z.string(), details: z.record(z.string(), z.unknown()) })
    .openapi('TeamHistoryEntry'),
);

export const repDetailSchema = onDemand(() =>
  repSchema
    .built()
    .extend({ events: z.array(teamEventSchema) })
    .openapi('SalesRepDetail'),
);

export const teamPageSchema = onDemand(() => z.object({ data: z.array(repSchema) }).openapi('TeamPage'));

export const teamSyncSchema = onDemand(() => z.object({ id: z.uuid(), queued: z.array(feedSchema) }).openapi('TeamSync'));

export const busyPageSchema = onDemand(() =>
  z
    .object({
      id: z.uuid(),
      from: z.string(),
      to: z.string(),
      data: z.array(z.object({ start: z.string(), end: z.string(), source: z.enum(BUSY_SOURCES) })),
    })
    .openapi('BusyPage'),
);
