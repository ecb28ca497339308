/** Plan → definition workbook → plan is lossless for every shipped plan (the grid a reader returns). */
import { definitionToPlan, formatDefinitionIssue, planToDefinition } from '../../../src/core/plan-definition';
import { loadShippedPlans } from '../../../src/node/seeds';
import { bookToGrid } from './helpers';

const plans = loadShippedPlans();

test.each(plans.map((p) => [p.id, p] as const))('%s round-trips through the definition workbook', (_id, plan) => {
  const r = definitionToPlan(bookToGrid(planToDefinition(plan)));
  if (!r.ok) throw new Error(r.issues.map((i) => formatDefinitionIssue(i)).join('\n'));
  expect(r.plan).toEqual(plan);
  // and the JSON text is the same (key order aside, nothing added or dropped)
  expect(JSON.parse(JSON.stringify(r.plan))).toEqual(JSON.parse(JSON.stringify(plan)));
});
