/** The one codec for sheet!A1 ↔ {plan, unit, input}: round trips, inserted rows, deleted names. */
import fc from 'fast-check';
import { a1, a1ToRowCol, colIndex, colLetter, parseRange, parseSheetRef, quoteSheet, rangeA1 } from '../../../src/core/workbook/address';
import { buildTemplate } from '../../../src/core/template/build';
import {
  CellIndex,
  cellKey,
  decodeMetadata,
  findTemplates,
  isNoteInput,
  noteInputId,
  notedId,
  parseCellKey,
  resolveInputCells,
  type DecodedTemplate,
} from '../../../src/core/workbook/cellmap';
import { setGridCell, type DefinedNameGrid, type WorkbookGrid } from '../../../src/core/workbook/grid';
import type { TemplateSpec } from '../../../src/core/template/spec';
import { comparatorPlan } from '../template/fixture-plan';

function decoded(spec: TemplateSpec): DecodedTemplate {
  const d = decodeMetadata({ name: spec.hiddenMetadata.sheetName, values: spec.hiddenMetadata.rows, formulas: [] });
  if (!d || 'problem' in d) throw new Error('not decoded');
  return d;
}

const names = (spec: TemplateSpec): DefinedNameGrid[] => spec.definedNames.map((n) => ({ name: n.name, ref: n.ref }));

/** Shifts every defined name on a sheet as a spreadsheet does when `count` rows are inserted at `at`. */
function insertRows(list: DefinedNameGrid[], sheet: string, at: number, count: number): DefinedNameGrid[] {
  return list.map((n) => {
    const r = parseSheetRef(n.ref)!;
    if (r.sheet !== sheet) return n;
    const shift = (row: number) => (row >= at ? row + count : row);
    const box = { ...r.box, top: shift(r.box.top), bottom: shift(r.box.bottom) };
    return { name: n.name, ref: `${quoteSheet(sheet)}!${rangeA1(box).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}` };
  });
}

describe('addresses', () => {
  test('columns and A1 round trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16384 }), fc.integer({ min: 1, max: 1048576 }), (col, row) => {
        expect(colIndex(colLetter(col))).toBe(col);
        expect(a1ToRowCol(a1(row, col))).toEqual({ row, col });
      }),
    );
    expect(colLetter(28)).toBe('AB');
    expect(parseRange('$C$7:$C$9')).toEqual({ top: 7, left: 3, bottom: 9, right: 3 });
  });

  test('sheet references with any sheet name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 31 }).filter((s) => !/[[\]:*?/\\]/.test(s)), (sheet) => {
        const key = cellKey(sheet, 'C7');
        expect(parseCellKey(key)).toEqual({ sheet, address: 'C7' });
      }),
    );
    expect(parseSheetRef("'学校''数据'!$C$7:$C$9")).toEqual({ sheet: "学校'数据", box: { top: 7, left: 3, bottom: 9, right: 3 } });
    expect(parseSheetRef('Sheet1!B2')?.sheet).toBe('Sheet1');
    expect(parseSheetRef('=Sheet1!B2')?.sheet).toBe('Sheet1');
    expect(parseSheetRef("'学校数据'!#REF!")).toBeUndefined();
  });

  test('explanation ids', () => {
    expect(noteInputId('b1')).toBe('b1#note');
    expect(isNoteInput('b1#note')).toBe(true);
    expect(notedId('b1#note')).toBe('b1');
    expect(noteInputId()).toBe('#note');
  });
});

describe('unit table map', () => {
  const units = ['甲校', '=乙校', "丙'校"];
  const spec = buildTemplate(comparatorPlan(), { kind: 'units', level: '小学', units });
  const t = decoded(spec);
  const sheet = spec.sheets[0].name;

  test('every (unit, input) has one cell; both directions agree', () => {
    const { cells, problems } = resolveInputCells(t, names(spec));
    expect(problems).toEqual([]);
    const index = new CellIndex(cells);
    expect(index.units().map((u) => u.name)).toEqual(units);
    for (const u of [1, 2, 3]) {
      for (const input of spec.meta.inputs) {
        const c = index.find(u, input)!;
        expect(c).toBeDefined();
        expect(index.at(c.sheet, c.address)).toBe(c);
        expect(spec.sheets[0].cells[c.address]).toMatchObject({ role: 'input', locked: false });
      }
    }
    expect(index.find('=乙校', 'enrolled')!.address).toBe(index.find(2, 'enrolled')!.address);
    expect(index.find(1, noteInputId())).toBeDefined();
    expect(index.at(sheet, '$A$1')).toBeUndefined();
  });

  test('follows rows inserted by a user (names moved by the spreadsheet)', () => {
    const before = new CellIndex(resolveInputCells(t, names(spec)).cells);
    const firstRow = a1ToRowCol(before.find(1, 'enrolled')!.address).row;
    const moved = insertRows(names(spec), sheet, firstRow + 1, 2); // two rows between unit 1 and unit 2
    const after = new CellIndex(resolveInputCells(t, moved).cells);
    expect(after.find(1, 'enrolled')!.address).toBe(before.find(1, 'enrolled')!.address);
    const r2 = a1ToRowCol(before.find(2, 'enrolled')!.address);
    expect(a1ToRowCol(after.find(2, 'enrolled')!.address)).toEqual({ row: r2.row + 2, col: r2.col });
    expect(a1ToRowCol(after.find(3, 'pay')!.address).row).toBe(a1ToRowCol(before.find(3, 'pay')!.address).row + 2);
  });

  test('a deleted name falls back to its original place only while nothing moved, reported', () => {
    const { cells, problems } = resolveInputCells(t, names(spec).filter((n) => n.name !== 'EDU_T1_U2'));
    expect(problems.map((p) => [p.code, p.located])).toEqual([['name-missing', true]]);
    expect(problems[0].message.zh).toMatch(/定义名称/);
    expect(new CellIndex(cells).find(2, 'enrolled')!.address).toBe(new CellIndex(resolveInputCells(t, names(spec)).cells).find(2, 'enrolled')!.address);
  });

  test('a broken name (its column deleted) is never read at its old place, which now holds the neighbour', () => {
    const enrolled = t.model.columns.find((c) => c.input === 'enrolled')!.definedName;
    const list = names(spec).filter((n) => n.name !== 'EDU_T1_U2').map((n) => (n.name === enrolled ? { ...n, ref: `${quoteSheet(sheet)}!#REF!` } : n));
    const { cells, problems } = resolveInputCells(t, list);
    expect(problems.map((p) => [p.code, p.located]).sort()).toEqual([['name-broken', false], ['name-missing', false]]);
    const index = new CellIndex(cells);
    expect(index.find(1, 'enrolled')).toBeUndefined();
    expect(index.find(2, 'pay')).toBeUndefined(); // unit 2's name is gone and the map moved: its row is not guessed
    expect(index.find(1, 'pay')).toBeDefined();
  });

  test('reads typed unit names and reports renamed ones', () => {
    const blank = buildTemplate(comparatorPlan(), { kind: 'units', level: '小学', emptyRows: 3 });
    const bt = decoded(blank);
    const grid = { name: blank.sheets[0].name, values: [], formulas: [] };
    const nameCell = a1ToRowCol(blank.hiddenMetadata.rows.find((r) => r[0] === 'unit' && r[1] === '2')![5]);
    setGridCell(grid, nameCell.row, nameCell.col, ' 新学校 ');
    const book: WorkbookGrid = { sheets: [grid], definedNames: names(blank) };
    const index = new CellIndex(resolveInputCells(bt, book.definedNames, book).cells);
    expect(index.units()).toEqual([
      { index: 1, name: '#1' },
      { index: 2, name: '新学校' },
      { index: 3, name: '#3' },
    ]);
    expect(index.cells.find((c) => c.unitIndex === 2)!.unitNamed).toBe(true);
    // In a table whose names were given, a different name in the cell is reported.
    const g2 = { name: sheet, values: [], formulas: [] };
    const c1 = a1ToRowCol(t.model.units[0].address);
    setGridCell(g2, c1.row, c1.col, '别的学校');
    const r = resolveInputCells(t, names(spec), { sheets: [g2], definedNames: names(spec) });
    expect(r.problems.filter((p) => p.code === 'unit-renamed')).toHaveLength(3); // unit 1 differs, 2 and 3 are blank in this grid
  });
});

describe('metadata', () => {
  test('finds templates in a workbook and rejects unknown formats', () => {
    const spec = buildTemplate(comparatorPlan(), { kind: 'return', level: '小学' });
    const book: WorkbookGrid = {
      sheets: [
        { name: 'Other', values: [['x']], formulas: [] },
        { name: spec.hiddenMetadata.sheetName, values: spec.hiddenMetadata.rows, formulas: [] },
        { name: '_edu_meta_9', values: [['edu-indicators/template', '99']], formulas: [] },
      ],
      definedNames: names(spec),
    };
    const found = findTemplates(book);
    expect(found.templates).toHaveLength(1);
    expect(found.templates[0].meta.planId).toBe('template-fixture');
    expect(found.problems.map((p) => p.code)).toEqual(['metadata-invalid']);
    expect(decodeMetadata({ name: 'x', values: [['hello']], formulas: [] })).toBeUndefined();
  });

  test('names and the metadata sheet match as Excel matches them: case-insensitively', () => {
    const spec = buildTemplate(comparatorPlan(), { kind: 'return', level: '小学', units: ['测试学校'] });
    const lower = names(spec).map((n) => ({ ...n, name: n.name.toLowerCase() }));
    const book: WorkbookGrid = {
      sheets: [{ name: spec.hiddenMetadata.sheetName.toUpperCase(), values: spec.hiddenMetadata.rows, formulas: [] }],
      definedNames: lower,
    };
    const found = findTemplates(book);
    expect(found.templates).toHaveLength(1);
    const r = resolveInputCells(found.templates[0], lower);
    expect(r.problems).toEqual([]);
    expect(r.cells.length).toBeGreaterThan(0);
  });

  test('a return maps each input and explanation to its own cell, following moved names', () => {
    const spec = buildTemplate(comparatorPlan(), { kind: 'return', level: '小学', units: ['测试学校'] });
    const t = decoded(spec);
    const index = new CellIndex(resolveInputCells(t, names(spec)).cells);
    expect(index.units()).toEqual([{ index: 1, name: '测试学校' }]);
    for (const id of spec.meta.inputs) expect(index.find('测试学校', id)).toBeDefined();
    const moved = insertRows(names(spec), spec.sheets[0].name, 1, 5);
    const shifted = new CellIndex(resolveInputCells(t, moved).cells);
    expect(a1ToRowCol(shifted.find(1, 'enrolled')!.address).row).toBe(a1ToRowCol(index.find(1, 'enrolled')!.address).row + 5);
  });
});

test('a unit table without its summary says so in its metadata', () => {
  const spec = buildTemplate(comparatorPlan(), { kind: 'units', level: '小学', units: ['甲'], includeSummary: false });
  expect(spec.meta.summary).toBe(false);
  expect(decoded(spec).meta.summary).toBe(false);
  expect(decoded(buildTemplate(comparatorPlan(), { kind: 'units', level: '小学', units: ['甲'] })).meta.summary).toBeUndefined();
});
