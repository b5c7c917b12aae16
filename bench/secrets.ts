/** The secrets every benchmark's local worker runs with: made up for the benchmarks, never used anywhere else. */
export const SECRETS = { ADMIN_TOKEN: 'bench-admin-token-0123456789', WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };

/** The admin API's Authorization header for those secrets. */
export const ADMIN_HEADERS = { authorization: `Bearer ${SECRETS.ADMIN_TOKEN}` };
