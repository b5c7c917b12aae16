/**
 * The sales webhook's body, version 1: the event type,
 * when it happened, the booking (without its IP address) and the change
 * itself. Published as JSON Schema in the OpenAPI document, one `webhooks`
 * entry per event type.
 */
import { z } from '@hono/zod-openapi';
import { ACTOR_SYSTEM, BOOKING_STATUSES, EVENT_TYPES, type EventType } from '../../contract/limits.js';
import { bookingSchema } from '../bookings/answers.js';
import { detailsOf, findEvent } from '../bookings/history.js';
import { findBookingRow } from '../bookings/repository.js';
import { toView } from '../bookings/view.js';
import type { Booking, BookingEvent, NotificationTask, SalesRep } from '../db/schema.js';
import { onDemand } from '../http/openapi.js';
import type { Outgoing, RenderContext } from '../notify/consumer.js';
import { findRep } from '../team/service.js';

/** The body's schema, for the document. */
export const webhookEventSchema = onDemand(() =>
  z
    .object({
      type: z.enum(EVENT_TYPES),
      timestamp: z.iso.datetime().meta({ description: 'When the change happened.' }),
      data: bookingSchema.built().omit({ ip_address: true, archived_at: true }),
      slot: z
        .object({ start: z.iso.datetime(), end: z.iso.datetime() })
        .nullable()
        .meta({ description: 'The booked slot (UTC), or null for a request with a preferred time.' }),
      rep: z
        .object({ id: z.uuid(), name: z.string(), email: z.string() })
        .nullable()
        .meta({ description: 'The rep who has the demo, or null.' }),
      routing: z
        .object({
          rule: z.string().nullable().meta({ description: 'The routing rule that matched, or null (every active rep was eligible).' }),
          owner: z.boolean().meta({ description: 'The account’s owner got it (an earlier booking of the company’s domain).' }),
        })
        .nullable()
        .meta({ description: 'How a booked slot was routed (on its created event), else null.' }),
      event: z
        .object({
          id: z.uuid().meta({ description: 'The history entry (UUIDv7): order a booking’s events by it.' }),
          from_status: z.enum(BOOKING_STATUSES).nullable(),
          to_status: z.enum(BOOKING_STATUSES).nullable(),
          actor: z.string(),
          details: z.record(z.string(), z.unknown()),
        })
        .meta({ description: 'The change this event announces.' }),
    })
    .openapi('WebhookEventV1'),
);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** The event body for a booking and the history entry that caused it; the IP address never leaves the database. */
export function webhookEvent(
  type: EventType,
  booking: Booking,
  event: BookingEvent,
  rep: Pick<SalesRep, 'id' | 'name' | 'email'> | null = null,
): WebhookEvent {
  const { ip_address: _ip, archived_at: _archived, ...data } = toView(booking);
  return {
    type,
    timestamp: event.at,
    data,
    slot: booking.preferred_date && booking.slot_end ? { start: booking.preferred_date, end: booking.slot_end } : null,
    rep: rep ? { id: rep.id, name: rep.name, email: rep.email } : null,
    routing: detailsOf(event).routing ?? null,
    event: { id: event.id, from_status: event.from_status, to_status: event.to_status, actor: event.actor, details: detailsOf(event) },
  };
}

/** A task written before the history existed: its change as far as the task tells it. */
const entryOfTask = (task: NotificationTask, booking: Booking): BookingEvent => ({
  id: task.id,
  booking_id: booking.id,
  type: 'created',
  from_status: null,
  to_status: booking.status,
  actor: ACTOR_SYSTEM,
  at: task.created_at,
  details: '{}',
});

/** The webhook body of a task; nothing for a booking that is gone or redacted. */
export async function renderWebhook(task: NotificationTask, ctx: RenderContext): Promise<Outgoing<string>> {
  const booking = await findBookingRow(ctx.db, task.booking_id);
  if (!booking) return { skip: 'booking not found' };
  if (booking.redacted_at) return { skip: 'booking redacted' };
  const entry = (task.event_id ? await findEvent(ctx.db, task.event_id) : null) ?? entryOfTask(task, booking);
  const rep = booking.assigned_rep_id ? await findRep(ctx.db, booking.assigned_rep_id) : null;
  return { send: JSON.stringify(webhookEvent(task.event_type, booking, entry, rep)) };
}

/** The webhooks of the OpenAPI document (3.1 `webhooks`): one entry per event type, the body the receiver gets. */
export const webhookDeclarations = EVENT_TYPES.map((type) => ({
  method: 'post' as const,
  path: type,
  operationId: `webhook_${type.replace('.', '_')}`,
  summary: `${type}: sent to SALES_WEBHOOK_URL, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)`,
  // The receiver checks the Standard Webhooks signature with the shared whsec_ secret.
  security: [{ webhookSignature: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: webhookEventSchema } } } },
  responses: {
    200: {
      description: 'Any 2xx: delivered. 410 stops the retries; 429 and 503 may say Retry-After; anything else is retried with backoff.',
    },
  },
}));
