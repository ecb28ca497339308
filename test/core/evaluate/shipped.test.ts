/**
 * A few checks against the shipped plans: the same hand-computed answers as the fixtures give.
 * The plans and indicators are required (seeds/catalog-ids.json): a missing one fails here.
 */
import { evaluate, resolveTarget } from '../../../src/core/evaluate';
import { balancedSchool } from '../../../src/core/balance';
import { shippedIndicator, shippedPlan } from '../../helpers/shipped';

test('阳江 巩固率 98.7 → ≥ 96 is a floor', () => {
  const { plan, indicator } = shippedIndicator('yangjiang-2021-2025', 'compulsory-retention-rate');
  expect(indicator.baseline).toBeDefined();
  expect(evaluate(indicator, 97, { plan })).toMatchObject({ status: 'met', gap: 0, achievement: 100 });
  const low = evaluate(indicator, 95.5, { plan });
  expect(low.gap).toBe(0.5);
  expect(low.achievement).toBe(99.5); // 100 × (1 − 0.5/96)
  expect(evaluate(indicator, 96.5, { plan, year: 2023 }).onTrack).toMatchObject({ flat: true, expected: 96, onTrack: true });
});

test('阳江 毛入园率 may exceed 100', () => {
  const gross = shippedIndicator('yangjiang-2021-2025', 'preschool-gross-enrolment-rate');
  expect(evaluate(gross.indicator, 103.4, { plan: gross.plan })).toMatchObject({ status: 'met', gap: 0 });
});

test('阳江 高中阶段毛入学率 > 95 is strict', () => {
  const hs = shippedIndicator('yangjiang-2021-2025', 'senior-secondary-gross-enrolment-rate');
  expect(evaluate(hs.indicator, 95, { plan: hs.plan }).gap).toBeGreaterThan(0);
  expect(evaluate(hs.indicator, 96, { plan: hs.plan }).status).toBe('met');
});

test('national B1: 小学 ≥ 4.2, 初中 ≥ 5.3', () => {
  const b1 = shippedIndicator('national-yzjh-2017', 'b1');
  const at = (level: '小学' | '初中') => {
    const r = resolveTarget(b1.indicator, { level });
    return r.ok ? r.value.threshold : null;
  };
  expect(at('小学')).toEqual({ op: '>=', value: 4.2 });
  expect(at('初中')).toEqual({ op: '>=', value: 5.3 });
});

test('national plan balance rule gives the same answers as the built-in standard', () => {
  const national = shippedPlan('national-yzjh-2017');
  expect(national.balance).toBeDefined();
  const cases: number[][] = [
    [4.5, 1.2, 0.8, 5, 8, 2100, 2.5], // B3 below 0.9 but above 0.765 → balanced
    [4.5, 1.2, 0.7, 5, 8, 2100, 2.5], // B3 below 85 % → not
    [4.0, 1.2, 0.8, 5, 8, 2100, 2.5], // two below → not
  ];
  for (const values of cases) {
    expect(balancedSchool(values, '小学', national).balanced).toBe(balancedSchool(values, '小学').balanced);
  }
});

test('national B15 教师工资 ≥ 公务员工资 (relative)', () => {
  const pay = shippedIndicator('national-yzjh-2017', 'b15');
  expect(pay.indicator.targets[0]?.comparator).toBe('relative');
  expect(evaluate(pay.indicator, 100000, { plan: pay.plan, reference: 98000 }).status).toBe('met');
  expect(evaluate(pay.indicator, 100000, { plan: pay.plan }).status).toBe('noData');
});

test('广东百千万: an xx% placeholder is 目标未定', () => {
  const bqw = shippedPlan('guangdong-bqw-2023-2027');
  const placeholder = bqw.sections
    .flatMap((s) => s.indicators)
    .find((i) => i.targets.some((t) => (t.comparator === '>=' || t.comparator === 'count') && t.value === null));
  expect(placeholder).toBeDefined();
  expect(evaluate(placeholder!, 50, { plan: bqw }).status).toBe('unknownTarget');
});
