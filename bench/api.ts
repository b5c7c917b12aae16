/**
 * API throughput and latency: autocannon against the worker in workerd
 * (`wrangler dev`), POST /api/bookings with unique valid bodies, and
 * GET /api/health as the runtime's own floor.
 */
import autocannon from 'autocannon';
import { createRequests } from './bodies.js';
import { table } from './stats.js';

interface Run {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

async function load(opts: autocannon.Options): Promise<Run> {
  const r = await autocannon(opts);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, non2xx: r.non2xx, errors: r.errors };
}

export async function apiBench(url: string, o: { seconds: number; connections: number }): Promise<string> {
  const health = await load({ url: `${url}/api/health`, connections: o.connections, duration: o.seconds });
  const create = await load({
    url: `${url}/api/bookings`,
    method: 'POST',
    connections: o.connections,
    duration: o.seconds,
    requests: createRequests(Date.now().toString(36)),
  });
  const row = (name: string, r: Run) => [name, r.rps.toFixed(0), r.p50, r.p99, r.total, r.non2xx, r.errors];
  return [
    `${o.connections} connections, ${o.seconds} s each, against \`wrangler dev\` (workerd, local D1 and queues; the queue consumers run in the same process).`,
    '',
    table(
      ['route', 'requests/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'],
      [row('GET /api/health', health), row('POST /api/bookings', create)],
    ),
    '',
    `Create / health throughput ratio: **${(create.rps / health.rps).toFixed(2)}** (a create validates, runs one D1 batch of three statements: the row, its history entry and its two tasks, and one sendBatch of the two tasks after the answer, behind the per-IP limiter).`,
  ].join('\n');
}
