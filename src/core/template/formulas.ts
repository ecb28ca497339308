/**
 * The core's rules written as native Excel formulas (no custom function, no dynamic array, no
 * LET/LAMBDA/IFS: only functions Excel 2007+, WPS and LibreOffice all have). Each builder cites
 * the rule it reproduces; the numbers it embeds (precision, strict bounds, bands, achievement
 * bases) are computed by the core itself, so a template and the core cannot drift apart.
 *
 *   threshold rule  evaluate/threshold.ts   ROUND(x,p) compared with t
 *   gap             evaluate/threshold.ts   ROUND(MAX(0, t − ROUND(x,p)), q) …
 *   band            evaluate/tolerance.ts   ROUND(MAX(abs, rel × |t|), p)
 *   status          evaluate/status.ts      IF(gap=0,"达标",IF(gap<=band,"接近","未达标"))
 *   achievement     evaluate/achievement.ts IF(gap=0,100,MIN(99.9,ROUND(100*(1-gap/D),1)))
 *   value           evaluate/compute.ts     SUM(num)/SUM(den)*scale, missing part → missing
 *   6-of-7 rule     balance/school.ts       ROUND(x,p)>=t counted; ROUND(x,p)>=ROUND(0.85t,10)
 *   差异系数         balance/diffcoef.ts     √(Σ P(x−X̄)²/ΣP) / X̄, ROUND(cv,3)<=limit
 *
 * Every builder takes cell references or expressions as strings and returns a formula body
 * without the leading `=`. Expressions that may be "" (missing) are always guarded with ISNUMBER.
 */
import type { Relation, Tolerance } from '../plan/schema';
import { onSheet } from '../workbook/address';
import { achievementBase, achievementFromBaseline } from '../evaluate/achievement';
import { roundTo } from '../evaluate/round';
import { gapPrecision, strictBound, type Threshold } from '../evaluate/threshold';
import { bandWidth } from '../evaluate/tolerance';
import { ACHIEVEMENT_PRECISION } from '../evaluate/achievement';
import { DIFFCOEF_PRECISION } from '../balance/diffcoef';

/** A number as a formula literal (no locale, no exponent surprises). */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (x === 0) return '0';
  const s = String(x);
  // JS writes 1e-7 / 1e+21; Excel and LibreOffice read 1E-7 / 1E+21.
  return /e/i.test(s) ? s.toUpperCase() : s;
}

/** A text literal: `"…"` with quotes doubled. Plan text never goes through here unescaped. */
export function str(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** LEN(cell)<=max: a text cell's data validation (unit names, text inputs). */
export function maxLengthFormula(cell: string, max: number): string {
  return `LEN(${cell})<=${num(max)}`;
}

/** cell="text": a conditional format matching one word (a status). */
export function equalsTextFormula(cell: string, text: string): string {
  return `${cell}=${str(text)}`;
}

/** `HYPERLINK("#'学校数据'!C12","C12")`: a link to a cell that works in Excel, WPS and LibreOffice. */
export function cellLinkFormula(sheet: string, cell: string): string {
  return `HYPERLINK(${str(`#${onSheet(sheet, cell)}`)},${str(cell)})`;
}

/**
 * The target of one indicator as the formulas see it: a fixed threshold from the plan, or a
 * relative one computed from a reference cell (the core's thresholdOf: ROUND(ref × factor, 10)).
 */
export type FormulaThreshold = { fixed: Threshold } | { relative: { op: Relation; ref: string; factor: number } };

/** ROUND(ref × factor, 10): the relative target's value (evaluate/target.ts thresholdOf). */
export function relativeValue(ref: string, factor: number): string {
  return factor === 1 ? `ROUND(${ref},10)` : `ROUND(${ref}*${num(factor)},10)`;
}

/** A relative target's cell: its value once the reference input is a number, "" before. */
export function relativeTargetFormula(ref: string, factor: number): string {
  return `IF(ISNUMBER(${ref}),${relativeValue(ref, factor)},"")`;
}

/** A guard that is TRUE when the threshold can be computed (always, unless relative). */
export function thresholdReady(th: FormulaThreshold): string | null {
  return 'relative' in th ? `ISNUMBER(${th.relative.ref})` : null;
}

/**
 * GAP (threshold.ts): how far short of the target, ≥ 0 and 0 exactly when met.
 * `x` must already be a number (the caller guards ISNUMBER). For a relative target the gap is
 * rounded at 10 decimals: the core rounds at max(p, decimals of t), and t − ROUND(x,p) has at
 * most that many decimals, so both roundings only remove float noise and agree.
 */
export function gapFormula(x: string, th: FormulaThreshold, p: number): string {
  const xr = `ROUND(${x},${p})`;
  if ('fixed' in th) {
    const t = th.fixed;
    if (t.op === 'bool') return `IF((${xr}<>0)=${t.value ? 'TRUE' : 'FALSE'},0,1)`;
    const q = gapPrecision(t, p);
    switch (t.op) {
      case '>=':
        return `ROUND(MAX(0,${num(t.value)}-${xr}),${q})`;
      case '>':
        return `ROUND(MAX(0,${num(strictBound(t.value, '>', p))}-${xr}),${q})`;
      case '<=':
        return `ROUND(MAX(0,${xr}-${num(t.value)}),${q})`;
      case '<':
        return `ROUND(MAX(0,${xr}-${num(strictBound(t.value, '<', p))}),${q})`;
      case '=':
        return `ROUND(ABS(${xr}-${num(t.value)}),${q})`;
      case 'between':
        return `ROUND(MAX(0,${num(t.low)}-${xr},${xr}-${num(t.high)}),${q})`;
    }
  }
  const { op, ref, factor } = th.relative;
  const t = relativeValue(ref, factor);
  const scale = num(Math.pow(10, p));
  switch (op) {
    case '>=':
      return `ROUND(MAX(0,${t}-${xr}),10)`;
    case '>':
      // strictBound: the first p-decimal value above t.
      return `ROUND(MAX(0,ROUND((INT(ROUND(${t}*${scale},6))+1)/${scale},${p})-${xr}),10)`;
    case '<=':
      return `ROUND(MAX(0,${xr}-${t}),10)`;
    case '<':
      return `ROUND(MAX(0,${xr}-ROUND((-INT(-ROUND(${t}*${scale},6))-1)/${scale},${p})),10)`;
    case '=':
      return `ROUND(ABS(${xr}-${t}),10)`;
  }
}

/**
 * The 接近 band (tolerance.ts): a literal for fixed targets, a formula for relative ones;
 * for a range the violated bound depends on x (below the low bound → low, else high).
 */
export function bandFormula(th: FormulaThreshold, tol: Tolerance, p: number, x: string): string {
  if ('fixed' in th) {
    const t = th.fixed;
    if (t.op === 'bool') return '0';
    if (t.op === 'between') {
      const low = bandWidth(tol, t.low, p);
      const high = bandWidth(tol, t.high, p);
      return low === high ? num(low) : `IF(ROUND(${x},${p})<${num(t.low)},${num(low)},${num(high)})`;
    }
    return num(bandWidth(tol, t.value, p));
  }
  const t = relativeValue(th.relative.ref, th.relative.factor);
  return `ROUND(MAX(${num(tol.absolute ?? 0)},${num(tol.relative ?? 0)}*ABS(${t})),${p})`;
}

/** Status labels in the template's language, by the core's Status keys. */
export interface StatusWords {
  met: string;
  near: string;
  unmet: string;
  noData: string;
  unknownTarget: string;
  /** A shown, not judged, contribution to a target judged above. */
  contribution: string;
  /** An impossible value (part > total, a net rate above 100 %): never 达标. */
  invalid: string;
  /** A missed 约束性 (binding) target. */
  unmetBinding: string;
  /** A stage this unit does not have (a 小学 in the 初中 block). */
  notApplicable: string;
  /** Where the achievement of a value that moved away from the target since the baseline shows. */
  regressed: string;
}

/**
 * STATUS (status.ts) from a gap expression: IF(gap=0,"达标",IF(gap<=band,"接近","未达标")),
 * "无数据" when the value (or a relative target's reference) is not a number.
 */
export function statusFormula(x: string, th: FormulaThreshold, p: number, tol: Tolerance, words: StatusWords, gapRef?: string, rule: StatusRule = {}): string {
  const gap = gapRef ?? gapFormula(x, th, p);
  const band = bandFormula(th, tol, p, x);
  // evaluate.ts: a missed 约束性 target has its own text.
  const unmet = str(rule.binding ? words.unmetBinding : words.unmet);
  let decide = band === '0' ? `IF(${gap}=0,${str(words.met)},${unmet})` : `IF(${gap}=0,${str(words.met)},IF(${gap}<=${band},${str(words.near)},${unmet}))`;
  // status.ts impossibleAbove: a net rate above 100 % is 数据有误, never 达标 (x is a number here).
  if (rule.max !== undefined) decide = `IF(ROUND(${x},${p})>${num(rule.max)},${str(words.invalid)},${decide})`;
  const ready = [`ISNUMBER(${x})`, thresholdReady(th)].filter(Boolean).join(',');
  const cond = ready.includes(',') ? `AND(${ready})` : ready;
  return `IF(${cond},${decide},${str(words.noData)})`;
}

/** How a status is decided beyond the gap: a binding target's own 未达标 text, an impossible maximum. */
export interface StatusRule {
  binding?: boolean;
  max?: number;
}

/** The gap as a cell: a number, or "" when the value or the reference is missing, or the value impossible. */
export function gapCellFormula(x: string, th: FormulaThreshold, p: number, max?: number): string {
  const ready = [`ISNUMBER(${x})`, thresholdReady(th)].filter(Boolean).join(',');
  const cond = ready.includes(',') ? `AND(${ready})` : ready;
  const gap = gapFormula(x, th, p);
  return `IF(${cond},${max === undefined ? gap : `IF(ROUND(${x},${p})>${num(max)},"",${gap})`},"")`;
}

/**
 * ACHIEVEMENT (achievement.ts) from the gap cell: 100 when met, else
 * MIN(99.9, ROUND(100 × (1 − gap/D), 1)), 0 when there is no D (yes/no targets, target 0).
 * D is the core's achievementBase: a literal for fixed targets; for relative ones the baseline's
 * own gap when it misses the target, else |t|.
 */
export function achievementFormula(gapRef: string, th: FormulaThreshold, p: number, baseline: number | undefined, regressedLabel: string): string {
  let d: string | null;
  // What a negative raw value shows: 较基期倒退 when progress is measured from the baseline, else 0.
  let below: string;
  if ('fixed' in th) {
    const base = achievementBase(th.fixed, baseline, p);
    d = base === null ? null : num(base);
    below = achievementFromBaseline(th.fixed, baseline, p) ? str(regressedLabel) : '0';
  } else {
    const t = relativeValue(th.relative.ref, th.relative.factor);
    const absT = `ABS(${t})`;
    if (baseline === undefined) {
      d = `${absT}`;
      below = '0';
    } else {
      const gb = gapFormula(num(baseline), th, p);
      d = `IF(${gb}>0,${gb},${absT})`;
      below = `IF(${gb}>0,${str(regressedLabel)},0)`;
    }
  }
  const a = ACHIEVEMENT_PRECISION;
  const raw = `ROUND(100*(1-${gapRef}/${d}),${a})`;
  const clamped = `IF(${raw}<0,${below},MIN(99.9,${raw}))`;
  const unmet = d === null ? '0' : 'fixed' in th ? clamped : `IF(${d}>0,${clamped},0)`;
  return `IF(ISNUMBER(${gapRef}),IF(${gapRef}=0,100,${unmet}),"")`;
}

/**
 * An indicator's value from input cells (compute.ts): the sum of the parts, "" when any part is
 * not a number, "" for a zero denominator (the core's zero-denominator error: no number).
 */
export function ratioFormula(numerators: string[], denominators: string[], scale: number): string {
  const all = [...numerators, ...denominators];
  const sum = (refs: string[]) => (refs.length === 1 ? refs[0] : `(${refs.join('+')})`);
  const ready = all.length === 1 ? `ISNUMBER(${all[0]})` : `COUNT(${all.join(',')})=${all.length}`;
  const den = sum(denominators);
  const body = scale === 1 ? `${sum(numerators)}/${den}` : `${sum(numerators)}/${den}*${num(scale)}`;
  return `IF(${ready},IF(${den}=0,"",${body}),"")`;
}

export function sumFormula(parts: string[]): string {
  if (parts.length === 1) return numberOrBlankFormula(parts[0]!);
  return `IF(COUNT(${parts.join(',')})=${parts.length},${parts.join('+')},"")`;
}

/** A typed number passed through (direct indicators in a unit table). */
export function directFormula(cell: string): string {
  return `IF(ISNUMBER(${cell}),${cell},"")`;
}

/**
 * A yes/no answer as 1/0 (coerce.ts coerceBoolean, the part a template can read): 是/yes/TRUE/1
 * → 1, 否/no/FALSE/0 → 0, anything else (blank, 不适用 …) → "". Blank is tested first because
 * Excel compares an empty cell equal to 0 and FALSE.
 */
export function booleanValueFormula(cell: string): string {
  return (
    `IF(ISBLANK(${cell}),"",IF(ISLOGICAL(${cell}),IF(${cell},1,0),` +
    `IF(ISNUMBER(${cell}),IF(${cell}=1,1,IF(${cell}=0,0,"")),` +
    `IF(OR(TRIM(${cell})="是",TRIM(${cell})="yes"),1,IF(OR(TRIM(${cell})="否",TRIM(${cell})="no"),0,"")))))`
  );
}

/** Σ of a column of inputs, "" when no unit typed a number (a county total is not 0 by default). */
export function totalFormula(range: string): string {
  return `IF(COUNT(${range})=0,"",SUM(${range}))`;
}

/** balance/school.ts: 1 when ROUND(x,p) ≥ t, 0 when below or missing. */
export function meetsTerm(x: string, p: number, threshold: number): string {
  return `IF(ISNUMBER(${x}),IF(ROUND(${x},${p})>=${num(threshold)},1,0),0)`;
}

/** balance/school.ts: 1 when ROUND(x,p) < ROUND(floorRatio × t, 10) (below the 85 % floor). */
export function belowFloorTerm(x: string, p: number, floor: number): string {
  return `IF(ISNUMBER(${x}),IF(ROUND(${x},${p})<${num(floor)},1,0),0)`;
}

export function missingTerm(x: string): string {
  return `IF(ISNUMBER(${x}),0,1)`;
}

/** The floor of the 6-of-7 rule exactly as the core computes it. */
export function balanceFloor(floorRatio: number, threshold: number): number {
  return roundTo(floorRatio * threshold, 10);
}

/**
 * The school result (balance/school.ts balancedSchool): 未达标 when any value is below the floor
 * or too many miss the threshold; 无数据 when values are missing and the known ones do not already
 * fail; else 达标 when at least minMeeting meet.
 */
export function balancedFormula(meetingRef: string, belowFloorRef: string, missingRef: string, n: number, minMeeting: number, words: StatusWords): string {
  const notMeeting = `(${n}-${meetingRef}-${missingRef})`;
  return (
    `IF(OR(${belowFloorRef}>0,${notMeeting}>${n - minMeeting}),${str(words.unmet)},` +
    `IF(${missingRef}>0,${str(words.noData)},IF(${meetingRef}>=${minMeeting},${str(words.met)},${str(words.unmet)})))`
  );
}

/**
 * The enrolment-weighted 校际差异系数 over unit rows (balance/diffcoef.ts), from the column of
 * school ratios X (number, or "" where it cannot be computed) and the pupils column P:
 *   W = Σ P over schools with a ratio,  X̄ = Σ P·x / W,  S² = Σ P·x² / W − X̄²,  CV = √S² / X̄.
 * SUMPRODUCT over plain ranges counts text and "" as 0, so schools without a ratio drop out
 * without IF (which would need an array entry in older Excel). Σ P·x = ΣR·scale, so X̄ is the
 * county mean ΣR/ΣP of the standard; "" when no school has a ratio or the mean is 0 (the core's
 * empty / zero-mean issues).
 */
export function diffCoefFormula(xRange: string, pRange: string): string {
  const w = `SUMPRODUCT(${pRange},--ISNUMBER(${xRange}))`;
  const px = `SUMPRODUCT(${pRange},${xRange})`;
  const pxx = `SUMPRODUCT(${pRange},${xRange},${xRange})`;
  const mean = `(${px}/${w})`;
  return `IF(${w}<=0,"",IF(${mean}<=0,"",SQRT(MAX(0,${pxx}/${w}-${mean}^2))/${mean}))`;
}

/** ROUND(cv,3) <= limit (diffcoef.ts diffCoefPasses), 无数据 when the coefficient is "". */
export function diffCoefStatusFormula(cvRef: string, limit: number, words: StatusWords): string {
  return `IF(ISNUMBER(${cvRef}),IF(ROUND(${cvRef},${DIFFCOEF_PRECISION})<=${num(limit)},${str(words.met)},${str(words.unmet)}),${str(words.noData)})`;
}

/**
 * Custom data validation for a numeric input (relative to its anchor cell): a number within
 * [min, max] (whole for counts), or one of the missing codes when they are allowed.
 */
export function numberValidationFormula(anchor: string, opts: { min?: number; max?: number; whole: boolean; codes: readonly string[] }): string {
  // IF, not AND/OR: INT() of a missing code is #VALUE!, and AND/OR evaluate every argument.
  const checks: string[] = [];
  if (opts.min !== undefined) checks.push(`${anchor}>=${num(opts.min)}`);
  if (opts.max !== undefined) checks.push(`${anchor}<=${num(opts.max)}`);
  if (opts.whole) checks.push(`INT(${anchor})=${anchor}`);
  const numeric = checks.length === 0 ? 'TRUE' : checks.length === 1 ? checks[0] : `AND(${checks.join(',')})`;
  const codes = opts.codes.length === 0 ? 'FALSE' : opts.codes.length === 1 ? `${anchor}=${str(opts.codes[0])}` : `OR(${opts.codes.map((c) => `${anchor}=${str(c)}`).join(',')})`;
  return `IF(ISNUMBER(${anchor}),${numeric},${codes})`;
}

/**
 * One stage's share of a combined school's shared resources (balance/stage.ts splitCombinedSchool):
 * share_s = P_s·w_s / Σ P_t·w_t, "" when the school has no pupils in that stage (or P_s is not a
 * number). N() reads blanks and missing codes of the other stages as 0.
 */
export function stageShareFormula(own: string, weight: number, all: ReadonlyArray<{ ref: string; weight: number }>): string {
  const total = all.map((a) => `N(${a.ref})*${num(a.weight)}`).join('+');
  return `IF(ISNUMBER(${own}),IF(${own}>0,${own}*${num(weight)}/(${total}),""),"")`;
}

/** A part of a stage's value: an input of that stage, or a shared input times the stage's share. */
export interface StagePart {
  ref: string;
  split: boolean;
}

/**
 * A stage's value of a ratio (compute.ts with balance/stage.ts): Σ numerator parts ÷ Σ denominator
 * parts × scale, shared inputs multiplied by the stage's share; "" when a part or the share is not
 * a number, or the denominator is 0.
 */
export function stageRatioFormula(numerators: StagePart[], denominators: StagePart[], share: string | undefined, scale: number): string {
  const all = [...numerators, ...denominators];
  const refs = all.map((p) => p.ref);
  const needShare = share !== undefined && all.some((p) => p.split);
  const term = (p: StagePart) => (p.split && share !== undefined ? `${p.ref}*${share}` : p.ref);
  const sum = (ps: StagePart[]) => (ps.length === 1 ? term(ps[0]) : `(${ps.map(term).join('+')})`);
  const ready = [refs.length === 1 ? `ISNUMBER(${refs[0]})` : `COUNT(${refs.join(',')})=${refs.length}`, ...(needShare ? [`ISNUMBER(${share})`] : [])];
  const cond = ready.length === 1 ? ready[0] : `AND(${ready.join(',')})`;
  const den = sum(denominators);
  const body = scale === 1 ? `${sum(numerators)}/${den}` : `${sum(numerators)}/${den}*${num(scale)}`;
  return `IF(${cond},IF(${den}=0,"",${body}),"")`;
}

/** A whole-school number collected per stage: the sum of its stage parts, "" when none is a number. */
export function stagePartsTotal(parts: readonly string[]): string {
  return `IF(COUNT(${parts.join(',')})=0,"",SUM(${parts.join(',')}))`;
}

/**
 * A stage's status on a unit: the status when the unit has pupils in that stage, 不涉及 when it
 * has pupils only in other stages, 无数据 when no stage has pupils yet.
 */
export function stageStatusFormula(status: string, own: string, all: readonly string[], words: StatusWords): string {
  return `IF(COUNT(${all.join(',')})=0,${str(words.noData)},IF(N(${own})>0,${status},${str(words.notApplicable)}))`;
}

/** A stage's value of a sum (compute.ts): Σ parts, shared inputs times the stage's share; "" when a part is missing. */
export function stageSumFormula(parts: StagePart[], share: string | undefined): string {
  const refs = parts.map((p) => p.ref);
  const needShare = share !== undefined && parts.some((p) => p.split);
  const ready = [refs.length === 1 ? `ISNUMBER(${refs[0]})` : `COUNT(${refs.join(',')})=${refs.length}`, ...(needShare ? [`ISNUMBER(${share})`] : [])];
  const cond = ready.length === 1 ? ready[0] : `AND(${ready.join(',')})`;
  return `IF(${cond},${parts.map((p) => (p.split && share !== undefined ? `${p.ref}*${share}` : p.ref)).join('+')},"")`;
}

/** validate/relations.ts partLeTotal: TRUE while every cell is a number and Σ parts > total. */
export function partExceedsTotalFormula(parts: readonly string[], total: string): string {
  const all = [...parts, total];
  return `AND(COUNT(${all.join(',')})=${all.length},${parts.length === 1 ? parts[0] : `SUM(${parts.join(',')})`}>${total})`;
}

// ---------------------------------------------------------------------------------------------
// The consolidation summary (core/consolidate/summary-spec.ts): totals over the unit table and
// the 差异系数 written out step by step, so a reader can follow the computation cell by cell.

/** SUM(range). */
export function sumRangeFormula(range: string): string {
  return `SUM(${range})`;
}

/** xᵢ = Rᵢ ÷ Pᵢ (×100 for a per-100 indicator): one school's ratio. */
export function unitRatioFormula(amount: string, pupils: string, per100: boolean): string {
  return per100 ? `${amount}/${pupils}*100` : `${amount}/${pupils}`;
}

/** wᵢ = Pᵢ ÷ ΣP: one school's weight. */
export function weightFormula(pupils: string, totalPupils: string): string {
  return `${pupils}/${totalPupils}`;
}

/** wᵢ(xᵢ − X̄)²: one school's term of the weighted variance. */
export function weightedSquareFormula(weight: string, x: string, mean: string): string {
  return `${weight}*(${x}-${mean})^2`;
}

/** X̄ = ΣR ÷ ΣP (×100): the pooled mean, "" without pupils. */
export function pooledMeanFormula(totalAmount: string, totalPupils: string, per100: boolean): string {
  return `IF(${totalPupils}>0,${totalAmount}/${totalPupils}${per100 ? '*100' : ''},"")`;
}

/** S = √Σ wᵢ(xᵢ − X̄)². */
export function sqrtSumFormula(range: string): string {
  return `SQRT(SUM(${range}))`;
}

/** CV = S ÷ X̄, "" until both are numbers and X̄ > 0. */
export function coefficientFormula(mean: string, sd: string): string {
  return `IF(AND(ISNUMBER(${mean}),ISNUMBER(${sd})),IF(${mean}>0,${sd}/${mean},""),"")`;
}

/** The value of a cell when it is a number, "" otherwise. */
export function numberOrBlankFormula(cell: string): string {
  return `IF(ISNUMBER(${cell}),${cell},"")`;
}

/** A county rate from summed parts: "" when no unit counted or the denominator is 0. */
export function countedRatioFormula(counted: string, numerator: string, denominator: string, scale: number): string {
  return `IF(${counted}=0,"",IF(${denominator}=0,"",${numerator}*${num(scale)}/${denominator}))`;
}

/** A county sum: "" when no unit counted. */
export function countedValueFormula(counted: string, value: string): string {
  return `IF(${counted}=0,"",${value})`;
}

/** A criterion of SUMIFS/COUNTIFS: a range and what its cells must be. */
export interface Criterion {
  range: string;
  /** A text to equal (written as a literal), or a comparison such as `>=0`. */
  equals?: string;
  compare?: string;
}

function criteria(list: readonly Criterion[]): string {
  return list.map((c) => `${c.range},${str(c.equals ?? c.compare ?? '')}`).join(',');
}

/** SUMIFS(range, criteria…). */
export function sumIfsFormula(range: string, list: readonly Criterion[]): string {
  return `SUMIFS(${range},${criteria(list)})`;
}

/** COUNTIFS(criteria…). */
export function countIfsFormula(list: readonly Criterion[]): string {
  return `COUNTIFS(${criteria(list)})`;
}
