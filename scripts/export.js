#!/usr/bin/env node
/**
 * `npm run export -- --from 2026-01-01 --to 2026-12-31 [--district sodra] [--out trygg-2026.csv]`:
 * the CSV export for the annual follow-up, as an administrator, from the store the bot uses
 * (configuration from the environment, as for `npm run start:bot`). Builds Trygg first when the
 * build is missing or older than the sources. The columns are described in the README.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist', 'src', 'export-cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    const t = item.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function buildIfNeeded() {
  const stale = !fs.existsSync(entry) || newestMtime(path.join(root, 'src')) > fs.statSync(entry).mtimeMs;
  if (!stale) return;
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc');
  } catch {
    if (fs.existsSync(entry)) return; // an installed build without the compiler: use it as it is
    console.error('Trygg export: no build and no TypeScript compiler; run npm run build first.');
    process.exit(2);
  }
  process.stderr.write('Trygg export: building…\n');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  if (result.status !== 0) process.exit(result.status || 1);
  fs.utimesSync(entry, new Date(), new Date());
}

buildIfNeeded();
process.noDeprecation = true; // restify's use of process.binding, as `npm run start:bot` hides it
const { runExportCli } = require(entry);
runExportCli(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`Trygg export failed: ${err && err.message ? err.message : String(err)}`);
    process.exit(1);
  },
);
