/**
 * What every route declaration shares: the problem+json responses, the
 * security of admin and public operations, the validation hook, and the
 * document's frame. Each route is declared once (`createRoute`) beside its
 * handler; `/openapi.json` is generated from those declarations.
 */
import { type Hook, z } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.js';
import { Problem } from './problem.js';
import { validationProblem } from './validate.js';

/**
 * A schema that only describes answers (it never parses a request), built on
 * first use rather than at startup: the document generator, or a route that
 * needs it, asks for it. A create never does.
 */
export function onDemand<T extends z.ZodType>(build: () => T) {
  let built: T | undefined;
  const get = () => {
    built ??= build();
    return built;
  };
  // `built()` is the schema itself, for what a lazy one cannot do (.shape, .pick, .omit, .extend).
  return Object.assign(z.lazy(get), { built: get });
}

/** RFC 9457 problem details. */
export const problemSchema = onDemand(() =>
  z
    .object({
      type: z.string(),
      title: z.string(),
      status: z.number().int(),
      detail: z.string(),
      rule: z.string().optional().meta({ description: 'The rule that refused the request.' }),
      errors: z.array(z.object({ path: z.string(), rule: z.string(), message: z.string() })).optional(),
    })
    .openapi('Problem'),
);

/** A problem+json response, with the headers it carries. */
export const problem = (
  description: string,
  headers?: Record<string, { description: string; schema: { type: 'string' | 'integer' } }>,
) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
  ...(headers ? { headers } : {}),
});

/** A JSON response of a schema. */
export const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });

/** An HTML page (the requester's cancel link). */
export const page = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

/** Every operation may fail on our side, or be refused by a worker deployed without what it needs. */
export const serverError = {
  500: problem('Something went wrong on our side; nothing was changed twice. Retry later.'),
  503: problem('Deployed without PUBLIC_BASE_URL or an https SALES_WEBHOOK_URL: the variable is named.', {
    'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
  }),
};

/** Admin operations: a Cloudflare Access identity (people) or the bearer token (machines). */
export const ADMIN_SECURITY: Record<string, string[]>[] = [{ accessJwt: [] }, { adminToken: [] }];
/** Public operations: no credentials. */
export const PUBLIC_SECURITY: Record<string, string[]>[] = [];

/** The admin operations' failures before their own. */
export const unauthorized = { 401: problem('No valid Access identity or admin token.') };

/** A state-changing admin operation sent by another site. */
export const crossSite = { 403: problem('cross_site_request: Origin is not this site, or Sec-Fetch-Site is cross-site.') };

/** A body the route refuses before or while reading it. */
export const bodyRefusals = {
  400: problem('Malformed JSON, or fields this request does not take.'),
  413: problem('Body over 32 KiB.'),
  415: problem('Not JSON.'),
  422: problem('A value was refused; errors[] names each field and rule.'),
};

/** The one answer for an id no booking has (in a path, or not found). */
export const NO_SUCH_BOOKING = 'No booking has this id.';

/** The booking named in the path does not exist. */
export const notFound = { 404: problem(NO_SUCH_BOOKING) };

export const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' as const } } };

/**
 * Validation failures as problem+json: a path parameter that cannot be an
 * id is a 404 (nothing is there), a JSON body's refused values 422, and
 * everything else (query, headers, form) 400.
 */
export const hookFor =
  (missing: string): Hook<unknown, AppEnv, string, undefined> =>
  (result) => {
    if (result.success) return;
    if (result.target === 'param') throw new Problem(404, missing);
    throw validationProblem(result.error, result.target === 'json' ? 422 : 400);
  };

/** The hook of the bookings' routes. */
export const defaultHook = hookFor(NO_SUCH_BOOKING);

/** The frame of the document around the generated paths. */
export const documentConfig = (serverUrl: string) => ({
  openapi: '3.1.0',
  info: {
    title: 'Demo booking API',
    version: '1.0.0',
    description: 'Book-a-demo requests from the Sales Website, and the admin API the sales team works them with.',
  },
  servers: [{ url: serverUrl }],
});
