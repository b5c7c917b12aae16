/** The Drizzle client over the D1 binding, with the schema for typed queries. */
import { type DrizzleD1Database, drizzle } from 'drizzle-orm/d1';
import * as schema from './schema.js';

/** The typed Drizzle client. */
export type Db = DrizzleD1Database<typeof schema>;

const clients = new WeakMap<D1Database, Db>();

/**
 * The client of a binding, built once per isolate: building it reads the
 * whole schema, which a request should not pay for every time.
 *
 * @example const db = database(env.DB);
 */
export function database(d1: D1Database): Db {
  let db = clients.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    clients.set(d1, db);
  }
  return db;
}
