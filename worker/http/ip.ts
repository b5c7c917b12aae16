/**
 * ip_address_anonymization: the stored address never identifies one host.
 * IPv4 keeps its first three octets; IPv6 keeps its first 48 bits (the
 * routing prefix of a site), the last 80 bits zeroed.
 */
import { createMiddleware } from 'hono/factory';
import { EN_RULES } from '../../contract/words/en-rules.js';
import type { AppEnv } from './app-env.js';
import { Problem } from './problem.js';

/**
 * Anonymizes a client address from `CF-Connecting-IP`; null when absent or
 * not an IP address.
 *
 * @example anonymizeIp('203.0.113.77') // '203.0.113.0'
 * @example anonymizeIp('2001:db8:85a3:8d3:1319:8a2e:370:7348') // '2001:db8:85a3::'
 */
export function anonymizeIp(raw: string | null | undefined): string | null {
  const ip = raw?.trim();
  if (!ip) return null;
  if (/^[\d.]+$/.test(ip)) {
    const octets = ipv4Octets(ip);
    return octets ? `${octets.slice(0, 3).join('.')}.0` : null;
  }
  // An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is an IPv4 client.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return anonymizeIp(mapped[1]);
  const groups = expandIpv6(ip);
  if (!groups) return null;
  // Canonical text of the first three groups followed by "::".
  const head = groups.slice(0, 3).map((g) => g.toString(16));
  while (head.length && head[head.length - 1] === '0') head.pop();
  return `${head.join(':')}::`;
}

/** The four octets of a dotted IPv4 address, or null (also for five parts, or a part over 255). */
function ipv4Octets(text: string): number[] | null {
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)?.slice(1).map(Number);
  return octets?.every((o) => o <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and an embedded IPv4 tail), or null. */
function expandIpv6(ip: string): number[] | null {
  const address = ip.replace(/%.*$/, ''); // zone index, e.g. fe80::1%eth0
  if (!/^[0-9a-fA-F:.]+$/.test(address) || address.split('::').length > 2) return null;
  const parts = (s: string) => (s === '' ? [] : s.split(':'));
  const [left, right = null] = address.split('::') as [string, string?];
  const tail = right === null ? parts(left) : parts(right);
  const head = right === null ? [] : parts(left);
  const words: string[] = [...head, ...tail];
  const last = words[words.length - 1];
  if (last?.includes('.')) {
    const octets = ipv4Octets(last);
    if (!octets) return null;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    words.splice(words.length - 1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  if (words.some((w) => !/^[0-9a-fA-F]{1,4}$/.test(w))) return null;
  const headWords = right === null ? words : words.slice(0, head.length);
  const tailWords = right === null ? [] : words.slice(head.length);
  const missing = 8 - headWords.length - tailWords.length;
  if ((right === null && missing !== 0) || (right !== null && missing < 1)) return null;
  return [...headWords, ...Array<string>(Math.max(missing, 0)).fill('0'), ...tailWords].map((w) => parseInt(w, 16));
}

/**
 * The key the per-IP brake counts a client under: an IPv4 address as it is,
 * an IPv6 address by its /64 (one subscriber's network: a host can take any
 * of its 2^64 addresses at will), anything unreadable as given.
 *
 * @example rateLimitKey('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function rateLimitKey(raw: string | undefined): string {
  const ip = raw?.trim() ?? '';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  const groups = expandIpv6(ip);
  return groups
    ? `${groups
        .slice(0, 4)
        .map((g) => g.toString(16))
        .join(':')}::/64`
    : ip || 'unknown';
}

/**
 * The per-IP brake of a public route (Workers Rate Limiting: approximate, per
 * location), counted per `scope` so browsing slots does not use up booking.
 * The address is only a key here, never stored.
 */
export const perIpBrake = (scope: string) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { success } = await c.env.RL.limit({ key: `${scope}:${rateLimitKey(c.req.header('cf-connecting-ip'))}` });
    if (!success) throw new Problem(429, EN_RULES.rate_limit_per_ip, { rule: 'rate_limit_per_ip', headers: { 'retry-after': '60' } });
    await next();
  });
