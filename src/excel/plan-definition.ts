/**
 * The plan definition workbook in the open workbook (Office.js): 导出计划 writes its sheets,
 * 从工作表导入计划 reads them back through the core (every problem by sheet and cell), and an
 * imported plan is kept in a veryHidden sheet as plan-JSON chunks (the codec templates use to
 * carry their plan), so the workbook brings its plan along to the next machine.
 *
 * Constant syncs: export is one look at the sheet names and one write (more only past Excel's
 * request-size limit); import is the grid reader's fixed syncs; storing the plan is two.
 */
import { boxAt, columnsA1, rangeA1 } from '../core/workbook/address';
import { joinPlanChunks, PLAN_JSON_KEY, planJsonChunks } from '../core/workbook/embedded';
import type { DefinitionBook, DefinitionSheet } from '../core/plan-definition/book';
import { definitionToPlan, isDefinitionSheetName, isPlanDefinition, type DefinitionResult } from '../core/plan-definition/read';
import { safeParsePlan } from '../core/plan/parse';
import type { Plan } from '../core/plan/schema';
import { literalEntry, columnWidthPoints } from './cells';
import { ExcelTaskError, hostError } from './errors';
import { jsonSize } from './payload';
import type { ExcelContext, ExcelWorksheet } from './port';
import { readTemplateGrids } from './read';
import type { Degradation } from './requirements';
import { capabilitiesOf, SyncBudget, withContext, type ExcelTarget, type TargetOptions } from './session';

/** The veryHidden sheet holding the imported plan's JSON (rows `planJson | chunk`). */
export const STORED_PLAN_SHEET = '_edu_plan';

const HEADER_FILL = '#DDEBF7';

export interface WriteDefinitionResult {
  sheets: string[];
  warnings: Degradation[];
  syncs: number;
}

const box = (rows: number, cols: number) => rangeA1(boxAt(1, 1, Math.max(rows, 1), Math.max(cols, 1)));

/** A sheet's cells as one rectangular block; text is guarded unless its column is formatted as text. */
function matrix(sheet: DefinitionSheet): { values: unknown[][]; formats: string[][]; width: number } {
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const text = new Set(sheet.textColumns);
  const values = sheet.rows.map((row) =>
    Array.from({ length: width }, (_, c) => {
      const v = row[c] ?? null;
      if (v === null) return '';
      return literalEntry(v, text.has(c + 1) ? '@' : 'General');
    }),
  );
  const formats = sheet.rows.map(() => Array.from({ length: width }, (_, c) => (text.has(c + 1) ? '@' : 'General')));
  return { values, formats, width };
}

async function writeSheet(ws: ExcelWorksheet, sheet: DefinitionSheet, budget: SyncBudget, caps: ReturnType<typeof capabilitiesOf>, warnings: Degradation[]): Promise<void> {
  const m = matrix(sheet);
  const range = ws.getRange(box(sheet.rows.length, m.width));
  await budget.spend(jsonSize(m.formats) + jsonSize(m.values));
  // Formats first: a text column takes what is typed (and written) literally.
  range.numberFormat = m.formats;
  range.values = m.values;
  for (const col of sheet.textColumns) {
    if (sheet.lastRow > sheet.rows.length) {
      const spare = Array.from({ length: sheet.lastRow - sheet.rows.length }, () => ['@']);
      await budget.spend(jsonSize(spare));
      ws.getRange(rangeA1({ top: sheet.rows.length + 1, left: col, bottom: sheet.lastRow, right: col })).numberFormat = spare;
    }
  }
  if (sheet.headerRows > 0) {
    await budget.spend(200);
    const head = ws.getRange(rangeA1(boxAt(1, 1, sheet.headerRows, m.width)));
    head.format.fill.color = HEADER_FILL;
    head.format.font.bold = true;
  }
  for (const [i, w] of sheet.widths.entries()) {
    await budget.spend(80);
    ws.getRange(columnsA1(i + 1)).format.columnWidth = columnWidthPoints(w);
  }
  if (sheet.validations.length > 0 && caps.degrade('dataValidation', warnings, { zh: '下拉列表未设置（导入时仍会检查取值）', en: 'drop-down lists were left out (import still checks the values)' })) {
    for (const v of sheet.validations) {
      await budget.spend(jsonSize(v) + 200);
      const dv = ws.getRange(v.range).dataValidation;
      dv.rule = { list: { inCellDropDown: true, source: 'values' in v.list ? v.list.values.join(',') : `=${v.list.ref}` } };
      dv.ignoreBlanks = true;
      dv.errorAlert = { showAlert: true, style: 'Stop', title: v.error.title, message: v.error.text };
    }
  }
  const notes = Object.entries(sheet.notes);
  if (notes.length > 0 && caps.degrade('notes', warnings, { zh: '列说明批注未写入（说明见“说明”表）', en: 'column notes were left out (see the 说明 sheet)' })) {
    for (const [address, text] of notes) {
      await budget.spend(jsonSize(text) + 60);
      ws.notes.add(address, text);
    }
  }
  if ((sheet.headerRows > 0 || sheet.freezeColumns > 0) && caps.degrade('freezePanes', warnings, { zh: '表头未冻结', en: 'headers are not frozen' })) {
    await budget.spend(60);
    if (sheet.freezeColumns > 0) ws.freezePanes.freezeAt(rangeA1(boxAt(1, 1, Math.max(sheet.headerRows, 1), sheet.freezeColumns)));
    else ws.freezePanes.freezeRows(sheet.headerRows);
  }
  if (sheet.state === 'veryHidden') ws.visibility = 'VeryHidden';
}

/** Writes a definition workbook's sheets into the open workbook (never over existing sheets). */
export async function writePlanDefinition(target: ExcelTarget, book: DefinitionBook, options: TargetOptions = {}): Promise<WriteDefinitionResult> {
  const caps = capabilitiesOf(target, options);
  caps.require('insertTemplate');
  const doing = { zh: '导出计划', en: 'exporting the plan' };
  const warnings: Degradation[] = [];
  return withContext(target, async (ctx) => {
    let syncs = 0;
    try {
      const sheets = ctx.workbook.worksheets.load('items/name');
      await ctx.sync();
      syncs++;
      const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
      const clash = book.sheets.filter((s) => taken.has(s.name.toLowerCase())).map((s) => s.name);
      if (clash.length > 0) {
        throw new ExcelTaskError('conflict', {
          zh: `工作簿中已有工作表 ${clash.map((n) => `「${n}」`).join('、')}：请先删除或改名（不会覆盖已有数据）`,
          en: `the workbook already has the sheets ${clash.join(', ')}: delete or rename them first (nothing is overwritten)`,
        });
      }
      const budget = new SyncBudget(ctx);
      for (const sheet of book.sheets) {
        await budget.spend(jsonSize(sheet.name));
        await writeSheet(ctx.workbook.worksheets.add(sheet.name), sheet, budget, caps, warnings);
      }
      const first = book.sheets.find((s) => s.state === 'visible');
      if (first) ctx.workbook.worksheets.getItem(first.name).activate();
      await ctx.sync();
      syncs += 1 + budget.extraSyncs;
    } catch (e) {
      throw hostError(doing, e);
    }
    return { sheets: book.sheets.map((s) => s.name), warnings, syncs };
  });
}

export type ReadDefinitionResult = DefinitionResult | { ok: false; notDefinition: true };

/**
 * Reads the definition sheets of the open workbook into a plan (or every problem by sheet and cell).
 * Only the sheets named like a definition's (计划, 指标 … or their English names) are loaded, in the
 * grid reader's constant syncs: the user's other sheets may be large and are none of our business.
 */
export async function readPlanDefinition(target: ExcelTarget, options: TargetOptions = {}): Promise<ReadDefinitionResult> {
  const book = await readTemplateGrids(target, { ...options, sheets: isDefinitionSheetName });
  if (!isPlanDefinition(book)) return { ok: false, notDefinition: true };
  return definitionToPlan(book);
}

async function storedSheet(ctx: ExcelContext): Promise<ExcelWorksheet> {
  const ws = ctx.workbook.worksheets.getItemOrNullObject(STORED_PLAN_SHEET);
  await ctx.sync();
  return ws;
}

/** Keeps a plan inside the workbook (replacing the one kept before). Two syncs. */
export async function storePlanInWorkbook(target: ExcelTarget, plan: Plan, options: TargetOptions = {}): Promise<{ syncs: number }> {
  capabilitiesOf(target, options).require('insertTemplate');
  return withContext(target, async (ctx) => {
    try {
      const old = await storedSheet(ctx);
      if (!old.isNullObject) old.delete();
      const rows = planJsonChunks(plan).map((chunk) => [PLAN_JSON_KEY, chunk]);
      const ws = ctx.workbook.worksheets.add(STORED_PLAN_SHEET);
      const range = ws.getRange(box(rows.length, 2));
      range.numberFormat = rows.map(() => ['@', '@']);
      range.values = rows;
      ws.visibility = 'VeryHidden';
      await ctx.sync();
      return { syncs: 2 };
    } catch (e) {
      throw hostError({ zh: '在工作簿中保存计划', en: 'keeping the plan in the workbook' }, e);
    }
  });
}

/** The plan kept in the workbook, if there is a valid one. Two syncs. */
export async function readStoredPlan(target: ExcelTarget, options: TargetOptions = {}): Promise<Plan | undefined> {
  capabilitiesOf(target, options).require('readTemplate');
  return withContext(target, async (ctx) => {
    const ws = await storedSheet(ctx);
    if (ws.isNullObject) return undefined;
    const used = ws.getUsedRangeOrNullObject(true).load('values');
    await ctx.sync();
    if (used.isNullObject) return undefined;
    const chunks = (used.values as unknown[][]).filter((r) => r[0] === PLAN_JSON_KEY).map((r) => String(r[1] ?? ''));
    const joined = joinPlanChunks(chunks);
    if (!('value' in joined)) return undefined;
    const parsed = safeParsePlan(joined.value);
    return parsed.ok ? parsed.plan : undefined;
  });
}
