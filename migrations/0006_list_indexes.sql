DROP INDEX `idx_demo_bookings_webhook_failed_at`;--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_status_created_at` ON `demo_bookings` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_contact_email_created_at` ON `demo_bookings` (`contact_email`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_webhook_delivered_at_created_at` ON `demo_bookings` (`webhook_delivered_at`,`created_at`);