#!/usr/bin/env node
/**
 * Trusted documents (decision 0030), run by `npm run build` after `vite build`:
 *
 * 1. Loads every data module through Vite's module runner (scripts/operations-entry.js);
 *    each registers its GraphQL documents with `operation()` as it loads
 *    (src/data/graphql.ts), and writes them to dist/trusted-documents.json as
 *    {"algorithm": "sha256", "documents": {sha256(document): document}}. A production
 *    server runs nothing else from a browser.
 * 2. Checks the built bundle: every operation name found in dist/**.js must belong to a
 *    listed document, so a document built at run time (not registered when its module
 *    loads) fails the build instead of failing in production.
 *
 * `--check` only runs step 2 against the existing file. Exits 1 when a check fails.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const output = join(dist, 'trusted-documents.json');

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
// Operation names are PascalCase by convention here; a batch's name may be followed by
// an interpolation in the bundle (`query Rounds${n}`), so names are compared by prefix.
const OPERATION = /\b(query|mutation|subscription) ([A-Z][A-Za-z0-9_]*)/g;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

async function collect() {
  const { runnerImport } = await import('vite');
  const entry = join(root, 'scripts', 'operations-entry.js');
  const { module } = await runnerImport(entry, { configFile: false, root, logLevel: 'error' });
  return module.registeredOperations();
}

function names(documents) {
  return new Set(documents.flatMap((d) => [...d.matchAll(OPERATION)].map((m) => m[2])));
}

function check(documents) {
  const listed = names(documents);
  const missing = new Set();
  for (const path of files(dist).filter((p) => p.endsWith('.js'))) {
    for (const match of readFileSync(path, 'utf-8').matchAll(OPERATION)) {
      const name = match[2];
      if (![...listed].some((l) => l.startsWith(name))) missing.add(`${match[1]} ${name}`);
    }
  }
  return [...missing];
}

let documents;
if (process.argv.includes('--check')) {
  documents = Object.values(JSON.parse(readFileSync(output, 'utf-8')).documents);
} else {
  documents = [...new Set(await collect())].sort();
  const listed = Object.fromEntries(documents.map((d) => [sha256(d), d]));
  writeFileSync(output, `${JSON.stringify({ algorithm: 'sha256', documents: listed }, null, 1)}\n`);
}
const missing = check(documents);
if (missing.length) {
  console.error(`trusted documents: the bundle sends operations missing from ${output}:`);
  for (const name of missing) console.error(`  ${name}`);
  console.error('Build documents with operation() at module level (src/data/graphql.ts), never inside a function.');
  process.exit(1);
}
console.log(`trusted documents: ${documents.length} documents, every operation in the bundle listed`);
// The module runner leaves handles open; the work is done.
process.exit(0);
