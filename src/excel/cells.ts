/**
 * How values travel into cells through Office.js, where every write has typing semantics:
 * `=1+1` becomes a formula, `00123` the number 123, `12%` 0.12, `TRUE` a boolean.
 *
 * Text (from a plan, a unit list, a validation message) is written with a leading apostrophe,
 * Excel's own "this is text" marker: the cell stores the rest verbatim, nothing is parsed or
 * executed in any locale, the apostrophe is not part of the value (`values` reads back without
 * it, as the ExcelJS renderer's plain strings do), and the cell's number format stays what the
 * spec says — unlike formatting the cell as Text (`@`), which would also turn numbers a filler
 * later types there into text. The one exception is a cell already formatted as Text: Excel takes
 * input there literally, so the text goes in as it is.
 */

/** A literal as an Office.js `values`/`formulas` entry that Excel stores exactly. */
export function literalEntry(value: string | number | boolean, numberFormat = 'General'): string | number | boolean {
  if (typeof value !== 'string') return value;
  if (value === '' || numberFormat === '@') return value;
  return `'${value}`;
}

/**
 * Excel column width: the spec (like ExcelJS and the file format) counts characters of the
 * default font; Office.js takes points. Excel's rule: pixels = trunc(chars × 7 + 5) for the
 * 7-pixel digit width of the default 11-point font, and 1 pixel = 0.75 point.
 */
export function columnWidthPoints(chars: number): number {
  if (chars <= 0) return 0;
  return Math.trunc(chars * 7 + 5) * 0.75;
}

/** Inverse of columnWidthPoints (to the character precision Excel keeps). */
export function columnWidthChars(points: number): number {
  if (points <= 0) return 0;
  return Math.round(((points / 0.75 - 5) / 7) * 100) / 100;
}
