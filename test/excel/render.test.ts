/**
 * The Office.js renderer against the recording fake: the sheets it writes equal the spec cell
 * by cell, the number of syncs does not grow with the number of units, user data is never
 * overwritten, a failed insert leaves nothing behind, and an old Excel gets a degraded template
 * with bilingual warnings (or a clear refusal).
 */
import { shippedPlan, shippedPlans } from '../helpers/shipped';
import { buildTemplate, TEMPLATE_KINDS } from '../../src/core/template';
import type { TemplateSpec } from '../../src/core/template/spec';
import { ExcelTaskError } from '../../src/excel/errors';
import { createFakeExcel } from '../../src/excel/fake';
import { insertTemplate } from '../../src/excel/render';
import { balancePlan, failure, fixturePlan, units, unitsSpec, workbookDifferences } from './helpers';

describe('the sheets written equal the spec', () => {
  test.each(TEMPLATE_KINDS)('fixture plan, %s', async (kind) => {
    const spec = buildTemplate(fixturePlan(), { kind, units: kind === 'units' ? ['甲校', '=1+1', '-乙校', '@丙', "'丁", '00123'] : undefined });
    const fake = createFakeExcel();
    const result = await insertTemplate(fake.host, spec);
    expect(workbookDifferences(fake, spec)).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(fake.sheetNames()).toEqual(['Sheet1', ...spec.sheets.map((s) => s.name), spec.hiddenMetadata.sheetName]);
  });

  const cases = shippedPlans().flatMap((plan) => TEMPLATE_KINDS.map((kind) => [plan.id, kind] as const));
  test.each(cases)('shipped plan %s, %s', async (id, kind) => {
    const plan = shippedPlan(id);
    const spec = buildTemplate(plan, { kind, year: 2025, units: kind === 'units' ? units(12) : ['甲校'] .slice(0, kind === 'return' ? 1 : 0) });
    const fake = createFakeExcel();
    await insertTemplate(fake.host, spec);
    expect(workbookDifferences(fake, spec)).toEqual([]);
  });

  test('plan and user text is written as text, never executed or parsed', async () => {
    const names = ['=HYPERLINK("http://x")', '+1', '-1', '@SUM(1)', '00123', '12%', 'TRUE', "'quoted"];
    const spec = buildTemplate(fixturePlan(), { kind: 'units', units: names });
    const fake = createFakeExcel();
    await insertTemplate(fake.host, spec);
    const sheet = fake.sheet(spec.sheets[0].name);
    const texts = [...sheet.cells.values()].filter((c) => typeof c.value === 'string').map((c) => c.value);
    for (const n of names) expect(texts).toContain(n);
    // Every formula in the workbook is one of the spec's formulas.
    const specFormulas = new Set(spec.sheets.flatMap((s) => Object.values(s.cells).map((c) => c.formula)).filter(Boolean));
    for (const s of spec.sheets) {
      for (const c of fake.sheet(s.name).cells.values()) if (c.formula !== undefined) expect(specFormulas).toContain(c.formula);
    }
  });
});

describe('a constant number of syncs', () => {
  test('10 and 1,000 units take the same syncs (2), and the calls do not grow per cell', async () => {
    const runs = await Promise.all(
      [10, 1000].map(async (n) => {
        const fake = createFakeExcel();
        const spec = unitsSpec(n);
        const r = await insertTemplate(fake.host, spec);
        return { n, syncs: fake.syncCount, reported: r.syncs, calls: fake.calls.length, names: spec.definedNames.length, maxRequest: Math.max(...fake.syncs.map((s) => s.requestBytes)) };
      }),
    );
    const [small, large] = runs;
    expect(small.syncs).toBe(2);
    expect(large.syncs).toBe(2);
    expect(large.reported).toBe(2);
    // Calls grow only with the defined names (one per unit, the cell map), not with cells.
    expect(large.calls - small.calls).toBeLessThanOrEqual(large.names - small.names + 20);
    expect(large.maxRequest).toBeLessThan(5 * 1024 * 1024);
  });

  test('a template past the request budget is split into more syncs, never refused', async () => {
    const fake = createFakeExcel();
    const spec = unitsSpec(300);
    await insertTemplate(fake.host, spec, { syncBudget: 64 * 1024 });
    expect(fake.syncCount).toBeGreaterThan(2);
    expect(workbookDifferences(fake, spec)).toEqual([]);
  });

  test('screen updating is suspended where supported', async () => {
    const fake = createFakeExcel();
    await insertTemplate(fake.host, unitsSpec(3));
    expect(fake.callSummary()['Application.suspendScreenUpdatingUntilNextSync']).toBe(1);
  });
});

describe('never overwrites user data', () => {
  test('a builder gets the existing names: inserting twice gives two templates side by side', async () => {
    const { plan, level } = balancePlan();
    const fake = createFakeExcel({ sheets: ['我的数据'] });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('我的数据').getRange('A1:B2').values = [
        ['学校', '人数'],
        ['甲校', 1200],
      ];
    });
    const build = (existing: { sheetNames: string[] }) =>
      buildTemplate(plan, { kind: 'units', units: units(3), level, existingSheetNames: existing.sheetNames });
    const first = await insertTemplate(fake.host, build);
    const second = await insertTemplate(fake.host, build);
    expect(second.sheets[0]).not.toBe(first.sheets[0]);
    expect(second.sheets[0]).toMatch(/\(2\)$/);
    expect(second.metadataSheet).toBe('_edu_meta_2');
    expect(second.definedNames.every((n) => n.startsWith('EDU_T2_'))).toBe(true);
    // The user's sheet is untouched, and the first template is still exactly its spec.
    expect(fake.cell('我的数据', 'B2')?.value).toBe(1200);
    expect(fake.cell('我的数据', 'A1')?.value).toBe('学校');
    expect(fake.sheet('我的数据').cells.size).toBe(4);
    expect(fake.sheetNames().filter((n) => n.startsWith('_edu_meta'))).toEqual(['_edu_meta', '_edu_meta_2']);
  });

  test('a prebuilt spec whose names are taken is refused, and nothing is written', async () => {
    const spec = unitsSpec(3);
    const fake = createFakeExcel({ sheets: [spec.sheets[0].name] });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(spec.sheets[0].name).getRange('A1').values = [['用户的数据']];
    });
    fake.resetLog();
    const err = await failure(insertTemplate(fake.host, spec));
    expect(err.code).toBe('conflict');
    expect(err.text.zh).toContain(spec.sheets[0].name);
    expect(fake.sheetNames()).toEqual([spec.sheets[0].name]);
    expect(fake.cell(spec.sheets[0].name, 'A1')?.value).toBe('用户的数据');
    expect(fake.calls.filter((c) => c.kind !== 'load')).toEqual([]);
  });

  test('onConflict can supply another spec or cancel', async () => {
    const { plan, level } = balancePlan();
    const spec = buildTemplate(plan, { kind: 'units', units: units(2), level });
    const fake = createFakeExcel({ sheets: [spec.sheets[0].name] });
    const asked: string[][] = [];
    const r = await insertTemplate(fake.host, spec, {
      onConflict: (c) => {
        asked.push(c.sheets);
        return buildTemplate(plan, { kind: 'units', units: units(2), level, existingSheetNames: fake.sheetNames() });
      },
    });
    expect(asked).toEqual([[spec.sheets[0].name]]);
    expect(r.sheets[0]).toBe(`${spec.sheets[0].name} (2)`);
    const cancelled = (await failure(insertTemplate(fake.host, spec, { onConflict: () => 'cancel' }))).code;
    expect(cancelled).toBe('cancelled');
  });

  test('a failure half-way removes what this insert created', async () => {
    const spec: TemplateSpec = unitsSpec(2);
    const broken: TemplateSpec = { ...spec, sheets: spec.sheets.map((s, i) => (i === 0 ? { ...s, cells: { ...s.cells, ZZ1: { formula: 'SUM(' } } } : s)) };
    const fake = createFakeExcel();
    const err = await failure(insertTemplate(fake.host, broken));
    expect(err).toBeInstanceOf(ExcelTaskError);
    expect(err.code).toBe('host');
    expect(err.text.zh).toContain('插入模板失败');
    expect(fake.sheetNames()).toEqual(['Sheet1']);
    expect(fake.model.names.size).toBe(0);
  });
});

describe('older Excel', () => {
  test('ExcelApi 1.4: inserted without conditional formats, validation, frozen panes, print setup, with bilingual warnings', async () => {
    const spec = unitsSpec(5);
    const fake = createFakeExcel({ apiVersion: '1.4' });
    const r = await insertTemplate(fake.host, spec);
    const features = r.warnings.map((w) => w.feature).sort();
    expect(features).toEqual(expect.arrayContaining(['conditionalFormats', 'dataValidation', 'freezePanes']));
    for (const w of r.warnings) {
      expect(w.message.zh).toMatch(/ExcelApi 1\.\d+/);
      expect(w.message.en).toMatch(/needs ExcelApi 1\.\d+/);
    }
    const cf = r.warnings.find((w) => w.feature === 'conditionalFormats')!;
    expect(cf.message.zh).toContain('此 Excel 版本不支持状态颜色');
    expect(cf.message.en).toContain('Excel 2019 or later');
    const sheet = fake.sheet(spec.sheets[0].name);
    expect(sheet.conditionalFormats).toEqual([]);
    expect([...sheet.cells.values()].some((c) => c.validation)).toBe(false);
    // The content itself is complete.
    const first = spec.sheets[0];
    for (const [address, c] of Object.entries(first.cells)) {
      if (c.formula) expect(fake.cell(first.name, address)?.formula).toBe(c.formula);
    }
    expect(fake.callSummary()['Application.suspendScreenUpdatingUntilNextSync']).toBeUndefined();
  });

  test('below ExcelApi 1.4 the insert is refused with a message naming the Excel needed', async () => {
    const fake = createFakeExcel({ apiVersion: '1.3' });
    const err = await failure(insertTemplate(fake.host, unitsSpec(2)));
    expect(err.code).toBe('requirement');
    expect(err.text.zh).toBe('此 Excel 版本不支持插入模板（需要 ExcelApi 1.4：Excel 2019 或更高版本、Microsoft 365 或网页版 Excel）');
    expect(err.text.en).toContain('needs ExcelApi 1.4');
    expect(fake.syncCount).toBe(0);
  });

  test('a password needs ExcelApi 1.7: protected without it, with a warning', async () => {
    const spec = unitsSpec(2, { password: 'secret' });
    const fake = createFakeExcel({ apiVersion: '1.6' });
    const r = await insertTemplate(fake.host, spec);
    expect(r.warnings.map((w) => w.feature)).toContain('protectionPassword');
    expect(fake.sheet(spec.sheets[0].name).protection).toMatchObject({ protected: true, password: undefined });
    const current = createFakeExcel();
    await insertTemplate(current.host, spec);
    expect(current.sheet(spec.sheets[0].name).protection).toMatchObject({ protected: true, password: 'secret' });
  });
});

test('a bare context inside the caller’s own Excel.run works too', async () => {
  const fake = createFakeExcel();
  const spec = unitsSpec(2);
  await fake.run((ctx) => insertTemplate(ctx, spec, { isSetSupported: (n, v) => fake.isSetSupported(n, v) }));
  expect(workbookDifferences(fake, spec)).toEqual([]);
});
