/** Names wherever an id is asked: plans by id, region short name or title; indicators by id, code or Chinese name. */
import { resolveIndicator, resolvePlan } from '../../src/core/plan/resolve';
import { loadShippedPlans } from '../../src/node/seeds';

const plans = loadShippedPlans();
const plan = (q: string) => {
  const r = resolvePlan(plans, q);
  if (!r.ok) throw new Error(r.message.zh);
  return r.value.id;
};
const ind = (planQ: string, q: string) => {
  const p = plans.find((x) => x.id === plan(planQ))!;
  const r = resolveIndicator(p, q);
  if (!r.ok) throw new Error(r.message.zh);
  return r.value.indicator.id;
};

test('a plan by id, region short name, region, title or a piece only it has', () => {
  expect(plan('jiaoling-2023-2025')).toBe('jiaoling-2023-2025');
  expect(plan('阳江')).toBe('yangjiang-2021-2025');
  expect(plan('阳江市')).toBe('yangjiang-2021-2025');
  expect(plan('蕉岭')).toBe('jiaoling-2023-2025');
  expect(plan('揭东')).toBe('jiedong-2023-2025');
  expect(plan('河源')).toBe('heyuan-2025-2035');
  expect(plan('广东')).toBe('guangdong-bqw-2023-2027');
  expect(plan('优质均衡')).toBe('national-yzjh-2017');
  expect(plan('普及普惠')).toBe('national-ppph-2020');
  expect(plan('县域义务教育优质均衡发展督导评估办法')).toBe('national-yzjh-2017');
  expect(plan('梅州')).toBe('jiaoling-2023-2025');
  expect(plan(' ＹＡＮＧＪＩＡＮＧ-2021-2025 ')).toBe('yangjiang-2021-2025'); // full-width, spaces, case
});

test('several plans or none: the message lists them, or the closest', () => {
  const many = resolvePlan(plans, '全国');
  expect(many.ok).toBe(false);
  if (!many.ok) {
    expect(many.suggestions.sort()).toEqual(['national-ppph-2020', 'national-yzjh-2017']);
    expect(many.message.zh).toContain('对应多个规划');
  }
  const typo = resolvePlan(plans, '杨江');
  expect(typo.ok).toBe(false);
  if (!typo.ok) {
    expect(typo.suggestions[0]).toBe('yangjiang-2021-2025');
    expect(typo.message.zh).toContain('最接近的');
    expect(typo.message.en).toContain('Closest: yangjiang-2021-2025');
  }
});

test('an indicator by id, code, Chinese name (exact), unique prefix, or a piece only it has', () => {
  expect(ind('阳江', 'compulsory-retention-rate')).toBe('compulsory-retention-rate');
  expect(ind('阳江', '九年义务教育巩固率')).toBe('compulsory-retention-rate');
  expect(ind('阳江', '巩固率')).toBe('compulsory-retention-rate');
  expect(ind('优质均衡', 'B1')).toBe('b1');
  expect(ind('优质均衡', 'b1')).toBe('b1');
  expect(ind('优质均衡', '每百名学生拥有高于规定学历教师数')).toBe('b1');
  expect(ind('优质均衡', '生均教学仪器设备值')).toBe('b6');
  expect(ind('蕉岭', 'B24')).toBe('b24');
  expect(ind('阳江', '学前教育毛入园')).toBe('preschool-gross-enrolment-rate');
});

test('an ambiguous name lists the candidates; an unknown one suggests the closest names', () => {
  const yzjh = plans.find((p) => p.id === 'national-yzjh-2017')!;
  const amb = resolveIndicator(yzjh, '每百名学生拥有');
  expect(amb.ok).toBe(false);
  if (!amb.ok) expect(amb.suggestions.length).toBeGreaterThan(1);
  const yj = plans.find((p) => p.id === 'yangjiang-2021-2025')!;
  const typo = resolveIndicator(yj, '巩固律');
  expect(typo.ok).toBe(false);
  if (!typo.ok) {
    expect(typo.suggestions[0]).toBe('compulsory-retention-rate');
    expect(typo.message.zh).toContain('最接近的：九年义务教育巩固率（compulsory-retention-rate）');
  }
});
