ALTER TABLE `demo_bookings` ADD `consent_text` text;--> statement-breakpoint
ALTER TABLE `demo_bookings` ADD `consent_at` text;--> statement-breakpoint
ALTER TABLE `demo_bookings` ADD `privacy_url` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `consent_text` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `consent_at` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `privacy_url` text;