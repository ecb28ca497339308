/** A definition book as the grid a reader hands back (what ExcelJS or Office.js would read). */
import type { DefinitionBook } from '../../../src/core/plan-definition';
import type { GridValue, WorkbookGrid } from '../../../src/core/workbook/grid';

export function bookToGrid(book: DefinitionBook): WorkbookGrid {
  return {
    sheets: book.sheets.map((s) => ({
      name: s.name,
      state: s.state,
      values: s.rows.map((r) => r.map((v) => (v === '' ? null : (v as GridValue)))),
      formulas: [],
    })),
    definedNames: [],
  };
}

/** Sets a cell (1-based row, column by key on a table sheet, or by A1). */
export function setCell(grid: WorkbookGrid, sheet: string, row: number, col: number, value: GridValue, formula: string | null = null): void {
  const s = grid.sheets.find((x) => x.name === sheet)!;
  while (s.values.length < row) s.values.push([]);
  while (s.formulas.length < row) s.formulas.push([]);
  s.values[row - 1]![col - 1] = value;
  s.formulas[row - 1]![col - 1] = formula;
}

/** 1-based column of a key on a table sheet (row 2 holds the keys). */
export function colOf(grid: WorkbookGrid, sheet: string, key: string): number {
  const s = grid.sheets.find((x) => x.name === sheet)!;
  const i = s.values[1]!.indexOf(key);
  if (i < 0) throw new Error(`no column ${key} on ${sheet}`);
  return i + 1;
}
