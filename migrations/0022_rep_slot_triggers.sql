-- no_overlapping_rep_bookings (SPEC 8.4): two active (pending or confirmed)
-- bookings of one rep never overlap, buffers included: a booking holds its
-- rep over [preferred_date, blocked_until), blocked_until being its slot's end
-- plus BUFFER_MINUTES, so a new slot must start after an earlier one's end plus
-- the buffer and end (plus the buffer) before a later one starts. Checked by
-- the database inside the insert or update itself, so two requests at once
-- cannot both take a rep's time: the second is refused with slot_unavailable.
-- A slot and its buffer are shorter than a day, so only the rep's bookings
-- starting in the day before can reach a new one (an index range).
CREATE TRIGGER demo_bookings_rep_slot_insert
BEFORE INSERT ON demo_bookings
FOR EACH ROW
WHEN NEW.assigned_rep_id IS NOT NULL AND NEW.slot_end IS NOT NULL AND NEW.status IN ('pending', 'confirmed')
  AND EXISTS (
    SELECT 1 FROM demo_bookings b
    WHERE b.assigned_rep_id = NEW.assigned_rep_id
      AND b.preferred_date > strftime('%Y-%m-%dT%H:%M:%fZ', NEW.preferred_date, '-1 day')
      AND b.preferred_date < NEW.blocked_until
      AND NEW.preferred_date < b.blocked_until
      AND b.slot_end IS NOT NULL
      AND b.status IN ('pending', 'confirmed')
  )
BEGIN
  SELECT RAISE(ABORT, 'slot_unavailable');
END;
--> statement-breakpoint
CREATE TRIGGER demo_bookings_rep_slot_update
BEFORE UPDATE OF preferred_date, slot_end, blocked_until, assigned_rep_id, status ON demo_bookings
FOR EACH ROW
WHEN NEW.assigned_rep_id IS NOT NULL AND NEW.slot_end IS NOT NULL AND NEW.status IN ('pending', 'confirmed')
  AND EXISTS (
    SELECT 1 FROM demo_bookings b
    WHERE b.assigned_rep_id = NEW.assigned_rep_id
      AND b.id <> NEW.id
      AND b.preferred_date > strftime('%Y-%m-%dT%H:%M:%fZ', NEW.preferred_date, '-1 day')
      AND b.preferred_date < NEW.blocked_until
      AND NEW.preferred_date < b.blocked_until
      AND b.slot_end IS NOT NULL
      AND b.status IN ('pending', 'confirmed')
  )
BEGIN
  SELECT RAISE(ABORT, 'slot_unavailable');
END;
--> statement-breakpoint
-- rate_limit_per_email, extended (SPEC 8.4): a mailbox's pending requests of
-- the last 7 days and its upcoming booked slots count together, at most 3.
DROP TRIGGER IF EXISTS demo_bookings_rate_limit_per_email;
--> statement-breakpoint
CREATE TRIGGER demo_bookings_rate_limit_per_email
BEFORE INSERT ON demo_bookings
FOR EACH ROW
WHEN (NEW.status = 'pending' OR (NEW.status = 'confirmed' AND NEW.slot_end IS NOT NULL)) AND (
  SELECT count(*) FROM demo_bookings
  WHERE contact_mailbox = NEW.contact_mailbox
    AND (
      (status = 'pending' AND created_at > strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at, '-7 days'))
      OR (status = 'confirmed' AND slot_end IS NOT NULL AND preferred_date > NEW.created_at)
    )
) >= 3
BEGIN
  SELECT RAISE(ABORT, 'rate_limit_per_email');
END;
