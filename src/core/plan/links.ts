/**
 * Links between plans: an indicator that implements another plan's indicator (蕉岭 annex B24 →
 * 优质均衡 B24) is compared with it threshold by threshold — is the local one stricter, equal or
 * looser? A county's target looser than the standard it implements is a conflict across plans.
 */
import type { Bilingual } from '../i18n/text';
import { targetLabel, targetText } from './catalog';
import { allIndicators } from './registry';
import type { Citation, Indicator, Plan, Relation, Target } from './schema';

export type Strictness = 'stricter' | 'equal' | 'looser' | 'different';

export const STRICTNESS_LABEL: Readonly<Record<Strictness, Bilingual>> = {
  stricter: { zh: '更严', en: 'stricter' },
  equal: { zh: '相同', en: 'equal' },
  looser: { zh: '更宽', en: 'looser' },
  different: { zh: '不可比', en: 'not comparable' },
};

export interface ThresholdPair {
  /** Stage, school type or year the pair is about ('' when the indicator has one target). */
  label: string;
  local: string;
  parent: string;
  verdict: Strictness;
}

export interface LinkComparison {
  plan: string;
  indicator: Indicator;
  parentPlan: string;
  parent: Indicator;
  pairs: ThresholdPair[];
  /** Looser if any threshold is looser, else stricter if any is stricter, equal when all are. */
  verdict: Strictness;
  source?: Citation;
}

const UP: ReadonlySet<Relation> = new Set(['>=', '>']);
const DOWN: ReadonlySet<Relation> = new Set(['<=', '<']);

/** Numbers on the same side: ≥ 5 vs ≥ 4 is stricter, ≤ 0.45 vs ≤ 0.5 is stricter; > beats ≥ at the same value. */
function compareBounds(a: { op: Relation; v: number }, b: { op: Relation; v: number }): Strictness {
  const up = UP.has(a.op) && UP.has(b.op);
  const down = DOWN.has(a.op) && DOWN.has(b.op);
  if (!up && !down) return a.op === b.op && a.v === b.v ? 'equal' : 'different';
  if (a.v === b.v) {
    const strictA = a.op === '>' || a.op === '<';
    const strictB = b.op === '>' || b.op === '<';
    return strictA === strictB ? 'equal' : strictA ? 'stricter' : 'looser';
  }
  return (up ? a.v > b.v : a.v < b.v) ? 'stricter' : 'looser';
}

function bound(t: Target): { op: Relation; v: number } | undefined {
  if (t.comparator === 'count') return t.value === null ? undefined : { op: '>=', v: t.value };
  if (t.comparator === 'between' || t.comparator === 'relative' || t.comparator === 'bool') return undefined;
  return t.value === null ? undefined : { op: t.comparator, v: t.value };
}

/** One local threshold against one parent threshold. */
export function compareTargets(local: Target, parent: Target): Strictness {
  if (local.comparator === 'bool' && parent.comparator === 'bool') return local.value === parent.value ? 'equal' : 'different';
  if (local.comparator === 'relative' && parent.comparator === 'relative') {
    if (local.relation !== parent.relation) return 'different';
    return compareBounds({ op: local.relation, v: local.factor }, { op: parent.relation, v: parent.factor });
  }
  if (local.comparator === 'between' && parent.comparator === 'between') {
    return local.value[0] === parent.value[0] && local.value[1] === parent.value[1] ? 'equal' : 'different';
  }
  const a = bound(local);
  const b = bound(parent);
  return a && b ? compareBounds(a, b) : 'different';
}

/** The parent's target a local target answers to: same stage and condition, else the parent's only one. */
function counterpart(local: Target, parent: Indicator): Target | undefined {
  const same = parent.targets.filter((t) => t.level === local.level && (t.condition?.zh ?? '') === (local.condition?.zh ?? ''));
  if (same.length > 0) return same[0];
  const byLevel = parent.targets.filter((t) => t.level === local.level);
  if (byLevel.length === 1) return byLevel[0];
  return parent.targets.length === 1 ? parent.targets[0] : undefined;
}

function overall(pairs: readonly ThresholdPair[]): Strictness {
  if (pairs.some((p) => p.verdict === 'looser')) return 'looser';
  if (pairs.some((p) => p.verdict === 'stricter')) return 'stricter';
  if (pairs.length > 0 && pairs.every((p) => p.verdict === 'equal')) return 'equal';
  return 'different';
}

/** Compares a linked indicator with the one it implements. */
export function compareLink(plan: Plan, indicator: Indicator, parentPlan: Plan, parent: Indicator): LinkComparison {
  const pairs: ThresholdPair[] = indicator.targets.map((t) => {
    const p = counterpart(t, parent);
    return {
      label: targetLabel(t),
      local: targetText(t, indicator.unit),
      parent: p ? targetText(p, parent.unit) : parent.targets.map((x) => targetText(x, parent.unit)).join(' / '),
      verdict: p ? compareTargets(t, p) : 'different',
    };
  });
  return { plan: plan.id, indicator, parentPlan: parentPlan.id, parent, pairs, verdict: overall(pairs), source: indicator.implements?.source };
}

/**
 * Every link from `localId`'s indicators to `parentId` (or, when none, from `parentId` to
 * `localId`, so the two plans may be given in either order).
 */
export function compareLinks(plans: readonly Plan[], localId: string, parentId: string): LinkComparison[] {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const run = (a: string, b: string): LinkComparison[] => {
    const local = byId.get(a);
    const parent = byId.get(b);
    if (!local || !parent) return [];
    const out: LinkComparison[] = [];
    for (const ind of allIndicators(local)) {
      if (ind.implements?.plan !== b) continue;
      const target = allIndicators(parent).find((x) => x.id === ind.implements!.indicator);
      if (target) out.push(compareLink(local, ind, parent, target));
    }
    return out;
  };
  const forward = run(localId, parentId);
  return forward.length > 0 ? forward : run(parentId, localId);
}

/** Every link of every plan, compared (for `--conflicts` across plans). */
export function allLinks(plans: readonly Plan[]): LinkComparison[] {
  const pairs = new Set<string>();
  for (const p of plans) for (const ind of allIndicators(p)) if (ind.implements) pairs.add(`${p.id}\u0000${ind.implements.plan}`);
  return [...pairs].flatMap((k) => {
    const [a, b] = k.split('\u0000') as [string, string];
    return compareLinks(plans, a, b).filter((c) => c.plan === a);
  });
}

/** Links that point nowhere (plan or indicator missing from the set), as bilingual messages. */
export function brokenLinks(plans: readonly Plan[]): Array<{ plan: string; indicator: string; message: Bilingual }> {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const out: Array<{ plan: string; indicator: string; message: Bilingual }> = [];
  for (const p of plans) {
    for (const ind of allIndicators(p)) {
      const link = ind.implements;
      if (!link) continue;
      const parent = byId.get(link.plan);
      if (!parent) out.push({ plan: p.id, indicator: ind.id, message: { zh: `上级计划「${link.plan}」不在目录中`, en: `the linked plan "${link.plan}" is not in the catalog` } });
      else if (!allIndicators(parent).some((x) => x.id === link.indicator)) {
        out.push({ plan: p.id, indicator: ind.id, message: { zh: `上级计划「${link.plan}」中没有指标「${link.indicator}」`, en: `no indicator "${link.indicator}" in the linked plan ${link.plan}` } });
      }
    }
  }
  return out;
}
