/**
 * Personal data that rides along with attribution: a page address whose
 * query says `?email=…&name=…`, a UTM value that is an email address. They
 * are dropped when a booking is stored, and erasure drops what is left of
 * the address's query and every free-text attribution value.
 */

/** Query parameters that name a person. */
const PERSONAL_PARAM = /^(e[-_]?mail|mail|email_?address|(first|last|full|user)?[-_]?name|phone|tel|telephone|mobile)$/i;
/** A value that is, or carries, an email address. */
const EMAIL_LIKE = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/**
 * The page address without the query parameters that look like personal
 * data (by name, or by an email address in the value); attribution stays.
 *
 * @example withoutPersonalParams('https://x.com/p?utm_source=ads&email=a@b.co') // 'https://x.com/p?utm_source=ads'
 */
export function withoutPersonalParams(address: string | null): string | null {
  if (!address || !URL.canParse(address)) return address;
  const url = new URL(address);
  for (const [key, value] of [...url.searchParams]) {
    // URLSearchParams has already decoded both (leniently: a stray % stays a %).
    if (PERSONAL_PARAM.test(key) || EMAIL_LIKE.test(value) || EMAIL_LIKE.test(key)) url.searchParams.delete(key);
  }
  if (EMAIL_LIKE.test(url.hash)) url.hash = '';
  return url.href;
}

/** A UTM value, unless it is an email address. */
export const withoutEmail = (value: string | null): string | null => (value && EMAIL_LIKE.test(value) ? null : value);

/** The page address with nothing but where it was: no query, no fragment (erasure). */
export function pageOnly(address: string | null): string | null {
  if (!address || !URL.canParse(address)) return null;
  const url = new URL(address);
  return `${url.origin}${url.pathname}`;
}
