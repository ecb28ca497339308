/**
 * The seam to validation: consolidation asks "what is wrong with this workbook" here and
 * nowhere else, so moving to the check pipeline's entry point is a one-line change.
 */
import { validate, type PlanSource, type ValidationResult } from '../validate';
import type { WorkbookGrid } from '../workbook/grid';

export type { PlanSource };

export function checkReturn(book: WorkbookGrid, plans: PlanSource): ValidationResult {
  // Plausibility against peers and last year is validation's business, not a reason to exclude.
  return validate(book, plans, { status: false });
}
