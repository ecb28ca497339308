/**
 * Reads an .xlsx (a returned template, or any workbook) into the grid shape validation and
 * consolidation consume, after the size and zip-bomb checks of limits.ts.
 *
 * The parts are read directly (sheet-xml.ts), not through an ExcelJS load: it is much faster
 * on returned files, it keeps defined names exactly as the host last wrote them (ExcelJS keeps
 * names as cell sets and can lose a range's shape) and it reads what is stored — the cached
 * results of formulas, the serial number of a date, the plain text of rich text.
 */
import JSZip from 'jszip';
import type { SheetGrid, WorkbookGrid } from '../core/workbook/grid';
import { resolveTemplates, type TemplatesInBook } from '../core/workbook/cellmap';
import { checkZip, DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits } from './limits';
import { parseDefinedNames, sharedStringsPart, sheetParts, workbookParts } from './ooxml';
import { parseSharedStrings, parseSheetXml } from './sheet-xml';

const corrupt = (detail: string) =>
  new WorkbookReadError('corrupt', { zh: `文件已损坏或不是有效的 .xlsx：${detail}`, en: `the file is corrupt or not a valid .xlsx: ${detail}` });

/** Reads any .xlsx bytes into a WorkbookGrid. Throws WorkbookReadError with a bilingual reason. */
export async function readWorkbookGrid(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<WorkbookGrid> {
  checkZip(bytes, limits);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw corrupt(e instanceof Error ? e.message : String(e));
  }
  const text = async (path: string) => zip.file(path)?.async('string');
  const parts = await workbookParts(zip);
  if (!parts) throw corrupt('xl/workbook.xml');
  const { workbookXml, relsXml } = parts;
  const sheets = sheetParts(workbookXml, relsXml);
  if (sheets.length === 0) throw corrupt('no worksheet');
  if (sheets.length > limits.maxSheets) {
    throw new WorkbookReadError('too-many-cells', {
      zh: `工作表过多（${sheets.length}，上限 ${limits.maxSheets}）`,
      en: `too many sheets (${sheets.length}, limit ${limits.maxSheets})`,
    });
  }
  const sharedPart = sharedStringsPart(relsXml);
  const sharedXml = sharedPart ? await text(sharedPart) : undefined;
  const shared = sharedXml ? parseSharedStrings(sharedXml) : [];
  let budget = limits.maxCells;
  const onCell = () => {
    if (--budget < 0) {
      throw new WorkbookReadError('too-many-cells', { zh: `单元格过多（上限 ${limits.maxCells}）`, en: `too many cells (limit ${limits.maxCells})` });
    }
  };
  const grids: SheetGrid[] = [];
  for (const s of sheets) {
    const xml = await text(s.part);
    if (xml === undefined) throw corrupt(s.part);
    const parsed = parseSheetXml(xml, shared, onCell);
    grids.push({ name: s.name, state: s.state, values: parsed.values, formulas: parsed.formulas });
  }
  return { sheets: grids, definedNames: parseDefinedNames(workbookXml) };
}

export { parseDefinedNames };

/** Same shape as the Office.js reader's result (one definition in core/workbook/cellmap.ts). */
export type ReadTemplateResult = TemplatesInBook;

/** Reads a workbook and resolves the input cells of every template it carries. */
export async function readTemplateWorkbook(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<ReadTemplateResult> {
  return resolveTemplates(await readWorkbookGrid(bytes, limits));
}
