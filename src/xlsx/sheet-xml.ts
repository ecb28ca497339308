/**
 * Reading SpreadsheetML parts straight into grids: shared strings, cells (values, cached
 * results, formulas — shared formulas expanded), decoded text. About ten times faster than a
 * full ExcelJS load and closer to the file: a merged cell's hidden part reads empty, a date is
 * the serial number it is stored as, rich text is its plain text.
 */
import { a1ToRowCol } from '../core/workbook/address';
import { formulaTokens, translateFormula } from '../core/workbook/formula-text';
import type { Token } from '../core/workbook/formula';
import type { GridValue } from '../core/workbook/grid';
import { CELL_RE, decodeXmlText, rawAttr as attr, ROW_RE } from './ooxml';

/** Plain text of a string item (`<si>` or `<is>`): its `<t>` runs, without phonetic guides. */
function itemText(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += decodeXmlText(m[1] ?? '');
  return out;
}

export function parseSharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map((m) => itemText(m[1] ?? ''));
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export interface ParsedSheet {
  values: GridValue[][];
  formulas: (string | null)[][];
  cells: number;
}


/** Cells of one worksheet part. `onCell` is called per non-empty cell (for limits). */
export function parseSheetXml(xml: string, shared: readonly string[], onCell: () => void = () => undefined): ParsedSheet {
  const values: GridValue[][] = [];
  const formulas: (string | null)[][] = [];
  const masters = new Map<string, { formula: string; row: number; col: number; tokens?: Token[] }>();
  let cells = 0;
  const start = xml.indexOf('<sheetData');
  const end = start < 0 ? -1 : xml.indexOf('</sheetData>', start);
  const data = start < 0 ? '' : end < 0 ? xml.slice(start) : xml.slice(start, end);
  let rowNumber = 0;
  for (const rm of data.matchAll(ROW_RE)) {
    const r = attr(rm[1], 'r');
    rowNumber = r ? Number(r) : rowNumber + 1;
    let colNumber = 0;
    for (const cm of (rm[2] ?? '').matchAll(CELL_RE)) {
      const attrs = cm[1];
      const ref = attr(attrs, 'r');
      if (ref) {
        const p = a1ToRowCol(ref);
        colNumber = p.col;
      } else colNumber++;
      const body = cm[2] ?? '';
      const type = attr(attrs, 't') ?? 'n';
      const fm = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(body);
      let formula: string | null = null;
      if (fm) {
        const text = decodeXmlText(fm[2] ?? '');
        const fAttrs = fm[1];
        const si = attr(fAttrs, 'si');
        if (attr(fAttrs, 't') === 'shared' && si !== undefined) {
          if (text) {
            masters.set(si, { formula: text, row: rowNumber, col: colNumber });
            formula = text;
          } else {
            const master = masters.get(si);
            if (master) {
              // Tokenized once per master, however many cells share it.
              master.tokens ??= formulaTokens(master.formula);
              formula = translateFormula(master.formula, rowNumber - master.row, colNumber - master.col, master.tokens);
            } else formula = null;
          }
        } else formula = text || null;
      }
      const vm = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(body);
      const raw = vm ? decodeXmlText(vm[1]) : undefined;
      let value: GridValue = null;
      switch (type) {
        case 's':
          value = raw === undefined ? null : (shared[Number(raw)] ?? null);
          break;
        case 'inlineStr': {
          const is = /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(body);
          value = is ? itemText(is[1]) : null;
          break;
        }
        case 'str':
          value = raw ?? null;
          break;
        case 'b':
          value = raw === undefined ? null : raw === '1' || raw === 'true';
          break;
        case 'e':
          value = raw === undefined ? null : { error: raw };
          break;
        case 'd': {
          const t = raw === undefined ? NaN : Date.parse(raw);
          value = Number.isNaN(t) ? (raw ?? null) : (t - EXCEL_EPOCH_MS) / 86_400_000;
          break;
        }
        default: {
          const n = raw === undefined || raw === '' ? NaN : Number(raw);
          value = Number.isFinite(n) ? n : null;
        }
      }
      if (value === '') value = null; // empty text and an empty cell read the same
      if (value === null && formula === null) continue;
      onCell();
      cells++;
      while (values.length < rowNumber) values.push([]);
      while (formulas.length < rowNumber) formulas.push([]);
      const vr = values[rowNumber - 1];
      const fr = formulas[rowNumber - 1];
      while (vr.length < colNumber - 1) vr.push(null);
      while (fr.length < colNumber - 1) fr.push(null);
      vr[colNumber - 1] = value;
      fr[colNumber - 1] = formula;
    }
  }
  return { values, formulas, cells };
}
