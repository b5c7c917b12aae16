/**
 * RFC 9457 problem details: the one error shape of the API. Handlers throw
 * `Problem`; `app.onError` turns it (and anything else) into a response.
 */

import type { ProblemBody } from '../../contract/api.js';
import { acceptLanguages, pickLocale, ruleWords } from '../../contract/i18n.js';
import type { FieldError, RuleName } from '../../contract/rules.js';
import { DICTIONARIES } from '../../contract/words/index.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  403: 'Forbidden',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An expected failure with its status, a human detail and, where one applies, the rule name. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly options: {
      rule?: RuleName;
      errors?: FieldError[];
      headers?: Record<string, string>;
      /** Members beyond RFC 9457's, for the client to act on (a refused slot's alternatives). */
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
  }

  /** The problem+json body. `type` names the rule when there is one. */
  body(): ProblemBody {
    const { rule, errors } = this.options;
    return {
      type: rule ? `https://demo-booking.dev/problems/${rule}` : 'about:blank',
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.detail,
      ...(rule ? { rule } : {}),
      ...(errors?.length ? { errors } : {}),
      ...this.options.extra,
    };
  }
}

/** Builds a problem+json Response. */
export function problemResponse(problem: Problem): Response {
  return new Response(JSON.stringify(problem.body()), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...problem.options.headers },
  });
}

/**
 * The problem in the language the client asked for (Accept-Language): each
 * field's message and the detail by their rule's words; rule names, statuses
 * and types never change. English is the rules' own words.
 */
export function localized(problem: Problem, acceptLanguage: string | undefined): Problem {
  const locale = pickLocale(acceptLanguages(acceptLanguage));
  if (locale === 'en') return problem;
  const words = DICTIONARIES[locale];
  const { rule, errors, headers } = problem.options;
  const detail = (rule && ruleWords(words, rule)) || (errors?.length ? words.check_fields : problem.detail);
  return new Problem(problem.status, detail, {
    ...problem.options,
    errors: errors?.map((e) => ({ ...e, message: ruleWords(words, e.rule) ?? e.message })),
    headers: { ...headers, 'content-language': locale },
  });
}
