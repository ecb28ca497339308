/**
 * Validation decides each value's status from a threshold and band worked out once per
 * indicator; it must always equal the core's `evaluate` (the one definition of the rule).
 */
import fc from 'fast-check';
import { evaluate } from '../../../src/core/evaluate';
import type { Coerced } from '../../../src/core/coerce';
import { loadShippedPlans } from '../../../src/node/seeds';
import { planIndicator, statusFor } from '../../../src/core/validate/indicators';
import type { Level } from '../../../src/core/plan/schema';
import { validationPlan } from './fixtures';
import { parsePlan } from './helpers';

const plans = [parsePlan(validationPlan()), ...loadShippedPlans()];
const cases = plans.flatMap((plan) =>
  plan.sections.flatMap((s) =>
    s.indicators.flatMap((ind) =>
      ([undefined, '小学', '初中'] as Array<Level | undefined>).flatMap((level) =>
        [undefined, plan.period.from, plan.period.to].map((year) => ({ plan, ind, level, year })),
      ),
    ),
  ),
);

test('the status of every value equals evaluate(), for every indicator of every plan', () => {
  expect(cases.length).toBeGreaterThan(100);
  fc.assert(
    fc.property(
      fc.constantFrom(...cases),
      fc.oneof(fc.double({ min: -10, max: 3000, noNaN: true }), fc.integer({ min: 0, max: 200 }), fc.constantFrom(0, 1, 4.2, 4.195, 95, 95.05, 99.95, 100, 0.45, 0.5)),
      fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: undefined }),
      ({ plan, ind, level, year }, value, reference) => {
        const p = planIndicator(ind, plan, year, level);
        const coerced: Record<string, Coerced> = {};
        if (p.referenceInput && reference !== undefined) coerced[p.referenceInput] = { kind: 'number', value: reference, normalized: false };
        const ctx = { plan, year, level, valueCell: () => undefined, withStatus: true };
        const mine = statusFor(p, { kind: 'number', value }, coerced, ctx);
        const theirs = evaluate(ind, { kind: 'number', value, normalized: false }, { plan, year, level, reference: p.referenceInput ? coerced[p.referenceInput] : undefined }).status;
        expect(mine).toBe(theirs);
        const missing = statusFor(p, { kind: 'missing', inputs: [] }, coerced, ctx);
        expect(missing).toBe(evaluate(ind, { kind: 'missing', code: 'blank' }, { plan, year, level, reference: p.referenceInput ? coerced[p.referenceInput] : undefined }).status);
      },
    ),
    { numRuns: 3000 },
  );
});
