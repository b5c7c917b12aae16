-- The team's history is append-only, like a booking's: an entry never changes and is never deleted.
CREATE TRIGGER team_events_no_update
BEFORE UPDATE ON team_events
BEGIN
  SELECT RAISE(ABORT, 'team_events_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER team_events_no_delete
BEFORE DELETE ON team_events
BEGIN
  SELECT RAISE(ABORT, 'team_events_append_only');
END;
