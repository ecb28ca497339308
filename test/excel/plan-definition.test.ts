/**
 * 导出计划 / 从工作表导入计划 on the recording fake: every shipped plan written into the open
 * workbook and read back whole, in a constant number of syncs; problems by sheet and cell; the
 * plan kept in the workbook; nothing overwritten.
 */
import { loadShippedPlans } from '../../src/node/seeds';
import { planToDefinition } from '../../src/core/plan-definition';
import { createFakeExcel } from '../../src/excel/fake';
import { readPlanDefinition, readStoredPlan, storePlanInWorkbook, STORED_PLAN_SHEET, writePlanDefinition } from '../../src/excel/plan-definition';
import { ExcelTaskError } from '../../src/excel/errors';

const plans = loadShippedPlans();

test.each(plans.map((p) => [p.id, p] as const))('%s: exported into the workbook and imported back whole, in constant syncs', async (_id, plan) => {
  const fake = createFakeExcel({ sheets: ['Sheet1'] });
  const w = await writePlanDefinition(fake.host, planToDefinition(plan));
  expect(w.syncs).toBe(2);
  expect(fake.syncCount).toBe(2);
  expect(w.warnings).toEqual([]);
  fake.resetLog();
  const r = await readPlanDefinition(fake.host);
  expect(fake.syncCount).toBeLessThanOrEqual(3);
  if (!r.ok) throw new Error(JSON.stringify('issues' in r ? r.issues.slice(0, 5) : r));
  expect(r.plan).toEqual(plan);
});

test('the same two syncs for the smallest and the largest plan', async () => {
  const counts: number[] = [];
  for (const id of ['national-ppph-2020', 'jiaoling-2023-2025']) {
    const fake = createFakeExcel({ sheets: ['Sheet1'] });
    await writePlanDefinition(fake.host, planToDefinition(plans.find((p) => p.id === id)!));
    counts.push(fake.syncCount);
  }
  expect(counts).toEqual([2, 2]);
});

test('lists, notes, text formats and frozen headers are written; existing sheets are never overwritten', async () => {
  const fake = createFakeExcel({ sheets: ['Sheet1'] });
  await writePlanDefinition(fake.host, planToDefinition(null));
  const sheet = fake.sheet('指标');
  expect(sheet.freeze).toEqual({ rows: 2, columns: 2 });
  const header = (key: string) => {
    for (let c = 1; c < 100; c++) if (fake.view('指标', 2, c).value === key) return c;
    throw new Error(key);
  };
  const comparator = fake.view('指标', 3, header('target.comparator'));
  expect(comparator.validation).toBeDefined();
  expect(JSON.stringify(comparator.validation)).toContain('between');
  expect(fake.view('指标', 1, header('target.value')).note).toContain('百分数写 96');
  expect(fake.view('指标', 40, header('id')).numberFormat).toBe('@');
  const again = writePlanDefinition(fake.host, planToDefinition(null));
  await expect(again).rejects.toBeInstanceOf(ExcelTaskError);
  await expect(again).rejects.toMatchObject({ code: 'conflict' });
  expect(fake.sheetNames()).toEqual(['Sheet1', '说明', '计划', '分组', '输入项', '指标', '规则', '均衡', '学段权重']);
});

test('an older Excel without validation or notes still gets the sheets, with warnings', async () => {
  const fake = createFakeExcel({ sheets: ['Sheet1'], apiVersion: '1.7' });
  const w = await writePlanDefinition(fake.host, planToDefinition(plans[0]!));
  expect(w.warnings.map((x) => x.feature).sort()).toEqual(['dataValidation', 'notes']);
  const r = await readPlanDefinition(fake.host);
  expect(r.ok).toBe(true);
});

test('a broken definition in the workbook: every problem by sheet and cell; a workbook without one says so', async () => {
  const fake = createFakeExcel({ sheets: ['Sheet1'] });
  let at: (k: string, row: number) => string = () => '';
  expect(await readPlanDefinition(fake.host)).toEqual({ ok: false, notDefinition: true });
  await writePlanDefinition(fake.host, planToDefinition(plans.find((p) => p.id === 'national-yzjh-2017')!));
  await fake.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('指标');
    const keys = ws.getRange('A2:BZ2').load('values');
    await ctx.sync();
    const col = (k: string) => (keys.values[0] as unknown[]).indexOf(k);
    const letter = (i: number) => (i >= 26 ? String.fromCharCode(64 + Math.floor(i / 26)) : '') + String.fromCharCode(65 + (i % 26));
    ws.getRange(`${letter(col('target.value'))}3`).values = [['四点二']];
    ws.getRange(`${letter(col('target.comparator'))}4`).values = [['至少']];
    ws.getRange(`${letter(col('target.year'))}5`).formulas = [['=2020+5']];
    // typed into a text column, a formula stays text (the columns are formatted @)
    ws.getRange(`${letter(col('note.zh'))}5`).formulas = [['=1+1']];
    at = (k: string, row: number) => `指标!${letter(col(k))}${row}`;
  });
  const r = await readPlanDefinition(fake.host);
  expect(r.ok).toBe(false);
  if (r.ok || !('issues' in r)) throw new Error('expected issues');
  expect(r.issues.map((i) => `${i.sheet}!${i.cell}`)).toEqual(expect.arrayContaining([at('target.value', 3), at('target.comparator', 4), at('target.year', 5)]));
  expect(r.issues).toHaveLength(3);
  expect(r.issues.some((i) => i.message.zh.includes('公式'))).toBe(true);
});

test('the imported plan is kept in the workbook (veryHidden, replaced on the next import) and read back', async () => {
  const fake = createFakeExcel({ sheets: ['Sheet1'] });
  expect(await readStoredPlan(fake.host)).toBeUndefined();
  const jiaoling = plans.find((p) => p.id === 'jiaoling-2023-2025')!;
  expect((await storePlanInWorkbook(fake.host, plans[0]!)).syncs).toBe(2);
  fake.resetLog();
  await storePlanInWorkbook(fake.host, jiaoling);
  expect(fake.syncCount).toBe(2);
  expect(fake.sheetNames().filter((n) => n === STORED_PLAN_SHEET)).toHaveLength(1);
  expect(fake.sheet(STORED_PLAN_SHEET).visibility).toBe('VeryHidden');
  expect(await readStoredPlan(fake.host)).toEqual(jiaoling);
});

test('the import reads only the definition sheets, by name, in the same syncs however large the other sheets are', async () => {
  const jiaoling = plans.find((p) => p.id === 'jiaoling-2023-2025')!;
  const loaded = async (userRows: number) => {
    const fake = createFakeExcel({ sheets: ['Sheet1', '学生名册'] });
    await fake.run(async (ctx) => {
      const rows = Array.from({ length: userRows }, (_, r) => Array.from({ length: 8 }, (_, c) => `第${r + 1}行${c + 1}`));
      ctx.workbook.worksheets.getItem('学生名册').getRange(`A1:H${userRows}`).values = rows;
      await ctx.sync();
    });
    await writePlanDefinition(fake.host, planToDefinition(jiaoling));
    fake.resetLog();
    const r = await readPlanDefinition(fake.host);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.plan).toEqual(jiaoling);
    // Every sheet whose cells or used range were asked for, by the path the proxy was reached through.
    const sheetsTouched = new Set(
      fake.calls
        .filter((c) => c.kind === 'load' && (c.object === 'Range' || c.path.includes('getUsedRange')))
        .map((c) => /getItem\("([^"]*)"\)/.exec(c.path)?.[1] ?? c.path),
    );
    return { syncs: fake.syncCount, sheets: [...sheetsTouched].sort() };
  };
  const small = await loaded(10);
  const large = await loaded(3000);
  const definition = ['计划', '分组', '输入项', '指标', '规则', '均衡', '学段权重'].sort();
  expect(small.sheets).toEqual(definition);
  expect(large.sheets).toEqual(definition);
  expect(small.syncs).toBe(3);
  expect(large.syncs).toBe(3);
});
