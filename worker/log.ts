/**
 * The one logger: a JSON line per event, always carrying what it belongs to
 * (`request_id` in a request, `task_id` in a consumer, `job` in cron), so a
 * line can be followed back without personal data in it.
 */

/** What a log line belongs to. */
export type LogScope = { request_id: string } | { task_id: string } | { job: string };

type Value = string | number | boolean | null | undefined;

/** Fields that hold personal data: never written, whoever passes them. */
const PERSONAL = new Set([
  'contact_email',
  'contact_name',
  'contact_phone',
  'organization_name',
  'message',
  'ip_address',
  'ip',
  'email',
  'name',
  'phone',
]);

export interface Log {
  info(event: string, fields?: Record<string, Value>): void;
  warn(event: string, fields?: Record<string, Value>): void;
  error(event: string, fields?: Record<string, Value>): void;
}

function line(scope: LogScope, event: string, fields: Record<string, Value>): string {
  const kept = Object.fromEntries(Object.entries(fields).filter(([key]) => !PERSONAL.has(key)));
  return JSON.stringify({ event, ...scope, ...kept });
}

/**
 * A logger bound to its scope.
 *
 * @example logger({ request_id: c.get('requestId') }).info('booking_caught_as_spam', { reason })
 */
export function logger(scope: LogScope): Log {
  return {
    info: (event, fields = {}) => console.log(line(scope, event, fields)),
    warn: (event, fields = {}) => console.warn(line(scope, event, fields)),
    error: (event, fields = {}) => console.error(line(scope, event, fields)),
  };
}
