/** Shared test tools: requests against the app with recording queues, valid bodies, clocks. */
import { env } from 'cloudflare:test';
import { app } from '../../worker/app.js';
import { database } from '../../worker/db/client.js';
import * as schema from '../../worker/db/schema.js';
import { logger } from '../../worker/log.js';
import type { TaskMessage } from '../../worker/notify/outbox.js';
import type { SyncMessage } from '../../worker/team/sync.js';

/** What a recording queue keeps: a notification task's message, or a calendar feed's. */
type QueuedMessage = TaskMessage & SyncMessage;

import { assertDeclared } from './conformance.js';

export const ADMIN = { authorization: `Bearer ${env.ADMIN_TOKEN}` };
export const db = () => database(env.DB);
/** A deployed worker's settings: production, with an https receiver. */
export const PRODUCTION = { ENVIRONMENT: 'production', SALES_WEBHOOK_URL: 'https://hooks.example.com/demo-bookings' } as const;

/** A logger for services called directly by a test. */
export const testLog = logger({ job: 'test' });

/** A queue that records what is sent to it, and in how many calls (round trips), or fails every send. */
export function recordingQueue(opts: { fail?: boolean } = {}) {
  const sent: QueuedMessage[] = [];
  const queue = {
    sent,
    calls: 0,
    async send(body: QueuedMessage) {
      queue.calls++;
      if (opts.fail) throw new Error('queue unavailable');
      sent.push(body);
    },
    async sendBatch(messages: Iterable<{ body: QueuedMessage }>) {
      queue.calls++;
      if (opts.fail) throw new Error('queue unavailable');
      for (const m of messages) sent.push(m.body);
    },
  };
  return queue;
}

/** Recording queues in place of the notification and calendar queues: `email`, `webhook` and `calendar` are what each received. */
export function recordingQueues(opts: { fail?: boolean } = {}) {
  const email = recordingQueue(opts);
  const webhook = recordingQueue(opts);
  const calendar = recordingQueue(opts);
  return {
    email,
    webhook,
    calendar,
    bindings: {
      EMAIL_QUEUE: email as unknown as Queue,
      WEBHOOK_QUEUE: webhook as unknown as Queue,
      CALENDAR_QUEUE: calendar as unknown as Queue,
    },
  };
}

/** The app with recording queues in place of the real ones; `email` and `webhook` are the messages each received. */
export function harness(opts: { failQueues?: boolean; env?: Partial<Env> } = {}) {
  const { email, webhook, calendar, bindings } = recordingQueues({ fail: opts.failQueues });
  const testEnv = { ...env, ...opts.env, ...bindings };
  let ipCounter = 0;
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    // Each request from its own address unless the test sets one, so the per-IP brake stays out of the way.
    if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', `198.51.${Math.floor(Math.random() * 250)}.${++ipCounter % 250}`);
    const res = await app.request(path, { ...init, headers }, testEnv);
    assertDeclared(init.method ?? 'GET', path, res.status);
    return res;
  };
  return { email, webhook, calendar, env: testEnv, request };
}

let emailCounter = 0;
/** A unique address per call. */
export const uniqueEmail = () => `person${Date.now()}.${++emailCounter}@example.com`;

/** A valid create body, two days ahead. */
export function validBooking(overrides: Record<string, unknown> = {}) {
  return {
    organization_name: 'Northwind Mentoring',
    contact_name: 'Ada Lovelace',
    contact_email: uniqueEmail(),
    contact_phone: '+44 20 7946 0958',
    organization_size: '51-200',
    preferred_date: new Date(Date.now() + 48 * 3_600_000).toISOString(),
    message: 'We run a mentoring network and want to see scheduling.',
    source_url: 'https://www.example.com/pricing?utm_source=news',
    utm_source: 'newsletter',
    utm_medium: 'email',
    utm_campaign: 'autumn',
    timezone: 'Europe/London',
    ...overrides,
  };
}

/** POST /api/bookings with a JSON body. */
export const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** Every row of demo_bookings. */
export const allBookings = () => db().select().from(schema.demoBookings);
/** Every outbox task. */
export const allTasks = () => db().select().from(schema.notificationTasks);
