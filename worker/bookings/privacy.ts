/**
 * Personal data that rides along with attribution: a page address whose
 * query says `?email=…&name=…`, whose path holds an address
 * (`/thanks/ann@acme.io/`), whose user-info names someone; a UTM value or a
 * click id that is an email address or a phone number. It is dropped from
 * every attribution value and address when a booking is stored, and erasure
 * drops what is left of the addresses' queries and every free-text
 * attribution value.
 */

/** Query parameters that name a person. */
const PERSONAL_PARAM = /^(e[-_]?mail|mail|email_?address|(first|last|full|user)?[-_]?name|phone|tel|telephone|mobile)$/i;
/** A value that is, or carries, an email address. */
const EMAIL_LIKE = /[^\s@/]+@[^\s@/]+\.[^\s@/]+/;

/** A date as campaigns are named by it (2026-10-01): digits and dashes, but no phone number. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a value that is, or carries, an email address, or that is a phone number (7 or more digits and phone punctuation only). */
export function isPersonal(value: string): boolean {
  if (EMAIL_LIKE.test(value)) return true;
  return /^[+\d\s()./-]+$/.test(value) && (value.match(/\d/g)?.length ?? 0) >= 7 && !ISO_DATE.test(value.trim());
}

/** A path segment, decoded where it can be. */
const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The path up to (not including) its first segment that looks personal. */
function pathBeforePersonal(pathname: string): string {
  const segments = pathname.split('/');
  const cut = segments.findIndex((s) => isPersonal(decoded(s)));
  return cut < 0 ? pathname : `${segments.slice(0, cut).join('/')}/`;
}

/**
 * The address without what looks like personal data: user-info, query
 * parameters named or valued like it, a fragment holding an email address,
 * and the path from its first personal segment on; attribution stays.
 *
 * @example withoutPersonalData('https://x.com/p?utm_source=ads&email=a@b.co') // 'https://x.com/p?utm_source=ads'
 * @example withoutPersonalData('https://x.com/thanks/ann@acme.io/profile') // 'https://x.com/thanks/'
 */
export function withoutPersonalData(address: string | null): string | null {
  if (!address || !URL.canParse(address)) return address;
  const url = new URL(address);
  url.username = '';
  url.password = '';
  for (const [key, value] of [...url.searchParams]) {
    // URLSearchParams has already decoded both (leniently: a stray % stays a %).
    if (PERSONAL_PARAM.test(key) || isPersonal(value) || EMAIL_LIKE.test(key)) url.searchParams.delete(key);
  }
  if (EMAIL_LIKE.test(decoded(url.hash))) url.hash = '';
  url.pathname = pathBeforePersonal(url.pathname);
  return url.href;
}

/** An attribution value (a UTM value, a click id), unless it is personal. */
export const withoutPersonal = (value: string | null | undefined): string | null => (value && !isPersonal(value) ? value : null);

/** An object of attribution values (click ids, a touch) without its personal values; nested objects likewise. */
export function withoutPersonalValues<T extends object>(values: T): Partial<T> {
  const kept = Object.entries(values).flatMap(([key, value]) => {
    if (typeof value === 'string') return isPersonal(value) ? [] : [[key, value]];
    if (value && typeof value === 'object') return [[key, withoutPersonalValues(value)]];
    return [[key, value]];
  });
  return Object.fromEntries(kept) as Partial<T>;
}

/** The page address with nothing but where it was: no query, no fragment, no user-info, no personal path (erasure). */
export function pageOnly(address: string | null): string | null {
  if (!address || !URL.canParse(address)) return null;
  const url = new URL(address);
  return `${url.origin}${pathBeforePersonal(url.pathname)}`;
}
