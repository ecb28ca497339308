/**
 * Display precision: the number of decimals an indicator is shown with AND decided at.
 *
 * Default table by measure kind (used when the plan gives no `precision`):
 *
 * | kind        | decimals | example                     |
 * |-------------|---------:|-----------------------------|
 * | rate        | 1        | 巩固率 96.0 (%)             |
 * | grossRatio  | 1        | 毛入园率 101.3 (%)          |
 * | count       | 0        | 30 所                       |
 * | per100      | 2        | 每百名学生 4.20 人          |
 * | perPupil    | 2        | 生均 4.50 m²                |
 * | ratio       | 1        | 生师比 17.5 : 1             |
 * | coefficient | 3        | 差异系数 0.450              |
 * | amount      | 2        | 11.00 万人, 2000.00 元      |
 * | boolean     | 0        | 是 / 否                     |
 *
 * The precision is never below the decimals a numeric target is written with (a target of 63.83
 * on a rate is decided at 2 decimals), so `precisionOf` = max(indicator.precision ?? table[kind],
 * decimals of every numeric target value).
 */
import type { Indicator, MeasureKind, Target } from '../plan/schema';
import { decimalsOf } from './round';

export const DEFAULT_PRECISION: Readonly<Record<MeasureKind, number>> = {
  rate: 1,
  grossRatio: 1,
  count: 0,
  per100: 2,
  perPupil: 2,
  ratio: 1,
  coefficient: 3,
  amount: 2,
  boolean: 0,
};

/** Numbers a target is written with (none for placeholders, relative and yes/no targets). */
export function targetNumbers(t: Target): number[] {
  switch (t.comparator) {
    case 'between':
      return [t.value[0], t.value[1]];
    case 'relative':
    case 'bool':
      return [];
    default:
      return t.value === null ? [] : [t.value];
  }
}

export function precisionOf(indicator: Pick<Indicator, 'kind' | 'precision' | 'targets'>): number {
  let p = indicator.precision ?? DEFAULT_PRECISION[indicator.kind];
  for (const t of indicator.targets) for (const v of targetNumbers(t)) p = Math.max(p, decimalsOf(v));
  return p;
}
