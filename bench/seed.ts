/**
 * Seeds the local D1 (the SQLite file wrangler keeps for it) with synthetic
 * bookings, their outbox tasks and organizations, in SQL (a recursive CTE per
 * 100k rows), so a million rows take seconds. Run while no worker holds the
 * database. The mix: 20 % pending, 30 % confirmed, 20 % completed, 10 %
 * no_show, cancelled and spam each; created over the last 364 days; 1 % of
 * webhooks pending, 0.5 % failed; 20 % with an organization; one address
 * (frequent@example.com) on every thousandth booking.
 */
import type { DatabaseSync } from 'node:sqlite';

const CHUNK = 100_000;

export function seedOrganizations(db: DatabaseSync) {
  db.exec(`WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 999)
    INSERT OR IGNORE INTO organizations (id, name, created_at)
    SELECT printf('00000000-0000-7000-9000-%012x', n), 'Org ' || n, '2025-01-01T00:00:00.000Z' FROM k`);
}

/** Adds bookings number `from`..`to` (inclusive) with two tasks each. */
export function seedBookings(db: DatabaseSync, from: number, to: number) {
  for (let start = from; start <= to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK - 1);
    db.exec('BEGIN');
    db.exec(`WITH RECURSIVE seq(n) AS (SELECT ${start} UNION ALL SELECT n + 1 FROM seq WHERE n < ${end}),
      rows AS (SELECT n, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || ((n * 7919) % 31449600 + 60) || ' seconds') AS at FROM seq)
      INSERT INTO demo_bookings (id, organization_name, organization_id, contact_name, contact_email, contact_mailbox, contact_phone, organization_size,
        preferred_date, message, status, confirmation_sent_at, webhook_delivered_at, webhook_attempts, source_url, utm_source, utm_medium,
        utm_campaign, ip_address, created_at, updated_at, webhook_failed_at, redacted_at, spam_reason)
      SELECT printf('%08x-0000-7000-8000-%012x', n / 65536, n), 'Org ' || n,
        CASE WHEN n % 5 = 0 THEN printf('00000000-0000-7000-9000-%012x', (n / 5) % 1000) END,
        'Person ' || n, CASE WHEN n % 1000 = 7 THEN 'frequent@example.com' ELSE 'user' || n || '@example.com' END,
        CASE WHEN n % 1000 = 7 THEN 'frequent@example.com' ELSE 'user' || n || '@example.com' END, NULL, '51-200',
        NULL, 'Seeded for the benchmark.',
        CASE n % 10 WHEN 0 THEN 'pending' WHEN 1 THEN 'pending' WHEN 2 THEN 'confirmed' WHEN 3 THEN 'confirmed' WHEN 4 THEN 'confirmed'
          WHEN 5 THEN 'completed' WHEN 6 THEN 'no_show' WHEN 7 THEN 'cancelled' WHEN 8 THEN 'spam' ELSE 'completed' END,
        at, CASE WHEN n % 100 = 0 THEN NULL ELSE at END, 1, 'https://www.example.com/pricing', 'newsletter', 'email', 'autumn',
        '203.0.113.0', at, at, CASE WHEN n % 200 = 0 THEN at END, NULL, CASE WHEN n % 10 = 8 THEN 'honeypot' END
      FROM rows`);
    db.exec(`WITH RECURSIVE seq(n) AS (SELECT ${start} UNION ALL SELECT n + 1 FROM seq WHERE n < ${end}),
      kinds(k, kind) AS (VALUES (1, 'email'), (2, 'webhook'))
      INSERT INTO notification_tasks (id, booking_id, kind, event_type, payload, state, attempts, next_attempt_at, created_at, completed_at)
      SELECT printf('%08x-0000-7000-a00%d-%012x', n / 65536, k, n), printf('%08x-0000-7000-8000-%012x', n / 65536, n), kind,
        'demo_booking.created', '{}', CASE WHEN n % 500 = 0 THEN 'pending' ELSE 'done' END, 1,
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || ((n * 7919) % 31449600 + 60) || ' seconds'),
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || ((n * 7919) % 31449600 + 60) || ' seconds'), NULL
      FROM seq, kinds`);
    db.exec('COMMIT');
  }
}
