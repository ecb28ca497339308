/**
 * The 审核结果 (review) sheet: one row per issue with a link to its cell, severity and message.
 * Its content is decided in the core (`reviewRows`/`reviewTable` in src/core/validate/review.ts);
 * this writes it in one 2-D `formulas` call.
 *
 * The sheet is found again by a defined name (`EDU_REVIEW`) rather than by its title, so a
 * refresh rewrites our own sheet even after the user renamed it, and never a sheet of the user's
 * that happens to be called 审核结果 (a new one, 审核结果 (2), is made instead).
 */
import type { Lang } from '../core/i18n/text';
import { boxAt, columnsA1, parseSheetRef, rangeA1, sheetRef } from '../core/workbook/address';
import { definedNameKey } from '../core/workbook/meta';
import { uniqueSheetName } from '../core/template/options';
import { reviewRows, reviewTable, type ReviewCell } from '../core/validate/review';
import type { ValidationIssue } from '../core/validate/issues';
import { columnWidthPoints, literalEntry } from './cells';
import { hostError } from './errors';
import { MARK_COLORS } from './marks';
import { jsonSize } from './payload';
import type { ExcelWorksheet } from './port';
import { capabilitiesOf, SyncBudget, withContext, type ExcelTarget, type TargetOptions } from './session';
import { findSheetName, listWorkbook } from './workbook';

/** Workbook-scoped name on A1 of the review sheet. */
export const REVIEW_NAME = 'EDU_REVIEW';

export interface ReviewOptions extends TargetOptions {
  lang?: Lang;
  /** Display name of an issue's input or indicator (the pane knows the plan). */
  itemName?: (issue: ValidationIssue) => string | undefined;
  /** Show the sheet afterwards (default true). */
  activate?: boolean;
}

export interface ReviewResult {
  sheet: string;
  rows: number;
  /** True when an existing review sheet was refreshed. */
  refreshed: boolean;
}

const DOING = { zh: '写入审核结果', en: 'Writing the review sheet' };
const HEADER_FILL = '#1F4E78';

function entry(cell: ReviewCell): string | number | boolean {
  if ('formula' in cell) return `=${cell.formula}`;
  if (cell.value === null) return '';
  return typeof cell.value === 'string' ? literalEntry(cell.value) : cell.value;
}

/**
 * Writes or refreshes the review sheet. Syncs: list (1), write (1, split only past Excel's
 * request limit).
 */
export async function writeReviewSheet(target: ExcelTarget, issues: readonly ValidationIssue[], options: ReviewOptions = {}): Promise<ReviewResult> {
  const caps = capabilitiesOf(target, options);
  caps.require('readTemplate');
  const lang = options.lang ?? 'zh-CN';
  const rows = reviewRows(issues, lang, options.itemName);
  const table = reviewTable(rows, lang);
  return withContext(target, async (ctx) => {
    try {
      const wb = ctx.workbook;
      const listing = await listWorkbook(ctx, { formula: caps.has('nameFormula') });
      const named = listing.names.find((n) => definedNameKey(n.name) === REVIEW_NAME);
      const ref = named && parseSheetRef(named.ref);
      const existing = ref && findSheetName(listing, ref.sheet);

      let ws: ExcelWorksheet;
      let sheetName: string;
      const refreshed = existing !== undefined;
      if (existing !== undefined) {
        sheetName = existing;
        ws = wb.worksheets.getItem(sheetName);
        ws.getUsedRange().clear('All');
      } else {
        // A name left pointing at a deleted sheet (#REF!) is replaced.
        if (named) wb.names.getItemOrNullObject(REVIEW_NAME).delete();
        sheetName = uniqueSheetName(table.sheetName, new Set(listing.sheets.map((s) => s.name.toLowerCase())));
        ws = wb.worksheets.add(sheetName);
        wb.names.add(REVIEW_NAME, `=${sheetRef(sheetName, boxAt(1, 1))}`);
      }

      const budget = new SyncBudget(ctx);
      const width = table.headers.length;
      ws.getRange('A1').values = [[literalEntry(table.summary)]];
      ws.getRange('A1').format.font.bold = true;
      const header = ws.getRange(rangeA1(boxAt(2, 1, 1, width)));
      header.values = [table.headers.map((h) => literalEntry(h))];
      header.format.fill.color = HEADER_FILL;
      header.format.font.color = '#FFFFFF';
      header.format.font.bold = true;
      const body = table.rows.map((r) => r.map(entry));
      // Row blocks so a very long list can be split by the budget instead of refused by Excel.
      const step = 2000;
      for (let i = 0; i < body.length; i += step) {
        const block = body.slice(i, i + step);
        await budget.spend(jsonSize(block));
        ws.getRange(rangeA1(boxAt(3 + i, 1, block.length, width))).formulas = block;
      }
      // Severity column coloured like the marks; rows are in severity order, so one run each.
      let start = 0;
      while (start < rows.length) {
        let end = start;
        while (end + 1 < rows.length && rows[end + 1].severity === rows[start].severity) end++;
        ws.getRange(rangeA1(boxAt(3 + start, 2, end - start + 1))).format.fill.color = MARK_COLORS[rows[start].severity];
        start = end + 1;
      }
      table.widths.forEach((w, i) => {
        ws.getRange(columnsA1(i + 1)).format.columnWidth = columnWidthPoints(w);
      });
      if (rows.length > 0) ws.getRange(rangeA1(boxAt(3, 6, rows.length))).format.wrapText = true;
      if (caps.has('freezePanes')) ws.freezePanes.freezeRows(2);
      if (options.activate !== false) ws.activate();
      await ctx.sync();
      return { sheet: sheetName, rows: rows.length, refreshed };
    } catch (e) {
      throw hostError(DOING, e);
    }
  });
}
