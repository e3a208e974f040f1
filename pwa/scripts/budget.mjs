#!/usr/bin/env node
/**
 * The bundle budget, run after `npm run build`:
 *
 * 1. The initial JavaScript (what index.html loads as a module script or modulepreloads,
 *    plus every chunk those import statically) must stay at or under 60 KB gzipped
 *    (61,440 bytes, gzip level 9), however many screens are added: a screen's code is a
 *    chunk of its own, loaded with import() when it is first opened.
 * 2. Every emitted .js chunk must be in the service worker's precache manifest, or the
 *    screen it carries would not open offline.
 *
 * Prints the initial total and each chunk's size; exits 1 when either check fails.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 61_440;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** Every file under `dir`, as paths relative to dist with forward slashes. */
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [relative(dist, path).split('\\').join('/')];
  });
}

const gzipped = (path) => gzipSync(readFileSync(join(dist, path)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2).padStart(7)} KB`;

/** Root-relative URLs of the module scripts and modulepreloads of index.html. */
function htmlModules() {
  const html = readFileSync(join(dist, 'index.html'), 'utf-8');
  const urls = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const module = /\btype=["']?module/.test(tag) || /\brel=["']?modulepreload/.test(tag);
    const url = /\b(?:src|href)=["']?([^"'\s>]+)/.exec(tag)?.[1];
    if (module && url?.endsWith('.js')) urls.push(url.replace(/^\//, ''));
  }
  return urls;
}

/** The chunks `path` imports statically (`import … from "./x.js"`, `import "./x.js"`), not import(). */
function staticImports(path) {
  const code = readFileSync(join(dist, path), 'utf-8');
  const found = [];
  for (const match of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.js)["']/g)) {
    const spec = match[1];
    if (spec.startsWith('.')) found.push(posix.normalize(posix.join(posix.dirname(path), spec)));
    else if (spec.startsWith('/')) found.push(spec.slice(1));
  }
  return found;
}

function initialChunks() {
  const seen = new Set();
  const queue = htmlModules();
  while (queue.length > 0) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    queue.push(...staticImports(path));
  }
  return [...seen];
}

/** The URLs Workbox precaches: the manifest injected into sw.js at build. */
function precached() {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf-8');
  return new Set([...sw.matchAll(/["']?url["']?\s*:\s*["']([^"']+)["']/g)].map((m) => m[1].replace(/^\//, '')));
}

const serviceWorkerFiles = new Set(['sw.js']);
const chunks = files(dist).filter((f) => f.endsWith('.js') && !serviceWorkerFiles.has(f) && !/^workbox-[\w-]+\.js$/.test(f));
const initial = new Set(initialChunks());
const manifest = precached();
let failed = false;
if (manifest.size === 0) {
  console.error('no precache manifest found in sw.js (was the build run with vite-plugin-pwa?)');
  failed = true;
}

console.log('chunk                                             gzip     raw  initial precached');
let total = 0;
for (const chunk of chunks.sort()) {
  const size = gzipped(chunk);
  const raw = statSync(join(dist, chunk)).size;
  const isInitial = initial.has(chunk);
  if (isInitial) total += size;
  const inManifest = manifest.has(chunk);
  if (!inManifest) failed = true;
  console.log(`${chunk.padEnd(46)} ${kb(size)} ${String(raw).padStart(7)}  ${isInitial ? 'yes' : '   '}     ${inManifest ? 'yes' : 'NO'}`);
}
for (const chunk of initial) {
  if (!chunks.includes(chunk)) {
    console.error(`index.html loads ${chunk}, which is not in dist`);
    failed = true;
  }
}
console.log(`\ninitial JavaScript: ${total} bytes gzipped (${(total / 1024).toFixed(2)} KB), budget ${BUDGET} bytes`);
if (total > BUDGET) {
  console.error(`over budget by ${total - BUDGET} bytes`);
  failed = true;
}
const missing = chunks.filter((c) => !manifest.has(c));
if (missing.length > 0) console.error(`not precached by sw.js (would not open offline): ${missing.join(', ')}`);
else console.log(`all ${chunks.length} chunks are in the service worker's precache manifest`);
process.exit(failed ? 1 : 0);
