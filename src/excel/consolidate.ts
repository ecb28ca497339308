/**
 * The consolidation summary written into the open workbook: the same sheets as summary.xlsx
 * (one spec definition in core/consolidate/summary-spec.ts, drawn by the template renderer) plus
 * native charts (status counts, each indicator's 达成度, the school ratios behind each 差异系数).
 *
 * Syncs: two per spec (look, write; more only past Excel's request-size limit) and two for the
 * charts — the number of levels decides it, never the number of units. Nothing existing is
 * overwritten: every sheet and defined name is new (`汇总 (2)` … when taken).
 */
import type { Lang } from '../core/i18n/text';
import type { Plan } from '../core/plan/schema';
import { buildSummarySpecs, summaryCharts, type Consolidation } from '../core/consolidate';
import { insertChartSheet } from './charts';
import { insertTemplate, type InsertResult } from './render';
import type { Degradation } from './requirements';
import type { ExcelTarget, TargetOptions } from './session';

export interface SummaryProgress {
  /** Steps done / total (each spec, then the charts). */
  done: number;
  total: number;
}

export interface InsertSummaryOptions extends TargetOptions {
  lang?: Lang;
  /** The region's name as a unit one level up. */
  region?: string;
  /** Insert the chart sheet too (default true; needs ExcelApi 1.1 charts). */
  charts?: boolean;
  onProgress?: (p: SummaryProgress) => void;
}

export interface InsertSummaryResult {
  sheets: string[];
  chartSheet?: string;
  charts: number;
  syncs: number;
  warnings: Degradation[];
}

export async function insertSummary(target: ExcelTarget, c: Consolidation, plan: Plan, options: InsertSummaryOptions = {}): Promise<InsertSummaryResult> {
  const build = (existing: { sheetNames: string[] }) => buildSummarySpecs(c, plan, { lang: options.lang, region: options.region, existingSheetNames: existing.sheetNames });
  // How many specs there are does not depend on the names: count them once, without the workbook.
  const count = build({ sheetNames: [] }).length;
  const withCharts = options.charts !== false;
  const total = count + (withCharts ? 1 : 0);
  const progress = options.onProgress ?? (() => undefined);
  const sheets: string[] = [];
  const warnings: Degradation[] = [];
  let syncs = 0;
  for (let i = 0; i < count; i++) {
    progress({ done: i, total });
    // Built against the workbook as it is now (the previous spec's sheets included), so names are free.
    const r: InsertResult = await insertTemplate(target, (existing) => build(existing)[i]!, { isSetSupported: options.isSetSupported, activate: i === 0 });
    sheets.push(...r.sheets);
    warnings.push(...r.warnings);
    syncs += r.syncs;
  }
  let chartSheet: string | undefined;
  let charts = 0;
  if (withCharts) {
    progress({ done: count, total });
    const data = summaryCharts(c, plan, options.lang);
    if (data.blocks.length > 0) {
      const r = await insertChartSheet(target, data, { isSetSupported: options.isSetSupported, sheetName: options.lang === 'en' ? 'Summary charts' : '汇总图表', activate: false });
      chartSheet = r.sheet;
      charts = r.charts;
      syncs += 2;
    }
  }
  progress({ done: total, total });
  return { sheets, chartSheet, charts, syncs, warnings };
}
