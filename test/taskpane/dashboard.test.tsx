/** @jest-environment jsdom */
/**
 * 进度: counts of 达标/接近/未达标/无数据, the binding misses first, a chart per section with the
 * data behind each number; the "close" band from Settings re-decides statuses; a unit table
 * shows every unit per indicator.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { loadShippedPlans } from '../../src/node/seeds';
import { buildTemplate } from '../../src/core/template/build';
import { applyFix, insertTemplate } from '../../src/excel';
import { createFakeExcel } from '../../src/excel/fake';
import { renderPane } from './helpers';
import { RETURN_SHEET, yangjiangReturn } from './workbook';

beforeEach(() => localStorage.clear());

async function readData() {
  // The view is loaded on demand: wait for its chunk, then read the workbook.
  fireEvent.click(await screen.findByRole('button', { name: '读取工作簿数据' }, { timeout: 15000 }));
  await waitFor(() => expect(screen.getByRole('list', { name: '各状态指标数' })).toBeTruthy(), { timeout: 30000 });
}

function tile(status: string): number {
  const el = screen.getByRole('list', { name: '各状态指标数' }).querySelector(`[data-status="${status}"]`)!;
  return Number(el.textContent!.match(/^\d+/)![0]);
}

test('counts statuses, lists the binding misses first and charts each section', async () => {
  const { fake } = await yangjiangReturn();
  renderPane({ view: 'dashboard', fake });
  expect(await screen.findByText('还没有数据。先运行一次校验。', {}, { timeout: 15000 })).toBeTruthy();
  await readData();
  expect(tile('met')).toBeGreaterThan(0);
  expect(tile('noData')).toBeGreaterThan(0);
  const misses = screen.getByRole('region', { name: '未达标的约束性指标' });
  expect(within(misses).getByText('九年义务教育巩固率')).toBeTruthy();
  expect(misses.textContent).toMatch(/实际 95 · 目标 ≥ ?96/);
  const chart = screen.getByRole('figure', { name: /学前教育：各指标达成度/ });
  expect(chart.textContent).toContain('学前教育毛入园率');
  // The share computed from a full-width "７０" rests on a value read after normalising it.
  expect(chart.textContent).toMatch(/幼儿园专任教师专科以上学历比例[\s\S]*数据待核实：1 条说明/);
  expect(screen.getByTestId('data-summary').textContent).toMatch(/\d+ 个错误/);
});

test('inserts the charts into the workbook as native bar charts on a new sheet', async () => {
  const { fake } = await yangjiangReturn();
  renderPane({ view: 'dashboard', fake });
  await readData();
  const figures = screen.getAllByRole('figure', { name: /各指标达成度/ });
  fireEvent.click(screen.getByRole('button', { name: '插入图表到工作簿' }));
  await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/已在新工作表「进度图表」插入 \d+ 个图表/), { timeout: 15000 });
  const charts = fake.sheet('进度图表').charts;
  expect(charts).toHaveLength(figures.length);
  expect(charts[0].title).toBe('学前教育：各指标达成度');
  const ws = fake.sheet('进度图表');
  expect(ws.get(1, 1)?.value).toBe('指标');
  const row = Array.from({ length: charts[0].source.bottom }, (_, i) => i + 1).find((r) => ws.get(r, 1)?.value === '学前教育毛入园率');
  expect(row).toBeDefined();
  expect(ws.get(row!, 3)?.value).toBe(100);
});

test('accepting the fix clears the flag on the indicator it feeds', async () => {
  const { fake, cells } = await yangjiangReturn();
  renderPane({ view: 'dashboard', fake });
  await readData();
  const flagged = () => screen.getByRole('figure', { name: /学前教育：各指标达成度/ }).textContent!;
  expect(flagged()).toContain('1 条说明');
  await applyFix(fake.host, RETURN_SHEET, cells['专科及以上学历幼儿园专任教师数'], 70);
  fireEvent.click(screen.getByRole('button', { name: '读取工作簿数据' }));
  await waitFor(() => expect(flagged()).not.toContain('1 条说明'), { timeout: 30000 });
});

test('a narrower "close" band from Settings turns a near miss into a miss', async () => {
  const { fake } = await yangjiangReturn();
  renderPane({ view: 'dashboard', fake, settings: { tolerance: { absolute: 0 } } });
  await readData();
  const misses = screen.getByRole('region', { name: '未达标的约束性指标' });
  expect(misses.textContent).toMatch(/九年义务教育巩固率[\s\S]*未达标/);
});

test('a unit table shows every unit per indicator, and one unit on request', async () => {
  const plan = loadShippedPlans().find((p) => p.id === 'national-yzjh-2017')!;
  const fake = createFakeExcel();
  const r = await insertTemplate(fake.host, (ex) => buildTemplate(plan, { kind: 'units', level: '小学', units: ['甲校', '乙校'], existingSheetNames: ex.sheetNames }));
  renderPane({ view: 'dashboard', fake });
  await readData();
  expect(r.sheets[0]).toBe('单位数据');
  expect(screen.getByRole('combobox', { name: '单位' }).textContent).toBe('全部单位');
  expect(screen.getAllByRole('figure', { name: /各指标的单位达标情况/ }).length).toBeGreaterThan(0);
  expect(tile('noData')).toBe(2 * plan.balance!.indicators.length);
  // The tiles say what they count: unit × indicator pairs.
  const n = plan.balance!.indicators.length;
  expect(screen.getByTestId('tiles-count').textContent).toBe(`按“单位 × 指标”计：2 个单位 × ${n} 个指标，共 ${2 * n} 项`);
  // Nothing is filled in: no empty bar per indicator, one line saying so.
  const stacks = screen.getAllByRole('figure', { name: /各指标的单位达标情况/ });
  for (const f of stacks) {
    expect(f.querySelectorAll('[aria-hidden] > div').length).toBe(0);
    expect(within(f).getByTestId('empty-indicators').textContent).toMatch(/^\d+ 个指标在所有单位都无数据$/);
  }
  fireEvent.click(screen.getByRole('combobox', { name: '单位' }));
  fireEvent.click(await screen.findByRole('option', { name: '乙校' }));
  await waitFor(() => expect(tile('noData')).toBe(plan.balance!.indicators.length));
  expect(screen.getByTestId('tiles-count').textContent).toBe(`按指标计：共 ${n} 个指标`);
});

test('every number is labelled, every mark has its legend, indicators without data collapse into one line', async () => {
  const { fake } = await yangjiangReturn();
  renderPane({ view: 'dashboard', fake });
  await readData();
  expect(screen.getByTestId('tiles-count').textContent).toMatch(/^按指标计：共 \d+ 个指标$/);
  const chart = screen.getByRole('figure', { name: /学前教育：各指标达成度/ });
  // Value, target and achievement each named: never "104.3% / ≥ 100% · 100.0%".
  const rows = [...chart.querySelectorAll('li[aria-label]')].map((li) => li.textContent ?? '');
  expect(rows.find((r) => r.startsWith('学前教育毛入园率'))).toMatch(/^学前教育毛入园率实际 104\.3% · 目标 ≥ 100% · 达成度 100\.0% · 达标$/);
  expect(chart.textContent).not.toMatch(/\d%\s*\/\s*[≥≤]/);
  // The legend names every mark the chart draws: the status colours, the target line, ★ and ⚠.
  const legend = within(chart).getByRole('list', { name: '图例' });
  for (const text of ['达标', '目标（100%）', '⚠', '数据待核实']) expect(legend.textContent).toContain(text);
  // In every chart, each mark drawn (★ binding, ⚠ data to check) is in that chart's legend.
  const figures = screen.getAllByRole('figure', { name: /各指标达成度/ });
  for (const f of figures) {
    const own = within(f).getByRole('list', { name: '图例' });
    const drawn = (f.textContent ?? '').replace(own.textContent ?? '', '');
    for (const mark of ['★', '⚠']) if (drawn.includes(mark)) expect(own.textContent).toContain(mark);
  }
  expect(figures.some((f) => within(f).getByRole('list', { name: '图例' }).textContent!.includes('★约束性'))).toBe(true);
  // Indicators without a value: one collapsed line, opening onto their names.
  const empty = within(chart).getByTestId('empty-indicators');
  const head = within(empty).getByRole('button');
  expect(head.getAttribute('aria-expanded')).toBe('false');
  expect(head.textContent).toMatch(/^\d+ 个指标无数据（未填报或无法计算）$/);
  fireEvent.click(head);
  expect(head.getAttribute('aria-expanded')).toBe('true');
  expect(empty.textContent).toContain('在园幼儿');
  // No bar is drawn for them.
  const bars = [...chart.querySelectorAll('li[aria-label]')].map((li) => li.getAttribute('aria-label')!);
  expect(bars.some((b) => b.includes('实际 —'))).toBe(false);
});

test('a workbook without a template: one message and the way to insert one', async () => {
  renderPane({ view: 'dashboard', fake: createFakeExcel() });
  fireEvent.click(await screen.findByRole('button', { name: '读取工作簿数据' }, { timeout: 15000 }));
  await waitFor(() => expect(screen.getByText('本工作簿中还没有模板，先插入一个。')).toBeTruthy(), { timeout: 30000 });
  expect(screen.getAllByText(/没有模板/)).toHaveLength(1);
  fireEvent.click(screen.getByRole('button', { name: '插入模板' }));
  expect(screen.getByRole('tab', { name: /插入模板/, selected: true })).toBeTruthy();
});

test('beside an English template the chart sheet is in English ("Progress charts")', async () => {
  const plan = loadShippedPlans().find((p) => p.id === 'yangjiang-2021-2025')!;
  const fake = createFakeExcel();
  await insertTemplate(fake.host, (ex) => buildTemplate(plan, { units: ['School A'], year: 2025, lang: 'en', existingSheetNames: ex.sheetNames }));
  renderPane({ view: 'dashboard', fake });
  await readData();
  fireEvent.click(screen.getByRole('button', { name: '插入图表到工作簿' }));
  await waitFor(() => expect(fake.sheetNames()).toContain('Progress charts'), { timeout: 15000 });
  expect(fake.sheetNames()).not.toContain('进度图表');
  expect(fake.sheet('Progress charts').get(1, 1)?.value).toBe('Indicator');
});
