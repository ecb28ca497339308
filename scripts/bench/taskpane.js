/**
 * Task pane benchmark (`npm run bench`): the JavaScript the pane needs before its first paint —
 * every script taskpane.html loads (the shared runtime: runtime, shared code, custom functions,
 * commands, the pane), gzipped — the chunks loaded later, and the time to first render of the
 * preview host in Chromium (median of several cold loads). Numbers only, no thresholds.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { DIST, ensureBuilt, hasChromium, launchChromium, serveDir } = require('./taskpane/browser');
const { result, options } = require('./support/measure');

const FIRST_RENDER_MARK = 'edu-pane-first-render'; // src/taskpane/app/App.tsx
const RUNS = 5;
const KB = (n) => `${(n / 1024).toFixed(1)} KB`;

function gz(file) {
  return zlib.gzipSync(fs.readFileSync(path.join(DIST, file)), { level: 9 }).length;
}

/** Local scripts a page loads, in order (Office.js from Microsoft's CDN is not ours to count). */
function pageScripts(html) {
  const text = fs.readFileSync(path.join(DIST, html), 'utf8');
  return [...text.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
}

function sizes() {
  const initial = pageScripts('taskpane.html');
  const rows = initial.map((f) => ({ file: f, raw: fs.statSync(path.join(DIST, f)).size, gz: gz(f) }));
  const total = rows.reduce((a, r) => a + r.gz, 0);
  console.log('taskpane.html initial JavaScript (first paint), gzipped:');
  for (const r of rows) console.log(`  ${r.file.padEnd(16)} ${KB(r.gz).padStart(10)}  (${KB(r.raw)} raw)`);
  console.log(`  ${'total'.padEnd(16)} ${KB(total).padStart(10)}  — aim: under 300 KB (${((total / (300 * 1024)) * 100).toFixed(0)} % of it)`);
  const lazy = fs
    .readdirSync(DIST)
    .filter((f) => f.endsWith('.js') && !initial.includes(f) && !pageScripts('preview.html').includes(f))
    .map((f) => ({ file: f, gz: gz(f) }))
    .sort((a, b) => b.gz - a.gz);
  console.log('loaded on demand (views, charts), gzipped:');
  for (const r of lazy) console.log(`  ${r.file.padEnd(24)} ${KB(r.gz).padStart(10)}`);
  const preview = pageScripts('preview.html').reduce((a, f) => a + gz(f), 0);
  console.log(`preview.html initial JavaScript, gzipped: ${KB(preview)} (the fake workbook and grid included)`);
  return [result('taskpane.firstload.gz', total / 1024, 'KB'), result('preview.firstload.gz', preview / 1024, 'KB')];
}

async function firstRender() {
  if (!hasChromium()) {
    console.log('time to first render: not measured (no /usr/bin/chromium on this machine)');
    return [];
  }
  const server = await serveDir();
  const times = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // A fresh profile per run: a cold load, nothing cached.
      const browser = await launchChromium();
      try {
        const page = browser.context.pages()[0] ?? (await browser.context.newPage());
        await page.goto(`${server.url}/preview.html`);
        await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_RENDER_MARK, { timeout: 60_000 });
        times.push(await page.evaluate((mark) => performance.getEntriesByName(mark)[0].startTime, FIRST_RENDER_MARK));
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`time to first render (preview, Chromium, ${RUNS} cold loads): median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`);
  return [result('taskpane.firstrender', median, 'ms')];
}

/** Sizes always; the first render in Chromium only in a full run (it takes several cold loads). */
async function run(opts = options()) {
  ensureBuilt();
  const out = sizes();
  if (!opts.quick) out.push(...(await firstRender()));
  return out;
}

module.exports = { run };

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
