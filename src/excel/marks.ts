/**
 * Marking the cells validation found problems in, and clearing the marks without destroying the
 * user's own formatting.
 *
 * A mark is a fill colour per severity (a value not filled in has its own), on the cells the filler
 * changes to fix the issue: a computed value out of range marks the inputs it is made from, never
 * the locked formula cell that shows it. Before marking, the cell's own fill is recorded in a
 * `veryHidden` registry sheet (`_edu_marks`: sheet, cell, prior fill, mark colour), so the marks
 * survive a reload of the pane or of the workbook and can always be taken off. Clearing puts the
 * prior fill back — but only where the cell still shows our mark: a cell the user recoloured
 * since keeps the user's colour. Only the fill is touched (never values, fonts or borders).
 *
 * Template sheets are protected; marking needs "format cells", so a protected sheet is
 * unprotected for the batch and protected again with the options it had (and the password given
 * in the options, when the sheet has one). Syncs are constant: list, read, unprotect, write.
 *
 * Limits: a pattern or gradient fill comes back as its colour; below ExcelApi 1.9 a white fill
 * cannot be told from no fill and is restored as no fill.
 */
import { cellsToFix, type FixableIssue, type IssueSeverity } from '../core/validate/issues';
import { MARK_COLOR, MARK_COLORS, markKindOf, MISSING_MARK_COLOR, type MarkKind } from '../core/validate/marks';
import { literalEntry } from './cells';
import { ExcelTaskError, hostError, officeErrorCode } from './errors';
import type { ExcelContext, ExcelRange, ExcelWorksheet, ExcelWorksheetProtectionOptions } from './port';
import { capabilitiesOf, withContext, type ExcelTarget, type TargetOptions } from './session';

export const MARKS_SHEET = '_edu_marks';

// The colours (one table with the pane's legend and the templates): core/validate/marks.ts.
export { MARK_COLORS, MISSING_MARK_COLOR };

/**
 * The part of a validation issue marking needs: where it is, and what `cellsToFix` reads to find
 * the input cells behind a computed value (a locked formula cell is never the one marked).
 */
export interface MarkableIssue extends FixableIssue {
  severity: IssueSeverity;
  /** The issue's code: `required-missing` gets the missing mark. */
  code?: string;
}


export interface MarkOptions extends TargetOptions {
  /** Severities to mark (default errors and warnings). */
  severities?: IssueSeverity[];
  /** Password of protected template sheets, when they have one (the pane's setting). */
  password?: string;
}

export interface MarkResult {
  /** Cells marked now. */
  marked: number;
  /** Earlier marks whose fill was put back. */
  restored: number;
  /** Earlier marks left alone because the user recoloured the cell since. */
  keptUserFormat: number;
  /** Issues whose sheet no longer exists (renamed or deleted). */
  missingSheets: string[];
}

interface Mark {
  sheet: string;
  address: string;
  /** '' = no fill. */
  prior: string;
  color: string;
}

/** A wrong value outranks a missing one on the same cell (it cannot be both, but a relation can name an empty cell). */
const RANK: Record<MarkKind, number> = { error: 4, missing: 3, warning: 2, info: 1 };
const DOING = { zh: '标记问题单元格', en: 'Marking cells' };
const DOING_CLEAR = { zh: '清除标记', en: 'Clearing marks' };

const key = (sheet: string, address: string) => `${sheet.toLowerCase()}\u0000${address.toUpperCase()}`;

/**
 * The cells to mark and their colour: the cells a filler changes to fix each issue (its input
 * cells, not the formula cell that shows the result); the most severe issue of each cell wins.
 */
export function plannedMarks(
  issues: readonly MarkableIssue[],
  severities: readonly IssueSeverity[] = ['error', 'warning'],
): Map<string, { sheet: string; address: string; severity: IssueSeverity; kind: MarkKind }> {
  const out = new Map<string, { sheet: string; address: string; severity: IssueSeverity; kind: MarkKind }>();
  for (const i of issues) {
    if (!severities.includes(i.severity)) continue;
    const kind = markKindOf(i);
    for (const at of cellsToFix(i)) {
      const address = at.cell.replace(/\$/g, '').toUpperCase();
      const k = key(at.sheet, address);
      const prev = out.get(k);
      if (!prev || RANK[kind] > RANK[prev.kind]) out.set(k, { sheet: at.sheet, address, severity: i.severity, kind });
    }
  }
  return out;
}

function parseRegistry(values: unknown[][]): Mark[] {
  return values
    .filter((r) => typeof r[0] === 'string' && r[0] !== '' && typeof r[1] === 'string')
    .map((r) => ({ sheet: String(r[0]), address: String(r[1]), prior: String(r[2] ?? ''), color: String(r[3] ?? '') }));
}

interface ProtectionState {
  ws: ExcelWorksheet;
  protectedBefore: boolean;
  options: ExcelWorksheetProtectionOptions;
}

/**
 * Moves the workbook from its current marks to `wanted` (empty: clear all). One implementation
 * for marking and clearing, so both restore fills the same way.
 */
async function reconcile(
  ctx: ExcelContext,
  wanted: Map<string, { sheet: string; address: string; color: string }>,
  options: MarkOptions,
  hasPattern: boolean,
): Promise<MarkResult> {
  const wb = ctx.workbook;
  // 1. Which sheets exist (issues may name a sheet renamed since), and the registry.
  const list = wb.worksheets.load('items/name');
  await ctx.sync();
  const names = new Map(list.items.map((s) => [s.name.toLowerCase(), s.name]));
  const registryExists = names.has(MARKS_SHEET.toLowerCase());
  const missingSheets = [...new Set([...wanted.values()].map((m) => m.sheet).filter((s) => !names.has(s.toLowerCase())))];

  // 2. Registry contents, protection of the sheets involved, fills of every cell involved.
  const registryRange = registryExists ? wb.worksheets.getItem(MARKS_SHEET).getUsedRangeOrNullObject(true).load('values') : undefined;
  const sheets = new Map<string, ProtectionState>();
  const sheetOf = (name: string) => {
    const real = names.get(name.toLowerCase());
    if (!real) return undefined;
    let s = sheets.get(real);
    if (!s) {
      const ws = wb.worksheets.getItem(real);
      ws.protection.load('protected, options');
      s = { ws, protectedBefore: false, options: {} };
      sheets.set(real, s);
    }
    return s;
  };
  const fills = new Map<string, ExcelRange>();
  const loadFill = (sheet: string, address: string) => {
    const k = key(sheet, address);
    const s = sheetOf(sheet);
    if (!s || fills.has(k)) return;
    const r = s.ws.getRange(address);
    r.format.fill.load(hasPattern ? 'color, pattern' : 'color');
    fills.set(k, r);
  };
  for (const m of wanted.values()) loadFill(m.sheet, m.address);
  await ctx.sync();
  const existing = registryRange && !registryRange.isNullObject ? parseRegistry(registryRange.values) : [];
  for (const m of existing) loadFill(m.sheet, m.address);
  if (existing.length > 0) await ctx.sync();
  const fillOf = (sheet: string, address: string): string | undefined => {
    const r = fills.get(key(sheet, address));
    if (!r) return undefined;
    const f = r.format.fill;
    if (hasPattern ? f.pattern === 'None' : f.color === '#FFFFFF') return '';
    return f.color ?? '';
  };

  // Decide: earlier marks to restore, to keep (re-marked), to leave to the user.
  const result: MarkResult = { marked: 0, restored: 0, keptUserFormat: 0, missingSheets };
  const restore: Mark[] = [];
  const priorOf = new Map<string, string>();
  for (const m of existing) {
    const current = fillOf(m.sheet, m.address);
    if (current === undefined) continue; // its sheet is gone
    const ours = current.toUpperCase() === m.color.toUpperCase();
    if (wanted.has(key(m.sheet, m.address)) && ours) priorOf.set(key(m.sheet, m.address), m.prior);
    else if (ours) restore.push(m);
    else result.keptUserFormat++;
  }
  const apply: Mark[] = [];
  for (const [k, w] of wanted) {
    const current = fillOf(w.sheet, w.address);
    if (current === undefined) continue;
    apply.push({ sheet: names.get(w.sheet.toLowerCase()) ?? w.sheet, address: w.address, prior: priorOf.get(k) ?? current, color: w.color });
  }

  // 3. Unprotect the sheets we must format.
  const touched = new Set([...restore, ...apply].map((m) => names.get(m.sheet.toLowerCase()) ?? m.sheet));
  const toUnprotect = [...touched].map((n) => sheets.get(n)).filter((s): s is ProtectionState => !!s && s.ws.protection.protected);
  for (const s of toUnprotect) {
    s.protectedBefore = true;
    s.options = s.ws.protection.options;
  }
  if (toUnprotect.length > 0) {
    for (const s of toUnprotect) {
      if (options.password) s.ws.protection.unprotect(options.password);
      else s.ws.protection.unprotect();
    }
    try {
      await ctx.sync();
    } catch (e) {
      await reprotectAfterFailure(ctx, toUnprotect, options.password);
      if (officeErrorCode(e) === 'InvalidArgument' || officeErrorCode(e) === 'AccessDenied') {
        throw new ExcelTaskError(
          'password',
          {
            zh: '模板工作表设有保护密码：请在“设置”中填写正确的工作表保护密码后重试',
            en: 'the template sheets are protected with a password: enter the right sheet protection password in Settings and try again',
          },
          e,
        );
      }
      throw e;
    }
  }

  // 4. Restore, mark, record, protect again — one batch.
  for (const m of restore) {
    const fill = sheets.get(names.get(m.sheet.toLowerCase()) ?? m.sheet)!.ws.getRange(m.address).format.fill;
    if (m.prior === '') fill.clear();
    else fill.color = m.prior;
    result.restored++;
  }
  for (const m of apply) {
    sheets.get(m.sheet)!.ws.getRange(m.address).format.fill.color = m.color;
    result.marked++;
  }
  writeRegistry(ctx, registryExists, apply);
  for (const s of toUnprotect) {
    if (options.password) s.ws.protection.protect(s.options, options.password);
    else s.ws.protection.protect(s.options);
  }
  await ctx.sync();
  return result;
}

function writeRegistry(ctx: ExcelContext, exists: boolean, marks: Mark[]): void {
  const wb = ctx.workbook;
  if (marks.length === 0) {
    if (exists) wb.worksheets.getItem(MARKS_SHEET).delete();
    return;
  }
  let ws: ExcelWorksheet;
  if (exists) {
    ws = wb.worksheets.getItem(MARKS_SHEET);
    ws.getRange('A:D').clear('Contents');
  } else {
    ws = wb.worksheets.add(MARKS_SHEET);
    ws.visibility = 'VeryHidden';
  }
  // Sheet names are user text: guarded like any text we write.
  ws.getRange(`A1:D${marks.length}`).values = marks.map((m) => [literalEntry(m.sheet), literalEntry(m.address), literalEntry(m.prior), literalEntry(m.color)]);
}

async function reprotectAfterFailure(ctx: ExcelContext, states: ProtectionState[], password: string | undefined): Promise<void> {
  try {
    for (const s of states) s.ws.protection.load('protected');
    await ctx.sync();
    for (const s of states) {
      if (s.ws.protection.protected) continue;
      if (password) s.ws.protection.protect(s.options, password);
      else s.ws.protection.protect(s.options);
    }
    await ctx.sync();
  } catch {
    // Best effort: the password error is what the user must see.
  }
}

/**
 * Marks the cells of `issues` (replacing earlier marks: cells no longer in the list get their
 * own fill back). Returns what was done.
 */
export async function markCells(target: ExcelTarget, issues: readonly MarkableIssue[], options: MarkOptions = {}): Promise<MarkResult> {
  const caps = capabilitiesOf(target, options);
  caps.require('readTemplate');
  const wanted = new Map(
    [...plannedMarks(issues, options.severities)].map(([k, m]) => [k, { sheet: m.sheet, address: m.address, color: MARK_COLOR[m.kind] }]),
  );
  return withContext(target, async (ctx) => {
    try {
      return await reconcile(ctx, wanted, options, caps.has('fillPattern'));
    } catch (e) {
      throw hostError(DOING, e);
    }
  });
}

/** Takes every mark off, putting back each cell's own fill (unless the user recoloured it since). */
export async function clearMarks(target: ExcelTarget, options: MarkOptions = {}): Promise<MarkResult> {
  const caps = capabilitiesOf(target, options);
  caps.require('readTemplate');
  return withContext(target, async (ctx) => {
    try {
      return await reconcile(ctx, new Map(), options, caps.has('fillPattern'));
    } catch (e) {
      throw hostError(DOING_CLEAR, e);
    }
  });
}
