// The per-cell validation as it was before the check pipeline and the columnar path (commit 32f7231),
// frozen as the oracle of test/core/validate/columnar.test.ts. Not product code.
/**
 * 提示性审核 (soft checks): numbers that may be right but need a 说明.
 *
 *  - change from the baseline, when the plan bounds it (`range.maxChange`);
 *  - change from the previous year's value of the same unit (given by the caller), bounded by
 *    the plan's `maxChange` or, failing that, DEFAULT_MAX_CHANGE;
 *  - a unit far from its peers in a unit table: the robust z-score of Iglewicz & Hoaglin,
 *    z = 0.6745 (x − median) / MAD, flagged beyond 3.5. With MAD = 0 (more than half the units
 *    equal) the mean absolute deviation stands in (z = (x − median) / (1.2533 · meanAD)), so one
 *    odd unit among identical ones is still found; all equal → nothing to flag.
 */
import type { Indicator, MeasureKind } from '../../../../src/core/plan/schema';
import type { DraftIssue } from '../../../../src/core/validate/issues';
import type { IndicatorValue } from './indicators';

export interface PlausibilityOptions {
  /** Robust z-score beyond which a unit is an outlier (default 3.5). */
  outlierZ: number;
  /** Fewer units than this with a value: no peer comparison (default 5). */
  minPeers: number;
}

export const DEFAULT_PLAUSIBILITY: PlausibilityOptions = { outlierZ: 3.5, minPeers: 5 };

/**
 * Year-on-year change accepted without a 说明 when the plan gives no `maxChange`: 10 percentage
 * points for rates, 0.2 for a coefficient, half the previous value for everything else.
 */
export const DEFAULT_MAX_CHANGE: Readonly<Partial<Record<MeasureKind, number>>> = { rate: 10, grossRatio: 10, coefficient: 0.2 };
export const DEFAULT_RELATIVE_CHANGE = 0.5;

function maxChangeOf(ind: Indicator, reference: number): number {
  return ind.range?.maxChange ?? DEFAULT_MAX_CHANGE[ind.kind] ?? Math.max(DEFAULT_RELATIVE_CHANGE * Math.abs(reference), 1);
}

function locOf(v: IndicatorValue) {
  return {
    sheet: v.at?.sheet,
    cell: v.at?.cell,
    unit: v.unit,
    unitIndex: v.unitIndex,
    indicator: v.indicator.id,
    ...(v.indicator.compute.kind === 'direct' ? { input: v.indicator.id } : {}),
    ...(v.inputCells ? { inputCells: v.inputCells } : {}),
  };
}

function round(x: number, p: number): number {
  return Number(x.toFixed(Math.min(10, p + 2)));
}

/** Change from the plan's baseline (only where the plan bounds it, and the baseline is a number, not `>100`). */
export function checkBaselineChange(v: IndicatorValue): DraftIssue | undefined {
  const ind = v.indicator;
  const b = ind.baseline;
  const maxChange = ind.range?.maxChange;
  if (v.rounded === null || v.inputsBad || !b || b.qualifier !== '=' || maxChange === undefined || ind.kind === 'boolean') return undefined;
  const change = round(v.rounded - b.value, v.precision);
  if (Math.abs(change) <= maxChange) return undefined;
  return {
    ...locOf(v),
    code: 'change-from-baseline',
    params: { number: v.rounded, baseline: b.value, baselineYear: b.year, change, maxChange },
    value: v.rounded,
    expected: `${b.value} ± ${maxChange}`,
  };
}

/** Change from last year's value of the same unit and indicator. */
export function checkPreviousChange(v: IndicatorValue, previous: number | undefined): DraftIssue | undefined {
  if (v.rounded === null || v.inputsBad || previous === undefined || !Number.isFinite(previous) || v.indicator.kind === 'boolean') return undefined;
  const maxChange = maxChangeOf(v.indicator, previous);
  const change = round(v.rounded - previous, v.precision);
  if (Math.abs(change) <= maxChange) return undefined;
  return {
    ...locOf(v),
    code: 'change-from-previous',
    params: { number: v.rounded, previous, change, maxChange: round(maxChange, v.precision) },
    value: v.rounded,
    expected: `${previous} ± ${round(maxChange, v.precision)}`,
  };
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Robust z-scores of a list (NaN-free: 0 where the spread is 0). Exposed for tests and the bench. */
export function robustZ(values: readonly number[]): { median: number; z: number[] } {
  const sorted = [...values].sort((a, b) => a - b);
  const m = median(sorted);
  const dev = values.map((x) => Math.abs(x - m)).sort((a, b) => a - b);
  const mad = median(dev);
  let scale: number;
  if (mad > 0) scale = mad / 0.6745;
  else {
    const meanAd = dev.reduce((s, d) => s + d, 0) / dev.length;
    scale = 1.2533 * meanAd;
  }
  return { median: m, z: values.map((x) => (scale > 0 ? (x - m) / scale : 0)) };
}

/** Peer outliers among the units of one indicator (one value per unit, as in a unit table). */
export function checkPeers(values: readonly IndicatorValue[], opts: PlausibilityOptions): DraftIssue[] {
  // Values whose inputs were already reported are neither judged nor used as peers.
  const withValue = values.filter((v): v is IndicatorValue & { rounded: number } => v.rounded !== null && !v.inputsBad);
  if (withValue.length < opts.minPeers) return [];
  const ind = withValue[0]!.indicator;
  if (ind.kind === 'boolean') return [];
  const { median: m, z } = robustZ(withValue.map((v) => v.rounded));
  const issues: DraftIssue[] = [];
  withValue.forEach((v, i) => {
    const score = z[i]!;
    if (Math.abs(score) <= opts.outlierZ) return;
    issues.push({
      ...locOf(v),
      code: 'peer-outlier',
      params: { number: v.rounded, median: round(m, v.precision), score: Number(score.toFixed(2)), threshold: opts.outlierZ, peers: withValue.length - 1 },
      value: v.rounded,
      expected: `≈ ${round(m, v.precision)}`,
    });
  });
  return issues;
}
