/**
 * Names wherever an id is asked (CLI options, custom-function arguments): the one resolver.
 *
 *   a plan      by its id, its region's short name (阳江, 蕉岭, 广东), its title, or a piece of
 *               its title or region that only it has (优质均衡, 普及普惠, 梅州);
 *   an indicator by its id, its code (B1), its Chinese or English name (exact), a prefix of its
 *               Chinese name, or a piece of it that only it has (巩固率 in 阳江).
 *
 * Each step is tried in that order and the first that matches decides: one hit resolves, several
 * are ambiguous (the message lists them). Nothing at all: the closest names are suggested.
 */
import type { Bilingual } from '../i18n/text';
import { allIndicators, type IndicatorRef } from './registry';
import type { Indicator, Plan } from './schema';

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: Bilingual; suggestions: string[] };

/** NFKC (full-width → half-width), no spaces, lower case: what two spellings of one name share. */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** 广东省梅州市蕉岭县 → [广东省, 梅州市, 蕉岭县]. */
function regionUnits(region: string): string[] {
  return region.match(/[^省市县区州旗盟]+[省市县区州旗盟]/gu) ?? [region];
}

/** The names a plan answers to at its region level: 蕉岭县 and 蕉岭. */
function regionShortNames(plan: Plan): string[] {
  const units = regionUnits(plan.region.zh);
  const last = units[units.length - 1] ?? plan.region.zh;
  return [last, last.replace(/[省市县区州旗盟]$/u, '')].filter((s) => s.length > 0).map(normalizeName);
}

type Step<T> = (item: T, q: string) => boolean;

/** The first step with any hit decides. */
function pickBySteps<T>(items: readonly T[], q: string, steps: ReadonlyArray<Step<T>>): T[] {
  for (const step of steps) {
    const hits = items.filter((x) => step(x, q));
    if (hits.length > 0) return hits;
  }
  return [];
}

/**
 * How alike a query and a name are, 0–1: character-bigram Dice, or how much of the query the name
 * covers (bigrams, and single Chinese characters as a weaker sign: 巩固律 ~ 九年义务教育巩固率,
 * 杨江 ~ 阳江). Good enough to rank Chinese names against a typo; ASCII letters alone say nothing.
 */
function similarity(q: string, name: string): number {
  const qb = bigrams(q);
  const nb = bigrams(name);
  let common = 0;
  for (const [g, n] of qb) common += Math.min(n, nb.get(g) ?? 0);
  const qTotal = [...qb.values()].reduce((a, b) => a + b, 0);
  const nTotal = [...nb.values()].reduce((a, b) => a + b, 0);
  const dice = qTotal + nTotal === 0 ? 0 : (2 * common) / (qTotal + nTotal);
  const coverage = qTotal === 0 ? 0 : common / qTotal;
  const cjk = [...q].filter((c) => /\p{Script=Han}/u.test(c));
  const chars = cjk.length === 0 ? 0 : cjk.filter((c) => name.includes(c)).length / cjk.length;
  return Math.max(dice, 0.9 * coverage, 0.7 * chars);
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...s];
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Below this, a name is not offered as "closest" ("nope" is close to nothing). */
const MIN_SIMILARITY = 0.3;

/** The `n` closest labels to a query (by any of each item's names), best first. */
function closest<T>(items: readonly T[], q: string, names: (x: T) => string[], label: (x: T) => string, n = 5): string[] {
  return items
    .map((x) => ({ x, score: Math.max(0, ...names(x).map((s) => similarity(q, normalizeName(s)))) }))
    .filter((s) => s.score >= MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score)
    .slice(0, n)
    .map((s) => label(s.x));
}

function planLabel(p: Plan): string {
  return `${p.id}（${p.title.zh}）`;
}

const PLAN_STEPS: ReadonlyArray<Step<Plan>> = [
  (p, q) => normalizeName(p.id) === q,
  (p, q) => [p.title.zh, p.title.en ?? '', p.region.zh].some((s) => s !== '' && normalizeName(s) === q),
  (p, q) => regionShortNames(p).includes(q),
  (p, q) => normalizeName(p.id).startsWith(q),
  (p, q) => [p.title.zh, p.region.zh].some((s) => normalizeName(s).includes(q)),
  (p, q) => (p.title.en ?? '').length > 0 && normalizeName(p.title.en ?? '').includes(q),
];

/** A plan by id, region short name (阳江), title, or a piece of title or region only it has. */
export function resolvePlan(plans: readonly Plan[], query: string): Resolved<Plan> {
  const q = normalizeName(query);
  if (q === '') return { ok: false, message: { zh: '缺少规划（id 或名称）', en: 'the plan (id or name) is missing' }, suggestions: [] };
  const hits = pickBySteps(plans, q, PLAN_STEPS);
  if (hits.length === 1) return { ok: true, value: hits[0]! };
  if (hits.length > 1) {
    const list = hits.map(planLabel);
    return {
      ok: false,
      message: { zh: `「${query}」对应多个规划：${list.join('、')}；请写规划 id`, en: `"${query}" matches several plans: ${hits.map((p) => p.id).join(', ')}; give the plan id` },
      suggestions: hits.map((p) => p.id),
    };
  }
  const suggestions = closest(plans, q, (p) => [p.id, p.title.zh, p.region.zh, ...regionShortNames(p)], (p) => p.id);
  const known = suggestions.length > 0 ? suggestions : plans.map((p) => p.id);
  return {
    ok: false,
    message: {
      zh: `未知的规划「${query}」。${suggestions.length > 0 ? '最接近的' : '可选'}：${known.map((id) => planLabel(plans.find((p) => p.id === id)!)).join('、')}`,
      en: `unknown plan "${query}". ${suggestions.length > 0 ? 'Closest' : 'Known'}: ${known.join(', ')}`,
    },
    suggestions,
  };
}

function indicatorLabel(ind: Indicator): string {
  return `${ind.code ? `${ind.code} ` : ''}${ind.name.zh}（${ind.id}）`;
}

const INDICATOR_STEPS: ReadonlyArray<Step<Indicator>> = [
  (i, q) => normalizeName(i.id) === q,
  (i, q) => i.code !== undefined && normalizeName(i.code) === q,
  (i, q) => normalizeName(i.name.zh) === q || (i.name.en !== undefined && normalizeName(i.name.en) === q),
  (i, q) => normalizeName(i.name.zh).startsWith(q),
  (i, q) => normalizeName(i.name.zh).includes(q),
];

/** An indicator of a plan by id, code (B1), name (exact), a prefix of its name, or a piece only it has. */
export function resolveIndicator(plan: Plan, query: string): Resolved<IndicatorRef> {
  const q = normalizeName(query);
  if (q === '') return { ok: false, message: { zh: '缺少指标（id、编号或名称）', en: 'the indicator (id, code or name) is missing' }, suggestions: [] };
  const hits = pickBySteps(allIndicators(plan), q, INDICATOR_STEPS);
  if (hits.length === 1) {
    const indicator = hits[0]!;
    const section = plan.sections.find((s) => s.indicators.includes(indicator))!;
    return { ok: true, value: { plan, section, indicator } };
  }
  if (hits.length > 1) {
    const shown = hits.slice(0, 8);
    return {
      ok: false,
      message: {
        zh: `「${query}」对应规划「${plan.id}」中的多个指标：${shown.map(indicatorLabel).join('、')}${hits.length > shown.length ? ' …' : ''}；请写指标 id 或编号`,
        en: `"${query}" matches several indicators of ${plan.id}: ${shown.map((i) => i.id).join(', ')}${hits.length > shown.length ? ' …' : ''}; give the indicator id or code`,
      },
      suggestions: hits.map((i) => i.id),
    };
  }
  const suggestions = closest(allIndicators(plan), q, (i) => [i.id, i.code ?? '', i.name.zh], (i) => i.id);
  const byId = new Map(allIndicators(plan).map((i) => [i.id, i]));
  return {
    ok: false,
    message: {
      zh: `规划「${plan.id}」中没有指标「${query}」${suggestions.length > 0 ? `。最接近的：${suggestions.map((id) => indicatorLabel(byId.get(id)!)).join('、')}` : ''}`,
      en: `no indicator "${query}" in plan ${plan.id}${suggestions.length > 0 ? `. Closest: ${suggestions.join(', ')}` : ''}`,
    },
    suggestions,
  };
}
