/** 优质均衡 per school (6 of 7, the rest ≥ 85 %) and per county (weighted CV per indicator). */
import { balancedSchool, balanceRuleFor, countyBalance, EduError, NATIONAL_BALANCE } from '../../../src/core';
import { coerceNumber } from '../../../src/core/coerce';
import { balancePlan } from '../evaluate/fixtures';

// National 小学 thresholds B1…B7: 4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3
const ALL_MEET = [4.5, 1.2, 1.0, 5.0, 8.0, 2100, 2.5];

describe('the national rule, 小学', () => {
  test('all seven meet → balanced', () => {
    const r = balancedSchool(ALL_MEET, '小学');
    expect(r).toMatchObject({ balanced: true, meeting: ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7'], belowThreshold: [], belowFloor: [] });
  });

  test('six meet, the seventh reaches 85 % → balanced', () => {
    // B3 0.8 < 0.9 but ≥ 0.85 × 0.9 = 0.765
    const r = balancedSchool([4.5, 1.2, 0.8, 5.0, 8.0, 2100, 2.5], '小学');
    expect(r).toMatchObject({ balanced: true, belowThreshold: ['b3'], belowFloor: [] });
    expect(r.items[2]).toMatchObject({ threshold: 0.9, floor: 0.765, meets: false, aboveFloor: true, percentOfThreshold: 88.9 });
  });

  test('six meet, the seventh falls below 85 % → not balanced', () => {
    const r = balancedSchool([4.5, 1.2, 0.76, 5.0, 8.0, 2100, 2.5], '小学'); // 0.76 < 0.765
    expect(r).toMatchObject({ balanced: false, belowFloor: ['b3'] });
  });

  test('two below their thresholds (both above 85 %) → not balanced (only 5 of 7)', () => {
    const r = balancedSchool([4.0, 1.2, 0.8, 5.0, 8.0, 2100, 2.5], '小学');
    expect(r).toMatchObject({ balanced: false, belowThreshold: ['b1', 'b3'], belowFloor: [] });
  });

  test('values are decided at the display precision (4.195 → 4.20 meets 4.2)', () => {
    expect(balancedSchool([4.195, 1, 0.9, 4.5, 7.5, 2000, 2.3], '小学').balanced).toBe(true);
    expect(balancedSchool([4.194, 0.849, 0.9, 4.5, 7.5, 2000, 2.3], '小学').balanced).toBe(false); // B2 0.85 ≥ 0.85 floor, B1 4.19: two below
  });

  test('初中 thresholds', () => {
    expect(balancedSchool(ALL_MEET, '初中')).toMatchObject({ balanced: false }); // 4.5 < 5.3, 5.0 < 5.8, 8 < 10.2 …
    expect(balancedSchool([5.3, 1, 0.9, 5.8, 10.2, 2500, 2.4], '初中').balanced).toBe(true);
    expect(balancedSchool([5.3, 1, 0.9, 5.8, 10.2, 2500, 2.4], 'junior').level).toBe('初中');
  });

  test('missing values are not 0: undecidable (null) unless the known ones already fail', () => {
    const missing = balancedSchool([4.5, 1.2, '不适用', 5.0, 8.0, 2100, 2.5], '小学');
    expect(missing).toMatchObject({ balanced: null, missing: ['b3'] });
    const fails = balancedSchool([4.5, 1.2, null, 5.0, 8.0, 2100, 1.0], '小学'); // B7 below 85 %
    expect(fails.balanced).toBe(false);
    const twoBelow = balancedSchool([4.0, 1.2, '', 5.0, 8.0, 1900, 2.5], '小学'); // 2 below + 1 unknown
    expect(twoBelow.balanced).toBe(false);
    const invalid = balancedSchool([4.5, 1.2, 'abc', 5.0, 8.0, 2100, 2.5], '小学');
    expect(invalid).toMatchObject({ balanced: null, invalid: ['b3'] });
  });

  test('values keyed by id or code, text and coerced values accepted', () => {
    const byCode = { B1: '4.5', B2: 1.2, b3: coerceNumber('0.8'), B4: '５．０', B5: 8, B6: '2,100', B7: 2.5 };
    expect(balancedSchool(byCode, '小学').balanced).toBe(true);
  });

  test('typed errors for a wrong count or level', () => {
    expect(() => balancedSchool([1, 2, 3], '小学')).toThrow(EduError);
    expect(() => balancedSchool(ALL_MEET, '高中')).toThrow(/小学/);
    expect(() => balancedSchool(ALL_MEET, '大学')).toThrow(EduError);
  });
});

describe('thresholds from a plan or given explicitly', () => {
  test('a plan balance rule replaces the national numbers (thresholds, floor ratio, CV limits)', () => {
    const plan = balancePlan(); // 小学: 5, 1, 1, 5, 8, 2200, 2.5; floor 90 %
    const rule = balanceRuleFor('小学', plan);
    expect(rule.indicators.map((i) => i.threshold)).toEqual([5, 1, 1, 5, 8, 2200, 2.5]);
    expect(rule).toMatchObject({ minMeeting: 6, floorRatio: 0.9, cvLimit: 0.4 });
    // ALL_MEET under the national rule; under the plan B1 4.5 < 5 (90 % = 4.5 → at the floor), B6 2100 < 2200 → 2 below
    expect(balancedSchool(ALL_MEET, '小学').balanced).toBe(true);
    expect(balancedSchool(ALL_MEET, '小学', plan)).toMatchObject({ balanced: false, belowThreshold: ['b1', 'b6'], belowFloor: [] });
    expect(balancedSchool([5, 1.2, 0.9, 5, 8, 2200, 2.5], '小学', plan)).toMatchObject({ balanced: true, belowThreshold: ['b3'] });
  });
  test('seven explicit thresholds', () => {
    expect(balancedSchool(ALL_MEET, '小学', [5, 1, 1, 5, 8, 2200, 2.5]).balanced).toBe(false);
    expect(() => balancedSchool(ALL_MEET, '小学', [1, 2])).toThrow(EduError);
  });
  test('the national constants are the standard', () => {
    expect(NATIONAL_BALANCE.indicators.map((i) => i.thresholds.小学)).toEqual([4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3]);
    expect(NATIONAL_BALANCE.indicators.map((i) => i.thresholds.初中)).toEqual([5.3, 1, 0.9, 5.8, 10.2, 2500, 2.4]);
    expect(NATIONAL_BALANCE.indicators.map((i) => i.per100)).toEqual([true, true, true, false, false, false, true]);
  });
});

describe('the county rule: weighted CV per indicator ≤ 0.50 (小学)', () => {
  test('each indicator separately, never averaged', () => {
    const pupils = [600, 400, 200];
    const same = [42, 28, 14]; // 7 per 100 everywhere → CV 0
    const amounts = [[30, 12, 8], same, same, same, same, same, [1, 100, 1]];
    const r = countyBalance(amounts, pupils, '小学');
    expect(r.items[0]!.cv).toBeCloseTo(Math.sqrt(29) / 25, 12); // see diffcoef.test.ts
    expect(r.items[1]!.cv).toBe(0);
    expect(r.items[0]).toMatchObject({ limit: 0.5, passes: true });
    expect(r.items[6]!.passes).toBe(false); // B7 very unequal
    expect(r.passes).toBe(false);
    const bad = countyBalance([[1, 1, 1], same, same, same, same, same, same], [10, 0, 10], '小学');
    expect(bad.items[0]).toMatchObject({ cv: null, passes: null, issue: { code: 'zero-pupils' } });
  });
});
