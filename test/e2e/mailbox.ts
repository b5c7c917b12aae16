/**
 * The emails `wrangler dev` wrote to disk (its local send_email binding):
 * `.wrangler/tmp/email/<instance>/email-text/<message-id>.txt`, with any
 * attachments beside them under `email-attachment/<message-id>-<n>.<ext>`;
 * and a wait for what the queues deliver.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StoredEmail {
  id: string;
  text: string;
  attachments: string[];
}

const root = join(process.cwd(), '.wrangler', 'tmp', 'email');

/** Every email written so far whose text contains `marker`. */
export function emailsContaining(marker: string): StoredEmail[] {
  if (!existsSync(root)) return [];
  const found: StoredEmail[] = [];
  for (const instance of readdirSync(root)) {
    const textDir = join(root, instance, 'email-text');
    if (!existsSync(textDir)) continue;
    const attachmentDir = join(root, instance, 'email-attachment');
    const attachmentFiles = existsSync(attachmentDir) ? readdirSync(attachmentDir) : [];
    for (const file of readdirSync(textDir)) {
      const text = readFileSync(join(textDir, file), 'utf8');
      if (!text.includes(marker)) continue;
      const id = file.replace(/\.txt$/, '');
      const attachments = attachmentFiles.filter((a) => a.startsWith(`${id}-`)).map((a) => readFileSync(join(attachmentDir, a), 'utf8'));
      found.push({ id, text, attachments });
    }
  }
  return found;
}

/** Polls `probe` every 200 ms until it gives something (the queues deliver in their own time). */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined> | T | null | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
