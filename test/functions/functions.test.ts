/**
 * The custom functions through their entry points (src/functions/functions.ts), with a test
 * catalog in the registry. Outside Excel, errors are PlainFunctionError objects with the same
 * code and message a CustomFunctions.Error would carry.
 */
import * as fns from '../../src/functions/functions';
import { excelError, PlainFunctionError, setFunctionLang } from '../../src/functions/errors';
import { guard } from '../../src/functions/impl';
import { runtimeRegistry } from '../../src/runtime/registry';
import { balancePlan, evalPlan } from '../core/evaluate/fixtures';

// The custom functions look plans up in the shared runtime's registry, where the pane adds a
// user's imported plans: the fixtures are added the same way.
beforeAll(() => [evalPlan(), balancePlan()].forEach((p) => runtimeRegistry().add(p)));
afterEach(() => setFunctionLang('zh-CN'));

/** Calls f and returns the Excel error it throws. */
function thrown(f: () => unknown): PlainFunctionError {
  try {
    f();
  } catch (e) {
    if (e instanceof PlainFunctionError) return e;
    throw new Error(`threw a non-Excel error: ${String(e)}`);
  }
  throw new Error('did not throw');
}

// Excel passes a range (and a single cell to a matrix parameter) as a 2-D array.
const col = (...xs: unknown[]) => xs.map((x) => [x]);
const cell = (x: unknown) => [[x]];

describe('EDU.TARGET / EDU.TARGETTEXT', () => {
  test('targets by plan and indicator, year and level', () => {
    expect(fns.eduTarget('eval-test', 'retention')).toBe(96);
    expect(fns.eduTarget('eval-test', 'staged', 2027)).toBe(95);
    expect(fns.eduTarget('eval-test', 'staged')).toBe(98);
    expect(fns.eduTarget('eval-test', 'B1', undefined, '小学')).toBe(4.2);
    expect(fns.eduTarget('eval-test', 'b1', 0, '初中')).toBe(5.3); // 0 / blank year = omitted
    expect(fns.eduTarget('eval-test', 'layout-plan')).toBe(1);
    expect(fns.eduTarget('eval-test', 'teacher-pay', undefined, undefined, 100000)).toBe(100000);
  });
  test('errors with messages', () => {
    const unknownPlan = thrown(() => fns.eduTarget('nope', 'retention'));
    expect(unknownPlan).toMatchObject({ code: '#VALUE!' });
    expect(unknownPlan.message).toContain('未知的规划');
    expect(thrown(() => fns.eduTarget('eval-test', 'nope')).message).toContain('没有指标「nope」');
    const level = thrown(() => fns.eduTarget('eval-test', 'b1'));
    expect(level.code).toBe('#VALUE!');
    expect(level.message).toMatch(/学段.*小学/);
    const ph = thrown(() => fns.eduTarget('eval-test', 'placeholder-share'));
    expect(ph).toMatchObject({ code: '#N/A' });
    expect(ph.message).toContain('目标未定（xx%以上）');
    expect(thrown(() => fns.eduTarget('eval-test', 'teacher-pay')).code).toBe('#N/A');
    expect(thrown(() => fns.eduTarget('eval-test', 'sports-skills')).message).toContain('TARGETTEXT');
    expect(thrown(() => fns.eduTarget('eval-test', 'retention', 1800)).message).toContain('年份');
    expect(thrown(() => fns.eduTarget('eval-test', 'b1', undefined, '大学')).message).toContain('学段');
  });
  test('TARGETTEXT', () => {
    expect(fns.eduTargetText('eval-test', 'retention')).toBe('≥ 96%');
    expect(fns.eduTargetText('eval-test', 'sports-skills')).toBe('1–3项');
    expect(fns.eduTargetText('eval-test', 'layout-plan')).toBe('是');
    expect(fns.eduTargetText('eval-test', 'placeholder-share')).toBe('xx%以上（目标未定）');
    expect(fns.eduTargetText('eval-test', 'teacher-pay')).toBe('≥ 当地公务员平均工资');
    setFunctionLang('en');
    expect(fns.eduTargetText('eval-test', 'layout-plan')).toBe('yes');
    expect(fns.eduTargetText('eval-test', 'placeholder-share')).toBe('xx%以上 (target unknown)');
  });
});

describe('EDU.GAP / EDU.PASS / EDU.STATUS', () => {
  test('explicit targets: number, text with a comparator, comparator argument', () => {
    expect(fns.eduGap(cell(95.5), cell(96))).toEqual([[0.5]]);
    expect(fns.eduGap(cell('95.5%'), cell('≥96'))).toEqual([[0.5]]);
    expect(fns.eduGap(cell(0.2), cell(0.15), '<=')).toEqual([[0.05]]);
    expect(fns.eduGap(cell(0.2), cell('不超过0.15'))).toEqual([[0.05]]);
    expect(fns.eduGap(cell(4), cell('1-3'))).toEqual([[1]]);
    expect(fns.eduPass(cell(0.1 + 0.2), cell(0.3), '<=')).toEqual([[true]]);
    expect(fns.eduPass(cell('是'), cell(true))).toEqual([[true]]);
  });
  test('targets from the catalog ("plan/indicator", or an id unique in the catalog)', () => {
    expect(fns.eduGap(cell(95.5), cell('eval-test/retention'))).toEqual([[0.5]]);
    expect(fns.eduGap(cell(95.5), cell('retention'))).toEqual([[0.5]]);
    expect(fns.eduGap(cell(4.5), cell('eval-test/B1'), undefined, undefined, '初中')).toEqual([[0.8]]);
    // the catalog's precision decides: 94.95 is 95.0 for a rate (1 decimal) …
    expect(fns.eduPass(cell(94.95), cell('eval-test/hs-gross-enrolment'))).toEqual([[false]]); // > 95
    expect(fns.eduPass(cell(95.95), cell('eval-test/retention'))).toEqual([[true]]);
    expect(fns.eduPass(cell(95.95), cell(96))).toEqual([[false]]); // … an explicit target is decided at 2 decimals
    const ambiguous = thrown(() => fns.eduGap(cell(4), cell('b1'), undefined, undefined, '小学'));
    expect(ambiguous.message).toContain('eval-test、balance-test');
  });
  test('ranges spill one result per cell; a 1×1 argument is repeated', () => {
    expect(fns.eduGap(col(95, 96.5, 90), cell(96))).toEqual([[1], [0], [6]]);
    expect(fns.eduPass(col(95, 96.5), col(94, 97))).toEqual([[true], [false]]);
    expect(fns.eduStatus([[95.5, 99, 80]], cell('eval-test/retention'))).toEqual([['接近', '达标', '未达标']]);
    const sizes = thrown(() => fns.eduGap(col(1, 2), col(1, 2, 3)));
    expect(sizes).toMatchObject({ code: '#VALUE!' });
    expect(sizes.message).toContain('区域大小不一致');
  });
  test('missing data: #N/A with the reason in one cell, an error cell inside a range', () => {
    const na = thrown(() => fns.eduGap(cell('不适用'), cell(96)));
    expect(na).toMatchObject({ code: '#N/A' });
    expect(na.message).toContain('不适用');
    const r = fns.eduGap(col(95, '暂无数据', 'abc'), cell(96)) as unknown[][];
    expect(r[0]).toEqual([1]);
    expect(r[1]![0]).toBeInstanceOf(PlainFunctionError);
    expect((r[1]![0] as PlainFunctionError).code).toBe('#N/A');
    expect((r[2]![0] as PlainFunctionError).code).toBe('#VALUE!');
    expect((r[2]![0] as PlainFunctionError).message).toContain('abc');
    expect(thrown(() => fns.eduPass(cell(80), cell('eval-test/placeholder-share')))).toMatchObject({ code: '#N/A' });
  });
  test('a missing target is #VALUE! 目标值缺失; a contradiction is named', () => {
    expect(thrown(() => fns.eduGap(cell(95), cell(null))).message).toBe('目标值缺失');
    expect(thrown(() => fns.eduGap(cell(95), cell(''))).message).toBe('目标值缺失');
    expect(thrown(() => fns.eduGap(cell(95), cell('—'))).message).toBe('目标值缺失');
    expect(thrown(() => fns.eduGap(cell(95), cell('≥96'), '<=')).message).toContain('矛盾');
    expect(thrown(() => fns.eduGap(cell(95), cell(96), 'about')).message).toContain('比较符');
    expect(thrown(() => fns.eduGap(cell(95), cell('no-such-indicator'))).message).toContain('未知的指标');
  });
  test('STATUS: texts for every state, in the display language', () => {
    expect(fns.eduStatus(col(97, 95.5, 90, '不适用', ''), cell('eval-test/retention'))).toEqual([['达标'], ['接近'], ['未达标'], ['无数据'], ['无数据']]);
    expect(fns.eduStatus(cell(80), cell('eval-test/placeholder-share'))).toEqual([['目标未定']]);
    // explicit target: default band 5 % of the target (4.8 for 96); an explicit tolerance replaces it
    expect(fns.eduStatus(cell(92), cell(96))).toEqual([['接近']]);
    expect(fns.eduStatus(cell(92), cell(96), undefined, undefined, undefined, 1)).toEqual([['未达标']]);
    expect(fns.eduStatus(cell(95.5), cell('eval-test/retention'), undefined, undefined, undefined, 0.2)).toEqual([['未达标']]);
    expect(thrown(() => fns.eduStatus(cell('abc'), cell(96))).code).toBe('#VALUE!');
    setFunctionLang('en');
    expect(fns.eduStatus(col(97, 95.5, 90, null), cell('eval-test/retention'))).toEqual([['Met'], ['Near'], ['Not met'], ['No data']]);
    expect(thrown(() => fns.eduGap(cell(95), cell(null))).message).toBe('the target is missing');
  });
});

describe('EDU.ACHIEVEMENT', () => {
  test('progress from baseline to target', () => {
    // (64.5 − 63.68)/(65 − 63.68) = 0.82/1.32 = 62.12 %
    expect(fns.eduAchievement(cell(64.5), cell(63.68), cell(65))).toEqual([[62.1]]);
    // ≤ target inferred (target below baseline): (0.25 − 0.2)/(0.25 − 0.15) = 50 %
    expect(fns.eduAchievement(cell(0.2), cell(0.25), cell(0.15))).toEqual([[50]]);
    // a floor needs its comparator: 95.5 vs ≥ 96 from 98.7 → 100 × (1 − 0.5/96) = 99.5
    expect(fns.eduAchievement(cell(95.5), cell(98.7), cell(96), '>=')).toEqual([[99.5]]);
    expect(fns.eduAchievement(cell(97), cell(98.7), cell(96), '>=')).toEqual([[100]]);
    // blank baseline: share of the target
    expect(fns.eduAchievement(cell(90), cell(null), cell(100))).toEqual([[90]]);
    // from the catalog (baseline from the plan when the cell is blank)
    expect(fns.eduAchievement(cell(64.5), cell(''), cell('eval-test/dual-qualified'))).toEqual([[62.1]]);
    expect(fns.eduAchievement(col(63.68, 65, 66), cell(63.68), cell(65))).toEqual([[0], [100], [100]]);
    expect(thrown(() => fns.eduAchievement(cell(1), cell('x'), cell(2))).message).toContain('基线');
  });
});

describe('EDU.ONTRACK / EDU.EXPECTED', () => {
  test('on the straight path in a year', () => {
    // 63.68 (2020) → 65 (2025): 2023 expects 63.68 + 1.32 × 3/5 = 64.472 → 64.47
    expect(fns.eduExpected(2023, 'eval-test/dual-qualified')).toBe(64.47);
    expect(fns.eduOnTrack(col(64.5, 64.4), 2023, 'eval-test/dual-qualified')).toEqual([[true], [false]]);
    expect(fns.eduExpected(2027, 'eval-test/staged')).toBe(92);
    expect(fns.eduOnTrack(cell(96.1), 2022, 'eval-test/retention')).toEqual([[true]]); // a floor: flat at 96
  });
  test('errors', () => {
    expect(thrown(() => fns.eduOnTrack(cell(1), 2023, 'eval-test/layout-plan')).message).toContain('进度路径');
    expect(thrown(() => fns.eduOnTrack(cell('不适用'), 2023, 'eval-test/dual-qualified')).code).toBe('#N/A');
    expect(thrown(() => fns.eduExpected(0, 'eval-test/dual-qualified')).message).toContain('年份');
    expect(thrown(() => fns.eduExpected(2023, 'eval-test/b1')).code).toBe('#VALUE!');
  });
});

describe('EDU.PER100 / EDU.PERPUPIL', () => {
  test('ratios from counts, exact', () => {
    expect(fns.eduPer100(cell(42), cell(1000))).toEqual([[4.2]]);
    expect(fns.eduPer100(col(42, 9), col(1000, 1000))).toEqual([[4.2], [0.9]]);
    expect(fns.eduPerPupil(cell('4,500'), cell(1000))).toEqual([[4.5]]);
    const div0 = thrown(() => fns.eduPer100(cell(1), cell(0)));
    expect(div0.code).toBe('#DIV/0!');
    expect(thrown(() => fns.eduPer100(cell(1), cell('不适用'))).code).toBe('#N/A');
    expect(thrown(() => fns.eduPer100(cell(-1), cell(10))).code).toBe('#VALUE!');
  });
});

describe('EDU.DIFFCOEF', () => {
  test('the weighted coefficient over two ranges (hand calculation in test/core/balance/diffcoef.test.ts)', () => {
    expect(fns.eduDiffCoef(col(30, 12, 8), col(600, 400, 200), true)).toBeCloseTo(Math.sqrt(29) / 25, 12);
    expect(fns.eduDiffCoef(col(30, 12, 8, null, ''), col(600, 400, 200, null, ''))).toBeCloseTo(Math.sqrt(29) / 25, 12); // blank rows skipped
    expect(fns.eduDiffCoef([[30, 12, 8]], [[600, 400, 200]])).toBeCloseTo(Math.sqrt(29) / 25, 12); // rows work too
  });
  test('errors', () => {
    expect(thrown(() => fns.eduDiffCoef(col(1, 2), col(1, 2, 3))).message).toContain('区域大小不一致');
    expect(thrown(() => fns.eduDiffCoef(col(1, 2), col(10, null)))).toMatchObject({ code: '#N/A' });
    const zero = thrown(() => fns.eduDiffCoef(col(1, 2), col(10, 0)));
    expect(zero.code).toBe('#VALUE!');
    expect(zero.message).toContain('学生数为 0');
    expect(thrown(() => fns.eduDiffCoef(col(1, 'x'), col(10, 10))).code).toBe('#VALUE!');
  });
});

describe('EDU.BALANCED', () => {
  test('6 of 7 and the 85 % floor', () => {
    expect(fns.eduBalanced([[4.5, 1.2, 0.8, 5, 8, 2100, 2.5]], '小学')).toBe(true);
    expect(fns.eduBalanced(col(4.5, 1.2, 0.7, 5, 8, 2100, 2.5), '小学')).toBe(false);
    expect(fns.eduBalanced([[4.5, 1.2, 1.0, 5, 8, 2100, 2.5]], '小学', 'balance-test')).toBe(false); // plan thresholds
  });
  test('errors', () => {
    const na = thrown(() => fns.eduBalanced([[4.5, 1.2, '不适用', 5, 8, 2100, 2.5]], '小学'));
    expect(na.code).toBe('#N/A');
    expect(na.message).toContain('B3');
    expect(thrown(() => fns.eduBalanced([[1, 2, 3]], '小学')).message).toContain('7');
    expect(thrown(() => fns.eduBalanced([[4.5, 1.2, 0.8, 5, 8, 2100, 2.5]], '')).message).toContain('学段');
    expect(thrown(() => fns.eduBalanced([[4.5, 1.2, 'x', 5, 8, 2100, 2.5]], '小学')).code).toBe('#VALUE!');
    expect(thrown(() => fns.eduBalanced([[4.5, 1.2, 0.8, 5, 8, 2100, 2.5]], '小学', 'eval-test')).message).toContain('优质均衡');
  });
});

describe('EDU.NUMBER and the error plumbing', () => {
  test('NUMBER reads cells like every function does', () => {
    expect(fns.eduNumber(col('95%', '１，２３４', "'12", '1.2万'))).toEqual([[95], [1234], [12], [12000]]);
    expect(thrown(() => fns.eduNumber(cell('—'))).code).toBe('#N/A');
  });
  test('an unexpected exception becomes #VALUE! with a message, never escapes', () => {
    const e = thrown(() =>
      guard(() => {
        throw new TypeError('boom');
      }),
    );
    expect(e).toMatchObject({ code: '#VALUE!' });
    expect(e.message).toContain('boom');
  });
  test('inside Excel the factory makes CustomFunctions.Error', () => {
    class FakeError {
      constructor(
        readonly code: string,
        readonly message?: string,
      ) {}
    }
    const g = globalThis as unknown as { CustomFunctions?: unknown };
    g.CustomFunctions = { Error: FakeError };
    try {
      const e = excelError('#N/A', { zh: '无数据', en: 'no data' });
      expect(e).toBeInstanceOf(FakeError);
      expect(e).toMatchObject({ code: '#N/A', message: '无数据' });
      let caught: unknown;
      try {
        fns.eduGap(cell('不适用'), cell(96));
      } catch (x) {
        caught = x;
      }
      expect(caught).toBeInstanceOf(FakeError);
    } finally {
      delete g.CustomFunctions;
    }
  });
});
