/**
 * What the preview's grid shows of a fake worksheet: the window of rows and columns, each cell's
 * displayed text and effective format (the fake's `view`, conditional formats applied), merges,
 * borders and the selection. Read-only; typing goes through the fake's `typeInto`, which applies
 * Excel's typing, protection and data-validation rules.
 */
import { a1, colLetter } from '../../core/workbook/address';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, type Box, type FakeExcel, type FakeSheet } from '../../excel/fake';

/** Points to CSS pixels (Excel's 96-dpi rendering). */
const PX_PER_PT = 4 / 3;

/** Shown at least this much of an empty sheet, like a fresh Excel window. */
const MIN_ROWS = 30;
const MIN_COLS = 10;
/** The preview draws at most this much; larger sheets say so (it is a preview, not Excel). */
export const MAX_ROWS_SHOWN = 400;
export const MAX_COLS_SHOWN = 40;

export interface CellView {
  row: number;
  col: number;
  address: string;
  text: string;
  /** Numbers right-aligned, text left, as Excel's General alignment. */
  numeric: boolean;
  error: boolean;
  fill?: string;
  color?: string;
  bold?: boolean;
  italic?: boolean;
  hAlign?: 'left' | 'center' | 'right';
  vAlign?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  indent?: number;
  borders: Partial<Record<'top' | 'bottom' | 'left' | 'right', string>>;
  rowSpan: number;
  colSpan: number;
  /** Covered by a merge whose top-left cell is elsewhere: not drawn. */
  covered: boolean;
  locked: boolean;
  hasFormula: boolean;
  selected: boolean;
  /** The input message of the cell's data validation, or its note. */
  note?: string;
}

export interface GridView {
  sheet: string;
  /** Every shown row with its height; `cells` is empty for a row left out by `built` (not rendered). */
  rows: Array<{ row: number; height: number; cells: CellView[] }>;
  /** Per shown row: the rows its tallest merge spans from there (1 without a merge). */
  spans: number[];
  columns: Array<{ col: number; letter: string; width: number }>;
  truncated: boolean;
  freezeRows: number;
  freezeColumns: number;
  protected: boolean;
}

function hAlignOf(v: string | undefined): CellView['hAlign'] {
  switch ((v ?? '').toLowerCase()) {
    case 'left':
      return 'left';
    case 'center':
    case 'centeracrossselection':
      return 'center';
    case 'right':
      return 'right';
    default:
      return undefined;
  }
}

function vAlignOf(v: string | undefined): CellView['vAlign'] {
  switch ((v ?? '').toLowerCase()) {
    case 'top':
      return 'top';
    case 'center':
      return 'middle';
    case 'bottom':
      return 'bottom';
    default:
      return undefined;
  }
}

function borderCss(b: { style: string; color: string } | undefined): string | undefined {
  if (!b || !b.style || b.style === 'None') return undefined;
  const width = /thick/i.test(b.style) ? '2px' : '1px';
  const style = /dash/i.test(b.style) ? 'dashed' : /dot/i.test(b.style) ? 'dotted' : /double/i.test(b.style) ? 'double' : 'solid';
  return `${width} ${style} ${b.color || '#000000'}`;
}

/**
 * `built(index)` says which rows (0-based) get their cells: the grid renders a window of a long
 * sheet, and evaluating the cells of every shown row was most of the work of each re-render.
 */
export function buildGridView(fake: FakeExcel, sheet: FakeSheet, built: (index: number) => boolean = () => true): GridView {
  const wb = fake.model;
  const used = sheet.usedBox(false);
  const lastRow = Math.max(MIN_ROWS, (used?.bottom ?? 0) + 5);
  const lastCol = Math.max(MIN_COLS, (used?.right ?? 0) + 2);
  const rowsShown = Math.min(lastRow, MAX_ROWS_SHOWN);
  const colsShown = Math.min(lastCol, MAX_COLS_SHOWN);
  const mergeAt = new Map<string, Box>();
  const covered = new Set<string>();
  for (const m of sheet.merges) {
    mergeAt.set(`${m.top}:${m.left}`, m);
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
  }
  const sel = wb.selection.sheet === sheet ? wb.selection.box : undefined;
  const columns: GridView['columns'] = [];
  for (let col = 1; col <= colsShown; col++) {
    if (sheet.hiddenColumns.has(col)) continue;
    columns.push({ col, letter: colLetter(col), width: Math.round((sheet.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH) * PX_PER_PT) });
  }
  const hasConditional = sheet.conditionalFormats.length > 0;
  const rows: GridView['rows'] = [];
  for (let row = 1; row <= rowsShown; row++) {
    const cells: CellView[] = [];
    for (const { col } of built(row - 1) ? columns : []) {
      const cell = sheet.get(row, col);
      const merge = mergeAt.get(`${row}:${col}`);
      const base = {
        row,
        col,
        address: a1(row, col),
        rowSpan: merge ? merge.bottom - merge.top + 1 : 1,
        colSpan: merge ? countVisible(sheet, merge.left, Math.min(merge.right, colsShown)) : 1,
        covered: covered.has(`${row}:${col}`),
        selected: !!sel && row >= sel.top && row <= sel.bottom && col >= sel.left && col <= sel.right,
      };
      if (!cell && !hasConditional) {
        cells.push({ ...base, text: '', numeric: false, error: false, borders: {}, locked: true, hasFormula: false });
        continue;
      }
      const v = fake.view(sheet.name, row, col);
      const b = cell?.borders;
      cells.push({
        ...base,
        text: v.text,
        numeric: typeof v.value === 'number',
        error: v.error !== undefined,
        fill: v.conditional?.fill ?? v.fill,
        color: v.conditional?.fontColor ?? v.fontColor,
        bold: v.conditional?.bold ?? v.bold,
        italic: v.italic,
        hAlign: hAlignOf(v.hAlign),
        vAlign: vAlignOf(cell?.vAlign),
        wrap: v.wrap,
        indent: cell?.indent,
        borders: { top: borderCss(b?.top), bottom: borderCss(b?.bottom), left: borderCss(b?.left), right: borderCss(b?.right) },
        locked: v.locked,
        hasFormula: v.formula !== undefined,
        note: v.validation?.prompt?.showPrompt !== false && v.validation?.prompt?.message ? v.validation.prompt.message : v.note,
      });
    }
    rows.push({ row, height: Math.round((sheet.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT) * PX_PER_PT), cells });
  }
  const spans = new Array<number>(rows.length).fill(1);
  for (const m of sheet.merges) if (m.top <= rows.length) spans[m.top - 1] = Math.max(spans[m.top - 1], m.bottom - m.top + 1);
  return {
    sheet: sheet.name,
    rows,
    spans,
    columns,
    truncated: lastRow > rowsShown || lastCol > colsShown,
    freezeRows: sheet.freeze.rows,
    freezeColumns: sheet.freeze.columns,
    protected: sheet.protection.protected,
  };
}

function countVisible(sheet: FakeSheet, from: number, to: number): number {
  let n = 0;
  for (let c = from; c <= to; c++) if (!sheet.hiddenColumns.has(c)) n++;
  return Math.max(1, n);
}

/** What the formula bar shows for a cell: its formula, or its typed content. */
export function formulaBarText(fake: FakeExcel, sheet: FakeSheet, row: number, col: number): string {
  const cell = sheet.get(row, col);
  if (!cell) return '';
  if (cell.quotePrefix && typeof cell.value === 'string') return `'${cell.value}`;
  const f = fake.model.formulaAt(sheet, row, col);
  return typeof f === 'boolean' ? (f ? 'TRUE' : 'FALSE') : String(f);
}
