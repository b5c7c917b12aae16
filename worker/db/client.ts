/** The Drizzle client over the D1 binding, with the schema for typed queries. */
import { type DrizzleD1Database, drizzle } from 'drizzle-orm/d1';
import * as schema from './schema.js';

/** The typed Drizzle client. */
export type Db = DrizzleD1Database<typeof schema>;

/**
 * @example const db = database(env.DB);
 */
export const database = (d1: D1Database): Db => drizzle(d1, { schema });
