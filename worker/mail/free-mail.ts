/**
 * Free-mail domains: the `freemail` package's list (about 4,500 domains, kept
 * up to date upstream), read as text and turned into a set on first use
 * only, so a worker that never asks pays nothing for it at start-up. The
 * work-email option refuses these addresses; routing never lets one make a
 * company's account (a mailbox, not a company).
 */
import list from 'freemail/data/free.txt';

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
