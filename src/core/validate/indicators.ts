/**
 * Indicator values per unit, computed column by column from the input columns, and the checks on
 * those values: hard ranges (a net rate cannot exceed 100, the plan's min/max), the soft bound of
 * a gross ratio, and a denominator of 0 under a non-zero numerator. Values are compared at the
 * indicator's display precision, like pass/fail.
 *
 * The arithmetic is `computeIndicator`'s (src/core/evaluate/compute.ts: a missing part makes the
 * value missing, an unreadable part an error, Σ numerator × scale ÷ Σ denominator), done over
 * typed arrays; a property test holds the two equal on random grids. What does not depend on the
 * unit — inputs, precision, bounds, the target that applies and its 接近 band — is worked out once
 * per indicator (`planIndicator`), so a table of 5,000 schools costs one division and one status
 * lookup per cell, and an issue is allocated only where something is wrong.
 */
import type { Coerced } from '../coerce';
import { impossibleAbove } from '../evaluate/status';
import {
  bandWidth,
  evaluate,
  precisionOf,
  resolveTarget,
  roundTo,
  status as statusOf,
  toleranceOf,
  type Computed,
  type Status,
  type Threshold,
} from '../evaluate';
import type { Indicator, Level, Plan } from '../plan/schema';
import { a1 } from '../workbook/address';
import { bytes, CELL, doubles, ints, type Bytes, type Doubles, type InputColumn, type Ints, type SheetTable } from './columns';
import type { CellRef, DraftIssue, IssueLocation } from './issues';
import { rangeText, readInputCell } from './read';

/** The soft upper bound of a gross ratio when the plan gives none (毛入园率 150% is already extraordinary). */
export const DEFAULT_GROSS_PLAUSIBLE_MAX = 150;

/** What deciding a status needs besides the value (the plan, for relative targets and ranges). */
export interface IndicatorContext {
  plan: Plan;
  year?: number;
  level?: Level;
}

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

// Indicator plans per plan object and template (its indicator list, year and level): the same for
// every return of one template. Looked up by identity of the decoded template's (frozen, shared)
// indicator list; a list that is not frozen is planned afresh. Read-only once made (statusCache
// is a memo of a pure function of the rounded value).
const planned = new WeakMap<Plan, WeakMap<readonly string[], Map<string, IndicatorPlan[]>>>();

/** `planIndicator` for each of `ids` the plan has, in order. */
export function planIndicators(plan: Plan, ids: readonly string[], year?: number, level?: Level): IndicatorPlan[] {
  const shared = Object.isFrozen(ids);
  const key = `${year ?? ''}\u0000${level ?? ''}`;
  let byIds = shared ? planned.get(plan) : undefined;
  const hit = byIds?.get(ids)?.get(key);
  if (hit) return hit;
  const byId = new Map(plan.sections.flatMap((s) => s.indicators).map((i) => [i.id, i]));
  const out = ids
    .map((id) => byId.get(id))
    .filter((i) => i !== undefined)
    .map((ind) => planIndicator(ind, plan, year, level));
  if (shared) {
    if (!byIds) planned.set(plan, (byIds = new WeakMap()));
    let byKey = byIds.get(ids);
    if (!byKey) byIds.set(ids, (byKey = new Map()));
    byKey.set(key, out);
  }
  return out;
}

/** The status of a computed value (exported for the test that holds it equal to `evaluate`). */
export function statusFor(p: IndicatorPlan, computed: Computed, coerced: Readonly<Record<string, Coerced>>, ctx: IndicatorContext, roundedValue?: number): Status {
  const s = p.status;
  if (s !== 'evaluate' && 'constant' in s) return s.constant;
  if (s !== 'evaluate') {
    if (computed.kind !== 'number') return 'noData';
    // The gap is taken on the value rounded to the precision, so equal rounded values share a status.
    const rounded = roundedValue ?? roundTo(computed.value, p.precision);
    // evaluate.ts: a net rate above 100 % is 数据有误 (status 无数据), never 达标.
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

/** How a unit's value came out. */
export const OUTCOME = { number: 0, missing: 1, invalid: 2, zeroDenominator: 3 } as const;

/** One indicator over every unit position (only active units are computed). */
export interface IndicatorColumn {
  plan: IndicatorPlan;
  id: string;
  /** The core's value, unrounded (NaN: missing or not computable). */
  value: Doubles;
  /** At the indicator's precision: what ranges and statuses are decided on (NaN: none). */
  rounded: Doubles;
  outcome: Bytes;
  /** An input it is computed from was already reported as wrong (content, or a violated rule). */
  inputsBad: Bytes;
  /** An input it is computed from was typed as text (the template's formulas read only true numbers). */
  inputsText: Bytes;
  /**
   * A relative target's reference value per unit ("higher than last year": last year's figure;
   * NaN: none), as the status was decided with it — so a report of the values (the pane's
   * dashboard) evaluates achievement with the same reference instead of finding no target.
   */
  reference?: Doubles;
  status?: Array<Status | undefined>;
  /** The columns of the inputs it is computed from (numerator, then denominator; undefined: no column). */
  inputs: ReadonlyArray<InputColumn | undefined>;
  /** Where the value shows: the template's value cell, else the first input's cell (sheet -1: nowhere). */
  atSheet: Ints;
  atRow: Ints;
  atCol: Ints;
}

/** What computing indicators needs from the template's context. */
export interface IndicatorInputs {
  plan: Plan;
  year?: number;
  level?: Level;
  columns: ReadonlyMap<string, InputColumn>;
  active: readonly number[];
  units: ReadonlyArray<{ index: number; name: string }>;
  implicated: ReadonlyMap<number, ReadonlySet<string>>;
  /** The template's value cells (template-cells.ts): the sheet, and each indicator's cell per unit index. */
  layout: {
    sheetName?: string;
    valueCells(indicator: string): ((unitIndex: number) => { row: number; col: number } | undefined) | undefined;
  };
  sheets: SheetTable;
  withStatus: boolean;
}

const NUMBER: Computed & { kind: 'number' } = { kind: 'number', value: 0 };
const MISSING: Computed = { kind: 'missing', inputs: [] };

/** The coerced content of a unit's cell, exactly as `readInputCell` reads it (for the rare per-unit paths). */
function coercedAt(c: InputColumn, k: number, sheets: SheetTable, unit: { index: number; name: string }): Coerced | undefined {
  if (c.state[k] === CELL.absent) return undefined;
  const slow = c.slow.get(k);
  if (slow) return slow.coerced;
  const grid = sheets.grids[c.sheet[k]!];
  const raw = grid?.values[c.row[k]! - 1]?.[c.col[k]! - 1] ?? null;
  return readInputCell(c.field, raw, { sheet: sheets.names[c.sheet[k]!]!, cell: a1(c.row[k]!, c.col[k]!), unit: unit.name, unitIndex: unit.index }).reading.coerced;
}

/** Computes every indicator for every active unit. */
export function computeIndicators(plans: readonly IndicatorPlan[], x: IndicatorInputs): IndicatorColumn[] {
  const n = x.units.length;
  const layoutSheet = x.layout.sheetName !== undefined ? x.sheets.id(x.layout.sheetName) : -1;
  const ctx: IndicatorContext = { plan: x.plan, year: x.year, level: x.level };
  // Inputs of violated rules by position (few units have any): an array, not a lookup per value.
  const implicatedAt = new Array<ReadonlySet<string> | undefined>(n);
  for (const [k, set] of x.implicated) implicatedAt[k] = set;
  return plans.map((p) => {
    const ind = p.indicator;
    const col: IndicatorColumn = {
      plan: p,
      id: ind.id,
      value: doubles(n, NaN),
      rounded: doubles(n, NaN),
      outcome: bytes(n, OUTCOME.missing),
      inputsBad: bytes(n),
      inputsText: bytes(n),
      inputs: [],
      atSheet: ints(n, -1),
      atRow: ints(n),
      atCol: ints(n),
    };
    const all = p.all.map((id) => x.columns.get(id));
    col.inputs = all;
    if (x.withStatus) col.status = new Array<Status | undefined>(n);
    const num = p.numerator.map((id) => x.columns.get(id));
    const den = p.denominator.map((id) => x.columns.get(id));
    const ratio = ind.compute.kind === 'ratio' ? ind.compute : undefined;
    const valueCells = x.layout.valueCells(ind.id);
    for (const k of x.active) {
      // computeIndicator: an unreadable input makes an error, else a missing one makes it missing.
      let error = false;
      let missing = false;
      let bad = false;
      let text = false;
      let first: InputColumn | undefined;
      const implicated = implicatedAt[k];
      for (let i = 0; i < all.length; i++) {
        const c = all[i];
        const st = c ? c.state[k]! : CELL.absent;
        if (st === CELL.error) error = true;
        else if (st !== CELL.number) missing = true;
        if (st === CELL.absent) continue;
        first ??= c;
        if (c!.bad[k] || implicated?.has(p.all[i]!)) bad = true;
        if (c!.text[k]) text = true;
      }
      col.inputsBad[k] = bad ? 1 : 0;
      col.inputsText[k] = text ? 1 : 0;
      let v = NaN;
      if (error) col.outcome[k] = OUTCOME.invalid;
      else if (!missing) {
        if (ratio) {
          let sn = 0;
          for (const c of num) sn += c!.value[k]!;
          let sd = 0;
          for (const c of den) sd += c!.value[k]!;
          if (sd === 0) col.outcome[k] = OUTCOME.zeroDenominator;
          else {
            // Multiply first, divide once (as computeIndicator does).
            v = (sn * ratio.scale) / sd;
            col.outcome[k] = Number.isFinite(v) ? OUTCOME.number : OUTCOME.invalid;
            if (!Number.isFinite(v)) v = NaN;
          }
        } else {
          let sum = 0;
          for (const c of all) sum += c!.value[k]!;
          v = sum;
          col.outcome[k] = OUTCOME.number;
        }
      }
      if (!Number.isNaN(v)) {
        col.value[k] = v;
        // roundTo leaves whole numbers alone; skipping it for them only saves time.
        col.rounded[k] = Number.isInteger(v) ? v : roundTo(v, p.precision);
      }
      const at = valueCells?.(x.units[k]!.index);
      if (at) {
        col.atSheet[k] = layoutSheet;
        col.atRow[k] = at.row;
        col.atCol[k] = at.col;
      } else if (first) {
        col.atSheet[k] = first.sheet[k]!;
        col.atRow[k] = first.row[k]!;
        col.atCol[k] = first.col[k]!;
      }
      if (col.status) {
        const s = p.status;
        const number = col.outcome[k] === OUTCOME.number;
        if (s !== 'evaluate' && 'constant' in s) col.status[k] = s.constant;
        else if (s !== 'evaluate') {
          // statusFor's cache, looked up here first: one Map read per value in the common case.
          const cached = number ? p.statusCache.get(col.rounded[k]!) : 'noData';
          if (cached !== undefined) col.status[k] = cached;
          else {
            NUMBER.value = v;
            col.status[k] = statusFor(p, NUMBER, {}, ctx, col.rounded[k]);
          }
        } else {
          NUMBER.value = v;
          const refCol = p.referenceInput !== undefined ? x.columns.get(p.referenceInput) : undefined;
          const ref = refCol ? coercedAt(refCol, k, x.sheets, x.units[k]!) : undefined;
          col.status[k] = statusFor(p, number ? NUMBER : MISSING, ref ? { [p.referenceInput!]: ref } : {}, ctx);
          if (p.referenceInput !== undefined) {
            col.reference ??= doubles(n, NaN);
            if (ref?.kind === 'number') col.reference[k] = ref.value;
          }
        }
      }
    }
    return col;
  });
}

/** Where a unit's value shows, as an issue location. */
function locationOf(col: IndicatorColumn, k: number, sheets: SheetTable, unit: { index: number; name: string }): IssueLocation {
  const s = col.atSheet[k]!;
  const loc: IssueLocation = { sheet: s >= 0 ? sheets.names[s] : undefined, cell: s >= 0 ? a1(col.atRow[k]!, col.atCol[k]!) : undefined, unit: unit.name, unitIndex: unit.index, indicator: col.id };
  // A direct indicator's value is its own input: name the input too, so messages and fixes point at it.
  if (col.plan.indicator.compute.kind === 'direct') loc.input = col.id;
  // The value shows in a locked formula cell: the cells to change are the unit's inputs (marks go there).
  const inputCells: CellRef[] = [];
  col.inputs.forEach((c, i) => {
    // An input in both numerator and denominator (a share of a total written as a ratio) is named once.
    if (!c || c.state[k] === CELL.absent || c.sheet[k]! < 0 || col.plan.all.indexOf(col.plan.all[i]!) !== i) return;
    inputCells.push({ input: col.plan.all[i]!, sheet: sheets.names[c.sheet[k]!]!, cell: a1(c.row[k]!, c.col[k]!) });
  });
  if (inputCells.length > 0 && !(inputCells.length === 1 && inputCells[0]!.sheet === loc.sheet && inputCells[0]!.cell === loc.cell)) loc.inputCells = inputCells;
  return loc;
}
export { locationOf as indicatorLocation };

/** Values outside their hard range, gross ratios beyond plausible, zero denominators: allocated only when found. */
export function indicatorValueIssues(columns: readonly IndicatorColumn[], x: Pick<IndicatorInputs, 'active' | 'units' | 'columns' | 'sheets'>): DraftIssue[] {
  const issues: DraftIssue[] = [];
  for (const col of columns) {
    const p = col.plan;
    const { min, max, plausibleMax } = p;
    for (const k of x.active) {
      if (col.inputsBad[k]) continue;
      const rounded = col.rounded[k]!;
      const has = !Number.isNaN(rounded);
      const zeroDen = col.outcome[k] === OUTCOME.zeroDenominator;
      const outside = has && ((max !== undefined && rounded > max) || (min !== undefined && rounded < min));
      const implausible = has && !outside && plausibleMax !== undefined && rounded > plausibleMax;
      if (!zeroDen && !outside && !implausible) continue;
      const unit = x.units[k]!;
      const loc = locationOf(col, k, x.sheets, unit);
      if (zeroDen) {
        let num = 0;
        for (const id of p.numerator) {
          const c = x.columns.get(id);
          if (c && c.state[k] === CELL.number) num += c.value[k]!;
        }
        if (num === 0) continue;
        const cellOf = (c: InputColumn) => ({ input: c.id, sheet: x.sheets.names[c.sheet[k]!]!, cell: a1(c.row[k]!, c.col[k]!) });
        const denominators = p.denominator
          .map((id) => x.columns.get(id))
          .filter((c): c is InputColumn => c !== undefined && c.state[k] !== CELL.absent)
          .map(cellOf);
        const first = x.columns.get(p.denominator[0] ?? '');
        const den = first && first.state[k] !== CELL.absent ? cellOf(first) : undefined;
        // Located at a denominator input, which is the cell to fix (its params list every denominator).
        delete loc.inputCells;
        issues.push({ ...loc, ...(den ?? {}), code: 'zero-denominator', params: { numerator: num, denominators }, value: 0, expected: '> 0' });
      } else if (outside) {
        issues.push({
          ...loc,
          code: 'out-of-range',
          params: { number: rounded, min, max, of: 'indicator', netRate: p.netRate && max === 100 && rounded > max },
          value: rounded,
          expected: rangeText(min, max),
        });
      } else {
        issues.push({ ...loc, code: 'gross-ratio-implausible', params: { number: rounded, plausibleMax: plausibleMax! }, value: rounded, expected: `≤ ${plausibleMax}` });
      }
    }
  }
  return issues;
}
