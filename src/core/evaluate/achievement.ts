/**
 * ACHIEVEMENT (完成度): progress from the baseline to the target, in percent, 1 decimal.
 *
 *   met (gap = 0)                        → 100
 *   otherwise                            → MIN(99.9, ROUND(100 × (1 − gap / D), 1))
 *   D = gap of the baseline itself        when the baseline does not meet the target
 *                                          (≥ t: D = t − b, so A = (x − b)/(t − b); ≤ t: D = b − t)
 *     = |t| (max |bound| for a range)     when there is no baseline, or the baseline already meets
 *                                          the target (a FLOOR such as 巩固率 98.7 → ≥ 96): then A is
 *                                          the share of the floor reached (x / t for ≥)
 *   D = 0 (target 0, nothing to scale by) → 0 when not met
 *   yes/no targets                        → 100 or 0
 * An unmet target never shows 100 (capped at 99.9) and never goes below 0: a value that moved
 * away from the target (worse than the baseline) is 0 and flagged `regressed` (templates and
 * `eval` label it 较基期倒退, never −2533 %). Without a baseline it is the share of the target
 * reached (x / t for ≥), also clamped at 0. A baseline written with a qualifier (>100) uses its
 * number (100).
 * `achievementBase` returns D so a template can write it as a literal.
 */
import { roundTo } from './round';
import { explicitPrecision, gap, type Threshold } from './threshold';

export const ACHIEVEMENT_PRECISION = 1;

/** D in the rule above; null for yes/no targets or when D would be 0. */
export function achievementBase(threshold: Threshold, baseline: number | null | undefined, precision?: number): number | null {
  if (threshold.op === 'bool') return null;
  const p = precision ?? explicitPrecision(threshold);
  if (baseline !== null && baseline !== undefined && Number.isFinite(baseline)) {
    const gb = gap(baseline, threshold, p);
    if (gb > 0) return gb;
  }
  const d = threshold.op === 'between' ? Math.max(Math.abs(threshold.low), Math.abs(threshold.high)) : Math.abs(threshold.value);
  return d > 0 ? d : null;
}

/** How a moved-away value is labelled where the achievement would show. */
export const REGRESSED_LABEL = { zh: '较基期倒退', en: 'worse than baseline' } as const;

/** True when D is the baseline's own gap (progress is measured from the baseline). */
export function achievementFromBaseline(threshold: Threshold, baseline: number | null | undefined, precision?: number): boolean {
  if (threshold.op === 'bool' || baseline === null || baseline === undefined || !Number.isFinite(baseline)) return false;
  return gap(baseline, threshold, precision ?? explicitPrecision(threshold)) > 0;
}

/** Achievement in percent and whether the value moved away from the target since the baseline. */
export function achievementDetail(actual: number, baseline: number | null | undefined, threshold: Threshold, precision?: number): { value: number; regressed: boolean } {
  const p = precision ?? explicitPrecision(threshold);
  const g = gap(actual, threshold, p);
  if (g === 0) return { value: 100, regressed: false };
  if (threshold.op === 'bool') return { value: 0, regressed: false };
  const d = achievementBase(threshold, baseline, p);
  if (d === null) return { value: 0, regressed: false };
  const a = roundTo(100 * (1 - g / d), ACHIEVEMENT_PRECISION);
  if (a < 0) return { value: 0, regressed: achievementFromBaseline(threshold, baseline, p) };
  return { value: Math.min(99.9, a === 0 ? 0 : a), regressed: false };
}

/** Achievement in percent (see the module comment). */
export function achievement(actual: number, baseline: number | null | undefined, threshold: Threshold, precision?: number): number {
  return achievementDetail(actual, baseline, threshold, precision).value;
}
