/**
 * 优质均衡 per school and per county.
 *
 * SCHOOL RULE: a school's resource allocation passes when at least `minMeeting` (6) of the seven
 * indicators meet their threshold AND every other one reaches `floorRatio` (85 %) of its threshold.
 *   meets   ⇔ ROUND(x, p) >= t                     (the threshold rule, p = the indicator's precision)
 *   floor   ⇔ ROUND(x, p) >= ROUND(0.85 × t, 10)   (the ROUND(…,10) only removes float noise)
 * Thresholds: the national standard (B1–B7, 小学/初中) unless a plan with a `balance` rule is given
 * (then each indicator's target for the level), or an explicit list of seven thresholds.
 * A missing value does not count as 0: the result is `null` (undecidable) unless the known values
 * already fail the rule.
 *
 * COUNTY RULE: for each indicator separately, the weighted 校际差异系数 (diffcoef.ts) must satisfy
 * ROUND(cv, 3) <= 0.50 (小学) / 0.45 (初中), or the plan's `balance.cvLimit`.
 */
import type { Bilingual } from '../i18n/text';
import { coerceNumber, isCoerced, type MissingCode } from '../coerce';
import { EduError, type EduIssue } from '../evaluate/errors';
import { precisionOf } from '../evaluate/precision';
import { roundTo } from '../evaluate/round';
import { resolveTarget } from '../evaluate/target';
import { findIndicator } from '../plan/registry';
import { isLevel } from '../plan/levels';
import type { Level, Plan } from '../plan/schema';
import { diffCoefLimit, diffCoefPasses, weightedDiffCoefDetail } from './diffcoef';
import { NATIONAL_BALANCE, parseBalanceLevel } from './national';

export interface BalanceRuleIndicator {
  id: string;
  code?: string;
  name: Bilingual;
  threshold: number;
  precision: number;
  per100: boolean;
}

export interface BalanceRuleSpec {
  level: Level;
  indicators: BalanceRuleIndicator[];
  minMeeting: number;
  floorRatio: number;
  /** Limit of the county's weighted 校际差异系数 for this level. */
  cvLimit?: number;
}

function fail(code: EduIssue['code'], zh: string, en: string): never {
  throw new EduError({ code, message: { zh, en } });
}

/** 小学 / 初中 (or any schema level) from text; throws unknown-level. */
export function toLevel(level: string): Level {
  const b = parseBalanceLevel(level);
  if (b) return b;
  const trimmed = level.trim();
  if (isLevel(trimmed)) return trimmed;
  return fail('unknown-level', `无法识别的学段「${level}」（应为 小学 或 初中）`, `unknown level "${level}" (expected 小学 or 初中)`);
}

/** The rule for a level: from a plan's `balance`, from seven explicit thresholds, or national. */
export function balanceRuleFor(levelText: string, source?: Plan | readonly number[]): BalanceRuleSpec {
  const level = toLevel(levelText);
  if (source === undefined || Array.isArray(source)) {
    if (level !== '小学' && level !== '初中') {
      return fail('unknown-level', `国家标准只规定小学和初中（不含「${level}」）`, `the national standard covers 小学 and 初中 only (not ${level})`);
    }
    const list = source as readonly number[] | undefined;
    if (list && list.length !== NATIONAL_BALANCE.indicators.length) {
      return fail('length-mismatch', `需要 ${NATIONAL_BALANCE.indicators.length} 个阈值，收到 ${list.length} 个`, `expected ${NATIONAL_BALANCE.indicators.length} thresholds, got ${list.length}`);
    }
    return {
      level,
      minMeeting: NATIONAL_BALANCE.minMeeting,
      floorRatio: NATIONAL_BALANCE.floorRatio,
      cvLimit: NATIONAL_BALANCE.cvLimit[level],
      indicators: NATIONAL_BALANCE.indicators.map((s, i) => ({
        id: s.id,
        code: s.code,
        name: s.name,
        threshold: list ? list[i]! : s.thresholds[level],
        precision: s.precision,
        per100: s.per100,
      })),
    };
  }
  const plan = source as Plan;
  if (!plan.balance) return fail('invalid-argument', `计划「${plan.id}」没有优质均衡规则`, `plan ${plan.id} has no balance rule`);
  const indicators = plan.balance.indicators.map((id): BalanceRuleIndicator => {
    const ref = findIndicator(plan, id);
    if (!ref) return fail('unknown-indicator', `计划中没有指标「${id}」`, `no indicator ${id} in the plan`);
    const ind = ref.indicator;
    const r = resolveTarget(ind, { level });
    if (!r.ok) throw new EduError(r.error);
    const th = r.value.threshold;
    if (!th || (th.op !== '>=' && th.op !== '>')) {
      return fail('no-target', `指标「${id}」在「${level}」没有“不低于”类的数值目标`, `indicator ${id} has no numeric ≥ target for ${level}`);
    }
    return { id: ind.id, code: ind.code, name: { zh: ind.name.zh, en: ind.name.en ?? ind.name.zh }, threshold: th.value, precision: precisionOf(ind), per100: ind.kind === 'per100' };
  });
  return {
    level,
    indicators,
    minMeeting: plan.balance.minMeeting,
    floorRatio: plan.balance.floorRatio,
    cvLimit: diffCoefLimit(level, plan),
  };
}

export interface BalanceItem {
  id: string;
  code?: string;
  name: Bilingual;
  value: number | null;
  missing?: MissingCode;
  invalid?: Bilingual;
  threshold: number;
  /** ROUND(floorRatio × threshold, 10). */
  floor: number;
  precision: number;
  meets: boolean | null;
  aboveFloor: boolean | null;
  /** ROUND(x,p) / threshold × 100, 1 decimal. */
  percentOfThreshold: number | null;
}

export interface BalancedSchoolResult {
  level: Level;
  /** null: values are missing and the known ones do not already decide. */
  balanced: boolean | null;
  minMeeting: number;
  floorRatio: number;
  /** Ids of indicators meeting their threshold. */
  meeting: string[];
  /** Below the threshold but at or above the floor. */
  belowThreshold: string[];
  /** Below floorRatio × threshold. */
  belowFloor: string[];
  missing: string[];
  invalid: string[];
  items: BalanceItem[];
}

function pickValues(values: readonly unknown[] | Readonly<Record<string, unknown>>, rule: BalanceRuleSpec): unknown[] {
  if (Array.isArray(values)) {
    if (values.length !== rule.indicators.length) {
      fail('length-mismatch', `需要 ${rule.indicators.length} 项指标值，收到 ${values.length} 项`, `expected ${rule.indicators.length} values, got ${values.length}`);
    }
    return [...values];
  }
  const rec = values as Readonly<Record<string, unknown>>;
  const keys = new Map(Object.keys(rec).map((k) => [k.trim().toLowerCase(), k]));
  return rule.indicators.map((ind) => {
    const k = keys.get(ind.id.toLowerCase()) ?? (ind.code ? keys.get(ind.code.toLowerCase()) : undefined);
    return k === undefined ? undefined : rec[k];
  });
}

/**
 * The 6-of-7 / 85 % rule for one school (see the module comment). `values` in the rule's order
 * (B1…B7) or keyed by id / code; each a number, text ("4.5") or a Coerced. Throws EduError for a
 * wrong number of values, an unknown level or a plan without a balance rule.
 */
export function balancedSchool(
  values: readonly unknown[] | Readonly<Record<string, unknown>>,
  level: string,
  source?: Plan | readonly number[],
): BalancedSchoolResult {
  const rule = balanceRuleFor(level, source);
  const raw = pickValues(values, rule);
  const items: BalanceItem[] = rule.indicators.map((ind, i) => {
    const c = isCoerced(raw[i]) ? raw[i] : coerceNumber(raw[i]);
    const floor = roundTo(rule.floorRatio * ind.threshold, 10);
    const item: BalanceItem = {
      id: ind.id,
      code: ind.code,
      name: ind.name,
      value: null,
      threshold: ind.threshold,
      floor,
      precision: ind.precision,
      meets: null,
      aboveFloor: null,
      percentOfThreshold: null,
    };
    if (c.kind === 'number') {
      const x = roundTo(c.value, ind.precision);
      item.value = c.value;
      item.meets = x >= ind.threshold;
      item.aboveFloor = x >= floor;
      item.percentOfThreshold = ind.threshold > 0 ? roundTo((x / ind.threshold) * 100, 1) : null;
    } else if (c.kind === 'missing') item.missing = c.code;
    else item.invalid = c.message;
    return item;
  });
  const ids = (f: (x: BalanceItem) => boolean) => items.filter(f).map((x) => x.id);
  const meeting = ids((x) => x.meets === true);
  const belowThreshold = ids((x) => x.meets === false && x.aboveFloor === true);
  const belowFloor = ids((x) => x.aboveFloor === false);
  const missing = ids((x) => x.missing !== undefined);
  const invalid = ids((x) => x.invalid !== undefined);
  const unknown = missing.length + invalid.length;
  const notMeeting = belowThreshold.length + belowFloor.length;
  let balanced: boolean | null;
  if (belowFloor.length > 0 || notMeeting > rule.indicators.length - rule.minMeeting) balanced = false;
  else if (unknown > 0) balanced = null;
  else balanced = meeting.length >= rule.minMeeting;
  return { level: rule.level, balanced, minMeeting: rule.minMeeting, floorRatio: rule.floorRatio, meeting, belowThreshold, belowFloor, missing, invalid, items };
}

export interface CountyIndicatorResult {
  id: string;
  code?: string;
  cv: number | null;
  mean: number | null;
  limit: number | undefined;
  passes: boolean | null;
  issue?: EduIssue;
}

/**
 * The county check: the weighted 校际差异系数 of each indicator separately.
 * `amountsByIndicator[k][i]` is school i's resource amount for indicator k (teachers, m², 元 …),
 * `pupils[i]` its enrolment at this level (combined schools already split, see stage.ts).
 */
export function countyBalance(
  amountsByIndicator: ReadonlyArray<readonly number[]>,
  pupils: readonly number[],
  level: string,
  source?: Plan | readonly number[],
): { level: Level; passes: boolean | null; items: CountyIndicatorResult[] } {
  const rule = balanceRuleFor(level, source);
  if (amountsByIndicator.length !== rule.indicators.length) {
    fail('length-mismatch', `需要 ${rule.indicators.length} 项指标的资源量，收到 ${amountsByIndicator.length} 项`, `expected amounts for ${rule.indicators.length} indicators, got ${amountsByIndicator.length}`);
  }
  const items = rule.indicators.map((ind, k): CountyIndicatorResult => {
    const r = weightedDiffCoefDetail(amountsByIndicator[k]!, pupils, { per100: ind.per100 });
    if (!r.ok) return { id: ind.id, code: ind.code, cv: null, mean: null, limit: rule.cvLimit, passes: null, issue: r.error };
    return {
      id: ind.id,
      code: ind.code,
      cv: r.value.cv,
      mean: r.value.mean,
      limit: rule.cvLimit,
      passes: rule.cvLimit === undefined ? null : diffCoefPasses(r.value.cv, rule.cvLimit),
    };
  });
  const passes = items.some((x) => x.passes === false) ? false : items.every((x) => x.passes === true) ? true : null;
  return { level: rule.level, passes, items };
}
