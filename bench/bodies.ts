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
