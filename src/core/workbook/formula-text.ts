/**
 * Formula text as hosts write it back, on the one tokenizer (formula.ts).
 *
 * The same formula comes back from Excel, WPS, LibreOffice or ExcelJS with different spelling —
 * `$` anchors, case, spaces, quoted sheet names, `_xlfn.` prefixes — and, after a filler inserted
 * rows, with shifted references. Two formulas are the same when their canonical forms are;
 * references are moved with the rows first. A file's shared formulas are expanded by moving a
 * master formula's relative references (`translateFormula`).
 *
 * Formulas here come from files (untrusted), so they are tokenized leniently: nothing throws,
 * and string literals are never touched.
 */
import { colIndex, colLetter } from './address';
import { tokenize, type Token } from './formula';

/** Excel's grid: 16,384 columns, 1,048,576 rows. */
const MAX_COL = 16384;
const MAX_ROW = 1048576;

function tokensOf(formula: string): Token[] {
  return tokenize(formula, { lenient: true });
}

/** Pieces of a reference's local part (`$C$8:D9`, `A:B`, `1:3`): column letters, row digits, the rest. */
type RefPiece = { kind: 'col'; abs: boolean; letters: string } | { kind: 'row'; abs: boolean; digits: string } | { kind: 'text'; text: string };

const REF_PIECE = /(\$?)([A-Za-z]+)|(\$?)(\d+)|[^$A-Za-z\d]+/g;

function refPieces(local: string): RefPiece[] {
  const out: RefPiece[] = [];
  for (const m of local.matchAll(REF_PIECE)) {
    if (m[2] !== undefined) out.push({ kind: 'col', abs: m[1] === '$', letters: m[2] });
    else if (m[4] !== undefined) out.push({ kind: 'row', abs: m[3] === '$', digits: m[4] });
    else out.push({ kind: 'text', text: m[0] });
  }
  return out;
}

function pieceText(p: RefPiece): string {
  if (p.kind === 'text') return p.text;
  const text = p.kind === 'col' ? p.letters : p.digits;
  return p.abs ? `$${text}` : text;
}

/** A reference token split into its sheet prefix (verbatim, with `!`) and the pieces of its local part. */
function splitRef(t: Token): { prefix: string; pieces: RefPiece[] } {
  const local = t.localStart ?? t.start;
  return { prefix: t.text.slice(0, local - t.start), pieces: refPieces(t.text.slice(local - t.start)) };
}

/** Rebuilds a formula with every reference token passed through `mapRef` (other tokens verbatim). */
function mapRefs(tokens: readonly Token[], mapRef: (prefix: string, pieces: RefPiece[]) => string): string {
  let out = '';
  for (const t of tokens) {
    if (t.type !== 'ref') {
      out += t.text;
      continue;
    }
    const { prefix, pieces } = splitRef(t);
    out += mapRef(prefix, pieces);
  }
  return out;
}

/**
 * The formula as compared: no leading `=`, no `$`, no spaces or `_xlfn.`, upper case, sheet names
 * unquoted, TRUE() as TRUE — all outside string literals.
 */
export function canonicalFormula(formula: string): string {
  const tokens = tokensOf(formula.trim().replace(/^=/, ''));
  let out = '';
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    switch (t.type) {
      case 'string':
        out += t.text;
        break;
      case 'space':
        break;
      case 'ref':
      case 'name': {
        const local = t.text.slice((t.localStart ?? t.start) - t.start);
        const sheet = t.sheet === undefined ? '' : `${t.sheet}!`;
        out += canonicalCode(sheet + local);
        break;
      }
      case 'func': {
        // LibreOffice writes the constants TRUE/FALSE back as the functions TRUE()/FALSE().
        const upper = canonicalCode(t.text);
        out += upper;
        const open = nextNonSpace(tokens, k);
        const close = nextNonSpace(tokens, open);
        if ((upper === 'TRUE' || upper === 'FALSE') && tokens[open]?.type === 'lparen' && tokens[close]?.type === 'rparen') k = close;
        break;
      }
      default:
        out += canonicalCode(t.text);
    }
  }
  return out;
}

function canonicalCode(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/\$/g, '')
    .toUpperCase()
    .replace(/_XL(FN|WS)\./g, '');
}

function nextNonSpace(tokens: readonly Token[], k: number): number {
  let j = k + 1;
  while (tokens[j]?.type === 'space') j++;
  return j;
}

/** Moves every row of every reference through `mapRow` (columns unchanged). */
export function moveRows(formula: string, mapRow: (row: number) => number): string {
  return mapRefs(tokensOf(formula), (prefix, pieces) =>
    pieces.reduce((s, p) => s + (p.kind === 'row' ? pieceText({ ...p, digits: String(mapRow(Number(p.digits))) }) : pieceText(p)), prefix),
  );
}

/**
 * A formula cut where it refers to `row`: `parts.join(String(R))` is the same formula on row R
 * (`moveRows(formula, r → r === row ? R : r)`), for the thousands of rows of a unit table at the
 * cost of one scan, and `matchesParts` checks a cell against it without building the text.
 */
export function rowParts(formula: string, row: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const t of tokensOf(formula)) {
    if (t.type !== 'ref') {
      current += t.text;
      continue;
    }
    const { prefix, pieces } = splitRef(t);
    current += prefix;
    for (const p of pieces) {
      if (p.kind === 'row' && Number(p.digits) === row) {
        current += p.abs ? '$' : '';
        parts.push(current);
        current = '';
      } else current += pieceText(p);
    }
  }
  parts.push(current);
  return parts;
}

/** Whether `found` is exactly `parts.join(row)`. */
export function matchesParts(found: string, parts: readonly string[], row: string): boolean {
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!found.startsWith(part, at)) return false;
    at += part.length;
    if (i < parts.length - 1) {
      if (!found.startsWith(row, at)) return false;
      at += row.length;
    }
  }
  return at === found.length;
}

export function sameFormula(expected: string, found: string): boolean {
  return expected === found || canonicalFormula(expected) === canonicalFormula(found);
}

/**
 * Moves the relative references of a formula by (dRow, dCol), as a spreadsheet does when it
 * copies a shared formula down or across. Strings, function names, defined names and `$`-fixed
 * parts are left alone; a reference moved off the grid becomes `#REF!`. Pass the master's
 * tokens when expanding it many times (they are the same for every copy).
 */
export function translateFormula(formula: string, dRow: number, dCol: number, tokens: readonly Token[] = tokensOf(formula)): string {
  if (dRow === 0 && dCol === 0) return formula;
  return mapRefs(tokens, (prefix, pieces) => {
    let local = '';
    for (const p of pieces) {
      if (p.kind === 'col') {
        const col = p.abs ? colIndex(p.letters) : colIndex(p.letters) + dCol;
        if (col < 1 || col > MAX_COL) return `${prefix}#REF!`;
        local += (p.abs ? '$' : '') + colLetter(col);
      } else if (p.kind === 'row') {
        const row = p.abs ? Number(p.digits) : Number(p.digits) + dRow;
        if (row < 1 || row > MAX_ROW) return `${prefix}#REF!`;
        local += (p.abs ? '$' : '') + String(row);
      } else local += p.text;
    }
    return prefix + local;
  });
}

/** The tokens `translateFormula` reads a formula as (for callers caching a shared formula's master). */
export function formulaTokens(formula: string): Token[] {
  return tokensOf(formula);
}
