// `npm run size`: the gzipped size of public/widget.js (the whole bundle, Lit included).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const source = readFileSync('public/widget.js');
const gzip = gzipSync(source, { level: 9 }).length;
console.log(`widget.js: ${source.length} B minified, ${gzip} B gzip = ${(gzip / 1000).toFixed(1)} kB (goal: 12 kB gzip or less)`);
