/** Hono's environment of this worker: the bindings, and what middleware sets on each request. */
import type { Db } from '../db/client.js';
import type { Config } from '../env.js';
import type { Log } from '../log.js';
import type { IdempotencyClaim } from './idempotency.js';

export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Db;
    config: Config;
    requestId: string;
    /** The request's logger: every line carries its request_id. */
    log: Log;
    /** Who is making the request's changes (the admin's identity), set by the auth layer. */
    actor?: string;
    /** Set by the idempotency middleware when the request has a key. */
    idempotency?: IdempotencyClaim;
  };
}
