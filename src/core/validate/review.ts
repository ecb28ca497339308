/**
 * The 审核结果 (review) sheet as plain data: one row per issue — a link to the cell, severity,
 * whether a warning is explained, the unit, the item, the message, the value, what is expected
 * and the suggested fix. The Office.js renderer writes it in one 2-D `formulas` call; the same
 * rows feed the task pane list. Pure: no host here.
 *
 * Text cells are marked `text: true`: a message or a typed value may start with `=`, `+`, `-` or
 * `@`, and must be written as text (never executed). The link column is the only formula, built
 * with HYPERLINK("#'Sheet'!A1", …) because that form survives Excel, WPS and LibreOffice.
 */
import type { Lang } from '../i18n/text';
import { cellLinkFormula } from '../template/formulas';
import { tryA1ToRowCol } from '../workbook/address';
import { SEVERITY_LABEL, SEVERITY_ORDER, type IssueValue, type ValidationIssue } from './issues';
import { issueSummaryText } from './summary-text';

export const REVIEW_SHEET = '审核结果';
export const REVIEW_SHEET_EN = 'Review';

export interface ReviewRow {
  no: number;
  severity: ValidationIssue['severity'];
  code: ValidationIssue['code'];
  sheet?: string;
  cell?: string;
  unit?: string;
  /** The input or indicator named, in the chosen language. */
  item?: string;
  message: string;
  value: string;
  expected: string;
  explained: boolean;
  explanation?: string;
  fix?: string;
}

export type ReviewCell = { value: string | number | null; text?: boolean } | { formula: string };

export interface ReviewTable {
  /** Suggested sheet name in this language. */
  sheetName: string;
  headers: string[];
  /** `rows[r][c]` for r ≥ 0 (headers excluded). */
  rows: ReviewCell[][];
  /** Column widths in Excel character units, per column. */
  widths: number[];
  /** Summary line for the top of the sheet (errors, warnings, notes). */
  summary: string;
}

const HEADERS = {
  zh: ['序号', '级别', '位置', '单位', '项目', '问题及修改建议', '当前值', '应为', '建议值', '说明情况'],
  en: ['No.', 'Severity', 'Cell', 'Unit', 'Item', 'Problem and how to fix it', 'Value', 'Expected', 'Suggested', 'Explanation'],
};
const WIDTHS = [6, 8, 14, 16, 24, 80, 14, 14, 12, 24];

function valueText(v: IssueValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return v.error;
  return String(v);
}

/** Issues in review order: errors, then warnings, then notes; within each, by sheet and cell. */
export function reviewOrder(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return [...issues].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
      cellOrder(a.cell) - cellOrder(b.cell),
  );
}

/** Row-major order of an A1 address (for sorting); workbook-level issues first. */
export function cellOrder(cell: string | undefined): number {
  const rc = cell ? tryA1ToRowCol(cell) : undefined;
  return rc ? rc.row * 20000 + rc.col : -1;
}

/** One row per issue, in review order. `names` gives an item's display name. */
export function reviewRows(issues: readonly ValidationIssue[], lang: Lang, names?: (issue: ValidationIssue) => string | undefined): ReviewRow[] {
  const en = lang === 'en';
  return reviewOrder(issues).map((i, n) => ({
    no: n + 1,
    severity: i.severity,
    code: i.code,
    sheet: i.sheet,
    cell: i.cell,
    unit: i.unit,
    item: names?.(i) ?? i.input ?? i.indicator,
    message: en ? i.message.en : i.message.zh,
    value: valueText(i.value),
    expected: valueText(i.expected),
    explained: i.explained === true,
    explanation: i.explanation,
    fix: i.fix ? valueText(i.fix.value) : undefined,
  }));
}

/** `=HYPERLINK("#'学校数据'!C12","C12")`: a link that works in Excel, WPS and LibreOffice. */
export const cellLink = cellLinkFormula;

/** The review sheet's cells: a header row, then one row per issue. */
export function reviewTable(rows: readonly ReviewRow[], lang: Lang): ReviewTable {
  const en = lang === 'en';
  const t = (value: string | undefined): ReviewCell => ({ value: value ?? '', text: true });
  const counts = { error: 0, warning: 0, info: 0 };
  for (const r of rows) counts[r.severity]++;
  const explained = rows.filter((r) => r.severity === 'warning' && r.explained).length;
  return {
    sheetName: en ? REVIEW_SHEET_EN : REVIEW_SHEET,
    headers: HEADERS[en ? 'en' : 'zh'],
    widths: WIDTHS,
    summary: issueSummaryText({ ...counts, explained }, lang) || (en ? 'No issues found.' : '没有发现问题。'),
    rows: rows.map((r) => [
      { value: r.no },
      t(en ? SEVERITY_LABEL[r.severity].en : SEVERITY_LABEL[r.severity].zh),
      r.sheet && r.cell ? { formula: cellLink(r.sheet, r.cell) } : t(''),
      t(r.unit),
      t(r.item),
      t(r.message),
      t(r.value),
      t(r.expected),
      t(r.fix),
      t(r.severity === 'warning' ? (r.explained ? (en ? `explained: ${r.explanation ?? ''}` : `已说明：${r.explanation ?? ''}`) : en ? 'not explained' : '未说明') : ''),
    ]),
  };
}
