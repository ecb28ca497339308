/** Rounding, the threshold rule, gap, status and their properties. */
import fc from 'fast-check';
import {
  compareRounded,
  decimalsOf,
  explicitPrecision,
  gap,
  gapPrecision,
  isMet,
  parseRelation,
  parseThreshold,
  roundTo,
  status,
  strictBound,
  thresholdText,
  type Status,
  type Threshold,
} from '../../../src/core/evaluate';

describe('roundTo agrees with Excel ROUND (half away from zero, 15 significant digits)', () => {
  test.each<[number, number, number]>([
    [1.005, 2, 1.01], // Excel 1.01; naive Math.round(1.005*100)/100 gives 1
    [2.675, 2, 2.68],
    [0.285, 2, 0.29],
    [1.45, 1, 1.5],
    [-2.5, 0, -3],
    [2.5, 0, 3],
    [-1.005, 2, -1.01],
    [0.1 + 0.2, 1, 0.3],
    [0.1 + 0.2, 15, 0.3],
    [1234.5678, -2, 1200],
    [4.195, 2, 4.2],
    [95.05, 1, 95.1],
    [94.95, 1, 95],
    [1e-7, 2, 0],
    [123456789.125, 2, 123456789.13],
    [1e20, 2, 1e20],
    [0, 3, 0],
  ])('ROUND(%p, %p) = %p', (x, p, expected) => {
    expect(roundTo(x, p)).toBe(expected);
  });

  test('never -0', () => {
    expect(Object.is(roundTo(-0.001, 1), 0)).toBe(true);
    expect(Object.is(roundTo(-0, 1), 0)).toBe(true);
  });

  test('property: at most p decimals, within half a step', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, p) => {
        const r = roundTo(x, p);
        expect(decimalsOf(r)).toBeLessThanOrEqual(p);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5 * 10 ** -p + Math.abs(x) * 1e-14);
      }),
    );
  });

  test('property: equals the reference string implementation (15 significant digits, then half up)', () => {
    const reference = (x: number, p: number): number => {
      if (x === 0) return 0;
      const [m, e] = Math.abs(x).toExponential(14).split('e') as [string, string];
      const r = Math.round(Number(`${m}e${Number(e) + p}`));
      const out = r === 0 ? 0 : Number(`${r}e${-p}`);
      return x < 0 && out !== 0 ? -out : out;
    };
    const halves = fc.oneof(
      fc.tuple(fc.integer({ min: -1e7, max: 1e7 }), fc.integer({ min: 0, max: 6 })).map(([n, d]) => (n + 0.5) / 10 ** d),
      fc.tuple(fc.integer({ min: 1e8, max: 1e11 }), fc.integer({ min: 0, max: 3 })).map(([n, d]) => (n + 0.5) / 10 ** d),
      fc.tuple(fc.integer({ min: 1e8, max: 1e11 }), fc.double({ min: 0.49999, max: 0.50001, noNaN: true })).map(([n, f]) => n + f),
    );
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e8, max: 1e8, noNaN: true }), halves, fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000)), fc.integer({ min: 0, max: 8 }), (x, p) => {
        expect(roundTo(x, p)).toBe(reference(x, p));
      }),
      { numRuns: 20000 },
    );
  });

  test('decimalsOf', () => {
    expect(decimalsOf(4.2)).toBe(1);
    expect(decimalsOf(0.15)).toBe(2);
    expect(decimalsOf(2000)).toBe(0);
    expect(decimalsOf(63.83)).toBe(2);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(decimalsOf(0.1 + 0.2)).toBe(1);
  });
});

describe('the threshold rule: ROUND(x,p) then compare', () => {
  test('0.1 + 0.2 meets ≥ 0.3 (naively it does not)', () => {
    expect(0.1 + 0.2 >= 0.3).toBe(true); // sanity: this one happens to hold…
    expect(0.1 + 0.2 <= 0.3).toBe(false); // …but this one does not, naively
    expect(isMet(0.1 + 0.2, { op: '<=', value: 0.3 }, 2)).toBe(true);
    expect(isMet(0.1 + 0.2, { op: '=', value: 0.3 }, 2)).toBe(true);
    expect(gap(0.1 + 0.2, { op: '<=', value: 0.3 }, 2)).toBe(0);
  });

  test('a value that rounds to the threshold at the precision meets it', () => {
    const th: Threshold = { op: '>=', value: 95 };
    expect(isMet(94.95, th, 1)).toBe(true); // 95.0
    expect(isMet(94.94, th, 1)).toBe(false); // 94.9
    expect(gap(94.94, th, 1)).toBe(0.1);
    expect(isMet(4.195, { op: '>=', value: 4.2 }, 2)).toBe(true);
    expect(isMet(0.154, { op: '<=', value: 0.15 }, 2)).toBe(true);
    expect(isMet(0.155, { op: '<=', value: 0.15 }, 2)).toBe(false); // 0.16
  });

  test('strict comparators: the gap is measured to the first displayable value that meets', () => {
    expect(strictBound(95, '>', 1)).toBe(95.1);
    expect(strictBound(95.05, '>', 1)).toBe(95.1);
    expect(strictBound(0.15, '<', 2)).toBe(0.14);
    expect(strictBound(0, '<', 0)).toBe(-1);
    const th: Threshold = { op: '>', value: 95 };
    expect(isMet(95, th, 1)).toBe(false);
    expect(gap(95, th, 1)).toBe(0.1);
    expect(gap(95.04, th, 1)).toBe(0.1);
    expect(isMet(95.05, th, 1)).toBe(true);
    expect(gap(95.05, th, 1)).toBe(0);
    expect(gap(0.15, { op: '<', value: 0.15 }, 2)).toBe(0.01);
  });

  test('gap per comparator, in the unit, never negative', () => {
    expect(gap(93.5, { op: '>=', value: 96 }, 1)).toBe(2.5);
    expect(gap(98, { op: '>=', value: 96 }, 1)).toBe(0);
    expect(gap(0.2, { op: '<=', value: 0.15 }, 2)).toBe(0.05);
    expect(gap(3, { op: '<=', value: 0 }, 0)).toBe(3);
    expect(gap(48, { op: '=', value: 50 }, 0)).toBe(2);
    expect(gap(52, { op: '=', value: 50 }, 0)).toBe(2);
    expect(gap(4, { op: 'between', low: 1, high: 3 }, 0)).toBe(1);
    expect(gap(0, { op: 'between', low: 1, high: 3 }, 0)).toBe(1);
    expect(gap(2, { op: 'between', low: 1, high: 3 }, 0)).toBe(0);
    expect(gap(1, { op: 'bool', value: true }, 0)).toBe(0);
    expect(gap(0, { op: 'bool', value: true }, 0)).toBe(1);
  });

  test('gap precision is raised to the target decimals', () => {
    expect(gapPrecision({ op: '>=', value: 4.25 }, 1)).toBe(2);
    expect(gap(4.2, { op: '>=', value: 4.21 }, 1)).toBe(0.01); // not rounded away to 0
    expect(explicitPrecision({ op: '>=', value: 95 })).toBe(2);
    expect(explicitPrecision({ op: '<=', value: 0.155 })).toBe(3);
  });

  test('status with a band', () => {
    const th: Threshold = { op: '>=', value: 96 };
    expect(status(97, th, { precision: 1, band: 1 })).toBe('met');
    expect(status(95.5, th, { precision: 1, band: 1 })).toBe('near');
    expect(status(95, th, { precision: 1, band: 1 })).toBe('near'); // gap = band: near
    expect(status(94.9, th, { precision: 1, band: 1 })).toBe('unmet');
    expect(status(null, th)).toBe('noData');
    expect(status('不适用', th)).toBe('noData');
    expect(status('95%', th, { precision: 1, band: 1 })).toBe('near');
    expect(status(99, null)).toBe('unknownTarget');
  });
});

describe('parsing comparators and thresholds', () => {
  test.each<[string, string]>([
    ['>=', '>='],
    ['≥', '>='],
    ['＞＝', '>='],
    ['不低于', '>='],
    ['以上', '>='],
    ['>', '>'],
    ['高于', '>'],
    ['超过', '>'],
    ['<=', '<='],
    ['不超过', '<='],
    ['以内', '<='],
    ['<', '<'],
    ['低于', '<'],
    ['=', '='],
  ])('%p → %p', (text, op) => {
    expect(parseRelation(text)).toBe(op);
  });
  test('thresholds', () => {
    expect(parseThreshold('≥95')).toEqual({ op: '>=', value: 95 });
    expect(parseThreshold('>= 95%')).toEqual({ op: '>=', value: 95 });
    expect(parseThreshold('<=0.15')).toEqual({ op: '<=', value: 0.15 });
    expect(parseThreshold('95以上')).toEqual({ op: '>=', value: 95 });
    expect(parseThreshold('高于95')).toEqual({ op: '>', value: 95 });
    expect(parseThreshold('85-90')).toEqual({ op: 'between', low: 85, high: 90 });
    expect(parseThreshold('1～3')).toEqual({ op: 'between', low: 1, high: 3 });
    expect(parseThreshold('96')).toEqual({ op: '>=', value: 96 });
    expect(parseThreshold('96', '<=')).toEqual({ op: '<=', value: 96 });
    expect(parseThreshold('b1')).toBeUndefined();
    expect(parseThreshold('plan/b1')).toBeUndefined();
    expect(parseThreshold('90-85')).toBeUndefined();
  });
  test('thresholdText', () => {
    expect(thresholdText({ op: '>=', value: 96 }, '%')).toEqual({ zh: '≥ 96%', en: '≥ 96%' });
    expect(thresholdText({ op: 'bool', value: true })).toEqual({ zh: '是', en: 'yes' });
    expect(thresholdText({ op: 'between', low: 1, high: 3 }, '项').zh).toBe('1–3项');
  });
});

describe('properties', () => {
  const ops = ['>=', '>', '<=', '<', '='] as const;
  const targetArb = fc
    .tuple(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: 0, max: 3 }))
    .map(([n, d]) => n / 10 ** d);
  const thresholdArb: fc.Arbitrary<Threshold> = fc.oneof(
    fc.tuple(fc.constantFrom(...ops), targetArb).map(([op, value]) => ({ op, value })),
    fc.tuple(targetArb, targetArb).map(([a, b]) => ({ op: 'between' as const, low: Math.min(a, b), high: Math.max(a, b) })),
    fc.boolean().map((value) => ({ op: 'bool' as const, value })),
  );
  const actualArb = fc.oneof(
    fc.double({ min: -200, max: 200, noNaN: true }),
    targetArb,
    targetArb.map((t) => t + 0.1 + 0.2 - 0.3),
    fc.integer({ min: -5, max: 5 }),
  );

  test('gap is 0 exactly when met, and never negative', () => {
    fc.assert(
      fc.property(actualArb, thresholdArb, fc.integer({ min: 0, max: 4 }), (x, th, p) => {
        const g = gap(x, th, p);
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g === 0).toBe(isMet(x, th, p));
        expect(Number.isFinite(g)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  test('raising the actual never turns 达标 into 未达标 for a ≥ (or >) target', () => {
    const rank: Record<Status, number> = { unmet: 0, near: 1, met: 2, noData: -1, unknownTarget: -1 };
    fc.assert(
      fc.property(
        actualArb,
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.constantFrom('>=' as const, '>' as const),
        targetArb,
        fc.integer({ min: 0, max: 4 }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (x, d, op, t, p, band) => {
          const th: Threshold = { op, value: t };
          const before = status(x, th, { precision: p, band });
          const after = status(x + d, th, { precision: p, band });
          if (before === 'met') expect(after).toBe('met');
          expect(rank[after]).toBeGreaterThanOrEqual(rank[before]);
        },
      ),
      { numRuns: 5000 },
    );
  });

  test('lowering the actual never turns 达标 into 未达标 for a ≤ (or <) target', () => {
    fc.assert(
      fc.property(actualArb, fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom('<=' as const, '<' as const), targetArb, fc.integer({ min: 0, max: 4 }), (x, d, op, t, p) => {
        const th: Threshold = { op, value: t };
        if (isMet(x, th, p)) expect(isMet(x - d, th, p)).toBe(true);
      }),
    );
  });

  test('the rule equals ROUND(x,p) compared with t', () => {
    fc.assert(
      fc.property(actualArb, thresholdArb, fc.integer({ min: 0, max: 4 }), (x, th, p) => {
        expect(isMet(x, th, p)).toBe(compareRounded(roundTo(x, p), th));
      }),
    );
  });
});
