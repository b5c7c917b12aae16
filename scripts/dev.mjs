// `npm run dev`: local secrets and D1 (dev-setup), the widget rebuilt on every
// change, `wrangler dev` serving the API, the widget and the example pages, an
// example rep with a local calendar on an empty team, and the cron's tick every
// five minutes as production has it (outbox sweep, calendar syncs).
import { spawn } from 'node:child_process';
import { seedExampleRep } from './dev-seed.mjs';

const run = (cmd, args) => spawn(cmd, args, { stdio: 'inherit' });
const wait = (child) =>
  new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${child.spawnargs.join(' ')} exited with ${code}`)))),
  );

await wait(run('node', ['scripts/dev-setup.mjs']));
await wait(run('node', ['scripts/build-widget.mjs']));
// Links in emails and the webhook sink follow the port wrangler dev really serves on.
const args = process.argv.slice(2);
const portArg = args.find((a, i) => args[i - 1] === '--port' || a.startsWith('--port='));
const port = portArg?.replace('--port=', '') ?? '8787';
const base = ['--var', `PUBLIC_BASE_URL:http://localhost:${port}`];
const children = [run('node', ['scripts/build-widget.mjs', '--watch']), run('wrangler', ['dev', '--test-scheduled', ...base, ...args])];
const local = `http://localhost:${port}`;
seedExampleRep(local).catch((error) => console.warn(`The example rep was not added: ${error.message}`));
const tick = setInterval(() => fetch(`${local}/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}`).catch(() => {}), 5 * 60_000);
const stop = () => {
  clearInterval(tick);
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children[1].on('exit', (code) => {
  stop();
  process.exit(code ?? 0);
});
