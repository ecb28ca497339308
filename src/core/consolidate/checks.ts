/**
 * The seam to validation: consolidation asks "what is wrong with this workbook" here and nowhere
 * else — the check pipeline's one entry point (`runChecks`), without the value rows validate()
 * builds for its report (consolidation computes its own from the inputs). What the run already
 * decoded (each template, its plan, its fields) is handed on, so a file is decoded once.
 */
import { runChecks, type PlanSource, type TemplateSummary, type ValidationIssue } from '../validate';
import type { Field } from '../validate/fields';
import type { Plan } from '../plan/schema';
import type { DecodedTemplate, ResolvedMap } from '../workbook/cellmap';
import type { WorkbookGrid } from '../workbook/grid';

export type { PlanSource };

export interface CheckedTemplate {
  summary: TemplateSummary;
  template: DecodedTemplate;
  /** The plan validation used (the catalog's, or the one carried inside the workbook when its hash matches). */
  plan?: Plan;
  fields(): ReadonlyMap<string, Field>;
  /** The cell map validation resolved against this workbook (undefined: it could not be resolved). */
  map(): ResolvedMap | undefined;
}

export interface ReturnCheck {
  issues: ValidationIssue[];
  templates: CheckedTemplate[];
}

export function checkReturn(book: WorkbookGrid, plans: PlanSource): ReturnCheck {
  // Plausibility against peers and last year is validation's business, not a reason to exclude.
  const run = runChecks(book, plans, { status: false });
  return {
    issues: run.issues,
    templates: run.templates.map((t) => ({ summary: t.summary, template: t.context.template, plan: t.context.plan, fields: () => t.context.fields(), map: () => t.context.resolvedMap() })),
  };
}
