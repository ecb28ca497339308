/**
 * The 接近 (near) band.
 *
 * TOLERANCE RULE: the band is an absolute width in the indicator's unit,
 *     band = ROUND(MAX(absolute, relative × ABS(t)), p)
 * where {absolute, relative} is the first tolerance found among: the caller's override, the
 * indicator's `tolerance`, the plan's `tolerance`, DEFAULT_TOLERANCE (5 % of the target); a missing
 * part counts as 0, t is the target value (the violated bound for a range) and p the precision.
 * A value is 接近 when it does not meet the target and its gap ≤ band:
 *     Excel: IF(gap=0,"达标",IF(gap<=band,"接近","未达标"))
 * Yes/no targets have no band (0). An override given as a plain number is an absolute width.
 */
import type { Indicator, Plan, Tolerance } from '../plan/schema';
import { precisionOf, targetNumbers } from './precision';
import { roundTo } from './round';

export const DEFAULT_TOLERANCE: Readonly<Tolerance> = { relative: 0.05 };

/** The tolerance that applies (override → indicator → plan → default). */
export function toleranceOf(indicator: Pick<Indicator, 'tolerance'>, plan?: Pick<Plan, 'tolerance'>, override?: number | Tolerance): Tolerance {
  if (typeof override === 'number') return { absolute: Math.max(0, override) };
  return override ?? indicator.tolerance ?? plan?.tolerance ?? { ...DEFAULT_TOLERANCE };
}

/** MAX(absolute, relative × |t|) rounded to p: the rule above with the tolerance already chosen. */
export function bandWidth(tol: Tolerance, targetValue: number, precision: number): number {
  const w = Math.max(tol.absolute ?? 0, (tol.relative ?? 0) * Math.abs(targetValue));
  return roundTo(Number.isFinite(w) ? w : 0, precision);
}

/**
 * The 接近 band of an indicator as an absolute width. `targetValue` defaults to the first numeric
 * target of the indicator (give it when the year/level picks another one).
 */
export function toleranceBand(indicator: Indicator, plan?: Pick<Plan, 'tolerance'>, override?: number | Tolerance, targetValue?: number): number {
  if (indicator.kind === 'boolean' || indicator.targets.every((t) => t.comparator === 'bool')) return 0;
  const t = targetValue ?? indicator.targets.flatMap(targetNumbers)[0] ?? 0;
  return bandWidth(toleranceOf(indicator, plan, override), t, precisionOf(indicator));
}
