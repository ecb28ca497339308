/**
 * The plan registry of the add-in's shared runtime: one instance for the task pane, the custom
 * functions and the ribbon commands, which run in one JavaScript runtime (taskpane.html), so a
 * plan imported in the pane is known to EDU.* at once. The pane's entries pass it to the app
 * (`env.registry`); the custom functions look plans up in it.
 *
 * It starts with the shipped plans: webpack's DefinePlugin replaces `__EDU_PLANS__` with
 * seeds/plans/*.json as `parsePlan` returns them — the build parses them and fails on an invalid
 * seed — so the add-in needs no server for its catalog, and neither re-checks its own plans nor
 * loads the schema library before its first paint.
 * Node callers (CLI, library, tests) load the same files from disk with src/node/seeds.ts.
 *
 * This lives with the surfaces, not in src/core: the core takes a registry as an argument and
 * holds no mutable catalog of its own.
 */
import { PlanRegistry } from '../core/plan/registry';
import type { Plan } from '../core/plan/schema';

declare const __EDU_PLANS__: Plan[] | undefined;

/** The shipped plans bundled into the build, already parsed by it. */
export function bundledPlans(): Plan[] {
  return typeof __EDU_PLANS__ === 'undefined' ? [] : __EDU_PLANS__;
}

let shared: PlanRegistry | undefined;

/** The runtime's one registry (created on first use from the bundled plans). */
export function runtimeRegistry(): PlanRegistry {
  shared ??= new PlanRegistry(bundledPlans());
  return shared;
}
