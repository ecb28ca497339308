/**
 * Golden results of reading and validating many varied returns: every issue (code, cell, message
 * in both languages), every input value and cell, every indicator value row. Validation and
 * consolidation keep per-template work cached between files (the template rebuilt once, the
 * metadata decoded once, addresses parsed once …); this holds that a cache never changes one
 * result and never lets one file's content leak into another's: the files are read interleaved,
 * templates mixed, clean returns of a template before and after hostile ones of the same template
 * (defined names moved or broken, metadata edited, rows inserted), and each result must equal the
 * one recorded in `golden/returns.json` — written by the code before the caches existed. The file
 * keeps, per return, each issue's severity, code and cell (readable in a diff) and a SHA-256 of
 * the whole result (messages, values, cells: a one-character change shows).
 *
 * A deliberate change of a message or a result regenerates the file (then review its diff):
 *   UPDATE_GOLDEN=1 npx jest test/core/consolidate/golden.test.ts
 * (GOLDEN_FULL=/tmp/x.json also writes the whole results there, to diff two versions.)
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { readReturn } from '../../../src/core/consolidate';
import { validate } from '../../../src/core/validate';
import type { Plan } from '../../../src/core/plan/schema';
import { a1ToRowCol, parseSheetRef, sheetRef } from '../../../src/core/workbook/address';
import { canonicalJson } from '../../../src/core/workbook/hash';
import { setGridCell, type SheetGrid, type WorkbookGrid } from '../../../src/core/workbook/grid';
import { META_SHEET } from '../../../src/core/template/spec';
import type { TemplateOptions } from '../../../src/core/template/options';
import { plans as shipped, yzjh, ppph } from './county';
import { validationPlan } from '../validate/fixtures';
import { parsePlan, template, type Filled } from '../validate/helpers';

const GOLDEN = path.join(__dirname, 'golden', 'returns.json');
const fixturePlan = parsePlan(validationPlan());
const plans: Plan[] = [...shipped, fixturePlan];

interface Kind {
  name: string;
  plan: Plan;
  options: TemplateOptions;
}

const KINDS: Kind[] = [
  { name: 'yzjh-return-primary', plan: yzjh, options: { units: [], level: '小学', year: 2025 } },
  { name: 'yzjh-return-junior', plan: yzjh, options: { units: ['第一中学'], level: '初中', year: 2025 } },
  { name: 'yzjh-units-primary', plan: yzjh, options: { kind: 'units', units: ['城关小学', '新铺小学', '广福小学', '南山小学'], level: '小学', year: 2025 } },
  { name: 'yzjh-units-stages', plan: yzjh, options: { kind: 'units', units: [], emptyRows: 3, year: 2025 } },
  { name: 'fixture-return', plan: fixturePlan, options: { units: ['甲幼儿园'], year: 2025 } },
  { name: 'fixture-units', plan: fixturePlan, options: { kind: 'units', units: ['甲园', '乙园', '丙园'], year: 2025 } },
  { name: 'ppph-return', plan: ppph, options: { units: ['城关幼儿园'], year: 2025 } },
];

/** A deterministic value for an input of a unit in file f (some out of range, some inconsistent). */
function valueFor(plan: Plan, input: string, unit: number, f: number): string | number {
  const def = plan.inputs.find((i) => i.id === input);
  const direct = plan.sections.flatMap((s) => s.indicators).find((i) => i.id === input);
  if (def?.kind === 'boolean' || direct?.kind === 'boolean') return (f + unit) % 5 === 0 ? '否' : '是';
  if (def?.kind === 'percent' || direct?.kind === 'rate' || direct?.kind === 'grossRatio') return 80 + ((f * 7 + unit * 3) % 30);
  const big = plan.rules.some((r) => r.total === input) || plan.sections.some((s) => s.indicators.some((i) => i.compute.kind === 'ratio' && i.compute.denominator.includes(input)));
  return big ? 900 + ((f * 37 + unit * 11) % 400) : 100 + ((f * 53 + unit * 17 + input.length * 5) % 500);
}

function fill(kind: Kind, f: number): Filled {
  const t = template(kind.plan, kind.options);
  const units = t.cells.units();
  for (const u of units) {
    if (kind.options.kind === 'units' && kind.options.units?.length === 0) {
      // Rows left for the filler: name the first two (the third stays blank).
      if (u.index > 2) continue;
      const name = t.cells.cells.find((c) => c.unitIndex === u.index)!.unitCell;
      t.put(name.sheet, name.address, `第${f}学校${u.index}`);
    }
    for (const c of t.cells.cells.filter((x) => x.unitIndex === u.index && !x.input.endsWith('#note'))) {
      t.set(u.index, c.input, valueFor(kind.plan, c.input, u.index, f));
    }
  }
  if (kind.name === 'yzjh-return-primary') {
    const unit = t.spec.hiddenMetadata.rows.find((r) => r[0] === 'unit')!;
    t.put(unit[4]!, unit[5]!, `第${f}学校`);
  }
  return t;
}

function mainSheet(t: Filled): SheetGrid {
  return t.book.sheets[0]!;
}

/** The formula cells of the main sheet, in row order. */
function formulaCells(grid: SheetGrid): Array<{ row: number; col: number; formula: string }> {
  const out: Array<{ row: number; col: number; formula: string }> = [];
  grid.formulas.forEach((r, i) => r.forEach((f, j) => f && out.push({ row: i + 1, col: j + 1, formula: f })));
  return out;
}

function setMeta(book: WorkbookGrid, key: string, value: string): void {
  const meta = book.sheets.find((s) => s.name === META_SHEET)!;
  const row = meta.values.find((r) => r[0] === key);
  if (row) row[1] = value;
}

/** Inserts an empty row above `at` on a sheet, moving the defined names below it (as a spreadsheet does; formulas are left, so they no longer match). */
function insertRow(book: WorkbookGrid, sheet: SheetGrid, at: number): void {
  sheet.values.splice(at - 1, 0, []);
  sheet.formulas.splice(at - 1, 0, []);
  for (const n of book.definedNames) {
    const r = parseSheetRef(n.ref);
    if (!r || r.sheet !== sheet.name) continue;
    const move = (x: number) => (x >= at ? x + 1 : x);
    n.ref = sheetRef(r.sheet, { top: move(r.box.top), bottom: move(r.box.bottom), left: r.box.left, right: r.box.right });
  }
}

/** How file f of a kind is broken (0: a clean return). */
const VARIANTS: Array<(t: Filled, f: number) => void> = [
  () => {},
  (t) => {
    const c = t.cells.cells.find((x) => !x.input.endsWith('#note'))!;
    t.set(c.unitIndex, c.input, '不是数字');
  },
  (t) => {
    const inputs = t.cells.cells.filter((x) => !x.input.endsWith('#note'));
    for (let i = 0; i < inputs.length; i += 3) t.set(inputs[i]!.unitIndex, inputs[i]!.input, null);
  },
  (t, f) => {
    // A number typed over a formula; another formula changed; a cached result that disagrees.
    const cells = formulaCells(mainSheet(t));
    const a = cells[f % cells.length]!;
    setGridCell(mainSheet(t), a.row, a.col, 42.5);
    const b = cells[(f * 7 + 3) % cells.length]!;
    if (b !== a) setGridCell(mainSheet(t), b.row, b.col, 1, `${b.formula}+1`);
    const c = cells[(f * 11 + 5) % cells.length]!;
    if (c !== a && c !== b) setGridCell(mainSheet(t), c.row, c.col, 12345, c.formula);
  },
  (t) => {
    // A school's own sheet beside the return, and a value typed where nothing reads it.
    const own: SheetGrid = { name: '学校自用', state: 'visible', values: [], formulas: [] };
    setGridCell(own, 2, 2, '备注');
    setGridCell(own, 3, 4, 77);
    t.book.sheets.splice(1, 0, own);
    const grid = mainSheet(t);
    setGridCell(grid, grid.values.length + 3, 3, 999);
    setGridCell(grid, 1, 9, '手写');
  },
  (t) => setMeta(t.book, 'planVersion', '0.9.0'),
  (t) => setMeta(t.book, 'planHash', 'sha256:0000'),
  (t) => setMeta(t.book, 'templateVersion', '0'),
  (t) => {
    // A defined name deleted.
    const c = t.cells.cells.find((x) => !x.input.endsWith('#note'))!;
    const name = t.spec.definedNames.find((n) => n.ref.endsWith(`$${a1ToRowCol(c.address).row}`) && n.name.includes('_I'));
    t.book.definedNames = t.book.definedNames.filter((n) => n.name !== (name?.name ?? t.book.definedNames[1]!.name));
  },
  (t) => {
    // Hostile: two input names swapped (each reads the other's cell), one pointing nowhere.
    const names = t.book.definedNames.filter((n) => /_[IC]\d+$/.test(n.name));
    const [a, b, c] = [names[0]!, names[2]!, names[4]!];
    [a.ref, b.ref] = [b.ref, a.ref];
    if (c) c.ref = '#REF!';
  },
  (t) => {
    // Hostile: the unit's name cell moved to another row, and a metadata row's address edited.
    const u = t.book.definedNames.find((n) => /_U\d+$/.test(n.name))!;
    const r = parseSheetRef(u.ref)!;
    u.ref = sheetRef(r.sheet, { ...r.box, top: r.box.top + 1, bottom: r.box.bottom + 1 });
    const meta = t.book.sheets.find((s) => s.name === META_SHEET)!;
    const cellRow = meta.values.find((x) => x[0] === 'cell' || x[0] === 'column');
    if (cellRow) cellRow[cellRow.length - 1] = 'Z99';
  },
  (t) => {
    // A row inserted by hand above the inputs (names follow, formulas do not).
    const grid = mainSheet(t);
    const first = t.cells.cells.find((x) => !x.input.endsWith('#note'))!;
    insertRow(t.book, grid, a1ToRowCol(first.address).row + 1);
    setGridCell(grid, a1ToRowCol(first.address).row + 1, 2, '插入的行');
    setGridCell(grid, a1ToRowCol(first.address).row + 1, 4, 5);
  },
  (t) => {
    // Explanations typed, a unit renamed, a value that is a formula linking another workbook.
    const notes = t.cells.cells.filter((x) => x.input.endsWith('#note'));
    for (const n of notes.slice(0, 2)) t.set(n.unitIndex, n.input, '已核实');
    const u = t.cells.cells[0]!;
    t.put(u.unitCell.sheet, u.unitCell.address, '改了名字的学校');
    const c = t.cells.cells.find((x) => !x.input.endsWith('#note'))!;
    const { row, col } = a1ToRowCol(c.address);
    setGridCell(t.book.sheets.find((s) => s.name === c.sheet)!, row, col, 10, '[1]Sheet1!A1');
  },
];

/** Files: every kind × every variant, plus clean files again after the hostile ones. */
function files(): Array<{ file: string; book: WorkbookGrid }> {
  const out: Array<{ file: string; book: WorkbookGrid }> = [];
  let f = 0;
  for (let round = 0; round < 2; round++) {
    VARIANTS.forEach((variant, v) => {
      for (const kind of KINDS) {
        f++;
        // The second round: clean returns only every other variant slot, to read clean after hostile.
        if (round === 1 && v % 2 === 1) continue;
        const t = fill(kind, f);
        (round === 0 ? variant : VARIANTS[0]!)(t, f);
        out.push({ file: `${String(out.length).padStart(3, '0')}-${kind.name}-v${round === 0 ? v : 0}.xlsx`, book: t.book });
      }
    });
  }
  return out;
}

interface Recorded {
  /** Each issue of validate(), then each of readReturn(): `severity code sheet!cell`. */
  issues: string[];
  sha256: string;
}

function record(result: { read: ReturnType<typeof readReturn>; validate: ReturnType<typeof validate> }): Recorded {
  const line = (i: { severity: string; code: string; sheet?: string; cell?: string }) => `${i.severity} ${i.code} ${i.sheet ?? ''}!${i.cell ?? ''}`;
  return {
    issues: [...result.validate.issues.map(line), '--', ...result.read.issues.map(line)],
    // Key order is not content: hashed as canonical JSON (keys sorted, undefined members dropped).
    sha256: createHash('sha256').update(canonicalJson(JSON.parse(JSON.stringify(result)))).digest('hex'),
  };
}

test('reading and validating varied returns, interleaved, gives the recorded results', () => {
  const all = files();
  expect(all.length).toBeGreaterThan(100);
  const full: Record<string, { read: ReturnType<typeof readReturn>; validate: ReturnType<typeof validate> }> = {};
  for (const { file, book } of all) full[file] = { read: readReturn({ file, book, modified: 1_700_000_000_000 }, plans), validate: validate(book, plans) };
  const results = Object.fromEntries(Object.entries(full).map(([file, r]) => [file, record(r)]));
  if (process.env.GOLDEN_FULL) fs.writeFileSync(process.env.GOLDEN_FULL, JSON.stringify(full, null, 1));
  // The variants do what they say: hostile files are checked in full, not read as the clean ones.
  const codes = (name: string) => new Set(full[name]!.validate.issues.map((i) => i.code));
  const name = (v: number, kind: string) => Object.keys(results).find((k) => k.endsWith(`-${kind}-v${v}.xlsx`))!;
  expect(codes(name(9, 'yzjh-return-primary')).has('input-cell-missing')).toBe(true);
  expect(codes(name(3, 'yzjh-return-primary')).has('formula-overwritten')).toBe(true);
  expect(codes(name(5, 'yzjh-units-primary')).has('plan-not-released')).toBe(true);
  if (process.env.UPDATE_GOLDEN) {
    fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
    fs.writeFileSync(GOLDEN, `${JSON.stringify(results, null, 1)}\n`);
  }
  const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as Record<string, Recorded>;
  expect(Object.keys(results)).toEqual(Object.keys(golden));
  for (const file of Object.keys(golden)) expect({ file, ...results[file]! }).toEqual({ file, ...golden[file]! });
});

test('a return read after others of its template (caches warm) gives what it gives read alone (caches cold)', () => {
  const all = files();
  // Warm: every file in order (hostile ones after clean ones of the same template, clean ones after).
  const warm = new Map<string, string>();
  for (const { file, book } of all) warm.set(file, canonicalJson(JSON.parse(JSON.stringify({ read: readReturn({ file, book }, plans), validate: validate(book, plans) }))));
  // Cold: each hostile file and the clean file after it, in a fresh copy of the modules (no cache).
  const picked = all.filter(({ file }) => /-v(9|10)\.xlsx$/.test(file) || /^09[1-7]-.*-v0\.xlsx$/.test(file));
  expect(picked.length).toBe(21);
  for (const { file, book } of picked) {
    let cold = '';
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const fresh = require('../../../src/core/consolidate') as typeof import('../../../src/core/consolidate');
      const freshValidate = require('../../../src/core/validate') as typeof import('../../../src/core/validate');
      /* eslint-enable @typescript-eslint/no-require-imports */
      cold = canonicalJson(JSON.parse(JSON.stringify({ read: fresh.readReturn({ file, book }, plans), validate: freshValidate.validate(book, plans) })));
    });
    expect({ file, result: warm.get(file) }).toEqual({ file, result: cold });
  }
});
