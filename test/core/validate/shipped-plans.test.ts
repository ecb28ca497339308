/**
 * Every shipped plan: a return (and a unit table) generated from it, filled with consistent
 * numbers, validates with no error and no integrity issue; blanked out, it reports each required
 * input once at its own cell.
 */
import { shippedPlans } from '../../helpers/shipped';
import type { Plan } from '../../../src/core/plan/schema';
import { validate } from '../../../src/core/validate';
import { template, type Filled } from './helpers';


/** Totals and denominators 1000, parts 400, yes/no 是, typed rates 96, other direct values 1. */
function fillClean(plan: Plan, f: Filled, units: number): void {
  const indicators = plan.sections.flatMap((s) => s.indicators);
  const big = new Set([...plan.rules.map((r) => r.total), ...indicators.flatMap((i) => (i.compute.kind === 'ratio' ? i.compute.denominator : []))]);
  for (let u = 1; u <= units; u++) {
    for (const id of f.spec.meta.inputs) {
      const input = plan.inputs.find((i) => i.id === id);
      const direct = indicators.find((i) => i.id === id);
      const value = input
        ? input.kind === 'percent'
          ? 50
          : input.kind === 'boolean'
            ? '是'
            : big.has(id)
              ? 1000 + u
              : 400 + u
        : direct?.kind === 'boolean'
          ? '是'
          : direct?.kind === 'rate' || direct?.kind === 'grossRatio'
            ? 96
            : 1;
      f.set(u, id, value);
    }
  }
}

const INTEGRITY = ['formula-overwritten', 'formula-changed', 'workbook-value-mismatch', 'plan-version-mismatch', 'plan-hash-mismatch', 'template-version-mismatch', 'input-cell-missing', 'unknown-plan', 'not-a-template', 'metadata-invalid'];

describe.each(shippedPlans().map((p) => [p.id, p] as const))('%s', (_id, plan) => {
  test('a consistent return has no error and no integrity issue', () => {
    const f = template(plan, { units: ['某单位'], year: plan.period.to });
    fillClean(plan, f, 1);
    const r = validate(f.book, plan);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.cell}: ${i.message.zh}`)).toEqual([]);
    expect(r.issues.filter((i) => INTEGRITY.includes(i.code))).toEqual([]);
    expect(r.values.length).toBe(f.spec.meta.indicators.length);
  });

  test('a blank return: each required input once, at its own cell', () => {
    const f = template(plan, { units: ['某单位'], year: plan.period.to });
    const r = validate(f.book, plan);
    const required = r.issues.filter((i) => i.code === 'required-missing');
    expect(new Set(required.map((i) => i.cell)).size).toBe(required.length);
    for (const i of required) expect(f.at(1, i.input!).address).toBe(i.cell);
    expect(r.issues.filter((i) => i.code !== 'required-missing')).toEqual([]);
  });

  test('a consistent unit table has no error and no integrity issue', () => {
    const f = template(plan, { kind: 'units', units: ['甲', '乙', '丙'], year: plan.period.to });
    fillClean(plan, f, 3);
    const r = validate(f.book, plan);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.cell}: ${i.message.zh}`)).toEqual([]);
    expect(r.issues.filter((i) => INTEGRITY.includes(i.code))).toEqual([]);
  });
});
