/**
 * 汇总 in a real browser (headless Chromium on the preview host): returned files picked, read in
 * the Web Worker (consolidate-worker.js, its own bundle), consolidated, and the summary sheets and
 * charts written into the workbook; no page error, and the worker really ran.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureBuilt, hasChromium, launchChromium, ROOT, serveDir, type StaticServer } from '../../scripts/bench/taskpane/browser';
import { loadShippedPlans } from '../../src/node/seeds';
import { buildTemplate } from '../../src/core/template/build';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { writeCells } from '../../src/xlsx/patch';
import { INPUTS, schoolData } from '../core/consolidate/county';

jest.setTimeout(240_000);
const SHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-consolidate-e2e-'));

beforeAll(() => {
  if (!hasChromium()) throw new Error('Chromium is required by the e2e tests: apt-get install chromium (bash .ci/run installs it)');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function town(name: string, schools: string[], offset: number): Promise<string> {
  const plan = loadShippedPlans().find((p) => p.id === 'national-yzjh-2017')!;
  const spec = buildTemplate(plan, { kind: 'units', level: '小学', year: 2025, units: schools });
  const rows = spec.hiddenMetadata.rows;
  const col = new Map(rows.filter((r) => r[0] === 'column').map((r) => [r[1]!, /^[A-Z]+/.exec(r[4]!)![0]]));
  const unitRow = rows.filter((r) => r[0] === 'unit').map((r) => Number(/\d+/.exec(r[5]!)![0]));
  const sheet = spec.sheets[0]!.name;
  const writes = schools.flatMap((_, i) => INPUTS.map((id) => ({ sheet, address: `${col.get(id)}${unitRow[i]}`, value: schoolData(offset + i, '小学')[id] })));
  const file = path.join(dir, name);
  fs.writeFileSync(file, await writeCells(await renderTemplateBuffer(spec), writes));
  return file;
}

test('pick returns, read them in the worker, write the summary and charts', async () => {
  ensureBuilt();
  const files = [await town('城关镇.xlsx', ['城关一小', '城关二小', '城关三小'], 1), await town('新铺镇.xlsx', ['新铺一小', '新铺二小'], 20)];
  const broken = path.join(dir, '损坏.xlsx');
  fs.writeFileSync(broken, 'not a workbook');
  const server: StaticServer = await serveDir();
  const browser = await launchChromium();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.setDefaultTimeout(90_000);
    await page.goto(`${server.url}/preview.html`);
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.getByLabel('选择文件…').setInputFiles([...files, broken]);
    await page.getByRole('button', { name: '读取并汇总' }).click();
    await page.getByText('计入汇总 5 个单位（3 个文件）').waitFor();
    await page.getByText(/无法读取：1 · 损坏\.xlsx/).waitFor();
    await page.getByRole('button', { name: '写入工作簿' }).click();
    await page.getByText(/已写入 \d+ 个新工作表和 \d+ 个图表/).waitFor();
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'consolidate.png') });
    const tabs = await page.getByRole('tab').allTextContents();
    for (const sheet of ['汇总', '明细', '差异系数', '完整性', '问题', '来源', '上报·小学', '汇总图表']) expect(tabs).toContain(sheet);
    const worker = await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/consolidate-worker.js')));
    expect(worker).toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
    await server.close();
  }
});
