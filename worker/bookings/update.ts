/**
 * The admin's change of a booking (PATCH and cancel): checks what only an
 * admin may set, then hands the change to the transitions module.
 */
import { eq } from 'drizzle-orm';
import { LIMITS } from '../../contract/limits.js';
import { FIELD_CHECKS, type RuleName } from '../../contract/rules.js';
import type { Db } from '../db/client.js';
import { organizations } from '../db/schema.js';
import { Problem } from '../http/problem.js';
import { requireChangeable } from './repository.js';
import type { PatchBookingRequest } from './requests.js';
import { type ChangeResult, changeBooking } from './transitions.js';

const refused = (path: string, rule: RuleName, message: string) => new Problem(422, message, { errors: [{ path, rule, message }] });

/**
 * Applies an admin PATCH (or cancel) to a booking on behalf of `actor`: 404
 * when there is none, 409 when archived or the move is not allowed, 422 for
 * a refused value.
 */
export async function updateBooking(
  db: Db,
  id: string,
  patch: PatchBookingRequest,
  by: { now: Date; actor: string },
): Promise<ChangeResult> {
  const current = await requireChangeable(db, id);
  if (patch.organization_id && patch.organization_id !== current.organization_id) await assertOrganization(db, patch.organization_id);
  const preferred = patch.preferred_date == null ? patch.preferred_date : checkedAdminDate(patch.preferred_date, by.now);
  const meetingUrl = patch.meeting_url == null ? patch.meeting_url : checkedMeetingUrl(patch.meeting_url);
  return changeBooking(
    db,
    current,
    {
      status: patch.status,
      organization_id: patch.organization_id,
      preferred_date: preferred,
      meeting_url: meetingUrl,
      reason: patch.reason,
    },
    by,
  );
}

async function assertOrganization(db: Db, organizationId: string) {
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw refused('organization_id', 'organization_id_exists', 'No organization has this id.');
}

/** Admins may set any future time (no 24 h lead), within the same 365 days. */
function checkedAdminDate(value: string, now: Date): string {
  const failed = FIELD_CHECKS.preferred_date(value, { now, minLeadHours: 0 });
  if (failed) throw refused('preferred_date', failed[0], failed[1]);
  return new Date(value).toISOString();
}

/** The meeting link goes into the prospect's email and calendar: https only. */
function checkedMeetingUrl(value: string): string {
  const url = URL.canParse(value) && !/\s/.test(value) && value.length <= LIMITS.meetingUrlMax ? new URL(value) : null;
  if (url?.protocol !== 'https:') throw refused('meeting_url', 'meeting_url_format', 'The meeting link must be an https:// address.');
  return url.href;
}
