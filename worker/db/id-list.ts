/** A list of ids bound as one parameter, so a statement's parameter count never grows with the list. */
import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * `column IN (the ids)`, the ids travelling as one bound JSON array: D1
 * allows 100 bound parameters per statement, and `inArray` binds one per id.
 *
 * @example db.update(tasks).set({ … }).where(inIdList(tasks.id, ids))
 */
export const inIdList = (column: SQLiteColumn, ids: readonly string[]): SQL =>
  sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
