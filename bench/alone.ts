/** What a bench run on its own needs first: the widget and console built as they ship, and a fresh wrangler state directory. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

export function freshBuildAndState(name: string): string {
  execFileSync(process.execPath, ['scripts/build-widget.mjs'], { stdio: 'inherit' });
  mkdirSync('bench/.data', { recursive: true });
  return mkdtempSync(join('bench/.data', `${name}-`));
}
