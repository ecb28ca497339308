/**
 * One evaluation of one value against one indicator: the object the CLI prints, the task pane
 * shows and the templates' formulas reproduce. Every number in it follows the rules documented in
 * threshold.ts (rounding, gap), tolerance.ts (band), achievement.ts and ontrack.ts.
 */
import type { Bilingual } from '../i18n/text';
import { coerceBoolean, coerceCount, coerceNumber, isCoerced, type Coerced, type MissingCode } from '../coerce';
import type { Attribute, Indicator, Level, Plan, Target, Text, Tolerance } from '../plan/schema';
import { achievementDetail } from './achievement';
import type { EduIssue } from './errors';
import { onTrack, type OnTrackResult } from './ontrack';
import { precisionOf } from './precision';
import { roundTo } from './round';
import { impossibleAbove, INVALID_LABEL, STATUS_LABEL, statusLabelOf, type Status } from './status';
import { resolveTarget } from './target';
import { gap as gapOf, thresholdText, type Threshold } from './threshold';
import { bandWidth, toleranceOf } from './tolerance';

export interface EvaluateOptions {
  /** The plan the indicator belongs to (its default tolerance). */
  plan?: Plan;
  year?: number;
  level?: Level;
  /** The reference value of a relative target (raw or coerced). */
  reference?: unknown;
  /** The 接近 band: a number is an absolute width. */
  tolerance?: number | Tolerance;
  /** Replaces the indicator's baseline value. */
  baseline?: number;
}

export interface Evaluation {
  planId?: string;
  indicatorId: string;
  code?: string;
  name: Text;
  unit: string;
  attribute?: Attribute;
  /** 约束性: a miss is more severe. */
  binding: boolean;
  year?: number;
  level?: Level;
  precision: number;
  target: Target | null;
  threshold: Threshold | null;
  /** "≥ 96%", or the placeholder ("xx%") for an unknown target. */
  targetText: Bilingual;
  /** The coerced actual value (null when missing or invalid). */
  actual: number | null;
  /** The actual rounded to the precision: the number the decision is made on. */
  rounded: number | null;
  missing?: MissingCode;
  /** What coercion did to the input ("95%" → 95). */
  note?: Bilingual;
  gap: number | null;
  achievement: number | null;
  /** The value moved away from the target since the baseline (achievement clamped at 0, labelled 较基期倒退). */
  regressed?: boolean;
  /** The value cannot be (a net rate above 100 %): status 无数据 with the label 数据有误, never 达标. */
  invalid?: boolean;
  band: number;
  status: Status;
  statusLabel: Bilingual;
  onTrack: OnTrackResult | null;
  /** Why a value could not be evaluated (invalid input, unknown level …). */
  issue?: EduIssue;
}

function toCoerced(raw: unknown, indicator: Indicator, bool: boolean): Coerced {
  if (isCoerced(raw)) return raw;
  if (bool) {
    const b = coerceBoolean(raw);
    return b.kind === 'boolean' ? { kind: 'number', value: b.value ? 1 : 0, normalized: b.normalized } : b;
  }
  return indicator.kind === 'count' ? coerceCount(raw, { unit: indicator.unit }) : coerceNumber(raw, { unit: indicator.unit });
}

export function evaluate(indicator: Indicator, actual: unknown, opts: EvaluateOptions = {}): Evaluation {
  const p = precisionOf(indicator);
  let reference: number | undefined;
  let referenceIssue: EduIssue | undefined;
  if (opts.reference !== undefined) {
    const r = isCoerced(opts.reference) ? opts.reference : coerceNumber(opts.reference);
    if (r.kind === 'number') reference = r.value;
    else if (r.kind === 'error') referenceIssue = { code: 'invalid-input', message: { zh: `参照值：${r.message.zh}`, en: `reference: ${r.message.en}` } };
  }
  const resolved = resolveTarget(indicator, { year: opts.year, level: opts.level, reference });
  const target = resolved.ok ? resolved.value.target : null;
  const threshold = resolved.ok ? resolved.value.threshold : null;
  const bool = target?.comparator === 'bool' || indicator.kind === 'boolean';
  const c = toCoerced(actual, indicator, bool);
  const value = c.kind === 'number' ? c.value : null;
  const rounded = value === null ? null : roundTo(value, p);
  const targetText: Bilingual = threshold
    ? thresholdText(threshold, indicator.unit)
    : resolved.ok && resolved.value.missing === 'placeholder'
      ? { zh: `${resolved.value.placeholder ?? 'xx'}（目标未定）`, en: `${resolved.value.placeholder ?? 'xx'} (target unknown)` }
      : resolved.ok && target?.comparator === 'relative'
        ? { zh: `${opMark(target.relation)} ${target.reference.name.zh}${target.factor !== 1 ? ` × ${target.factor}` : ''}`, en: `${opMark(target.relation)} ${target.reference.name.en ?? target.reference.name.zh}${target.factor !== 1 ? ` × ${target.factor}` : ''}` }
        : { zh: '—', en: '—' };
  const tol = toleranceOf(indicator, opts.plan, opts.tolerance);
  const violated = threshold?.op === 'between' && rounded !== null ? (rounded < threshold.low ? threshold.low : threshold.high) : undefined;
  const band =
    threshold === null || threshold.op === 'bool'
      ? 0
      : bandWidth(tol, violated ?? (threshold.op === 'between' ? threshold.low : threshold.value), p);

  // One object literal (no spread of a partial object: spreading a partial object made evaluate() several times slower in V8).
  const out: Evaluation = {
    planId: opts.plan?.id,
    indicatorId: indicator.id,
    code: indicator.code,
    name: indicator.name,
    unit: indicator.unit,
    attribute: indicator.attribute,
    binding: indicator.attribute === '约束性',
    year: opts.year,
    level: opts.level,
    precision: p,
    target,
    threshold,
    targetText,
    actual: value,
    rounded,
    gap: null,
    achievement: null,
    band,
    status: 'unknownTarget',
    statusLabel: STATUS_LABEL.unknownTarget,
    onTrack: null,
  };
  if (c.kind === 'missing') out.missing = c.code;
  if (c.kind === 'number' && c.note) out.note = c.note;

  if (!resolved.ok) {
    out.issue = resolved.error;
    return out;
  }
  if (threshold === null) {
    if (resolved.value.missing === 'reference') {
      out.status = 'noData';
      out.statusLabel = STATUS_LABEL.noData;
      out.issue = referenceIssue ?? { code: 'target-missing', message: { zh: '相对目标缺少参照值', en: 'the relative target needs its reference value' } };
    }
    return out;
  }
  if (value === null) {
    out.status = 'noData';
    out.statusLabel = STATUS_LABEL.noData;
    if (c.kind === 'error') out.issue = { code: 'invalid-input', message: c.message };
    return out;
  }
  const max = impossibleAbove(indicator.kind);
  if (max !== undefined && rounded !== null && rounded > max) {
    out.invalid = true;
    out.status = 'noData';
    out.statusLabel = INVALID_LABEL;
    out.issue = { code: 'invalid-input', message: { zh: `${rounded} 超过 ${max}：分子大于分母，数据有误`, en: `${rounded} exceeds ${max}: the part exceeds its total` } };
    return out;
  }
  const g = gapOf(value, threshold, p);
  out.gap = g;
  const baseline = opts.baseline ?? indicator.baseline?.value;
  const a = achievementDetail(value, baseline, threshold, p);
  out.achievement = a.value;
  if (a.regressed) out.regressed = true;
  out.status = g === 0 ? 'met' : g <= band ? 'near' : 'unmet';
  out.statusLabel = statusLabelOf(out.status, out.binding);
  if (opts.year !== undefined && target && target.comparator !== 'bool' && target.comparator !== 'relative') {
    const t = onTrack(indicator, value, {
      year: opts.year,
      level: opts.level,
      reference,
      baseline: opts.baseline !== undefined && indicator.baseline ? { year: indicator.baseline.year, value: opts.baseline } : undefined,
    });
    out.onTrack = t.ok ? t.value : null;
  }
  return out;
}

function opMark(op: string): string {
  return op === '>=' ? '≥' : op === '<=' ? '≤' : op;
}
