/** Reporting units as a user gives them: typed, pasted from a sheet or a document, or read from a selection. */
// Typed or pasted units are split by the rule every surface shares: core/user-input.ts splitList.

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
