/**
 * Updating a template in place: the new template is written into the **same worksheet objects**
 * as the old one, so everything of the user's that points at the template keeps pointing at it —
 * formulas on the user's own sheets (`='指标填报'!G9`), defined names, charts, conditional formats.
 * Replacing the sheets (delete, then add sheets of the same names) turned all of those into
 * `#REF!` for good; Excel does not mend a reference when a sheet of the same name comes back.
 *
 *  - Each old sheet is cleared (contents, formats, notes, validation, conditional formats, sizes,
 *    panes, protection) and the new sheet rendered into it; a new name (the other language) is a
 *    rename, which Excel's references follow. Old sheets with no counterpart are deleted, new ones
 *    added; the metadata sheet (nobody points at it) is replaced.
 *  - Cells that move (a unit's inputs in a reordered table, a new layout) are followed: formulas of
 *    the user that point at a moved cell are rewritten to its new address (core/template/relocate.ts),
 *    as Excel does when cells are cut and pasted; a reference to a cell that no longer exists is
 *    named in the result (`lostReferences`) and left as it was written.
 *  - Rollback: before anything is touched each old sheet is copied (`worksheet.copy`, ExcelApi 1.7);
 *    if the write fails or is cancelled the copy is pasted back into the original sheet
 *    (`range.copyFrom`, 1.9: contents, formats, validation, conditional formats, merges, sizes), its
 *    name, protection and tab colour restored, rewritten user formulas and names put back, so the
 *    workbook is as it was and the user's references never broke. On success the copies are deleted
 *    in the same batch.
 *
 * Syncs: 4 whatever the size (look; the used ranges of the user's sheets; their formulas, split only
 * past the response budget; write, split only past the request budget), 2 more for a rollback.
 */
import { cellKey, isTemplateDefinedName } from '../core/workbook/cellmap';
import { mayName } from '../core/workbook/formula-refs';
import { a1, boxAt, rangeA1 } from '../core/workbook/address';
import { isMetaSheetName } from '../core/workbook/meta';
import { relocateFormula, relocation as orderedRelocation, type Relocation } from '../core/template/relocate';
import type { LostReference } from '../core/template/migrate';
import type { TemplateSpec } from '../core/template/spec';
import { isTaskCancelled, TaskControl } from '../core/task/control';
import { ExcelTaskError, hostError } from './errors';
import { DEFAULT_SYNC_BUDGET, jsonSize } from './payload';
import type { ExcelContext, ExcelRange, ExcelWorksheet, ExcelWorksheetProtectionOptions } from './port';
import type { Degradation } from './requirements';
import {
  contentCells,
  freeName,
  lower,
  settleSpec,
  SheetWriter,
  writeMetadataAndNames,
  drawSheet,
  type ExistingWorkbook,
  type InsertOptions,
  type InsertResult,
  type SpecBuilder,
} from './render';
import { capabilitiesOf, SyncBudget, withContext, type ExcelTarget } from './session';
import type { Capabilities } from './requirements';

/** A template already in the workbook that an insert replaces (update in place). */
export interface ReplaceTemplate {
  /** The sheets it lives on: its input sheets and overview sheet in tab order, and its metadata sheet. */
  sheets: string[];
  /** Its defined names with their references (`'指标填报'!$C$5`), put back if the update fails. */
  names: Array<{ name: string; ref: string }>;
  /**
   * Where each old cell goes (core/template/migrate.ts returns it with the spec: a spec builder
   * sets it here). Without it the sheets are paired in order and every cell keeps its address.
   */
  relocation?: Relocation;
  /** The password the old sheets are protected with, when they were protected with one. */
  password?: string;
}

/** What an update did to the formulas that point at the template. */
export interface UpdateReport {
  /** User formulas and names rewritten because the cell they point at moved. */
  followed: number;
  /** User formulas (by cell) and names whose references to the template could not be kept. */
  lost: LostReference[];
}

const DOING = { zh: '更新模板', en: 'Updating the template' };

/** Rows of user formulas read per block: the response stays under the budget (≈ 96 bytes a cell). */
const BYTES_PER_CELL = 96;

interface SheetState {
  name: string;
  id: string;
  position: number;
  visibility: string;
  tabColor?: string;
}

interface UserFormula {
  sheet: string;
  address: string;
  /** As read, with its `=`. */
  formula: string;
}

interface Undo {
  /** Each old sheet written into: its id, its name before, its saved copy, its protection. */
  saved: Array<{ id: string; name: string; backup: string; tabColor?: string }>;
  created: string[];
  names: string[];
  /** The old metadata sheet, renamed out of the way. */
  renamed: Array<{ backup: string; original: string }>;
  removedNames: Array<{ name: string; ref: string }>;
  /** User formulas rewritten (original text) and names re-pointed (original formula). */
  formulas: UserFormula[];
  userNames: Array<{ name: string; formula: string }>;
}

/** Does this formula text mention one of the sheets (cheap test before tokenizing)? */
function mentions(formula: string, sheets: readonly string[]): boolean {
  return sheets.some((s) => mayName(formula, s));
}

/** Clears a sheet of the old template so the new one is drawn on a blank sheet (formats and sizes included). */
function blank(ws: ExcelWorksheet, caps: Capabilities, password: string | undefined): void {
  if (password) ws.protection.unprotect(password);
  else ws.protection.unprotect();
  const all = ws.getRange();
  if (caps.has('conditionalFormats')) all.conditionalFormats.clearAll();
  if (caps.has('dataValidation')) all.dataValidation.clear();
  // Clear All: contents, formats, merges and notes (清除全部).
  all.clear('All');
  all.format.useStandardWidth = true;
  all.format.useStandardHeight = true;
  all.columnHidden = false;
  if (caps.has('freezePanes')) ws.freezePanes.unfreeze();
  if (caps.has('tabColor')) ws.tabColor = '';
}

async function rollback(ctx: ExcelContext, undo: Undo, caps: Capabilities, password: string | undefined): Promise<boolean> {
  try {
    const created = undo.created.map((n) => ctx.workbook.worksheets.getItemOrNullObject(n));
    const names = undo.names.map((n) => ctx.workbook.names.getItemOrNullObject(n));
    const saved = undo.saved.map((s) => ({
      s,
      backup: ctx.workbook.worksheets.getItemOrNullObject(s.backup),
      protection: ctx.workbook.worksheets.getItemOrNullObject(s.backup).protection.load('protected, options'),
    }));
    const metas = undo.renamed.map((r) => ctx.workbook.worksheets.getItemOrNullObject(r.backup));
    await ctx.sync();
    for (const n of names) if (!n.isNullObject) n.delete();
    for (const s of created) if (!s.isNullObject) s.delete();
    for (const { s, backup, protection } of saved) {
      if (backup.isNullObject) continue;
      const ws = ctx.workbook.worksheets.getItem(s.id);
      ws.name = s.name;
      blank(ws, caps, password);
      ws.getRange().copyFrom(backup.getRange(), 'All');
      if (caps.has('tabColor')) ws.tabColor = s.tabColor ?? '';
      if (protection.protected) {
        const options: ExcelWorksheetProtectionOptions = protection.options;
        if (password) ws.protection.protect(options, password);
        else ws.protection.protect(options);
      }
      backup.visibility = 'Visible';
      backup.delete();
    }
    metas.forEach((m, i) => {
      if (!m.isNullObject) m.name = undo.renamed[i].original;
    });
    for (const n of undo.removedNames) ctx.workbook.names.add(n.name, `=${n.ref}`);
    for (const f of undo.formulas) ctx.workbook.worksheets.getItem(f.sheet).getRange(f.address).formulas = [[f.formula]];
    for (const n of undo.userNames) ctx.workbook.names.getItemOrNullObject(n.name).formula = n.formula;
    await ctx.sync();
    return true;
  } catch {
    // The original failure is what the user needs to see.
    return false;
  }
}

/** The user's formulas that name a template sheet: used ranges (one sync), then formulas in row blocks. */
async function userFormulas(ctx: ExcelContext, sheets: SheetState[], templateSheets: string[], budget: number): Promise<{ formulas: UserFormula[]; syncs: number }> {
  let syncs = 0;
  const used = sheets.map((s) => ({ s, range: ctx.workbook.worksheets.getItem(s.id).getUsedRangeOrNullObject(true).load('rowIndex, columnIndex, rowCount, columnCount') }));
  await ctx.sync();
  syncs++;
  const out: UserFormula[] = [];
  let pending: Array<{ sheet: string; range: ExcelRange; top: number; left: number }> = [];
  let spent = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await ctx.sync();
    syncs++;
    for (const p of pending) {
      p.range.formulas.forEach((row, r) =>
        row.forEach((f, c) => {
          if (typeof f === 'string' && f.startsWith('=') && mentions(f, templateSheets)) out.push({ sheet: p.sheet, address: a1(p.top + r, p.left + c), formula: f });
        }),
      );
    }
    pending = [];
    spent = 0;
  };
  for (const { s, range } of used) {
    if (range.isNullObject) continue;
    const top = range.rowIndex + 1;
    const left = range.columnIndex + 1;
    const step = Math.max(1, Math.floor(budget / (BYTES_PER_CELL * range.columnCount)));
    for (let r = 0; r < range.rowCount; r += step) {
      const rows = Math.min(step, range.rowCount - r);
      const cost = rows * range.columnCount * BYTES_PER_CELL;
      if (spent > 0 && spent + cost > budget) await flush();
      const block = ctx.workbook.worksheets.getItem(s.id).getRange(rangeA1(boxAt(top + r, left, rows, range.columnCount))).load('formulas');
      pending.push({ sheet: s.name, range: block, top: top + r, left });
      spent += cost;
    }
  }
  await flush();
  return { formulas: out, syncs };
}

/**
 * Writes `spec` into the sheets of the template `replace` names (see the module comment).
 * The result's `update` says which user formulas followed a moved cell and which lost a reference.
 */
export async function updateTemplate(
  target: ExcelTarget,
  spec: TemplateSpec | SpecBuilder,
  options: InsertOptions & { replace: ReplaceTemplate },
): Promise<InsertResult & { update: UpdateReport }> {
  const caps = capabilitiesOf(target, options);
  caps.require('insertTemplate');
  caps.require('updateInPlace');
  const warnings: Degradation[] = [];
  const control = new TaskControl({ signal: options.signal, onProgress: options.onProgress, sliceMs: options.sliceMs });
  const replace = options.replace;
  return withContext(target, async (ctx) => {
    let syncs = 0;
    control.report({ stage: 'prepare', done: 0, total: 0, of: 'cells' });
    control.throwIfCancelled();
    let sheets: SheetState[];
    let names: Array<{ name: string; formula: string }>;
    try {
      const ws = ctx.workbook.worksheets.load(caps.has('tabColor') ? 'items/name,items/id,items/position,items/visibility,items/tabColor' : 'items/name,items/id,items/position,items/visibility');
      const ns = ctx.workbook.names.load('items/name,items/formula');
      await ctx.sync();
      syncs++;
      sheets = ws.items.map((s) => ({ name: s.name, id: s.id, position: s.position, visibility: s.visibility, ...(caps.has('tabColor') ? { tabColor: s.tabColor } : {}) }));
      names = ns.items.map((n) => ({ name: n.name, formula: String(n.formula) }));
    } catch (e) {
      throw hostError(DOING, e);
    }
    const byLower = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));
    const gone = replace.sheets.filter((n) => !byLower.has(n.toLowerCase()));
    if (gone.length > 0) {
      throw new ExcelTaskError('sheet-missing', {
        zh: `要更新的模板工作表已不存在：${gone.join('、')}（已被重命名或删除），未作任何更改`,
        en: `the template sheets to update are gone: ${gone.join(', ')} (renamed or deleted); nothing was changed`,
      });
    }
    const replaced = lower(replace.sheets);
    const replacedNames = lower(replace.names.map((n) => n.name));
    const existing: ExistingWorkbook = {
      sheetNames: sheets.map((s) => s.name).filter((n) => !replaced.has(n.toLowerCase())),
      definedNames: names.map((n) => n.name).filter((n) => !replacedNames.has(n.toLowerCase())),
    };
    await control.pause();
    const final = await settleSpec(spec, existing, options.onConflict);
    await control.pause();
    const oldSheets = replace.sheets.filter((n) => !isMetaSheetName(n)).map((n) => byLower.get(n.toLowerCase())!.name);
    const oldMeta = replace.sheets.filter((n) => isMetaSheetName(n)).map((n) => byLower.get(n.toLowerCase())!.name);
    // The old sheets were protected as the new ones will be (the pane's settings), unless told otherwise.
    const password = replace.password ?? final.sheets.find((s) => s.protection?.password)?.protection?.password;
    const rel = replace.relocation ?? orderedRelocation({ sheets: oldSheets, cells: [], occupied: new Set() }, final, new Map());

    // The user's formulas and names that point at the template: followed where their cell moved.
    let read: UserFormula[];
    try {
      const others = sheets.filter((s) => !replaced.has(s.name.toLowerCase()));
      const r = await userFormulas(ctx, others, oldSheets, options.syncBudget ?? DEFAULT_SYNC_BUDGET);
      read = r.formulas;
      syncs += r.syncs;
    } catch (e) {
      throw hostError(DOING, e);
    }
    const report: UpdateReport = { followed: 0, lost: [] };
    const rewrites: Array<UserFormula & { next: string }> = [];
    for (const f of read) {
      const r = relocateFormula(f.formula.slice(1), f.sheet, rel);
      if (r.lost.length > 0) report.lost.push({ where: cellKey(f.sheet, f.address), formula: f.formula.slice(1), lost: r.lost });
      else if (r.moved) rewrites.push({ ...f, next: `=${r.formula}` });
    }
    const nameRewrites: Array<{ name: string; formula: string; next: string }> = [];
    for (const n of names) {
      if (isTemplateDefinedName(n.name) || !n.formula.startsWith('=') || !mentions(n.formula, oldSheets)) continue;
      const r = relocateFormula(n.formula.slice(1), '', rel);
      if (r.lost.length > 0) report.lost.push({ where: n.name, formula: n.formula.slice(1), lost: r.lost });
      else if (r.moved) nameRewrites.push({ ...n, next: `=${r.formula}` });
    }
    report.followed = rewrites.length + nameRewrites.length;

    const total = final.sheets.reduce((n, s) => n + contentCells(s), 0);
    control.report({ stage: 'prepare', done: 0, total, of: 'cells' });
    const undo: Undo = { saved: [], created: [], names: [], renamed: [], removedNames: [], formulas: [], userNames: [] };
    const budget = new SyncBudget(ctx, options.syncBudget);
    const taken = lower(sheets.map((s) => s.name));
    const specSheets = new Map(final.sheets.map((s) => [s.name, s]));
    try {
      if (caps.has('suspendScreenUpdating')) ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
      // 1. A copy of each old sheet, before anything is touched: what a failure puts back.
      for (const p of rel.pairs) {
        const s = byLower.get(p.from.toLowerCase())!;
        const backup = freeName('_edu_old_', taken);
        await budget.spend(jsonSize(backup) + 100);
        const copy = ctx.workbook.worksheets.getItem(s.id).copy('End');
        copy.name = backup;
        undo.saved.push({ id: s.id, name: s.name, backup, tabColor: s.tabColor });
      }
      // 2. The metadata sheet and the template's names are replaced (nothing of the user's points at them).
      for (const name of oldMeta) {
        const backup = freeName('_edu_old_', taken);
        await budget.spend(jsonSize(name) + jsonSize(backup));
        ctx.workbook.worksheets.getItem(name).name = backup;
        undo.renamed.push({ backup, original: name });
      }
      const present = lower(names.map((n) => n.name));
      for (const n of replace.names) {
        if (!present.has(n.name.toLowerCase())) continue;
        await budget.spend(jsonSize(n.name));
        ctx.workbook.names.getItemOrNullObject(n.name).delete();
        undo.removedNames.push(n);
      }
      // 3. Each old sheet blanked and renamed (through a free name when another old sheet holds the new one).
      const pairs = rel.pairs.map((p) => ({ ...p, ws: ctx.workbook.worksheets.getItem(byLower.get(p.from.toLowerCase())!.id) }));
      const olds = lower(pairs.map((p) => p.from));
      for (const p of pairs) {
        await budget.spend(400);
        blank(p.ws, caps, password);
        if (p.to !== p.from && olds.has(p.to.toLowerCase()) && p.to.toLowerCase() !== p.from.toLowerCase()) p.ws.name = freeName('_edu_tmp_', taken);
      }
      for (const p of pairs) if (p.to !== p.from) p.ws.name = p.to;
      // 4. The new template drawn into them, and new sheets for what the old one did not have.
      const lastOld = Math.max(...rel.pairs.map((p) => byLower.get(p.from.toLowerCase())!.position), -1);
      let addAt = lastOld + 1;
      for (const sheet of final.sheets) {
        const pair = pairs.find((p) => p.to === sheet.name);
        let ws: ExcelWorksheet;
        if (pair) ws = pair.ws;
        else {
          await budget.spend(jsonSize(sheet.name));
          ws = ctx.workbook.worksheets.add(sheet.name);
          undo.created.push(sheet.name);
          ws.position = addAt++;
        }
        await drawSheet(new SheetWriter(ws, final, specSheets.get(sheet.name)!, caps, budget, warnings, control));
      }
      await writeMetadataAndNames(ctx, final, budget, undo);
      // 5. The user's formulas and names whose cell moved follow it.
      for (const f of rewrites) {
        await budget.spend(jsonSize(f.next) + 80);
        ctx.workbook.worksheets.getItem(f.sheet).getRange(f.address).formulas = [[f.next]];
        undo.formulas.push(f);
      }
      for (const n of nameRewrites) {
        await budget.spend(jsonSize(n.next) + 80);
        ctx.workbook.names.getItemOrNullObject(n.name).formula = n.next;
        undo.userNames.push({ name: n.name, formula: n.formula });
      }
      // 6. Old sheets the new template has no place for, then the saved copies, go.
      for (const name of rel.dropped) {
        const s = byLower.get(name.toLowerCase())!;
        const ws = ctx.workbook.worksheets.getItem(s.id);
        ws.visibility = 'Visible';
        ws.delete();
      }
      for (const s of undo.saved) {
        const ws = ctx.workbook.worksheets.getItem(s.backup);
        ws.visibility = 'Visible';
        ws.delete();
      }
      for (const r of undo.renamed) {
        // A very hidden sheet (the metadata) is made visible first: Excel deletes visible sheets only.
        const ws = ctx.workbook.worksheets.getItem(r.backup);
        ws.visibility = 'Visible';
        ws.delete();
      }
      if (options.activate !== false && final.sheets.length > 0) ctx.workbook.worksheets.getItem(final.sheets[0].name).activate();
      control.throwIfCancelled();
      control.report({ stage: 'write', done: total, total, of: 'cells' });
      await ctx.sync();
      syncs += 1 + budget.extraSyncs;
    } catch (e) {
      // Nothing reached Excel when a cancel came before the first sync: the batch is dropped.
      if (budget.extraSyncs > 0 || !isTaskCancelled(e)) await rollback(ctx, undo, caps, password);
      if (isTaskCancelled(e)) throw e;
      throw hostError(DOING, e);
    }
    if (control.cancelled) {
      // Stopped while Excel was writing: the update is complete and its saved copies are gone with
      // the same batch, so it stays (undoing it would need them); say so rather than pretend.
      warnings.push({
        feature: 'updateInPlace',
        needs: '',
        message: { zh: '取消时 Excel 已写完，更新已完成', en: 'Excel had finished writing when the cancel came; the update is complete' },
      });
    }
    control.report({ stage: 'done', done: total, total, of: 'cells' });
    return {
      sheets: final.sheets.map((s) => s.name),
      metadataSheet: final.hiddenMetadata.sheetName,
      definedNames: undo.names,
      warnings,
      syncs,
      yields: control.yields,
      update: report,
    };
  });
}
