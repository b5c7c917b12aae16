import { type BookingField, LIMITS, ORGANIZATION_SIZES } from '../../contract/limits.js';
import {
  CONTACT_DETAILS_PATTERN,
  EMAIL,
  FORBIDDEN_CHARS,
  FORBIDDEN_IN_MESSAGE,
  INVISIBLE_CHARS,
  ISO_WITH_OFFSET,
  PHONE_PATTERN,
} from '../../contract/rules.js';

/** A single line of text with at least one visible character, none of the forbidden ones. */
export const VISIBLE_LINE = `^[^${FORBIDDEN_CHARS}]*[^${FORBIDDEN_CHARS}${INVISIBLE_CHARS}][^${FORBIDDEN_CHARS}]*$`;
/** Any single line of text without the forbidden characters. */
export const LINE = `^[^${FORBIDDEN_CHARS}]*$`;

/** An http(s) page address: a host whose last label starts with a letter (a numeric one would have to be a whole IPv4 address), an optional port, then anything but spaces and hidden characters. */
export const PAGE_URL = {
  maxLength: LIMITS.urlMax,
  pattern: `^[Hh][Tt][Tt][Pp][Ss]?://(?:[A-Za-z0-9-]+\\.)*[A-Za-z][A-Za-z0-9-]*(?::[0-9]{1,4})?(?:[/?#][^\\s${FORBIDDEN_CHARS}]*)?$`,
  example: 'https://www.example.com/pricing',
};

/** The privacy policy's address: https, and a URI as `format: uri` says (no space, nothing outside printable ASCII). */
export const PRIVACY_URL = '^https://(?:[A-Za-z0-9-]+\\.)*[A-Za-z][A-Za-z0-9-]*(?::[0-9]{1,4})?(?:[/?#][\\x21-\\x7e]*)?$';

/** JSON Schema keywords of each field's rule, for the document. */
export const KEYWORDS: Record<BookingField, Record<string, unknown>> = {
  organization_name: {
    minLength: 1,
    maxLength: LIMITS.nameMax,
    pattern: VISIBLE_LINE,
    not: { pattern: CONTACT_DETAILS_PATTERN },
    example: 'Northwind Mentoring',
  },
  contact_name: {
    minLength: 1,
    maxLength: LIMITS.nameMax,
    pattern: VISIBLE_LINE,
    not: { pattern: CONTACT_DETAILS_PATTERN },
    example: 'Ada Lovelace',
  },
  contact_email: { maxLength: LIMITS.emailMax, pattern: `^\\s*${EMAIL.source.slice(1, -1)}\\s*$`, example: 'ada@northwind.example' },
  contact_phone: { maxLength: LIMITS.phoneMax, pattern: PHONE_PATTERN, example: '+44 20 7946 0958' },
  organization_size: { enum: [...ORGANIZATION_SIZES, null] },
  preferred_date: { format: 'date-time', pattern: ISO_WITH_OFFSET.source, example: '2027-03-04T14:30:00+01:00' },
  message: { maxLength: LIMITS.messageMax, pattern: `^[^${FORBIDDEN_IN_MESSAGE}]*$` },
  source_url: PAGE_URL,
  referrer: PAGE_URL,
  landing_page: PAGE_URL,
  utm_term: { maxLength: LIMITS.utmMax, pattern: LINE },
  utm_content: { maxLength: LIMITS.utmMax, pattern: LINE },
  utm_source: { maxLength: LIMITS.utmMax, pattern: LINE },
  utm_medium: { maxLength: LIMITS.utmMax, pattern: LINE },
  utm_campaign: { maxLength: LIMITS.utmMax, pattern: LINE },
  timezone: { enum: [...Intl.supportedValuesOf('timeZone'), null], example: 'Europe/Berlin' },
};
