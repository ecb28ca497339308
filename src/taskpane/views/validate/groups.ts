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
