/**
 * Comparators and THE threshold rule.
 *
 * THRESHOLD RULE (every surface uses it; a template writes it as a native formula):
 *   the actual value is rounded half away from zero to the indicator's precision p, then compared
 *   with the target exactly as the plan writes it.
 *     ≥ t  →  Excel: ROUND(x,p)>=t        > t  →  ROUND(x,p)>t
 *     ≤ t  →  ROUND(x,p)<=t               < t  →  ROUND(x,p)<t
 *     = t  →  ROUND(x,p)=t                between [a,b] → AND(ROUND(x,p)>=a, ROUND(x,p)<=b)
 *   So 95.04 meets "≥ 95.1"? no; 95.05 at p = 1 → 95.1 → meets. 0.1 + 0.2 meets "≥ 0.3".
 *
 * GAP (how far short of the target, in the indicator's unit; ≥ 0, and 0 exactly when met):
 *   with x̂ = ROUND(x,p), s = 10^-p (one display step), q = max(p, decimals of the target):
 *     ≥ t: MAX(0, t − x̂)          > t: MAX(0, t⁺ − x̂)
 *     ≤ t: MAX(0, x̂ − t)          < t: MAX(0, x̂ − t⁻)
 *     = t: ABS(x̂ − t)             between [a,b]: MAX(0, a − x̂, x̂ − b)
 *     yes/no: 0 when the answer is the one required, else 1
 *   and the result is ROUND(…, q). t⁺ / t⁻ (`strictBound`) are the first values on the display grid
 *   strictly above / below t (t ± 10^-p when t has at most p decimals): a strict target is measured
 *   to the first displayable value that meets it, which is why "> 95" with 95.0 has a gap of 0.1.
 *   A template writes t⁺ / t⁻ and q as literals computed by `strictBound` and `gapPrecision`.
 */
import type { Relation } from '../plan/schema';
import type { Bilingual, Lang } from '../i18n/text';
import { withUnit } from '../i18n/units';
import { decimalsOf, roundTo, stepOf } from './round';

export type Threshold =
  | { op: Relation; value: number }
  | { op: 'between'; low: number; high: number }
  | { op: 'bool'; value: boolean };

/** Precision for a target typed by hand (EDU.PASS(A1, 95)): 2 decimals, or the target's own if more. */
export const EXPLICIT_PRECISION = 2;

/** The decimals a threshold's numbers are written with. */
export function thresholdDecimals(th: Threshold): number {
  if (th.op === 'bool') return 0;
  if (th.op === 'between') return Math.max(decimalsOf(th.low), decimalsOf(th.high));
  return decimalsOf(th.value);
}

/** Precision for a threshold given without an indicator. */
export function explicitPrecision(th: Threshold): number {
  return Math.max(EXPLICIT_PRECISION, thresholdDecimals(th));
}

/** Compares an already rounded value with a threshold. Yes/no thresholds read x ≠ 0 as 是. */
export function compareRounded(rounded: number, th: Threshold): boolean {
  switch (th.op) {
    case '>=':
      return rounded >= th.value;
    case '>':
      return rounded > th.value;
    case '<=':
      return rounded <= th.value;
    case '<':
      return rounded < th.value;
    case '=':
      return rounded === th.value;
    case 'between':
      return rounded >= th.low && rounded <= th.high;
    case 'bool':
      return (rounded !== 0) === th.value;
  }
}

/** The threshold rule: ROUND(actual, p) compared with the target. */
export function isMet(actual: number, th: Threshold, precision?: number): boolean {
  const p = precision ?? explicitPrecision(th);
  return compareRounded(roundTo(actual, p), th);
}

/** Decimals the gap is rounded to: the precision, raised to the target's own decimals. */
export function gapPrecision(th: Threshold, precision: number): number {
  return Math.max(precision, thresholdDecimals(th));
}

/**
 * The first value on the p-decimal grid strictly above (`>`) or below (`<`) t:
 * strictBound(95, '>', 1) = 95.1, strictBound(95.05, '>', 1) = 95.1, strictBound(0, '<', 0) = -1.
 */
export function strictBound(t: number, op: '>' | '<', p: number): number {
  const scaled = roundTo(t * Math.pow(10, p), 6);
  const k = op === '>' ? Math.floor(scaled) + 1 : Math.ceil(scaled) - 1;
  return roundTo(k * stepOf(p), p);
}

/** How far short of the target (see the module comment). Always ≥ 0; 0 exactly when met. */
export function gap(actual: number, th: Threshold, precision?: number): number {
  const p = precision ?? explicitPrecision(th);
  const x = roundTo(actual, p);
  let g: number;
  switch (th.op) {
    case '>=':
      g = th.value - x;
      break;
    case '>':
      g = strictBound(th.value, '>', p) - x;
      break;
    case '<=':
      g = x - th.value;
      break;
    case '<':
      g = x - strictBound(th.value, '<', p);
      break;
    case '=':
      g = Math.abs(x - th.value);
      break;
    case 'between':
      g = Math.max(th.low - x, x - th.high);
      break;
    case 'bool':
      return compareRounded(x, th) ? 0 : 1;
  }
  const out = roundTo(Math.max(0, g), gapPrecision(th, p));
  return out === 0 ? 0 : out;
}

const OP_WORDS: ReadonlyArray<[RegExp, Relation]> = [
  [/^(>=|≥|⩾|=>|不低于|不少于|以上|达到|至少|大于等于|大于或等于)$/, '>='],
  [/^(>|高于|超过|大于|多于)$/, '>'],
  [/^(<=|≤|⩽|=<|不超过|不高于|不多于|以内|以下|至多|小于等于|小于或等于)$/, '<='],
  [/^(<|低于|少于|小于)$/, '<'],
  [/^(=|==|等于)$/, '='],
];

/** Reads a comparator written as a symbol or in words (≥, >=, 不低于, 以上, <, 低于 …). */
export function parseRelation(text: string): Relation | undefined {
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  for (const [re, rel] of OP_WORDS) if (re.test(s)) return rel;
  return undefined;
}

/**
 * Reads a threshold written as text: "≥95", ">=95", "≤0.15", "高于95", "95以上", "85-90" (between),
 * or a bare number (then `defaultOp`, ≥ unless given). Percent signs are dropped ("≥95%" → ≥ 95).
 */
export function parseThreshold(text: string, defaultOp: Relation = '>='): Threshold | undefined {
  const s = text.normalize('NFKC').replace(/[\s%]/g, '').replace(/\u2212/g, '-');
  if (s === '') return undefined;
  const num = '([+-]?(?:\\d+\\.?\\d*|\\.\\d+))';
  const between = new RegExp(`^${num}(?:~|～|–|—|-|至|到)${num}$`).exec(s);
  if (between) {
    const low = Number(between[1]);
    const high = Number(between[2]);
    return low <= high ? { op: 'between', low, high } : undefined;
  }
  const prefix = new RegExp(`^([^\\d+.-]+)${num}$`).exec(s);
  if (prefix) {
    const op = parseRelation(prefix[1]!);
    return op ? { op, value: Number(prefix[2]) } : undefined;
  }
  const suffix = new RegExp(`^${num}([^\\d.]+)$`).exec(s);
  if (suffix) {
    const op = parseRelation(suffix[2]!);
    return op ? { op, value: Number(suffix[1]) } : undefined;
  }
  const bare = new RegExp(`^${num}$`).exec(s);
  if (bare) return { op: defaultOp, value: Number(bare[1]) };
  return undefined;
}

const OP_SYMBOL: Record<Relation, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

/** "≥ 95%", "≥ 2000元" / "≥ 2000 yuan"… as short bilingual text ("是" / "yes" for yes/no). */
export function thresholdText(th: Threshold, unit = ''): Bilingual {
  if (th.op === 'bool') return th.value ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' };
  const text = (lang: Lang) => (th.op === 'between' ? `${th.low}–${withUnit(th.high, unit, lang)}` : `${OP_SYMBOL[th.op]} ${withUnit(th.value, unit, lang)}`);
  return { zh: text('zh-CN'), en: text('en') };
}

/** True for the thresholds where more is better (≥, >). */
export function isUpward(th: Threshold): boolean {
  return th.op === '>=' || th.op === '>';
}
