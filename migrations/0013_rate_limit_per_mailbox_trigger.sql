-- rate_limit_per_email: at most 3 pending bookings per mailbox created in the
-- 7 days before the new one (contract/limits.ts: pendingPerEmail,
-- pendingWindowDays). Counted on contact_mailbox, so Ada+1@…, a.da@gmail.com
-- and ada@googlemail.com are one mailbox. In the database, so the count and
-- the insert are one atomic step: concurrent requests cannot both see room.
CREATE TRIGGER demo_bookings_rate_limit_per_email
BEFORE INSERT ON demo_bookings
FOR EACH ROW
WHEN NEW.status = 'pending' AND (
  SELECT count(*) FROM demo_bookings
  WHERE contact_mailbox = NEW.contact_mailbox
    AND status = 'pending'
    AND created_at > strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at, '-7 days')
) >= 3
BEGIN
  SELECT RAISE(ABORT, 'rate_limit_per_email');
END;
