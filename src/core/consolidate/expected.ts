/**
 * The expected list: which units should return. Rows from a CSV or a sheet, with a header naming
 * the unit column (`单位`, `学校`, `单位名称`, `学校名称`, `unit`, `school`) and optionally the stage
 * (`学段`, `level`). A one-column list without a header is read as names.
 */
import type { Bilingual } from '../i18n/text';
import { normalizeUnitName } from '../unit-name';
import { cellText } from '../workbook/grid';
import type { ExpectedUnit } from './types';

const UNIT_HEADERS = new Set(['单位', '学校', '单位名称', '学校名称', '填报单位', 'unit', 'school', 'name']);
const LEVEL_HEADERS = new Set(['学段', 'level', 'stage']);

export class ExpectedListError extends Error {
  constructor(readonly text: Bilingual) {
    super(`${text.zh} / ${text.en}`);
    this.name = 'ExpectedListError';
  }
}

// An error value or a foreign object in a list cell is no name (never '[object Object]').
const cell = (v: unknown) => normalizeUnitName(cellText(v));

export function expectedFromRows(rows: ReadonlyArray<ReadonlyArray<unknown>>): ExpectedUnit[] {
  const first = rows.findIndex((r) => r.some((v) => cell(v) !== ''));
  if (first < 0) return [];
  const header = rows[first]!.map((v) => cell(v).toLowerCase());
  const unitCol = header.findIndex((h) => UNIT_HEADERS.has(h));
  const levelCol = header.findIndex((h) => LEVEL_HEADERS.has(h));
  let body: ReadonlyArray<ReadonlyArray<unknown>>;
  let col = unitCol;
  if (unitCol >= 0) body = rows.slice(first + 1);
  else if (rows.every((r) => r.filter((v) => cell(v) !== '').length <= 1)) {
    body = rows.slice(first);
    col = -1;
  } else {
    throw new ExpectedListError({
      zh: `应填单位名单缺少表头「单位」或「学校」（第一行是：${header.join('，')}）`,
      en: `the expected list has no 单位/学校 (unit/school) header (first row: ${header.join(', ')})`,
    });
  }
  const out: ExpectedUnit[] = [];
  for (const r of body) {
    const unit = col >= 0 ? cell(r[col]) : cell(r.find((v) => cell(v) !== ''));
    if (unit === '') continue;
    const level = levelCol >= 0 ? cell(r[levelCol]) : '';
    out.push(level ? { unit, level } : { unit });
  }
  return out;
}
