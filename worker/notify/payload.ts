/**
 * The sales webhook's body, version 1 (SPEC 4): the event type, when it
 * happened, and the booking without its IP address. Published as JSON Schema
 * in the OpenAPI document.
 */
import { z } from 'zod';
import { bookingSchema } from '../bookings/schema.js';
import type { Booking } from '../db/schema.js';
import { toView } from '../bookings/view.js';

export const webhookEventSchema = z.object({
  type: z.enum(['demo_booking.created', 'demo_booking.cancelled']),
  timestamp: z.iso.datetime(),
  data: bookingSchema.omit({ ip_address: true, archived_at: true }),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** The event body for a booking; the IP address never leaves the database. */
export function webhookEvent(type: WebhookEvent['type'], booking: Booking, at: Date): WebhookEvent {
  const { ip_address: _ip, archived_at: _archived, ...data } = toView(booking);
  return { type, timestamp: at.toISOString(), data };
}
