/** The Drizzle client over the D1 binding, with the schema for typed queries. */
import { drizzle } from 'drizzle-orm/d1';
import type { Db } from '../env.js';
import * as schema from './schema.js';

/**
 * @example const db = database(env.DB);
 */
export const database = (d1: D1Database): Db => drizzle(d1, { schema });
