/** Validation of entered data against a plan: issues at their cells, messages in zh and en, the review sheet's rows. */
export { validate, runChecks, type PlanSource, type PreviousValue, type TemplateRun, type TemplateSummary, type ValidateOptions, type ValidationResult, type ValueRow, type WorkbookRun } from './validate';
export { DEFAULT_CHECKS, SHARED_CODES, RUNNER_CODES } from './checks';
export { check, type Check, type WorkbookContext } from './pipeline';
export { TemplateContext, type PlannedContext, type UnitRow } from './context';
export { CELL, type InputColumn, type CellState } from './columns';
export { OUTCOME, type IndicatorColumn } from './indicators';
export {
  ISSUE_CODES,
  DEFAULT_SEVERITY,
  SEVERITY_LABEL,
  SEVERITY_ORDER,
  cellsToFix,
  countBySeverity,
  type CellRef,
  type FixableIssue,
  type DraftIssue,
  type IssueCode,
  type IssueLocation,
  type IssueOf,
  type IssueParams,
  type IssueSeverity,
  type IssueValue,
  type SheetCell,
  type ValidationIssue,
} from './issues';
export { renderMessage, CATALOGUES, type MessageContext } from './messages';
export { issueCountPhrases, issueSummaryText, type IssueTally } from './summary-text';
export { reviewRows, reviewTable, reviewOrder, cellLink, REVIEW_SHEET, REVIEW_SHEET_EN, type ReviewCell, type ReviewRow, type ReviewTable } from './review';
export { DEFAULT_PLAUSIBILITY, DEFAULT_MAX_CHANGE, robustZ, type PlausibilityOptions } from './plausibility';
export { DEFAULT_GROSS_PLAUSIBLE_MAX } from './indicators';
