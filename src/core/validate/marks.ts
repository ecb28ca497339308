/**
 * The fill validation marks a cell with, by what is wrong with it: one table for the add-in's
 * marks (src/excel/marks.ts), the review sheet's severity column, the pane's legend and the
 * templates' own warning format, so the legend always shows the colours the sheet has.
 * A value nobody filled in is marked apart from a wrong one: the filler sees at a glance which
 * cells still need a number and which hold a number to correct.
 */
import { COLORS } from '../template/styles';
import type { IssueSeverity } from './issues';

/** Fill per severity. */
export const MARK_COLORS: Readonly<Record<IssueSeverity, string>> = { error: COLORS.markError, warning: COLORS.markWarning, info: COLORS.markInfo };

/** Fill of a required value not filled in (orange, not the error pink). */
export const MISSING_MARK_COLOR: string = COLORS.markMissing;

/** What a mark says: a severity, or a value not filled in. */
export type MarkKind = IssueSeverity | 'missing';

/** The kinds in the order a legend lists them (most severe first). */
export const MARK_KINDS: readonly MarkKind[] = ['error', 'missing', 'warning', 'info'];

export const MARK_COLOR: Readonly<Record<MarkKind, string>> = { ...MARK_COLORS, missing: MISSING_MARK_COLOR };

/** The mark of an issue: `required-missing` (not a note) gets the missing mark. */
export function markKindOf(issue: { severity: IssueSeverity; code?: string }): MarkKind {
  return issue.code === 'required-missing' && issue.severity !== 'info' ? 'missing' : issue.severity;
}
