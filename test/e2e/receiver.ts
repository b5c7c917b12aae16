/**
 * A sales-webhook receiver on loopback for the tests against `wrangler dev`:
 * it records every request and answers 204. The tests read what it got over
 * HTTP (`GET /__captured`), since they run in other processes than the setup.
 */
import { createServer, type Server } from 'node:http';

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A theme as WordPress themes often have it: a 62.5 % root, capitals, spacing, centring, a tight line. */
const HOSTILE_THEME = `<style>html { font-size: 62.5%; } body { text-transform: uppercase; letter-spacing: .2em; text-align: center;
  line-height: 1; word-spacing: .5em; font-style: italic; }</style>`;

/** A page of the marketer's site: `hostile-theme` has that theme, `options` a consent box and work addresses only, `de` is German. */
function hostPage(page: string, workerUrl: string): string {
  const lang = page === 'de' ? 'de' : 'en';
  const attributes =
    page === 'options'
      ? 'consent-label="I agree that Acme may contact me about this demo." privacy-url="https://www.example.com/privacy" require-work-email'
      : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<title>Acme Mentoring: ${page}</title>${page === 'hostile-theme' ? HOSTILE_THEME : ''}<script type="module" src="${workerUrl}/widget.js"></script></head>
<body><h1>Acme Mentoring: ${page}</h1><a href="/host/pricing">Pricing</a><demo-booking ${attributes}></demo-booking></body></html>`;
}

/**
 * Starts the receiver on a free loopback port. It also plays the Cloudflare
 * Access team: `/cdn-cgi/access/certs` answers `jwks`; and a calendar
 * server: `/calendars/<name>` serves what a test PUT there.
 */
export async function startReceiver(
  jwks: object = { keys: [] },
): Promise<{ url: string; close: () => Promise<void>; setWorkerUrl: (url: string) => void }> {
  const received: Received[] = [];
  const calendars = new Map<string, string>();
  let workerUrl = '';
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      // A marketer's site on another origin than the worker, embedding the widget as the README shows.
      if (req.url?.startsWith('/host/')) {
        const page = new URL(req.url, 'http://host').pathname.slice('/host/'.length);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(page, workerUrl));
        return;
      }
      if (req.url === '/cdn-cgi/access/certs') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
        return;
      }
      // A rep's calendar as their calendar app publishes it: the tests PUT its text, the worker's sync GETs it.
      if (req.url?.startsWith('/calendars/')) {
        if (req.method === 'PUT') {
          calendars.set(req.url, body);
          res.writeHead(204).end();
        } else if (calendars.has(req.url))
          res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(calendars.get(req.url));
        else res.writeHead(404).end();
        return;
      }
      if (req.url === '/__captured') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      received.push({ path: req.url ?? '/', headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    setWorkerUrl: (url: string) => {
      workerUrl = url;
    },
  };
}
