CREATE TABLE `demo_bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_name` text NOT NULL,
	`organization_id` text,
	`contact_name` text NOT NULL,
	`contact_email` text NOT NULL,
	`contact_phone` text,
	`organization_size` text,
	`preferred_date` text,
	`message` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`confirmation_sent_at` text,
	`webhook_delivered_at` text,
	`webhook_attempts` integer DEFAULT 0 NOT NULL,
	`source_url` text,
	`utm_source` text,
	`utm_medium` text,
	`utm_campaign` text,
	`ip_address` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`webhook_failed_at` text,
	`redacted_at` text,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "demo_bookings_ip_address_anonymization" CHECK(ip_address IS NULL OR ip_address GLOB '[0-9]*.[0-9]*.[0-9]*.0' OR (ip_address GLOB '*::' AND length(ip_address) - length(replace(ip_address, ':', '')) <= 4)),
	CONSTRAINT "demo_bookings_status_value" CHECK(status IN ('pending', 'spam', 'confirmed', 'no_show', 'completed', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_status` ON `demo_bookings` (`status`);--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_contact_email` ON `demo_bookings` (`contact_email`);--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_created_at` ON `demo_bookings` (`created_at`);--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_organization_id` ON `demo_bookings` (`organization_id`);--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_webhook_delivered_at` ON `demo_bookings` (`webhook_delivered_at`);--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_webhook_failed_at` ON `demo_bookings` (`webhook_failed_at`);--> statement-breakpoint
CREATE TABLE `demo_bookings_archive` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_name` text NOT NULL,
	`organization_id` text,
	`contact_name` text NOT NULL,
	`contact_email` text NOT NULL,
	`contact_phone` text,
	`organization_size` text,
	`preferred_date` text,
	`message` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`confirmation_sent_at` text,
	`webhook_delivered_at` text,
	`webhook_attempts` integer DEFAULT 0 NOT NULL,
	`source_url` text,
	`utm_source` text,
	`utm_medium` text,
	`utm_campaign` text,
	`ip_address` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`webhook_failed_at` text,
	`redacted_at` text,
	`archived_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "demo_bookings_archive_ip_address_anonymization" CHECK(ip_address IS NULL OR ip_address GLOB '[0-9]*.[0-9]*.[0-9]*.0' OR (ip_address GLOB '*::' AND length(ip_address) - length(replace(ip_address, ':', '')) <= 4))
);
--> statement-breakpoint
CREATE INDEX `idx_demo_bookings_archive_created_at` ON `demo_bookings_archive` (`created_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`request_hash` text NOT NULL,
	`booking_id` text NOT NULL,
	`response` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_idempotency_keys_created_at` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `notification_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`kind` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`claim_id` text,
	`last_error` text,
	`created_at` text NOT NULL,
	`completed_at` text
);
--> statement-breakpoint
CREATE INDEX `idx_notification_tasks_sweep` ON `notification_tasks` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `idx_notification_tasks_event` ON `notification_tasks` (`booking_id`,`kind`,`event_type`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL
);
