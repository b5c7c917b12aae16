/**
 * GET /openapi.json: the API described from the same zod schemas that
 * validate it (zod's own JSON Schema output), so the document cannot drift.
 */
import { z } from 'zod';
import { bookingDetailSchema, bookingSchema, createBookingSchema, createdBookingSchema, listQuerySchema, patchBookingSchema } from './bookings/schema.js';
import { webhookEventSchema } from './notify/payload.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(schema, { io, target: 'openapi-3.0', unrepresentable: 'any' });

const problem = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problem } } });
const jsonResponse = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });
const jsonBody = (ref: string) => ({ required: true, content: { 'application/json': { schema: { $ref: ref } } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const admin = [{ adminToken: [] }];
const unauthorized = problemResponse('No or wrong admin token.');

function queryParameters() {
  const shape = json(listQuerySchema, 'input') as { properties: Record<string, object> };
  return Object.entries(shape.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));
}

let cached: object | undefined;

/** The OpenAPI 3.0 document, built once per isolate. */
export function openApiDocument(): object {
  cached ??= {
    openapi: '3.0.3',
    info: { title: 'Demo booking API', version: '1.0.0', description: 'Book-a-demo requests from the Sales Website, and their admin API.' },
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } },
      schemas: {
        CreateBookingRequest: json(createBookingSchema, 'input'),
        CreatedBooking: json(createdBookingSchema),
        PatchBookingRequest: json(patchBookingSchema, 'input'),
        Booking: json(bookingSchema),
        BookingDetail: json(bookingDetailSchema),
        WebhookEventV1: json(webhookEventSchema),
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            rule: { type: 'string', description: 'The rule that refused the request.' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'rule', 'message'],
                properties: { path: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    paths: {
      '/api/health': { get: { summary: 'Liveness', responses: { 200: jsonResponse('Up.', { type: 'object' }) } } },
      '/api/bookings': {
        post: {
          summary: 'Request a demo',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } }],
          requestBody: jsonBody('#/components/schemas/CreateBookingRequest'),
          responses: {
            201: jsonResponse('Stored; the confirmation email and the sales webhook follow.', { $ref: '#/components/schemas/CreatedBooking' }),
            400: problemResponse('Malformed JSON or unknown fields.'),
            413: problemResponse('Body over 32 KiB.'),
            415: problemResponse('Not JSON.'),
            422: problemResponse('A field was refused; errors[] names each rule.'),
            429: problemResponse('rate_limit_per_email or the per-IP limit; see Retry-After.'),
          },
        },
        get: {
          summary: 'List bookings, newest first',
          security: admin,
          parameters: queryParameters(),
          responses: {
            200: jsonResponse('A page of bookings.', {
              type: 'object',
              properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Booking' } }, next_cursor: { type: 'string', nullable: true } },
            }),
            401: unauthorized,
          },
        },
      },
      '/api/bookings/{id}': {
        parameters: [idParam],
        get: { summary: 'One booking (hot or archived), with its notifications', security: admin, responses: { 200: jsonResponse('The booking.', { $ref: '#/components/schemas/BookingDetail' }), 401: unauthorized, 404: problemResponse('No such booking.') } },
        patch: {
          summary: 'Change status, organization_id or preferred_date',
          security: admin,
          requestBody: jsonBody('#/components/schemas/PatchBookingRequest'),
          responses: { 200: jsonResponse('The booking after the change.', { $ref: '#/components/schemas/Booking' }), 401: unauthorized, 409: problemResponse('valid_status_transition, or archived.'), 422: problemResponse('A value was refused.') },
        },
        delete: { summary: 'Never allowed', responses: { 405: problemResponse('no_delete_of_bookings.') } },
      },
      '/api/bookings/{id}/redact': {
        parameters: [idParam],
        post: {
          summary: 'Erase the personal fields (GDPR art. 17); the row and its audit trail stay',
          security: admin,
          responses: { 200: jsonResponse('The booking after erasure.', { $ref: '#/components/schemas/Booking' }), 401: unauthorized, 404: problemResponse('No such booking.') },
        },
      },
      '/api/bookings/{id}/webhook/redeliver': {
        parameters: [idParam],
        post: {
          summary: 'A new delivery cycle for a failed sales webhook (same webhook-id)',
          security: admin,
          responses: { 202: jsonResponse('Enqueued.', { type: 'object' }), 401: unauthorized, 409: problemResponse('webhook_not_failed.') },
        },
      },
      '/cancel/{id}': {
        parameters: [idParam, { name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
        get: { summary: 'The requester’s cancel page (from the confirmation email)', responses: { 200: { description: 'HTML' }, 400: { description: 'Bad link' }, 410: { description: 'Expired link' } } },
        post: { summary: 'Cancel (form field token)', responses: { 200: { description: 'Cancelled, or already cancelled' }, 409: { description: 'No longer cancellable' } } },
      },
      '/api/bookings/{id}/cancel': {
        parameters: [idParam],
        post: { summary: 'Cancel', security: admin, responses: { 200: jsonResponse('Cancelled.', { $ref: '#/components/schemas/Booking' }), 401: unauthorized, 409: problemResponse('Not cancellable from its status.') } },
      },
    },
  };
  return cached;
}
