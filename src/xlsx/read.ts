/**
 * Reads an .xlsx (a returned template, or any workbook) into the grid shape validation and
 * consolidation consume — the lean, safe path: the zip is read by hand (zip.ts: running byte
 * budget, declared sizes and CRCs checked), only the parts needed are inflated (workbook.xml,
 * its relationships, shared strings, the sheets asked for), and each part is streamed through
 * a tokenizer (xml-scan.ts) into grids, so no part is ever held whole as text.
 *
 * It keeps defined names exactly as the host last wrote them (ExcelJS keeps names as cell sets
 * and can lose a range's shape) and reads what is stored: the cached results of formulas, the
 * serial number of a date, the plain text of rich text. Macros (`.xlsm`) are never run: only
 * the parts above are ever looked at.
 *
 * No Node API: the add-in's consolidation runs the same reader in a Web Worker.
 */
import type { SheetGrid, WorkbookGrid } from '../core/workbook/grid';
import { resolveTemplates, type TemplatesInBook } from '../core/workbook/cellmap';
import { DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits } from './limits';
import {
  newCellBudget,
  RelationshipsBuilder,
  resolvePartPath,
  SharedStringsBuilder,
  SheetGridBuilder,
  WorkbookBuilder,
  type CellBudget,
  type Relationship,
} from './sheet-reader';
import { unicodeOfBytes } from './byte-text';
import { scanXml, XmlScanner, type XmlHandler } from './xml-scan';
import { inflateBytesText, listZip, newBudget, type ByteBudget, type ZipEntry } from './zip';

const corrupt = (detail: string) =>
  new WorkbookReadError('corrupt', { zh: `文件已损坏或不是有效的 .xlsx：${detail}`, en: `the file is corrupt or not a valid .xlsx: ${detail}` });

export interface SheetInfo {
  name: string;
  state: NonNullable<SheetGrid['state']>;
  /** Package path of the sheet's XML. */
  part: string;
}

/** A workbook opened for reading: its sheet list and names, each sheet read on demand. */
export interface OpenWorkbook {
  sheets: SheetInfo[];
  definedNames: WorkbookGrid['definedNames'];
  /** Reads one sheet (its cells count against the workbook's cell budget). */
  readSheet(sheet: SheetInfo): SheetGrid;
  /**
   * A small part's text (`docProps/core.xml` …), inflated and checked like any part, or undefined
   * when it is absent or declares more than `maxSize` bytes.
   */
  partText(path: string, maxSize: number): string | undefined;
}

const REL_WORKSHEET = /\/worksheet$/;
const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;

function dirOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i + 1);
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/**
 * Opens workbook bytes: checks the container, reads workbook.xml and its relationships. Throws
 * WorkbookReadError with a bilingual reason.
 */
export function openWorkbook(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): OpenWorkbook {
  const entries = listZip(bytes, limits);
  const budget = newBudget(limits);
  const find = (path: string): ZipEntry | undefined => {
    const e = entries.get(path);
    if (e) return e;
    const lower = path.toLowerCase();
    for (const [name, entry] of entries) if (name.toLowerCase() === lower) return entry;
    return undefined;
  };
  const scan = (entry: ZipEntry, handler: XmlHandler, b: ByteBudget = budget) => {
    const scanner = new XmlScanner(handler, entry.name, limits);
    inflateBytesText(bytes, entry, b, (t) => scanner.push(t), limits);
    scanner.end();
  };
  const rels = (part: string): Relationship[] => {
    const entry = find(relsPathOf(part));
    if (!entry) return [];
    const r = new RelationshipsBuilder(dirOf(part));
    scan(entry, r);
    return r.rels;
  };
  // The package's root relationships name the workbook part (`xl/workbook.xml` nearly always).
  const office = rels('').find((r) => REL_OFFICE_DOCUMENT.test(r.type));
  const workbookPath = office && find(office.target) ? office.target : 'xl/workbook.xml';
  const workbookEntry = find(workbookPath);
  if (!workbookEntry) {
    if (entries.has('content.xml') || entries.has('mimetype')) {
      throw new WorkbookReadError('not-xlsx', {
        zh: '这是 OpenDocument 表格（.ods）而不是 .xlsx：请在 WPS、LibreOffice 或 Excel 中另存为 .xlsx',
        en: 'this is an OpenDocument spreadsheet (.ods), not an .xlsx: save it as .xlsx in WPS, LibreOffice or Excel',
      });
    }
    throw corrupt('缺少 xl/workbook.xml / xl/workbook.xml is missing');
  }
  const wb = new WorkbookBuilder();
  scan(workbookEntry, wb);
  const workbookRels = rels(workbookEntry.name);
  const byId = new Map(workbookRels.map((r) => [r.id, r]));
  const sheets: SheetInfo[] = [];
  for (const s of wb.sheets) {
    const rel = byId.get(s.rid);
    // Chart sheets and dialog sheets hold no cells.
    if (!rel || !REL_WORKSHEET.test(rel.type)) continue;
    sheets.push({ name: s.name, state: s.state, part: rel.target });
  }
  if (sheets.length === 0) throw corrupt('没有工作表 / no worksheet');
  if (sheets.length > limits.maxSheets) {
    throw new WorkbookReadError('too-many-cells', {
      zh: `工作表过多（${sheets.length}，上限 ${limits.maxSheets}）`,
      en: `too many sheets (${sheets.length}, limit ${limits.maxSheets})`,
    });
  }
  let shared: string[] | undefined;
  const sharedStrings = (): string[] => {
    if (shared) return shared;
    const rel = workbookRels.find((r) => REL_SHARED_STRINGS.test(r.type));
    const entry = rel ? find(rel.target) : find(resolvePartPath(dirOf(workbookEntry.name), 'sharedStrings.xml'));
    const b = new SharedStringsBuilder(entry?.name ?? '', limits);
    if (entry) scan(entry, b);
    return (shared = b.strings);
  };
  const cellBudget: CellBudget = newCellBudget(limits);
  return {
    sheets,
    definedNames: wb.definedNames,
    readSheet(sheet) {
      const entry = find(sheet.part);
      if (!entry) throw corrupt(`缺少工作表“${sheet.name}”的部件 ${sheet.part} / the part ${sheet.part} of sheet "${sheet.name}" is missing`);
      const builder = new SheetGridBuilder(entry.name, sharedStrings(), cellBudget, limits);
      scan(entry, builder);
      return builder.grid(sheet.name, sheet.state);
    },
    partText(path, maxSize) {
      const entry = find(path);
      if (!entry || entry.size > maxSize) return undefined;
      let text = '';
      inflateBytesText(bytes, entry, budget, (t) => void (text += t), limits);
      return unicodeOfBytes(text);
    },
  };
}

export interface ReadOptions {
  /** Read only these sheets (others are left out of the grid, never inflated). */
  sheets?: (sheet: SheetInfo) => boolean;
}

/** Reads .xlsx bytes into a WorkbookGrid, synchronously (for workers). */
export function readWorkbookGridSync(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS, options: ReadOptions = {}): WorkbookGrid {
  const book = openWorkbook(bytes, limits);
  const wanted = options.sheets ?? (() => true);
  return { sheets: book.sheets.filter(wanted).map((s) => book.readSheet(s)), definedNames: book.definedNames };
}

/** Reads any .xlsx bytes into a WorkbookGrid. Throws WorkbookReadError with a bilingual reason. */
export async function readWorkbookGrid(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS, options: ReadOptions = {}): Promise<WorkbookGrid> {
  return readWorkbookGridSync(bytes, limits, options);
}

/** Same shape as the Office.js reader's result (one definition in core/workbook/cellmap.ts). */
export type ReadTemplateResult = TemplatesInBook;

/** Reads a workbook and resolves the input cells of every template it carries. */
export async function readTemplateWorkbook(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<ReadTemplateResult> {
  return resolveTemplates(await readWorkbookGrid(bytes, limits));
}

/** Workbook-scoped defined names of a workbook.xml text. */
export function parseDefinedNames(workbookXml: string): WorkbookGrid['definedNames'] {
  const b = new WorkbookBuilder();
  scanXml(workbookXml, 'xl/workbook.xml', b);
  return b.definedNames;
}
