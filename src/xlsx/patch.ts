/**
 * Writes values into cells of an existing .xlsx by editing only those cells' XML.
 *
 * Why not load and re-save with ExcelJS: a round trip through it loses or alters what the
 * template relies on (defined names are kept as cell sets, veryHidden states, conditional formats
 * of other writers, anything LibreOffice or WPS added). Patching keeps every other byte, keeps
 * each cell's style, writes text as inline strings (the shared-string table is untouched, and
 * text starting with `=` stays text), drops stale cached results of formulas on the sheets it
 * touches and asks every host to recalculate on open.
 */
import JSZip from 'jszip';
import { a1, a1ToRowCol } from '../core/workbook/address';
import { stripXmlInvalid } from '../core/text/xml-chars';
import { DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits } from './limits';
import { checkZip } from './zip';
import { CELL_RE, encodeXmlText, ROW_RE, sheetParts, workbookParts } from './ooxml';

export interface CellWrite {
  sheet: string;
  address: string;
  /** A number, text (stored as text), or null to clear the cell's value. */
  value: number | string | null;
}

function cellXml(address: string, style: string | undefined, value: number | string | null): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null) return `<c r="${address}"${s}/>`;
  if (typeof value === 'number') return `<c r="${address}"${s}><v>${String(value)}</v></c>`;
  // Inline string; xml:space keeps leading/trailing spaces. Characters XML cannot hold are dropped
  // here too (callers warn about them first): one of them would make the whole file unreadable.
  return `<c r="${address}"${s} t="inlineStr"><is><t xml:space="preserve">${encodeXmlText(stripXmlInvalid(value))}</t></is></c>`;
}


function rowNumber(rowXml: string): number {
  const r = /^<row\b[^>]*?\br="(\d+)"/.exec(rowXml)?.[1];
  if (!r) throw new WorkbookReadError('corrupt', { zh: '工作表的行缺少编号，无法写入', en: 'a row has no number; cannot write' });
  return Number(r);
}

function cellAddress(cXml: string): string {
  const r = /^<c\b[^>]*?\br="([A-Z]+\d+)"/.exec(cXml)?.[1];
  if (!r) throw new WorkbookReadError('corrupt', { zh: '单元格缺少地址，无法写入', en: 'a cell has no address; cannot write' });
  return r;
}

/** Sets cells in one row's XML (creating the row's cells in column order). */
function patchRow(rowXml: string, row: number, writes: Map<number, number | string | null>): string {
  const open = /^<row\b[^>]*?(?=\/?>)/.exec(rowXml)![0];
  const cells = rowXml.endsWith('/>') ? [] : (rowXml.match(CELL_RE) ?? []);
  const byCol = new Map<number, string>();
  for (const c of cells) byCol.set(a1ToRowCol(cellAddress(c)).col, c);
  for (const [col, value] of writes) {
    const existing = byCol.get(col);
    const style = existing ? /^<c\b[^>]*?\bs="(\d+)"/.exec(existing)?.[1] : undefined;
    byCol.set(col, cellXml(a1(row, col), style, value));
  }
  const body = [...byCol].sort((x, y) => x[0] - y[0]).map(([, c]) => c).join('');
  // The row's `spans` hint may now be too narrow: drop it (it is optional).
  return `${open.replace(/\sspans="[^"]*"/, '')}>${body}</row>`;
}

/**
 * Checks in one linear pass that every non-empty `<tag …>` is closed before the next one opens:
 * the row and cell patterns below are then linear too (an unclosed `<row>` would make each lazy
 * match run to the end of the part — 300,000 of them took minutes).
 */
function checkClosed(xml: string, tag: string): void {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let p = xml.indexOf(open);
  while (p >= 0) {
    const after = xml.charCodeAt(p + open.length);
    // `<row` / `<c` followed by a name character is another element (`<col`, `<rowBreaks`).
    if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
      p = xml.indexOf(open, p + open.length);
      continue;
    }
    const gt = xml.indexOf('>', p);
    if (gt < 0) break;
    let next = gt + 1;
    if (xml.charCodeAt(gt - 1) !== 47) {
      const end = xml.indexOf(close, gt);
      const nextOpen = xml.indexOf(open, gt);
      if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
        throw new WorkbookReadError('corrupt', { zh: `工作表中有未结束的 <${tag}> 标记，无法写入`, en: `the worksheet has an unclosed <${tag}>; cannot write` });
      }
      next = end + close.length;
    }
    p = xml.indexOf(open, next);
  }
}

/** Applies writes to one worksheet's XML. */
export function patchSheetXml(xml: string, writes: Array<{ address: string; value: number | string | null }>): string {
  const byRow = new Map<number, Map<number, number | string | null>>();
  for (const w of writes) {
    const { row, col } = a1ToRowCol(w.address);
    let m = byRow.get(row);
    if (!m) byRow.set(row, (m = new Map()));
    m.set(col, w.value);
  }
  const dataMatch = /<sheetData\s*\/>|<sheetData\b[^>]*>([\s\S]*?)<\/sheetData>/.exec(xml);
  if (!dataMatch) throw new WorkbookReadError('corrupt', { zh: '工作表没有数据区', en: 'the worksheet has no sheetData' });
  checkClosed(dataMatch[1] ?? '', 'row');
  checkClosed(dataMatch[1] ?? '', 'c');
  const rows = (dataMatch[1] ?? '').match(ROW_RE) ?? [];
  const byNumber = new Map<number, string>();
  for (const r of rows) byNumber.set(rowNumber(r), r);
  for (const [row, cols] of byRow) {
    byNumber.set(row, patchRow(byNumber.get(row) ?? `<row r="${row}"/>`, row, cols));
  }
  // Cached results are stale once inputs change: keep formulas, drop their values.
  const body = [...byNumber]
    .sort((a, b) => a[0] - b[0])
    .map(([, r]) => r.replace(/(<c\b[^>]*?>)(\s*<f\b[^>]*?(?:\/>|>[\s\S]*?<\/f>))\s*<v>[\s\S]*?<\/v>/g, '$1$2').replace(/(<c\b[^>]*?)\st="(?:str|e|b|n)"([^>]*>\s*<f\b)/g, '$1$2'))
    .join('');
  return `${xml.slice(0, dataMatch.index)}<sheetData>${body}</sheetData>${xml.slice(dataMatch.index + dataMatch[0].length)}`;
}

/** Forces a full recalculation when the workbook is next opened. */
function forceRecalc(workbookXml: string): string {
  if (/<calcPr\b[^>]*\bfullCalcOnLoad=/.test(workbookXml)) return workbookXml.replace(/(<calcPr\b[^>]*\bfullCalcOnLoad=")[^"]*"/, '$11"');
  if (/<calcPr\b/.test(workbookXml)) return workbookXml.replace(/<calcPr\b/, '<calcPr fullCalcOnLoad="1"');
  return workbookXml.replace(/<\/workbook>/, '<calcPr fullCalcOnLoad="1"/></workbook>');
}

/** Writes values into an .xlsx and returns the new bytes. Unknown sheet names throw. */
export async function writeCells(bytes: Uint8Array, writes: CellWrite[], limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<Buffer> {
  checkZip(bytes, limits);
  const zip = await JSZip.loadAsync(bytes);
  const wb = await workbookParts(zip);
  if (!wb) throw new WorkbookReadError('corrupt', { zh: '工作簿结构不完整', en: 'the workbook structure is incomplete' });
  const parts = new Map(sheetParts(wb.workbookXml, wb.relsXml).map((p) => [p.name, p.part]));
  const bySheet = new Map<string, CellWrite[]>();
  for (const w of writes) {
    let list = bySheet.get(w.sheet);
    if (!list) bySheet.set(w.sheet, (list = []));
    list.push(w);
  }
  for (const [sheet, list] of bySheet) {
    const part = parts.get(sheet);
    const file = part ? zip.file(part) : null;
    if (!part || !file) throw new WorkbookReadError('corrupt', { zh: `找不到工作表「${sheet}」`, en: `no worksheet "${sheet}"` });
    zip.file(part, patchSheetXml(await file.async('string'), list));
  }
  const wbFile = zip.file('xl/workbook.xml')!;
  zip.file('xl/workbook.xml', forceRecalc(await wbFile.async('string')));
  // The calculation chain lists formula cells; it is optional and rebuilt by hosts.
  zip.remove('xl/calcChain.xml');
  const ct = zip.file('[Content_Types].xml');
  if (ct) zip.file('[Content_Types].xml', (await ct.async('string')).replace(/<Override\b[^>]*PartName="\/xl\/calcChain\.xml"[^>]*\/>/, ''));
  const rels = zip.file('xl/_rels/workbook.xml.rels');
  if (rels) zip.file('xl/_rels/workbook.xml.rels', (await rels.async('string')).replace(/<Relationship\b[^>]*Target="[^"]*calcChain\.xml"[^>]*\/>/, ''));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
