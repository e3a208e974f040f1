#!/usr/bin/env node
/**
 * Precompressed copies of the build, run after `vite build` (npm run build): every text
 * file of dist/ (scripts, styles, HTML, SVG, the manifest, sw.js after its precache list
 * was injected) gets a Brotli `.br` (quality 11) and a gzip `.gz` (level 9) beside it,
 * when the copy is smaller. The API (api/static.py) sends the copy the browser accepts,
 * with Content-Encoding, so nothing is compressed per request. Prints the totals.
 */
import { readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.webmanifest', '.json', '.txt']);
/** Smaller files gain less than a header costs. */
const MIN_BYTES = 256;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const copies = {
  br: (bytes) =>
    brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }),
  gz: (bytes) => gzipSync(bytes, { level: 9 }),
};

let plain = 0;
const totals = { br: 0, gz: 0 };
for (const path of files(dist)) {
  if (path.endsWith('.br') || path.endsWith('.gz')) {
    unlinkSync(path); // a copy left by an earlier build
    continue;
  }
  if (!TEXT.has(extname(path))) continue;
  const bytes = readFileSync(path);
  if (bytes.length < MIN_BYTES) continue;
  plain += bytes.length;
  for (const [suffix, compress] of Object.entries(copies)) {
    const packed = compress(bytes);
    if (packed.length < bytes.length * 0.9) {
      writeFileSync(`${path}.${suffix}`, packed);
      totals[suffix] += packed.length;
    } else {
      totals[suffix] += bytes.length;
    }
  }
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`precompressed dist/: ${kb(plain)} of text → ${kb(totals.br)} brotli, ${kb(totals.gz)} gzip`);
