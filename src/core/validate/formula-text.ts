/**
 * Comparing formula text as hosts write it back. The same formula comes back from Excel, WPS,
 * LibreOffice or ExcelJS with different spelling — `$` anchors, case, spaces, quoted sheet names,
 * `_xlfn.` prefixes — and, after a filler inserted rows, with shifted references. Two formulas
 * are the same when their canonical forms are; references are moved with the rows first.
 *
 * A tiny scanner, not a parser: it only needs to keep string literals intact and find A1
 * references outside them.
 */

/** Splits a formula into string literals ("…" with "" escapes) and the code between them. */
function segments(formula: string): Array<{ text: string; literal: boolean }> {
  const out: Array<{ text: string; literal: boolean }> = [];
  let i = 0;
  let start = 0;
  while (i < formula.length) {
    if (formula[i] === '"') {
      if (i > start) out.push({ text: formula.slice(start, i), literal: false });
      let j = i + 1;
      for (; j < formula.length; j++) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j++;
          else break;
        }
      }
      out.push({ text: formula.slice(i, j + 1), literal: true });
      i = j + 1;
      start = i;
    } else i++;
  }
  if (start < formula.length) out.push({ text: formula.slice(start), literal: false });
  return out;
}

/** A1 references (not function names like LOG10( nor parts of longer names). */
const REF = /(^|[^A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g;

/**
 * The formula as compared: no leading `=`, no `$`, no spaces or `_xlfn.`, upper case, sheet names
 * unquoted, TRUE() as TRUE — all outside string literals.
 */
export function canonicalFormula(formula: string): string {
  return segments(formula.trim().replace(/^=/, ''))
    .map((s) => {
      if (s.literal) return s.text;
      return s.text
        .replace(/'((?:[^']|'')*)'!/g, (_m, name: string) => `${name.replace(/''/g, "'")}!`)
        .replace(/\s+/g, '')
        .replace(/\$/g, '')
        .toUpperCase()
        .replace(/_XL(FN|WS)\./g, '')
        // LibreOffice writes the constants TRUE/FALSE back as the functions TRUE()/FALSE().
        .replace(/\b(TRUE|FALSE)\(\)/g, '$1');
    })
    .join('');
}

/** Moves every A1 reference's row through `mapRow` (columns unchanged). */
export function moveRows(formula: string, mapRow: (row: number) => number): string {
  return segments(formula)
    .map((s) =>
      s.literal
        ? s.text
        : s.text.replace(REF, (_m, pre: string, d1: string, col: string, d2: string, row: string) => `${pre}${d1}${col}${d2}${mapRow(Number(row))}`),
    )
    .join('');
}

/**
 * A formula cut where it refers to `row`: `parts.join(String(R))` is the same formula on row R
 * (`moveRows(formula, r → r === row ? R : r)`), for the thousands of rows of a unit table at the
 * cost of one scan, and `matchesParts` checks a cell against it without building the text.
 */
export function rowParts(formula: string, row: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const seg of segments(formula)) {
    if (seg.literal) {
      current += seg.text;
      continue;
    }
    let last = 0;
    for (const m of seg.text.matchAll(REF)) {
      const [whole, pre, d1, col, d2, r] = m as unknown as [string, string, string, string, string, string];
      if (Number(r) !== row) continue;
      const at = m.index!;
      current += seg.text.slice(last, at) + pre + d1 + col + d2;
      parts.push(current);
      current = '';
      last = at + whole.length;
    }
    current += seg.text.slice(last);
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
