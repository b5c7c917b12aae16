/**
 * The admin's change of a booking (PATCH, cancel, the undo of an outcome):
 * checks what only an admin may set, then hands the change to the
 * transitions module.
 */
import { eq } from 'drizzle-orm';
import { LIMITS } from '../../contract/limits.js';
import { FIELD_CHECKS, type RuleName } from '../../contract/rules.js';
import type { Db } from '../db/client.js';
import { type Booking, organizations } from '../db/schema.js';
import { Problem } from '../http/problem.js';
import { slotTimes } from '../slots/service.js';
import { findRep } from '../team/service.js';
import { findEvent } from './history.js';
import { requireChangeable } from './repository.js';
import type { PatchBookingRequest } from './requests.js';
import { type BookingChange, type ChangeResult, changeBooking, undoOutcome } from './transitions.js';

const refused = (path: string, rule: RuleName, message: string) => new Problem(422, message, { errors: [{ path, rule, message }] });

/**
 * Applies an admin PATCH (or cancel) to a booking on behalf of `actor`: 404
 * when there is none, 409 when archived or the move is not allowed, 422 for
 * a refused value.
 */
export async function updateBooking(
  db: Db,
  id: string,
  asked: PatchBookingRequest,
  by: { now: Date; actor: string },
  slots: { DEMO_DURATION_MINUTES: number; BUFFER_MINUTES: number },
): Promise<ChangeResult> {
  const current = await requireChangeable(db, id);
  // A booked slot's time is its slot: a new preferred_date alone moves the slot (its end and its rep's blocked time with
  // it, under the same no-overlap guarantee), as the console's Reschedule sends it.
  const patch =
    current.slot_end && asked.preferred_date != null && asked.slot_start === undefined && asked.assigned_rep_id === undefined
      ? { ...asked, slot_start: asked.preferred_date, preferred_date: undefined }
      : asked;
  const move =
    patch.slot_start !== undefined || patch.assigned_rep_id !== undefined ? await slotMove(db, current, patch, by.now, slots) : {};
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
      ...move,
    },
    by,
  );
}

/** Undoes the booking's latest entry when it is an outcome recorded moments ago (transitions.ts undoOutcome). */
export async function undoLatestOutcome(db: Db, id: string, by: { now: Date; actor: string }): Promise<ChangeResult> {
  const current = await requireChangeable(db, id);
  return undoOutcome(db, current, current.last_event_id ? await findEvent(db, current.last_event_id) : null, by);
}

/**
 * A booked slot moved or given to another rep: its new start, end, blocked
 * time and rep (active), and the new rep's meeting link unless one is sent.
 * Whether the rep is free then is the database's to say (slot_unavailable).
 */
async function slotMove(
  db: Db,
  current: Booking,
  patch: PatchBookingRequest,
  now: Date,
  slots: { DEMO_DURATION_MINUTES: number; BUFFER_MINUTES: number },
): Promise<BookingChange> {
  if (patch.preferred_date !== undefined) {
    const message = 'Send slot_start to move a booked slot, or preferred_date to change a request, not both.';
    throw new Problem(400, message, {
      rule: 'slot_or_preferred_date',
      errors: [{ path: 'slot_start', rule: 'slot_or_preferred_date', message }],
    });
  }
  if (!current.slot_end || !current.assigned_rep_id || !current.preferred_date)
    throw refused(
      'slot_start',
      'invalid_value',
      'This booking is a request with a preferred time, not a booked slot: change its preferred_date.',
    );
  if (current.status !== 'confirmed')
    throw new Problem(409, `A ${current.status} demo keeps its time; only a confirmed one moves.`, { rule: 'valid_status_transition' });
  const start = patch.slot_start === undefined ? current.preferred_date : checkedAdminDate(patch.slot_start, now, 'slot_start');
  const repId = patch.assigned_rep_id ?? current.assigned_rep_id;
  const rep = await findRep(db, repId);
  if (!rep?.active) throw refused('assigned_rep_id', 'assigned_rep_active', 'No active rep has this id.');
  return {
    ...slotTimes(Date.parse(start), slots),
    assigned_rep_id: rep.id,
    ...(rep.id !== current.assigned_rep_id && patch.meeting_url === undefined ? { meeting_url: rep.meeting_url } : {}),
  };
}

async function assertOrganization(db: Db, organizationId: string) {
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw refused('organization_id', 'organization_id_exists', 'No organization has this id.');
}

/** Admins may set any future time (no 24 h lead), within the same 365 days. */
function checkedAdminDate(value: string, now: Date, path = 'preferred_date'): string {
  const failed = FIELD_CHECKS.preferred_date(value, { now, minLeadHours: 0 });
  if (failed) throw refused(path, path === 'slot_start' ? 'slot_start_format' : failed[0], failed[1]);
  return new Date(value).toISOString();
}

/** The meeting link goes into the prospect's email and calendar: https only. */
function checkedMeetingUrl(value: string): string {
  const url = URL.canParse(value) && !/\s/.test(value) && value.length <= LIMITS.meetingUrlMax ? new URL(value) : null;
  if (url?.protocol !== 'https:') throw refused('meeting_url', 'meeting_url_format', 'The meeting link must be an https:// address.');
  return url.href;
}
