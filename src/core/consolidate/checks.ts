/**
 * The seam to validation: consolidation asks "what is wrong with this workbook" here and nowhere
 * else — the check pipeline's one entry point (`runChecks`), without the value rows validate()
 * builds for its report (consolidation computes its own from the inputs).
 */
import { runChecks, type PlanSource, type TemplateSummary, type ValidationIssue } from '../validate';
import type { WorkbookGrid } from '../workbook/grid';

export type { PlanSource };

export interface ReturnCheck {
  issues: ValidationIssue[];
  templates: TemplateSummary[];
}

export function checkReturn(book: WorkbookGrid, plans: PlanSource): ReturnCheck {
  // Plausibility against peers and last year is validation's business, not a reason to exclude.
  const run = runChecks(book, plans, { status: false });
  return { issues: run.issues, templates: run.templates.map((t) => t.summary) };
}
