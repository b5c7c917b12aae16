ALTER TABLE `demo_bookings` ADD `contact_mailbox` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `contact_mailbox` text;