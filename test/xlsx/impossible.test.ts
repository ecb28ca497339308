/**
 * Impossible values are never 达标, progress is never negative, a missed 约束性 target says so —
 * recalculated by LibreOffice from a 阳江 return filled with such values, and compared with `eval`'s
 * core (evaluate) on the same numbers.
 */
import { loadShippedPlans } from '../../src/node/seeds';
import { evaluate } from '../../src/core/evaluate/evaluate';
import type { Plan } from '../../src/core/plan/schema';
import { buildTemplate } from '../../src/core/template/build';
import type { TemplateSpec } from '../../src/core/template/spec';
import { findSheet, gridValueAt, isGridError, type SheetGrid } from '../../src/core/workbook/grid';
import { fillWorkbook } from '../../src/xlsx/fill';
import { readWorkbookGrid } from '../../src/xlsx/read';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { describeWithSoffice, recalculate } from '../helpers/libreoffice';

const yangjiang = (): Plan => loadShippedPlans().find((p) => p.id === 'yangjiang-2021-2025')!;
const indicator = (p: Plan, id: string) => p.sections.flatMap((s) => s.indicators).find((i) => i.id === id)!;

describe('the core decides impossible, binding and regressed values once, for eval and the templates', () => {
  const p = yangjiang();
  test('a net rate above 100 % is 数据有误 (never 达标), with no gap or achievement', () => {
    const e = evaluate(indicator(p, 'primary-teachers-bachelor-share'), 150, { year: 2025 });
    expect(e.invalid).toBe(true);
    expect(e.statusLabel.zh).toBe('数据有误');
    expect(e.gap).toBeNull();
    expect(e.achievement).toBeNull();
    // A gross ratio may exceed 100.
    expect(evaluate(indicator(p, 'preschool-gross-enrolment-rate'), 112, { year: 2025 }).statusLabel.zh).toBe('达标');
  });
  test('moving away from the target since the baseline is 0 and flagged, never −3207.7 %', () => {
    const e = evaluate(indicator(p, 'kg-teachers-junior-college-share'), 40, { year: 2025 });
    expect(e.achievement).toBe(0);
    expect(e.regressed).toBe(true);
  });
  test('a missed 约束性 target has its own text', () => {
    expect(evaluate(indicator(p, 'compulsory-retention-rate'), 50, { year: 2025 }).statusLabel.zh).toBe('未达标（约束性）');
    expect(evaluate(indicator(p, 'kg-teachers-junior-college-share'), 50, { year: 2025 }).statusLabel.zh).toBe('未达标');
  });
});

describeWithSoffice('impossible inputs recalculated in LibreOffice', () => {
  const p = yangjiang();
  let spec: TemplateSpec;
  let sheet: SheetGrid;
  const inputs: Record<string, number> = {
    // part > total: 150 bachelor-or-above teachers of 100.
    'primary-teachers': 100,
    'primary-teachers-bachelor-plus': 150,
    // moved away from the baseline 81.7 % (target 83 %).
    'kg-teachers': 100,
    'kg-teachers-junior-college-plus': 40,
    // 约束性 巩固率 ≥ 96 %: 50 %.
    'grade9-graduating-cohort': 50,
    'grade1-entrants-of-cohort': 100,
  };

  beforeAll(async () => {
    spec = buildTemplate(p, { kind: 'return', reporter: 'county', year: 2025, units: ['蕉城区'] });
    const records = Object.entries(inputs).map(([input, v], i) => ({ line: i + 2, unit: '', input, value: String(v) }));
    const filled = await fillWorkbook(await renderTemplateBuffer(spec), records, () => p);
    expect(filled.plan.problems).toEqual([]);
    const out = await recalculate([{ name: 'impossible.xlsx', bytes: filled.bytes }]);
    sheet = findSheet(await readWorkbookGrid(out.get('impossible.xlsx')!), spec.sheets[0].name)!;
  }, 240_000);

  const cell = (what: string, id: string) => {
    const hit = Object.entries(spec.sheets[0].cells).find(([, c]) => c.tag?.what === what && c.tag.indicator === id);
    if (!hit) throw new Error(`no ${what} cell for ${id}`);
    return gridValueAt(sheet, hit[0]);
  };

  test('part > total: 数据有误, no gap, no achievement — and the input cells are highlighted', () => {
    expect(cell('status', 'primary-teachers-bachelor-share')).toBe('数据有误');
    expect(cell('gap', 'primary-teachers-bachelor-share')).toBeNull();
    expect(cell('achievement', 'primary-teachers-bachelor-share')).toBeNull();
    const cf = spec.sheets[0].conditionalFormats.filter((f) => f.style === 'input-invalid');
    const addressOf = (input: string) => spec.hiddenMetadata.rows.find((r) => r[0] === 'cell' && r[2] === input)!.at(-1)!;
    // Both the part's and the total's own cell carry the rule.
    const part = addressOf('primary-teachers-bachelor-plus');
    const total = addressOf('primary-teachers');
    expect(cf.map((f) => f.range)).toEqual(expect.arrayContaining([part, total]));
    expect(cf.find((f) => f.range === part)!.formula).toBe(`AND(COUNT(${part},${total})=2,${part}>${total})`);
  });

  test('moved away from the baseline: 较基期倒退, never a negative percentage', () => {
    expect(cell('achievement', 'kg-teachers-junior-college-share')).toBe('较基期倒退');
    for (const [address, c] of Object.entries(spec.sheets[0].cells)) {
      if (c.tag?.what !== 'achievement') continue;
      const v = gridValueAt(sheet, address);
      if (typeof v === 'number') expect([address, v >= 0 && v <= 100]).toEqual([address, true]);
    }
  });

  test('a missed 约束性 target: 未达标（约束性）', () => {
    expect(cell('status', 'compulsory-retention-rate')).toBe('未达标（约束性）');
  });

  test('no status is 达标 for an impossible value, and no error value anywhere', () => {
    for (const row of sheet.values) for (const v of row ?? []) expect(isGridError(v)).toBe(false);
    expect(cell('status', 'primary-teachers-bachelor-share')).not.toBe('达标');
  });
});
