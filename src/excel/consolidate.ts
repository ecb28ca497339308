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
import { contentCells, insertTemplate, type InsertResult } from './render';
import { TaskCancelled, type TaskProgress } from '../core/task/control';
import type { Degradation } from './requirements';
import type { ExcelTarget, TargetOptions } from './session';

/** Cells of the summary sheets written so far / in all (the charts come after, at the total). */
export type SummaryProgress = TaskProgress;

export interface InsertSummaryOptions extends TargetOptions {
  lang?: Lang;
  /** The region's name as a unit one level up. */
  region?: string;
  /** Insert the chart sheet too (default true; needs ExcelApi 1.1 charts). */
  charts?: boolean;
  onProgress?: (p: SummaryProgress) => void;
  /**
   * Stops between (and inside) the sheet groups: a group being written is taken back out, the
   * groups already written stay and the TaskCancelled says which.
   */
  signal?: AbortSignal;
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
  // How many specs there are and their cells do not depend on the names: count them once, without the workbook.
  const sizes = build({ sheetNames: [] }).map((spec) => spec.sheets.reduce((n, sh) => n + contentCells(sh), 0));
  const count = sizes.length;
  const withCharts = options.charts !== false;
  const total = sizes.reduce((a, b) => a + b, 0);
  const progress = options.onProgress ?? (() => undefined);
  const sheets: string[] = [];
  const warnings: Degradation[] = [];
  let syncs = 0;
  let before = 0;
  const stopped = () =>
    new TaskCancelled(
      sheets.length === 0
        ? undefined
        : {
            zh: `已取消：已写入工作表 ${sheets.join('、')}，其余未写入`,
            en: `Cancelled: sheets ${sheets.join(', ')} were written, the rest was not`,
          },
    );
  for (let i = 0; i < count; i++) {
    if (options.signal?.aborted) throw stopped();
    const offset = before;
    // Built against the workbook as it is now (the previous spec's sheets included), so names are free.
    let r: InsertResult;
    try {
      r = await insertTemplate(target, (existing) => build(existing)[i]!, {
        isSetSupported: options.isSetSupported,
        activate: i === 0,
        signal: options.signal,
        onProgress: (x) => progress({ stage: x.stage === 'done' ? 'write' : x.stage, done: offset + (x.total > 0 ? x.done : 0), total, of: 'cells' }),
      });
    } catch (e) {
      if (e instanceof TaskCancelled) throw stopped();
      throw e;
    }
    before += sizes[i]!;
    sheets.push(...r.sheets);
    warnings.push(...r.warnings);
    syncs += r.syncs;
  }
  let chartSheet: string | undefined;
  let charts = 0;
  if (withCharts) {
    if (options.signal?.aborted) throw stopped();
    progress({ stage: 'write', done: total, total, of: 'cells' });
    const data = summaryCharts(c, plan, options.lang);
    if (data.blocks.length > 0) {
      const r = await insertChartSheet(target, data, { isSetSupported: options.isSetSupported, sheetName: options.lang === 'en' ? 'Summary charts' : '汇总图表', activate: false });
      chartSheet = r.sheet;
      charts = r.charts;
      syncs += 2;
    }
  }
  progress({ stage: 'done', done: total, total, of: 'cells' });
  return { sheets, chartSheet, charts, syncs, warnings };
}
