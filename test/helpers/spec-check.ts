/**
 * Structural checks every TemplateSpec must pass, whichever renderer draws it: addresses, styles,
 * formulas (syntax and only functions every spreadsheet has), Excel's limits on names, lists and
 * prompts, locked/unlocked inputs, and the metadata. Returns problems as readable strings.
 */
import { colLetter as colName, isA1, parseRange, parseSheetRef } from '../../src/core/workbook/address';
import type { TemplateSpec } from '../../src/core/template/spec';

/** Native functions a template may use: in Excel 2007+, WPS and LibreOffice alike. */
export const ALLOWED_FUNCTIONS = new Set([
  'IF', 'AND', 'OR', 'ISNUMBER', 'ISBLANK', 'ISLOGICAL', 'ROUND', 'MAX', 'MIN', 'ABS', 'INT', 'SUM', 'COUNT', 'COUNTIF', 'COUNTA', 'SUMPRODUCT', 'SQRT', 'TRIM', 'LEN',
]);

/** Problems in a formula body: unbalanced quotes/parentheses, unknown functions, bad references. */
export function formulaProblems(formula: string): string[] {
  const out: string[] = [];
  if (formula.startsWith('=')) out.push('starts with =');
  let depth = 0;
  let inString = false;
  let outside = '';
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (inString) {
      if (ch === '"') {
        if (formula[i + 1] === '"') i++;
        else inString = false;
      }
      continue;
    }
    if (ch === '"') {
      inString = true;
      outside += ' ';
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) out.push('unbalanced )');
    outside += ch;
  }
  if (inString) out.push('unclosed string');
  if (depth !== 0) out.push('unbalanced parentheses');
  for (const m of outside.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\(/g)) if (!ALLOWED_FUNCTIONS.has(m[1].toUpperCase())) out.push(`function ${m[1]}`);
  if (/[{}]/.test(outside)) out.push('array constant');
  if (/!/.test(outside)) out.push('cross-sheet reference');
  if (formula.length > 8000) out.push('longer than 8,000 characters');
  return out;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.]{0,254}$/;

export function specProblems(spec: TemplateSpec): string[] {
  const out: string[] = [];
  const names = new Set<string>();
  for (const sheet of spec.sheets) {
    const where = (a: string) => `${sheet.name}!${a}`;
    if (sheet.name.length > 31 || /[[\]:*?/\\']/.test(sheet.name)) out.push(`bad sheet name ${sheet.name}`);
    if (names.has(sheet.name.toLowerCase())) out.push(`duplicate sheet ${sheet.name}`);
    names.add(sheet.name.toLowerCase());
    for (const [address, cell] of Object.entries(sheet.cells)) {
      if (!isA1(address)) out.push(`bad address ${where(address)}`);
      if (cell.style && !spec.styles[cell.style]) out.push(`unknown style ${cell.style} at ${where(address)}`);
      if (cell.formula !== undefined) {
        for (const p of formulaProblems(cell.formula)) out.push(`${where(address)}: ${p}: ${cell.formula.slice(0, 80)}`);
        if (cell.value !== undefined && cell.value !== null) out.push(`${where(address)}: both value and formula`);
      }
      if (typeof cell.value === 'string' && cell.value.length > 32767) out.push(`${where(address)}: text too long`);
      if (cell.role === 'input' && cell.locked !== false) out.push(`${where(address)}: input cell is locked`);
      // Unlocked: an input, or a sign-off box (typed or signed by the filler, not read as data).
      if (cell.role !== 'input' && cell.role !== 'sign' && cell.locked === false) out.push(`${where(address)}: unlocked cell that is not an input`);
      if (cell.role === 'input' && cell.formula !== undefined) out.push(`${where(address)}: input cell holds a formula`);
      if ((cell.role === 'computed' || cell.role === 'check') && cell.formula === undefined && cell.value !== null && cell.value !== undefined) {
        out.push(`${where(address)}: computed cell with a constant`);
      }
    }
    const merged = new Set<string>();
    for (const m of sheet.merges) {
      const b = parseRange(m);
      if (b.top === b.bottom && b.left === b.right) out.push(`${sheet.name}: single-cell merge ${m}`);
      for (let r = b.top; r <= b.bottom; r++) {
        for (let c = b.left; c <= b.right; c++) {
          const k = `${r}:${c}`;
          if (merged.has(k)) out.push(`${sheet.name}: overlapping merge ${m}`);
          merged.add(k);
          // Only the top-left cell of a merge may hold content.
          const cell = sheet.cells[`${colName(c)}${r}`];
          if ((r !== b.top || c !== b.left) && cell && (cell.formula !== undefined || (cell.value !== null && cell.value !== undefined && cell.value !== ''))) {
            out.push(`${sheet.name}: content inside merge ${m} at ${colName(c)}${r}`);
          }
        }
      }
    }
    for (const v of sheet.validations) {
      parseRange(v.range);
      if (v.rule.type === 'list' && `"${v.rule.values.join(',')}"`.length > 255) out.push(`${sheet.name}: validation list over 255 characters`);
      if (v.rule.type === 'custom') for (const p of formulaProblems(v.rule.formula)) out.push(`${sheet.name} validation ${v.range}: ${p}`);
      if (v.prompt && (v.prompt.title.length > 32 || v.prompt.text.length > 255)) out.push(`${sheet.name} ${v.range}: prompt too long`);
      if (v.error && (v.error.title.length > 32 || v.error.text.length > 255)) out.push(`${sheet.name} ${v.range}: error message too long`);
    }
    for (const cf of sheet.conditionalFormats) {
      parseRange(cf.range);
      if (!spec.styles[cf.style]) out.push(`${sheet.name}: conditional format style ${cf.style} unknown`);
      for (const p of formulaProblems(cf.formula)) out.push(`${sheet.name} conditional format ${cf.range}: ${p}`);
    }
    const inputs = Object.values(sheet.cells).filter((c) => c.role === 'input').length;
    if (inputs > 0 && !sheet.protection) out.push(`${sheet.name}: has inputs but is not protected`);
  }
  const definedNames = new Set<string>();
  for (const n of spec.definedNames) {
    if (!NAME_RE.test(n.name) || /^[A-Za-z]{1,3}\d+$/.test(n.name)) out.push(`bad defined name ${n.name}`);
    if (definedNames.has(n.name.toUpperCase())) out.push(`duplicate defined name ${n.name}`);
    definedNames.add(n.name.toUpperCase());
    const ref = parseSheetRef(n.ref);
    if (!ref) out.push(`defined name ${n.name}: bad reference ${n.ref}`);
    else if (!spec.sheets.some((s) => s.name === ref.sheet)) out.push(`defined name ${n.name}: unknown sheet ${ref.sheet}`);
  }
  if (!spec.hiddenMetadata.rows.every((r) => r.every((c) => typeof c === 'string'))) out.push('metadata must be text');
  if (names.has(spec.hiddenMetadata.sheetName.toLowerCase())) out.push('metadata sheet name collides');
  return out;
}
