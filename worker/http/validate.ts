/**
 * Request validation that answers in problem+json: 415 for a body that is
 * not JSON, 400 for malformed JSON or unknown fields, 422 for refused values,
 * each naming its rule. The routes' validators call these (http/openapi.ts).
 */
import { createMiddleware } from 'hono/factory';
import type { core } from 'zod';
import type { FieldError, RuleName } from '../../contract/rules.js';
import { FIELD_RULE, TEAM_FIELD_RULE } from '../../contract/rules.js';
import { EN_CHECK_FIELDS } from '../../contract/words/en.js';
import { Problem } from './problem.js';

/** True for a JSON media type (application/json, or any +json). */
export const isJson = (type: string | undefined) => !!type && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type);

/** Refuses a body that is not JSON with 415 before anything reads it. */
export const requireJson = createMiddleware(async (c, next) => {
  if (!isJson(c.req.header('content-type')))
    throw new Problem(415, 'Send the request body as application/json.', { headers: { 'accept-post': 'application/json' } });
  await next();
});

/**
 * For a route that refuses unknown query parameters: one with no name
 * (`?=x`) is unknown too. The query schema never sees it, since the query
 * parser drops an empty name.
 */
export const refuseNamelessQuery = createMiddleware(async (c, next) => {
  const nameless = [...new URL(c.req.url).searchParams.keys()].some((name) => name === '');
  if (nameless)
    throw new Problem(400, 'The request has fields this API does not take.', {
      errors: [{ path: '', rule: 'unknown_field', message: 'A query parameter has no name.' }],
    });
  await next();
});

/** Turns a zod error into field errors, each with the rule the field is checked under. */
export function toFieldErrors(error: core.$ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    // A key that is no day inside a rep's week is a refused value of that field (422), not an unknown field of the request.
    const teamRule = (TEAM_FIELD_RULE as Record<string, RuleName>)[String(issue.path[0])];
    if (issue.code === 'unrecognized_keys' && issue.path.length && teamRule)
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join('.'),
        rule: teamRule,
        message: `${key} is not a day (mon … sun).`,
      }));
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: key, rule: 'unknown_field', message: `${key} is not a field of this request.` }));
    const path = issue.path.join('.');
    const rule =
      (issue.code === 'custom' && (issue.params?.rule as RuleName | undefined)) ||
      (FIELD_RULE as Record<string, RuleName>)[path] ||
      teamRule;
    return [{ path, rule: rule ?? 'invalid_value', message: issue.message }];
  });
}

/** The problem for a refused request: 400 when it names unknown fields, else `status`. */
export function validationProblem(error: core.$ZodError, status: 400 | 422): Problem {
  const errors = toFieldErrors(error);
  const unknown = errors.some((e) => e.rule === 'unknown_field');
  const detail = unknown ? 'The request has fields this API does not take.' : EN_CHECK_FIELDS;
  return new Problem(unknown ? 400 : status, detail, { errors });
}
