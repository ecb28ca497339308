/**
 * What the core says every tagged formula cell of a template must show, for given inputs.
 * Only core functions are called here (computeIndicator, evaluate, balancedSchool,
 * weightedDiffCoefDetail, diffCoefPasses): a template agrees with the core exactly when the
 * spreadsheet's results equal these.
 */
import { REGRESSED_LABEL } from '../../src/core/evaluate/achievement';
import { coerceNumber, type Coerced } from '../../src/core/coerce';
import { balancedSchool } from '../../src/core/balance/school';
import { diffCoefLimit, diffCoefPasses, weightedDiffCoefDetail } from '../../src/core/balance/diffcoef';
import { computeIndicator } from '../../src/core/evaluate/compute';
import { evaluate } from '../../src/core/evaluate/evaluate';
import { STATUS_LABEL } from '../../src/core/evaluate/status';
import { roundTo } from '../../src/core/evaluate/round';
import { pick } from '../../src/core/i18n/text';
import { findIndicator } from '../../src/core/plan/registry';
import type { Indicator, Plan } from '../../src/core/plan/schema';
import type { CellTag, TemplateMeta } from '../../src/core/template/spec';

/** Raw values typed into one unit's input cells, by input id (absent = blank). */
export type UnitInputs = Record<string, number | string | boolean | null | undefined>;

export type Expected = number | string | null;

function coerced(inputs: UnitInputs): Record<string, Coerced> {
  const out: Record<string, Coerced> = {};
  for (const [k, v] of Object.entries(inputs)) {
    // A template reads numbers only; typed text (missing codes) is missing. Booleans stay raw for evaluate.
    out[k] = typeof v === 'number' ? coerceNumber(v) : { kind: 'missing', code: 'blank' };
  }
  return out;
}

export class CoreOracle {
  private readonly plan: Plan;
  private readonly meta: TemplateMeta;
  private readonly units: UnitInputs[];

  constructor(plan: Plan, meta: TemplateMeta, units: UnitInputs[]) {
    this.plan = plan;
    this.meta = meta;
    this.units = units;
  }

  private indicator(id: string): Indicator {
    const ref = findIndicator(this.plan, id);
    if (!ref) throw new Error(`no indicator ${id}`);
    return ref.indicator;
  }

  private label(s: keyof typeof STATUS_LABEL): string {
    return pick(STATUS_LABEL[s], this.meta.lang);
  }

  /** The raw value of a direct indicator, or the computed one; null when missing. */
  value(ind: Indicator, inputs: UnitInputs): number | null {
    if (ind.compute.kind === 'direct') {
      const raw = inputs[ind.id];
      const bool = ind.kind === 'boolean' || ind.targets.every((t) => t.comparator === 'bool');
      if (bool) {
        const e = evaluate(ind, raw ?? null, { plan: this.plan });
        return e.actual;
      }
      return typeof raw === 'number' ? raw : null;
    }
    const c = computeIndicator(this.plan, ind, coerced(inputs));
    return c.kind === 'number' ? c.value : null;
  }

  /** Sums of each input over the units (null when no unit has a number): the county's parts. */
  totals(): UnitInputs {
    const out: UnitInputs = {};
    for (const id of this.meta.inputs) {
      const nums = this.units.map((u) => u[id]).filter((v): v is number => typeof v === 'number');
      out[id] = nums.length === 0 ? null : nums.reduce((a, b) => a + b, 0);
    }
    return out;
  }

  private evaluation(ind: Indicator, inputs: UnitInputs) {
    const v = this.value(ind, inputs);
    const target = ind.targets.find((t) => t.comparator === 'relative');
    const refInput = target && target.comparator === 'relative' ? target.reference.input : undefined;
    const reference = refInput !== undefined && typeof inputs[refInput] === 'number' ? inputs[refInput] : undefined;
    return evaluate(ind, v, { plan: this.plan, year: this.meta.year, level: this.meta.level, reference });
  }

  private balance(inputs: UnitInputs) {
    const ids = this.plan.balance!.indicators;
    const values = Object.fromEntries(ids.map((id) => [id, this.value(this.indicator(id), inputs)]));
    return balancedSchool(values, this.meta.level!, this.plan);
  }

  /** The weighted 校际差异系数 over the units that have a value for the indicator. */
  diffCoef(ind: Indicator): number | null {
    if (ind.compute.kind !== 'ratio') return null;
    const c = ind.compute;
    const amounts: number[] = [];
    const pupils: number[] = [];
    for (const u of this.units) {
      if (this.value(ind, u) === null) continue;
      amounts.push(c.numerator.reduce((s, id) => s + (u[id] as number), 0));
      pupils.push(c.denominator.reduce((s, id) => s + (u[id] as number), 0));
    }
    if (amounts.length === 0) return null;
    const r = weightedDiffCoefDetail(amounts, pupils, { per100: ind.kind === 'per100' });
    return r.ok ? r.value.cv : null;
  }

  expected(tag: CellTag): Expected {
    const inputs = tag.unit !== undefined ? this.units[tag.unit - 1] ?? {} : this.totals();
    switch (tag.what) {
      case 'value': {
        const ind = this.indicator(tag.indicator!);
        return this.value(ind, inputs);
      }
      case 'target': {
        const e = this.evaluation(this.indicator(tag.indicator!), inputs);
        return e.threshold && e.threshold.op !== 'bool' && e.threshold.op !== 'between' ? e.threshold.value : null;
      }
      case 'gap':
        return this.evaluation(this.indicator(tag.indicator!), inputs).gap;
      case 'achievement': {
        const e = this.evaluation(this.indicator(tag.indicator!), inputs);
        return e.regressed ? pick(REGRESSED_LABEL, this.meta.lang) : e.achievement;
      }
      case 'status': {
        const e = this.evaluation(this.indicator(tag.indicator!), inputs);
        return pick(e.statusLabel, this.meta.lang);
      }
      case 'balanceMeeting':
        return this.balance(inputs).meeting.length;
      case 'balanceBelowFloor':
        return this.balance(inputs).belowFloor.length;
      case 'balanceMissing': {
        const b = this.balance(inputs);
        return b.missing.length + b.invalid.length;
      }
      case 'balanceResult': {
        const b = this.balance(inputs).balanced;
        return this.label(b === true ? 'met' : b === false ? 'unmet' : 'noData');
      }
      case 'total':
        return (inputs[tag.input!] as number | null) ?? null;
      case 'diffCoef':
        return this.diffCoef(this.indicator(tag.indicator!));
      case 'diffCoefStatus': {
        const cv = this.diffCoef(this.indicator(tag.indicator!));
        const limit = diffCoefLimit(this.meta.level!, this.plan)!;
        return cv === null ? this.label('noData') : this.label(diffCoefPasses(cv, limit) ? 'met' : 'unmet');
      }
      case 'unitsMeeting': {
        if (tag.indicator === undefined) return this.units.filter((u) => this.balance(u).balanced === true).length;
        const ind = this.indicator(tag.indicator);
        return this.units.filter((u) => this.evaluation(ind, u).status === 'met').length;
      }
      case 'unitsCount':
        return null; // text: checked separately
      case 'stageShare':
        // Templates covering several stages are checked against balance/stage.ts in test/xlsx/stages.test.ts.
        throw new Error('the oracle reads one-stage templates; stage cells are checked in stages.test.ts');
    }
  }
}

/** Numbers agree to 1e-9 (relative), texts exactly; '' and null are both "empty". */
export function agrees(actual: unknown, expected: Expected): boolean {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  if (empty(expected)) return empty(actual);
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return false;
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  return actual === expected;
}

export { roundTo };
