/**
 * The notification pipeline: N bookings created as fast as the API takes
 * them, then the time until every confirmation email and every webhook has
 * gone out through the local queues, counting anything missing or doubled.
 * Webhooks go to a receiver in this process that verifies each signature;
 * emails are counted from the local send_email binding's log lines.
 */
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { startLocalWorker } from '../scripts/local-worker.js';
import { bookingBody, clientIp } from './bodies.js';
import { SECRETS } from './secrets.js';
import { table } from './stats.js';

export async function pipelineBench(stateDir: string, count: number, concurrency = 20): Promise<{ markdown: string; ok: boolean }> {
  const verifier = new Webhook(SECRETS.WEBHOOK_SECRET);
  const byWebhookId = new Map<string, number>();
  const bookingsSeen = new Set<string>();
  let badSignatures = 0;
  let lastWebhookAt = 0;
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        const event = verifier.verify(body, req.headers as Record<string, string>) as { data: { id: string } };
        const id = req.headers['webhook-id'] as string;
        byWebhookId.set(id, (byWebhookId.get(id) ?? 0) + 1);
        bookingsSeen.add(event.data.id);
        lastWebhookAt = performance.now();
      } catch {
        badSignatures++;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as { port: number }).port;
  const worker = await startLocalWorker(stateDir, {
    ...SECRETS,
    SALES_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
  });

  const run = Date.now().toString(36);
  const start = performance.now();
  let next = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const n = ++next;
        const res = await fetch(`${worker.url}/api/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'cf-connecting-ip': clientIp(n) },
          body: JSON.stringify(bookingBody(n, run)),
        });
        if (res.status !== 201) refused++;
        await res.arrayBuffer();
      }
    }),
  );
  const intakeMs = performance.now() - start;

  const emailsTo = () => [...worker.output().matchAll(/^To: (bench-\S+@example\.com)$/gm)].map((m) => m[1]!);
  let lastEmailCount = 0;
  let lastEmailAt = performance.now();
  const deadline = performance.now() + 10 * 60_000;
  while (performance.now() < deadline) {
    const emails = emailsTo().length;
    if (emails !== lastEmailCount) {
      lastEmailCount = emails;
      lastEmailAt = performance.now();
    }
    if (emails >= count && bookingsSeen.size >= count) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 3000)); // anything doubled would arrive now
  const emails = emailsTo();
  const perAddress = new Map<string, number>();
  for (const to of emails) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
  const doubledEmails = [...perAddress.values()].filter((v) => v > 1).length;
  const doubledWebhooks = [...byWebhookId.values()].filter((v) => v > 1).length;
  const missingEmails = count - refused - perAddress.size;
  const missingWebhooks = count - refused - bookingsSeen.size;
  await worker.stop();
  receiver.close();
  const s = (t: number) => `${((t - start) / 1000).toFixed(1)} s`;
  const ok =
    refused === 0 && missingEmails === 0 && missingWebhooks === 0 && doubledEmails === 0 && doubledWebhooks === 0 && badSignatures === 0;
  return {
    ok,
    markdown: [
      `${count} bookings posted by ${concurrency} concurrent clients to \`wrangler dev\` (local queues with the consumer settings of wrangler.toml: batches of up to 10, 5 s batch timeout).`,
      '',
      table(
        ['measure', 'value'],
        [
          [
            'all creates answered',
            `${(intakeMs / 1000).toFixed(1)} s (${((count / intakeMs) * 1000).toFixed(0)} creates/s); refused: ${refused}`,
          ],
          ['last confirmation email sent', s(lastEmailAt)],
          ['last webhook received', s(lastWebhookAt)],
          ['emails: sent / missing / doubled', `${perAddress.size} / ${missingEmails} / ${doubledEmails}`],
          [
            'webhooks: received / missing / doubled / bad signature',
            `${bookingsSeen.size} / ${missingWebhooks} / ${doubledWebhooks} / ${badSignatures}`,
          ],
        ],
      ),
    ].join('\n'),
  };
}
