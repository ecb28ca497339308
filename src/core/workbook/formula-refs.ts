/**
 * Rewriting the references of a formula (text without the leading `=`), token by token with the
 * one tokenizer, so string literals and names are never touched: what Excel does to every formula
 * of a workbook when a sheet is renamed (the references follow) or deleted (they become
 * `#REF!G9`), and what an update in place does when a template cell it replaces moves.
 *
 * Users: the fake workbook (renaming and deleting sheets as Excel does) and the relocation of
 * formulas that point into a template being updated (core/template/relocate.ts).
 */
import { parseArea, sheetPrefix, type RangeBox } from './address';
import { tokenize, type Token } from './formula';

/** One reference of a formula: its sheet as written (undefined: the formula's own sheet) and its area. */
export interface FormulaRef {
  sheet?: string;
  /** What follows the `!` (or the whole reference): `$G$9`, `G9:H12`, `G:G`. */
  local: string;
  /** The area, or undefined for what cannot be read as one. */
  box?: RangeBox;
  token: Token;
}

/**
 * The formula with each reference replaced by what `edit` returns for it (undefined keeps it).
 * Sheet-qualified names (`'Sheet'!name`) are handed over too, with no box.
 */
export function rewriteRefs(formula: string, edit: (ref: FormulaRef) => string | undefined): string {
  let tokens: Token[];
  try {
    tokens = tokenize(formula, { lenient: true });
  } catch {
    return formula;
  }
  let out = '';
  let changed = false;
  for (const t of tokens) {
    if (t.type === 'ref' || (t.type === 'name' && t.sheet !== undefined)) {
      const local = t.text.slice((t.localStart ?? t.start) - t.start);
      const next = edit({ sheet: t.sheet, local, box: t.type === 'ref' ? parseArea(local) : undefined, token: t });
      if (next !== undefined && next !== t.text) {
        out += next;
        changed = true;
        continue;
      }
    }
    out += t.text;
  }
  return changed ? out : formula;
}

/** Every reference of a formula (for reading what it points at). */
export function formulaRefs(formula: string): FormulaRef[] {
  const refs: FormulaRef[] = [];
  rewriteRefs(formula, (r) => {
    refs.push(r);
    return undefined;
  });
  return refs;
}

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** Cheap test before tokenizing: can this formula name the sheet at all (as written, or quoted)? */
export function mayName(formula: string, sheet: string): boolean {
  const f = formula.toLowerCase();
  const s = sheet.toLowerCase();
  return f.includes(s) || f.includes(s.replace(/'/g, "''"));
}

/** `'指标填报'!G9` → `Return!G9` after the sheet is renamed (Excel's own rewrite). */
export function renameSheetInFormula(formula: string, from: string, to: string): string {
  if (!mayName(formula, from)) return formula;
  return rewriteRefs(formula, (r) => (same(r.sheet, from) ? `${sheetPrefix(to)}!${r.local}` : undefined));
}

/** `'指标填报'!G9` → `#REF!G9` once the sheet is deleted (Excel's own rewrite; it stays broken). */
export function deleteSheetInFormula(formula: string, sheet: string): string {
  if (!mayName(formula, sheet)) return formula;
  return rewriteRefs(formula, (r) => (same(r.sheet, sheet) ? `#REF!${r.token.type === 'ref' ? r.local : ''}` : undefined));
}
