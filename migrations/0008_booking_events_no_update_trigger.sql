-- A booking's history is append-only: an entry never changes, except that
-- erasure on request may scrub the details of a redacted booking.
CREATE TRIGGER booking_events_no_update
BEFORE UPDATE ON booking_events
FOR EACH ROW
WHEN NEW.id IS NOT OLD.id OR NEW.booking_id IS NOT OLD.booking_id OR NEW.type IS NOT OLD.type
  OR NEW.from_status IS NOT OLD.from_status OR NEW.to_status IS NOT OLD.to_status
  OR NEW.actor IS NOT OLD.actor OR NEW.at IS NOT OLD.at
  OR (NEW.details IS NOT OLD.details
    AND NOT EXISTS (SELECT 1 FROM demo_bookings WHERE id = OLD.booking_id AND redacted_at IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM demo_bookings_archive WHERE id = OLD.booking_id AND redacted_at IS NOT NULL))
BEGIN
  SELECT RAISE(ABORT, 'booking_events_append_only');
END;
