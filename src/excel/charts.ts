/**
 * The 进度 dashboard's charts as native Excel charts: the chart data on a new sheet (`进度图表`,
 * `进度图表 (2)` … never an existing one) and one clustered bar chart per section over its block.
 * What the blocks hold is decided by the pane's dashboard model (`progressChartTable`); this only
 * writes them. Syncs: list (1), write + charts (1), whatever the number of sections.
 */
import type { Bilingual } from '../core/i18n/text';
import { a1, boxAt, rangeA1 } from '../core/workbook/address';
import { uniqueSheetName } from '../core/template/options';
import { literalEntry } from './cells';
import { hostError } from './errors';
import { capabilitiesOf, withContext, type ExcelTarget, type TargetOptions } from './session';
import { listWorkbook } from './workbook';

/** The data behind the charts, as 2-D rows, and each chart's rows (1-based, header first). */
export interface ChartSheetData {
  rows: ReadonlyArray<ReadonlyArray<string | number>>;
  blocks: ReadonlyArray<{ title: string; headerRow: number; lastRow: number }>;
}

export interface ChartSheetOptions extends TargetOptions {
  /** Wanted sheet name (default 进度图表); a free variant is used when it is taken. */
  sheetName?: string;
  /** Show the sheet afterwards (default true). */
  activate?: boolean;
}

export interface ChartSheetResult {
  sheet: string;
  charts: number;
}

export const CHART_SHEET = '进度图表';

const DOING: Bilingual = { zh: '插入进度图表', en: 'Inserting the progress charts' };
/** Charts sit to the right of the data, this many rows tall each. */
const CHART_ROWS = 16;
const CHART_FIRST_COL = 5;
const CHART_LAST_COL = 12;

/** Writes the data sheet in one 2-D write and adds a titled bar chart per block. */
export async function insertChartSheet(target: ExcelTarget, data: ChartSheetData, options: ChartSheetOptions = {}): Promise<ChartSheetResult> {
  capabilitiesOf(target, options).require('charts');
  const width = Math.max(1, ...data.rows.map((r) => r.length));
  // Text from the plan goes in as a literal, never as a formula.
  const values = data.rows.map((r) => Array.from({ length: width }, (_, i) => literalEntry(r[i] ?? '')));
  return withContext(target, async (ctx) => {
    try {
      const listing = await listWorkbook(ctx, false);
      const sheetName = uniqueSheetName(options.sheetName ?? CHART_SHEET, new Set(listing.sheets.map((s) => s.name.toLowerCase())));
      const ws = ctx.workbook.worksheets.add(sheetName);
      if (values.length > 0) ws.getRange(rangeA1(boxAt(1, 1, values.length, width))).values = values;
      data.blocks.forEach((b, i) => {
        const chart = ws.charts.add('BarClustered', ws.getRange(rangeA1({ top: b.headerRow, left: 1, bottom: b.lastRow, right: width })), 'Auto');
        chart.title.text = b.title;
        const top = 1 + i * (CHART_ROWS + 1);
        chart.setPosition(a1(top, CHART_FIRST_COL), a1(top + CHART_ROWS - 1, CHART_LAST_COL));
      });
      if (options.activate !== false) ws.activate();
      await ctx.sync();
      return { sheet: sheetName, charts: data.blocks.length };
    } catch (e) {
      throw hostError(DOING, e);
    }
  });
}
