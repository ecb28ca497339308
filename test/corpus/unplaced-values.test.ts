/**
 * Nothing typed is invisible: a value on the template's sheet outside every input and every cell
 * the template wrote (below a table, in the header rows, over a label), and a sheet the school
 * added with its own numbers, are each reported as 'unplaced-value' with the sheet and address.
 * A freshly generated and filled template reports none, for every shipped plan.
 */
import { buildTemplate } from '../../src/core/template/build';
import type { TemplateSpec } from '../../src/core/template/spec';
import { validate } from '../../src/core/validate';
import { a1, a1ToRowCol } from '../../src/core/workbook/address';
import { resolveTemplates } from '../../src/core/workbook/cellmap';
import type { GridValue, SheetGrid, WorkbookGrid } from '../../src/core/workbook/grid';
import { loadShippedPlans } from '../../src/node/seeds';
import { readWorkbookGrid } from '../../src/xlsx/read';
import { renderTemplateBuffer } from '../../src/xlsx/render';

jest.setTimeout(300_000);

const plans = loadShippedPlans();

async function filledBook(spec: TemplateSpec): Promise<WorkbookGrid> {
  const book = await readWorkbookGrid(await renderTemplateBuffer(spec));
  const { templates } = resolveTemplates(book);
  for (const t of templates) {
    for (const c of t.cells) {
      if (c.input.includes('#')) continue;
      const grid = book.sheets.find((s) => s.name === c.sheet)!;
      const { row, col } = a1ToRowCol(c.address);
      if (gridFormulaAt(grid, row, col)) continue;
      put(grid, row, col, 10);
    }
  }
  return book;
}

function gridFormulaAt(grid: SheetGrid, row: number, col: number): boolean {
  return (grid.formulas[row - 1]?.[col - 1] ?? null) !== null;
}

function put(grid: SheetGrid, row: number, col: number, value: GridValue): void {
  while (grid.values.length < row) grid.values.push([]);
  while (grid.formulas.length < row) grid.formulas.push([]);
  const r = grid.values[row - 1]!;
  while (r.length < col) r.push(null);
  r[col - 1] = value;
  const f = grid.formulas[row - 1]!;
  while (f.length < col) f.push(null);
  f[col - 1] = null;
}

const unplaced = (book: WorkbookGrid) => validate(book, plans).issues.filter((i) => i.code === 'unplaced-value');

describe('no false positives: every shipped plan, return and unit table, filled', () => {
  for (const plan of plans) {
    for (const kind of ['return', 'units'] as const) {
      test(`${plan.id} ${kind}`, async () => {
        const spec = buildTemplate(plan, { kind, units: kind === 'units' ? ['甲校', '乙校', '丙校'] : ['城关小学'], year: 2025 });
        const book = await filledBook(spec);
        expect(unplaced(book).map((i) => `${i.sheet}!${i.cell} ${i.message.zh}`)).toEqual([]);
      });
    }
  }
});

describe('values outside the map are reported with their address', () => {
  const plan = plans.find((p) => p.id === 'national-yzjh-2017')!;

  test.each(['return', 'units'] as const)('%s: below the table, in a header row, over a label', async (kind) => {
    const spec = buildTemplate(plan, { kind, level: '小学', units: kind === 'units' ? ['甲校', '乙校'] : ['城关小学'], year: 2025 });
    const book = await filledBook(spec);
    const sheet = spec.sheets.find((s) => s.kind === kind)!;
    const grid = book.sheets.find((s) => s.name === sheet.name)!;
    const rows = grid.values.length;
    // A number well below everything the template wrote, one in the title row's empty cell, one over a label.
    const width = Math.max(...Object.keys(sheet.cells).map((a) => a1ToRowCol(a).col));
    put(grid, rows + 3, 2, 4321);
    const titleEmpty = [...Array(width).keys()].map((c) => c + 1).find((c) => sheet.cells[a1(2, c)] === undefined && (grid.values[1]?.[c - 1] ?? null) === null);
    if (titleEmpty !== undefined) put(grid, 2, titleEmpty, 55);
    const labelAt = Object.entries(sheet.cells).find(([, c]) => c.role === 'label' && typeof c.value === 'string' && c.value.length > 0)![0];
    const at = a1ToRowCol(labelAt);
    put(grid, at.row, at.col, 99);
    const found = unplaced(book);
    const where = found.map((i) => `${i.sheet}!${i.cell}`);
    expect(where).toContain(`${sheet.name}!${a1(rows + 3, 2)}`);
    expect(where).toContain(`${sheet.name}!${labelAt}`);
    expect(titleEmpty).toBeDefined();
    expect(where).toContain(`${sheet.name}!${a1(2, titleEmpty!)}`);
    expect(found.find((i) => i.cell === a1(rows + 3, 2))!.message.zh).toContain('4,321');
    expect(found).toHaveLength(3);
    expect(found.every((i) => i.severity === 'warning')).toBe(true);
  });

  test('a sheet the school added: one issue with the count and the first addresses', async () => {
    const spec = buildTemplate(plan, { kind: 'return', level: '小学', units: ['城关小学'], year: 2025 });
    const book = await filledBook(spec);
    const own: SheetGrid = { name: '我的统计', state: 'visible', values: [], formulas: [] };
    for (let r = 1; r <= 30; r++) put(own, r, 2, r * 10);
    put(own, 1, 1, '自编表');
    book.sheets.push(own, { name: '隐藏的', state: 'hidden', values: [[1, 2, 3]], formulas: [[null, null, null]] });
    const found = unplaced(book).filter((i) => i.sheet === '我的统计');
    expect(found).toHaveLength(1);
    expect(found[0]!.cell).toBe('A1');
    expect(found[0]!.message.zh).toContain('31 个值');
    expect(found[0]!.message.zh).toContain('B1、');
    expect(found[0]!.message.zh).not.toContain('B30');
    expect(unplaced(book).filter((i) => i.sheet === '隐藏的')).toEqual([]);
  });

  test('a blank copy of the unit sheet is not a foreign sheet; a number typed outside its table is', async () => {
    const spec = buildTemplate(plan, { kind: 'units', level: '小学', units: ['甲校', '乙校'], year: 2025 });
    const book = await filledBook(spec);
    const original = book.sheets.find((s) => s.name === spec.sheets.find((x) => x.kind === 'units')!.name)!;
    const copy: SheetGrid = { name: `${original.name} (2)`, state: 'visible', values: original.values.map((r) => [...r]), formulas: original.formulas.map((r) => [...r]) };
    book.sheets.push(copy);
    expect(unplaced(book).filter((i) => i.sheet === copy.name)).toEqual([]);
    put(copy, copy.values.length + 5, 1, 777);
    const found = unplaced(book).filter((i) => i.sheet === copy.name);
    expect(found.map((i) => i.cell)).toEqual([a1(copy.values.length, 1)]);
  });
});
