/**
 * Task pane benchmark (`npm run bench`): the JavaScript the pane needs before its first paint —
 * every script taskpane.html loads (the shared runtime: runtime, shared code, custom functions,
 * commands, the pane), gzipped — the chunks loaded later, and the time to first render of the
 * preview host in Chromium (median of several cold loads). Numbers only, no thresholds.
 */
const path = require('path');
const { DIST, ensureBuilt, hasChromium, launchChromium, serveDir } = require('./taskpane/browser');
const { result, options } = require('./support/measure');

const FIRST_RENDER_MARK = 'edu-pane-first-render'; // src/taskpane/app/App.tsx
const RUNS = 5;
const KB = (n) => `${(n / 1024).toFixed(1)} KB`;

/** The first load as scripts/firstload.js measures it (one measurement: bench, build test, CLI). */
function sizes() {
  const { firstLoad, pageScripts, gzipBytes, BUDGET_KB } = require('../firstload');
  const m = firstLoad({ dist: DIST });
  console.log('taskpane.html initial JavaScript (first paint), gzipped:');
  for (const r of m.files) console.log(`  ${r.file.padEnd(16)} ${KB(r.gz).padStart(10)}  (${KB(r.raw)} raw)`);
  console.log(`  ${'total'.padEnd(16)} ${KB(m.totalGz).padStart(10)}  — budget ${BUDGET_KB} KB (${((m.totalGz / (BUDGET_KB * 1024)) * 100).toFixed(0)} % of it)`);
  console.log('loaded on demand (views, charts, the plan parser), gzipped:');
  for (const r of m.lazy) console.log(`  ${r.file.padEnd(28)} ${KB(r.gz).padStart(10)}`);
  const preview = pageScripts('preview.html', DIST).reduce((a, f) => a + gzipBytes(path.join(DIST, f)), 0);
  console.log(`preview.html initial JavaScript, gzipped: ${KB(preview)} (the fake workbook and grid included)`);
  return [result('taskpane.firstload.gz', m.totalGz / 1024, 'KB'), result('preview.firstload.gz', preview / 1024, 'KB')];
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
