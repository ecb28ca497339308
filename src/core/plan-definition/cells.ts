/**
 * One value ⇄ one cell, for every column type of the definition workbook (columns.ts). Both
 * directions live here so what the writer puts in a cell is exactly what the reader accepts.
 */
import type { Bilingual } from '../i18n/text';
import type { GridValue } from '../workbook/grid';
import { isGridError } from '../workbook/grid';
import { BOOL_VOCAB, NO, YES, type ValueType } from './columns';
import type { DefinitionCell } from './book';

/** Longest text accepted in one cell (the schema's own limits are lower; this stops hostile cells early). */
export const MAX_CELL_CHARS = 2000;

/** Separators of an id list: commas (ASCII and full-width), 、, semicolons, spaces and line breaks. */
const LIST_SEPARATOR = /[,，、;；\s]+/;

/** Comparators typed as symbols (≥ is what a document prints). */
const RELATION_ALIASES: Readonly<Record<string, string>> = {
  '≥': '>=',
  '≧': '>=',
  '=>': '>=',
  '≤': '<=',
  '≦': '<=',
  '=<': '<=',
  '＞': '>',
  '＜': '<',
  '＝': '=',
  '==': '=',
};

const TRUE_WORDS = new Set([YES, 'true', 'yes', 'y', '1', '√', '✓']);
const FALSE_WORDS = new Set([NO, 'false', 'no', 'n', '0', '×']);

/** The cell a value is written as. */
export function toCell(value: unknown, type: ValueType): DefinitionCell {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'bool':
      return value === true ? YES : value === false ? NO : String(value);
    case 'ids':
      return Array.isArray(value) ? (value as unknown[]).map(String).join(', ') : String(value);
    case 'number':
    case 'int':
      return typeof value === 'number' ? value : String(value);
    default:
      return typeof value === 'string' ? (value === '' ? null : value) : String(value);
  }
}

export type CellReading = { value: unknown } | { error: Bilingual } | { empty: true };

const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function shown(v: GridValue): string {
  return typeof v === 'string' ? `「${v.length > 40 ? `${v.slice(0, 40)}…` : v}」` : String(v);
}

/** Reads a cell as a value of `type`; an empty cell is `{empty}` (the caller decides what that means). */
export function fromCell(raw: GridValue, type: ValueType, vocab?: readonly string[]): CellReading {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return { empty: true };
  if (isGridError(raw)) return { error: { zh: `单元格是错误值 ${raw.error}`, en: `the cell holds the error ${raw.error}` } };
  if (typeof raw === 'string' && raw.length > MAX_CELL_CHARS) {
    return { error: { zh: `文字过长（${raw.length} 字，上限 ${MAX_CELL_CHARS}）`, en: `text too long (${raw.length} characters, limit ${MAX_CELL_CHARS})` } };
  }
  switch (type) {
    case 'number':
    case 'int': {
      let n: number | undefined;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string' && PLAIN_NUMBER.test(raw.trim())) n = Number(raw.trim());
      if (n === undefined || !Number.isFinite(n)) {
        const hint = typeof raw === 'string' && /%$/.test(raw.trim()) ? '（百分数写 96，不写 96%）' : '';
        const hintEn = hint ? ' (write 96 for 96 %, without the % sign)' : '';
        return { error: { zh: `应为数字，而不是${shown(raw)}${hint}`, en: `expected a number, not ${JSON.stringify(raw)}${hintEn}` } };
      }
      if (type === 'int' && !Number.isInteger(n)) return { error: { zh: `应为整数，而不是 ${n}`, en: `expected a whole number, not ${n}` } };
      return { value: n };
    }
    case 'bool': {
      if (typeof raw === 'boolean') return { value: raw };
      const w = String(raw).trim().toLowerCase();
      if (TRUE_WORDS.has(w)) return { value: true };
      if (FALSE_WORDS.has(w)) return { value: false };
      return { error: { zh: `应为“是”或“否”，而不是${shown(raw)}`, en: `expected 是 (yes) or 否 (no), not ${JSON.stringify(raw)}` } };
    }
    case 'ids': {
      const text = String(raw).trim();
      return { value: text.split(LIST_SEPARATOR).filter((s) => s !== '') };
    }
    case 'enum': {
      const text = String(raw).trim();
      const v = RELATION_ALIASES[text] ?? text;
      if (vocab && !vocab.includes(v)) {
        return {
          error: {
            zh: `取值${shown(raw)}不在可选值中：${vocab.join('、')}`,
            en: `${JSON.stringify(raw)} is not one of: ${vocab.join(', ')}`,
          },
        };
      }
      return { value: v };
    }
    case 'id':
      return { value: String(raw).trim() };
    default:
      return { value: typeof raw === 'string' ? raw : String(raw) };
  }
}

export { BOOL_VOCAB };
