/**
 * The region's figures, per level (小学 and 初中 apart):
 *   ratio indicators: Σ numerator × scale ÷ Σ denominator over the units whose parts are all there
 *     — recomputed from the summed parts, never an average of the units' rates;
 *   sum indicators: Σ over the same units;
 *   directly typed indicators: not aggregatable (a rate typed by each school cannot be added);
 *     only how many units meet it is counted.
 * For the 优质均衡 indicators, the enrolment-weighted 校际差异系数 (weightedDiffCoefDetail) with the
 * level's limit and ROUND(cv,3) ≤ limit, and the per-school ratios and weights behind it.
 */
import { diffCoefLimit, diffCoefPasses, weightedDiffCoefDetail } from '../balance/diffcoef';
import type { Indicator, Plan } from '../plan/schema';
import { indicatorInputs } from '../plan/registry';
import type { Aggregate, DiffCoefRow, LevelVerdict, UnitRow } from './types';
import { judge } from './units';

function sumOf(ids: readonly string[], inputs: Readonly<Record<string, number | null>>): number | null {
  let s = 0;
  for (const id of ids) {
    const v = inputs[id];
    if (v === null || v === undefined) return null;
    s += v;
  }
  return s;
}

/** The status words of an indicator each unit types itself (学校规模, 班额): no regional value, each unit is judged. */
export const PER_UNIT_LABEL = { zh: '逐校判定（见「明细」）', en: 'judged per unit (see Units)' } as const;

export function aggregateIndicator(plan: Plan, ind: Indicator, level: string, units: readonly UnitRow[], year: number | undefined): Aggregate {
  const base = {
    indicator: ind.id,
    code: ind.code,
    name: { zh: ind.name.zh, en: ind.name.en ?? ind.name.zh },
    unitLabel: ind.unit,
    level,
    units: units.length,
    unitsMet: units.filter((u) => u.indicators[ind.id]?.status === 'met').length,
  };
  const compute = ind.compute;
  let value: number | null = null;
  let contributors = 0;
  const parts: Pick<Aggregate, 'numerator' | 'denominator' | 'scale'> = {};
  const rows: Array<{ unit: UnitRow; amount: number; pupils: number }> = [];
  if (compute.kind === 'ratio') {
    let num = 0;
    let den = 0;
    for (const u of units) {
      const n = sumOf(compute.numerator, u.inputs);
      const d = sumOf(compute.denominator, u.inputs);
      if (n === null || d === null) continue;
      num += n;
      den += d;
      contributors++;
      rows.push({ unit: u, amount: n, pupils: d });
    }
    Object.assign(parts, { numerator: num, denominator: den, scale: compute.scale });
    value = contributors > 0 && den !== 0 ? (num * compute.scale) / den : null;
  } else if (compute.kind === 'sum') {
    let total = 0;
    for (const u of units) {
      const s = sumOf(indicatorInputs(ind), u.inputs);
      if (s === null) continue;
      total += s;
      contributors++;
    }
    value = contributors > 0 ? total : null;
    parts.numerator = total;
  } else {
    // Typed by each unit, not added up: the units that typed a value.
    contributors = units.filter((u) => typeof u.indicators[ind.id]?.value === 'number').length;
  }
  const ev = judge(plan, ind, value, level, year);
  const notAdded = value === null && compute.kind === 'direct';
  const agg: Aggregate = {
    ...base,
    ...parts,
    value,
    status: notAdded ? 'noData' : ev.status,
    statusLabel: notAdded ? PER_UNIT_LABEL : ev.statusLabel,
    ...(ev.invalid && !notAdded ? { invalid: true as const } : {}),
    gap: ev.gap,
    achievement: ev.achievement,
    targetText: ev.targetText,
    contributors,
  };
  if (compute.kind === 'ratio' && plan.balance?.indicators.includes(ind.id)) addDiffCoef(agg, plan, level, rows, compute.scale);
  return agg;
}

function addDiffCoef(agg: Aggregate, plan: Plan, level: string, rows: Array<{ unit: UnitRow; amount: number; pupils: number }>, scale: number): void {
  const limit = level === '小学' || level === '初中' ? diffCoefLimit(level, plan) : undefined;
  if (limit === undefined) return;
  // 校际: between schools. Over counties carried up it would be another measure (each county's
  // summary has its own coefficient), so none is computed when regions are among the units.
  if (rows.some((r) => r.unit.region)) return;
  agg.diffCoefLimit = limit;
  // A school without pupils has no ratio: it cannot enter the coefficient (validation reports it).
  const used = rows.filter((r) => r.pupils > 0);
  const r = weightedDiffCoefDetail(
    used.map((x) => x.amount),
    used.map((x) => x.pupils),
    { per100: scale === 100 },
  );
  if (!r.ok) {
    agg.diffCoef = null;
    agg.diffCoefPasses = null;
    agg.diffCoefProblem = r.error.message;
    agg.diffCoefRows = [];
    return;
  }
  const d = r.value;
  agg.diffCoef = d.cv;
  agg.diffCoefPasses = diffCoefPasses(d.cv, limit);
  agg.diffCoefMean = d.mean;
  agg.diffCoefSd = d.sd;
  agg.diffCoefRows = used.map(
    (x, i): DiffCoefRow => ({ unit: x.unit.unit, file: x.unit.file, amount: x.amount, pupils: x.pupils, ratio: d.ratios[i]!, weight: d.weights[i]! }),
  );
}

/** 优质均衡 per level: every school passing 6-of-7/85 % and every coefficient within its limit. */
export function levelVerdict(level: string, units: readonly UnitRow[], aggregates: readonly Aggregate[]): LevelVerdict | undefined {
  const schools = units.filter((u) => u.balanced);
  const coefs = aggregates.filter((a) => a.level === level && a.diffCoefLimit !== undefined);
  if (schools.length === 0 && coefs.length === 0) return undefined;
  const schoolsPassing = schools.filter((u) => u.balanced!.passes === true).length;
  const schoolsUndecided = schools.filter((u) => u.balanced!.passes === null).length;
  const coefficientsPassing = coefs.filter((a) => a.diffCoefPasses === true).length;
  const anyFail = schools.length - schoolsPassing - schoolsUndecided > 0 || coefs.some((a) => a.diffCoefPasses === false);
  const allPass = schoolsPassing === schools.length && coefficientsPassing === coefs.length && schools.length > 0;
  return {
    level,
    schools: schools.length,
    schoolsPassing,
    schoolsUndecided,
    coefficients: coefs.length,
    coefficientsPassing,
    passes: anyFail ? false : allPass ? true : null,
  };
}
