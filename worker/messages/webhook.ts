/**
 * The sales webhook's body, version 1 (SPEC 4): the event type, when it
 * happened, and the booking without its IP address. Published as JSON Schema
 * in the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';
import { EVENT_TYPES, type EventType } from '../../contract/limits.js';
import { loadBooking } from '../bookings/repository.js';
import { bookingSchema } from '../bookings/schema.js';
import { toView } from '../bookings/view.js';
import type { Booking, NotificationTask } from '../db/schema.js';
import type { Outgoing, RenderContext } from '../notify/consumer.js';

export const webhookEventSchema = z
  .object({
    type: z.enum(EVENT_TYPES),
    timestamp: z.iso.datetime(),
    data: bookingSchema.omit({ ip_address: true, archived_at: true }),
  })
  .openapi('WebhookEventV1');
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** The event body for a booking; the IP address never leaves the database. */
export function webhookEvent(type: EventType, booking: Booking, at: Date): WebhookEvent {
  const { ip_address: _ip, archived_at: _archived, ...data } = toView(booking);
  return { type, timestamp: at.toISOString(), data };
}

/** The webhook body of a task; nothing for a booking that is gone or redacted. */
export async function renderWebhook(task: NotificationTask, ctx: RenderContext): Promise<Outgoing<string>> {
  const booking = await loadBooking(ctx.db, task.booking_id);
  if (!booking) return { skip: 'booking not found' };
  if (booking.redacted_at) return { skip: 'booking redacted' };
  return { send: JSON.stringify(webhookEvent(task.event_type, booking, new Date(task.created_at))) };
}

/** The webhooks of the OpenAPI document (3.1 `webhooks`): one entry per event type, the body the receiver gets. */
export const webhookDeclarations = EVENT_TYPES.map((type) => ({
  method: 'post' as const,
  path: type,
  operationId: `webhook_${type.replace('.', '_')}`,
  summary: `${type}: sent to SALES_WEBHOOK_URL, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)`,
  request: { body: { required: true, content: { 'application/json': { schema: webhookEventSchema } } } },
  responses: {
    200: {
      description: 'Any 2xx: delivered. 410 stops the retries; 429 and 503 may say Retry-After; anything else is retried with backoff.',
    },
  },
}));
