/**
 * What the summary's native charts show, as plain rows (the Office.js adapter writes them on a
 * sheet and draws one clustered bar chart per block; ExcelJS cannot write charts):
 *  - per level, how many units are 达标 / 接近 / 未达标 / 无数据 on each indicator;
 *  - per level, each indicator's 达成度 (%) for the region;
 *  - per 差异系数, the school ratios behind it (the spread the coefficient measures).
 */
import type { Bilingual, Lang } from '../i18n/text';
import { pick } from '../i18n/text';
import { STATUS_LABEL, type Status } from '../evaluate/status';
import type { Plan } from '../plan/schema';
import { allIndicators } from '../plan/registry';
import type { Consolidation } from './types';

export interface SummaryChartData {
  rows: Array<Array<string | number>>;
  /** 1-based rows of each chart's data, header first. */
  blocks: Array<{ title: string; headerRow: number; lastRow: number }>;
}

const T = (zh: string, en: string): Bilingual => ({ zh, en });
const COUNTED: Status[] = ['met', 'near', 'unmet', 'noData'];
/** A chart of one school per bar stays readable up to this many bars. */
const MAX_BARS = 400;

export function summaryCharts(c: Consolidation, plan: Plan, lang: Lang = 'zh-CN'): SummaryChartData {
  const rows: Array<Array<string | number>> = [];
  const blocks: SummaryChartData['blocks'] = [];
  const names = new Map(allIndicators(plan).map((i) => [i.id, i.code ?? pick(i.name, lang)]));
  const block = (title: string, header: Array<string | number>, body: Array<Array<string | number>>) => {
    if (body.length === 0) return;
    const headerRow = rows.length + 1;
    rows.push(header, ...body);
    blocks.push({ title, headerRow, lastRow: rows.length });
    rows.push([]);
  };
  for (const level of c.levels) {
    const units = c.units.filter((u) => u.level === level && u.included);
    const tag = level ? `（${level}）` : '';
    block(
      `${pick(T('各指标单位达标情况', 'Units by status, per indicator'), lang)}${tag}`,
      [pick(T('指标', 'Indicator'), lang), ...COUNTED.map((s) => pick(STATUS_LABEL[s], lang))],
      c.indicators.map((id) => [names.get(id) ?? id, ...COUNTED.map((s) => units.filter((u) => u.indicators[id]?.status === s).length)]),
    );
    block(
      `${pick(T('本级各指标达成度（%）', 'Achievement of each indicator (%)'), lang)}${tag}`,
      [pick(T('指标', 'Indicator'), lang), pick(T('达成度', 'Achievement'), lang)],
      c.aggregates.filter((a) => a.level === level && a.achievement !== null).map((a) => [names.get(a.indicator) ?? a.indicator, a.achievement!]),
    );
  }
  for (const a of c.aggregates) {
    if (a.diffCoefLimit === undefined || !a.diffCoefRows?.length) continue;
    const cv = typeof a.diffCoef === 'number' ? a.diffCoef.toFixed(3) : '—';
    block(
      `${names.get(a.indicator) ?? a.indicator}${a.level ? ` ${a.level}` : ''} ${pick(T(`各校比值（差异系数 ${cv}，限值 ${a.diffCoefLimit}）`, `school ratios (coefficient ${cv}, limit ${a.diffCoefLimit})`), lang)}`,
      [pick(T('学校', 'School'), lang), pick(T('比值', 'Ratio'), lang)],
      a.diffCoefRows.slice(0, MAX_BARS).map((r) => [r.unit, r.ratio]),
    );
  }
  return { rows, blocks };
}
