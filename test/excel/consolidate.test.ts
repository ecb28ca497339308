/**
 * The summary written into the open workbook (recording fake): the same sheets as summary.xlsx,
 * native charts, a constant number of syncs for 10 or 300 units, nothing overwritten, and the
 * result readable back as a return one level up.
 */
import { consolidate } from '../../src/core/consolidate';
import { insertSummary } from '../../src/excel/consolidate';
import { readTemplates } from '../../src/excel/read';
import { createFakeExcel } from '../../src/excel/fake';
import { isTaskCancelled, type TaskProgress } from '../../src/core/task/control';
import { plans, yzjh } from '../core/consolidate/county';
import { generatedReads } from '../core/consolidate/generate';

test('sheets, charts and the return of each level, in the open workbook', async () => {
  const c = consolidate(generatedReads(10), plans);
  const fake = createFakeExcel();
  const progress: TaskProgress[] = [];
  const r = await insertSummary(fake.host, c, yzjh, { region: '某县', onProgress: (p) => progress.push(p) });
  expect(r.sheets).toEqual(['汇总', '明细', '差异系数', '完整性', '问题', '来源', '上报·小学', '上报·初中']);
  expect(r.chartSheet).toBe('汇总图表');
  // Per level: status counts and 达成度; per 差异系数 (7 × 2) the school ratios.
  expect(r.charts).toBe(2 * 2 + 14);
  expect(fake.sheet('汇总图表').charts).toHaveLength(r.charts);
  // Progress in cells over all the summary sheets, never going back, ending at the total.
  const total = progress[0].total;
  expect(total).toBeGreaterThan(500);
  expect(progress.every((p) => p.of === 'cells' && p.total === total)).toBe(true);
  expect(progress[0].done).toBe(0);
  for (let i = 1; i < progress.length; i++) expect(progress[i].done).toBeGreaterThanOrEqual(progress[i - 1].done);
  expect(progress[progress.length - 1]).toEqual({ stage: 'done', done: total, total, of: 'cells' });
  const summary = fake.sheet('汇总');
  expect(summary.get(1, 1)?.value).toContain('汇总表');
  // The 汇总 value cells are formulas over 明细 (they recompute), not typed numbers.
  const formulas = [...summary.cells.values()].filter((cell) => typeof cell.formula === 'string' && cell.formula.includes('SUMIFS'));
  expect(formulas.length).toBeGreaterThanOrEqual(28);
  const read = await readTemplates(fake.host);
  expect(read.templates.map((t) => [t.template.meta.level, t.template.meta.units])).toEqual([
    ['小学', ['某县']],
    ['初中', ['某县']],
  ]);
});

test('the same number of syncs for 10 and 300 units', async () => {
  const counts: number[] = [];
  for (const n of [10, 300]) {
    const c = consolidate(generatedReads(n), plans);
    expect(c.units.length).toBeGreaterThanOrEqual(2 * n);
    const fake = createFakeExcel();
    await insertSummary(fake.host, c, yzjh);
    counts.push(fake.syncCount);
  }
  expect(counts[0]).toBe(counts[1]);
  expect(counts[0]).toBeLessThanOrEqual(6); // two per spec (two levels), two for the charts
});

test('never overwrites: taken sheet names get free variants and the user\'s sheet is untouched', async () => {
  const fake = createFakeExcel({ sheets: ['汇总', '明细'] });
  await fake.host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('汇总').getRange('A1').values = [['我的汇总']];
    await ctx.sync();
  });
  const c = consolidate(generatedReads(4), plans);
  const r = await insertSummary(fake.host, c, yzjh);
  expect(r.sheets.slice(0, 2)).toEqual(['汇总 (2)', '明细 (2)']);
  expect(fake.sheet('汇总').get(1, 1)?.value).toBe('我的汇总');
  expect(fake.sheet('汇总').cells.size).toBe(1);
});

test('cancelled while the first group is written: nothing stays; after it, the message names what was written', async () => {
  const c = consolidate(generatedReads(6), plans);
  const fake = createFakeExcel();
  const before = fake.sheetNames();
  const first = new AbortController();
  const e1 = await insertSummary(fake.host, c, yzjh, { signal: first.signal, onProgress: (p) => p.done > 0 && first.abort() }).catch((e: unknown) => e);
  expect(isTaskCancelled(e1)).toBe(true);
  expect(fake.sheetNames()).toEqual(before);
  expect((e1 as { text: { zh: string } }).text.zh).toBe('已取消，工作簿未作任何更改');

  // Stop once the first group (the 汇总 sheets) is in: those stay, and the message lists them.
  const second = new AbortController();
  let firstTotal = 0;
  const e2 = await insertSummary(fake.host, c, yzjh, {
    signal: second.signal,
    onProgress: (p) => {
      firstTotal = p.total;
      if (p.stage === 'prepare' && p.done > 0 && fake.sheetNames().includes('汇总')) second.abort();
    },
  }).catch((e: unknown) => e);
  expect(firstTotal).toBeGreaterThan(0);
  expect(isTaskCancelled(e2)).toBe(true);
  const written = fake.sheetNames().filter((n) => !before.includes(n) && !n.startsWith('_edu'));
  expect(written.length).toBeGreaterThan(0);
  expect((e2 as { text: { zh: string } }).text.zh).toBe(`已取消：已写入工作表 ${written.join('、')}，其余未写入`);
});

test('every summary sheet written into the workbook prints as summary.xlsx does: print titles, paper, footer', async () => {
  const c = consolidate(generatedReads(10), plans);
  const fake = createFakeExcel();
  await insertSummary(fake.host, c, yzjh, { region: '某县' });
  const want: Record<string, [string, string, string, string]> = {
    汇总: ['A4', 'Landscape', '$A:$B', '序号'],
    明细: ['A3', 'Landscape', '$A:$C', '序号'],
    差异系数: ['A4', 'Portrait', '$A:$B', '序号'],
    完整性: ['A4', 'Landscape', '$A:$A', '文件'],
    问题: ['A4', 'Landscape', '$A:$A', '文件'],
    来源: ['A4', 'Landscape', '$A:$A', '单位'],
  };
  for (const [name, [paper, orientation, columns, first]] of Object.entries(want)) {
    const pl = fake.sheet(name).pageLayout;
    expect([name, pl.paperSize, pl.orientation, pl.printTitleColumns, pl.centerFooter]).toEqual([name, paper, orientation, columns, '第 &P 页，共 &N 页']);
    // The repeated row is the sheet's column header.
    const row = Number(/^\$(\d+):\$(\d+)$/.exec(pl.printTitleRows ?? '')?.[1]);
    expect([name, fake.sheet(name).get(row, 1)?.value]).toEqual([name, first]);
  }
});
