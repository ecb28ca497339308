/**
 * A few checks against the shipped plans, each guarded by the plan and indicator existing (the
 * catalog is written in parallel): the same hand-computed answers as the fixtures give.
 */
import * as fs from 'fs';
import { shippedPlanFiles } from '../../../src/node/seeds';
import { parsePlanText } from '../../../src/core/plan/parse';
import { findIndicator } from '../../../src/core/plan/registry';
import type { Indicator, Plan } from '../../../src/core/plan/schema';
import { evaluate, resolveTarget } from '../../../src/core/evaluate';
import { balancedSchool } from '../../../src/core/balance';

const plans = new Map<string, Plan>();
for (const file of shippedPlanFiles()) {
  const r = parsePlanText(fs.readFileSync(file, 'utf8'));
  if (r.ok) plans.set(r.plan.id, r.plan);
}

function find(planId: string, indicatorId: string): { plan: Plan; indicator: Indicator } | undefined {
  const plan = plans.get(planId);
  const ref = plan && findIndicator(plan, indicatorId);
  return plan && ref ? { plan, indicator: ref.indicator } : undefined;
}

const maybe = (cond: unknown) => (cond ? test : test.skip);

const retention = find('yangjiang-2021-2025', 'compulsory-retention-rate');
maybe(retention?.indicator.baseline)('阳江 巩固率 98.7 → ≥ 96 is a floor', () => {
  const { plan, indicator } = retention!;
  expect(evaluate(indicator, 97, { plan })).toMatchObject({ status: 'met', gap: 0, achievement: 100 });
  const low = evaluate(indicator, 95.5, { plan });
  expect(low.gap).toBe(0.5);
  expect(low.achievement).toBe(99.5); // 100 × (1 − 0.5/96)
  expect(evaluate(indicator, 96.5, { plan, year: 2023 }).onTrack).toMatchObject({ flat: true, expected: 96, onTrack: true });
});

const gross = find('yangjiang-2021-2025', 'preschool-gross-enrolment-rate');
maybe(gross)('阳江 毛入园率 may exceed 100', () => {
  expect(evaluate(gross!.indicator, 103.4, { plan: gross!.plan })).toMatchObject({ status: 'met', gap: 0 });
});

const hs = find('yangjiang-2021-2025', 'senior-secondary-gross-enrolment-rate');
maybe(hs)('阳江 高中阶段毛入学率 > 95 is strict', () => {
  expect(evaluate(hs!.indicator, 95, { plan: hs!.plan }).gap).toBeGreaterThan(0);
  expect(evaluate(hs!.indicator, 96, { plan: hs!.plan }).status).toBe('met');
});

const b1 = find('national-yzjh-2017', 'b1');
maybe(b1)('national B1: 小学 ≥ 4.2, 初中 ≥ 5.3', () => {
  const at = (level: '小学' | '初中') => {
    const r = resolveTarget(b1!.indicator, { level });
    return r.ok ? r.value.threshold : null;
  };
  expect(at('小学')).toEqual({ op: '>=', value: 4.2 });
  expect(at('初中')).toEqual({ op: '>=', value: 5.3 });
});

const national = plans.get('national-yzjh-2017');
maybe(national?.balance)('national plan balance rule gives the same answers as the built-in standard', () => {
  const cases: number[][] = [
    [4.5, 1.2, 0.8, 5, 8, 2100, 2.5], // B3 below 0.9 but above 0.765 → balanced
    [4.5, 1.2, 0.7, 5, 8, 2100, 2.5], // B3 below 85 % → not
    [4.0, 1.2, 0.8, 5, 8, 2100, 2.5], // two below → not
  ];
  for (const values of cases) {
    expect(balancedSchool(values, '小学', national!).balanced).toBe(balancedSchool(values, '小学').balanced);
  }
});

const pay = find('national-yzjh-2017', 'b15');
maybe(pay?.indicator.targets[0]?.comparator === 'relative')('national B15 教师工资 ≥ 公务员工资 (relative)', () => {
  expect(evaluate(pay!.indicator, 100000, { plan: pay!.plan, reference: 98000 }).status).toBe('met');
  expect(evaluate(pay!.indicator, 100000, { plan: pay!.plan }).status).toBe('noData');
});

const bqw = plans.get('guangdong-bqw-2023-2027');
const placeholder = bqw
  ?.sections.flatMap((s) => s.indicators)
  .find((i) => i.targets.some((t) => (t.comparator === '>=' || t.comparator === 'count') && t.value === null));
maybe(placeholder)('广东百千万: an xx% placeholder is 目标未定', () => {
  expect(evaluate(placeholder!, 50, { plan: bqw! }).status).toBe('unknownTarget');
});
