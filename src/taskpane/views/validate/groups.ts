/**
 * The issue list as the pane shows it: in the review sheet's order (errors, warnings, notes; by
 * sheet and cell), grouped by severity with explained warnings apart, filtered by severity and
 * text. Pure, so the list and its counts are tested without React.
 */
import type { Lang } from '../../../core/i18n/text';
import { reviewOrder } from '../../../core/validate/review';
import type { ValidationIssue } from '../../../core/validate/issues';

export type GroupId = 'error' | 'warning' | 'explained' | 'info';
export type SeverityFilter = 'all' | 'error' | 'warning';

export const GROUP_ORDER: readonly GroupId[] = ['error', 'warning', 'explained', 'info'];

export function groupOf(issue: ValidationIssue): GroupId {
  if (issue.severity === 'warning' && issue.explained) return 'explained';
  return issue.severity;
}

export interface IssueGroup {
  id: GroupId;
  issues: ValidationIssue[];
}

function matchesText(issue: ValidationIssue, needle: string, lang: Lang): boolean {
  if (!needle) return true;
  const hay = [issue.sheet, issue.cell, issue.unit, issue.input, issue.indicator, lang === 'en' ? issue.message.en : issue.message.zh, issue.code]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  return hay.includes(needle);
}

function matchesSeverity(g: GroupId, filter: SeverityFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'error') return g === 'error';
  return g === 'warning' || g === 'explained';
}

export function groupIssues(issues: readonly ValidationIssue[], filter: SeverityFilter, text: string, lang: Lang): IssueGroup[] {
  const needle = text.trim().toLowerCase();
  const by = new Map<GroupId, ValidationIssue[]>(GROUP_ORDER.map((g) => [g, []]));
  for (const issue of reviewOrder(issues)) {
    const g = groupOf(issue);
    if (matchesSeverity(g, filter) && matchesText(issue, needle, lang)) by.get(g)!.push(issue);
  }
  return GROUP_ORDER.map((id) => ({ id, issues: by.get(id)! })).filter((g) => g.issues.length > 0);
}

/** Counts for the summary line and the filter buttons. */
export function issueCounts(issues: readonly ValidationIssue[]): Record<GroupId, number> {
  const out: Record<GroupId, number> = { error: 0, warning: 0, explained: 0, info: 0 };
  for (const i of issues) out[groupOf(i)]++;
  return out;
}

/** Stable identity of an issue in the list (React keys, "fix applied" bookkeeping). */
export function issueKey(issue: ValidationIssue): string {
  return [issue.code, issue.sheet ?? '', issue.cell ?? '', issue.unitIndex ?? '', issue.input ?? '', issue.indicator ?? ''].join('|');
}

/**
 * How the pane lays the issues out for a person to act on: the real errors first (wrong values,
 * then broken relations such as part > total, then tampering with the template), ordered so the
 * most telling come first; then the values nobody filled in, collapsed per unit (a return: "乙校：
 * 12 项未填") or per column (a unit table: "H 列：30 个单位未填"); then warnings and notes.
 * Nothing is capped: the view pages through long lists, so every issue is reachable without a filter.
 */
export type Layout = Array<{ kind: 'issues'; id: GroupId; issues: ValidationIssue[] } | { kind: 'missing'; total: number; groups: MissingGroup[] }>;

export interface MissingGroup {
  key: string;
  by: 'unit' | 'column';
  /** The unit's name, or the column letter. */
  label: string;
  sheet?: string;
  issues: ValidationIssue[];
}

/** Codes by what the person has to do: fix a typed value, fix numbers that disagree, undo a change to the template. */
const ERROR_RANK: Partial<Record<string, number>> = {
  'type-error': 0,
  'error-value': 0,
  'date-value': 0,
  'not-boolean': 0,
  'not-whole': 0,
  'negative-count': 0,
  'missing-code-not-allowed': 0,
  'out-of-range': 0,
  'part-exceeds-total': 1,
  'sum-mismatch': 1,
  'rate-mismatch': 1,
  'zero-denominator': 1,
  'formula-overwritten': 2,
  'formula-changed': 2,
  'workbook-value-mismatch': 2,
  'plan-hash-mismatch': 2,
  'input-cell-missing': 2,
  'metadata-invalid': 2,
};

export function isMissing(issue: ValidationIssue): boolean {
  return issue.code === 'required-missing';
}

function columnOf(cell: string | undefined): string | undefined {
  return cell ? /^\$?([A-Z]+)/i.exec(cell)?.[1]?.toUpperCase() : undefined;
}

/** Missing values per unit, or per column when they run down the columns of a unit table. */
export function missingGroups(missing: readonly ValidationIssue[]): MissingGroup[] {
  const units = new Set(missing.map((i) => `${i.sheet ?? ''}|${i.unitIndex ?? i.unit ?? ''}`));
  const columns = new Set(missing.map((i) => `${i.sheet ?? ''}|${columnOf(i.cell) ?? ''}`));
  const byColumn = units.size > 1 && columns.size < units.size;
  const out = new Map<string, MissingGroup>();
  for (const i of missing) {
    const col = columnOf(i.cell);
    const key = byColumn ? `c|${i.sheet ?? ''}|${col ?? ''}` : `u|${i.sheet ?? ''}|${i.unitIndex ?? i.unit ?? ''}`;
    let g = out.get(key);
    if (!g) out.set(key, (g = { key, by: byColumn ? 'column' : 'unit', label: (byColumn ? col : i.unit) ?? i.sheet ?? '', sheet: i.sheet, issues: [] }));
    g.issues.push(i);
  }
  // The longest gaps first: where most is still to be filled in.
  return [...out.values()].sort((a, b) => b.issues.length - a.issues.length);
}

export function layoutIssues(issues: readonly ValidationIssue[], filter: SeverityFilter, text: string, lang: Lang): Layout {
  const needle = text.trim().toLowerCase();
  const shown = reviewOrder(issues).filter((i) => matchesSeverity(groupOf(i), filter) && matchesText(i, needle, lang));
  const missing = shown.filter(isMissing);
  const rest = shown.filter((i) => !isMissing(i));
  const rank = (i: ValidationIssue) => ERROR_RANK[i.code] ?? 3;
  const errors = rest.filter((i) => groupOf(i) === 'error').sort((a, b) => rank(a) - rank(b)); // stable: review order within a rank
  const out: Layout = [];
  if (errors.length > 0) out.push({ kind: 'issues', id: 'error', issues: errors });
  if (missing.length > 0) out.push({ kind: 'missing', total: missing.length, groups: missingGroups(missing) });
  for (const id of ['warning', 'explained', 'info'] as const) {
    const list = rest.filter((i) => groupOf(i) === id);
    if (list.length > 0) out.push({ kind: 'issues', id, issues: list });
  }
  return out;
}

/**
 * The message without the cell (and unit) it opens with: the card shows where the issue is once,
 * on its own line, and the message says what is wrong and how to fix it.
 */
export function messageWithoutPlace(issue: ValidationIssue, text: string): string {
  let s = text;
  if (issue.cell && s.startsWith(issue.cell)) {
    s = s.slice(issue.cell.length);
    if (issue.unit) {
      for (const wrapped of [`（${issue.unit}）`, ` (${issue.unit})`]) if (s.startsWith(wrapped)) s = s.slice(wrapped.length);
    }
    s = s.replace(/^[\s]+/, '');
  }
  return s || text;
}
