-- no_delete_of_bookings: archived bookings are kept for good.
CREATE TRIGGER demo_bookings_archive_no_delete
BEFORE DELETE ON demo_bookings_archive
FOR EACH ROW
BEGIN
  SELECT RAISE(ABORT, 'no_delete_of_bookings');
END;
