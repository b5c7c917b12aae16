import type autocannon from 'autocannon';

/** Valid create requests for load, each with its own address and client IP (so no limit interferes). */
const hoursAhead = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

export function bookingBody(n: number, run: string) {
  return {
    organization_name: `Bench Org ${n}`,
    contact_name: `Bench Person ${n}`,
    contact_email: `bench-${run}-${n}@example.com`,
    organization_size: '51-200',
    preferred_date: hoursAhead(48 + (n % 200)),
    message: 'Benchmark booking.',
    source_url: 'https://www.example.com/pricing',
    utm_source: 'bench',
    timezone: 'Europe/Berlin',
    elapsed_ms: 5000,
  };
}

/** A distinct client address per request, as Cloudflare would set it. */
export const clientIp = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/** autocannon requests that each create a booking of their own (a fresh address and client IP every time). */
export function createRequests(run: string): autocannon.Request[] {
  let n = 0;
  return [
    {
      setupRequest: (req) => {
        n++;
        return {
          ...req,
          headers: { 'content-type': 'application/json', 'cf-connecting-ip': clientIp(n) },
          body: JSON.stringify(bookingBody(n, run)),
        };
      },
    },
  ];
}
