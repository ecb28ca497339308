/**
 * A set of validated plans with lookups by id. Every surface (CLI, custom functions, task pane)
 * asks a registry, so an id means the same indicator everywhere.
 */
import type { Indicator, Input, Plan, Section } from './schema';

export interface IndicatorRef {
  plan: Plan;
  section: Section;
  indicator: Indicator;
}

export class PlanRegistry {
  private readonly byId = new Map<string, Plan>();

  constructor(plans: Iterable<Plan> = []) {
    for (const p of plans) this.add(p);
  }

  /** Adds or replaces a plan (a bureau's own plan may replace a shipped one of the same id). */
  add(plan: Plan): void {
    this.byId.set(plan.id, plan);
  }

  list(): Plan[] {
    return [...this.byId.values()];
  }

  get(id: string): Plan | undefined {
    return this.byId.get(id.trim());
  }

  /** Finds an indicator by plan id and indicator id (or its code, e.g. "B1", case-insensitive). */
  indicator(planId: string, indicatorId: string): IndicatorRef | undefined {
    const plan = this.get(planId);
    return plan ? findIndicator(plan, indicatorId) : undefined;
  }
}

export function findIndicator(plan: Plan, idOrCode: string): IndicatorRef | undefined {
  const key = idOrCode.trim();
  const lower = key.toLowerCase();
  for (const section of plan.sections) {
    for (const indicator of section.indicators) {
      if (indicator.id === key) return { plan, section, indicator };
    }
  }
  for (const section of plan.sections) {
    for (const indicator of section.indicators) {
      if (indicator.code && indicator.code.toLowerCase() === lower) return { plan, section, indicator };
    }
  }
  return undefined;
}

/** All indicators of a plan in document order. */
export function allIndicators(plan: Plan): Indicator[] {
  return plan.sections.flatMap((s) => s.indicators);
}

export function inputById(plan: Plan, id: string): Input | undefined {
  return plan.inputs.find((i) => i.id === id);
}

/**
 * The inputs an indicator's value is computed from, in order (numerator before denominator). A
 * directly typed indicator is its own input (input id = indicator id).
 */
export function indicatorInputs(indicator: Indicator): string[] {
  const c = indicator.compute;
  return c.kind === 'ratio' ? [...c.numerator, ...c.denominator] : c.kind === 'sum' ? [...c.inputs] : [indicator.id];
}

export function indicatorCount(plan: Plan): number {
  return plan.sections.reduce((n, s) => n + s.indicators.length, 0);
}
