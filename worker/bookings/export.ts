/**
 * GET /api/bookings/export.csv: the list's filters as RFC 4180 CSV (UTF-8,
 * CRLF, a header row of the API's field names), streamed one page at a time
 * so memory stays flat at any size. Every text cell is quoted and
 * neutralized against formulas (csvCell), so the file is safe whether a
 * spreadsheet splits it on `,` or on `;`. Nested values (click_ids,
 * first_touch) are JSON in their cell. Spam is left out unless asked for;
 * on request the times also appear in the viewer's zone, and an Excel
 * flavour adds the byte order mark and writes phone numbers as text.
 */
import { wallTimeAt } from '../../contract/zone.js';
import type { Db } from '../db/client.js';
import { bookingSchema } from './answers.js';
import { notesOf } from './notes.js';
import { everyPage } from './repository.js';
import type { ExportQuery } from './requests.js';
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

/** A phone number as the form takes it: `+`, then digits and spaces. */
const PHONE = /^\+\d[\d ]*$/;

/** For Excel: a phone number as a text formula of itself (`="+44 20 …"`), which Excel shows as the number, with no apostrophe. */
const excelCell = (column: string, value: unknown) =>
  column === 'contact_phone' && typeof value === 'string' && PHONE.test(value) ? `"=""${value}"""` : csvCell(value);

/** The time columns that also get a column in the viewer's zone. */
const LOCAL_TIMES: readonly string[] = ['created_at', 'preferred_date'];

/** An instant as a wall time in `zone`: `2026-12-02 14:05`. */
function wallTimeText(iso: unknown, zone: string): string | null {
  if (typeof iso !== 'string') return null;
  const w = wallTimeAt(Date.parse(iso), zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}

/**
 * The CSV of every booking the filters find, newest first, as a byte stream.
 * The first page is read before the stream is handed over, so a query that
 * fails answers problem+json rather than breaking a response already begun.
 */
export async function exportCsv(db: Db, q: ExportQuery): Promise<ReadableStream<Uint8Array>> {
  const { time_zone: zone, include_spam, excel, ...filters } = q;
  const encoder = new TextEncoder();
  const pages = everyPage(db, { ...filters, exclude_spam: !include_spam });
  const columns: { name: string; of: (view: BookingView) => unknown }[] = csvColumns().flatMap((column) => [
    { name: column, of: (view: BookingView) => view[column] },
    ...(zone && LOCAL_TIMES.includes(column)
      ? [{ name: `${column} (${zone})`, of: (view: BookingView) => wallTimeText(view[column], zone) }]
      : []),
  ]);
  // Each booking's notes, oldest first, one per line: who wrote what, when.
  columns.push({ name: 'notes', of: (view) => notes.get(view.id) ?? null });
  let notes = new Map<string, string>();
  const cell = excel ? excelCell : (_: string, value: unknown) => csvCell(value);
  const line = (cells: string[]) => `${cells.join(',')}\r\n`;
  let next = await pages.next();
  let header: string | null = (excel ? '\uFEFF' : '') + line(columns.map((c) => csvCell(c.name)));
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      notes = next.done
        ? new Map()
        : await notesOf(
            db,
            next.value.map((row) => row.id),
          );
      const rows = next.done
        ? []
        : next.value.map((row) => {
            const view = toView(row);
            return line(columns.map((c) => cell(c.name, c.of(view))));
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
