/**
 * Input cells read column by column: for each input, one typed array per property over the
 * template's units (5,000 schools × 44 inputs are 44 columns, not 220,000 objects).
 *
 * A plain number that is fine for its field — most cells of most returns — is stored as a
 * number and nothing else is allocated. A yes/no answer is read by `coerceBoolean` in place.
 * Every other cell goes through `readInputCell` (read.ts), the one definition of what a cell
 * means and what is wrong with it; its reading is kept, with its issues, only for that cell.
 */
import type { Coerced, CoercedBoolean } from '../coerce';
import { coerceBoolean } from '../coerce';
import { a1 } from '../workbook/address';
import { cellText, isGridError, type GridValue, type SheetGrid } from '../workbook/grid';
import { wholeRequired, type Field } from './fields';
import type { DraftIssue } from './issues';
import { readInputCell, type Reading } from './read';

/** What a unit's cell of an input holds, as computations see it. */
export const CELL = {
  /** No cell for this unit (not mapped, its sheet is gone, or an input of another plan version). */
  absent: 0,
  number: 1,
  /** Empty (or text in a free-text field: it carries no number). */
  blank: 2,
  /** A missing code: 不适用, 暂无数据, —. */
  missing: 3,
  /** Unreadable as its field's kind: type error, Excel error, date … (never a number). */
  error: 4,
} as const;
export type CellState = (typeof CELL)[keyof typeof CELL];

/**
 * A number per unit position. A table of units gets typed arrays; a return (one unit, or a few)
 * gets plain arrays of the same length: allocating seven typed arrays per input cost more than
 * reading the input (300 returns of 65 inputs are 136,000 typed arrays). Only states, flags, sheet
 * ids, rows and columns (small whole numbers) and doubles are stored, so both hold the same values.
 */
export type Bytes = Uint8Array | number[];
export type Ints = Int32Array | number[];
export type Doubles = Float64Array | number[];

/** Up to this many units, plain arrays. */
const SMALL = 32;

export function bytes(n: number, fill = 0): Bytes {
  return n > SMALL ? new Uint8Array(n).fill(fill) : filledArray(n, fill);
}

export function ints(n: number, fill = 0): Ints {
  return n > SMALL ? new Int32Array(n).fill(fill) : filledArray(n, fill);
}

export function doubles(n: number, fill = 0): Doubles {
  return n > SMALL ? new Float64Array(n).fill(fill) : filledArray(n, fill);
}

/** A packed array of n copies (a return has one unit: a one-element literal). */
function filledArray(n: number, fill: number): number[] {
  if (n === 1) return [fill];
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(fill);
  return out;
}

/** One input over every unit position (positions follow the template's unit list). */
export interface InputColumn {
  id: string;
  field: Field;
  state: Bytes;
  /** The number when `state` is `number` (yes/no as 1/0). */
  value: Doubles;
  /** A content issue (an error) was reported: later checks do not pile on. */
  bad: Bytes;
  /** The cell holds text (the template's formulas read only true numbers). */
  text: Bytes;
  /** Where each unit's cell is: index into `sheets` (-1: none), row, column. */
  sheet: Ints;
  row: Ints;
  col: Ints;
  /** Readings of the cells that needed more than a plain number, by unit position. */
  slow: Map<number, Reading>;
  /** Content issues by unit position, in the order they were found. */
  issues: Map<number, readonly DraftIssue[]>;
  /** Yes/no words already read in this column (coerceBoolean is pure). */
  words: Map<string, CoercedBoolean>;
}

/** The sheet names cells refer to (the workbook's, then names of sheets that no longer exist). */
export class SheetTable {
  readonly names: string[] = [];
  readonly grids: Array<SheetGrid | undefined> = [];
  private readonly ids = new Map<string, number>();
  constructor(private readonly lookup: (name: string) => SheetGrid | undefined) {}
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
      this.grids.push(this.lookup(name));
    }
    return id;
  }
}

export function newColumn(id: string, field: Field, n: number): InputColumn {
  return {
    id,
    field,
    state: bytes(n),
    value: doubles(n),
    bad: bytes(n),
    text: bytes(n),
    sheet: ints(n, -1),
    row: ints(n),
    col: ints(n),
    slow: new Map(),
    issues: new Map(),
    words: new Map(),
  };
}

/** A cell's content; undefined when its sheet does not exist. */
export function cellValue(sheets: SheetTable, sheet: number, row: number, col: number): GridValue | undefined {
  const grid = sheets.grids[sheet];
  if (!grid) return undefined;
  const r = grid.values[row - 1];
  if (!r) return null;
  const v = r[col - 1];
  return v === undefined ? null : v;
}

function stateOf(c: Coerced): CellState {
  return c.kind === 'number' ? CELL.number : c.kind === 'error' ? CELL.error : c.code === 'blank' ? CELL.blank : CELL.missing;
}

/** Whether a number is acceptable as it is for its field (the fast path of `readInputCell`). */
function plainNumberOk(field: Field, n: number): boolean {
  return (field.kind !== 'count' || ((!wholeRequired(field) || Number.isInteger(n)) && n >= 0)) && (field.min === undefined || n >= field.min) && (field.max === undefined || n <= field.max);
}

/** A yes/no answer typed as text: the same few words (是, 否, √) fill a whole column, read once each. */
function booleanOf(column: InputColumn, raw: string): CoercedBoolean {
  let b = column.words.get(raw);
  if (b === undefined) {
    b = coerceBoolean(raw);
    if (column.words.size < 256) column.words.set(raw, b);
  }
  return b;
}

/** Reads unit `k`'s cell of `column` (its place already set in `row`/`col`) into the column. */
export function readInto(column: InputColumn, k: number, raw: GridValue, unit: { name: string; index: number }, sheetName: string): void {
  const field = column.field;
  const kind = field.kind;
  if (typeof raw === 'number' && (kind === 'count' || kind === 'amount' || kind === 'percent') && Number.isFinite(raw) && plainNumberOk(field, raw)) {
    column.state[k] = CELL.number;
    column.value[k] = raw === 0 ? 0 : raw; // coerceNumber's -0 → 0
    return;
  }
  if (kind === 'boolean' && raw !== null && !isGridError(raw)) {
    const b = typeof raw === 'string' ? booleanOf(column, raw) : coerceBoolean(raw);
    if (b.kind === 'boolean' && plainNumberOk(field, b.value ? 1 : 0)) {
      column.state[k] = CELL.number;
      column.value[k] = b.value ? 1 : 0;
      if (typeof raw === 'string') column.text[k] = 1;
      return;
    }
  }
  const { reading, issues } = readInputCell(field, raw, { sheet: sheetName, cell: a1(column.row[k]!, column.col[k]!), unit: unit.name, unitIndex: unit.index });
  column.slow.set(k, reading);
  if (issues.length > 0) {
    const before = column.issues.get(k);
    column.issues.set(k, before ? [...before, ...issues] : issues);
  }
  column.state[k] = stateOf(reading.coerced);
  if (reading.coerced.kind === 'number') column.value[k] = reading.coerced.value;
  if (reading.bad) column.bad[k] = 1;
  if (typeof raw === 'string') column.text[k] = 1;
}

/** Whether a cell holds anything at all. */
export function filled(v: GridValue | undefined): boolean {
  if (v === null || v === undefined) return false;
  return typeof v === 'string' ? v.trim() !== '' : true;
}

export function textOf(v: GridValue | undefined): string {
  // The codec's one cellText: a foreign object in a cell reads as no text, never '[object Object]'.
  return cellText(v).trim();
}
