/**
 * REQUIRE_WORK_EMAIL: free-mail addresses are refused. The list is the
 * `freemail` package's (about 4,500 domains, kept up to date upstream), read
 * as text and turned into a set on first use only, so a worker that does not
 * require work addresses pays nothing for it at start-up.
 */
import list from 'freemail/data/free.txt';
import { EN_RULES } from '../../contract/words/en.js';
import { Problem } from '../http/problem.js';

/** Domains newer than the list's last update. */
const MORE = ['proton.me', 'pm.me', 'hey.com', 'duck.com'];

let domains: Set<string> | undefined;

/** True when the address is at a free-mail provider (or a subdomain of one). */
export function isFreeMail(email: string): boolean {
  domains ??= new Set([...list.split('\n').map((d) => d.trim().toLowerCase()), ...MORE].filter(Boolean));
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const labels = domain.split('.');
  return labels.some((_, i) => i < labels.length - 1 && domains?.has(labels.slice(i).join('.')));
}

/** A 422 on the email field when a work address is required and this one is free mail. */
export function assertWorkEmail(email: string): void {
  if (!isFreeMail(email)) return;
  const message = EN_RULES.contact_email_work_domain;
  throw new Problem(422, message, { errors: [{ path: 'contact_email', rule: 'contact_email_work_domain', message }] });
}
