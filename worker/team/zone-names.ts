/**
 * The IANA zone a calendar's TZID means: an IANA name (any case, or inside a
 * Lightning-style `/mozilla.org/…/Europe/Berlin` path), a Windows zone id
 * ("W. Europe Standard Time", through CLDR's windowsZones as the
 * windows-iana package keeps it), or an Outlook display name
 * ("(UTC-05:00) Eastern Time (US & Canada)", through the timezones.json
 * list of Windows display names). Null when it is none of these.
 */
import timezones from 'timezones.json';
import { findIana, WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { canonicalTimeZone } from '../../contract/rules.js';

/** Windows ids by their lower-cased name: Outlook's exports are not consistent about case. */
let windowsIds: Map<string, string> | undefined;
/** Windows ids by display name without its offset prefix, lower-cased ("eastern time (us & canada)"). */
let displayNames: Map<string, string> | undefined;

/** A display name without the "(UTC-05:00) " or "(GMT-05:00) " before it, lower-cased. */
const withoutOffset = (name: string) =>
  name
    .replace(/^\s*\((?:UTC|GMT)\s*(?:[+-]\d{1,2}(?::?\d{2})?)?\)\s*/i, '')
    .trim()
    .toLowerCase();

const cache = new Map<string, string | null>();

/**
 * @example ianaZone('(UTC-05:00) Eastern Time (US & Canada)') // 'America/New_York'
 */
export function ianaZone(tzid: string): string | null {
  const known = cache.get(tzid);
  if (known !== undefined) return known;
  const zone = resolve(tzid.trim().replace(/^"|"$/g, ''));
  if (cache.size < 1000) cache.set(tzid, zone);
  return zone;
}

function resolve(tzid: string): string | null {
  if (tzid.toUpperCase() === 'UTC' || tzid.toUpperCase() === 'Z' || tzid === 'GMT') return 'UTC';
  const iana = canonicalTimeZone(tzid) ?? lastSegments(tzid);
  if (iana) return iana;
  windowsIds ??= new Map(WINDOWS_TO_IANA_MAP.map((entry) => [entry.windowsName.toLowerCase(), entry.windowsName]));
  const windowsId = windowsIds.get(tzid.toLowerCase()) ?? displayName(tzid);
  // The zone CLDR names first for a Windows id is its own territory's ("001").
  const candidates = windowsId ? findIana(windowsId as Parameters<typeof findIana>[0], '001') : undefined;
  for (const candidate of candidates ?? []) {
    const canonical = canonicalTimeZone(candidate);
    if (canonical) return canonical;
  }
  return null;
}

/** `/mozilla.org/20070129_1/Europe/Berlin` and other prefixed paths: the zone is the last two or three segments. */
function lastSegments(tzid: string): string | null {
  const parts = tzid.split('/').filter(Boolean);
  for (const n of [3, 2]) {
    const zone = parts.length > n ? canonicalTimeZone(parts.slice(-n).join('/')) : null;
    if (zone) return zone;
  }
  return null;
}

function displayName(tzid: string): string | undefined {
  if (!displayNames) {
    displayNames = new Map();
    for (const zone of timezones) if (!displayNames.has(withoutOffset(zone.text))) displayNames.set(withoutOffset(zone.text), zone.value);
  }
  return displayNames.get(withoutOffset(tzid));
}
