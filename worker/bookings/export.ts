/**
 * GET /api/bookings/export.csv: the list's filters as RFC 4180 CSV (UTF-8,
 * CRLF, a header row of the API's field names), streamed one page at a time
 * so memory stays flat at any size. Every text cell is quoted and
 * neutralized against formulas (csvCell), so the file is safe whether a
 * spreadsheet splits it on `,` or on `;`. Nested values (click_ids,
 * first_touch) are JSON in their cell.
 */
import type { Db } from '../db/client.js';
import { bookingSchema } from './answers.js';
import { everyPage } from './repository.js';
import type { ListQuery } from './requests.js';
import { type BookingView, toView } from './view.js';

/** The columns, in the API's order: every field of a booking as the list returns it. */
const csvColumns = () => Object.keys(bookingSchema.built().shape).filter((k): k is keyof BookingView => k !== 'archived_at');

/**
 * Where a spreadsheet may start reading a formula: the start of the cell, or
 * after a separator a spreadsheet might split on (`,` `;` tab: German, French
 * and Spanish Excel split on `;`) or a line break, with any spaces, invisible
 * characters or quotes between; at `=` `+` `-` `@` or their full-width forms.
 */
const FORMULA_START = /(^|[,;\t\r\n])([\s\p{Cf}"]*)(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/gu;

/**
 * One cell. Text is always quoted, and every place a formula could start is
 * neutralized with an apostrophe (OWASP's advice against CSV injection; a
 * phone number `+44 20 …` becomes `'+44 20 …`, which Excel shows as the text
 * `+44 20 …`). Numbers stay bare; null is empty; objects are JSON text.
 */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = (typeof value === 'object' ? JSON.stringify(value) : String(value)).replace(FORMULA_START, "$1$2'");
  return `"${text.replace(/"/g, '""')}"`;
}

const line = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * The CSV of every booking the filters find, newest first, as a byte stream.
 * The first page is read before the stream is handed over, so a query that
 * fails answers problem+json rather than breaking a response already begun.
 */
export async function exportCsv(db: Db, filters: Omit<ListQuery, 'limit' | 'cursor'>): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const pages = everyPage(db, filters);
  const columns = csvColumns();
  let next = await pages.next();
  let header: string | null = line(columns);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = next.done
        ? []
        : next.value.map((row) => {
            const view = toView(row);
            return line(columns.map((column) => view[column]));
          });
      const chunk = (header ?? '') + rows.join('');
      header = null;
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (next.done) return controller.close();
      next = await pages.next();
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
