/**
 * The task pane's first load stays within its budget (issue 15): the shared runtime taskpane.html
 * loads before the pane paints — pane shell, custom functions, ribbon commands, shipped plans —
 * at most 200 KB gzipped, measured by scripts/firstload.js (the same measurement `npm run bench`
 * reports as taskpane.firstload.gz). Views, charts and the plan parser load on demand.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { firstLoad, BUDGET_KB } = require('../../scripts/firstload.js') as {
  BUDGET_KB: number;
  firstLoad(o: { dist: string }): { files: Array<{ file: string; raw: number; gz: number }>; totalGz: number; lazy: Array<{ file: string; gz: number }> };
};

beforeAll(() => {
  // `npm test` builds first; a lone run builds here so the budget is never checked on a missing build.
  if (!fs.existsSync(path.join(DIST, 'taskpane.html'))) {
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'inherit' });
  }
}, 600_000);

test('the shared runtime is loaded in full: runtime, shared, functions, commands, pane', () => {
  const { files } = firstLoad({ dist: DIST });
  expect(files.map((f) => f.file)).toEqual(['runtime.js', 'shared.js', 'functions.js', 'commands.js', 'taskpane.js']);
  // A production build: a development bundle (unminified, megabytes) must never be measured or shipped.
  for (const f of files) expect(fs.readFileSync(path.join(DIST, f.file), 'utf8')).not.toMatch(/eval\(|webpack:\/\/\/|\/\*\*\*\*\*\*\//);
});

test('first-load JavaScript of taskpane.html is at most the budget, gzipped', () => {
  const { totalGz, files } = firstLoad({ dist: DIST });
  console.log(`first load ${(totalGz / 1024).toFixed(1)} KB gzipped: ${files.map((f) => `${f.file} ${(f.gz / 1024).toFixed(1)} KB`).join(', ')}`);
  expect(totalGz / 1024).toBeLessThanOrEqual(BUDGET_KB);
});

test('the views, the tooltip and the plan parser are chunks of their own, not in the first load', () => {
  const { lazy } = firstLoad({ dist: DIST });
  const names = lazy.map((f) => f.file);
  for (const chunk of ['library', 'insert', 'validate', 'dashboard', 'settings', 'tooltip', 'plan-parser']) {
    expect(names.some((n) => n.startsWith(`${chunk}.`))).toBe(true);
  }
  // zod (the schema library) is only in the plan-parser's chunks, not in what every start loads.
  const first = ['shared.js', 'functions.js', 'taskpane.js'].map((f) => fs.readFileSync(path.join(DIST, f), 'utf8')).join('\n');
  expect(first).not.toMatch(/ZodError|_zod/);
  // Nor the preview's fake workbook and its formula library (@formulajs/formulajs): preview.html only.
  expect(first).not.toMatch(/WEIBULL|BESSELI/);
  expect(fs.readFileSync(path.join(DIST, 'preview.js'), 'utf8')).toMatch(/WEIBULL/);
});
