/**
 * Expected formula cells of a unit table are rebuilt from two unit rows and stretched (see
 * template-cells.ts): they must equal, cell for cell, what a full build of the template holds.
 */
import { shippedPlan } from '../../helpers/shipped';
import { buildTemplate } from '../../../src/core/template/build';
import type { TemplateOptions } from '../../../src/core/template/options';
import { findTemplates } from '../../../src/core/workbook/cellmap';
import { a1 } from '../../../src/core/workbook/address';
import type { Plan } from '../../../src/core/plan/schema';
import { loadShippedPlans } from '../../../src/node/seeds';
import { expectedCells, formulaOf } from '../../../src/core/validate/template-cells';
import { validationPlan } from './fixtures';
import { parsePlan, specToGrid } from './helpers';

function compare(plan: Plan, options: TemplateOptions): void {
  const spec = buildTemplate(plan, { includeOverview: false, ...options });
  const t = findTemplates(specToGrid(spec)).templates[0]!;
  const expected = expectedCells(plan, t)!;
  expect(expected).toBeDefined();
  const want = new Map<string, string>();
  const sheet = spec.sheets.find((s) => s.kind === spec.meta.kind)!;
  for (const [address, cell] of Object.entries(sheet.cells)) if (cell.formula !== undefined && cell.role !== 'input') want.set(address, cell.formula);
  const got = new Map(expected.cells.map((e) => [a1(e.row, e.col), formulaOf(e)]));
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [address, formula] of want) expect(got.get(address)).toBe(formula);
  // Every indicator of every unit has its value cell (one judged per stage has one per stage: its formula cells are checked above).
  const single = spec.meta.indicators.filter((id) => !Object.values(sheet.cells).some((c) => c.tag?.indicator === id && c.tag.level));
  expect([...expected.valueCells.values()].reduce((n, byUnit) => n + byUnit.size, 0)).toBe(spec.meta.units.length * single.length);
}

const fixture = parsePlan(validationPlan());

test.each([1, 2, 3, 7])('a unit table of %i named units', (n) => {
  compare(fixture, { kind: 'units', units: Array.from({ length: n }, (_, i) => `第${i + 1}园`), year: 2025 });
});

test('a unit table the filler names', () => {
  compare(fixture, { kind: 'units', emptyRows: 9, year: 2025 });
});

test('a 优质均衡 unit table (balance columns, 差异系数 summary)', () => {
  const plan = shippedPlan('national-yzjh-2017');
  compare(plan, { kind: 'units', units: ['甲校', '乙校', '丙校', '丁校', '戊校'], level: '小学', year: 2025 });
});

test('a return', () => {
  compare(fixture, { units: ['甲园'], year: 2025 });
});

test.each(loadShippedPlans().map((p) => [p.id, p] as const))('every shipped plan: %s (return and unit table)', (_id, plan) => {
  for (const level of [undefined, '小学', '初中']) {
    try {
      buildTemplate(plan, { level });
    } catch {
      continue;
    }
    compare(plan, { units: ['甲'], level, year: plan.period.to });
    try {
      buildTemplate(plan, { kind: 'units', units: ['甲', '乙'], level });
    } catch {
      return;
    }
    compare(plan, { kind: 'units', units: ['甲', '乙', '丙', '丁'], level, year: plan.period.to });
    return;
  }
});
