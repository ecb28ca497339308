/**
 * The dashboard's own words, kept with its lazily loaded chunk (not in the pane's first-load
 * strings): what the tiles count, the collapsed 无数据 line, and the legend of every mark.
 */
import { pick, type Bilingual, type Lang } from '../../../core/i18n/text';
import { fill, type Params } from '../../i18n/strings';

export const WORDS = {
  countsIndicators: { zh: '按指标计：共 {n} 个指标', en: 'Counted per indicator: {n} indicators' },
  countsPairs: {
    zh: '按“单位 × 指标”计：{units} 个单位 × {indicators} 个指标，共 {n} 项',
    en: 'Counted per unit × indicator: {units} units × {indicators} indicators, {n} in all',
  },
  countsPairsUneven: { zh: '按“单位 × 指标”计：{units} 个单位，共 {n} 项', en: 'Counted per unit × indicator: {units} units, {n} in all' },
  emptyRows: { zh: '{n} 个指标无数据（未填报或无法计算）', en: '{n} indicator{s} without data (not filled in or not computable)' },
  emptyStacks: { zh: '{n} 个指标在所有单位都无数据', en: '{n} indicator{s} without data in every unit' },
  legend: { zh: '图例', en: 'Legend' },
  legendTarget: { zh: '目标（100%）', en: 'target (100%)' },
  legendFlag: { zh: '数据待核实', en: 'data to check' },
} satisfies Record<string, Bilingual>;

/** A dashboard word in the pane's language, `{name}` placeholders filled in. */
export function word(key: keyof typeof WORDS, lang: Lang, params?: Params): string {
  return fill(pick(WORDS[key], lang), params);
}
