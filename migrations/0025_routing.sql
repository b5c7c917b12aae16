CREATE TABLE `routing_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`rules` text NOT NULL,
	`actor` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_domain_owner` ON `demo_bookings` (lower(substr(contact_email, instr(contact_email, '@') + 1)),`created_at`) WHERE assigned_rep_id IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER routing_versions_no_update
BEFORE UPDATE ON routing_versions
BEGIN
  SELECT RAISE(ABORT, 'routing_versions_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER routing_versions_no_delete
BEFORE DELETE ON routing_versions
BEGIN
  SELECT RAISE(ABORT, 'routing_versions_append_only');
END;
