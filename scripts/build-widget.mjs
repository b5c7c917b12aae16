// Bundles the two browser apps, Lit included, each into one ES module:
// <demo-booking> into public/widget.js and the sales console into
// public/console/console.js. `--watch` rebuilds on every change (`npm run dev`).
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { minifyHTMLLiterals } from 'minify-html-literals';
import { minify } from 'terser';

/** Minifies the html`` and css`` templates of the browser apps (minify-html-literals): the widget's budget is 12 kB. */
const minifyTemplates = {
  name: 'minify-templates',
  setup(build) {
    build.onLoad({ filter: /\/(widget|console)\/[^/]+\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      // conservativeCollapse keeps one space where the source had some: "Phone (optional)", not "Phone(optional)".
      const minified = minifyHTMLLiterals(source, { fileName: path, minifyOptions: { conservativeCollapse: true } });
      return { contents: minified?.code ?? source, loader: 'ts' };
    });
  },
};

const shared = {
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2021',
  sourcemap: 'linked',
  // Lit's BSD-3 notices go to <bundle>.LEGAL.txt beside the bundle, linked from it.
  legalComments: 'linked',
  logLevel: 'info',
  plugins: [minifyTemplates],
};

const builds = [
  // The widget: widget.js, and the modules it loads only when a page needs them (Turnstile) under widget-chunks/.
  {
    ...shared,
    entryPoints: { widget: 'widget/demo-booking.ts' },
    outdir: 'public',
    splitting: true,
    chunkNames: 'widget-chunks/[name]-[hash]',
    tsconfig: 'widget/tsconfig.json',
  },
  { ...shared, entryPoints: ['console/sales-console.ts'], outfile: 'public/console/console.js', tsconfig: 'console/tsconfig.json' },
];

/**
 * A second, harder pass over the widget's files with terser (several
 * compress passes): about 400 bytes less gzipped than esbuild alone, which
 * keeps widget.js under its 12 kB budget. Source maps are carried through.
 */
async function squeeze(file) {
  const code = await readFile(file, 'utf8');
  const map = await readFile(`${file}.map`, 'utf8');
  const name = file.split('/').pop();
  const out = await minify(code, {
    module: true,
    compress: { passes: 3, unsafe_arrows: true, pure_getters: true },
    mangle: true,
    format: { comments: /^!/ },
    sourceMap: { content: map, url: `${name}.map` },
  });
  await writeFile(file, out.code);
  await writeFile(`${file}.map`, typeof out.map === 'string' ? out.map : JSON.stringify(out.map));
}

// Chunks are named by their hash: last build's would linger (and be measured) beside this one's.
await rm('public/widget-chunks', { recursive: true, force: true });

if (process.argv.includes('--watch')) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  const chunks = (await readdir('public/widget-chunks')).filter((f) => f.endsWith('.js')).map((f) => join('public/widget-chunks', f));
  await Promise.all(['public/widget.js', ...chunks].map(squeeze));
}
