/**
 * Indicator values per unit, computed by src/core/evaluate from the coerced inputs (never a rule
 * of our own), and the checks on those values: hard ranges (a net rate cannot exceed 100, the
 * plan's min/max), the soft bound of a gross ratio, and a denominator of 0 under a non-zero
 * numerator. Values are compared at the indicator's display precision, like pass/fail.
 */
import type { Coerced } from '../coerce';
import { computeIndicator, precisionOf, roundTo, evaluate, type Computed, type Status } from '../evaluate';
import type { Indicator, Level, Plan } from '../plan/schema';
import type { DraftIssue, IssueLocation } from './issues';
import { rangeText, type Reading } from './read';

/** The soft upper bound of a gross ratio when the plan gives none (毛入园率 150% is already extraordinary). */
export const DEFAULT_GROSS_PLAUSIBLE_MAX = 150;

export interface CellAt {
  sheet: string;
  cell: string;
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

function inputIdsOf(ind: Indicator): { numerator: string[]; denominator: string[]; all: string[] } {
  const c = ind.compute;
  if (c.kind === 'ratio') return { numerator: c.numerator, denominator: c.denominator, all: [...c.numerator, ...c.denominator] };
  if (c.kind === 'sum') return { numerator: c.inputs, denominator: [], all: c.inputs };
  return { numerator: [ind.id], denominator: [], all: [ind.id] };
}

/** Computes one unit's indicator and checks the value. */
export function checkIndicator(
  ind: Indicator,
  unit: { index: number; name: string },
  readings: ReadonlyMap<string, Reading>,
  coerced: Readonly<Record<string, Coerced>>,
  ctx: IndicatorContext,
  implicated: Implicated = new Set(),
): { value: IndicatorValue; issues: DraftIssue[] } {
  const ids = inputIdsOf(ind);
  const computed = computeIndicator(ctx.plan, ind, coerced);
  const precision = precisionOf(ind);
  const number = computed.kind === 'number' ? computed.value : null;
  const rounded = number === null ? null : roundTo(number, precision);
  const firstReading = ids.all.map((id) => readings.get(id)).find((r) => r !== undefined);
  const at = ctx.valueCell(unit.index, ind.id) ?? (firstReading ? { sheet: firstReading.sheet, cell: firstReading.cell } : undefined);
  // One problem, one issue: an input already reported as wrong explains a wrong value.
  const inputsBad = ids.all.some((id) => readings.get(id)?.bad || implicated.has(id));
  const inputsText = ids.all.some((id) => typeof readings.get(id)?.raw === 'string');
  const value: IndicatorValue = { unitIndex: unit.index, unit: unit.name, indicator: ind, computed, value: number, rounded, precision, at, inputsBad, inputsText };
  if (ctx.withStatus) {
    const reference = ind.targets.find((t) => t.comparator === 'relative');
    const refInput = reference?.comparator === 'relative' ? reference.reference.input : undefined;
    const e = evaluate(ind, computed.kind === 'number' ? { kind: 'number', value: computed.value, normalized: false } : { kind: 'missing', code: 'blank' }, {
      plan: ctx.plan,
      year: ctx.year,
      level: ctx.level,
      reference: refInput !== undefined ? coerced[refInput] : undefined,
    });
    value.status = e.status;
  }

  const issues: DraftIssue[] = [];
  const loc: IssueLocation = { ...at, unit: unit.name, unitIndex: unit.index, indicator: ind.id };
  // A direct indicator's value is its own input: name the input too, so messages and fixes point at it.
  if (ind.compute.kind === 'direct') loc.input = ind.id;

  if (computed.kind === 'error' && computed.issue.code === 'zero-denominator' && !inputsBad) {
    const num = ids.numerator.reduce((s, id) => s + (coerced[id]?.kind === 'number' ? (coerced[id] as { value: number }).value : 0), 0);
    if (num !== 0) {
      const denominators = ids.denominator
        .map((id) => readings.get(id))
        .filter((r): r is Reading => r !== undefined)
        .map((r) => ({ input: r.field.id, sheet: r.sheet, cell: r.cell }));
      const den = readings.get(ids.denominator[0] ?? '');
      issues.push({
        ...loc,
        ...(den ? { sheet: den.sheet, cell: den.cell, input: den.field.id } : {}),
        code: 'zero-denominator',
        params: { numerator: num, denominators },
        value: 0,
        expected: '> 0',
      });
    }
  }
  if (rounded === null || inputsBad) return { value, issues };

  const range = ind.range;
  const netRate = ind.kind === 'rate';
  const max = range?.max ?? (netRate ? 100 : undefined);
  const min = range?.min;
  if ((max !== undefined && rounded > max) || (min !== undefined && rounded < min)) {
    issues.push({
      ...loc,
      code: 'out-of-range',
      params: { number: rounded, min, max, of: 'indicator', netRate: netRate && max === 100 && rounded > max },
      value: rounded,
      expected: rangeText(min, max),
    });
  } else if (ind.kind === 'grossRatio') {
    const plausibleMax = range?.plausibleMax ?? DEFAULT_GROSS_PLAUSIBLE_MAX;
    if (rounded > plausibleMax) {
      issues.push({ ...loc, code: 'gross-ratio-implausible', params: { number: rounded, plausibleMax }, value: rounded, expected: `≤ ${plausibleMax}` });
    }
  }
  return { value, issues };
}
