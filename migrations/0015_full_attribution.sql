ALTER TABLE `demo_bookings` ADD `utm_term` text;--> statement-breakpoint
ALTER TABLE `demo_bookings` ADD `utm_content` text;--> statement-breakpoint
ALTER TABLE `demo_bookings` ADD `click_ids` text;--> statement-breakpoint
ALTER TABLE `demo_bookings` ADD `referrer` text;--> statement-breakpoint
ALTER TABLE `demo_bookings` ADD `landing_page` text;--> statement-breakpoint
ALTER TABLE `demo_bookings` ADD `first_touch` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `utm_term` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `utm_content` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `click_ids` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `referrer` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `landing_page` text;--> statement-breakpoint
ALTER TABLE `demo_bookings_archive` ADD `first_touch` text;