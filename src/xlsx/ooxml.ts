/**
 * The few pieces of the .xlsx package format both the reader and the patcher need: XML text
 * escapes, attributes, the row/cell patterns of a worksheet, and which part holds which sheet.
 * Regular expressions suffice: SpreadsheetML rows and cells never nest, and text inside them is
 * escaped, so `<row` / `<c` / `</c>` cannot occur in content.
 */
import type JSZip from 'jszip';
import type { SheetGrid } from '../core/workbook/grid';

import { decodeXmlText } from './xml-scan';

export { decodeXmlText };

const XML_ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text for element content or an attribute; a literal `_xHHHH_` is escaped so it reads back as itself. */
export function encodeXmlText(s: string): string {
  return s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(/[&<>"]/g, (c) => XML_ESCAPE[c]!);
}

const ATTR_RE = new Map<string, RegExp>();

/** An attribute's raw (still escaped) value from an element's attribute text. */
export function rawAttr(attrs: string, name: string): string | undefined {
  let re = ATTR_RE.get(name);
  if (!re) ATTR_RE.set(name, (re = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}="([^"]*)"`)));
  return re.exec(attrs)?.[1];
}

/** An attribute's decoded value. */
export function attr(attrs: string, name: string): string | undefined {
  const v = rawAttr(attrs, name);
  return v === undefined ? undefined : decodeXmlText(v);
}

/** `<row …>…</row>` or `<row …/>`: group 1 the attributes, group 2 the cells. */
export const ROW_RE = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
/** `<c …>…</c>` or `<c …/>`: group 1 the attributes, group 2 the content. */
export const CELL_RE = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

export interface SheetPart {
  name: string;
  state: NonNullable<SheetGrid['state']>;
  /** Path in the package, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

function partPath(target: string): string {
  return (target.startsWith('/') ? target.slice(1) : `xl/${target}`).replace(/\/\.\//g, '/');
}

/** Worksheets in tab order with their parts (chart sheets, which hold no cells, are left out). */
export function sheetParts(workbookXml: string, relsXml: string): SheetPart[] {
  const targets = new Map<string, { target: string; type: string }>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (id && target) targets.set(id, { target: partPath(target), type: attr(m[1], 'Type') ?? '' });
  }
  const out: SheetPart[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const name = attr(m[1], 'name');
    const rid = /\s\w+:id="([^"]*)"/.exec(m[1])?.[1];
    const rel = rid ? targets.get(rid) : undefined;
    if (!name || !rel || !/worksheet$/.test(rel.type)) continue;
    const state = attr(m[1], 'state');
    out.push({ name, state: state === 'hidden' || state === 'veryHidden' ? state : 'visible', part: rel.target });
  }
  return out;
}

/** The shared-string part named by the workbook's relationships, if any. */
export function sharedStringsPart(relsXml: string): string | undefined {
  const target = /Target="([^"]*sharedStrings\.xml)"/.exec(relsXml)?.[1];
  return target ? partPath(target) : undefined;
}

/** workbook.xml and its relationships, the two parts every operation starts from. */
export async function workbookParts(zip: JSZip): Promise<{ workbookXml: string; relsXml: string } | undefined> {
  const workbookXml = await zip.file('xl/workbook.xml')?.async('string');
  const relsXml = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  return workbookXml === undefined || relsXml === undefined ? undefined : { workbookXml, relsXml };
}
