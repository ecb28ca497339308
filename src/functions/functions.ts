/**
 * Excel custom functions (namespace EDU, set in the manifest). The webpack entry: the metadata
 * plugin reads the JSDoc below to generate functions.json and adds the CustomFunctions.associate
 * calls itself. English names/descriptions come from here; Chinese ones from functions.zh-cn.json
 * (scripts/localize-functions.js). The logic lives in impl.ts.
 *
 * Ranges: `actual` (and targets, baselines, amounts) accept a single cell or a range; a range spills
 * one result per cell, a 1×1 argument is repeated over the others. Errors are Excel errors with a
 * message (#VALUE! for invalid input, #N/A for missing data or an unknown target).
 */
import { toLang } from '../core/i18n/text';
import { setFunctionLang } from './errors';
import {
  achievementImpl,
  balancedImpl,
  diffCoefImpl,
  expectedImpl,
  gapImpl,
  guard,
  indicatorsImpl,
  numberImpl,
  onTrackImpl,
  passImpl,
  per100Impl,
  perPupilImpl,
  statusImpl,
  targetImpl,
  targetTextImpl,
} from './impl';

/**
 * The target of an indicator in a plan, for a year and a level (a yes/no target gives 1 or 0).
 * @customfunction TARGET TARGET
 * @param plan Plan id or name, e.g. "national-yzjh-2017", "阳江" or "优质均衡".
 * @param indicator Indicator id, code or Chinese name, e.g. "b1", "B1" or "九年义务教育巩固率".
 * @param [year] Year the target is due; omitted: the final target.
 * @param [level] Stage the target applies to, e.g. "小学" or "初中".
 * @param [reference] Reference value of a relative target (e.g. civil servants' average pay).
 * @returns The target value.
 */
export function eduTarget(plan: string, indicator: string, year?: number, level?: string, reference?: number): number {
  return guard(() => targetImpl(plan, indicator, year, level, reference));
}

/**
 * The target of an indicator as text, e.g. "≥ 96%", "1–3项", "是" or "xx%（目标未定）".
 * @customfunction TARGETTEXT TARGETTEXT
 * @param plan Plan id.
 * @param indicator Indicator id or code.
 * @param [year] Year the target is due.
 * @param [level] Stage, e.g. "小学".
 * @returns The target as text.
 */
export function eduTargetText(plan: string, indicator: string, year?: number, level?: string): string {
  return guard(() => targetTextImpl(plan, indicator, year, level));
}

/**
 * How far the actual value falls short of the target, in the indicator's unit; 0 when met.
 * @customfunction GAP GAP
 * @param actual Actual value(s): a cell or a range.
 * @param target Target: a number, a text such as ">=95", or an indicator "plan/indicator".
 * @param [comparator] Comparator for a numeric target: >=, >, <=, < or = (default >=).
 * @param [year] Year (picks the target due that year).
 * @param [level] Stage, e.g. "小学".
 * @returns The gap (0 when met).
 */
export function eduGap(actual: unknown[][], target: unknown[][], comparator?: string, year?: number, level?: string): number[][] {
  return guard(() => gapImpl(actual, target, comparator, year, level));
}

/**
 * TRUE when the actual value meets the target (rounded to the display precision, then compared).
 * @customfunction PASS PASS
 * @param actual Actual value(s): a cell or a range.
 * @param target Target: a number, a text such as ">=95", or an indicator "plan/indicator".
 * @param [comparator] Comparator for a numeric target: >=, >, <=, < or = (default >=).
 * @param [year] Year (picks the target due that year).
 * @param [level] Stage, e.g. "小学".
 * @returns TRUE when met, FALSE otherwise.
 */
export function eduPass(actual: unknown[][], target: unknown[][], comparator?: string, year?: number, level?: string): boolean[][] {
  return guard(() => passImpl(actual, target, comparator, year, level));
}

/**
 * The status of the actual value: Met, Near, Not met, No data or Target unknown.
 * @customfunction STATUS STATUS
 * @param actual Actual value(s): a cell or a range.
 * @param target Target: a number, a text such as ">=95", or an indicator "plan/indicator".
 * @param [comparator] Comparator for a numeric target: >=, >, <=, < or = (default >=).
 * @param [year] Year (picks the target due that year).
 * @param [level] Stage, e.g. "小学".
 * @param [tolerance] Width of the "near" band in the indicator's unit (default: the plan's, else 5% of the target).
 * @returns The status text.
 */
export function eduStatus(actual: unknown[][], target: unknown[][], comparator?: string, year?: number, level?: string, tolerance?: number): string[][] {
  return guard(() => statusImpl(actual, target, comparator, year, level, tolerance));
}

/**
 * Progress from the baseline to the target, in percent (100 when met).
 * @customfunction ACHIEVEMENT ACHIEVEMENT
 * @param actual Actual value(s): a cell or a range.
 * @param baseline Baseline value (may be blank).
 * @param target Target: a number, a text such as ">=95", or an indicator "plan/indicator".
 * @param [comparator] Comparator: >=, >, <=, < or =; default >=, or <= when the target is below the baseline.
 * @param [year] Year (picks the target due that year).
 * @param [level] Stage, e.g. "小学".
 * @returns Achievement in percent.
 */
export function eduAchievement(actual: unknown[][], baseline: unknown[][], target: unknown[][], comparator?: string, year?: number, level?: string): number[][] {
  return guard(() => achievementImpl(actual, baseline, target, comparator, year, level));
}

/**
 * TRUE when the actual value is on the straight path from the baseline to the target in that year.
 * @customfunction ONTRACK ONTRACK
 * @param actual Actual value(s): a cell or a range.
 * @param year The year of the actual value.
 * @param indicator Indicator "plan/indicator", e.g. "yangjiang-2021-2025/consolidation-rate".
 * @param [level] Stage, e.g. "小学".
 * @returns TRUE when on track.
 */
export function eduOnTrack(actual: unknown[][], year: number, indicator: string, level?: string): boolean[][] {
  return guard(() => onTrackImpl(actual, year, indicator, level));
}

/**
 * The value expected in a year on the straight path from the baseline to the target.
 * @customfunction EXPECTED EXPECTED
 * @param year The year.
 * @param indicator Indicator "plan/indicator".
 * @param [level] Stage, e.g. "小学".
 * @returns The expected value.
 */
export function eduExpected(year: number, indicator: string, level?: string): number {
  return guard(() => expectedImpl(year, indicator, level));
}

/**
 * Amount per 100 pupils: amount ÷ pupils × 100.
 * @customfunction PER100 PER100
 * @param amount Resource amount(s), e.g. teachers or classrooms.
 * @param pupils Pupils (enrolment).
 * @returns Amount per 100 pupils.
 */
export function eduPer100(amount: unknown[][], pupils: unknown[][]): number[][] {
  return guard(() => per100Impl(amount, pupils));
}

/**
 * Amount per pupil: amount ÷ pupils.
 * @customfunction PERPUPIL PERPUPIL
 * @param amount Resource amount(s), e.g. floor area or equipment value.
 * @param pupils Pupils (enrolment).
 * @returns Amount per pupil.
 */
export function eduPerPupil(amount: unknown[][], pupils: unknown[][]): number[][] {
  return guard(() => perPupilImpl(amount, pupils));
}

/**
 * The enrolment-weighted coefficient of variation between schools (校际差异系数) of one indicator.
 * @customfunction DIFFCOEF DIFFCOEF
 * @param amounts Each school's resource amount (a range).
 * @param pupils Each school's pupils (a range of the same size).
 * @param [per100] TRUE for indicators per 100 pupils (does not change the coefficient).
 * @returns The weighted coefficient of variation.
 */
export function eduDiffCoef(amounts: unknown[][], pupils: unknown[][], per100?: boolean): number {
  return guard(() => diffCoefImpl(amounts, pupils, per100));
}

/**
 * TRUE when a school meets the balanced-development resource rule: at least 6 of the 7 indicators meet
 * their threshold and the others reach 85% of it.
 * @customfunction BALANCED BALANCED
 * @param values The school's seven values B1…B7 (a row or a column).
 * @param level "小学" or "初中".
 * @param [plan] Plan id whose thresholds replace the national standard.
 * @returns TRUE when balanced.
 */
export function eduBalanced(values: unknown[][], level: string, plan?: string): boolean {
  return guard(() => balancedImpl(values, level, plan));
}

/**
 * A value read as a number the way every EDU function reads it ("95%" → 95, "1,234" → 1234).
 * @customfunction NUMBER NUMBER
 * @param value Value(s): a cell or a range.
 * @returns The number.
 */
export function eduNumber(value: unknown[][]): number[][] {
  return guard(() => numberImpl(value));
}

// Messages follow Office's display language (Chinese unless it is English).
if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  void Office.onReady(() => {
    try {
      setFunctionLang(toLang(Office.context.displayLanguage));
    } catch {
      // No display language in this host: keep Chinese.
    }
  });
}

/**
 * A plan's indicators as a table that spills: id, code, name, unit, stage, the target number for
 * the year and stage, and every threshold as text. For what-if sheets.
 * @customfunction INDICATORS INDICATORS
 * @param plan Plan id or name, e.g. "national-yzjh-2017" or "优质均衡".
 * @param [level] Stage, e.g. "初中": only its indicators, with its targets.
 * @param [year] Year the targets are due; omitted: the final targets.
 * @returns One row per indicator, after a header row.
 */
export function eduIndicators(plan: string, level?: string, year?: number): unknown[][] {
  return guard(() => indicatorsImpl(plan, level, year));
}
