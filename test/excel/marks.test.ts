/**
 * Marks on issue cells come off without destroying the user's own formatting: prior fills
 * (none, white, coloured) are put back, a cell recoloured by the user after marking keeps the
 * user's colour, protected template sheets are unprotected only for the batch and come back
 * protected with their options, and a wrong password leaves everything as it was.
 */
import { createFakeExcel, type FakeExcel } from '../../src/excel/fake';
import { clearMarks, MARK_COLORS, MARKS_SHEET, markCells, MISSING_MARK_COLOR, plannedMarks, type MarkableIssue } from '../../src/excel/marks';
import { insertTemplate } from '../../src/excel/render';
import { failure, unitsSpec } from './helpers';

async function workbook(apiVersion?: string): Promise<FakeExcel> {
  const fake = createFakeExcel({ sheets: ['数据'], apiVersion });
  await fake.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('数据');
    ws.getRange('A1:C1').values = [[1, 2, 3]];
    ws.getRange('B1').format.fill.color = '#00B050'; // the user's own colour
    ws.getRange('C1').format.fill.color = '#FFFFFF'; // an explicit white fill
  });
  return fake;
}

const issues: MarkableIssue[] = [
  { sheet: '数据', cell: 'A1', severity: 'error' },
  { sheet: '数据', cell: 'B1', severity: 'warning' },
  { sheet: '数据', cell: 'B1', severity: 'error' }, // the worst issue of a cell wins
  { sheet: '数据', cell: 'C1', severity: 'warning' },
  { sheet: '数据', cell: 'D1', severity: 'info' }, // notes are not marked by default
  { severity: 'error' }, // workbook-level: nothing to mark
  { sheet: '改名了', cell: 'A1', severity: 'error' },
];

test('plannedMarks: one mark per cell, the most severe', () => {
  expect([...plannedMarks(issues).values()].map((m) => [m.address, m.severity])).toEqual([
    ['A1', 'error'],
    ['B1', 'error'],
    ['C1', 'warning'],
    ['A1', 'error'],
  ]);
});

test('plannedMarks: the cells to fix, not the formula cell: inputs behind a computed value, every cell of a broken relation', () => {
  const planned = plannedMarks([
    // A ratio out of range, shown in the formula cell E5, computed from B5 and C5.
    { sheet: '数据', cell: 'E5', severity: 'error', code: 'out-of-range', inputCells: [{ input: 'a', sheet: '数据', cell: 'B5' }, { input: 'b', sheet: '数据', cell: '$C$5' }] },
    // Part > total: the part (its own cell) and the total.
    {
      sheet: '数据',
      cell: 'B7',
      severity: 'error',
      code: 'part-exceeds-total',
      params: { parts: [{ input: 'p', sheet: '数据', cell: 'B7' }], totalRef: { input: 't', sheet: '数据', cell: 'B6' } },
    },
    // A zero denominator: every denominator cell.
    { sheet: '数据', cell: 'C8', severity: 'error', code: 'zero-denominator', params: { denominators: [{ input: 'd1', sheet: '数据', cell: 'C8' }, { input: 'd2', sheet: '数据', cell: 'D8' }] } },
    // An empty input: its own cell.
    { sheet: '数据', cell: 'B9', severity: 'error', code: 'required-missing' },
  ]);
  expect([...planned.values()].map((m) => [m.address, m.kind])).toEqual([
    ['B5', 'error'],
    ['C5', 'error'],
    ['B7', 'error'],
    ['B6', 'error'],
    ['C8', 'error'],
    ['D8', 'error'],
    ['B9', 'missing'],
  ]);
});

test('a value not filled in gets its own mark, apart from a wrong value; a wrong value on the same cell wins', async () => {
  const fake = await workbook();
  await markCells(fake.host, [
    { sheet: '数据', cell: 'A1', severity: 'error', code: 'required-missing' },
    { sheet: '数据', cell: 'B1', severity: 'error', code: 'type-error' },
    { sheet: '数据', cell: 'C1', severity: 'error', code: 'required-missing' },
    { sheet: '数据', cell: 'C1', severity: 'error', code: 'part-exceeds-total' },
  ]);
  expect(MISSING_MARK_COLOR).not.toBe(MARK_COLORS.error);
  expect(['A1', 'B1', 'C1'].map((a) => fake.cell('数据', a)?.fill)).toEqual([MISSING_MARK_COLOR, MARK_COLORS.error, MARK_COLORS.error]);
  await clearMarks(fake.host);
  expect(['A1', 'B1', 'C1'].map((a) => fake.cell('数据', a)?.fill)).toEqual([undefined, '#00B050', '#FFFFFF']);
});

test('marking then clearing restores no fill, the user colour and a white fill exactly', async () => {
  const fake = await workbook();
  const r = await markCells(fake.host, issues);
  expect(r).toMatchObject({ marked: 3, missingSheets: ['改名了'] });
  expect(['A1', 'B1', 'C1', 'D1'].map((a) => fake.cell('数据', a)?.fill)).toEqual([MARK_COLORS.error, MARK_COLORS.error, MARK_COLORS.warning, undefined]);
  expect(fake.sheet(MARKS_SHEET).visibility).toBe('VeryHidden');
  const cleared = await clearMarks(fake.host);
  expect(cleared.restored).toBe(3);
  expect(['A1', 'B1', 'C1'].map((a) => fake.cell('数据', a)?.fill)).toEqual([undefined, '#00B050', '#FFFFFF']);
  expect(fake.sheetNames()).not.toContain(MARKS_SHEET);
  // Values are never touched.
  expect(['A1', 'B1', 'C1'].map((a) => fake.cell('数据', a)?.value)).toEqual([1, 2, 3]);
});

test('re-marking keeps the original fill; a cell no longer in the list gets its fill back', async () => {
  const fake = await workbook();
  await markCells(fake.host, issues);
  await markCells(fake.host, [{ sheet: '数据', cell: 'B1', severity: 'warning' }]);
  expect(fake.cell('数据', 'A1')?.fill).toBeUndefined();
  expect(fake.cell('数据', 'B1')?.fill).toBe(MARK_COLORS.warning);
  await clearMarks(fake.host);
  expect(fake.cell('数据', 'B1')?.fill).toBe('#00B050');
});

test('a cell the user recoloured after marking keeps the user colour', async () => {
  const fake = await workbook();
  await markCells(fake.host, issues);
  fake.sheet('数据').at(1, 1).fill = '#7030A0';
  const cleared = await clearMarks(fake.host);
  expect(cleared.keptUserFormat).toBe(1);
  expect(fake.cell('数据', 'A1')?.fill).toBe('#7030A0');
});

test('marks survive a new pane session: the registry lives in the workbook', async () => {
  const fake = await workbook();
  await markCells(fake.host, issues);
  // A new ExcelHost over the same workbook (the pane reloaded): nothing kept in memory.
  const again = { run: fake.host.run, isSetSupported: fake.host.isSetSupported };
  await clearMarks(again);
  expect(fake.cell('数据', 'B1')?.fill).toBe('#00B050');
});

test('below ExcelApi 1.9 a white fill cannot be told from none and comes back as none', async () => {
  const fake = await workbook('1.8');
  await markCells(fake.host, issues);
  await clearMarks(fake.host);
  expect(fake.cell('数据', 'B1')?.fill).toBe('#00B050');
  expect(fake.cell('数据', 'C1')?.fill).toBeUndefined();
});

describe('protected template sheets', () => {
  async function template(password?: string) {
    const fake = createFakeExcel();
    const spec = unitsSpec(3, { password });
    await insertTemplate(fake.host, spec);
    const sheet = spec.sheets[0].name;
    const input = Object.entries(spec.sheets[0].cells).find(([, c]) => c.locked === false)![0];
    return { fake, sheet, input, options: { ...fake.sheet(sheet).protection } };
  }

  test('unprotected for the batch only, protected again with the same options', async () => {
    const { fake, sheet, input, options } = await template();
    const before = fake.cell(sheet, input)?.fill;
    await markCells(fake.host, [{ sheet, cell: input, severity: 'error' }]);
    expect(fake.cell(sheet, input)?.fill).toBe(MARK_COLORS.error);
    expect(fake.sheet(sheet).protection).toEqual(options);
    await clearMarks(fake.host);
    expect(fake.cell(sheet, input)?.fill).toBe(before);
    expect(fake.sheet(sheet).protection).toEqual(options);
  });

  test('with a password: the right one works; a wrong one changes nothing and says what to do', async () => {
    const { fake, sheet, input, options } = await template('secret');
    const err = await failure(markCells(fake.host, [{ sheet, cell: input, severity: 'error' }], { password: 'wrong' }));
    expect(err.code).toBe('password');
    expect(err.text.zh).toContain('设置');
    expect(fake.sheet(sheet).protection).toEqual(options);
    expect(fake.cell(sheet, input)?.fill).not.toBe(MARK_COLORS.error);
    await markCells(fake.host, [{ sheet, cell: input, severity: 'error' }], { password: 'secret' });
    expect(fake.sheet(sheet).protection).toEqual(options);
    await clearMarks(fake.host, { password: 'secret' });
    expect(fake.sheet(sheet).protection).toEqual(options);
  });
});

test('syncs do not grow with the number of marked cells', async () => {
  const counts: number[] = [];
  for (const n of [5, 500]) {
    const fake = await workbook();
    const many = Array.from({ length: n }, (_, i): MarkableIssue => ({ sheet: '数据', cell: `E${i + 1}`, severity: 'error' }));
    await markCells(fake.host, many);
    fake.resetLog();
    await markCells(fake.host, many.slice(1));
    await clearMarks(fake.host);
    counts.push(fake.syncCount);
  }
  expect(counts[0]).toBe(counts[1]);
});
