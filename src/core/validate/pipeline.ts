/**
 * Validation as a list of checks (in the style of frictionless-py's checks): each check is a
 * small function from a context to issues, and declares the issue codes it may emit. The table
 * of checks (checks.ts, DEFAULT_CHECKS) is the order of the report; `runChecks` runs it over
 * one workbook, and every surface — the CLI, the add-in, consolidation — calls it (through
 * `validate`, or directly with a table of its own).
 *
 * A check that throws (a bug) loses nothing else: its template gets a `validation-failed` issue
 * naming the check, and the other checks still report.
 */
import type { Plan } from '../plan/schema';
import type { DraftIssue, IssueCode } from './issues';
import type { PlannedContext, TemplateContext } from './context';
import type { DecodedTemplate, MapProblem } from '../workbook/cellmap';
import type { WorkbookGrid } from '../workbook/grid';

/** What workbook-level checks see: the workbook, and what finding its templates turned up. */
export interface WorkbookContext {
  book: WorkbookGrid;
  templates: number;
  problems: readonly MapProblem[];
  /** The templates found (their maps as made): which sheets they made. */
  decoded?: readonly DecodedTemplate[];
}

interface CheckBase {
  /** Stable kebab-case id (reported in `validation-failed`, used to pick or skip checks). */
  id: string;
  /** Every code the check may emit, and no other (a test runs the corpus through each check). */
  codes: readonly IssueCode[];
  /**
   * Checks of one group report together per indicator: where two land on the same cell, one
   * indicator's issues (from every check of the group) come before the next indicator's.
   */
  group?: string;
}

/**
 * One check. `scope` says what it runs on: once per workbook, once per template (plan or no
 * plan), or once per template whose plan is known.
 */
export type Check =
  | (CheckBase & { scope: 'workbook'; run(ctx: WorkbookContext): DraftIssue[] })
  | (CheckBase & { scope: 'template'; run(ctx: TemplateContext): DraftIssue[] })
  | (CheckBase & { scope: 'plan'; run(ctx: PlannedContext): DraftIssue[] });

/**
 * Defines a check. Its issues are typed as drafts of any code; that each emits only the codes it
 * declares is held by test/core/validate/checks.test.ts and the corpus run through every check.
 */
export function check<S extends Check['scope']>(
  id: string,
  scope: S,
  codes: readonly IssueCode[],
  run: (ctx: S extends 'workbook' ? WorkbookContext : S extends 'template' ? TemplateContext : PlannedContext) => DraftIssue[],
  group?: string,
): Check {
  return { id, scope, codes, run, ...(group ? { group } : {}) } as Check;
}

export function hasPlan(ctx: TemplateContext): ctx is PlannedContext {
  return ctx.plan !== undefined;
}

/** A check's issues, or the one issue saying it could not finish. */
export function runCheck(c: Check, ctx: WorkbookContext | TemplateContext): DraftIssue[] {
  try {
    return (c.run as (x: typeof ctx) => DraftIssue[])(ctx);
  } catch (e) {
    const detail = `${c.id}: ${e instanceof Error ? e.message : String(e)}`;
    return [{ code: 'validation-failed', params: { detail }, value: null, expected: null }];
  }
}

export type { Plan };
