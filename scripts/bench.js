/**
 * `npm run bench [-- --json] [-- --quick] [-- NAME…]`: every benchmark in scripts/bench/*.js, in
 * one run, so comparisons are ratios of numbers measured together (never pass/fail thresholds:
 * performance is watched here, not in timed tests).
 *
 * Each module exports `run(opts) → [{ id, value, unit }]` (scripts/bench/support/measure.js) and
 * prints its own human lines. With `--json` those lines go to stderr and stdout carries ONE JSON
 * object, `{"results":[{"id","value","unit"}, …]}` (plus `"quick": true` in quick mode).
 * `--quick` runs every module at small sizes (same ids): the test of this runner uses it.
 * NAME… keeps only the modules whose file name contains one of them.
 *
 * Builds lib/ first when it is missing or older than src/, and dist/ (production) when missing.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const argv = process.argv.slice(2);
const json = argv.includes('--json');
const quick = argv.includes('--quick');
const only = argv.filter((a) => !a.startsWith('--'));

// In JSON mode stdout is the JSON object alone: every human line (ours, the modules', the
// builds') goes to stderr.
const human = json ? (...a) => console.error(...a) : (...a) => console.log(...a);
if (json) console.log = human;
const buildStdio = ['ignore', json ? 2 : 'inherit', 'inherit'];

/** Newest modification time under a directory (to rebuild lib/ when src/ changed). */
function newest(dir) {
  let max = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return max;
}

function ensureBuilt() {
  const libIndex = path.join(ROOT, 'lib', 'index.js');
  if (!fs.existsSync(libIndex) || fs.statSync(libIndex).mtimeMs < newest(path.join(ROOT, 'src'))) {
    human('building lib/ (tsc -p tsconfig.lib.json) …');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.lib.json'], { cwd: ROOT, stdio: buildStdio });
    // tsc leaves unchanged outputs alone: mark the build as newer than the sources it saw.
    const t = new Date();
    fs.utimesSync(libIndex, t, t);
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'taskpane.html'))) {
    human('building dist/ (webpack --mode production) …');
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: buildStdio });
  }
}

async function main() {
  ensureBuilt();
  const dir = path.join(__dirname, 'bench');
  const results = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
    if (only.length && !only.some((o) => file.includes(o))) continue;
    human(`\n== ${file.replace(/\.js$/, '')}`);
    const mod = require(path.join(dir, file));
    if (typeof mod.run !== 'function') continue;
    const out = await mod.run({ quick, json });
    for (const r of out ?? []) results.push(r);
  }
  human('\n== results');
  const width = Math.max(0, ...results.map((r) => r.id.length));
  for (const r of results) human(`  ${r.id.padEnd(width)}  ${String(r.value).padStart(12)} ${r.unit}`);
  if (json) process.stdout.write(`${JSON.stringify(quick ? { results, quick: true } : { results })}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
