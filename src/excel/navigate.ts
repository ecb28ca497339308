/**
 * Task-pane actions on single cells: going to an issue's cell, and writing a fix the user
 * accepted. A fix is the only way the add-in changes what a filler typed, and it is written as
 * the value it is (text stays text, see cells.ts), never as a formula.
 */
import { a1ToRowCol, splitSheetRef } from '../core/workbook/address';
import { literalEntry } from './cells';
import { ExcelTaskError, hostError } from './errors';
import { withContext, type ExcelTarget } from './session';
import { findSheetName, listWorkbook } from './workbook';

export interface FixResult {
  sheet: string;
  address: string;
  /** What the cell held before (a formula with its `=`), so the pane can offer to undo. */
  previous: string | number | boolean;
}

function checkAddress(address: string): string {
  const a = address.replace(/\$/g, '').toUpperCase();
  a1ToRowCol(a); // throws on anything but one A1 cell
  return a;
}

function sheetMissing(sheet: string): ExcelTaskError {
  return new ExcelTaskError('sheet-missing', {
    zh: `找不到工作表「${sheet}」（可能已被重命名或删除），请重新校验`,
    en: `sheet "${sheet}" is gone (renamed or deleted?); run validation again`,
  });
}

/** Shows a cell: activates its sheet and selects it. Two syncs (find the sheet, select). */
export async function selectCell(target: ExcelTarget, sheet: string, address: string): Promise<void> {
  const cell = checkAddress(address);
  await withContext(target, async (ctx) => {
    try {
      const listing = await listWorkbook(ctx, false);
      const info = listing.sheets.find((s) => s.name === findSheetName(listing, sheet));
      if (!info) throw sheetMissing(sheet);
      if (info.state !== 'visible') {
        throw new ExcelTaskError('sheet-missing', { zh: `工作表「${sheet}」已隐藏，请先取消隐藏`, en: `sheet "${sheet}" is hidden; unhide it first` });
      }
      const ws = ctx.workbook.worksheets.getItem(info.name);
      ws.activate();
      ws.getRange(cell).select();
      await ctx.sync();
    } catch (e) {
      throw hostError({ zh: '定位单元格', en: 'Selecting the cell' }, e);
    }
  });
}

/**
 * Writes an accepted fix into one cell. `null` empties the cell. Text is stored as text even
 * when it looks like a formula or a number; a number stays a number. Three syncs at most.
 */
export async function applyFix(target: ExcelTarget, sheet: string, address: string, value: string | number | boolean | null): Promise<FixResult> {
  const cell = checkAddress(address);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new ExcelTaskError('host', { zh: `建议值无效：${value}`, en: `invalid suggested value: ${value}` });
  }
  return withContext(target, async (ctx) => {
    try {
      const listing = await listWorkbook(ctx, false);
      const name = findSheetName(listing, sheet);
      if (!name) throw sheetMissing(sheet);
      const range = ctx.workbook.worksheets.getItem(name).getRange(cell).load('formulas, numberFormat');
      await ctx.sync();
      const previous = range.formulas[0][0] as string | number | boolean;
      const format = String(range.numberFormat[0][0]);
      range.values = [[value === null ? '' : literalEntry(value, format)]];
      await ctx.sync();
      return { sheet: name, address: cell, previous };
    } catch (e) {
      throw hostError({ zh: '写入修改', en: 'Writing the fix' }, e);
    }
  });
}

export interface Selection {
  sheet: string;
  /** `A1:B5`, without the sheet. */
  address: string;
  /** As Office.js reports them: numbers, text, booleans; '' for blank cells. */
  values: unknown[][];
}

/** The user's selected range and its values (for 读取所选区域: unit names taken from a selection). One sync. */
export async function readSelection(target: ExcelTarget): Promise<Selection> {
  return withContext(target, async (ctx) => {
    try {
      const range = ctx.workbook.getSelectedRange().load('address, values');
      await ctx.sync();
      const split = splitSheetRef(range.address);
      return { sheet: split?.sheet ?? '', address: split?.local ?? range.address, values: range.values };
    } catch (e) {
      throw hostError({ zh: '读取所选区域', en: 'Reading the selection' }, e);
    }
  });
}
