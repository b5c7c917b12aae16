ALTER TABLE `demo_bookings` ADD `email_failed_at` text;--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_email_failing_created_at` ON `demo_bookings` (`created_at`) WHERE email_failed_at IS NOT NULL;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `email_failed_at` text;