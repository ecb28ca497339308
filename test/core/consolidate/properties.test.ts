/**
 * Properties of consolidation over generated returns (fast-check): the order of files does not
 * matter; consolidating A+B and then adding C gives the totals of A+B+C; a city consolidating
 * county summaries gets the totals of consolidating every school directly — also with 九年一贯制
 * schools, whose shared resources are split between the stages by 分摊比例 (P小·1 : P初·1.1), so
 * the carried counts are fractional.
 *
 * Equality: with whole numbers only, exact (every sum is an integer below 2^53). With fractional
 * splits the county sums are carried exactly (no rounding), but floating-point addition is not
 * associative — Σ(Σ county) and Σ all differ in the last bits (relative ≤ n·2⁻⁵³) — so the totals
 * are required equal to 12 significant digits: far beyond what the summary displays (Σ parts at 2
 * decimals, every value at its indicator's precision, ≤ 2 decimals).
 */
import fc from 'fast-check';
import { consolidate, summaryAsReturn, type Consolidation, type ReturnRead, type TemplateRead } from '../../../src/core/consolidate';
import { TEMPLATE_VERSION } from '../../../src/core/template/spec';
import { planHash } from '../../../src/core/workbook/hash';
import { INPUTS, plans, yzjh } from './county';

const hash = planHash(yzjh);

interface GenSchool {
  /** 九年一贯制: a combined school in both stages. */
  level: '小学' | '初中' | '九年一贯制';
  values: number[];
  /** A combined school's 初中 pupils (values[0] are its 小学 pupils). */
  junior?: number;
}

const pupils = fc.integer({ min: 1, max: 3000 });
const resources = fc.tuple(...INPUTS.slice(1).map(() => fc.integer({ min: 0, max: 100_000 })));
const single = fc.record({
  level: fc.constantFrom('小学' as const, '初中' as const),
  // pupils ≥ 1, then seven resource amounts
  values: fc.tuple(pupils, ...INPUTS.slice(1).map(() => fc.integer({ min: 0, max: 100_000 }))),
});
const combined = fc.record({
  level: fc.constant('九年一贯制' as const),
  values: fc.tuple(pupils, resources).map(([p, r]) => [p, ...r]),
  junior: pupils,
});

/** Files of schools, 九年一贯制 ones among them (fractional stage splits); each school a unique name; files get distinct timestamps. */
const filesWithCombined = fc.array(fc.array(fc.oneof(single, combined), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 });

/** The standard's stage weights (小学 1, 初中 1.1): a combined school's share of its resources per stage. */
const WEIGHT = { 小学: 1, 初中: 1.1 } as const;

/** A school's inputs at a level, or none when it has no pupils there. */
function atLevel(s: GenSchool, level: '小学' | '初中'): number[] | undefined {
  if (s.level !== '九年一贯制') return s.level === level ? s.values : undefined;
  const p = { 小学: s.values[0]!, 初中: s.junior! };
  const share = (p[level] * WEIGHT[level]) / (p.小学 * WEIGHT.小学 + p.初中 * WEIGHT.初中);
  return [p[level], ...s.values.slice(1).map((v) => v * share)];
}

let serial = 0;
function reads(groups: GenSchool[][], prefix = 'f'): ReturnRead[] {
  return groups.map((schools, f) => {
    const templates: TemplateRead[] = (['小学', '初中'] as const)
      .map((level, k) => ({
        planId: yzjh.id,
        planVersion: yzjh.version,
        templateVersion: TEMPLATE_VERSION,
        planHash: hash,
        kind: 'units',
        level,
        year: 2025,
        instance: k + 1,
        units: schools
          .map((s, i) => ({ values: atLevel(s, level), i }))
          .filter((x): x is { values: number[]; i: number } => x.values !== undefined)
          .map(({ values, i }) => ({
            name: `${prefix}${f}-校${i}-${serial++}`,
            index: i + 1,
            at: { sheet: 'S', cell: `B${i + 8}` },
            inputs: Object.fromEntries(INPUTS.map((id, j) => [id, { value: values[j]!, sheet: 'S', cell: `${String.fromCharCode(67 + j)}${i + 8}` }])),
            errors: 0,
          })),
      }))
      .filter((t) => t.units.length > 0);
    return { file: `${prefix}${f}.xlsx`, modified: 1000 + f, status: 'read' as const, templates, issues: [] };
  });
}

/** The totals a consolidation reports: per (indicator, level) the value and its summed parts. */
function totals(c: Consolidation): Record<string, [number | null, number | undefined, number | undefined]> {
  const out: Record<string, [number | null, number | undefined, number | undefined]> = {};
  for (const a of c.aggregates) out[`${a.indicator}/${a.level}`] = [a.value, a.numerator, a.denominator];
  return out;
}

/** Equal: exactly for whole numbers; to 12 significant digits when a split made them fractional (see the top). */
function expectSame(b: number | null | undefined, a: number | null | undefined, what: string): void {
  if (a === null || a === undefined || b === null || b === undefined) return expect([what, b]).toEqual([what, a]);
  if (Number.isInteger(a)) return expect([what, b]).toEqual([what, a]);
  expect([what, Math.abs(b - a) <= 1e-12 * Math.max(1, Math.abs(a))]).toEqual([what, true]);
}

function expectSameTotals(a: Consolidation, b: Consolidation): void {
  const ta = totals(a);
  const tb = totals(b);
  expect(Object.keys(tb).sort()).toEqual(Object.keys(ta).sort());
  for (const k of Object.keys(ta)) {
    const [va, na, da] = ta[k]!;
    const [vb, nb, db] = tb[k]!;
    expectSame(nb, na, `${k} Σ numerator`);
    expectSame(db, da, `${k} Σ denominator`);
    // A value from whole sums is one correctly rounded division on both sides: exact too.
    if (Number.isInteger(na) && Number.isInteger(da)) expect([k, vb]).toEqual([k, va]);
    else expectSame(vb, va, `${k} value`);
  }
}

test('the order of files does not matter', () => {
  fc.assert(
    fc.property(filesWithCombined, fc.infiniteStream(fc.integer()), (groups, randoms) => {
      const r = reads(groups);
      const shuffled = r
        .map((x) => ({ x, k: randoms.next().value }))
        .sort((p, q) => p.k - q.k)
        .map((p) => p.x);
      expect(consolidate(shuffled, plans)).toEqual(consolidate(r, plans));
    }),
    { numRuns: 40 },
  );
});

test('the order of files does not matter when units repeat across files (the newest is kept)', () => {
  fc.assert(
    fc.property(filesWithCombined, fc.infiniteStream(fc.integer()), (groups, randoms) => {
      const r = reads(groups);
      // Every file's units appear again in a copy saved later or earlier.
      const copies = r.map((x, i) => ({ ...x, file: `copy-${x.file}`, modified: (i % 2 === 0 ? 5000 : 0) + i }));
      const all = [...r, ...copies];
      const shuffled = all
        .map((x) => ({ x, k: randoms.next().value }))
        .sort((p, q) => p.k - q.k)
        .map((p) => p.x);
      const a = consolidate(shuffled, plans);
      expect(a).toEqual(consolidate(all, plans));
      expectSameTotals(a, consolidate(r, plans));
    }),
    { numRuns: 30 },
  );
});

test('consolidating A+B, then adding C, gives the totals of A+B+C (九年一贯制 schools among them)', () => {
  fc.assert(
    fc.property(filesWithCombined, filesWithCombined, (ab, cGroups) => {
      const abReads = reads(ab, 'ab');
      const cReads = reads(cGroups, 'c');
      const direct = consolidate([...abReads, ...cReads], plans);
      const first = consolidate(abReads, plans);
      const staged = consolidate([summaryAsReturn(first, yzjh, 'A+B 汇总', 'ab-summary.xlsx'), ...cReads], plans);
      expectSameTotals(direct, staged);
    }),
    { numRuns: 40 },
  );
});

test('a city consolidating county summaries gets the totals of consolidating every school directly (九年一贯制 schools among them)', () => {
  fc.assert(
    fc.property(fc.array(filesWithCombined, { minLength: 1, maxLength: 4 }), (counties) => {
      const countyReads = counties.map((g, k) => reads(g, `县${k}-`));
      const direct = consolidate(countyReads.flat(), plans);
      const summaries = countyReads.map((r, k) => summaryAsReturn(consolidate(r, plans), yzjh, `县${k}`, `县${k}-汇总.xlsx`));
      const city = consolidate(summaries, plans);
      expectSameTotals(direct, city);
      expect(city.units.map((u) => u.unit).every((n) => n.startsWith('县'))).toBe(true);
    }),
    { numRuns: 60 },
  );
});

test('the generator does make fractional counts: a combined school\'s split is carried unrounded', () => {
  const counties = [[[{ level: '九年一贯制' as const, values: [600, 52, 12, 10, 5000, 9000, 2_400_000, 26], junior: 400 }]]];
  const reads0 = counties.map((g, k) => reads(g, `县${k}-`));
  const county = consolidate(reads0.flat(), plans);
  const carried = summaryAsReturn(county, yzjh, '县0', '县0-汇总.xlsx');
  const primary = carried.templates.find((t) => t.level === '小学')!.units[0]!.inputs;
  // 小学 share 600 / (600 + 400 × 1.1) = 600/1040: 12 backbone teachers → 6.923…, area 5000 → 2884.615…
  expect(primary['teaching-aux-area']!.value).toBe(5000 * (600 / 1040));
  expect(primary['backbone-teachers']!.value).toBeCloseTo(6.923077, 6);
  const city = consolidate([carried], plans);
  expectSameTotals(county, city);
});
