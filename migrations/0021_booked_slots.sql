ALTER TABLE `demo_bookings` ADD `slot_end` text;--> statement-breakpoint
ALTER TABLE `demo_bookings` ADD `assigned_rep_id` text;--> statement-breakpoint
ALTER TABLE `demo_bookings` ADD `blocked_until` text;--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_rep_slot` ON `demo_bookings` (`assigned_rep_id`,`preferred_date`) WHERE assigned_rep_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `slot_end` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `assigned_rep_id` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `blocked_until` text;