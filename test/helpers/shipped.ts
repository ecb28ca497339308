/**
 * The shipped plans as tests need them: REQUIRED, never optional. seeds/catalog-ids.json lists
 * the plans and indicators that must never disappear, so a test about one of them fails (it does
 * not skip) when it is missing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { findIndicator } from '../../src/core/plan/registry';
import type { Indicator, Plan } from '../../src/core/plan/schema';
import { loadShippedPlans } from '../../src/node/seeds';

const CATALOG_IDS = path.join(__dirname, '..', '..', 'seeds', 'catalog-ids.json');

/** A shipped plan by id; throws (failing the test or the suite) when it is not shipped. */
export function shippedPlan(id: string): Plan {
  const plan = loadShippedPlans().find((p) => p.id === id);
  if (!plan) {
    const required = fs.readFileSync(CATALOG_IDS, 'utf8').includes(`"${id}"`);
    throw new Error(`shipped plan ${id} is missing${required ? ' (seeds/catalog-ids.json requires it)' : ''}`);
  }
  return plan;
}

/** An indicator of a shipped plan by id or code; throws when either is missing. */
export function shippedIndicator(planId: string, indicatorId: string): { plan: Plan; indicator: Indicator } {
  const plan = shippedPlan(planId);
  const ref = findIndicator(plan, indicatorId);
  if (!ref) throw new Error(`indicator ${indicatorId} is missing from shipped plan ${planId}`);
  return { plan, indicator: ref.indicator };
}

/** Every shipped plan; throws when there are none (the catalog is never empty). */
export function shippedPlans(): Plan[] {
  const plans = loadShippedPlans();
  if (plans.length === 0) throw new Error('no shipped plans in seeds/plans');
  return plans;
}
