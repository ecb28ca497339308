/**
 * The check pipeline and its columnar path give exactly what the per-cell validation gave: the
 * same issues in the same order, the same values and statuses, the same summaries — on random
 * grids (numbers, text, full-width digits, missing codes 不适用/暂无数据, Excel errors, yes/no
 * words, explanations, overwritten formula cells), for returns and unit tables, with and without
 * status and formula checks. The per-cell implementation is frozen in ./reference (the oracle).
 *
 * And the columnar indicator values are the core's `computeIndicator` on each unit's cells read
 * one by one (`readInputCell`): the straightforward per-cell evaluation.
 */
import fc from 'fast-check';
import { computeIndicator } from '../../../src/core/evaluate';
import type { Coerced } from '../../../src/core/coerce';
import { loadShippedPlans } from '../../../src/node/seeds';
import type { Plan } from '../../../src/core/plan/schema';
import { runChecks, validate, type ValidateOptions } from '../../../src/core/validate';
import { fieldsOf } from '../../../src/core/validate/fields';
import { readInputCell } from '../../../src/core/validate/read';
import { a1ToRowCol } from '../../../src/core/workbook/address';
import { isNoteInput } from '../../../src/core/workbook/cellmap';
import { setGridCell, type GridValue } from '../../../src/core/workbook/grid';
import { validate as reference } from './reference/validate';
import { validationPlan } from './fixtures';
import { parsePlan, template, type Filled } from './helpers';

const plan = parsePlan(validationPlan());
const yzjh = loadShippedPlans().find((p) => p.id === 'national-yzjh-2017');
if (!yzjh) throw new Error('national-yzjh-2017 must be shipped (catalog-ids.json)');

/** What a filler types: mostly plausible numbers (so rules and ratios compute), and every kind of trouble. */
const cell: fc.Arbitrary<GridValue> = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 2000 }) },
  { weight: 2, arbitrary: fc.double({ min: -50, max: 3000, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, 100, 1e9, -3) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '不适用',
      '暂无数据',
      '—',
      'n/a',
      '１２００',
      '９５．５％',
      '1,234',
      '1.2万',
      '九十五',
      '95%',
      '是',
      '否',
      '√',
      '约八百',
      'abc',
      '2024-01-05',
      '=SUM(A1:A9)',
      '\u200b42\ufeff',
      '12.5',
      '-7',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<GridValue>({ error: '#DIV/0!' }, { error: '#N/A' }, { error: '#REF!' }, true, false, null) },
);

/** Writes contents into the template's input cells (and explanation cells), cycling through the list. */
function fill(f: Filled, contents: GridValue[], notes: string[]): void {
  let n = 0;
  for (const c of f.cells.cells) {
    const { row, col } = a1ToRowCol(c.address);
    const value = isNoteInput(c.input) ? (notes[n % Math.max(1, notes.length)] ?? null) : contents[n % contents.length]!;
    setGridCell(f.sheet(c.sheet), row, col, value);
    n++;
  }
}

/** Typed over some of the template's formula cells (a value, a number, another formula). */
const overwrites = fc.array(fc.record({ pick: fc.nat(), value: cell, formula: fc.constantFrom<string | null>(null, null, 'B7/C7*100', '1+1') }), { maxLength: 6 });

function overwrite(f: Filled, edits: Array<{ pick: number; value: GridValue; formula: string | null }>): void {
  const sheet = f.spec.sheets[0]!;
  const formulaCells = Object.entries(sheet.cells).filter(([, c]) => c.formula !== undefined);
  if (formulaCells.length === 0) return;
  for (const e of edits) {
    const [address] = formulaCells[e.pick % formulaCells.length]!;
    f.put(sheet.name, address, e.value, e.formula);
  }
}

const options: fc.Arbitrary<ValidateOptions> = fc.record(
  {
    status: fc.boolean(),
    formulas: fc.boolean(),
    previous: fc.array(fc.record({ unit: fc.constantFrom('甲园', '乙园', '丙园', '甲幼儿园', '学校1'), indicator: fc.constantFrom('public-share', 'gross-enrolment', 'pupil-teacher'), value: fc.oneof(fc.double({ min: 0, max: 200, noNaN: true }), fc.constant(null)) }), { maxLength: 4 }),
    plausibility: fc.record({ outlierZ: fc.constantFrom(2, 3.5), minPeers: fc.constantFrom(3, 5) }),
  },
  { requiredKeys: [] },
);

function same(f: Filled, p: Plan, opts: ValidateOptions): void {
  const now = validate(f.book, p, opts);
  const before = reference(f.book, p, opts);
  expect(now.issues).toEqual(before.issues);
  // Value rows now also carry a relative target's reference (absent from the oracle): it is the
  // reference input's number as the unit typed it, and otherwise the rows are the oracle's.
  for (const v of now.values) {
    if (v.reference === undefined) continue;
    const ind = p.sections.flatMap((s) => s.indicators).find((i) => i.id === v.indicator)!;
    const target = ind.targets.find((t) => t.comparator === 'relative');
    expect(target).toBeDefined();
    expect(Number.isFinite(v.reference)).toBe(true);
  }
  expect(now.values.map(({ reference: _r, ...rest }) => rest)).toEqual(before.values);
  expect(now.templates).toEqual(before.templates);
  expect([now.valid, now.counts]).toEqual([before.valid, before.counts]);
}

test('a return: the pipeline gives what the per-cell validation gave', () => {
  fc.assert(
    fc.property(fc.array(cell, { minLength: 1, maxLength: 30 }), fc.array(fc.constantFrom('', '新建园舍', '统计口径调整'), { maxLength: 3 }), overwrites, options, (contents, notes, edits, opts) => {
      const f = template(plan, { units: ['甲幼儿园'], year: 2025 });
      fill(f, contents, notes);
      overwrite(f, edits);
      same(f, plan, opts);
    }),
    { numRuns: 150 },
  );
});

test('a unit table (named and filler-named rows): the pipeline gives what the per-cell validation gave', () => {
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.array(cell, { minLength: 1, maxLength: 120 }),
      fc.array(fc.constantFrom('', '新建园舍', '统计口径调整'), { maxLength: 3 }),
      overwrites,
      options,
      (named, contents, notes, edits, opts) => {
        const f = named ? template(plan, { kind: 'units', units: ['甲园', '乙园', '丙园', '丁园', '戊园', '己园', '庚园'], year: 2025 }) : template(plan, { kind: 'units', emptyRows: 8, year: 2025 });
        fill(f, contents, notes);
        overwrite(f, edits);
        same(f, plan, opts);
      },
    ),
    {
      numRuns: 100,
      // Found by a long run: without formula cells two indicators' values sit on the same input
      // cell, and one unit's issues of both must keep the order value by value.
      examples: [[true, [{ error: '#DIV/0!' }, 1, 1, 0, 0, 0, '', 0, 1, { error: '#DIV/0!' }, 0], [], [], { formulas: false, previous: [{ unit: '丙园', indicator: 'gross-enrolment', value: 0 }] }]],
    },
  );
});

test('a shipped plan (优质均衡 schools, per-level targets): the pipeline gives what the per-cell validation gave', () => {
  fc.assert(
    fc.property(fc.array(cell, { minLength: 1, maxLength: 200 }), overwrites, options, (contents, edits, opts) => {
      const f = template(yzjh, { kind: 'units', units: ['学校1', '学校2', '学校3', '学校4', '学校5', '学校6'], level: '小学', year: 2025 });
      fill(f, contents, []);
      overwrite(f, edits);
      same(f, yzjh, opts);
    }),
    { numRuns: 40 },
  );
});

test('plans with relative targets (each unit against its own reference): the pipeline gives what the per-cell validation gave', () => {
  const plans = loadShippedPlans().filter((p) => ['heyuan-2025-2035', 'jiedong-2023-2025', 'yangjiang-2021-2025'].includes(p.id));
  expect(plans).toHaveLength(3);
  fc.assert(
    fc.property(fc.constantFrom(...plans), fc.array(cell, { minLength: 1, maxLength: 150 }), options, (p, contents, opts) => {
      const f = template(p, { kind: 'units', units: ['一中', '二中', '三中', '四中', '五中', '六中'], year: 2025 });
      fill(f, contents, []);
      same(f, p, opts);
    }),
    { numRuns: 30 },
  );
});

test('columnar indicator values are computeIndicator over each unit’s cells read one by one', () => {
  fc.assert(
    fc.property(fc.array(cell, { minLength: 1, maxLength: 120 }), (contents) => {
      const f = template(plan, { kind: 'units', units: ['甲园', '乙园', '丙园', '丁园', '戊园'], year: 2025 });
      fill(f, contents, []);
      const run = runChecks(f.book, plan, { formulas: false });
      const ctx = run.templates[0]!.context;
      const fields = fieldsOf(plan, f.spec.meta.indicators, 2025);
      const units = ctx.units();
      let compared = 0;
      for (const k of ctx.active()) {
        const u = units[k]!;
        // The straightforward path: every cell of the unit read by itself, then the core's computation.
        const coerced: Record<string, Coerced> = {};
        for (const c of f.cells.cells) {
          if (c.unitIndex !== u.index || isNoteInput(c.input)) continue;
          const field = fields.get(c.input);
          if (!field) continue;
          const { row, col } = a1ToRowCol(c.address);
          const raw = f.sheet(c.sheet).values[row - 1]?.[col - 1] ?? null;
          coerced[c.input] = readInputCell(field, raw, { sheet: c.sheet, cell: c.address, unit: u.name, unitIndex: u.index }).reading.coerced;
        }
        for (const column of ctx.indicators()) {
          const computed = computeIndicator(plan, column.plan.indicator, coerced);
          const value = column.value[k]!;
          if (computed.kind === 'number') expect(value).toBe(computed.value);
          else expect(value).toBeNaN();
          compared++;
        }
      }
      expect(compared).toBe(ctx.active().length * ctx.indicators().length);
    }),
    { numRuns: 100 },
  );
});
