/**
 * The 进度 charts in the workbook: a new data sheet written in one 2-D write, one titled clustered
 * bar chart per section over its block, in the same number of syncs for 3 or 30 sections, and
 * never over a sheet the workbook already has.
 */
import { insertChartSheet, type ChartSheetData } from '../../src/excel/charts';
import { ExcelTaskError } from '../../src/excel/errors';
import { createFakeExcel } from '../../src/excel/fake';

/** Sections of 2 indicators each, laid out as the dashboard model lays them out. */
function data(sections: number): ChartSheetData {
  const rows: Array<Array<string | number>> = [];
  const blocks: Array<{ title: string; headerRow: number; lastRow: number }> = [];
  for (let s = 1; s <= sections; s++) {
    if (rows.length > 0) rows.push(['', '', '']);
    const headerRow = rows.length + 1;
    rows.push(['指标', '达成度（%）', '目标（%）']);
    rows.push([`指标${s}-1`, 95.5, 100], [`=指标${s}-2`, '', 100]);
    blocks.push({ title: `第${s}部分：各指标达成度`, headerRow, lastRow: rows.length });
  }
  return { rows, blocks };
}

test('writes the data and one titled bar chart per section on a new sheet', async () => {
  const fake = createFakeExcel();
  const r = await insertChartSheet(fake.host, data(3));
  expect(r).toEqual({ sheet: '进度图表', charts: 3 });
  const ws = fake.sheet('进度图表');
  expect([1, 2, 3].map((c) => ws.get(1, c)?.value)).toEqual(['指标', '达成度（%）', '目标（%）']);
  expect([1, 2, 3].map((c) => ws.get(2, c)?.value)).toEqual(['指标1-1', 95.5, 100]);
  // Text from a plan is never executed.
  expect(ws.get(3, 1)?.value).toBe('=指标1-2');
  expect(ws.get(3, 1)?.formula).toBeUndefined();
  expect(ws.get(5, 1)?.value).toBe('指标');
  expect(ws.charts.map((c) => c.title)).toEqual(['第1部分：各指标达成度', '第2部分：各指标达成度', '第3部分：各指标达成度']);
  expect(ws.charts.every((c) => c.type === 'BarClustered' && c.seriesBy === 'Auto')).toBe(true);
  expect(ws.charts[1].source).toEqual({ top: 5, left: 1, bottom: 7, right: 3 });
  expect(new Set(ws.charts.map((c) => c.position?.start)).size).toBe(3);
  // One 2-D write for all the data.
  const writes = fake.calls.filter((c) => c.object === 'Range' && (c.member === 'values' || c.member === 'formulas'));
  expect(writes).toHaveLength(1);
  expect(fake.callSummary()['ChartCollection.add']).toBe(3);
  expect(fake.model.selection.sheet.name).toBe('进度图表');
});

test('the same number of syncs for 3 and 30 sections', async () => {
  const counts: number[] = [];
  for (const n of [3, 30]) {
    const fake = createFakeExcel();
    await insertChartSheet(fake.host, data(n));
    expect(fake.sheet('进度图表').charts).toHaveLength(n);
    counts.push(fake.syncCount);
  }
  expect(counts[0]).toBe(counts[1]);
  expect(counts[0]).toBeLessThanOrEqual(2);
});

test('an existing sheet of the same name is left untouched', async () => {
  const fake = createFakeExcel({ sheets: ['进度图表'] });
  await fake.host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('进度图表').getRange('A1').values = [['我的数据']];
    await ctx.sync();
  });
  const r = await insertChartSheet(fake.host, data(2));
  expect(r.sheet).toBe('进度图表 (2)');
  const mine = fake.sheet('进度图表');
  expect(mine.get(1, 1)?.value).toBe('我的数据');
  expect(mine.cells.size).toBe(1);
  expect(mine.charts).toHaveLength(0);
  expect(fake.sheet('进度图表 (2)').charts).toHaveLength(2);
  const again = await insertChartSheet(fake.host, data(1));
  expect(again.sheet).toBe('进度图表 (3)');
});

test('an Excel without charts gets a bilingual requirement message and an untouched workbook', async () => {
  const fake = createFakeExcel({ apiVersion: '1.0' });
  const err = await insertChartSheet(fake.host, data(1)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ExcelTaskError);
  expect((err as ExcelTaskError).code).toBe('requirement');
  expect((err as ExcelTaskError).text.zh).toMatch(/图表.*ExcelApi 1\.1/);
  expect((err as ExcelTaskError).text.en).toMatch(/charts/);
  expect(fake.sheetNames()).toEqual(['Sheet1']);
  expect(fake.syncCount).toBe(0);
});
