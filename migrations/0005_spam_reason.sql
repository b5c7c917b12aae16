ALTER TABLE `demo_bookings` ADD `spam_reason` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `spam_reason` text;