// Bundles <demo-booking> (Lit included) into one ES module, public/widget.js.
// `--watch` rebuilds on every change (used by `npm run dev`).
import * as esbuild from 'esbuild';

const options = {
  entryPoints: ['widget/demo-booking.ts'],
  outfile: 'public/widget.js',
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2021',
  sourcemap: 'linked',
  legalComments: 'eof',
  tsconfig: 'widget/tsconfig.json',
  logLevel: 'info',
};

if (process.argv.includes('--watch')) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
