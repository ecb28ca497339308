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
import type { DefinedNameGrid, SheetGrid, WorkbookGrid } from '../core/template/grid';
import { resolveTemplates, type TemplatesInBook } from '../core/template/cellmap';
import { checkZip, DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits } from './limits';
import { decodeXmlText, parseSharedStrings, parseSheetXml } from './sheet-xml';

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? decodeXmlText(m[1]) : undefined;
}

/** Workbook-scoped defined names from workbook.xml (sheet-scoped ones are not ours: skipped). */
export function parseDefinedNames(workbookXml: string): DefinedNameGrid[] {
  const out: DefinedNameGrid[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g)) {
    if (/\blocalSheetId=/.test(m[1])) continue;
    const name = attr(m[1], 'name');
    if (name) out.push({ name, ref: decodeXmlText(m[2]).trim() });
  }
  return out;
}

/** The sheets of workbook.xml in tab order, with their part paths. */
function sheetList(workbookXml: string, relsXml: string): Array<{ name: string; state: SheetGrid['state']; part: string }> {
  const targets = new Map<string, { target: string; type: string }>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (id && target) targets.set(id, { target: target.startsWith('/') ? target.slice(1) : `xl/${target}`, type: attr(m[1], 'Type') ?? '' });
  }
  const out: Array<{ name: string; state: SheetGrid['state']; part: string }> = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const name = attr(m[1], 'name');
    const rid = /\s[\w]+:id="([^"]*)"/.exec(m[1])?.[1];
    const rel = rid ? targets.get(rid) : undefined;
    if (!name || !rel || !/worksheet$/.test(rel.type)) continue; // chart sheets and the like hold no cells
    const state = attr(m[1], 'state');
    out.push({ name, state: state === 'hidden' || state === 'veryHidden' ? state : 'visible', part: rel.target.replace(/\/\.\//g, '/') });
  }
  return out;
}

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
  const workbookXml = await text('xl/workbook.xml');
  const relsXml = await text('xl/_rels/workbook.xml.rels');
  if (workbookXml === undefined || relsXml === undefined) throw corrupt('xl/workbook.xml');
  const sheets = sheetList(workbookXml, relsXml);
  if (sheets.length === 0) throw corrupt('no worksheet');
  if (sheets.length > limits.maxSheets) {
    throw new WorkbookReadError('too-many-cells', {
      zh: `工作表过多（${sheets.length}，上限 ${limits.maxSheets}）`,
      en: `too many sheets (${sheets.length}, limit ${limits.maxSheets})`,
    });
  }
  const sharedPart = /Target="([^"]*sharedStrings\.xml)"/.exec(relsXml)?.[1];
  const sharedXml = sharedPart ? await text(sharedPart.startsWith('/') ? sharedPart.slice(1) : `xl/${sharedPart}`) : undefined;
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

/** Same shape as the Office.js reader's result (one definition in core/template/cellmap.ts). */
export type ReadTemplateResult = TemplatesInBook;

/** Reads a workbook and resolves the input cells of every template it carries. */
export async function readTemplateWorkbook(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<ReadTemplateResult> {
  return resolveTemplates(await readWorkbookGrid(bytes, limits));
}
