-- no_delete_of_bookings: a booking leaves the hot table only once its copy
-- is in demo_bookings_archive (the yearly archive job copies and removes in
-- one batch). Any other DELETE is refused.
CREATE TRIGGER demo_bookings_no_delete
BEFORE DELETE ON demo_bookings
FOR EACH ROW
WHEN NOT EXISTS (SELECT 1 FROM demo_bookings_archive WHERE id = OLD.id)
BEGIN
  SELECT RAISE(ABORT, 'no_delete_of_bookings');
END;
