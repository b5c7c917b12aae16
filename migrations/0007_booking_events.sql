CREATE TABLE `booking_events` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`type` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_booking_events_booking_id` ON `booking_events` (`booking_id`,`id`);--> statement-breakpoint
DROP INDEX `idx_notification_tasks_event`;--> statement-breakpoint
ALTER TABLE `notification_tasks` ADD `event_id` text;--> statement-breakpoint
CREATE INDEX `idx_notification_tasks_booking_id` ON `notification_tasks` (`booking_id`);--> statement-breakpoint
ALTER TABLE `demo_bookings` ADD `timezone` text;--> statement-breakpoint
ALTER TABLE `demo_bookings` ADD `meeting_url` text;--> statement-breakpoint
ALTER TABLE `demo_bookings` ADD `last_event_id` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `timezone` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `meeting_url` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `last_event_id` text;