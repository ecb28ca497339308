/**
 * The definition workbook as a real .xlsx: every shipped plan round-trips through ExcelJS bytes
 * and the grid reader; the file has its list validations, notes and text formats; and after
 * LibreOffice opens and re-saves it (a real spreadsheet program) the plan still reads back whole.
 */
import ExcelJS from 'exceljs';
import { planToDefinition, formatDefinitionIssue } from '../../src/core/plan-definition';
import { loadShippedPlans } from '../../src/node/seeds';
import { readDefinition, renderDefinitionBuffer } from '../../src/xlsx/plan-definition';
import { describeWithSoffice, recalculate } from '../helpers/libreoffice';

const plans = loadShippedPlans();

test.each(plans.map((p) => [p.id, p] as const))('%s: JSON → .xlsx → JSON is lossless', async (_id, plan) => {
  const bytes = await renderDefinitionBuffer(planToDefinition(plan));
  const r = await readDefinition(bytes);
  if (!r.ok) throw new Error(r.issues.map((i) => formatDefinitionIssue(i)).join('\n'));
  expect(r.plan).toEqual(plan);
});

test('the file carries list validations for closed vocabularies, Chinese header notes and text-formatted id columns', async () => {
  const yzjh = plans.find((p) => p.id === 'national-yzjh-2017')!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderDefinitionBuffer(planToDefinition(yzjh))) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '计划', '分组', '输入项', '指标', '规则', '均衡', '学段权重']);
  const ws = wb.getWorksheet('指标')!;
  const keys = (ws.getRow(2).values as unknown[]).slice(1);
  const col = (key: string) => keys.indexOf(key) + 1;
  const dv = (key: string) => ws.getCell(3, col(key)).dataValidation;
  expect(dv('target.comparator')).toMatchObject({ type: 'list', formulae: ['">=,>,<=,<,=,between,relative,bool,count"'] });
  expect(dv('attribute')).toMatchObject({ type: 'list', formulae: ['"约束性,预期性"'] });
  expect(dv('section').formulae[0]).toMatch(/^'?分组'?!\$A\$3:\$A\$\d+$/);
  expect(String(ws.getCell(1, col('target.value')).note)).toContain('百分数写 96');
  expect(ws.getColumn(col('id')).numFmt).toBe('@');
  expect(ws.getCell(3, col('code')).value).toBe('B1');
});

test('text that looks like a formula is written as text and read back as that text', async () => {
  const plan = structuredClone(plans.find((p) => p.id === 'national-ppph-2020')!);
  plan.sections[0]!.indicators[0]!.note = { zh: '=HYPERLINK("http://evil","点我")', en: '+1 -1 @x' };
  const bytes = await renderDefinitionBuffer(planToDefinition(plan));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('指标')!;
  let formulas = 0;
  ws.eachRow((row) => row.eachCell((c) => void (c.formula ? formulas++ : 0)));
  expect(formulas).toBe(0);
  const r = await readDefinition(bytes);
  expect(r.ok && r.plan.sections[0]!.indicators[0]!.note).toEqual({ zh: '=HYPERLINK("http://evil","点我")', en: '+1 -1 @x' });
});

test('an oversized file is refused before it is opened', async () => {
  await expect(readDefinition(new Uint8Array(6 * 1024 * 1024))).rejects.toThrow(/过大|too large/);
});

describeWithSoffice('LibreOffice', () => {
  test('opens the exported 蕉岭 definition and the template, re-saves them, and the plan reads back whole', async () => {
    const jiaoling = plans.find((p) => p.id === 'jiaoling-2023-2025')!;
    const out = await recalculate([
      { name: 'jiaoling.xlsx', bytes: await renderDefinitionBuffer(planToDefinition(jiaoling)) },
      { name: 'template.xlsx', bytes: await renderDefinitionBuffer(planToDefinition(null)) },
    ]);
    const r = await readDefinition(out.get('jiaoling.xlsx')!);
    if (!r.ok) throw new Error(r.issues.map((i) => formatDefinitionIssue(i)).join('\n'));
    expect(r.plan).toEqual(jiaoling);
    const t = await readDefinition(out.get('template.xlsx')!);
    expect(t.ok).toBe(false);
  }, 240_000);
});
