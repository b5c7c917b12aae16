/** Every change is an event: the history, the webhooks it causes, the prospect's emails and invites. */
import { env } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { Booking, BookingDetail, ProblemBody } from '../../contract/api.js';
import { signCancelToken } from '../../worker/cancel/token.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, allTasks, harness, postJson, validBooking } from './helpers.js';
import { parseInvite } from './invite-oracle.js';
import { captured, deliver, notifyEnv } from './notify-helpers.js';

type H = ReturnType<typeof harness>;
type Event = {
  id: string;
  type: string;
  from_status: string | null;
  to_status: string | null;
  actor: string;
  details: Record<string, unknown>;
};

const inDays = (days: number, hour = 14) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 30, 0, 0);
  return d.toISOString();
};

async function created(h: H, overrides: Record<string, unknown> = {}) {
  const res = await h.request('/api/bookings', postJson(validBooking({ timezone: 'Europe/Berlin', ...overrides })));
  return (await bodyOf<Booking>(res)).id;
}

const patch = (h: H, id: string, body: Record<string, unknown>) =>
  h.request(`/api/bookings/${id}`, {
    method: 'PATCH',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const detail = async (h: H, id: string) => await bodyOf<BookingDetail>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }));

/** Delivers every pending task of a booking (oldest first) to a recording email and a receiver path. */
async function deliverAll(id: string, path = `/ok/${id}`) {
  const n = notifyEnv({ webhookPath: path });
  const tasks = (await allTasks())
    .filter((t) => t.booking_id === id && t.state === 'pending')
    .sort((a, b) => a.created_at.localeCompare(b.created_at));
  for (const t of tasks) await deliver(t.id, n.env);
  return n;
}

describe('the history', () => {
  it('records each change with its type, statuses, actor and details, oldest first, in GET /api/bookings/:id', async () => {
    const h = harness();
    const id = await created(h);
    const start = inDays(3);
    const later = inDays(4);
    expect((await patch(h, id, { status: 'confirmed', preferred_date: start, meeting_url: 'https://meet.example.com/abc' })).status).toBe(
      200,
    );
    expect((await patch(h, id, { preferred_date: later })).status).toBe(200);
    expect((await patch(h, id, { status: 'completed' })).status).toBe(200);
    const { events } = await detail(h, id);
    expect(events.map((e) => [e.type, e.from_status, e.to_status, e.actor])).toEqual([
      ['created', null, 'pending', 'requester'],
      ['confirmed', 'pending', 'confirmed', 'admin-token'],
      ['rescheduled', 'confirmed', 'confirmed', 'admin-token'],
      ['completed', 'confirmed', 'completed', 'admin-token'],
    ]);
    expect(events[2]!.details).toEqual({ preferred_date: { from: start, to: later } });
    expect([...events.map((e) => e.id)].sort()).toEqual(events.map((e) => e.id)); // UUIDv7 order is the order of changes
  });

  it('a same-status PATCH is a no-op: no entry, no notification', async () => {
    const h = harness();
    const id = await created(h);
    await patch(h, id, { status: 'confirmed', preferred_date: inDays(3) });
    const tasksBefore = (await allTasks()).length;
    const res = await patch(h, id, { status: 'confirmed' });
    expect(res.status).toBe(200);
    expect((await detail(h, id)).events).toHaveLength(2);
    expect(await allTasks()).toHaveLength(tasksBefore);
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    const h = harness();
    const id = await created(h);
    await expect(env.DB.prepare("UPDATE booking_events SET actor = 'someone else' WHERE booking_id = ?").bind(id).run()).rejects.toThrow(
      /booking_events_append_only/,
    );
    await expect(
      env.DB.prepare(`UPDATE booking_events SET details = '{"reason":"edited"}' WHERE booking_id = ?`).bind(id).run(),
    ).rejects.toThrow(/booking_events_append_only/);
    await expect(env.DB.prepare('DELETE FROM booking_events WHERE booking_id = ?').bind(id).run()).rejects.toThrow(
      /booking_events_append_only/,
    );
    expect((await detail(h, id)).events).toHaveLength(1);
  });

  it('a rescued spam booking is spam_rescued in the history by the admin, and announced as created', async () => {
    const h = harness();
    const id = await created(h, { hp_check: 'x' });
    await patch(h, id, { status: 'pending' });
    const { events } = await detail(h, id);
    expect(events.map((e) => [e.type, e.actor])).toEqual([
      ['created', 'system'],
      ['spam_rescued', 'admin-token'],
    ]);
    expect(events[0]!.details).toEqual({ spam_reason: 'honeypot' });
    const tasks = (await allTasks()).filter((t) => t.booking_id === id);
    expect(tasks.map((t) => [t.kind, t.event_type]).sort()).toEqual([
      ['email', 'demo_booking.created'],
      ['webhook', 'demo_booking.created'],
    ]);
    // The rescued request's email is in the visitor's zone, kept on the booking since the start.
    const n = await deliverAll(id);
    expect(n.email.sent[0]!.text).toContain('(Europe/Berlin)');
  });
});

describe('confirming', () => {
  it('needs a time: without preferred_date on the booking or in the PATCH it is a 422 naming the rule', async () => {
    const h = harness();
    const id = await created(h, { preferred_date: null });
    const res = await patch(h, id, { status: 'confirmed' });
    expect(res.status).toBe(422);
    expect((await bodyOf<ProblemBody>(res)).errors?.[0]?.rule).toBe('preferred_date_required_to_confirm');
    expect((await detail(h, id)).status).toBe('pending');
    expect((await patch(h, id, { status: 'confirmed', preferred_date: inDays(2) })).status).toBe(200);
  });

  it('takes a meeting link over https only', async () => {
    const h = harness();
    const id = await created(h);
    const res = await patch(h, id, { status: 'confirmed', meeting_url: 'http://meet.example.com/x' });
    expect(res.status).toBe(422);
    expect((await bodyOf<ProblemBody>(res)).errors?.[0]?.rule).toBe('meeting_url_format');
  });
});

describe('webhooks for every change', () => {
  it('each change is its own signed message with its own webhook-id, carrying the change', async () => {
    const h = harness();
    const id = await created(h);
    await patch(h, id, { status: 'confirmed', preferred_date: inDays(3) });
    await patch(h, id, { status: 'no_show' });
    await patch(h, id, { status: 'confirmed' });
    await deliverAll(id);
    const received = await captured(`/ok/${id}`);
    const events = received.map((r) => new Webhook(env.WEBHOOK_SECRET).verify(r.body, r.headers) as Record<string, never>);
    expect(events.map((e) => e.type)).toEqual([
      'demo_booking.created',
      'demo_booking.confirmed',
      'demo_booking.no_show',
      'demo_booking.confirmed',
    ]);
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(4);
    const noShow = events[2] as unknown as { timestamp: string; data: { id: string }; event: Event };
    expect(noShow.event).toMatchObject({ from_status: 'confirmed', to_status: 'no_show', actor: 'admin-token' });
    expect(noShow.data.id).toBe(id);
    expect(noShow.data).not.toHaveProperty('ip_address');
    const history = (await detail(h, id)).events;
    expect(noShow.event.id).toBe(history[2]!.id);
    expect(noShow.timestamp).toBe((history[2] as Event & { at: string }).at);
  });

  it('conflicting concurrent changes: exactly one wins, the others get 409, one entry and one webhook', async () => {
    const h = harness();
    const id = await created(h);
    await patch(h, id, { status: 'confirmed', preferred_date: inDays(3) });
    const moves = [...Array.from({ length: 10 }, () => 'completed'), ...Array.from({ length: 10 }, () => 'no_show')];
    const results = await Promise.all(moves.map(async (status) => ({ status, code: (await patch(h, id, { status })).status })));
    const { events, status: final } = await detail(h, id);
    const ends = events.filter((e) => e.type === 'completed' || e.type === 'no_show');
    expect(ends).toHaveLength(1);
    expect(ends[0]!.to_status).toBe(final);
    // Every request for the other end is refused; one for the winning end applied, the rest of those found it done.
    expect(results.filter((r) => r.status !== final).every((r) => r.code === 409)).toBe(true);
    expect(results.some((r) => r.status === final && r.code === 200)).toBe(true);
    const webhooks = (await allTasks()).filter(
      (t) => t.booking_id === id && t.kind === 'webhook' && t.event_type === `demo_booking.${final}`,
    );
    expect(webhooks).toHaveLength(1);
  });
});

describe('the prospect hears about their demo', () => {
  it('confirmed: the time in their zone and UTC, the link, the cancel link and a REQUEST invite naming them as written; moved: SEQUENCE 1, same UID', async () => {
    const h = harness();
    const name = 'Ann "Nan" O^Neil';
    const id = await created(h, { contact_name: name });
    const start = inDays(5, 9);
    await patch(h, id, { status: 'confirmed', preferred_date: start, meeting_url: 'https://meet.example.com/demo-1' });
    let n = await deliverAll(id);
    const confirmed = n.email.sent.find((m) => m.subject.startsWith('Your demo is confirmed'))!;
    expect(confirmed.text).toMatch(/Time \(Europe\/Berlin\): .+\n/);
    expect(confirmed.text).toMatch(/Time \(UTC\): .+ 09:30 UTC/);
    expect(confirmed.text).toContain('https://meet.example.com/demo-1');
    expect(confirmed.text).toMatch(/\/cancel\/[0-9a-f-]+\?token=/);
    const [attachment] = (confirmed as { attachments?: { type: string; content: string; filename: string }[] }).attachments!;
    expect(attachment!.type).toContain('method=REQUEST');
    const first = parseInvite(attachment!.content);
    expect(first).toMatchObject({ method: 'REQUEST', sequence: 0, start, startIsUtc: true, url: 'https://meet.example.com/demo-1' });
    expect(first.uid).toContain(id);
    expect(Date.parse(first.end) - Date.parse(first.start)).toBe(Number(env.DEMO_DURATION_MINUTES) * 60_000);
    expect(first.organizer).toBe(`mailto:${env.EMAIL_FROM}`);
    expect(first.attendee).toMatch(/^mailto:person/);

    // RFC 6868: the quotes and the caret reach the calendar as written.
    expect(first.attendeeName).toBe(name);

    const moved = inDays(6, 10);
    await patch(h, id, { preferred_date: moved });
    n = await deliverAll(id);
    const update = n.email.sent.find((m) => m.subject.startsWith('Your demo has moved'))!;
    const second = parseInvite((update as { attachments?: { content: string }[] }).attachments![0]!.content);
    expect(second).toMatchObject({ method: 'REQUEST', uid: first.uid, sequence: 1, start: moved });
  });

  it('cancelled after confirmation (by sales): an email and a CANCEL invite with the same UID', async () => {
    const h = harness();
    const id = await created(h);
    const start = inDays(5);
    await patch(h, id, { status: 'confirmed', preferred_date: start });
    const invited = await deliverAll(id);
    const uid = parseInvite((invited.email.sent[1] as { attachments?: { content: string }[] }).attachments![0]!.content).uid;
    await h.request(`/api/bookings/${id}/cancel`, {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Customer chose another vendor' }),
    });
    const n = await deliverAll(id);
    const mail = n.email.sent.find((m) => m.subject.includes('is cancelled'))!;
    const cancel = parseInvite((mail as { attachments?: { content: string; type: string }[] }).attachments![0]!.content);
    expect(cancel).toMatchObject({ method: 'CANCEL', uid, start });
    expect(cancel.sequence).toBeGreaterThan(0);
    expect((await detail(h, id)).events.at(-1)).toMatchObject({ type: 'cancelled', details: { reason: 'Customer chose another vendor' } });
  });

  it('a pending request cancelled by sales gets a short note without an invite; the prospect cancelling it gets none', async () => {
    const h = harness();
    const bySales = await created(h);
    await h.request(`/api/bookings/${bySales}/cancel`, { method: 'POST', headers: ADMIN });
    const n = await deliverAll(bySales);
    const note = n.email.sent.find((m) => m.subject.startsWith('About your demo request'))!;
    expect(note).toBeDefined();
    expect((note as { attachments?: unknown[] }).attachments).toBeUndefined();

    const byProspect = await created(h);
    const token = await signCancelToken(env.WEBHOOK_SECRET, byProspect, new Date());
    const res = await h.request(`/cancel/${byProspect}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${encodeURIComponent(token)}`,
    });
    expect(res.status).toBe(200);
    const tasks = (await allTasks()).filter((t) => t.event_type === 'demo_booking.cancelled');
    expect(
      tasks
        .filter((t) => t.booking_id === bySales)
        .map((t) => t.kind)
        .sort(),
    ).toEqual(['email', 'webhook']);
    expect(tasks.filter((t) => t.booking_id === byProspect).map((t) => t.kind)).toEqual(['webhook']);
    expect((await detail(h, byProspect)).events.at(-1)).toMatchObject({ type: 'cancelled', actor: 'requester' });
  });
});
