CREATE TABLE `busy_intervals` (
	`feed_id` text NOT NULL,
	`rep_id` text NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_busy_intervals_start` ON `busy_intervals` (`start`);--> statement-breakpoint
CREATE INDEX `idx_busy_intervals_rep_start` ON `busy_intervals` (`rep_id`,`start`);--> statement-breakpoint
CREATE INDEX `idx_busy_intervals_feed` ON `busy_intervals` (`feed_id`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`rep_id` text NOT NULL,
	`url` text NOT NULL,
	`etag` text,
	`last_modified` text,
	`last_attempt_at` text,
	`last_ok_at` text,
	`last_error` text,
	`busy_count` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`rep_id`) REFERENCES `sales_reps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idx_calendar_feeds_rep_id` ON `calendar_feeds` (`rep_id`);--> statement-breakpoint
CREATE TABLE `sales_reps` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`time_zone` text NOT NULL,
	`working_hours` text NOT NULL,
	`date_overrides` text DEFAULT '{}' NOT NULL,
	`languages` text DEFAULT '[]' NOT NULL,
	`meeting_url` text,
	`weight` integer DEFAULT 1 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "sales_reps_weight" CHECK(weight BETWEEN 1 AND 10)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_sales_reps_email` ON `sales_reps` (`email`);--> statement-breakpoint
CREATE TABLE `team_events` (
	`id` text PRIMARY KEY NOT NULL,
	`rep_id` text NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_team_events_rep_id` ON `team_events` (`rep_id`,`id`);