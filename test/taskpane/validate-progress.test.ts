/**
 * A validation run from the pane (validateWorkbook on the recording fake): progress in units
 * checked then cells marked, the steps in order; 取消 before the marks leaves the workbook as it
 * was, after them the message says the marks are there and the review sheet is not.
 */
import { buildTemplate } from '../../src/core/template';
import { isTaskCancelled } from '../../src/core/task/control';
import { createFakeExcel, type FakeExcel } from '../../src/excel/fake';
import { readTemplates } from '../../src/excel/read';
import { insertTemplate } from '../../src/excel/render';
import type { PaneEnv } from '../../src/taskpane/app/store';
import { checkCapabilities } from '../../src/taskpane/host/capabilities';
import { validateWorkbook, type ValidateProgress } from '../../src/taskpane/host/workbook';
import { shippedPlan } from '../helpers/shipped';
import { PlanRegistry } from '../../src/core/plan/registry';
import { loadShippedPlans } from '../../src/node/seeds';

const YZJH = 'national-yzjh-2017';

async function workbook(units: number): Promise<{ fake: FakeExcel; env: PaneEnv }> {
  const fake = createFakeExcel();
  const names = Array.from({ length: units }, (_, i) => `第${i + 1}小学`);
  await insertTemplate(fake.host, buildTemplate(shippedPlan(YZJH), { kind: 'units', level: '小学', year: 2025, units: names }));
  // Half the schools fill one count in: the others are missing values (issues with cells to mark).
  const read = await readTemplates(fake.host);
  for (const c of read.templates[0].cells.filter((x) => !x.input.endsWith('#note')).slice(0, units)) fake.typeInto(c.sheet, c.address, '12', { paste: true });
  const env: PaneEnv = {
    excel: fake.host,
    registry: new PlanRegistry(loadShippedPlans()),
    officeLang: 'zh-CN',
    capabilities: checkCapabilities((n, v) => fake.host.isSetSupported(n, v)),
    hostKind: 'preview',
    version: 'test',
  };
  return { fake, env };
}

function snapshot(fake: FakeExcel): string {
  return JSON.stringify(fake.model.sheets.map((s) => [s.name, [...s.cells.entries()].map(([k, c]) => [k, c.value, c.fill])]));
}

test('progress: units checked, then cells marked, then the review sheet', async () => {
  const { env } = await workbook(8);
  const seen: ValidateProgress[] = [];
  const run = await validateWorkbook(env, 'zh-CN', { mark: true, onProgress: (p) => seen.push(p) });
  expect(run.reviewSheet).toBeTruthy();
  expect(seen.map((p) => p.step).filter((s, i, a) => a.indexOf(s) === i)).toEqual(['read', 'check', 'mark', 'review']);
  const check = seen.filter((p) => p.step === 'check');
  expect(check.every((p) => p.of === 'units' && p.total === 8)).toBe(true);
  expect(check[check.length - 1].done).toBe(8);
  const mark = seen.filter((p) => p.step === 'mark');
  expect(mark[0].of).toBe('cells');
  expect(mark[0].total).toBeGreaterThan(8);
  expect(seen[seen.length - 1]).toMatchObject({ step: 'review', stage: 'done' });
});

test('cancelled before marking: nothing is written', async () => {
  const { fake, env } = await workbook(5);
  const before = snapshot(fake);
  const ctl = new AbortController();
  const e = await validateWorkbook(env, 'zh-CN', { mark: true, signal: ctl.signal, onProgress: (p) => p.step === 'check' && ctl.abort() }).catch((x: unknown) => x);
  expect(isTaskCancelled(e)).toBe(true);
  expect(snapshot(fake)).toBe(before);
});

test('cancelled while marking: the marks stay, the review sheet is not written, and the message says so', async () => {
  const { fake, env } = await workbook(5);
  const sheets = fake.sheetNames();
  const ctl = new AbortController();
  const e = await validateWorkbook(env, 'zh-CN', { mark: true, signal: ctl.signal, onProgress: (p) => p.step === 'review' && ctl.abort() }).catch((x: unknown) => x);
  expect(isTaskCancelled(e)).toBe(true);
  expect((e as { text: { zh: string } }).text.zh).toMatch(/^已取消：已标记 [1-9]\d* 个单元格，未写入审核结果表/);
  expect(fake.sheetNames().filter((n) => !sheets.includes(n) && !n.startsWith('_'))).toEqual([]);
});
