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
  // Lit's BSD-3 notices go to widget.js.LEGAL.txt beside the bundle, linked from it.
  legalComments: 'linked',
  tsconfig: 'widget/tsconfig.json',
  logLevel: 'info',
};

if (process.argv.includes('--watch')) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
