/**
 * The shipped plans inside browser bundles (task pane, custom functions). webpack's DefinePlugin
 * replaces `__EDU_PLANS__` with the contents of seeds/plans/*.json at build time, so the add-in
 * needs no server to read its catalog. In Node (CLI, tests) use src/cli/seeds.ts instead.
 */
import { safeParsePlan } from './parse';
import { PlanRegistry } from './registry';
import type { Plan } from './schema';

declare const __EDU_PLANS__: unknown[] | undefined;

let registry: PlanRegistry | undefined;

/** The shipped plans; invalid ones are skipped (the build's tests guarantee there are none). */
export function bundledPlans(): Plan[] {
  const raw: unknown[] = typeof __EDU_PLANS__ === 'undefined' ? [] : __EDU_PLANS__;
  const out: Plan[] = [];
  for (const value of raw) {
    const r = safeParsePlan(value);
    if (r.ok) out.push(r.plan);
  }
  return out;
}

/** The registry the browser surfaces share; tests may replace it with setRegistry. */
export function getRegistry(): PlanRegistry {
  registry ??= new PlanRegistry(bundledPlans());
  return registry;
}

export function setRegistry(next: PlanRegistry): void {
  registry = next;
}
