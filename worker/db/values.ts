/** A row as constant SELECT values, for INSERT … SELECT … WHERE: a row written only if a condition holds when it runs. */
import { getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';

/**
 * Each of the row's values bound and aliased as its column, in the table's
 * column order (Drizzle's INSERT … SELECT requires it).
 *
 * @example db.insert(tasks).select(db.select(selectedValues(tasks, task)).from(bookings).where(condition))
 */
export function selectedValues<T extends Table>(
  table: T,
  row: T['$inferSelect'],
): { [K in keyof T['$inferSelect']]: SQL.Aliased<T['$inferSelect'][K]> } {
  const values = Object.keys(getTableColumns(table)).map((name) => [name, sql`${row[name as keyof typeof row]}`.as(name)]);
  return Object.fromEntries(values) as { [K in keyof T['$inferSelect']]: SQL.Aliased<T['$inferSelect'][K]> };
}
