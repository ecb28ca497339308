/**
 * The preview computes what LibreOffice computes. The same templates (a return of every shipped
 * plan, the 优质均衡 and 蕉岭 unit tables) and the same county summary are (1) written as .xlsx,
 * filled through `fill` and recalculated by LibreOffice headless, and (2) inserted into the fake
 * workbook with the add-in's own insert, given the very input values LibreOffice's file holds,
 * and computed by the preview's evaluator (formulajs behind src/excel/fake/formula.ts). EVERY
 * formula cell must show the same value, error or text in both.
 */
import type { Plan } from '../../src/core/plan/schema';
import { buildSummarySpecs, consolidate } from '../../src/core/consolidate';
import { buildTemplate } from '../../src/core/template/build';
import type { TemplateOptions } from '../../src/core/template/options';
import type { TemplateSpec } from '../../src/core/template/spec';
import { a1ToRowCol } from '../../src/core/workbook/address';
import { findSheet, gridValueAt, isGridError, type GridValue, type WorkbookGrid } from '../../src/core/workbook/grid';
import type { FillRecord } from '../../src/core/fill/csv';
import { insertSummary } from '../../src/excel/consolidate';
import { createFakeExcel, type FakeExcel } from '../../src/excel/fake';
import { insertTemplate } from '../../src/excel/render';
import { fillWorkbook } from '../../src/xlsx/fill';
import { readWorkbookGrid } from '../../src/xlsx/read';
import { renderTemplateBuffer, renderTemplatesBuffer } from '../../src/xlsx/render';
import { plans as countyPlans, yzjh } from '../core/consolidate/county';
import { generatedReads } from '../core/consolidate/generate';
import { describeWithSoffice, recalculate } from '../helpers/libreoffice';
import { shippedPlan, shippedPlans } from '../helpers/shipped';
import { rng, unitInputs } from '../helpers/template-inputs';

interface TemplateCase {
  name: string;
  plan: Plan;
  options: TemplateOptions;
}

function cases(): TemplateCase[] {
  const out: TemplateCase[] = shippedPlans().map((plan) => ({
    name: `${plan.id}-return`,
    plan,
    options: { kind: 'return', level: plan.balance ? '小学' : undefined, year: 2025, units: ['测试单位'] },
  }));
  const units = ['甲校', '乙校', '丙校', '丁校', '戊校', '己校', '=庚校', '辛校'];
  out.push({ name: 'yzjh-units-primary', plan: shippedPlan('national-yzjh-2017'), options: { kind: 'units', level: '小学', year: 2025, units } });
  out.push({ name: 'yzjh-units-junior-en', plan: shippedPlan('national-yzjh-2017'), options: { kind: 'units', level: '初中', lang: 'en', units } });
  out.push({ name: 'jiaoling-units', plan: shippedPlan('jiaoling-2023-2025'), options: { kind: 'units', year: 2025, units } });
  return out;
}

function records(spec: TemplateSpec, plan: Plan, seed: number): FillRecord[] {
  const r = rng(seed);
  const out: FillRecord[] = [];
  const names = spec.meta.kind === 'return' ? [''] : spec.meta.units;
  names.forEach((unit) => {
    for (const [input, v] of Object.entries(unitInputs(plan, spec.meta.inputs, r))) {
      if (v !== null && v !== undefined) out.push({ line: out.length + 2, unit, input, value: String(v) });
    }
  });
  return out;
}

/** What a user would type to enter a value LibreOffice's file holds (text that looks like a formula stays text). */
function typed(v: Exclude<GridValue, null>): string {
  if (isGridError(v)) return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(v);
  return /^[=+\-@']/.test(v) || /^[\d.,%\s-]+$/.test(v) ? `'${v}` : v;
}

/** Every formula cell of the specs, LibreOffice's value beside the preview's; returns the differences. */
function differences(label: string, specs: readonly TemplateSpec[], grid: WorkbookGrid, fake: FakeExcel): { diffs: string[]; compared: number } {
  const diffs: string[] = [];
  let compared = 0;
  for (const spec of specs) {
    for (const sheet of spec.sheets) {
      const g = findSheet(grid, sheet.name);
      if (!g) {
        diffs.push(`${label}: LibreOffice has no sheet ${sheet.name}`);
        continue;
      }
      for (const [address, cell] of Object.entries(sheet.cells)) {
        if (cell.formula === undefined) continue;
        const { row, col } = a1ToRowCol(address);
        const lo = gridValueAt(g, address);
        const view = fake.view(sheet.name, row, col);
        const preview: GridValue = view.error ? { error: view.error } : view.value === '' ? null : view.value;
        compared++;
        const same =
          isGridError(lo) || isGridError(preview)
            ? isGridError(lo) && isGridError(preview) && lo.error === preview.error
            : typeof lo === 'number' && typeof preview === 'number'
              ? Math.abs(lo - preview) <= 1e-9 * Math.max(1, Math.abs(lo))
              : (lo ?? '') === (preview ?? '');
        if (!same) diffs.push(`${label} ${sheet.name}!${address}: LibreOffice ${JSON.stringify(lo)} ≠ preview ${JSON.stringify(preview)}  [=${cell.formula.slice(0, 140)}]`);
      }
    }
  }
  return { diffs, compared };
}

describeWithSoffice('the preview computes what LibreOffice computes', () => {
  const built: Array<{ name: string; specs: TemplateSpec[]; fake: FakeExcel; grid?: WorkbookGrid }> = [];

  beforeAll(async () => {
    const files: Array<{ name: string; bytes: Uint8Array }> = [];
    for (const [i, c] of cases().entries()) {
      const spec = buildTemplate(c.plan, c.options);
      const filled = await fillWorkbook(await renderTemplateBuffer(spec), records(spec, c.plan, 101 + i), () => c.plan);
      files.push({ name: `${c.name}.xlsx`, bytes: filled.bytes });
      const fake = createFakeExcel({ sheets: ['Sheet1'] });
      await insertTemplate(fake.host, spec);
      built.push({ name: c.name, specs: [spec], fake });
    }
    // A county summary as the pane writes it (汇总 SUMIFS over 明细, 差异系数 per stage, 上报 returns).
    const summary = consolidate(generatedReads(12), countyPlans);
    const specs = buildSummarySpecs(summary, yzjh, { region: '某县' });
    files.push({ name: 'summary.xlsx', bytes: await renderTemplatesBuffer(specs) });
    const fake = createFakeExcel({ sheets: ['Sheet1'] });
    await insertSummary(fake.host, summary, yzjh, { region: '某县' });
    built.push({ name: 'summary', specs, fake });

    const out = await recalculate(files);
    for (const b of built) {
      b.grid = await readWorkbookGrid(out.get(`${b.name}.xlsx`)!);
      // The fake gets exactly the inputs LibreOffice's file holds.
      for (const spec of b.specs) {
        for (const sheet of spec.sheets) {
          const g = findSheet(b.grid, sheet.name)!;
          for (const [address, cell] of Object.entries(sheet.cells)) {
            if (cell.role !== 'input') continue;
            const v = gridValueAt(g, address);
            if (v !== null) expect(b.fake.typeInto(sheet.name, address, typed(v), { paste: true }).ok).toBe(true);
          }
        }
      }
    }
  }, 600_000);

  test('every formula cell of every template and of the summary shows the same in both', () => {
    const all: string[] = [];
    let compared = 0;
    for (const b of built) {
      const { diffs, compared: n } = differences(b.name, b.specs, b.grid!, b.fake);
      all.push(...diffs);
      compared += n;
    }
    expect(all.slice(0, 30)).toEqual([]);
    expect(built.map((b) => b.name)).toEqual(expect.arrayContaining(['yzjh-units-primary', 'summary', ...shippedPlans().map((p) => `${p.id}-return`)]));
    expect(compared).toBeGreaterThan(3000);
  });
});
