/**
 * Reading one input cell: its content as typed, what it means (a number, a yes/no, a missing
 * code, or an error), and the issues about the content itself — types, normalisation, whole
 * and non-negative counts, required inputs, allowed missing codes, the input's own min/max.
 *
 * Coercion is `coerceNumber` / `coerceBoolean` from src/core/coerce.ts and nothing else: the
 * add-in, the custom functions and the CLI read "1,250", "９５％" and "暂无数据" the same way.
 * The cell is never altered; a normalised reading only offers a fix.
 */
import { coerceBoolean, coerceNumber, type Coerced } from '../coerce';
import type { Bilingual } from '../i18n/text';
import type { GridValue } from '../workbook/grid';
import { isGridError } from '../workbook/grid';
import { wholeRequired, type Field } from './fields';
import { issueText, issueValue, type DraftIssue, type IssueLocation } from './issues';

export interface Reading {
  field: Field;
  unitIndex: number;
  unit: string;
  sheet: string;
  cell: string;
  raw: GridValue;
  /** What the rules and computations use: numbers (yes/no as 1/0), missing codes, errors. */
  coerced: Coerced;
  /** True when a content issue (error) was reported, so later checks do not pile on. */
  bad: boolean;
}

/** `2024-01-05`, `2024/1/5`, `2024年1月5日`: text a host produced from a date. */
const DATE_TEXT = /^\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/;

function looksLikeDate(raw: unknown): string | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString().slice(0, 10);
  if (typeof raw === 'string' && DATE_TEXT.test(raw)) return raw.trim();
  return undefined;
}

const MISSING: Coerced = { kind: 'missing', code: 'blank' };

/**
 * Reads and checks one input cell. `raw` may be anything a host returns (the grid type is what
 * readers promise; a fuzzed or foreign value is handled, never thrown on). Never alters it.
 */
export function readInputCell(field: Field, raw: GridValue, loc: Required<Pick<IssueLocation, 'sheet' | 'cell' | 'unit' | 'unitIndex'>>): {
  reading: Reading;
  issues: readonly DraftIssue[];
} {
  // Fast path, most cells of most returns: a plain number that is fine for its field.
  if (typeof raw === 'number' && (field.kind === 'count' || field.kind === 'amount' || field.kind === 'percent')) {
    const c = coerceNumber(raw, { unit: field.unit });
    if (c.kind === 'number') {
      const n = c.value;
      const ok = (field.kind !== 'count' || ((!wholeRequired(field) || Number.isInteger(n)) && n >= 0)) && (field.min === undefined || n >= field.min) && (field.max === undefined || n <= field.max);
      if (ok) return { reading: { field, unitIndex: loc.unitIndex, unit: loc.unit, sheet: loc.sheet, cell: loc.cell, raw, coerced: c, bad: false }, issues: NO_ISSUES };
    }
  }
  return readSlowly(field, raw, loc);
}

const NO_ISSUES: readonly DraftIssue[] = Object.freeze([]);

/** Everything but a plain good number: the checks that may report. */
function readSlowly(field: Field, raw: GridValue, loc: Required<Pick<IssueLocation, 'sheet' | 'cell' | 'unit' | 'unitIndex'>>): { reading: Reading; issues: DraftIssue[] } {
  // The issue location and value are only built when there is an issue.
  const issues: DraftIssue[] = [];
  let located: { at: IssueLocation; value: ReturnType<typeof issueValue> } | undefined;
  const where = () => (located ??= { at: { ...loc, input: field.id, indicator: field.indicator?.id }, value: issueValue(raw) });
  const reading: Reading = { field, unitIndex: loc.unitIndex, unit: loc.unit, sheet: loc.sheet, cell: loc.cell, raw, coerced: MISSING, bad: false };
  const fail = (issue: DraftIssue, message: Bilingual = { zh: issue.code, en: issue.code }): { reading: Reading; issues: DraftIssue[] } => {
    issues.push(issue);
    reading.bad = true;
    reading.coerced = { kind: 'error', message, raw: issueText(raw) };
    return { reading, issues };
  };

  if (isGridError(raw)) {
    return fail({ ...where().at, code: 'error-value', params: { error: raw.error }, value: where().value, expected: 'number' });
  }

  let coerced: Coerced;
  if (field.kind === 'text') {
    // Free text carries no number: only whether it is there (or a missing code) matters.
    const c = coerceNumber(raw);
    if (c.kind !== 'missing') return { reading, issues };
    coerced = c;
  } else if (field.kind === 'boolean') {
    const b = coerceBoolean(raw);
    if (b.kind === 'error') return fail({ ...where().at, code: 'not-boolean', params: { text: issueText(raw) }, value: where().value, expected: '是|否' }, b.message);
    coerced = b.kind === 'boolean' ? { kind: 'number', value: b.value ? 1 : 0, normalized: b.normalized } : b;
  } else {
    coerced = coerceNumber(raw, { unit: field.unit });
    if (coerced.kind === 'error') {
      const date = looksLikeDate(raw);
      if (date !== undefined) return fail({ ...where().at, code: 'date-value', params: { text: date }, value: date, expected: 'number' }, coerced.message);
      return fail({ ...where().at, code: 'type-error', params: { text: issueText(raw), reason: coerced.message }, value: where().value, expected: 'number' }, coerced.message);
    }
    if (coerced.kind === 'number' && coerced.percent && field.kind === 'count') {
      const reason = { zh: '人数、个数不能是百分数', en: 'a count cannot be a percentage' };
      return fail({ ...where().at, code: 'type-error', params: { text: issueText(raw), reason }, value: where().value, expected: 'number' }, reason);
    }
  }
  reading.coerced = coerced;

  if (coerced.kind === 'missing') {
    if (coerced.code === 'blank') {
      if (field.required) issues.push({ ...where().at, code: 'required-missing', params: {}, value: where().value, expected: 'number' });
    } else if (!field.allowMissing) {
      issues.push({ ...where().at, code: 'missing-code-not-allowed', params: { missingCode: coerced.code }, value: where().value, expected: 'number' });
    }
    reading.bad = issues.length > 0;
    return { reading, issues };
  }
  if (coerced.kind !== 'number') return { reading, issues };
  const n = coerced.value;

  if (field.kind === 'count') {
    if (wholeRequired(field) && !Number.isInteger(n)) {
      issues.push({ ...where().at, code: 'not-whole', params: { number: n }, value: where().value, expected: 'integer ≥ 0' });
      reading.bad = true;
    }
    if (n < 0) {
      issues.push({ ...where().at, code: 'negative-count', params: { number: n }, value: where().value, expected: 'integer ≥ 0' });
      reading.bad = true;
    }
  }
  if (!reading.bad) {
    const { min, max } = field;
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
      issues.push({ ...where().at, code: 'out-of-range', params: { number: n, min, max, of: 'input' }, value: where().value, expected: rangeText(min, max) });
      reading.bad = true;
    }
  }
  if (!reading.bad && field.kind !== 'boolean' && typeof raw === 'string') {
    // A number stored as text (normalised or not) is accepted; the fix stores the number itself.
    // Not said when the number is wrong anyway: one problem, one issue.
    issues.push({
      ...where().at,
      code: 'normalized-value',
      params: { text: raw, number: n, note: coerced.note },
      value: where().value,
      expected: n,
      fix: { value: n },
    });
  }
  return { reading, issues };
}

/** `[0, 100]`, `≥ 0`, `≤ 100`. */
export function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `[${min}, ${max}]`;
  if (min !== undefined) return `≥ ${min}`;
  if (max !== undefined) return `≤ ${max}`;
  return '';
}
