ALTER TABLE `demo_bookings` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `locale` text;