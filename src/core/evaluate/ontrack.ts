/**
 * ON TRACK (进度): the value expected in a year on the straight path from the start point to the
 * target, and whether the actual is on it.
 *
 *   start = the previous stage target of the same level (2025 on the way to 2030), else the
 *           baseline {year, value}
 *   expected(y) = ROUND(b + (t − b) × (MIN(MAX(y, y0), y1) − y0) / (y1 − y0), p)
 *   before the target year: on track ⇔ ROUND(x,p) ≥ expected (path going up) or ≤ (going down);
 *   from the target year on: on track ⇔ the target is met (threshold rule, strictness included).
 * Flat paths (expected = t all along): a standing target (no year), a FLOOR (the start already meets
 * the target: keep it), or a range the start is already inside. A dated target without a start
 * point is an issue (no-baseline), as are yes/no and relative targets (no-path).
 */
import type { Indicator, Level } from '../plan/schema';
import { err, ok, type Result } from './errors';
import { precisionOf } from './precision';
import { roundTo } from './round';
import { pickByYear, resolveTarget, targetsFor, thresholdOf } from './target';
import { compareRounded, isMet, type Threshold } from './threshold';

export interface PathPoint {
  year: number;
  value: number;
}

export interface OnTrackResult {
  year: number;
  /** The value expected in `year` (rounded to the precision). */
  expected: number;
  onTrack: boolean;
  /** False for a straight path, true when expected = target all along. */
  flat: boolean;
  from: PathPoint | null;
  to: PathPoint | null;
  /** What the actual was compared with in `year`. */
  threshold: Threshold;
}

export interface OnTrackOptions {
  year: number;
  level?: Level;
  reference?: number;
  /** Replaces the indicator's baseline. */
  baseline?: PathPoint;
}

/** expected(y) of the rule above. */
export function expectedValue(from: PathPoint, to: PathPoint, year: number, precision: number): number {
  if (to.year <= from.year) return roundTo(to.value, precision);
  const y = Math.min(Math.max(year, from.year), to.year);
  return roundTo(from.value + ((to.value - from.value) * (y - from.year)) / (to.year - from.year), precision);
}

function singleValue(th: Threshold | null): number | undefined {
  return th && th.op !== 'bool' && th.op !== 'between' ? th.value : undefined;
}

export function onTrack(indicator: Indicator, actual: number, opts: OnTrackOptions): Result<OnTrackResult> {
  const resolved = resolveTarget(indicator, { year: opts.year, level: opts.level, reference: opts.reference });
  if (!resolved.ok) return resolved;
  const { target, threshold } = resolved.value;
  if (target.comparator === 'bool' || target.comparator === 'relative') {
    return err('no-path', '是/否目标和相对目标没有进度路径', 'yes/no and relative targets have no path to follow');
  }
  if (threshold === null) return err('target-missing', '目标未定，无法计算进度', 'the target is unknown: no path');
  if (threshold.op === 'bool') return err('no-path', '是/否目标没有进度路径', 'yes/no targets have no path');
  const p = precisionOf(indicator);
  const flat = (value: number): Result<OnTrackResult> =>
    ok({ year: opts.year, expected: roundTo(value, p), onTrack: isMet(actual, threshold, p), flat: true, from: null, to: null, threshold });
  const endValue = threshold.op === 'between' ? threshold.low : threshold.value;
  if (target.year === undefined) return flat(endValue);

  let start: PathPoint | undefined;
  const pool = targetsFor(indicator, opts.level);
  if (pool.ok) {
    const earlier = pool.value.filter((t) => t.year !== undefined && t.year < target.year!);
    const prev = pickByYear(earlier);
    const prevValue = prev ? singleValue(thresholdOf(prev, opts.reference).threshold) : undefined;
    if (prev?.year !== undefined && prevValue !== undefined) start = { year: prev.year, value: prevValue };
  }
  if (!start) {
    const b = opts.baseline ?? (indicator.baseline ? { year: indicator.baseline.year, value: indicator.baseline.value } : undefined);
    if (b) start = b;
  }
  if (!start) {
    return err('no-baseline', `指标 ${indicator.id} 没有基线，无法计算进度`, `indicator ${indicator.id} has no baseline to start the path from`);
  }
  if (isMet(start.value, threshold, p)) return flat(endValue);
  const end = threshold.op === 'between' ? (start.value < threshold.low ? threshold.low : threshold.high) : threshold.value;
  const to: PathPoint = { year: target.year, value: end };
  if (opts.year >= target.year || to.year <= start.year) {
    return ok({ year: opts.year, expected: roundTo(end, p), onTrack: isMet(actual, threshold, p), flat: false, from: start, to, threshold });
  }
  const expected = expectedValue(start, to, opts.year, p);
  const pathTh: Threshold = { op: end >= start.value ? '>=' : '<=', value: expected };
  return ok({ year: opts.year, expected, onTrack: compareRounded(roundTo(actual, p), pathTh), flat: false, from: start, to, threshold: pathTh });
}
