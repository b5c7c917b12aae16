// Prepares a fresh clone for `npm run dev`: local secrets in .dev.vars
// (random, never committed) and the local D1 migrated to the latest schema.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

if (!existsSync('.dev.vars')) {
  const token = randomBytes(24).toString('base64url');
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  writeFileSync(
    '.dev.vars',
    `ADMIN_TOKEN=${token}\nWEBHOOK_SECRET=${secret}\nENVIRONMENT=development\nPUBLIC_BASE_URL=http://localhost:8787\n`,
    {
      mode: 0o600,
    },
  );
  console.log('Created .dev.vars with a random ADMIN_TOKEN and WEBHOOK_SECRET for local use (see that file).');
} else if (!/^ENVIRONMENT=/m.test(readFileSync('.dev.vars', 'utf8'))) {
  appendFileSync('.dev.vars', 'ENVIRONMENT=development\n');
}

execFileSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local'], { stdio: 'inherit', env: { ...process.env, CI: 'true' } });
