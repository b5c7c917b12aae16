/** Reading D1 failures, which Drizzle wraps: the reason sits somewhere on the cause chain. */

/** Every message on an error's cause chain, joined: what a RAISE() or a constraint said. */
export function dbErrorText(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error && messages.length < 5; e = e.cause) messages.push(e.message);
  return messages.join(' | ');
}

/** True when a trigger refused the statement with RAISE(ABORT, rule). */
export const isRuleViolation = (error: unknown, rule: string) => dbErrorText(error).includes(rule);

/** True when a UNIQUE or PRIMARY KEY constraint on `table` failed. */
export const isUniqueViolation = (error: unknown, table: string) => dbErrorText(error).includes(`UNIQUE constraint failed: ${table}.`);

/**
 * An error's text fit for logs: Drizzle puts the bound parameters (names,
 * emails) into its message, so they are cut off.
 */
export const safeErrorText = (error: unknown) => dbErrorText(error).replace(/params: [^|]*/g, 'params: [omitted]');
