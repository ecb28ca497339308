/**
 * What a user types for a report year, a level (学段) or a list (units, indicators, sections),
 * read ONE way by every surface: the CLI's options, the custom functions' arguments, the task
 * pane's fields and the template options. Each reader returns undefined for what it cannot read;
 * the surface turns that into its own kind of error with the message built here.
 */
import { parseBalanceLevel } from './balance/national';
import { coerceNumber } from './coerce';
import type { Bilingual } from './i18n/text';
import { isLevel } from './plan/levels';
import type { Level } from './plan/schema';

/** Report years a plan can be about. */
export const REPORT_YEARS = { min: 1990, max: 2100 } as const;

export function isReportYear(n: number): boolean {
  return Number.isInteger(n) && n >= REPORT_YEARS.min && n <= REPORT_YEARS.max;
}

/**
 * A report year from a typed text or a cell value (`2025`, `２０２５`, 2025): undefined when it is
 * not a whole year in range.
 */
export function parseReportYear(value: unknown): number | undefined {
  const c = coerceNumber(typeof value === 'string' ? value.trim() : value);
  return c.kind === 'number' && isReportYear(c.value) ? c.value : undefined;
}

/** `年份无效：20x5（应为 1990–2100 的整数）`, or `--year 无效：…` when an option is named. */
export function yearProblem(text: string, option?: string): Bilingual {
  const range = `${REPORT_YEARS.min}–${REPORT_YEARS.max}`;
  return { zh: `${option ? `${option} ` : '年份'}无效：${text}（应为 ${range} 的整数）`, en: `invalid ${option ?? 'year'}: ${text} (a whole year ${range})` };
}

/** A level: the schema's names (小学, 初中, 学前 …) and the 优质均衡 stages' synonyms (primary, junior …). */
export function parseLevelName(text: string): Level | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const stage = parseBalanceLevel(s);
  if (stage) return stage;
  // A plain list, not the schema's enum: the custom functions read levels without the schema library.
  const name = s.normalize('NFKC');
  return isLevel(name) ? name : undefined;
}

/** `无法识别的学段「高三」（如 小学、初中、学前）`, prefixed with the option when one is named. */
export function levelProblem(text: string, option?: string): Bilingual {
  return {
    zh: `${option ? `${option}：` : ''}无法识别的学段「${text}」（如 小学、初中、学前）`,
    en: `${option ? `${option}: ` : ''}unknown level "${text}" (e.g. 小学, 初中, 学前)`,
  };
}

/**
 * A list as a user gives it: typed, pasted from a spreadsheet or a document. One item per line
 * (a row pasted from a sheet is split at tabs); a single line written as a list (甲校，乙校、丙校)
 * is split at Chinese and Latin list separators. Runs of whitespace fold to one space; blank items
 * are dropped; duplicates are kept, so whoever uses the list can name them.
 */
export function splitList(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split(/[\n\t]/)
    .map((l) => l.trim())
    .filter(Boolean);
  const items = lines.length === 1 ? lines[0]!.split(/[，,、；;]/) : lines;
  return items.map((u) => u.replace(/\s+/g, ' ').trim()).filter(Boolean);
}
