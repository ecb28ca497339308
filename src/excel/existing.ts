/**
 * Templates of a plan already in the open workbook, for the pane to ask "update it, or add a
 * copy?" before an insert that would otherwise put a second set of the same sheets beside the
 * first (which the next validation counts twice).
 *
 * One `Excel.run`, constant syncs: the template grids (read.ts: 3), then the sheet order and the
 * first cell of the sheet after each template's input sheet (its overview sheet, when it is one:
 * 2). Each template comes back with the values typed into it (by unit and input id), what an
 * update carries over.
 */
import { namePrefix, resolveTemplates } from '../core/workbook/cellmap';
import type { TemplateMeta } from '../core/workbook/meta';
import type { WorkbookGrid } from '../core/workbook/grid';
import { typedValues, type OldValue } from '../core/template/migrate';
import { cellId, type OldLayout } from '../core/template/relocate';
import { hostError } from './errors';
import type { ExcelRange } from './port';
import { readTemplateGrids } from './read';
import { label } from '../core/template/labels';
import { withContext, type ExcelTarget, type TargetOptions } from './session';

export interface ExistingTemplate {
  instance: number;
  meta: TemplateMeta;
  /** Input sheets first, then the overview sheet when it follows them; not the metadata sheet. */
  sheets: string[];
  metaSheet: string;
  /** Its defined names (`EDU_T<n>_…`) with their references. */
  names: Array<{ name: string; ref: string }>;
  /** Non-blank values typed into its input cells. */
  values: OldValue[];
  /** Units the template has rows for (named or not). */
  units: number;
  /** Its sheets, input cells and filled cells: where an update finds each cell of it again. */
  layout: OldLayout;
}

export interface FindTemplatesOptions extends TargetOptions {
  /**
   * Whether the text of a sheet's A1 is the title of this plan's overview sheet (the caller knows
   * the plan's titles): the sheet right after a template's input sheet is its overview if so.
   * Default: the title ends with the overview's own words (规划指标一览 / plan indicators).
   */
  isOverviewTitle?: (text: string) => boolean;
}

/** Without the plan's titles: the overview title's own words, in either language. */
const overviewSuffixes = (['zh-CN', 'en'] as const).map((l) => ` ${label('overviewTitle', l)}`);
const looksLikeOverview = (text: string) => overviewSuffixes.some((x) => text.endsWith(x));

/** The cells of these sheets that hold a value or a formula (as read), by `cellId`. */
function occupiedCells(book: WorkbookGrid, sheets: readonly string[]): Set<string> {
  const out = new Set<string>();
  const wanted = new Set(sheets.map((s) => s.toLowerCase()));
  for (const g of book.sheets) {
    if (!wanted.has(g.name.toLowerCase())) continue;
    g.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null || (g.formulas[r]?.[c] ?? null) !== null) out.add(cellId(g.name, r + 1, c + 1));
      }),
    );
  }
  return out;
}

const DOING = { zh: '查找已有模板', en: 'Looking for templates already in the workbook' };

/** The templates of `planId` in the workbook, in the order of their metadata sheets. */
export async function findPlanTemplates(target: ExcelTarget, planId: string, options: FindTemplatesOptions = {}): Promise<ExistingTemplate[]> {
  const book = await readTemplateGrids(target, options);
  const found = resolveTemplates(book).templates.filter((t) => t.template.meta.planId === planId);
  if (found.length === 0) return [];
  return withContext(target, async (ctx) => {
    try {
      const sheets = ctx.workbook.worksheets.load('items/name,items/position');
      await ctx.sync();
      const order = [...sheets.items].sort((a, b) => a.position - b.position).map((s) => s.name);
      const at = new Map(order.map((n, i) => [n.toLowerCase(), i]));
      const out = found.map(({ template, cells }) => {
        const inputSheets = [...new Set([...template.model.units, ...template.model.columns, ...template.model.cells].map((x) => x.sheet))]
          .map((n) => order.find((s) => s.toLowerCase() === n.toLowerCase()))
          .filter((n): n is string => n !== undefined)
          .sort((a, b) => at.get(a.toLowerCase())! - at.get(b.toLowerCase())!);
        const prefix = namePrefix(template.instance).toLowerCase();
        return {
          instance: template.instance,
          meta: template.meta,
          sheets: inputSheets,
          metaSheet: template.metaSheet,
          names: book.definedNames.filter((n) => n.name.toLowerCase().startsWith(prefix)).map((n) => ({ name: n.name, ref: n.ref })),
          values: typedValues(cells, book),
          units: template.model.units.length,
          layout: { sheets: inputSheets, cells, occupied: occupiedCells(book, inputSheets) },
        };
      });
      // The overview sheet of a return or unit table is written right after its input sheet.
      const taken = new Set(out.flatMap((t) => [...t.sheets, t.metaSheet].map((n) => n.toLowerCase())));
      const probes: Array<{ t: ExistingTemplate; name: string; range: ExcelRange }> = [];
      for (const t of out) {
        const last = t.sheets[t.sheets.length - 1];
        const next = last === undefined ? undefined : order[at.get(last.toLowerCase())! + 1];
        if (next && !taken.has(next.toLowerCase())) {
          probes.push({ t, name: next, range: ctx.workbook.worksheets.getItem(next).getRange('A1').load('values') });
        }
      }
      if (probes.length > 0) await ctx.sync();
      for (const p of probes) {
        const v = p.range.values[0]?.[0];
        if (typeof v === 'string' && (options.isOverviewTitle ?? looksLikeOverview)(v) && !taken.has(p.name.toLowerCase())) {
          p.t.sheets.push(p.name);
          p.t.layout = { ...p.t.layout, sheets: [...p.t.sheets] };
          taken.add(p.name.toLowerCase());
        }
      }
      return out;
    } catch (e) {
      throw hostError(DOING, e);
    }
  });
}
