/**
 * GET /api/bookings/export.csv: the list's filters as RFC 4180 CSV (UTF-8,
 * CRLF, a header row of the API's field names), streamed one page at a time
 * so memory stays flat at any size. A cell a spreadsheet would read as a
 * formula (starting with = + - @, tab or CR) is neutralized with a leading
 * apostrophe, as OWASP advises against CSV injection. Nested values
 * (click_ids, first_touch) are JSON in their cell.
 */
import type { Db } from '../db/client.js';
import { everyPage } from './repository.js';
import { bookingObject, type ListQuery } from './schema.js';
import { type BookingView, toView } from './view.js';

/** The columns, in the API's order: every field of a booking as the list returns it. */
const csvColumns = () => Object.keys(bookingObject().shape).filter((k): k is keyof BookingView => k !== 'archived_at');

/** One cell: neutralized against formulas, quoted when it holds a quote, comma or line break. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** The CSV of every booking the filters find, newest first, as a byte stream. */
export function exportCsv(db: Db, filters: Omit<ListQuery, 'limit' | 'cursor'>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = everyPage(db, filters);
  const columns = csvColumns();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(line(columns)));
        return;
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      const rows = next.value.map((row) => {
        const view = toView(row);
        return line(columns.map((column) => view[column]));
      });
      controller.enqueue(encoder.encode(rows.join('')));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
