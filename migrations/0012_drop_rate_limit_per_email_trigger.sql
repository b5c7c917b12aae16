-- rate_limit_per_email moves to the canonical mailbox (next migration).
DROP TRIGGER IF EXISTS demo_bookings_rate_limit_per_email;
