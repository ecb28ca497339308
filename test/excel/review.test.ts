/**
 * The 审核结果 sheet: written in constant syncs, its text never executed, refreshed in place
 * (found by its defined name even when renamed), and never written over a user's own sheet.
 */
import { DEFAULT_SEVERITY, type ValidationIssue } from '../../src/core/validate/issues';
import { createFakeExcel } from '../../src/excel/fake';
import { REVIEW_NAME, writeReviewSheet } from '../../src/excel/review';

function issue(i: number, over: Partial<ValidationIssue> = {}): ValidationIssue {
  return {
    code: 'required-missing',
    params: {},
    severity: i % 3 === 0 ? 'warning' : DEFAULT_SEVERITY['required-missing'],
    sheet: '单位数据',
    cell: `C${7 + i}`,
    unit: `第${i}校`,
    input: 'pupils',
    value: null,
    expected: '≥ 0',
    message: { zh: `第${i}校 在校生数 未填写`, en: `unit ${i}: pupils missing` },
    ...over,
  } as ValidationIssue;
}

test('one row per issue with a link, severity and message; text stays text', async () => {
  const fake = createFakeExcel();
  const issues = [issue(1), issue(2, { message: { zh: '=HYPERLINK("http://evil")', en: '=x' }, unit: '+1' }), issue(3)];
  const r = await writeReviewSheet(fake.host, issues);
  expect(r).toEqual({ sheet: '审核结果', rows: 3, refreshed: false });
  const ws = fake.sheet('审核结果');
  expect(String(ws.get(1, 1)?.value)).toBe('2 个错误 · 1 个提示');
  expect(ws.get(2, 1)?.value).toBe('序号');
  const links = [3, 4, 5].map((row) => ws.get(row, 3)?.formula);
  expect(links).toContain(`HYPERLINK("#'单位数据'!C8","C8")`);
  const texts = [...ws.cells.values()].map((c) => c.value);
  expect(texts).toContain('=HYPERLINK("http://evil")');
  expect(texts).toContain('+1');
  // The only formulas are the links.
  expect([...ws.cells.values()].filter((c) => c.formula !== undefined).every((c) => c.formula!.startsWith('HYPERLINK('))).toBe(true);
  expect(fake.model.selection.sheet.name).toBe('审核结果');
  expect(ws.freeze.rows).toBe(2);
});

test('refreshed in place, even after the user renamed it; stale rows are gone', async () => {
  const fake = createFakeExcel();
  await writeReviewSheet(fake.host, [issue(1), issue(2), issue(3)]);
  await fake.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('审核结果').name = '我的审核';
  });
  const r = await writeReviewSheet(fake.host, [issue(4)], { lang: 'en' });
  expect(r).toEqual({ sheet: '我的审核', rows: 1, refreshed: true });
  const ws = fake.sheet('我的审核');
  expect(ws.get(4, 1)).toBeUndefined();
  expect(ws.get(2, 1)?.value).toBe('No.');
  expect(fake.sheetNames().filter((n) => n.includes('审核') || n === 'Review')).toEqual(['我的审核']);
});

test('a user sheet called 审核结果 is never touched', async () => {
  const fake = createFakeExcel({ sheets: ['审核结果'] });
  await fake.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('审核结果').getRange('A1').values = [['用户自己的表']];
  });
  const r = await writeReviewSheet(fake.host, [issue(1)]);
  expect(r.sheet).toBe('审核结果 (2)');
  expect(fake.cell('审核结果', 'A1')?.value).toBe('用户自己的表');
  expect(fake.model.findName(REVIEW_NAME)?.sheet?.name).toBe('审核结果 (2)');
});

test('a deleted review sheet is recreated (its #REF! name replaced)', async () => {
  const fake = createFakeExcel();
  await writeReviewSheet(fake.host, [issue(1)]);
  await fake.run(async (ctx) => ctx.workbook.worksheets.getItem('审核结果').delete());
  const r = await writeReviewSheet(fake.host, [issue(1)]);
  expect(r).toMatchObject({ sheet: '审核结果', refreshed: false });
});

test('2 syncs for 10 or 5,000 issues', async () => {
  const counts: number[] = [];
  for (const n of [10, 5000]) {
    const fake = createFakeExcel();
    await writeReviewSheet(fake.host, Array.from({ length: n }, (_, i) => issue(i)));
    counts.push(fake.syncCount);
    expect(fake.sheet('审核结果').get(2 + n, 1)?.value).toBe(n);
  }
  expect(counts).toEqual([2, 2]);
});
