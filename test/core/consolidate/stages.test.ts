/**
 * A county table covering both stages (no --level): a 九年一贯制 school gives pupils per stage and
 * its shared resources once; consolidation splits them by the standard's stage weights (小学 1 :
 * 初中 1.1) exactly as the template does, so the school enters each stage's sums and 差异系数 —
 * checked against the arithmetic written out here.
 */
import { buildSummarySpecs, consolidate, readReturn } from '../../../src/core/consolidate';
import { plans, yzjh } from './county';
import { specToGrid, template } from '../validate/helpers';

const SHARED = ['teachers-above-qualification', 'backbone-teachers', 'pe-art-teachers', 'teaching-aux-area', 'sports-area', 'equipment-value', 'multimedia-rooms'] as const;
const combined = { primary: 600, junior: 400, res: [52, 12, 10, 5000, 9000, 2_400_000, 26] };
const primary = { pupils: 800, res: [36, 9, 8, 3800, 6400, 1_700_000, 20] };
const junior = { pupils: 500, res: [30, 6, 5, 3100, 5600, 1_300_000, 13] };

const t = template(yzjh, { kind: 'units', year: 2025, units: ['实验九年一贯制学校', '城关小学', '第一中学'] });
t.set('实验九年一贯制学校', 'pupils.primary', combined.primary);
t.set('实验九年一贯制学校', 'pupils.junior', combined.junior);
SHARED.forEach((id, i) => t.set('实验九年一贯制学校', id, combined.res[i]!));
t.set('城关小学', 'pupils.primary', primary.pupils);
SHARED.forEach((id, i) => t.set('城关小学', id, primary.res[i]!));
t.set('第一中学', 'pupils.junior', junior.pupils);
SHARED.forEach((id, i) => t.set('第一中学', id, junior.res[i]!));

const c = consolidate([readReturn({ file: '全县.xlsx', book: t.book }, plans)], plans);

test('the combined school is a unit in each stage, its shared resources split by weighted pupils', () => {
  const rows = c.units.filter((u) => u.unit === '实验九年一贯制学校');
  expect(rows.map((u) => u.level)).toEqual(['小学', '初中']);
  const W = combined.primary * 1 + combined.junior * 1.1; // 1040
  const sharePrimary = combined.primary / W;
  const shareJunior = (combined.junior * 1.1) / W;
  expect(rows[0]!.inputs.pupils).toBe(600);
  expect(rows[1]!.inputs.pupils).toBe(400);
  expect(rows[0]!.inputs['teaching-aux-area']).toBeCloseTo(5000 * sharePrimary, 9); // 2884.6…
  expect(rows[1]!.inputs['teaching-aux-area']).toBeCloseTo(5000 * shareJunior, 9);
  expect(rows[0]!.cells['teaching-aux-area']).toMatch(/×0\.5769/);
  // Single-stage schools are in their own stage only.
  expect(c.units.filter((u) => u.unit === '城关小学').map((u) => u.level)).toEqual(['小学']);
  expect(c.units.filter((u) => u.unit === '第一中学').map((u) => u.level)).toEqual(['初中']);
});

test('each stage\'s sums and coefficient include the school\'s part, by hand', () => {
  const W = combined.primary + combined.junior * 1.1;
  for (const [level, share, own, other] of [
    ['小学', combined.primary / W, combined.primary, primary],
    ['初中', (combined.junior * 1.1) / W, combined.junior, junior],
  ] as const) {
    // B4: 生均教学及辅助用房面积 = area ÷ pupils.
    const a = c.aggregates.find((x) => x.indicator === 'b4' && x.level === level)!;
    const area = [5000 * share, other.res[3]!];
    const pupils = [own, other.pupils];
    const mean = (area[0]! + area[1]!) / (pupils[0]! + pupils[1]!);
    expect(a.value).toBeCloseTo(mean, 9);
    const P = pupils[0]! + pupils[1]!;
    const sd = Math.sqrt(pupils.reduce((n, p, i) => n + (p / P) * (area[i]! / p - mean) ** 2, 0));
    expect(a.diffCoef!).toBeCloseTo(sd / mean, 12);
  }
});

test('the summary as a return one level up: the exact (fractional) sums, valid, one unit per stage, the same totals', () => {
  const specs = buildSummarySpecs(c, yzjh, { region: '示范县' });
  expect(specs).toHaveLength(2);
  // The carried returns say so, and their count cells take fractions (data validation not whole-only).
  expect(specs.every((s) => s.meta.carried === true)).toBe(true);
  const city = consolidate(
    specs.map((s, i) => readReturn({ file: `汇总-${i}.xlsx`, book: specToGrid(s) }, plans)),
    plans,
  );
  // Validation of the carried return: no 'not-whole' error for the fractional counts, and the summary's
  // own sheets (汇总, 明细 …) are not values typed beside the return (no unplaced-value): no issue at all.
  expect(city.files.flatMap((f) => f.issues.map((i) => i.code))).toEqual([]);
  expect(city.units.map((u) => [u.unit, u.level, u.included, u.errors])).toEqual([
    ['示范县', '小学', true, 0],
    ['示范县', '初中', true, 0],
  ]);
  const W = combined.primary + combined.junior * 1.1;
  // Teachers split by the stage share are carried exactly as summed: 城关小学's 9 + 12 × 600/1040 = 15.923….
  expect(city.units[0]!.inputs['backbone-teachers']).toBe(primary.res[1]! + combined.res[1]! * (combined.primary / W));
  expect(city.units[0]!.inputs['backbone-teachers']).toBeCloseTo(15.923077, 6);
  expect(city.units[0]!.inputs.pupils).toBe(combined.primary + primary.pupils);
  // A county is not a school: no 6-of-7 result for it, no between-school coefficient over counties.
  expect(city.units.every((u) => u.region === true && u.balanced === undefined)).toBe(true);
  expect(city.verdicts).toEqual([]);
  expect(city.aggregates.filter((a) => a.diffCoef !== undefined || a.diffCoefLimit !== undefined)).toEqual([]);
  expect(c.aggregates.filter((a) => a.diffCoefLimit !== undefined)).toHaveLength(14);
  // So the city's figures are the county's, to the last bit here (one county: the same sums).
  for (const a of c.aggregates) {
    const b = city.aggregates.find((x) => x.indicator === a.indicator && x.level === a.level)!;
    expect([a.indicator, a.level, b.numerator, b.denominator, b.value]).toEqual([a.indicator, a.level, a.numerator, a.denominator, a.value]);
  }
});
