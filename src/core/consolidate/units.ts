/**
 * One unit's indicators from its inputs, with the same core functions a single return uses:
 * `computeIndicator` (统计口径), `evaluate` (target, gap, status) and, for 优质均衡 plans,
 * `balancedSchool` (6 of 7 meeting, none below 85 %).
 */
import { balancedSchool } from '../balance/school';
import type { Coerced } from '../coerce';
import { computeIndicator } from '../evaluate/compute';
import { evaluate } from '../evaluate/evaluate';
import { Level, type Indicator, type Plan } from '../plan/schema';
import type { Status } from '../evaluate/status';
import type { BalancedResult, IndicatorResult, InputRead } from './types';

export function asLevel(level: string | undefined): Level | undefined {
  if (level === undefined || level === '') return undefined;
  const parsed = Level.safeParse(level);
  return parsed.success ? parsed.data : undefined;
}

/** Input reads as the coerced values computeIndicator takes. */
export function coercedInputs(inputs: Readonly<Record<string, InputRead | number | null>>): Record<string, Coerced> {
  const out: Record<string, Coerced> = {};
  for (const [id, r] of Object.entries(inputs)) {
    if (typeof r === 'number') out[id] = { kind: 'number', value: r, normalized: false };
    else if (r === null) out[id] = { kind: 'missing', code: 'blank' };
    else if (r.value !== null) out[id] = { kind: 'number', value: r.value, normalized: false };
    else if (r.invalid) out[id] = { kind: 'error', message: { zh: '无效值', en: 'invalid value' }, raw: '' };
    else out[id] = { kind: 'missing', code: r.missing ?? 'blank' };
  }
  return out;
}

/** The reference value of a relative target (当地公务员工资 …) from the unit's own inputs. */
function referenceOf(ind: Indicator, inputs: Record<string, Coerced>): number | undefined {
  for (const t of ind.targets) {
    if (t.comparator === 'relative' && t.reference.input) {
      const c = inputs[t.reference.input];
      return c?.kind === 'number' ? c.value : undefined;
    }
  }
  return undefined;
}

/** An indicator's value and status for a value already computed (a unit's, or the region's). */
export function judge(plan: Plan, ind: Indicator, value: number | null, level: string, year: number | undefined, reference?: number) {
  return evaluate(ind, value, { plan, year, level: asLevel(level), reference });
}

export function unitIndicators(
  plan: Plan,
  indicators: readonly Indicator[],
  inputs: Readonly<Record<string, InputRead>>,
  level: string,
  year: number | undefined,
): Record<string, IndicatorResult> {
  const coerced = coercedInputs(inputs);
  const out: Record<string, IndicatorResult> = {};
  for (const ind of indicators) {
    const c = computeIndicator(plan, ind, coerced);
    const value = c.kind === 'number' ? c.value : null;
    const reference = referenceOf(ind, coerced);
    const ev = reference === undefined ? judgedOnce(plan, ind, value, level, year) : judge(plan, ind, value, level, year, reference);
    out[ind.id] = ev.invalid ? { value, status: ev.status, invalid: true } : { value, status: ev.status };
  }
  return out;
}

/**
 * `judge` without a reference is a pure function of (plan, indicator, value, level, year): the
 * units of a round share many values (yes/no, counts, the same ratios), so each status is kept
 * per plan and indicator object (bounded, cleared when full).
 */
const judgedCache = new WeakMap<Plan, WeakMap<Indicator, Map<string, { status: Status; invalid?: boolean }>>>();

function judgedOnce(plan: Plan, ind: Indicator, value: number | null, level: string, year: number | undefined): { status: Status; invalid?: boolean } {
  if (value !== null && Object.is(value, -0)) return judge(plan, ind, value, level, year);
  let byInd = judgedCache.get(plan);
  if (!byInd) judgedCache.set(plan, (byInd = new WeakMap()));
  let memo = byInd.get(ind);
  if (!memo) byInd.set(ind, (memo = new Map()));
  const key = `${level}\u0000${year ?? ''}\u0000${value === null ? 'null' : value}`;
  let hit = memo.get(key);
  if (!hit) {
    const ev = judge(plan, ind, value, level, year);
    hit = ev.invalid ? { status: ev.status, invalid: true } : { status: ev.status };
    if (memo.size >= 4096) memo.clear();
    memo.set(key, hit);
  }
  return hit;
}

/** The school rule of 优质均衡, when the plan has one for this level and the unit has its indicators. */
export function unitBalance(plan: Plan, level: string, indicators: Readonly<Record<string, IndicatorResult>>): BalancedResult | undefined {
  if (!plan.balance || (level !== '小学' && level !== '初中')) return undefined;
  if (!plan.balance.indicators.every((id) => id in indicators)) return undefined;
  const values: Record<string, number | null> = {};
  for (const id of plan.balance.indicators) values[id] = indicators[id]!.value;
  try {
    const r = balancedSchool(values, level, plan);
    return { met: r.meeting.length, below85: r.belowFloor.length, passes: r.balanced };
  } catch {
    return undefined; // a plan whose balance rule does not cover this level
  }
}
