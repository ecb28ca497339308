/** Reporting units as a user gives them: typed, pasted from a sheet or a document, or read from a selection. */

/**
 * One unit per line; a line pasted from a spreadsheet row is split at tabs, and a single line
 * written as a list (甲校，乙校、丙校) at Chinese and Latin list separators. Blank entries are
 * dropped; duplicates are kept here so the template builder can name them in its error.
 */
export function parseUnits(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split(/[\n\t]/)
    .map((l) => l.trim())
    .filter(Boolean);
  const items = lines.length === 1 ? lines[0].split(/[，,、；;]/) : lines;
  return items.map((u) => u.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** Names that occur more than once. */
export function duplicateUnits(units: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const u of units) (seen.has(u) ? dup : seen).add(u);
  return [...dup];
}

/** The texts of a selected range, row by row, blanks and numbers-only cells skipped (headers stay: the user picks). */
export function unitsFromCells(values: readonly (readonly unknown[])[]): string[] {
  const out: string[] = [];
  for (const row of values) {
    for (const v of row) {
      if (typeof v === 'string' && v.trim() !== '') out.push(v.trim());
    }
  }
  return out;
}
