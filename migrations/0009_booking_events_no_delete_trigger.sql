-- A booking's history is kept for good, like the booking itself.
CREATE TRIGGER booking_events_no_delete
BEFORE DELETE ON booking_events
FOR EACH ROW
BEGIN
  SELECT RAISE(ABORT, 'booking_events_append_only');
END;
