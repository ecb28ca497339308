/**
 * What a school typed where the cell map does not reach, found while resolving the map (so fill,
 * validation, consolidation and the add-in all see it):
 *
 *  - unit rows inserted inside a unit table's block (the spreadsheet grows the column names over
 *    them, but no unit name points at them) or typed just below it: read as units added by hand;
 *  - a copy of the unit-table sheet (复制工作表 to add more schools): its rows read the same way;
 *  - columns inserted among the input columns (or typed to the right of the table), holding
 *    values no input is mapped to: reported with every address (never guessed into an input);
 *  - in a single-unit return, values in an input column on rows no input maps to (a row the
 *    school inserted between the template's rows): reported with their addresses.
 *
 * Nothing here needs the plan: unit rows are recognised by the map's own columns (a row with a
 * unit name or a value in an input column, and no formula there), so the rule is the same for
 * every template.
 */
import { a1 } from './address';
import { cellText, gridFormula, gridValue, gridValueAt, type GridValue, type SheetGrid, type WorkbookGrid } from './grid';

/** A unit row the map does not hold: where, its name, and its input cells. */
export interface FoundUnit {
  sheet: string;
  row: number;
  nameCol: number;
  name: string;
  /** The sheet is a copy of the template's sheet (`copyOf` is the original's name). */
  copyOf?: string;
  cells: Array<{ input: string; address: string }>;
}

/** Values in an inserted column among the input columns. */
export interface FoundColumn {
  sheet: string;
  col: number;
  header: string;
  cells: string[];
}

export interface BeyondMap {
  units: FoundUnit[];
  columns: FoundColumn[];
}

/** The unit table as resolved: its sheet, the unit rows the map holds, the input columns now. */
export interface UnitTableLayout {
  sheet: string;
  nameCol: number;
  /** Rows of the mapped units (where their name cells are now). */
  unitRows: number[];
  /** Input id → its column now (only columns still resolved). */
  columns: Map<string, number>;
  /** The rows the column names span now (they grow over rows inserted inside the block). */
  blockTop: number;
  blockBottom: number;
}

/** Blank rows tolerated below the block before the scan stops (a school may leave a gap). */
const BLANK_ROWS = 20;
/** Rows scanned below the block at most (a table is followed by its summary, or nothing). */
const MAX_BELOW = 5000;

function filled(v: GridValue): boolean {
  if (v === null || v === undefined) return false;
  return typeof v === 'string' ? v.trim() !== '' : true;
}

function textOf(v: GridValue): string {
  return cellText(v).trim();
}

/** A row that holds a unit: a name, or a typed value (not a formula) in an input column. */
function unitRow(grid: SheetGrid, row: number, layout: UnitTableLayout): 'unit' | 'blank' | 'stop' {
  let values = 0;
  let formulas = 0;
  for (const col of layout.columns.values()) {
    if (gridFormula(grid, row, col) !== null) formulas++;
    else if (filled(gridValue(grid, row, col))) values++;
  }
  const named = filled(gridValue(grid, row, layout.nameCol)) && gridFormula(grid, row, layout.nameCol) === null;
  // Below the block, the summary (合计) has formulas in the input columns and no unit name: stop there.
  if (formulas > 0 && !named) return 'stop';
  return named || values > 0 ? 'unit' : 'blank';
}

function found(grid: SheetGrid, row: number, layout: UnitTableLayout, copyOf?: string): FoundUnit {
  return {
    sheet: grid.name,
    row,
    nameCol: layout.nameCol,
    name: textOf(gridValue(grid, row, layout.nameCol)),
    ...(copyOf !== undefined ? { copyOf } : {}),
    cells: [...layout.columns].map(([input, col]) => ({ input, address: a1(row, col) })),
  };
}

/** Rows inside the block no unit points at, and unit rows typed just below it. */
function unitsInSheet(grid: SheetGrid, layout: UnitTableLayout, copyOf?: string): FoundUnit[] {
  const out: FoundUnit[] = [];
  const mapped = new Set(layout.unitRows);
  for (let row = layout.blockTop; row <= layout.blockBottom; row++) {
    if (mapped.has(row)) continue;
    if (unitRow(grid, row, layout) === 'unit') out.push(found(grid, row, layout, copyOf));
  }
  const last = Math.min(grid.values.length, layout.blockBottom + MAX_BELOW);
  let blanks = 0;
  for (let row = layout.blockBottom + 1; row <= last && blanks < BLANK_ROWS; row++) {
    const kind = unitRow(grid, row, layout);
    if (kind === 'stop') break;
    if (kind === 'blank') {
      blanks++;
      continue;
    }
    blanks = 0;
    out.push(found(grid, row, layout, copyOf));
  }
  return out;
}

/**
 * Columns among (or just right of) the input columns that no input maps to, holding typed values
 * on unit rows while none of those rows has a formula there: a column the school inserted.
 */
function insertedColumns(grid: SheetGrid, layout: UnitTableLayout, rows: readonly number[]): FoundColumn[] {
  const mapped = new Set(layout.columns.values());
  if (mapped.size === 0) return [];
  const first = Math.min(...mapped);
  // Up to the widest unit row: a value typed right of the table is as unread as one in an inserted column.
  let last = Math.max(...mapped) + 1;
  for (const row of rows) last = Math.max(last, grid.values[row - 1]?.length ?? 0);
  const out: FoundColumn[] = [];
  for (let col = Math.min(first, layout.nameCol + 1); col <= last; col++) {
    if (mapped.has(col) || col === layout.nameCol) continue;
    const cells: string[] = [];
    let formulas = 0;
    for (const row of rows) {
      if (gridFormula(grid, row, col) !== null) formulas++;
      else if (filled(gridValue(grid, row, col))) cells.push(a1(row, col));
    }
    if (cells.length === 0 || formulas > 0) continue;
    // The column's header: the nearest text above the block (the template's header rows).
    let header = '';
    for (let row = layout.blockTop - 1; row >= 1 && row >= layout.blockTop - 4 && header === ''; row--) header = textOf(gridValue(grid, row, col));
    out.push({ sheet: grid.name, col, header, cells });
  }
  return out;
}

/** A value on a return's sheet that no input maps to, in a column that holds inputs. */
export interface FoundValue {
  sheet: string;
  address: string;
  value: GridValue;
  /** The row's label (its first text cell left of the value), to name the inserted line. */
  label: string;
}

/** A number, or text that reads as one (`1200`, `１,２００`, `95%`): what a school types as data. */
function looksLikeData(v: GridValue): boolean {
  if (typeof v === 'number') return true;
  return typeof v === 'string' && /[0-9０-９]/.test(v) && /^[\s0-9０-９.,，．、%％+\-－]+$/.test(v);
}

/**
 * A single-unit return lists its inputs one per row: a row inserted between them (or below them)
 * with a value in an input column holds data no input maps to. `cells` are the mapped input cells.
 */
export function beyondReturn(book: WorkbookGrid, cells: ReadonlyArray<{ sheet: string; row: number; col: number }>): FoundValue[] {
  const bySheet = new Map<string, Array<{ row: number; col: number }>>();
  for (const c of cells) {
    const list = bySheet.get(c.sheet) ?? [];
    list.push(c);
    bySheet.set(c.sheet, list);
  }
  const out: FoundValue[] = [];
  for (const [name, list] of bySheet) {
    const grid = book.sheets.find((s) => s.name === name);
    if (!grid) continue;
    // One number per cell (columns end at 16,384), not a string per cell looked up.
    const mapped = new Set(list.map((p) => p.row * 32768 + p.col));
    const columns = [...new Set(list.map((p) => p.col))];
    const top = Math.min(...list.map((p) => p.row));
    const bottom = Math.min(grid.values.length, Math.max(...list.map((p) => p.row)) + BLANK_ROWS);
    for (let row = top; row <= bottom; row++) {
      for (const col of columns) {
        if (mapped.has(row * 32768 + col) || gridFormula(grid, row, col) !== null) continue;
        const v = gridValue(grid, row, col);
        // The template's own text (section titles, headers) shares these columns; data is a number.
        if (!looksLikeData(v)) continue;
        let label = '';
        for (let c = 1; c < col && label === ''; c++) if (typeof gridValue(grid, row, c) === 'string') label = textOf(gridValue(grid, row, c));
        out.push({ sheet: name, address: a1(row, col), value: v, label });
      }
    }
  }
  return out;
}

/** The header rows of a sheet (above the block), as text, for recognising a copy. */
function headerText(grid: SheetGrid, layout: UnitTableLayout): Map<string, string> {
  const out = new Map<string, string>();
  for (let row = Math.max(1, layout.blockTop - 4); row < layout.blockTop; row++) {
    const cols = Math.max(...layout.columns.values(), layout.nameCol);
    for (let col = 1; col <= cols; col++) {
      const t = textOf(gridValue(grid, row, col));
      if (t !== '') out.set(a1(row, col), t);
    }
  }
  return out;
}

/** A visible sheet with the same header rows as the template's unit sheet: a copy of it. */
function isCopy(grid: SheetGrid, original: Map<string, string>): boolean {
  if (original.size === 0) return false;
  let same = 0;
  for (const [address, t] of original) if (textOf(gridValueAt(grid, address)) === t) same++;
  return same >= Math.max(2, Math.ceil(original.size * 0.8));
}

/**
 * Units and columns beyond the map of a unit table. `otherSheets` are sheets no template maps
 * (visible ones only are looked at: a hidden sheet is not where a school types).
 */
export function beyondUnitTable(book: WorkbookGrid, layout: UnitTableLayout, mappedSheets: ReadonlySet<string>): BeyondMap {
  const grid = book.sheets.find((s) => s.name === layout.sheet);
  if (!grid) return { units: [], columns: [] };
  const units = unitsInSheet(grid, layout);
  const rows = [...layout.unitRows, ...units.map((u) => u.row)].sort((a, b) => a - b);
  const columns = insertedColumns(grid, layout, rows);
  const header = headerText(grid, layout);
  for (const sheet of book.sheets) {
    if (sheet.name === layout.sheet || mappedSheets.has(sheet.name)) continue;
    if (sheet.state === 'hidden' || sheet.state === 'veryHidden') continue;
    if (!isCopy(sheet, header)) continue;
    // The copy has the template's layout as it was when copied: the same rows and columns.
    const copyLayout: UnitTableLayout = { ...layout, sheet: sheet.name, unitRows: [], blockBottom: layout.blockTop - 1 };
    units.push(...unitsInSheet(sheet, copyLayout, layout.sheet));
  }
  return { units, columns };
}
