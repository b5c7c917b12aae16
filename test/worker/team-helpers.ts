/** Tools for the team tests: add reps and calendars through the API, sync feeds through the queue consumer, read busy time. */
import { createMessageBatch, env } from 'cloudflare:test';
import type { BusyPage, CalendarFeed, SalesRep } from '../../contract/api.js';
import { CALENDAR_QUEUE_NAME } from '../../worker/team/queue.js';
import { type SyncDeps, syncBatch } from '../../worker/team/sync.js';
import { bodyOf } from '../api-body.js';
import { FEED_HOST } from './feed-server.js';
import { ADMIN, type harness, postJson } from './helpers.js';

/** Where the test feeds are served (test/worker/feed-server.ts). */
export const FEEDS = `https://${FEED_HOST}/feeds`;

type Harness = ReturnType<typeof harness>;

let repCounter = 0;

/** POST /api/team as an admin; the rep as answered. */
export async function addRep(h: Harness, body: Record<string, unknown> = {}): Promise<SalesRep> {
  const res = await h.request(
    '/api/team',
    postJson(
      { name: 'Ada Lovelace', email: `rep${++repCounter}.${Date.now()}@northwind.example`, time_zone: 'Europe/Berlin', ...body },
      ADMIN,
    ),
  );
  if (res.status !== 201) throw new Error(`POST /api/team answered ${res.status}: ${await res.text()}`);
  return bodyOf<SalesRep>(res);
}

/** POST /api/team/{id}/calendars as an admin; the feed as answered. */
export async function addCalendar(h: Harness, repId: string, url: string): Promise<CalendarFeed> {
  const res = await h.request(`/api/team/${repId}/calendars`, postJson({ url }, ADMIN));
  if (res.status !== 201) throw new Error(`POST calendars answered ${res.status}: ${await res.text()}`);
  return bodyOf<CalendarFeed>(res);
}

/** Hands these feeds' sync messages to the calendar queue's consumer, at a given moment. */
export async function syncAt(now: string | Date, feedIds: string[], deps: Partial<SyncDeps> = {}) {
  const batch = createMessageBatch(
    CALENDAR_QUEUE_NAME,
    feedIds.map((feed_id, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body: { feed_id } })),
  );
  await syncBatch(batch as MessageBatch<{ feed_id: string }>, env, {
    now: () => new Date(now),
    fetch: (...a) => fetch(...a),
    timeoutMs: 10_000,
    ...deps,
  });
}

/** GET /api/team/{id}/busy as `start–end` strings, for readable expectations. */
export async function busyOf(h: Harness, repId: string, from: string, to: string): Promise<string[]> {
  const res = await h.request(`/api/team/${repId}/busy?from=${from}&to=${to}`, { headers: ADMIN });
  if (res.status !== 200) throw new Error(`busy answered ${res.status}: ${await res.text()}`);
  return (await bodyOf<BusyPage>(res)).data.map((b) => `${b.start}–${b.end}`);
}

/** GET /api/team/{id}: the rep as answered now. */
export async function repNow(h: Harness, repId: string): Promise<SalesRep> {
  return bodyOf<SalesRep>(await h.request(`/api/team/${repId}`, { headers: ADMIN }));
}
