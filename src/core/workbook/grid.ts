/**
 * The grid shape every reader produces (ExcelJS for files, Office.js for the open workbook)
 * and validation and consolidation consume: what a sheet holds, as plain 2-D arrays from A1.
 *
 * `values[r][c]` is cell (row r+1, column c+1): the cached result for a formula cell, the
 * typed value otherwise. `formulas[r][c]` is the formula text without `=`, or null for a
 * constant or empty cell. Rows may be ragged (trailing empties omitted); read with `gridValue`.
 */
import { a1ToRowCol } from './address';

/** An Excel error value (`#DIV/0!`, `#NAME?`, `#VALUE!` …) kept distinct from text. */
export interface GridError {
  error: string;
}

export type GridValue = string | number | boolean | null | GridError;

export interface SheetGrid {
  name: string;
  /** Visible, hidden or veryHidden, as the host reports it. */
  state?: 'visible' | 'hidden' | 'veryHidden';
  values: GridValue[][];
  formulas: (string | null)[][];
}

export interface DefinedNameGrid {
  name: string;
  /** As the host reports it, e.g. `'学校数据'!$C$7:$C$1006` (no leading `=`); may be `#REF!`. */
  ref: string;
}

/** A whole workbook as read: every sheet (the hidden ones too) and the workbook defined names. */
export interface WorkbookGrid {
  sheets: SheetGrid[];
  definedNames: DefinedNameGrid[];
}

/**
 * A cell's text as a label or a unit name: strings as they are, numbers and booleans spelt out,
 * and nothing for empty cells, errors and anything a host hands over that the grid type does not
 * promise (a Date, `{}`, an array): '' rather than "[object Object]" in a message.
 */
export function cellText(v: unknown): string {
  if (typeof v === 'string') return v;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
  return '';
}

export function isGridError(v: unknown): v is GridError {
  return typeof v === 'object' && v !== null && typeof (v as GridError).error === 'string';
}

/** The value at a 1-based row/column, null outside the grid. */
export function gridValue(grid: SheetGrid, row: number, col: number): GridValue {
  const r = grid.values[row - 1];
  if (!r) return null;
  const v = r[col - 1];
  return v === undefined ? null : v;
}

export function gridFormula(grid: SheetGrid, row: number, col: number): string | null {
  const r = grid.formulas[row - 1];
  if (!r) return null;
  return r[col - 1] ?? null;
}

/** The value at an A1 address. */
export function gridValueAt(grid: SheetGrid, a1: string): GridValue {
  const { row, col } = a1ToRowCol(a1);
  return gridValue(grid, row, col);
}

export function gridFormulaAt(grid: SheetGrid, a1: string): string | null {
  const { row, col } = a1ToRowCol(a1);
  return gridFormula(grid, row, col);
}

export function findSheet(book: WorkbookGrid, name: string): SheetGrid | undefined {
  return book.sheets.find((s) => s.name === name);
}

/** An empty grid of a sheet name, for building grids in tests and fakes. */
export function emptyGrid(name: string): SheetGrid {
  return { name, values: [], formulas: [] };
}

/** Sets a cell in a grid (growing it), for readers and tests. */
export function setGridCell(grid: SheetGrid, row: number, col: number, value: GridValue, formula: string | null = null): void {
  while (grid.values.length < row) grid.values.push([]);
  while (grid.formulas.length < row) grid.formulas.push([]);
  const vr = grid.values[row - 1];
  const fr = grid.formulas[row - 1];
  while (vr.length < col) vr.push(null);
  while (fr.length < col) fr.push(null);
  vr[col - 1] = value;
  fr[col - 1] = formula;
}
