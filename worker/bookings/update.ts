/**
 * The admin's change of a booking (PATCH and cancel): checks what only an
 * admin may set, then hands the change to the transitions module.
 */
import { eq } from 'drizzle-orm';
import { FIELD_CHECKS } from '../../contract/rules.js';
import type { Db } from '../db/client.js';
import { organizations } from '../db/schema.js';
import { Problem } from '../http/problem.js';
import { getChangeableBooking } from './repository.js';
import type { PatchBookingRequest } from './schema.js';
import { type ChangeResult, changeBooking } from './transitions.js';

/**
 * Applies an admin PATCH (or cancel) to a booking: 404 when there is none,
 * 409 when archived or the move is not allowed, 422 for a refused value.
 */
export async function updateBooking(db: Db, id: string, patch: PatchBookingRequest, now: Date): Promise<ChangeResult> {
  const current = await getChangeableBooking(db, id);
  if (patch.organization_id && patch.organization_id !== current.organization_id) await assertOrganization(db, patch.organization_id);
  const preferred = patch.preferred_date == null ? patch.preferred_date : checkedAdminDate(patch.preferred_date, now);
  return changeBooking(db, current, { status: patch.status, organization_id: patch.organization_id, preferred_date: preferred }, now);
}

async function assertOrganization(db: Db, organizationId: string) {
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org)
    throw new Problem(422, 'No organization has this id.', {
      errors: [{ path: 'organization_id', rule: 'organization_id_exists', message: 'No organization has this id.' }],
    });
}

/** Admins may set any future time (no 24 h lead), within the same 365 days. */
function checkedAdminDate(value: string, now: Date): string {
  const failed = FIELD_CHECKS.preferred_date(value, { now, minLeadHours: 0 });
  if (failed) throw new Problem(422, failed[1], { errors: [{ path: 'preferred_date', rule: failed[0], message: failed[1] }] });
  return new Date(value).toISOString();
}
