/** The weighted 校际差异系数, against hand calculations, and its properties. */
import fc from 'fast-check';
import {
  diffCoefLimit,
  diffCoefPasses,
  EduError,
  splitCombinedSchool,
  stageSeries,
  stageWeightsFor,
  weightedDiffCoef,
  weightedDiffCoefDetail,
} from '../../../src/core';
import { balancePlan } from '../evaluate/fixtures';

describe('hand calculation: B1 (per 100 pupils) in three 小学', () => {
  /*
   * school  R_i (teachers)  P_i (pupils)  x_i = R_i/P_i×100   w_i = P_i/ΣP
   *   A          30             600            5.0               1/2
   *   B          12             400            3.0               1/3
   *   C           8             200            4.0               1/6
   * ΣR = 50, ΣP = 1200, X̄ = 50/1200×100 = 25/6 = 4.1667
   * x_i − X̄ = 5/6, −7/6, −1/6;  (x_i − X̄)² = 25/36, 49/36, 1/36
   * S² = 1/2·25/36 + 1/3·49/36 + 1/6·1/36 = (75 + 98 + 1)/216 = 174/216 = 29/36
   * S = √29/6 = 0.89753,  CV = S/X̄ = (√29/6)/(25/6) = √29/25 = 0.215407
   * (The unweighted CV of 5, 3, 4 would be 0.8165/4 = 0.2041: a different, wrong number.)
   */
  const R = [30, 12, 8];
  const P = [600, 400, 200];

  test('CV = √29 / 25', () => {
    expect(weightedDiffCoef(R, P, { per100: true })).toBeCloseTo(Math.sqrt(29) / 25, 12);
    const d = weightedDiffCoefDetail(R, P, { per100: true });
    expect(d.ok).toBe(true);
    if (d.ok) {
      expect(d.value.mean).toBeCloseTo(25 / 6, 12);
      expect(d.value.sd).toBeCloseTo(Math.sqrt(29) / 6, 12);
      expect(d.value.ratios).toEqual([5, 3, 4]);
      expect(d.value.weights.map((w) => Math.round(w * 1e9) / 1e9)).toEqual([0.5, 0.333333333, 0.166666667]);
      expect(d.value.totalPupils).toBe(1200);
    }
  });

  test('is not the unweighted CV of the ratios', () => {
    const x = [5, 3, 4];
    const m = x.reduce((a, b) => a + b) / x.length;
    const unweighted = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / x.length) / m;
    expect(unweighted).toBeCloseTo(0.2041, 4);
    expect(Math.abs(weightedDiffCoef(R, P) - unweighted)).toBeGreaterThan(0.01);
  });

  test('per100 does not change the coefficient, only the mean', () => {
    expect(weightedDiffCoef(R, P, { per100: false })).toBeCloseTo(weightedDiffCoef(R, P, { per100: true }), 12);
    const a = weightedDiffCoefDetail(R, P, { per100: false });
    expect(a.ok && a.value.mean).toBeCloseTo(25 / 600, 12);
  });

  test('pass/fail at 3 decimals against 0.50 (小学) / 0.45 (初中)', () => {
    expect(diffCoefLimit('小学')).toBe(0.5);
    expect(diffCoefLimit('初中')).toBe(0.45);
    expect(diffCoefLimit('小学', balancePlan())).toBe(0.4);
    expect(diffCoefPasses(0.2154, 0.5)).toBe(true);
    expect(diffCoefPasses(0.5004, 0.5)).toBe(true); // 0.500
    expect(diffCoefPasses(0.5005, 0.5)).toBe(false); // 0.501
    expect(diffCoefPasses(0.45, 0.45)).toBe(true);
  });
});

describe('combined school split by stage weights (九年一贯制 小学:初中 = 1:1.1)', () => {
  /*
   * School D: 550 小学 + 500 初中 pupils, 44 teachers above the qualification (not split by stage).
   * Weighted enrolment W = 550×1 + 500×1.1 = 1100; 小学 share 550/1100 = 1/2 → 22 teachers,
   * 初中 share 550/1100 = 1/2 → 22 teachers. 小学 part: x = 22/550×100 = 4.0; 初中 part: 22/500×100 = 4.4.
   *
   * County 小学 = A (30, 600) + B (12, 400) + D小学 (22, 550):
   *   ΣR = 64, ΣP = 1550, X̄ = 6400/1550 = 128/31 = 4.129032
   *   x − X̄ = 5 − 128/31 = 27/31, 3 − 128/31 = −35/31, 4 − 128/31 = −4/31
   *   S² = (600·27² + 400·35² + 550·4²) / (1550·31²) = (437400 + 490000 + 8800)/(1550·961) = 936200/1489550
   *   CV² = S²/X̄² = 936200/(1550·128²) = 936200/25395200 → CV = 0.192003
   * Counting all of D (44 teachers, 1050 pupils) as 小学 would give 0.163127 instead.
   */
  const weights = stageWeightsFor(balancePlan(), '九年一贯制')!;

  test('the split', () => {
    expect(weights).toEqual({ 小学: 1, 初中: 1.1 });
    const r = splitCombinedSchool(44, { 小学: 550, 初中: 500 }, weights);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const [p, j] = r.value;
      expect(p).toMatchObject({ level: '小学', pupils: 550, weightedPupils: 550 });
      expect(p!.amount).toBeCloseTo(22, 12);
      expect(j!.weightedPupils).toBeCloseTo(550, 12);
      expect(j!.amount).toBeCloseTo(22, 12);
      expect(p!.share + j!.share).toBeCloseTo(1, 12);
    }
  });

  test('the county 小学 coefficient with the split school', () => {
    const series = stageSeries(
      [
        { amount: 30, pupils: { 小学: 600 } },
        { amount: 12, pupils: { 小学: 400 } },
        { amount: 44, pupils: { 小学: 550, 初中: 500 }, weights },
        { amount: 50, pupils: { 初中: 1000 } }, // a 初中 school: not in the 小学 series
      ],
      '小学',
    );
    if (!series.ok) throw new Error(`no series: ${JSON.stringify(series)}`);
    expect(series.value.pupils).toEqual([600, 400, 550]);
    expect(series.value.amounts[2]).toBeCloseTo(22, 12);
    const cv = weightedDiffCoef(series.value.amounts, series.value.pupils, { per100: true });
    expect(cv).toBeCloseTo(Math.sqrt(936200 / 25395200), 12);
    expect(cv).toBeCloseTo(0.192003, 6);
    expect(weightedDiffCoef([30, 12, 44], [600, 400, 1050])).toBeCloseTo(0.163127, 6);
  });

  test('完全中学 and 十二年一贯制 weights from data; a combined school without weights is an issue', () => {
    const r = splitCombinedSchool(100, { 小学: 100, 初中: 100, 高中: 100 }, { 小学: 1, 初中: 1.1, 高中: 1.32 });
    expect(r.ok && r.value.map((x) => Math.round(x.amount * 1000) / 1000)).toEqual([29.24, 32.164, 38.596]); // W = 100 + 110 + 132 = 342: 100 × 100/342, × 110/342, × 132/342
    const missing = splitCombinedSchool(100, { 初中: 100, 高中: 100 }, { 初中: 1 });
    expect(!missing.ok && missing.error.code).toBe('no-stage-weight');
    const noWeights = stageSeries([{ amount: 1, pupils: { 小学: 1, 初中: 1 } }], '小学');
    expect(!noWeights.ok && noWeights.error.code).toBe('no-stage-weight');
    expect(stageWeightsFor(balancePlan(), 'nine-year school')).toEqual({ 小学: 1, 初中: 1.1 });
    expect(stageWeightsFor(balancePlan(), '完全中学')).toBeUndefined();
  });
});

describe('typed errors, never NaN', () => {
  test.each<[number[], number[], string]>([
    [[1, 2], [1], 'length-mismatch'],
    [[], [], 'empty'],
    [[1, 2], [10, 0], 'zero-pupils'],
    [[0, 0], [10, 20], 'zero-mean'],
    [[-1, 2], [10, 20], 'negative'],
    [[1, 2], [10, -20], 'negative'],
    [[NaN, 2], [10, 20], 'invalid-input'],
    [[1, Infinity], [10, 20], 'invalid-input'],
  ])('%p / %p → %p', (a, p, code) => {
    const r = weightedDiffCoefDetail(a, p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message.zh.length).toBeGreaterThan(0);
    }
    expect(() => weightedDiffCoef(a, p)).toThrow(EduError);
  });
  test('the zero-pupils message names the school', () => {
    const r = weightedDiffCoefDetail([1, 2, 3], [10, 20, 0]);
    expect(!r.ok && r.error.message.zh).toContain('第 3 所');
  });
});

describe('properties', () => {
  const schools = fc.array(
    fc.record({ amount: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1e6, noNaN: true })), pupils: fc.integer({ min: 1, max: 5000 }) }),
    { minLength: 1, maxLength: 60 },
  );

  test('scale-invariant: multiplying every amount, or every enrolment, by k leaves the CV unchanged', () => {
    fc.assert(
      fc.property(schools, fc.double({ min: 0.001, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 50 }), fc.boolean(), (s, k, m, per100) => {
        const a = s.map((x) => x.amount);
        const p = s.map((x) => x.pupils);
        const base = weightedDiffCoefDetail(a, p, { per100 });
        fc.pre(base.ok);
        if (!base.ok) throw new Error('unreachable: fc.pre above');
        const scaledA = weightedDiffCoefDetail(a.map((x) => x * k), p, { per100 });
        const scaledP = weightedDiffCoefDetail(a, p.map((x) => x * m), { per100 });
        expect(scaledA.ok && scaledP.ok).toBe(true);
        if (scaledA.ok) expect(scaledA.value.cv).toBeCloseTo(base.value.cv, 9);
        if (scaledP.ok) expect(scaledP.value.cv).toBeCloseTo(base.value.cv, 9);
        expect(base.value.cv).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  test('0 when all schools are equal (same amount per pupil), whatever their size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0.001, max: 1e4, noNaN: true }), fc.boolean(), (pupils, c, per100) => {
        const amounts = pupils.map((p) => p * c);
        expect(weightedDiffCoef(amounts, pupils, { per100 })).toBe(0);
      }),
      { numRuns: 1000 },
    );
  });

  test('enrolment weights matter: the same two ratios give different coefficients', () => {
    // ratios 5 and 3 per 100 pupils. Weights 1:1 → X̄ = 4, S = 1, CV = 0.25.
    // Weights 3:1 (the school at 5 is three times larger) → X̄ = (15 + 3)/(300 + 100) × 100 = 4.5,
    // S = √(0.75 · 0.5² + 0.25 · 1.5²) = √0.75 = 0.8660, CV = 0.8660/4.5 = 0.19245.
    expect(weightedDiffCoef([5, 3], [100, 100], { per100: true })).toBeCloseTo(0.25, 12);
    expect(weightedDiffCoef([15, 3], [300, 100], { per100: true })).toBeCloseTo(Math.sqrt(0.75) / 4.5, 12);
  });
});
