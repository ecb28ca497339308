/**
 * Properties of validation over any cell content: it never throws, every issue sits on a cell of
 * the template (or on no cell), every message is rendered in both languages, and values are
 * finite numbers or null.
 */
import fc from 'fast-check';
import { validate, ISSUE_CODES } from '../../../src/core/validate';
import { a1, a1ToRowCol } from '../../../src/core/workbook/address';
import { setGridCell, type GridValue } from '../../../src/core/workbook/grid';
import { validationPlan } from './fixtures';
import { parsePlan, template, type Filled } from './helpers';
import { expectDeclaredOnly, runInstrumented } from './instrument';

// Random grids through the table one check at a time: each check emits only codes it declares.
afterAll(() => expectDeclaredOnly());

const plan = parsePlan(validationPlan());

const tricky = fc.constantFrom(
  '',
  ' ',
  '1,234',
  '１２３４',
  '９５．５％',
  '95 %',
  '1.2万',
  '九十五点五',
  '百分之95',
  '5‰',
  '95,5',
  '暂无数据',
  '不适用',
  '—',
  '-',
  'n/a',
  '是',
  '否',
  '√',
  '=SUM(A1:A9)',
  '+1',
  '@x',
  "'0123",
  '1e400',
  '-1e-400',
  'NaN',
  'Infinity',
  '2024-01-05',
  '2024年1月5日',
  '#DIV/0!',
  '\u200b42\ufeff',
  'x'.repeat(300),
);

/** Anything a host might hand over, including what the grid type does not promise (Dates, NaN). */
const anyCell: fc.Arbitrary<unknown> = fc.oneof(
  tricky,
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom({ error: '#DIV/0!' }, { error: '#N/A' }, { error: '#VALUE!' }, { error: '#REF!' }, { error: '#NAME?' }),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom({}, [], { richText: [] }, { error: 42 }),
);

/** Every cell a template may be reported on: its own spec cells and the cells of its map. */
function templateCells(f: Filled): Set<string> {
  const out = new Set<string>();
  for (const s of f.spec.sheets) for (const a of Object.keys(s.cells)) out.add(`${s.name}!${a}`);
  for (const c of f.cells.cells) {
    out.add(`${c.sheet}!${c.address}`);
    out.add(`${c.unitCell.sheet}!${c.unitCell.address}`);
  }
  return out;
}

function fillRandomly(f: Filled, contents: unknown[], extra: Array<{ row: number; col: number; value: unknown; formula: string | null }>): void {
  f.cells.cells.forEach((c, i) => {
    const { row, col } = a1ToRowCol(c.address);
    setGridCell(f.sheet(c.sheet), row, col, contents[i % contents.length] as GridValue);
  });
  for (const e of extra) setGridCell(f.sheet(), e.row, e.col, e.value as GridValue, e.formula);
}

function checkResult(f: Filled, run: () => ReturnType<typeof validate>): void {
  let r: ReturnType<typeof validate> | undefined;
  expect(() => {
    r = run();
  }).not.toThrow();
  const allowed = templateCells(f);
  // Values typed outside the template are reported where they are (read or listed, never lost).
  const typed = new Set<string>();
  for (const s of f.book.sheets) s.values.forEach((row, r) => row.forEach((v, c) => v !== null && v !== '' && typed.add(`${s.name}!${a1(r + 1, c + 1)}`)));
  const beyond = new Set(['unit-added', 'column-added', 'unplaced-value']);
  for (const i of r!.issues) {
    expect(ISSUE_CODES).toContain(i.code);
    if (i.cell !== undefined) expect(allowed.has(`${i.sheet}!${i.cell}`) || (beyond.has(i.code) && typed.has(`${i.sheet}!${i.cell}`))).toBe(true);
    expect(i.message.zh.length).toBeGreaterThan(0);
    expect(i.message.en.length).toBeGreaterThan(0);
    expect(i.message.zh).not.toMatch(/undefined|\[object/);
    expect(i.message.en).not.toMatch(/undefined|\[object/);
    expect(JSON.parse(JSON.stringify(i))).toBeTruthy();
  }
  for (const v of r!.values) if (v.value !== null) expect(Number.isFinite(v.value)).toBe(true);
}

const extraCells = fc.array(
  fc.record({
    row: fc.integer({ min: 1, max: 60 }),
    col: fc.integer({ min: 1, max: 30 }),
    value: anyCell,
    formula: fc.oneof(fc.constant(null), fc.string({ maxLength: 30 }), fc.constant('G9/G12*100')),
  }),
  { maxLength: 12 },
);

test('a return: never throws, never reports a cell outside the template', () => {
  fc.assert(
    fc.property(fc.array(anyCell, { minLength: 1, maxLength: 40 }), extraCells, (contents, extra) => {
      const f = template(plan, { units: ['甲幼儿园'], year: 2025 });
      fillRandomly(f, contents, extra);
      checkResult(f, () => validate(f.book, plan, { previous: [{ unit: '甲幼儿园', indicator: 'public-share', value: 40 }] }));
      runInstrumented(f.book, plan, { previous: [{ unit: '甲幼儿园', indicator: 'public-share', value: 40 }] });
    }),
    { numRuns: 100 },
  );
});

test('a unit table the filler names: never throws, never reports outside the template', () => {
  fc.assert(
    fc.property(fc.array(anyCell, { minLength: 1, maxLength: 80 }), extraCells, (contents, extra) => {
      const f = template(plan, { kind: 'units', emptyRows: 6, year: 2025 });
      fillRandomly(f, contents, extra);
      checkResult(f, () => validate(f.book, plan));
      runInstrumented(f.book, plan);
    }),
    { numRuns: 60 },
  );
});

test('a damaged map or metadata never throws', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 6 }), anyCell), { maxLength: 10 }), fc.array(fc.string(), { maxLength: 4 }), (edits, refs) => {
      const f = template(plan, { units: ['甲幼儿园'], year: 2025 });
      const meta = f.book.sheets[f.book.sheets.length - 1]!;
      for (const [r, c, v] of edits) setGridCell(meta, r + 1, c + 1, v as GridValue);
      refs.forEach((ref, i) => {
        const n = f.book.definedNames[i];
        if (n) n.ref = ref;
      });
      expect(() => validate(f.book, plan)).not.toThrow();
    }),
    { numRuns: 100 },
  );
});
