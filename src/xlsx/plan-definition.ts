/**
 * The plan definition workbook as an .xlsx file (ExcelJS), and reading one back.
 *
 * Writing keeps to what opens without repair in Excel, WPS and LibreOffice: inline lists only
 * when short (longer ones are ranges on a veryHidden sheet), no formulas at all, every string a
 * string cell (text starting with = + - @ stays text), text columns formatted `@` so what a user
 * types there stays text too. Reading goes through the size- and zip-bomb-limited grid reader.
 */
import ExcelJS from 'exceljs';
import type { DefinitionBook, DefinitionSheet, DefinitionValidation } from '../core/plan-definition/book';
import { definitionToPlan, type DefinitionResult } from '../core/plan-definition/read';
import { PLAN_LIMITS } from '../core/plan/parse';
import { DEFAULT_FONT } from '../core/template/spec';
import { DEFAULT_READ_LIMITS, type ReadLimits } from './limits';
import { readWorkbookGrid } from './read';

/** A definition workbook is small: a plan file's size limit, and far fewer cells than a return. */
export const DEFINITION_READ_LIMITS: ReadLimits = {
  ...DEFAULT_READ_LIMITS,
  maxBytes: PLAN_LIMITS.maxBytes,
  maxUncompressedBytes: 10 * PLAN_LIMITS.maxBytes,
  maxCells: 400_000,
  maxSheets: 30,
};

const HEADER_FILL = 'FFDDEBF7';
const KEY_FONT = { name: DEFAULT_FONT.name, size: 8, italic: true, color: { argb: 'FF7F7F7F' } };

function validation(v: DefinitionValidation): ExcelJS.DataValidation {
  const formula = 'values' in v.list ? `"${v.list.values.join(',')}"` : v.list.ref;
  return {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: v.error.title,
    error: v.error.text,
    ...(v.prompt ? { showInputMessage: true, promptTitle: v.prompt.title, prompt: v.prompt.text } : {}),
  };
}

function renderSheet(wb: ExcelJS.Workbook, sheet: DefinitionSheet): void {
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.state,
    views: sheet.headerRows > 0 || sheet.freezeColumns > 0 ? [{ state: 'frozen', xSplit: sheet.freezeColumns, ySplit: sheet.headerRows }] : [{}],
  });
  sheet.widths.forEach((w, i) => {
    const col = ws.getColumn(i + 1);
    col.width = w;
    col.font = { name: DEFAULT_FONT.name, size: DEFAULT_FONT.size };
    if (sheet.textColumns.includes(i + 1)) col.numFmt = '@';
  });
  sheet.rows.forEach((cells, r) => {
    const row = ws.getRow(r + 1);
    cells.forEach((v, c) => {
      if (v === null) return;
      const cell = row.getCell(c + 1);
      // A string is written as a string cell: ExcelJS never parses it, so "=x" stays text.
      cell.value = v;
      if (typeof v === 'string') cell.numFmt = '@';
    });
    if (r < sheet.headerRows) {
      row.eachCell((cell) => {
        const key = sheet.headerRows === 2 && r === 1;
        cell.font = key ? KEY_FONT : { name: DEFAULT_FONT.name, size: DEFAULT_FONT.size, bold: true };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
        cell.alignment = { vertical: 'middle', wrapText: !key };
      });
    }
  });
  for (const [address, text] of Object.entries(sheet.notes)) ws.getCell(address).note = text;
  // Range-level validations: ExcelJS supports them (`sqref` = the range) but its typings omit the API.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  for (const v of sheet.validations) validations.add(v.range, validation(v));
  if (sheet.headerRows > 0 && sheet.widths.length > 1) {
    ws.autoFilter = { from: { row: sheet.headerRows, column: 1 }, to: { row: sheet.headerRows, column: sheet.widths.length } };
  }
}

export async function renderDefinition(book: DefinitionBook): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'edu-indicators';
  wb.title = '计划定义 plan definition';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  for (const sheet of book.sheets) renderSheet(wb, sheet);
  return wb;
}

/** The .xlsx bytes of a definition workbook. */
export async function renderDefinitionBuffer(book: DefinitionBook): Promise<Buffer> {
  const wb = await renderDefinition(book);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Reads a definition workbook's bytes into a plan (or every problem by sheet and cell). Throws WorkbookReadError for an unreadable file. */
export async function readDefinition(bytes: Uint8Array, limits: ReadLimits = DEFINITION_READ_LIMITS): Promise<DefinitionResult> {
  return definitionToPlan(await readWorkbookGrid(bytes, limits));
}

