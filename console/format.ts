/** Dates as a rep reads them: in their own zone, or in the prospect's. */

/** The rep's own IANA zone. */
export const ownZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Thu 3 Dec, 14:00" in a zone (the rep's by default). */
export function when(iso: string | null, timeZone = ownZone()): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** "3 Dec 2026" */
export const day = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));

/** A calendar day on the viewer's clock, as YYYY-MM-DD (what a date field holds). */
export const localDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Who has a demo, by rep id: their name, or "a former rep" when the team no longer lists them. */
export const repNameOf = (team: { id: string; name: string }[], id: string) => team.find((r) => r.id === id)?.name ?? 'a former rep';

/** A datetime-local value for an instant, in the rep's zone. */
export const toLocalInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** The instant a datetime-local value means in the rep's zone, or null. */
export function fromLocalInput(value: string): Date | null {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Words for each status. */
export const STATUS_WORDS: Record<string, string> = {
  pending: 'Pending',
  spam: 'Spam',
  confirmed: 'Confirmed',
  no_show: 'No-show',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
