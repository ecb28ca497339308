/**
 * When two unit names are the same unit: `甲校1` and `甲校１` (full-width digit), `甲校 ` and
 * `甲校`, `第一 小学` and `第一小学` are one school, typed on different machines. ONE rule, used by
 * template (duplicate names), fill (matching records to rows), validate (duplicates, renamed
 * rows) and consolidation, so a name is never merged by one command and split by another.
 */

/** The comparison key of a unit name: NFKC (full-width → half-width), no whitespace, case-folded. */
export function unitKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** A unit name as displayed and stored: trimmed, runs of whitespace as one space (width kept as typed). */
export function cleanUnitName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

export function sameUnit(a: string, b: string): boolean {
  return unitKey(a) === unitKey(b);
}
