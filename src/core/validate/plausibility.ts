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
import type { Indicator, MeasureKind } from '../plan/schema';
import type { DraftIssue } from './issues';
import type { SheetTable } from './columns';
import { indicatorLocation, type IndicatorColumn } from './indicators';

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

/** What the plausibility checks read: indicator columns over the active units. */
export interface PlausibilityInputs {
  active: readonly number[];
  units: ReadonlyArray<{ index: number; name: string }>;
  sheets: SheetTable;
}

function round(x: number, p: number): number {
  return Number(x.toFixed(Math.min(10, p + 2)));
}

/** Change from the plan's baseline (only where the plan bounds it, and the baseline is a number, not `>100`). */
export function checkBaselineChange(col: IndicatorColumn, x: PlausibilityInputs): DraftIssue[] {
  const ind = col.plan.indicator;
  const b = ind.baseline;
  const maxChange = ind.range?.maxChange;
  if (!b || b.qualifier !== '=' || maxChange === undefined || ind.kind === 'boolean') return [];
  const issues: DraftIssue[] = [];
  for (const k of x.active) {
    const rounded = col.rounded[k]!;
    if (Number.isNaN(rounded) || col.inputsBad[k]) continue;
    const change = round(rounded - b.value, col.plan.precision);
    if (Math.abs(change) <= maxChange) continue;
    issues.push({
      ...indicatorLocation(col, k, x.sheets, x.units[k]!),
      code: 'change-from-baseline',
      params: { number: rounded, baseline: b.value, baselineYear: b.year, change, maxChange },
      value: rounded,
      expected: `${b.value} ± ${maxChange}`,
    });
  }
  return issues;
}

/** Change from last year's value of the same unit and indicator (`previous`: unit name + indicator → value). */
export function checkPreviousChange(col: IndicatorColumn, previous: ReadonlyMap<string, number>, x: PlausibilityInputs): DraftIssue[] {
  const ind = col.plan.indicator;
  if (previous.size === 0 || ind.kind === 'boolean') return [];
  const issues: DraftIssue[] = [];
  const p = col.plan.precision;
  for (const k of x.active) {
    const rounded = col.rounded[k]!;
    if (Number.isNaN(rounded) || col.inputsBad[k]) continue;
    const before = previous.get(`${x.units[k]!.name}\u0000${col.id}`);
    if (before === undefined || !Number.isFinite(before)) continue;
    const maxChange = maxChangeOf(ind, before);
    const change = round(rounded - before, p);
    if (Math.abs(change) <= maxChange) continue;
    issues.push({
      ...indicatorLocation(col, k, x.sheets, x.units[k]!),
      code: 'change-from-previous',
      params: { number: rounded, previous: before, change, maxChange: round(maxChange, p) },
      value: rounded,
      expected: `${before} ± ${round(maxChange, p)}`,
    });
  }
  return issues;
}

function median(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Robust z-scores of a list (NaN-free: 0 where the spread is 0). Exposed for tests and the bench. */
export function robustZ(values: ArrayLike<number>): { median: number; z: number[] } {
  // Typed arrays sort numerically without a comparator call per step.
  const sorted = Float64Array.from(values).sort();
  const m = median(sorted);
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs(values[i]! - m);
  dev.sort();
  const mad = median(dev);
  let scale: number;
  if (mad > 0) scale = mad / 0.6745;
  else {
    let sum = 0;
    for (let i = 0; i < dev.length; i++) sum += dev[i]!;
    scale = 1.2533 * (sum / dev.length);
  }
  const z = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) z[i] = scale > 0 ? (values[i]! - m) / scale : 0;
  return { median: m, z };
}

/** Peer outliers among the units of one indicator (one value per unit, as in a unit table). */
export function checkPeers(col: IndicatorColumn, opts: PlausibilityOptions, x: PlausibilityInputs): DraftIssue[] {
  if (col.plan.indicator.kind === 'boolean') return [];
  // Values whose inputs were already reported are neither judged nor used as peers.
  const judged: number[] = [];
  for (const k of x.active) if (!Number.isNaN(col.rounded[k]!) && !col.inputsBad[k]) judged.push(k);
  if (judged.length < opts.minPeers) return [];
  const values = judged.map((k) => col.rounded[k]!);
  const { median: m, z } = robustZ(values);
  const issues: DraftIssue[] = [];
  const p = col.plan.precision;
  judged.forEach((k, i) => {
    const score = z[i]!;
    if (Math.abs(score) <= opts.outlierZ) return;
    const number = values[i]!;
    issues.push({
      ...indicatorLocation(col, k, x.sheets, x.units[k]!),
      code: 'peer-outlier',
      params: { number, median: round(m, p), score: Number(score.toFixed(2)), threshold: opts.outlierZ, peers: judged.length - 1 },
      value: number,
      expected: `≈ ${round(m, p)}`,
    });
  });
  return issues;
}
