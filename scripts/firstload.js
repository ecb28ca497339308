/**
 * The task pane's first-load JavaScript: every local script taskpane.html loads before the pane
 * can paint — the shared runtime (webpack runtime, shared code with the shipped plans, custom
 * functions, ribbon commands, the pane shell and plan library) — each gzipped at level 9, as a
 * server would send it. Office.js comes from Microsoft's CDN and is not ours to count; chunks
 * loaded later (views, charts, the plan parser) are listed apart.
 *
 * One measurement for everyone: `npm run bench` reports it as `taskpane.firstload.gz`, the build
 * test holds it to the budget, and `node scripts/firstload.js [--json] [--dist DIR]` prints it
 * (exit 1 over the budget). Measure a production build (`npx webpack --mode production`).
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const DIST = path.join(__dirname, '..', 'dist');
/** The budget of issue 15: the shared runtime's first load, gzipped. */
const BUDGET_KB = 200;

function gzipBytes(file) {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/** Local scripts a page loads, in order (absolute URLs — Office.js — excluded). */
function pageScripts(html, dist = DIST) {
  const text = fs.readFileSync(path.join(dist, html), 'utf8');
  return [...text.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter((src) => !/^(https?:)?\/\//.test(src));
}

/** `{ files: [{file, raw, gz}], totalGz, lazy: [{file, gz}] }` in bytes, for taskpane.html (or `html`). */
function firstLoad({ dist = DIST, html = 'taskpane.html' } = {}) {
  const initial = pageScripts(html, dist);
  const files = initial.map((file) => ({ file, raw: fs.statSync(path.join(dist, file)).size, gz: gzipBytes(path.join(dist, file)) }));
  const others = new Set([...initial, ...(fs.existsSync(path.join(dist, 'preview.html')) ? pageScripts('preview.html', dist) : [])]);
  const lazy = fs
    .readdirSync(dist)
    .filter((f) => f.endsWith('.js') && !others.has(f))
    .map((file) => ({ file, gz: gzipBytes(path.join(dist, file)) }))
    .sort((a, b) => b.gz - a.gz);
  return { files, totalGz: files.reduce((a, f) => a + f.gz, 0), lazy };
}

module.exports = { BUDGET_KB, firstLoad, pageScripts, gzipBytes };

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--dist');
  const m = firstLoad({ dist: at >= 0 ? path.resolve(args[at + 1]) : DIST });
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  if (args.includes('--json')) {
    console.log(JSON.stringify({ totalKB: Number((m.totalGz / 1024).toFixed(2)), budgetKB: BUDGET_KB, files: m.files, lazy: m.lazy }));
  } else {
    console.log('taskpane.html first-load JavaScript, gzipped:');
    for (const f of m.files) console.log(`  ${f.file.padEnd(16)} ${kb(f.gz).padStart(10)}  (${kb(f.raw)} raw)`);
    console.log(`  ${'total'.padEnd(16)} ${kb(m.totalGz).padStart(10)}  budget ${BUDGET_KB} KB`);
    console.log('loaded on demand, gzipped:');
    for (const f of m.lazy) console.log(`  ${f.file.padEnd(28)} ${kb(f.gz).padStart(10)}`);
  }
  if (m.totalGz > BUDGET_KB * 1024) process.exitCode = 1;
}
