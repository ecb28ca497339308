/**
 * The 校验 command as the task pane runs it, against the recording fake of Excel:
 *   readTemplateGrids → validate → markCells → writeReviewSheet → (selectCell) → clearMarks.
 * Syncs are constant whatever the number of units; what the filler typed is never changed; the
 * user's own fills come back when the marks are cleared.
 */
import { buildTemplate } from '../../src/core/template/build';
import { validate, type ValidationIssue } from '../../src/core/validate';
import { createFakeExcel, type FakeExcel } from '../../src/excel/fake';
import { clearMarks, MARK_COLORS, MARKS_SHEET, MISSING_MARK_COLOR, markCells, readTemplateGrids, REVIEW_NAME, selectCell, writeReviewSheet } from '../../src/excel';
import { insertTemplate } from '../../src/excel/render';
import { a1ToRowCol } from '../../src/core/workbook/address';
import { CellIndex, findTemplates, resolveInputCells } from '../../src/core/workbook/cellmap';
import { CLEAN, validationPlan } from '../core/validate/fixtures';
import { parsePlan } from '../core/validate/helpers';

const plan = parsePlan(validationPlan());
const USER_FILL = '#00B050';

async function setup(units: string[], kind: 'return' | 'units') {
  const fake = createFakeExcel({ sheets: ['用户表'] });
  const spec = buildTemplate(plan, { kind, units, year: 2025 });
  await insertTemplate(fake.host, spec);
  const book = await readTemplateGrids(fake.host);
  const t = findTemplates(book).templates[0]!;
  const cells = new CellIndex(resolveInputCells(t, book.definedNames, book).cells);
  const type = (unit: number, input: string, text: string) => {
    const c = cells.find(unit, input)!;
    // Pasted: Excel's own data validation does not stop a paste, which is why the add-in re-checks.
    const r = fake.typeInto(c.sheet, c.address, text, { paste: true });
    expect(r.ok).toBe(true);
    return c;
  };
  units.forEach((_, i) => {
    for (const [k, v] of Object.entries(CLEAN)) if (cells.find(i + 1, k)) type(i + 1, k, String(v));
  });
  return { fake, spec, cells, type };
}

/** The chain the task pane runs for 校验, with the syncs it took. */
async function runValidation(fake: FakeExcel) {
  fake.resetLog();
  const book = await readTemplateGrids(fake.host);
  const result = validate(book, plan);
  await markCells(fake.host, result.issues);
  const review = await writeReviewSheet(fake.host, result.issues, { lang: 'zh-CN' });
  return { result, review, syncs: fake.syncCount };
}

function fillOf(fake: FakeExcel, sheet: string, address: string): string | undefined {
  return fake.cell(sheet, address)?.fill;
}

test('a badly filled return: marked, listed on 审核结果, cleared back to the user\'s own fill', async () => {
  const { fake, cells, type } = await setup(['甲幼儿园'], 'return');
  const part = type(1, 'public-enrolled', '1250'); // part > total
  const text = type(1, 'age-3-5', '约一千'); // not a number
  const normalized = type(1, 'budget', '１５００'); // accepted with a note
  // The filler coloured a cell of their own: it must come back after the marks are cleared.
  const { row, col } = a1ToRowCol(part.address);
  fake.sheet(part.sheet).at(row, col).fill = USER_FILL;
  const before = await readTemplateGrids(fake.host);

  const { result, review } = await runValidation(fake);
  const at = (i: ValidationIssue) => [i.code, i.cell];
  expect(result.issues.map(at)).toEqual(
    expect.arrayContaining([
      ['part-exceeds-total', part.address],
      ['type-error', text.address],
      ['normalized-value', normalized.address],
    ]),
  );
  expect(fillOf(fake, part.sheet, part.address)).toBe(MARK_COLORS.error);
  expect(fillOf(fake, text.sheet, text.address)).toBe(MARK_COLORS.error);

  // The review sheet: one row per issue after the summary and header rows, with a link to the cell.
  expect(review.rows).toBe(result.issues.length);
  const ws = fake.sheet(review.sheet);
  const linkRow = [...Array(review.rows).keys()].map((i) => ws.get(3 + i, 3)?.formula).find((f) => f?.includes(part.address));
  expect(linkRow).toBe(`HYPERLINK("#'${part.sheet}'!${part.address}","${part.address}")`);
  expect(String(ws.get(1, 1)?.value)).toMatch(/^\d+ 个错误/);
  expect(fake.model.findName(REVIEW_NAME)).toBeTruthy();

  // Clicking an issue selects its cell.
  await selectCell(fake.host, part.sheet, part.address);

  // Nothing the filler typed was changed by validating, marking or reviewing.
  const after = await readTemplateGrids(fake.host);
  for (const c of cells.cells) {
    const { row: r, col: k } = a1ToRowCol(c.address);
    const grid = (b: typeof before) => b.sheets.find((s) => s.name === c.sheet)!;
    expect(grid(after).values[r - 1]?.[k - 1] ?? null).toEqual(grid(before).values[r - 1]?.[k - 1] ?? null);
  }

  // Fix the data and validate again: the marks of fixed cells go, the review sheet is refreshed.
  type(1, 'public-enrolled', '500');
  type(1, 'age-3-5', '1250');
  type(1, 'budget', '1500');
  const again = await runValidation(fake);
  expect(again.result.issues).toEqual([]);
  expect(again.review).toMatchObject({ sheet: review.sheet, refreshed: true, rows: 0 });
  expect(fillOf(fake, part.sheet, part.address)).toBe(USER_FILL);

  await markCells(fake.host, result.issues);
  const cleared = await clearMarks(fake.host);
  expect(cleared.restored).toBeGreaterThan(0);
  expect(fillOf(fake, part.sheet, part.address)).toBe(USER_FILL);
  const inputFill = fillOf(fake, normalized.sheet, normalized.address);
  expect(fillOf(fake, text.sheet, text.address)).toBe(inputFill);
});

// Kept small: the fake recalculates every formula on each read, which grows quickly with the rows.
test('syncs are the same for 5 and 25 units', async () => {
  const counts: number[] = [];
  for (const n of [5, 25]) {
    const names = Array.from({ length: n }, (_, i) => `第${i + 1}园`);
    const { fake, type } = await setup(names, 'units');
    // A problem in every fifth unit, so marks and review rows grow with the table.
    for (let u = 1; u <= n; u += 5) type(u, 'public-enrolled', '5000');
    const { result, syncs } = await runValidation(fake);
    expect(result.issues.filter((i) => i.code === 'part-exceeds-total').length).toBe(2 * Math.ceil(n / 5));
    counts.push(syncs);
  }
  expect(counts[0]).toBe(counts[1]);
});

/** The syncs and marks of a unit table where one unit's computed pupil–teacher ratio is out of its range. */
async function outOfRangeRun(units: string[], at: number) {
  const { fake, cells, type } = await setup(units, 'units');
  // Consistent inputs (the sum rule holds), but 1200 children for 10 teachers: a ratio of 120 > 30.
  type(at, 'teachers', '10');
  type(at, 'teachers-male', '1');
  type(at, 'teachers-female', '9');
  const run = await runValidation(fake);
  return { fake, cells, ...run };
}

test('a computed value out of range marks the input cells it is made from, never the locked formula cell', async () => {
  const { fake, cells, result } = await outOfRangeRun(['甲园', '乙园', '丙园'], 2);
  const issue = result.issues.find((i) => i.code === 'out-of-range' && i.indicator === 'pupil-teacher');
  expect(issue).toMatchObject({ unitIndex: 2, severity: 'error' });
  // The issue shows where the value is: the template's formula cell, locked.
  const shown = fake.cell(issue!.sheet!, issue!.cell!);
  expect(shown?.formula).toBeTruthy();
  expect(shown?.locked).not.toBe(false);
  // The marks go on what the filler can change: the unit's 在园幼儿总数 and 专任教师数.
  const enrolled = cells.find(2, 'enrolled')!;
  const teachers = cells.find(2, 'teachers')!;
  expect(issue!.inputCells?.map((c) => [c.input, c.sheet, c.cell])).toEqual([
    ['enrolled', enrolled.sheet, enrolled.address],
    ['teachers', teachers.sheet, teachers.address],
  ]);
  expect(fillOf(fake, issue!.sheet!, issue!.cell!)).not.toBe(MARK_COLORS.error);
  expect(fillOf(fake, enrolled.sheet, enrolled.address)).toBe(MARK_COLORS.error);
  expect(fillOf(fake, teachers.sheet, teachers.address)).toBe(MARK_COLORS.error);
  // No formula cell carries a mark; the other units' inputs carry none either.
  for (const c of cells.cells) if (c.unitIndex !== 2) expect(fillOf(fake, c.sheet, c.address)).not.toBe(MARK_COLORS.error);
  // Every cell marked (the registry of marks lists them) is an input cell, none a formula.
  const registry = fake.sheet(MARKS_SHEET);
  const marked = [...Array(20).keys()].map((r) => [registry.get(r + 1, 1)?.value, registry.get(r + 1, 2)?.value]).filter(([sheet]) => sheet !== undefined);
  expect(marked.length).toBeGreaterThanOrEqual(2);
  for (const [sheet, address] of marked) {
    expect(fake.cell(String(sheet), String(address))?.formula).toBeUndefined();
    expect(fake.cell(String(sheet), String(address))?.locked).toBe(false);
  }
});

test('marking the inputs behind computed values takes the same syncs for 5 and 25 units', async () => {
  const counts: number[] = [];
  for (const n of [5, 25]) {
    const names = Array.from({ length: n }, (_, i) => `第${i + 1}园`);
    const { syncs, result } = await outOfRangeRun(names, 3);
    expect(result.issues.some((i) => i.code === 'out-of-range' && (i.inputCells?.length ?? 0) === 2)).toBe(true);
    counts.push(syncs);
  }
  expect(counts[0]).toBe(counts[1]);
});

test('a part above its total marks the part and the total; a missing value marks the empty input cell (its own colour)', async () => {
  const { fake, cells, type } = await setup(['甲幼儿园'], 'return');
  const part = type(1, 'public-enrolled', '1250');
  const total = cells.find(1, 'enrolled')!;
  const empty = cells.find(1, 'teachers')!; // may not be left empty (allowMissing: false)
  fake.typeInto(empty.sheet, empty.address, '', { paste: true });
  const { result } = await runValidation(fake);
  expect(result.issues.filter((i) => i.code === 'required-missing').map((i) => i.cell)).toContain(empty.address);
  expect(fillOf(fake, empty.sheet, empty.address)).toBe(MISSING_MARK_COLOR);
  expect(fillOf(fake, part.sheet, part.address)).toBe(MARK_COLORS.error);
  expect(fillOf(fake, total.sheet, total.address)).toBe(MARK_COLORS.error);
});
