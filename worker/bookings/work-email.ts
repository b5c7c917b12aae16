/** REQUIRE_WORK_EMAIL: free-mail addresses (mail/free-mail.ts) are refused. */
import { EN_RULES } from '../../contract/words/en-rules.js';
import { Problem } from '../http/problem.js';
import { isFreeMail } from '../mail/free-mail.js';

/** A 422 on the email field when a work address is required and this one is free mail. */
export function assertWorkEmail(email: string): void {
  if (!isFreeMail(email)) return;
  const message = EN_RULES.contact_email_work_domain;
  throw new Problem(422, message, { errors: [{ path: 'contact_email', rule: 'contact_email_work_domain', message }] });
}
