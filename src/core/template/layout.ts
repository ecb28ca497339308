/**
 * Views of a SheetSpec that renderers need: its bounding box, its content as 2-D arrays
 * (Office.js writes `range.formulas`/`numberFormat` in one call), and its cells grouped into
 * rectangular runs sharing a style or lock state (one format call per run, not per cell).
 */
import { a1ToRowCol, rangeA1, type RangeBox } from '../workbook/address';
import { DEFAULT_FONT, type CellSpec, type SheetSpec, type StyleSpec } from './spec';

export interface PlacedCell {
  row: number;
  col: number;
  address: string;
  cell: CellSpec;
}

/** The cells of a sheet with their row/column, in insertion order. */
export function placedCells(sheet: SheetSpec): PlacedCell[] {
  return Object.entries(sheet.cells).map(([address, cell]) => ({ ...a1ToRowCol(address), address, cell }));
}

/** `sheetBox` from cells already placed (no address parsed again). */
export function boxOfPlaced(placed: readonly PlacedCell[]): RangeBox {
  let bottom = 1;
  let right = 1;
  for (const p of placed) {
    if (p.row > bottom) bottom = p.row;
    if (p.col > right) right = p.col;
  }
  return { top: 1, left: 1, bottom, right };
}

/** The smallest box holding every cell (A1 when the sheet is empty). */
export function sheetBox(sheet: SheetSpec): RangeBox {
  let bottom = 1;
  let right = 1;
  for (const address of Object.keys(sheet.cells)) {
    const { row, col } = a1ToRowCol(address);
    if (row > bottom) bottom = row;
    if (col > right) right = col;
  }
  return { top: 1, left: 1, bottom, right };
}

/**
 * The sheet's content as one 2-D array from A1: `=formula` for formula cells, the literal
 * otherwise (`null` for empty). Text that `needsTextGuard` must still be guarded by the
 * renderer; `isText` marks every literal string so it can be.
 */
export function contentMatrix(
  sheet: SheetSpec,
  /** The sheet's placed cells when the caller has them already (a renderer computes them once per sheet). */
  placed: readonly PlacedCell[] = placedCells(sheet),
): ContentMatrix {
  const steps = contentSteps(sheet, placed);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export interface ContentMatrix {
  box: RangeBox;
  formulas: (string | number | boolean | null)[][];
  isText: boolean[][];
  numberFormats: string[][];
}

/** `contentMatrix` in steps, pausing every few thousand cells (see `runsSteps`). */
export function* contentSteps(sheet: SheetSpec, placed: readonly PlacedCell[] = placedCells(sheet), step = RUN_STEP): Generator<void, ContentMatrix, void> {
  const box = boxOfPlaced(placed);
  const rows = box.bottom;
  const cols = box.right;
  const formulas: (string | number | boolean | null)[][] = new Array(rows);
  const isText: boolean[][] = new Array(rows);
  const numberFormats: string[][] = new Array(rows);
  const rowsPerStep = Math.max(1, Math.floor(step / Math.max(1, cols)));
  for (let r = 0; r < rows; r++) {
    if (r % rowsPerStep === rowsPerStep - 1) yield;
    formulas[r] = new Array<string | number | boolean | null>(cols).fill(null);
    isText[r] = new Array<boolean>(cols).fill(false);
    numberFormats[r] = new Array<string>(cols).fill('General');
  }
  for (let i = 0; i < placed.length; i++) {
    if (i % step === step - 1) yield;
    const p = placed[i];
    const r = p.row - 1;
    const c = p.col - 1;
    if (p.cell.formula !== undefined) formulas[r][c] = `=${p.cell.formula}`;
    else {
      const v = p.cell.value ?? null;
      formulas[r][c] = v;
      isText[r][c] = typeof v === 'string';
    }
    if (p.cell.numFmt) numberFormats[r][c] = p.cell.numFmt;
  }
  return { box, formulas, isText, numberFormats };
}

/** A rectangle of cells sharing one key (see `runsBy`). */
export interface Run {
  range: string;
  box: RangeBox;
  key: string;
}

/** Cells `runsSteps` handles between two of its pauses. */
const RUN_STEP = 2048;

/**
 * Groups cells by `keyOf` (cells where it returns undefined are skipped) into rectangles:
 * vertical runs in each column, then equal runs in adjacent columns merged side by side.
 * Deterministic; every keyed cell lands in exactly one run.
 */
export function runsBy(
  sheet: SheetSpec,
  keyOf: (cell: CellSpec) => string | undefined,
  placed: readonly PlacedCell[] = placedCells(sheet),
): Run[] {
  const steps = runsSteps(sheet, keyOf, placed);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `runsBy` in steps: the generator pauses (yields) every few thousand cells so that a caller
 * in the pane can let the page paint between them, and returns the runs. One algorithm for the
 * synchronous and the sliced caller.
 */
export function* runsSteps(
  sheet: SheetSpec,
  keyOf: (cell: CellSpec) => string | undefined,
  placed: readonly PlacedCell[] = placedCells(sheet),
  step = RUN_STEP,
): Generator<void, Run[], void> {
  const byCol = new Map<number, Array<{ row: number; key: string }>>();
  for (let i = 0; i < placed.length; i++) {
    const p = placed[i];
    if (i % step === step - 1) yield;
    const key = keyOf(p.cell);
    if (key === undefined) continue;
    let list = byCol.get(p.col);
    if (!list) byCol.set(p.col, (list = []));
    list.push({ row: p.row, key });
  }
  // Vertical runs per column.
  const vertical: Array<{ box: RangeBox; key: string }> = [];
  let done = 0;
  for (const [col, list] of [...byCol].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.row - b.row);
    yield;
    let start = list[0];
    let prev = list[0];
    for (let i = 1; i <= list.length; i++) {
      if (++done % step === 0) yield;
      const cur = list[i];
      if (cur && cur.key === start.key && cur.row === prev.row + 1) {
        prev = cur;
        continue;
      }
      vertical.push({ box: { top: start.row, bottom: prev.row, left: col, right: col }, key: start.key });
      if (cur) start = prev = cur;
    }
  }
  // Merge identical vertical runs of adjacent columns.
  const open = new Map<string, { box: RangeBox; key: string }>();
  const out: Array<{ box: RangeBox; key: string }> = [];
  for (let i = 0; i < vertical.length; i++) {
    const run = vertical[i];
    if (i % step === step - 1) yield;
    const id = `${run.box.top}:${run.box.bottom}:${run.key}`;
    const prev = open.get(id);
    if (prev && prev.box.right === run.box.left - 1) {
      prev.box.right = run.box.right;
    } else {
      const fresh = { box: { ...run.box }, key: run.key };
      open.set(id, fresh);
      out.push(fresh);
    }
  }
  const runs: Run[] = new Array<Run>(out.length);
  for (let i = 0; i < out.length; i++) {
    if (i % step === step - 1) yield;
    const r = out[i];
    runs[i] = { range: rangeA1(r.box), box: r.box, key: r.key };
  }
  return runs;
}

/** Width of a text in Excel character units: a CJK or full-width character takes two. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * Row heights for wrapped text: Excel does not grow a row for a merged cell, and a printed page
 * must not cut text off, so every row holding wrapped text gets the height its longest cell needs
 * (lines = text width ÷ the width of the cell or its merge, at the cell's font size). Explicit
 * heights only grow. Deterministic, so both renderers draw the same rows.
 */
export function fitRowHeights(sheet: SheetSpec, styles: Record<string, StyleSpec>): void {
  const widths = new Map(sheet.columns.map((c) => [c.index, c.width]));
  const colWidth = (c: number) => widths.get(c) ?? 8.43;
  const mergeOf = new Map<string, RangeBox>();
  for (const m of sheet.merges) {
    const [a, b] = m.split(':');
    const tl = a1ToRowCol(a);
    const br = a1ToRowCol(b ?? a);
    mergeOf.set(a, { top: tl.row, left: tl.col, bottom: br.row, right: br.col });
  }
  const need = new Map<number, number>();
  for (const p of placedCells(sheet)) {
    const v = p.cell.value;
    if (typeof v !== 'string' || v === '') continue;
    const style = p.cell.style ? styles[p.cell.style] : undefined;
    const box = mergeOf.get(p.address);
    if (box && box.bottom > box.top) continue; // a cell merged down has its rows' heights
    const wrap = style?.align?.wrap === true || v.includes('\n');
    const size = style?.font?.size ?? DEFAULT_FONT.size;
    let avail = 0;
    for (let c = box?.left ?? p.col; c <= (box?.right ?? p.col); c++) avail += colWidth(c);
    // Character units at 11 pt; a 9 pt note fits more per unit, a 14 pt title fewer.
    const perLine = Math.max(1, (avail - 1) * (11 / size));
    const lines = wrap ? v.split('\n').reduce((n, seg) => n + Math.max(1, Math.ceil(textWidth(seg) / perLine)), 0) : 1;
    // One line fits the default row (every host sizes it); only taller text needs a height.
    if (lines <= 1 && size <= DEFAULT_FONT.size) continue;
    const height = Math.ceil(lines * size * 1.45 + 5);
    need.set(p.row, Math.max(need.get(p.row) ?? 0, height));
  }
  const explicit = new Map(sheet.rows.map((r) => [r.index, r.height]));
  for (const [row, h] of need) {
    const height = Math.min(409, Math.max(explicit.get(row) ?? 0, h));
    sheet.rows = sheet.rows.filter((r) => r.index !== row);
    sheet.rows.push({ index: row, height });
  }
  sheet.rows.sort((a, b) => a.index - b.index);
}
