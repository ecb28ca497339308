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

/** 1 → A, 27 → AA. */
export function colLetter(col: number): string {
  if (!Number.isInteger(col) || col < 1 || col > 16384) throw new RangeError(`column out of range: ${col}`);
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
  const m = CELL_RE.exec(address.trim());
  if (!m) throw new RangeError(`not an A1 address: ${address}`);
  return { row: Number(m[2]), col: colIndex(m[1]) };
}

export function isA1(address: string): boolean {
  return CELL_RE.test(address.trim());
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
  return `'${name.replace(/'/g, "''")}'`;
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
  const text = ref.trim().replace(/^=/, '');
  let sheet: string;
  let rest: string;
  if (text.startsWith("'")) {
    const quoted = readQuotedSheet(text, 0);
    if (!quoted || text[quoted.end] !== '!') return undefined;
    sheet = quoted.name;
    rest = text.slice(quoted.end + 1);
  } else {
    const bang = text.lastIndexOf('!');
    if (bang < 1) return undefined;
    sheet = text.slice(0, bang);
    rest = text.slice(bang + 1);
  }
  const parts = rest.split(':');
  if (parts.length > 2 || !parts.every(isA1)) return undefined;
  return { sheet, box: parseRange(rest) };
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
