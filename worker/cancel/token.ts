/**
 * The requester's cancel link: signed, expiring and single-purpose.
 * The token is `<expiry unix seconds>.<base64url HMAC-SHA256>` over
 * `cancel.<booking id>.<expiry>`, so it is bound to one booking and one
 * action. Its key is derived (HKDF) from WEBHOOK_SECRET for this purpose
 * only, so a webhook signature can never serve as a link and vice versa.
 */

/** How long a cancel link works after the email is sent. */
export const CANCEL_LINK_DAYS = 30;

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function linkKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey'])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: encoder.encode('demo-booking cancel link v1') },
          base,
          { name: 'HMAC', hash: 'SHA-256', length: 256 },
          false,
          ['sign', 'verify'],
        ),
      );
    keys.set(secret, key);
  }
  return key;
}

const b64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const unb64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/**
 * Signs a cancel token for a booking.
 *
 * @example await signCancelToken(secret, booking.id, new Date()) // '1767225600.Qm9…'
 */
export async function signCancelToken(secret: string, bookingId: string, now: Date): Promise<string> {
  const expires = Math.floor(now.getTime() / 1000) + CANCEL_LINK_DAYS * 86_400;
  const mac = await crypto.subtle.sign('HMAC', await linkKey(secret), encoder.encode(`cancel.${bookingId}.${expires}`));
  return `${expires}.${b64url(mac)}`;
}

/** Checks a token against a booking id: `valid`, `expired`, or `invalid` (tampered, malformed or another booking's). */
export async function verifyCancelToken(
  secret: string,
  bookingId: string,
  token: string,
  now: Date,
): Promise<'valid' | 'expired' | 'invalid'> {
  const [, expires, macText] = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token) ?? [];
  if (!expires || !macText) return 'invalid';
  let mac: Uint8Array<ArrayBuffer>;
  try {
    mac = unb64url(macText);
  } catch {
    return 'invalid';
  }
  // crypto.subtle.verify compares in constant time.
  const ok = await crypto.subtle.verify('HMAC', await linkKey(secret), mac, encoder.encode(`cancel.${bookingId}.${expires}`));
  if (!ok) return 'invalid';
  return Number(expires) * 1000 < now.getTime() ? 'expired' : 'valid';
}
