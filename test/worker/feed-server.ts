/**
 * Calendar feeds over HTTP for the worker tests, answered by the outbound
 * receiver (in Node, outside workerd) at https://calendar.example.test:
 *
 *   /feeds/<name>.ics   a file of test/feeds/ (real exports' shapes), with an
 *                       ETag; If-None-Match with it answers 304
 *   /feeds/huge.ics     a valid feed of 5 MB
 *   /feeds/error.ics    500            /feeds/hang.ics   answers after 3 s
 *
 * A test may make a path answer as another does (`PUT
 * /__feed?path=/feeds/mine.ics&as=error.ics`), or put a body there (`PUT`
 * with the body); `GET /__feed?path=…` says how often it was fetched, and
 * with which If-None-Match.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const FEED_HOST = 'calendar.example.test';

const dir = new URL('../feeds/', import.meta.url);
const overrides = new Map<string, { body?: string; as?: string }>();
const fetches = new Map<string, { count: number; ifNoneMatch: string[] }>();

/** A valid feed of about 5 MB: one event after another. */
function huge(): string {
  const event = (i: number) =>
    `BEGIN:VEVENT\r\nUID:huge-${i}\r\nDTSTAMP:20261001T000000Z\r\nDTSTART:20261021T090000Z\r\nDTEND:20261021T093000Z\r\nSUMMARY:${'x'.repeat(200)}\r\nEND:VEVENT\r\n`;
  const parts = ['BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//huge//EN\r\n'];
  for (let i = 0, size = 0; size < 5 * 1024 * 1024; i++) {
    const e = event(i);
    parts.push(e);
    size += e.length;
  }
  parts.push('END:VCALENDAR\r\n');
  return parts.join('');
}

export async function feedServer(request: Request, url: URL): Promise<Response> {
  if (url.pathname === '/__feed') {
    const path = url.searchParams.get('path') ?? '';
    if (request.method === 'PUT') {
      const as = url.searchParams.get('as');
      overrides.set(path, as ? { as: `/feeds/${as}` } : { body: await request.text() });
      return new Response(null, { status: 204 });
    }
    return Response.json(fetches.get(path) ?? { count: 0, ifNoneMatch: [] });
  }
  const seen = fetches.get(url.pathname) ?? { count: 0, ifNoneMatch: [] };
  seen.count++;
  seen.ifNoneMatch.push(request.headers.get('if-none-match') ?? '');
  fetches.set(url.pathname, seen);
  const override = overrides.get(url.pathname);
  const path = override?.as ?? url.pathname;
  if (path === '/feeds/error.ics') return new Response('calendar server error', { status: 500 });
  if (path === '/feeds/hang.ics') {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return new Response('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  }
  let body = override?.body;
  if (body === undefined && path === '/feeds/huge.ics') body = huge();
  if (body === undefined) {
    try {
      body = readFileSync(new URL(path.replace('/feeds/', ''), dir), 'utf8');
    } catch {
      return new Response('no such calendar', { status: 404 });
    }
  }
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag } });
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', etag } });
}
