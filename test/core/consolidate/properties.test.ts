/**
 * Properties of consolidation over generated returns (fast-check): the order of files does not
 * matter; consolidating A+B and then adding C gives the totals of A+B+C; a city consolidating
 * county summaries gets the totals of consolidating every school directly.
 */
import fc from 'fast-check';
import { consolidate, summaryAsReturn, type Consolidation, type ReturnRead, type TemplateRead } from '../../../src/core/consolidate';
import { TEMPLATE_VERSION } from '../../../src/core/template/spec';
import { planHash } from '../../../src/core/workbook/hash';
import { INPUTS, plans, yzjh } from './county';

const hash = planHash(yzjh);

interface GenSchool {
  level: '小学' | '初中';
  values: number[];
}

const school = fc.record({
  level: fc.constantFrom('小学' as const, '初中' as const),
  // pupils ≥ 1, then seven resource amounts
  values: fc.tuple(fc.integer({ min: 1, max: 3000 }), ...INPUTS.slice(1).map(() => fc.integer({ min: 0, max: 100_000 }))),
});

/** Files of schools; each school a unique name; files get distinct timestamps. */
const files = fc.array(fc.array(school, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 });

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
          .map((s, i) => ({ s, i }))
          .filter(({ s }) => s.level === level)
          .map(({ s, i }) => ({
            name: `${prefix}${f}-校${i}-${serial++}`,
            index: i + 1,
            at: { sheet: 'S', cell: `B${i + 8}` },
            inputs: Object.fromEntries(INPUTS.map((id, j) => [id, { value: s.values[j]!, sheet: 'S', cell: `${String.fromCharCode(67 + j)}${i + 8}` }])),
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

function expectSameTotals(a: Consolidation, b: Consolidation): void {
  const ta = totals(a);
  const tb = totals(b);
  expect(Object.keys(tb).sort()).toEqual(Object.keys(ta).sort());
  for (const k of Object.keys(ta)) {
    const [va, na, da] = ta[k]!;
    const [vb, nb, db] = tb[k]!;
    expect(nb).toBe(na); // integer sums: exact
    expect(db).toBe(da);
    if (va === null) expect(vb).toBeNull();
    else expect(vb!).toBeCloseTo(va, 9);
  }
}

test('the order of files does not matter', () => {
  fc.assert(
    fc.property(files, fc.infiniteStream(fc.integer()), (groups, randoms) => {
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
    fc.property(files, fc.infiniteStream(fc.integer()), (groups, randoms) => {
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

test('consolidating A+B, then adding C, gives the totals of A+B+C', () => {
  fc.assert(
    fc.property(files, files, (ab, cGroups) => {
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

test('a city consolidating county summaries gets the totals of consolidating every school directly', () => {
  fc.assert(
    fc.property(fc.array(files, { minLength: 1, maxLength: 4 }), (counties) => {
      const countyReads = counties.map((g, k) => reads(g, `县${k}-`));
      const direct = consolidate(countyReads.flat(), plans);
      const summaries = countyReads.map((r, k) => summaryAsReturn(consolidate(r, plans), yzjh, `县${k}`, `县${k}-汇总.xlsx`));
      const city = consolidate(summaries, plans);
      expectSameTotals(direct, city);
      expect(city.units.map((u) => u.unit).every((n) => n.startsWith('县'))).toBe(true);
    }),
    { numRuns: 40 },
  );
});
