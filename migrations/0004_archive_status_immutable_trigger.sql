-- Archived bookings keep the status they were archived with (erasure on
-- request may still overwrite their personal fields).
CREATE TRIGGER demo_bookings_archive_status_immutable
BEFORE UPDATE OF status ON demo_bookings_archive
FOR EACH ROW
WHEN NEW.status IS NOT OLD.status
BEGIN
  SELECT RAISE(ABORT, 'archived_booking_immutable');
END;
