// The per-cell validation as it was before the check pipeline and the columnar path (commit 32f7231),
// frozen as the oracle of test/core/validate/columnar.test.ts. Not product code.
/**
 * Indicator values per unit, computed by src/core/evaluate from the coerced inputs (never a rule
 * of our own), and the checks on those values: hard ranges (a net rate cannot exceed 100, the
 * plan's min/max), the soft bound of a gross ratio, and a denominator of 0 under a non-zero
 * numerator. Values are compared at the indicator's display precision, like pass/fail.
 *
 * What does not depend on the unit — inputs, precision, bounds, the target that applies and its
 * 接近 band — is worked out once per indicator (`planIndicator`), so a table of 5,000 schools
 * costs one computation and one status per cell.
 */
import type { Coerced } from '../../../../src/core/coerce';
import { impossibleAbove } from '../../../../src/core/evaluate/status';
import {
  bandWidth,
  computeIndicator,
  evaluate,
  precisionOf,
  resolveTarget,
  roundTo,
  status as statusOf,
  toleranceOf,
  type Computed,
  type Status,
  type Threshold,
} from '../../../../src/core/evaluate';
import type { Indicator, Level, Plan } from '../../../../src/core/plan/schema';
import type { CellRef, DraftIssue, IssueLocation } from '../../../../src/core/validate/issues';
import { rangeText, type Reading } from './read';

/** The soft upper bound of a gross ratio when the plan gives none (毛入园率 150% is already extraordinary). */
export const DEFAULT_GROSS_PLAUSIBLE_MAX = 150;

export interface CellAt {
  sheet: string;
  cell: string;
  /** The cell's row and column, when already known (saves parsing `cell`). */
  row?: number;
  col?: number;
}

export interface IndicatorValue {
  unitIndex: number;
  unit: string;
  indicator: Indicator;
  computed: Computed;
  /** The core's value (unrounded); null when missing or not computable. */
  value: number | null;
  /** At the indicator's precision: what ranges and statuses are decided on. */
  rounded: number | null;
  precision: number;
  status?: Status;
  /** Where the value shows: the template's computed cell, or the input typed for a direct indicator. */
  at?: CellAt;
  /** An input it is computed from was already reported as wrong. */
  inputsBad: boolean;
  /** An input it is computed from was typed as text (the template's formulas read only true numbers). */
  inputsText: boolean;
  /** The input cells it is computed from, when they are not just its own cell: where a fix is typed. */
  inputCells?: CellRef[];
}

export interface IndicatorContext {
  plan: Plan;
  year?: number;
  level?: Level;
  /** The cell showing an indicator's value for a unit, when the template has one. */
  valueCell(unitIndex: number, indicator: string): CellAt | undefined;
  /** Also compute 达标/接近/未达标 (skipped by callers that only want issues). */
  withStatus: boolean;
}

/** Inputs already reported for this unit (content, or a violated relation): their values are not reported again. */
export type Implicated = ReadonlySet<string>;

/** What is the same for every unit: worked out once per indicator and template. */
export interface IndicatorPlan {
  indicator: Indicator;
  numerator: readonly string[];
  denominator: readonly string[];
  all: readonly string[];
  precision: number;
  min?: number;
  max?: number;
  netRate: boolean;
  plausibleMax?: number;
  /**
   * How the status is decided: a constant (no target, a placeholder), a fixed threshold with its
   * band, or — for a relative target (its reference is per unit) and a range (its band depends on
   * the side missed) — the full `evaluate`.
   */
  status: { constant: Status } | { threshold: Threshold; band: number } | 'evaluate';
  /** The input holding a relative target's reference value. */
  referenceInput?: string;
  /** Status by rounded value: the status depends on nothing else for a fixed threshold. */
  statusCache: Map<number, Status>;
}

export function planIndicator(ind: Indicator, plan: Plan, year?: number, level?: Level): IndicatorPlan {
  const c = ind.compute;
  const numerator = c.kind === 'ratio' ? c.numerator : c.kind === 'sum' ? c.inputs : [ind.id];
  const denominator = c.kind === 'ratio' ? c.denominator : [];
  const precision = precisionOf(ind);
  const netRate = ind.kind === 'rate';
  let status: IndicatorPlan['status'] = 'evaluate';
  let referenceInput: string | undefined;
  const resolved = resolveTarget(ind, { year, level });
  if (!resolved.ok) status = { constant: 'unknownTarget' };
  else {
    const { target, threshold, missing } = resolved.value;
    if (target.comparator === 'relative') referenceInput = target.reference.input;
    else if (threshold === null) status = { constant: missing === 'placeholder' ? 'unknownTarget' : 'noData' };
    else if (threshold.op !== 'between') {
      const band = threshold.op === 'bool' ? 0 : bandWidth(toleranceOf(ind, plan), threshold.value, precision);
      status = { threshold, band };
    }
  }
  return {
    indicator: ind,
    numerator,
    denominator,
    all: [...numerator, ...denominator],
    precision,
    min: ind.range?.min,
    max: ind.range?.max ?? (netRate ? 100 : undefined),
    netRate,
    plausibleMax: ind.kind === 'grossRatio' ? (ind.range?.plausibleMax ?? DEFAULT_GROSS_PLAUSIBLE_MAX) : undefined,
    status,
    referenceInput,
    statusCache: new Map(),
  };
}

/** The status of a computed value (exported for the test that holds it equal to `evaluate`). */
export function statusFor(p: IndicatorPlan, computed: Computed, coerced: Readonly<Record<string, Coerced>>, ctx: IndicatorContext, roundedValue?: number): Status {
  const s = p.status;
  if (s !== 'evaluate' && 'constant' in s) return s.constant;
  if (s !== 'evaluate') {
    if (computed.kind !== 'number') return 'noData';
    // The gap is taken on the value rounded to the precision, so equal rounded values share a status.
    const rounded = roundedValue ?? roundTo(computed.value, p.precision);
    // evaluate.ts (since the rule changed): a net rate above 100 % is 数据有误 (status 无数据), never 达标.
    const max = impossibleAbove(p.indicator.kind);
    if (max !== undefined && rounded > max) return 'noData';
    let out = p.statusCache.get(rounded);
    if (out === undefined) {
      out = statusOf({ kind: 'number', value: computed.value, normalized: false }, s.threshold, { precision: p.precision, band: s.band });
      if (p.statusCache.size < 10_000) p.statusCache.set(rounded, out);
    }
    return out;
  }
  const actual: Coerced = computed.kind === 'number' ? { kind: 'number', value: computed.value, normalized: false } : { kind: 'missing', code: 'blank' };
  return evaluate(p.indicator, actual, {
    plan: ctx.plan,
    year: ctx.year,
    level: ctx.level,
    reference: p.referenceInput !== undefined ? coerced[p.referenceInput] : undefined,
  }).status;
}

/** Computes one unit's indicator and checks the value. */
export function checkIndicator(
  p: IndicatorPlan,
  unit: { index: number; name: string },
  readings: ReadonlyMap<string, Reading>,
  coerced: Readonly<Record<string, Coerced>>,
  ctx: IndicatorContext,
  implicated: Implicated = new Set(),
): { value: IndicatorValue; issues?: DraftIssue[] } {
  const ind = p.indicator;
  const computed = computeIndicator(ctx.plan, ind, coerced);
  const number = computed.kind === 'number' ? computed.value : null;
  // roundTo leaves whole numbers alone; skipping it for them only saves time.
  const rounded = number === null ? null : Number.isInteger(number) ? number : roundTo(number, p.precision);
  let inputsBad = false;
  let inputsText = false;
  let first: Reading | undefined;
  for (const id of p.all) {
    const r = readings.get(id);
    if (!r) continue;
    first ??= r;
    if (r.bad || implicated.has(id)) inputsBad = true;
    if (typeof r.raw === 'string') inputsText = true;
  }
  const at = ctx.valueCell(unit.index, ind.id) ?? (first ? { sheet: first.sheet, cell: first.cell } : undefined);
  const value: IndicatorValue = { unitIndex: unit.index, unit: unit.name, indicator: ind, computed, value: number, rounded, precision: p.precision, at, inputsBad, inputsText };
  const inputCells = [...new Set(p.all)].flatMap((id) => {
    const r = readings.get(id);
    return r ? [{ input: id, sheet: r.sheet, cell: r.cell }] : [];
  });
  if (inputCells.length > 0 && !(inputCells.length === 1 && inputCells[0]!.sheet === at?.sheet && inputCells[0]!.cell === at?.cell)) value.inputCells = inputCells;
  if (ctx.withStatus) value.status = statusFor(p, computed, coerced, ctx, rounded ?? undefined);

  const zeroDen = computed.kind === 'error' && computed.issue.code === 'zero-denominator' && !inputsBad;
  const outside = rounded !== null && !inputsBad && ((p.max !== undefined && rounded > p.max) || (p.min !== undefined && rounded < p.min));
  const implausible = rounded !== null && !inputsBad && !outside && p.plausibleMax !== undefined && rounded > p.plausibleMax;
  if (!zeroDen && !outside && !implausible) return { value };

  const issues: DraftIssue[] = [];
  const loc: IssueLocation = { sheet: at?.sheet, cell: at?.cell, unit: unit.name, unitIndex: unit.index, indicator: ind.id };
  // A direct indicator's value is its own input: name the input too, so messages and fixes point at it.
  if (ind.compute.kind === 'direct') loc.input = ind.id;
  if (value.inputCells) loc.inputCells = value.inputCells;
  if (zeroDen) {
    let num = 0;
    for (const id of p.numerator) {
      const c = coerced[id];
      if (c?.kind === 'number') num += c.value;
    }
    if (num !== 0) {
      const denominators = p.denominator
        .map((id) => readings.get(id))
        .filter((r): r is Reading => r !== undefined)
        .map((r) => ({ input: r.field.id, sheet: r.sheet, cell: r.cell }));
      const den = readings.get(p.denominator[0] ?? '');
      // Located at a denominator input, which is the cell to fix: no list of input cells.
      const { inputCells: _all, ...where } = loc;
      void _all;
      issues.push({
        ...where,
        ...(den ? { sheet: den.sheet, cell: den.cell, input: den.field.id } : {}),
        code: 'zero-denominator',
        params: { numerator: num, denominators },
        value: 0,
        expected: '> 0',
      });
    }
  } else if (outside) {
    const { min, max } = p;
    issues.push({
      ...loc,
      code: 'out-of-range',
      params: { number: rounded!, min, max, of: 'indicator', netRate: p.netRate && max === 100 && rounded! > max },
      value: rounded,
      expected: rangeText(min, max),
    });
  } else if (implausible) {
    issues.push({ ...loc, code: 'gross-ratio-implausible', params: { number: rounded!, plausibleMax: p.plausibleMax! }, value: rounded, expected: `≤ ${p.plausibleMax}` });
  }
  return { value, issues };
}
