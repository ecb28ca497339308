/**
 * Reading SpreadsheetML parts straight into grids: shared strings, cells (values, cached
 * results, formulas — shared formulas expanded), decoded text. About ten times faster than a
 * full ExcelJS load and closer to the file: a merged cell's hidden part reads empty, a date is
 * the serial number it is stored as, rich text is its plain text.
 */
import { a1ToRowCol, colIndex, colLetter } from '../core/template/address';
import type { GridValue } from '../core/template/grid';
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

/**
 * Moves the relative references of a formula by (dRow, dCol), as a spreadsheet does when it
 * copies a shared formula down or across. Strings, function names, defined names and `$`-fixed
 * parts are left alone.
 */
export function translateFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      const end = formula.indexOf('"', i + 1);
      let j = end;
      while (j >= 0 && formula[j + 1] === '"') j = formula.indexOf('"', j + 2);
      const stop = j < 0 ? formula.length : j + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'") {
      // A quoted sheet name: copy up to its closing quote.
      let j = i + 1;
      while (j < formula.length && !(formula[j] === "'" && formula[j + 1] !== "'")) j += formula[j] === "'" ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w.(])/.exec(formula.slice(i));
    const prev = i > 0 ? formula[i - 1] : '';
    if (m && !/[\w.]/.test(prev)) {
      const col = m[1] ? colIndex(m[2]) : colIndex(m[2]) + dCol;
      const row = m[3] ? Number(m[4]) : Number(m[4]) + dRow;
      out += col >= 1 && row >= 1 ? `${m[1]}${colLetter(col)}${m[3]}${row}` : '#REF!';
      i += m[0].length;
      continue;
    }
    const word = /^[\w.]+/.exec(formula.slice(i));
    if (word) {
      out += word[0];
      i += word[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

export interface ParsedSheet {
  values: GridValue[][];
  formulas: (string | null)[][];
  cells: number;
}


/** Cells of one worksheet part. `onCell` is called per non-empty cell (for limits). */
export function parseSheetXml(xml: string, shared: readonly string[], onCell: () => void = () => undefined): ParsedSheet {
  const values: GridValue[][] = [];
  const formulas: (string | null)[][] = [];
  const masters = new Map<string, { formula: string; row: number; col: number }>();
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
            formula = master ? translateFormula(master.formula, rowNumber - master.row, colNumber - master.col) : null;
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
