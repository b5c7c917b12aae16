/** The calendar sync queue's name, as wrangler.toml declares it: the queue handler tells its batches apart by it. */
export const CALENDAR_QUEUE_NAME = 'demo-booking-calendar-sync';
