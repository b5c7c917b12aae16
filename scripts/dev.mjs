// `npm run dev`: local secrets and D1 (dev-setup), the widget rebuilt on every
// change, and `wrangler dev` serving the API, the widget and the example pages.
import { spawn } from 'node:child_process';

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
const children = [run('node', ['scripts/build-widget.mjs', '--watch']), run('wrangler', ['dev', ...base, ...args])];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children[1].on('exit', (code) => {
  stop();
  process.exit(code ?? 0);
});
