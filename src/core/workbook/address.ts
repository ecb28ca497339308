/**
 * A1 addresses, ranges and sheet-qualified references: the one place that writes and reads
 * them, for the template builder, the cell map, both renderers, both readers and validation.
 * Rows and columns are 1-based, as in Excel.
 */

export interface RowCol {
  row: number;
  col: number;
}

export interface RangeBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Excel's grid: 1,048,576 rows, 16,384 columns (XFD). */
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** 1 → A, 27 → AA. */
export function colLetter(col: number): string {
  if (!Number.isInteger(col) || col < 1 || col > MAX_COLS) throw new RangeError(`column out of range: ${col}`);
  let n = col;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A → 1, AA → 27. */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) throw new RangeError(`not a column: ${letters}`);
    n = n * 26 + (c - 64);
  }
  return n;
}

export function a1(row: number, col: number): string {
  return `${colLetter(col)}${row}`;
}

/** `$C$7`. */
export function absA1(row: number, col: number): string {
  return `$${colLetter(col)}$${row}`;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

export function a1ToRowCol(address: string): RowCol {
  const rc = tryA1ToRowCol(address);
  if (!rc) throw new RangeError(`not an A1 address: ${address}`);
  return rc;
}

/**
 * `C12` → {row 12, col 3}, or undefined for anything that is not one cell of the grid. The plain
 * upper-case form is read without a regular expression (a 5,000-school table has 220,000 input cells).
 */
export function tryA1ToRowCol(address: string): RowCol | undefined {
  let col = 0;
  let i = 0;
  for (; i < address.length && i < 3; i++) {
    const c = address.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (i > 0 && i < address.length) {
    let row = 0;
    let j = i;
    for (; j < address.length; j++) {
      const d = address.charCodeAt(j) - 48;
      if (d < 0 || d > 9) break;
      row = row * 10 + d;
    }
    if (j === address.length && row >= 1 && row <= MAX_ROWS && col <= MAX_COLS) return { row, col };
  }
  const m = CELL_RE.exec(address.trim());
  if (!m) return undefined;
  const r = Number(m[2]);
  const c = colIndex(m[1]);
  return r >= 1 && r <= MAX_ROWS && c <= MAX_COLS ? { row: r, col: c } : undefined;
}

export function isA1(address: string): boolean {
  return tryA1ToRowCol(address) !== undefined;
}

/** `C7:E9` or a single cell `C7` as a box. */
export function parseRange(range: string): RangeBox {
  const [first, second] = range.split(':');
  const a = a1ToRowCol(first);
  const b = second === undefined ? a : a1ToRowCol(second);
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/**
 * One end of a reference: `$C$7`, `C`, `$7` — the column and/or row, each with its `$`.
 * Undefined for anything else.
 */
export interface RefEnd {
  col?: number;
  row?: number;
  colAbs: boolean;
  rowAbs: boolean;
}

const REF_END = /^(\$?)([A-Za-z]{1,3})?(\$?)(\d{1,7})?$/;

export function parseRefEnd(text: string): RefEnd | undefined {
  const m = REF_END.exec(text);
  if (!m || (m[2] === undefined && m[4] === undefined)) return undefined;
  const hasCol = m[2] !== undefined;
  const hasRow = m[4] !== undefined;
  if (!hasCol && m[3] === '$' && m[1] === '$') return undefined;
  return {
    col: hasCol ? colIndex(m[2]) : undefined,
    row: hasRow ? Number(m[4]) : undefined,
    colAbs: hasCol && m[1] === '$',
    // `$7` alone (a row range end) puts its `$` in the first group: it belongs to the row.
    rowAbs: hasRow && (m[3] === '$' || (!hasCol && m[1] === '$')),
  };
}

/**
 * An area as Office.js and defined names write it, without a sheet: `A1`, `A1:B2`, `A:C`
 * (whole columns), `2:5` (whole rows), with or without `$`. Undefined when it is none of
 * these or leaves the grid.
 */
export function parseArea(local: string): RangeBox | undefined {
  const [x, y, extra] = local.trim().split(':');
  if (extra !== undefined || x === undefined) return undefined;
  const a = parseRefEnd(x);
  const b = y === undefined ? a : parseRefEnd(y);
  if (!a || !b) return undefined;
  if ((a.row === undefined) !== (b.row === undefined) || (a.col === undefined) !== (b.col === undefined)) return undefined;
  if (y === undefined && (a.row === undefined || a.col === undefined)) return undefined;
  const box = {
    top: Math.min(a.row ?? 1, b.row ?? 1),
    bottom: Math.max(a.row ?? MAX_ROWS, b.row ?? MAX_ROWS),
    left: Math.min(a.col ?? 1, b.col ?? 1),
    right: Math.max(a.col ?? MAX_COLS, b.col ?? MAX_COLS),
  };
  if (box.top < 1 || box.left < 1 || box.bottom > MAX_ROWS || box.right > MAX_COLS) return undefined;
  return box;
}

/** `C:E` — whole columns. */
export function columnsA1(left: number, right = left): string {
  return `${colLetter(left)}:${colLetter(right)}`;
}

/** `3:5` — whole rows. */
export function rowsA1(top: number, bottom = top): string {
  return `${top}:${bottom}`;
}

/** A box from its top-left cell and size (`rows` × `cols`). */
export function boxAt(top: number, left: number, rows = 1, cols = 1): RangeBox {
  return { top, left, bottom: top + rows - 1, right: left + cols - 1 };
}

export function rangeA1(box: RangeBox): string {
  const tl = a1(box.top, box.left);
  return box.top === box.bottom && box.left === box.right ? tl : `${tl}:${a1(box.bottom, box.right)}`;
}

export function absRangeA1(box: RangeBox): string {
  const tl = absA1(box.top, box.left);
  return box.top === box.bottom && box.left === box.right ? tl : `${tl}:${absA1(box.bottom, box.right)}`;
}

/** `'学校数据'` — always quoted (safe for every sheet name; `'` doubled). What we write. */
export function quoteSheet(name: string): string {
  return `'${name.includes("'") ? name.replace(/'/g, "''") : name}'`;
}

/** True when Excel would need the sheet name quoted in a reference. */
export function sheetNeedsQuotes(name: string): boolean {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) return true;
  // A name that reads as a cell (A1, XFD1048576) or an R1C1 reference must be quoted.
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]?\d*$/.test(name) || /^[Cc]\d*$/.test(name) || /^(TRUE|FALSE)$/i.test(name);
}

/** `Sheet1` or `'My sheet'` — quoted only when needed, the way Excel reports addresses. */
export function sheetPrefix(name: string): string {
  return sheetNeedsQuotes(name) ? quoteSheet(name) : name;
}

/** `'学校数据'!C7` — a local address (or range) on a sheet, the sheet always quoted. */
export function onSheet(sheet: string, local: string): string {
  return `${quoteSheet(sheet)}!${local}`;
}

/** `'学校数据'!$C$7:$C$1006`. */
export function sheetRef(sheet: string, box: RangeBox): string {
  return onSheet(sheet, absRangeA1(box));
}

/**
 * Parses a sheet-qualified reference as hosts report defined names: `'My sheet'!$C$7:$C$9`,
 * `Sheet1!C7`, with or without a leading `=`. Returns undefined for `#REF!` and anything else.
 */
export function parseSheetRef(ref: string): { sheet: string; box: RangeBox } | undefined {
  const split = splitSheetRef(ref);
  if (!split) return undefined;
  const parts = split.local.split(':');
  if (parts.length > 2 || !parts.every(isA1)) return undefined;
  return { sheet: split.sheet, box: parseRange(split.local) };
}

/**
 * A sheet-qualified address split into the sheet name (unquoted) and what follows the `!`:
 * `'My sheet'!A1:B5` → {`My sheet`, `A1:B5`}; `Sheet1!A:A` → {`Sheet1`, `A:A`}. Undefined when
 * there is no sheet.
 */
export function splitSheetRef(ref: string): { sheet: string; local: string } | undefined {
  const text = ref.trim().replace(/^=/, '');
  if (text.startsWith("'")) {
    const quoted = readQuotedSheet(text, 0);
    if (!quoted || text[quoted.end] !== '!') return undefined;
    return { sheet: quoted.name, local: text.slice(quoted.end + 1) };
  }
  const bang = text.lastIndexOf('!');
  if (bang < 1) return undefined;
  return { sheet: text.slice(0, bang), local: text.slice(bang + 1) };
}

/**
 * A quoted sheet name starting at `text[at]` (the opening `'`; `''` inside is one quote): the
 * name and the offset after the closing quote, or undefined when it never closes.
 */
export function readQuotedSheet(text: string, at: number): { name: string; end: number } | undefined {
  let name = '';
  for (let j = at + 1; j < text.length; j++) {
    if (text[j] === "'") {
      if (text[j + 1] === "'") {
        name += "'";
        j++;
        continue;
      }
      return { name, end: j + 1 };
    }
    name += text[j];
  }
  return undefined;
}

/** Every cell of a box, row by row. */
export function* cellsOf(box: RangeBox): Generator<RowCol> {
  for (let row = box.top; row <= box.bottom; row++) {
    for (let col = box.left; col <= box.right; col++) yield { row, col };
  }
}
