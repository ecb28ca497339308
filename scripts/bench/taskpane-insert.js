/**
 * Insert responsiveness (`npm run bench`): the pane's long tasks (the Long Tasks API, tasks over
 * 50 ms) while the preview inserts a unit table of 1,000 and 3,000 schools (优质均衡 for 小学, about
 * 20 cells a school) in real headless Chromium, from the click on 插入模板 until 已插入 shows and the
 * grid has painted. Issue 15 asks for no single task of 500 ms; the numbers are watched here, not
 * asserted in tests (a timed test fails on a loaded machine, not on a regression).
 *
 * Ids: taskpane.insert.longtask.max.N (ms, the longest task), taskpane.insert.longtask.count.N
 * (tasks over 50 ms), taskpane.insert.wall.N (ms, click to painted result).
 */
'use strict';
const { ensureBuilt, hasChromium, launchChromium, serveDir } = require('./taskpane/browser');
const { result } = require('./support/measure');

const SIZES = [1000, 3000];

/** One insert of `units` schools in a fresh page: its long tasks and wall time. */
async function insertOnce(page, url, units) {
  await page.goto(`${url}/preview.html`);
  const pane = page.getByTestId('task-pane');
  await pane.getByRole('tab', { name: '插入模板' }).click();
  await pane.getByTestId('insert-summary').filter({ hasText: /个填报项/ }).waitFor();
  await pane.getByRole('combobox', { name: '选择计划' }).click();
  await page.getByRole('listbox').getByRole('option', { name: /县域义务教育优质均衡发展督导评估办法/ }).click();
  await pane.getByRole('radio', { name: /多单位汇总表/ }).click();
  const names = Array.from({ length: units }, (_, i) => `第${i + 1}学校`).join('\n');
  await pane.getByRole('textbox', { name: /填报单位/ }).fill(names);
  await pane.getByTestId('insert-summary').getByText(new RegExp(`单位表 ${units} 个单位`)).waitFor();
  // Let the typing's own work settle before observing.
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    const w = window;
    w.__longTasks = [];
    w.__insertStart = performance.now();
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
  await pane.getByRole('button', { name: '插入模板', exact: true }).click();
  await pane.getByText(/已插入：/).waitFor({ timeout: 300_000 });
  // The grid's render after the write, and two frames for it to paint.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
  return page.evaluate(() => ({ tasks: window.__longTasks.map(Math.round), wall: performance.now() - window.__insertStart }));
}

async function run() {
  if (!hasChromium()) {
    console.log('insert long tasks: not measured (no /usr/bin/chromium on this machine)');
    return [];
  }
  ensureBuilt();
  const server = await serveDir();
  const out = [];
  try {
    for (const units of SIZES) {
      const browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
      try {
        const page = browser.context.pages()[0] ?? (await browser.context.newPage());
        page.setDefaultTimeout(120_000);
        const { tasks, wall } = await insertOnce(page, server.url, units);
        const max = tasks.length ? Math.max(...tasks) : 0;
        const sorted = [...tasks].sort((a, b) => b - a);
        console.log(`insert of ${units} units (preview, Chromium): ${tasks.length} long tasks, longest ${max} ms (top: ${sorted.slice(0, 8).join(', ') || 'none'}), ${wall.toFixed(0)} ms click to painted`);
        out.push(result(`taskpane.insert.longtask.max.${units}`, max, 'ms'));
        out.push(result(`taskpane.insert.longtask.count.${units}`, tasks.length, 'count'));
        out.push(result(`taskpane.insert.wall.${units}`, wall, 'ms'));
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  return out;
}

module.exports = { run };

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
