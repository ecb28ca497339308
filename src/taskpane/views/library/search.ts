/** Plan library search: a plan matches on its own texts or on any of its indicators. */
import { allIndicators } from '../../../core/plan/registry';
import type { Indicator, Plan } from '../../../core/plan/schema';

export interface PlanHit {
  plan: Plan;
  /** Indicators matching the query; all of them when the plan matched on its own texts. */
  indicators: Indicator[];
  /** True when the query matched only indicators, not the plan itself. */
  byIndicator: boolean;
}

function norm(s: string | undefined): string {
  return (s ?? '').normalize('NFKC').toLowerCase();
}

function terms(query: string): string[] {
  return norm(query)
    .split(/[\s,，、]+/)
    .filter(Boolean);
}

function planText(plan: Plan): string {
  return norm(
    [plan.id, plan.title.zh, plan.title.en, plan.region.zh, plan.region.en, plan.issuer.zh, plan.issuer.en, `${plan.period.from}-${plan.period.to}`].join(
      '\n',
    ),
  );
}

function indicatorText(ind: Indicator): string {
  return norm([ind.id, ind.code, ind.name.zh, ind.name.en, ind.level, ind.attribute].join('\n'));
}

/** Every term must appear in the plan's texts, or every term in one indicator's texts. */
export function searchPlans(plans: readonly Plan[], query: string): PlanHit[] {
  const q = terms(query);
  const hits: PlanHit[] = [];
  for (const plan of plans) {
    const inds = allIndicators(plan);
    if (q.length === 0 || q.every((t) => planText(plan).includes(t))) {
      hits.push({ plan, indicators: inds, byIndicator: false });
      continue;
    }
    const matched = inds.filter((ind) => {
      const text = indicatorText(ind);
      return q.every((t) => text.includes(t));
    });
    if (matched.length > 0) hits.push({ plan, indicators: matched, byIndicator: true });
  }
  return hits;
}
