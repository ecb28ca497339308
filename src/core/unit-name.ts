/**
 * The one normaliser of reporting-unit names (schools, kindergartens, towns), so that the same
 * unit typed in two files, in an expected list or in a template matches: NFKC (full-width letters
 * and digits, compatibility ideographs), every run of whitespace (ideographic spaces, NBSP, tabs,
 * line breaks) folded to one space, then trimmed. Case and punctuation are kept: 一中 and 一中（初中部）
 * are different units.
 */
export function normalizeUnitName(name: string): string {
  return name.normalize('NFKC').replace(/[\u200B-\u200D\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
}
