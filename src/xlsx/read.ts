/**
 * Reads an .xlsx (a returned template, or any workbook) into the grid shape validation and
 * consolidation consume, after the size and zip-bomb checks of limits.ts.
 *
 * Defined names are read from `xl/workbook.xml` directly: ExcelJS keeps names as sets of cells
 * and can lose a range's shape; we need the reference exactly as the host last wrote it.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { DefinedNameGrid, GridValue, SheetGrid, WorkbookGrid } from '../core/template/grid';
import { findTemplates, resolveInputCells, type DecodedTemplate, type InputCell, type MapProblem } from '../core/template/cellmap';
import { checkZip, DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits } from './limits';

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A Date as the Excel serial number it was stored as (1900 date system). */
function serial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
}

function scalar(v: unknown): GridValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return serial(v);
  if (typeof v === 'object') {
    const o = v as { error?: unknown; richText?: Array<{ text: string }>; text?: unknown };
    if (typeof o.error === 'string') return { error: o.error };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if (typeof o.text === 'string') return o.text;
  }
  return null;
}

/** Value and formula of an ExcelJS cell, as a grid holds them. */
export function cellToGrid(cell: ExcelJS.Cell): { value: GridValue; formula: string | null } {
  switch (cell.type) {
    case ExcelJS.ValueType.Merge:
      return { value: null, formula: null }; // the master cell holds the content
    case ExcelJS.ValueType.Formula: {
      const f = cell.formula;
      return { value: scalar(cell.result), formula: f ? f.replace(/^=/, '') : null };
    }
    default:
      return { value: scalar(cell.value), formula: null };
  }
}

function sheetGrid(ws: ExcelJS.Worksheet, budget: { left: number }, maxCells: number): SheetGrid {
  const values: GridValue[][] = [];
  const formulas: (string | null)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const vr: GridValue[] = [];
    const fr: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (--budget.left < 0) {
        throw new WorkbookReadError('too-many-cells', {
          zh: `单元格过多（上限 ${maxCells}）`,
          en: `too many cells (limit ${maxCells})`,
        });
      }
      const g = cellToGrid(cell);
      while (vr.length < c - 1) vr.push(null);
      while (fr.length < c - 1) fr.push(null);
      vr[c - 1] = g.value;
      fr[c - 1] = g.formula;
    });
    while (values.length < r - 1) values.push([]);
    while (formulas.length < r - 1) formulas.push([]);
    values[r - 1] = vr;
    formulas[r - 1] = fr;
  });
  const state = ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible';
  return { name: ws.name, state, values, formulas };
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return XML_ENTITIES[e] ?? m;
  });
}

/** Workbook-scoped defined names from workbook.xml (sheet-scoped ones are not ours: skipped). */
export function parseDefinedNames(workbookXml: string): DefinedNameGrid[] {
  const out: DefinedNameGrid[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g)) {
    const attrs = m[1];
    if (/\blocalSheetId=/.test(attrs)) continue;
    const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
    if (name) out.push({ name: unescapeXml(name), ref: unescapeXml(m[2]).trim() });
  }
  return out;
}

/** Reads any .xlsx bytes into a WorkbookGrid. Throws WorkbookReadError with a bilingual reason. */
export async function readWorkbookGrid(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<WorkbookGrid> {
  checkZip(bytes, limits);
  let names: DefinedNameGrid[];
  const wb = new ExcelJS.Workbook();
  try {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/workbook.xml')?.async('string');
    if (xml === undefined) throw new Error('no xl/workbook.xml');
    names = parseDefinedNames(xml);
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw new WorkbookReadError('corrupt', {
      zh: `文件已损坏或不是有效的 .xlsx：${e instanceof Error ? e.message : String(e)}`,
      en: `the file is corrupt or not a valid .xlsx: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
  if (wb.worksheets.length > limits.maxSheets) {
    throw new WorkbookReadError('too-many-cells', {
      zh: `工作表过多（${wb.worksheets.length}，上限 ${limits.maxSheets}）`,
      en: `too many sheets (${wb.worksheets.length}, limit ${limits.maxSheets})`,
    });
  }
  const budget = { left: limits.maxCells };
  return { sheets: wb.worksheets.map((ws) => sheetGrid(ws, budget, limits.maxCells)), definedNames: names };
}

export interface ReadTemplateResult {
  book: WorkbookGrid;
  templates: Array<{ template: DecodedTemplate; cells: InputCell[]; problems: MapProblem[] }>;
  problems: MapProblem[];
}

/** Reads a workbook and resolves the input cells of every template it carries. */
export async function readTemplateWorkbook(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<ReadTemplateResult> {
  const book = await readWorkbookGrid(bytes, limits);
  const found = findTemplates(book);
  return {
    book,
    templates: found.templates.map((template) => ({ template, ...resolveInputCells(template, book.definedNames, book) })),
    problems: found.problems,
  };
}
