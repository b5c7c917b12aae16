// `npm run size`: the gzipped size of public/widget.js (the whole bundle, Lit included).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const source = readFileSync('public/widget.js');
const gzip = gzipSync(source, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
console.log(`widget.js: ${kb(source.length)} minified, ${kb(gzip)} gzip (goal: 12 KB gzip or less)`);
