/**
 * Hand-computed evaluations of indicators modelled on the seed plans (see fixtures.ts): a floor, a
 * gross ratio above 100, a strict target, a ≤ target, a relative target, a placeholder, staged
 * targets, per-level targets, yes/no and range targets; plus resolveTarget, tolerance, achievement,
 * on-track and computeIndicator.
 */
import {
  achievement,
  achievementBase,
  computeIndicator,
  DEFAULT_TOLERANCE,
  evaluate,
  expectedValue,
  onTrack,
  precisionOf,
  resolveTarget,
  STATUS_LABEL,
  toleranceBand,
} from '../../../src/core/evaluate';
import { coerceNumber, type Coerced } from '../../../src/core/coerce';
import { evalPlan, ind } from './fixtures';

const plan = evalPlan();

describe('a floor: 巩固率 98.7 (2020) → ≥ 96 (2025), 约束性', () => {
  const retention = ind(plan, 'retention');

  test('above the floor: met, achievement 100', () => {
    const ev = evaluate(retention, 97.2, { plan });
    expect(ev).toMatchObject({ status: 'met', gap: 0, achievement: 100, binding: true, precision: 1 });
    expect(ev.statusLabel).toEqual({ zh: '达标', en: 'Met' });
    expect(ev.targetText.zh).toBe('≥ 96%');
  });

  test('below the floor: gap against the floor (not against the baseline)', () => {
    // gap = 96 − 95.5 = 0.5; the baseline already met the floor, so D = |96|:
    // achievement = 100 × (1 − 0.5/96) = 99.479… → 99.5; band = plan tolerance 1 → 接近
    const ev = evaluate(retention, '95.5%', { plan });
    expect(ev).toMatchObject({ status: 'near', gap: 0.5, achievement: 99.5, band: 1 });
    expect(ev.note?.zh).toContain('百分数');
    // 94.0: gap 2 > band 1 → 未达标; achievement = 100 × (1 − 2/96) = 97.916… → 97.9
    expect(evaluate(retention, 94, { plan })).toMatchObject({ status: 'unmet', gap: 2, achievement: 97.9 });
  });

  test('on track: a floor is a flat path (keep ≥ 96 every year)', () => {
    const r = onTrack(retention, 96.4, { year: 2022 });
    expect(r.ok && r.value).toMatchObject({ expected: 96, flat: true, onTrack: true });
    const behind = onTrack(retention, 95.9, { year: 2022 });
    expect(behind.ok && behind.value.onTrack).toBe(false);
  });
});

describe('a gross ratio above 100: 毛入园率 >100 (2020) → ≥ 100', () => {
  const gross = ind(plan, 'gross-enrolment');

  test('103.4 is met (no 0–100 range on gross ratios)', () => {
    expect(evaluate(gross, 103.4, { plan })).toMatchObject({ status: 'met', gap: 0, achievement: 100 });
  });

  test('computed from counts: 10 340 children ÷ 10 000 aged 3–5 × 100 = 103.4', () => {
    const inputs: Record<string, Coerced> = { 'kg-children': coerceNumber('10,340'), 'age-3-5': coerceNumber(10000) };
    const c = computeIndicator(plan, gross, inputs);
    expect(c).toEqual({ kind: 'number', value: 103.4 });
    if (c.kind === 'number') expect(evaluate(gross, c.value, { plan }).status).toBe('met');
  });

  test('99.96 rounds to 100.0 and meets; 99.94 is 接近 with gap 0.1', () => {
    expect(evaluate(gross, 99.96, { plan })).toMatchObject({ status: 'met', rounded: 100 });
    // baseline >100 is read as 100, which already meets ≥ 100 → D = |100|: 100 × (1 − 0.1/100) = 99.9
    expect(evaluate(gross, 99.94, { plan })).toMatchObject({ status: 'near', gap: 0.1, achievement: 99.9 });
  });
});

describe('a strict target: 高中阶段毛入学率 > 95', () => {
  const hs = ind(plan, 'hs-gross-enrolment');
  test('95.0 does not meet > 95 (gap 0.1 to 95.1); 95.05 rounds to 95.1 and meets', () => {
    expect(evaluate(hs, 95, { plan })).toMatchObject({ status: 'near', gap: 0.1 });
    expect(evaluate(hs, 95.04, { plan })).toMatchObject({ status: 'near', gap: 0.1 });
    expect(evaluate(hs, 95.05, { plan })).toMatchObject({ status: 'met', gap: 0 });
    expect(evaluate(hs, 97, { plan }).targetText.zh).toBe('> 95%');
  });
});

describe('a target to reach: 双师型 63.68 (2020) → ≥ 65 (2025)', () => {
  const dual = ind(plan, 'dual-qualified');
  test('achievement = (x − b)/(t − b)', () => {
    // 64.5: gap 0.5, D = gap of the baseline = 65 − 63.68 = 1.32 → 100 × (1 − 0.5/1.32) = 62.12… → 62.1
    expect(evaluate(dual, 64.5, { plan })).toMatchObject({ gap: 0.5, achievement: 62.1, status: 'near' });
    expect(achievementBase({ op: '>=', value: 65 }, 63.68, 2)).toBe(1.32);
    // below the baseline: 100 × (1 − 2/1.32) = −51.51… is clamped to 0 and flagged (较基期倒退)
    expect(evaluate(dual, 63, { plan }).achievement).toBe(0);
    expect(evaluate(dual, 63, { plan }).regressed).toBe(true);
    expect(evaluate(dual, 64, { plan }).regressed).toBeUndefined();
  });
  test('on track in 2023: expected = 63.68 + 1.32 × 3/5 = 64.472 → 64.47', () => {
    const ev = evaluate(dual, 64.5, { plan, year: 2023 });
    expect(ev.onTrack).toMatchObject({ expected: 64.47, onTrack: true, flat: false, from: { year: 2020, value: 63.68 }, to: { year: 2025, value: 65 } });
    expect(evaluate(dual, 64.4, { plan, year: 2023 }).onTrack?.onTrack).toBe(false);
    expect(expectedValue({ year: 2020, value: 63.68 }, { year: 2025, value: 65 }, 2019, 2)).toBe(63.68);
    expect(expectedValue({ year: 2020, value: 63.68 }, { year: 2025, value: 65 }, 2030, 2)).toBe(65);
  });
});

describe('a ≤ target: 校际差异系数 ≤ 0.15 (tolerance 0.02)', () => {
  const cv = ind(plan, 'between-school-cv');
  test('status and gap', () => {
    expect(evaluate(cv, 0.154, { plan })).toMatchObject({ status: 'met', rounded: 0.15, gap: 0 });
    expect(evaluate(cv, 0.16, { plan })).toMatchObject({ status: 'near', gap: 0.01, band: 0.02 });
    expect(evaluate(cv, 0.2, { plan })).toMatchObject({ status: 'unmet', gap: 0.05 });
  });
  test('achievement: without baseline D = 0.15; with baseline 0.25, D = 0.10', () => {
    // no baseline: 100 × (1 − 0.05/0.15) = 66.66… → 66.7
    expect(evaluate(cv, 0.2, { plan }).achievement).toBe(66.7);
    // baseline 0.25: (0.25 − 0.2)/(0.25 − 0.15) = 50
    expect(evaluate(cv, 0.2, { plan, baseline: 0.25 }).achievement).toBe(50);
    expect(achievement(0.2, 0.25, { op: '<=', value: 0.15 }, 2)).toBe(50);
  });
  test('大班额 ≤ 0: gap is the count, achievement 0 until met', () => {
    const lc = ind(plan, 'large-classes');
    expect(evaluate(lc, 3, { plan })).toMatchObject({ status: 'unmet', gap: 3, achievement: 0 });
    expect(evaluate(lc, 0, { plan })).toMatchObject({ status: 'met', gap: 0, achievement: 100 });
    expect(evaluate(lc, 2.5, { plan })).toMatchObject({ status: 'noData', issue: { code: 'invalid-input' } }); // a count must be whole
  });
});

describe('a relative target: 教师平均工资 ≥ 当地公务员平均工资', () => {
  const pay = ind(plan, 'teacher-pay');
  test('compared with the reference; tolerance 2% of it', () => {
    // 98 500 vs 100 000: gap 1 500, band = 0.02 × 100 000 = 2 000 → 接近; achievement 100 × (1 − 1500/100000) = 98.5
    expect(evaluate(pay, 98500, { plan, reference: 100000 })).toMatchObject({ status: 'near', gap: 1500, band: 2000, achievement: 98.5 });
    expect(evaluate(pay, '102,000', { plan, reference: '100,000' })).toMatchObject({ status: 'met', gap: 0 });
    expect(evaluate(pay, 90000, { plan, reference: 100000 }).status).toBe('unmet');
    expect(evaluate(pay, 98500, { plan, reference: 100000 }).targetText.zh).toBe('≥ 100000元');
  });
  test('without the reference: 无数据, with the reason', () => {
    const ev = evaluate(pay, 98500, { plan });
    expect(ev.status).toBe('noData');
    expect(ev.issue?.message.zh).toContain('参照值');
    expect(ev.targetText.zh).toBe('≥ 当地公务员平均工资');
    expect(evaluate(pay, 98500, { plan, reference: '不适用' }).status).toBe('noData');
  });
});

describe('a placeholder: 达到 xx% 以上', () => {
  const ph = ind(plan, 'placeholder-share');
  test('目标未定, never an invented number', () => {
    const ev = evaluate(ph, 80, { plan });
    expect(ev).toMatchObject({ status: 'unknownTarget', gap: null, achievement: null, threshold: null });
    expect(ev.statusLabel).toEqual(STATUS_LABEL.unknownTarget);
    expect(ev.targetText.zh).toBe('xx%以上（目标未定）');
    const r = resolveTarget(ph, {});
    expect(r.ok && r.value).toMatchObject({ threshold: null, missing: 'placeholder', placeholder: 'xx%以上' });
  });
});

describe('staged targets 2025 ≥ 90 / 2030 ≥ 95 / 2035 ≥ 98, baseline 85 (2020)', () => {
  const staged = ind(plan, 'staged');
  test('resolveTarget picks the target due', () => {
    const value = (year?: number) => {
      const r = resolveTarget(staged, { year });
      return r.ok && r.value.threshold?.op === '>=' ? r.value.threshold.value : undefined;
    };
    expect(value(2023)).toBe(90);
    expect(value(2025)).toBe(90);
    expect(value(2027)).toBe(95);
    expect(value(2035)).toBe(98);
    expect(value(2040)).toBe(98);
    expect(value(undefined)).toBe(98);
  });
  test('the path starts at the previous stage: 2027 expects 90 + 5 × 2/5 = 92', () => {
    const r = onTrack(staged, 92, { year: 2027 });
    expect(r.ok && r.value).toMatchObject({ expected: 92, onTrack: true, from: { year: 2025, value: 90 }, to: { year: 2030, value: 95 } });
    const behind = onTrack(staged, 91.9, { year: 2027 });
    expect(behind.ok && behind.value.onTrack).toBe(false);
    // 2023: baseline 85 → 2025 target 90: 85 + 5 × 3/5 = 88
    const early = onTrack(staged, 88, { year: 2023 });
    expect(early.ok && early.value.expected).toBe(88);
  });
});

describe('per-level targets: B1 小学 ≥ 4.2 / 初中 ≥ 5.3', () => {
  const b1 = ind(plan, 'B1');
  test('the level picks the threshold; none given is ambiguous', () => {
    expect(evaluate(b1, 4.195, { plan, level: '小学' })).toMatchObject({ status: 'met', rounded: 4.2 });
    expect(evaluate(b1, 4.5, { plan, level: '初中' })).toMatchObject({ status: 'near', gap: 0.8 }); // band 1 (plan)
    expect(evaluate(b1, 4, { plan, level: '初中' })).toMatchObject({ status: 'unmet', gap: 1.3 });
    const ev = evaluate(b1, 4.5, { plan });
    expect(ev.status).toBe('unknownTarget');
    expect(ev.issue?.code).toBe('ambiguous-level');
    expect(ev.issue?.message.zh).toContain('小学');
    const r = resolveTarget(b1, { level: '高中' });
    expect(!r.ok && r.error.code).toBe('no-target');
  });
  test('band: plan tolerance absolute 1', () => {
    expect(evaluate(b1, 3.3, { plan, level: '小学' })).toMatchObject({ status: 'near', gap: 0.9 });
  });
});

describe('yes/no and range targets', () => {
  test('布局规划 是/否', () => {
    const lp = ind(plan, 'layout-plan');
    expect(evaluate(lp, '是', { plan })).toMatchObject({ status: 'met', gap: 0, achievement: 100, band: 0 });
    expect(evaluate(lp, '否', { plan })).toMatchObject({ status: 'unmet', gap: 1, achievement: 0 });
    expect(evaluate(lp, true, { plan }).status).toBe('met');
    expect(evaluate(lp, '不适用', { plan })).toMatchObject({ status: 'noData', missing: '不适用' });
  });
  test('运动技能 1–3 项', () => {
    const sk = ind(plan, 'sports-skills');
    expect(evaluate(sk, 2, { plan })).toMatchObject({ status: 'met', gap: 0 });
    expect(evaluate(sk, 4, { plan })).toMatchObject({ status: 'unmet', gap: 1 });
    expect(evaluate(sk, 0, { plan })).toMatchObject({ status: 'unmet', gap: 1 });
  });
});

describe('missing and invalid input', () => {
  const retention = ind(plan, 'retention');
  test('missing codes are 无数据 and keep their code; invalid text is 无数据 with the reason', () => {
    expect(evaluate(retention, '暂无数据', { plan })).toMatchObject({ status: 'noData', missing: '暂无数据', actual: null, gap: null });
    expect(evaluate(retention, '', { plan })).toMatchObject({ status: 'noData', missing: 'blank' });
    const bad = evaluate(retention, 'abc', { plan });
    expect(bad.status).toBe('noData');
    expect(bad.issue?.code).toBe('invalid-input');
    expect(evaluate(retention, 0, { plan }).status).toBe('unmet'); // 0 is a number, not missing
  });
  test('the unit in 万人 is respected: "11.2万人" is 11.2 (万人)', () => {
    const kg = ind(plan, 'kg-enrolment');
    expect(evaluate(kg, '11.2万人', { plan })).toMatchObject({ actual: 11.2, status: 'met' });
    expect(evaluate(kg, '10.8', { plan })).toMatchObject({ status: 'near', gap: 0.2 }); // band = 2% of 11 = 0.22 → 0.2
  });
  test('0.1 + 0.2 meets ≥ 0.3', () => {
    expect(evaluate(ind(plan, 'tiny'), 0.1 + 0.2, { plan }).status).toBe('met');
  });
});

describe('precision, tolerance and compute', () => {
  test('precisionOf: table by kind, raised to the target decimals', () => {
    expect(precisionOf(ind(plan, 'retention'))).toBe(1);
    expect(precisionOf(ind(plan, 'large-classes'))).toBe(0);
    expect(precisionOf(ind(plan, 'b1'))).toBe(2);
    expect(precisionOf(ind(plan, 'tiny'))).toBe(3);
    expect(precisionOf({ kind: 'rate', targets: [{ comparator: '>=', value: 63.83 }] })).toBe(2);
    expect(precisionOf({ kind: 'count', precision: 0, targets: [{ comparator: '>=', value: 0.5 }] })).toBe(1);
  });
  test('toleranceBand: override → indicator → plan → default 5%', () => {
    expect(toleranceBand(ind(plan, 'retention'), plan)).toBe(1); // plan absolute 1
    expect(toleranceBand(ind(plan, 'between-school-cv'), plan)).toBe(0.02); // indicator's own
    expect(toleranceBand(ind(plan, 'retention'), plan, 0.5)).toBe(0.5); // override
    expect(toleranceBand(ind(plan, 'retention'))).toBe(4.8); // default 5% × 96 = 4.8
    expect(DEFAULT_TOLERANCE).toEqual({ relative: 0.05 });
    expect(toleranceBand(ind(plan, 'teacher-pay'), plan, undefined, 100000)).toBe(2000);
    expect(toleranceBand(ind(plan, 'layout-plan'), plan)).toBe(0);
    expect(toleranceBand(ind(plan, 'retention'), plan, { relative: 0.01, absolute: 0.5 })).toBe(1); // MAX(0.5, 0.96) → 1.0
  });
  test('computeIndicator: ratio of sums, missing parts, zero denominator', () => {
    const cov = ind(plan, 'inclusive-coverage');
    // (300 + 520) × 100 / 1000 = 82
    expect(computeIndicator(plan, cov, { 'public-kg': coerceNumber(300), 'inclusive-kg': coerceNumber('520'), 'kg-children': coerceNumber('1,000') })).toEqual({ kind: 'number', value: 82 });
    expect(computeIndicator(plan, cov, { 'public-kg': coerceNumber(300), 'inclusive-kg': coerceNumber('不适用'), 'kg-children': coerceNumber(1000) })).toEqual({ kind: 'missing', inputs: ['inclusive-kg'] });
    expect(computeIndicator(plan, cov, { 'public-kg': coerceNumber(300), 'kg-children': coerceNumber(1000) })).toEqual({ kind: 'missing', inputs: ['inclusive-kg'] });
    const zero = computeIndicator(plan, cov, { 'public-kg': coerceNumber(0), 'inclusive-kg': coerceNumber(0), 'kg-children': coerceNumber(0) });
    expect(zero.kind).toBe('error');
    if (zero.kind === 'error') {
      expect(zero.issue.code).toBe('zero-denominator');
      expect(zero.issue.message.zh).toContain('在园幼儿数');
    }
    const bad = computeIndicator(plan, cov, { 'public-kg': coerceNumber('x'), 'inclusive-kg': coerceNumber(1), 'kg-children': coerceNumber(2) });
    expect(bad.kind === 'error' && bad.issue.code).toBe('invalid-input');
    // direct: the input with the indicator's id
    expect(computeIndicator(plan, ind(plan, 'retention'), { retention: coerceNumber('97%') })).toEqual({ kind: 'number', value: 97 });
  });
});
