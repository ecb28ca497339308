/**
 * What a template's input ids mean to validation. The template's own model (src/core/template/
 * model.ts) decides which inputs a template collects and how a `direct` indicator's typed value
 * is checked (its kind, its min/max); validation reads exactly that, so a data-validation rule in
 * the template and a check here never disagree.
 */
import type { Indicator, Level, Plan } from '../plan/schema';
import { allIndicators, findIndicator } from '../plan/registry';
import { carriedInputModels, templateModel, type InputModel } from '../template/model';

export interface Field extends InputModel {
  /** Set when the field is a `direct` indicator's own value. */
  indicator?: Indicator;
}

/** Whether a number in this field must be whole: counts, except a carried return's sums. */
export function wholeRequired(field: Field): boolean {
  return field.kind === 'count' && field.fractional !== true;
}

// Fields per plan object and (indicators, year, level, carried): every return of one round asks
// the same, and building the template model behind them was a sixth of validating a file. Shared,
// so read-only.
const cache = new WeakMap<Plan, Map<string, ReadonlyMap<string, Field>>>();
const CACHE_PER_PLAN = 16;

/**
 * The fields of a template over `indicatorIds` (every indicator when empty) for a year and level;
 * `carried`: a region's return carried up from a consolidation, whose counts may be fractional.
 * Computed once per plan object and arguments; the map is shared: never change it.
 */
export function fieldsOf(plan: Plan, indicatorIds: readonly string[], year?: number, level?: Level, carried = false): ReadonlyMap<string, Field> {
  // A decoded template's indicator list is frozen and shared by its returns: found by identity.
  const shared = Object.isFrozen(indicatorIds);
  const mine = shared ? byIds.get(indicatorIds)?.find((e) => e.plan === plan && e.year === year && e.level === level && e.carried === carried) : undefined;
  if (mine) return mine.fields;
  const fields = keyedFields(plan, indicatorIds, year, level, carried);
  if (shared) {
    let list = byIds.get(indicatorIds);
    if (!list) byIds.set(indicatorIds, (list = []));
    if (list.length >= CACHE_PER_PLAN) list.shift();
    list.push({ plan, year, level, carried, fields });
  }
  return fields;
}

const byIds = new WeakMap<readonly string[], Array<{ plan: Plan; year?: number; level?: Level; carried: boolean; fields: ReadonlyMap<string, Field> }>>();

function keyedFields(plan: Plan, indicatorIds: readonly string[], year: number | undefined, level: Level | undefined, carried: boolean): ReadonlyMap<string, Field> {
  let perPlan = cache.get(plan);
  if (!perPlan) cache.set(plan, (perPlan = new Map()));
  const key = JSON.stringify([indicatorIds, year ?? null, level ?? null, carried]);
  let out = perPlan.get(key);
  if (out === undefined) {
    out = buildFields(plan, indicatorIds, year, level, carried);
    if (perPlan.size >= CACHE_PER_PLAN) perPlan.delete(perPlan.keys().next().value as string);
    perPlan.set(key, out);
  }
  return out;
}

function buildFields(plan: Plan, indicatorIds: readonly string[], year: number | undefined, level: Level | undefined, carried: boolean): Map<string, Field> {
  const chosen = indicatorIds.length > 0 ? indicatorIds.map((id) => findIndicator(plan, id)?.indicator).filter((i): i is Indicator => i !== undefined) : allIndicators(plan);
  const indicators = chosen.length > 0 ? chosen : allIndicators(plan);
  // requireLevel = false: a returned file is read as it is, even when its level is ambiguous.
  // Without a level the template covers every stage and asks per-stage inputs (pupils.primary …).
  const modelled: InputModel[] = templateModel(plan, indicators, year, level, false, new Set(), level === undefined).inputs;
  const inputs = carried ? carriedInputModels(modelled) : modelled;
  const out = new Map<string, Field>();
  const byId = new Map(indicators.map((i) => [i.id, i]));
  for (const input of inputs) out.set(input.id, input.directOf ? { ...input, indicator: byId.get(input.directOf) } : input);
  // Inputs the plan declares but the chosen indicators do not use (a relative target's reference …) are still read.
  for (const input of plan.inputs) {
    if (!out.has(input.id)) {
      out.set(input.id, {
        id: input.id,
        name: { zh: input.name.zh, en: input.name.en ?? input.name.zh },
        kind: input.kind,
        unit: input.unit,
        min: input.min,
        max: input.max,
        allowMissing: input.allowMissing,
        required: input.required,
        ...(carried && input.kind === 'count' ? { fractional: true } : {}),
      });
    }
  }
  return out;
}
