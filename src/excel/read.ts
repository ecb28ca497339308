/**
 * The Office.js grid reader: the open workbook's template sheets as the same `WorkbookGrid` the
 * ExcelJS reader produces for a file (src/xlsx/read.ts), so validation and consolidation run
 * the same code on both.
 *
 * Syncs are constant: (1) sheet list and defined names, (2) the used-range address of each sheet
 * to read (and nothing else), (3) values, formulas and value types in row blocks. Step 3 is
 * split further only when the response would pass Excel on the web's 5 MB limit.
 *
 * Which sheets: the metadata sheets (`_edu_meta*`), every sheet a template's defined names point
 * to, and the sheets the metadata names as fallbacks — not the user's other sheets, which may be
 * large and are none of our business. `{ sheets: 'all' }` reads everything.
 */
import { findTemplates, isTemplateDefinedName, resolveTemplates, type TemplatesInBook } from '../core/workbook/cellmap';
import { boxAt, parseSheetRef, rangeA1 } from '../core/workbook/address';
import type { DefinedNameGrid, GridValue, SheetGrid, WorkbookGrid } from '../core/workbook/grid';
import { isMetaSheetName } from '../core/workbook/meta';
import { hostError } from './errors';
import { DEFAULT_SYNC_BUDGET } from './payload';
import type { ExcelContext, ExcelRange, ExcelWorksheet } from './port';
import { listWorkbook, type SheetInfo } from './workbook';
import { capabilitiesOf, withContext, type ExcelTarget, type TargetOptions } from './session';

export interface ReadOptions extends TargetOptions {
  /**
   * `templates` (default): metadata sheets and the sheets templates point to; `all`: every sheet;
   * a predicate: the sheets whose names it accepts (e.g. a plan definition's sheets, by name).
   */
  sheets?: 'templates' | 'all' | ((name: string) => boolean);
  /** Response bytes per sync before the reads are split. */
  syncBudget?: number;
}

/**
 * Estimated response bytes per cell (value + formula + type as JSON). Deliberately generous so a
 * large template splits before Excel refuses it; the fake measures the real size and enforces it.
 */
const BYTES_PER_CELL = 96;

const DOING = { zh: '读取模板', en: 'Reading the template' };

/** One Office.js cell as a grid value: '' is blank, errors are kept apart from text. */
function gridValue(value: unknown, type: string): GridValue {
  if (type === 'Empty' || value === '' || value === null || value === undefined) return null;
  if (type === 'Error') return { error: String(value) };
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/**
 * The formula of a cell, or null for a constant. A text constant that starts with `=` (guarded
 * plan text) reads back from `formulas` exactly as its value; a real formula differs from its
 * result, so "same as the text value" means constant.
 */
function gridFormula(formula: unknown, value: unknown, type: string): string | null {
  if (typeof formula !== 'string' || !formula.startsWith('=')) return null;
  if (type === 'String' && value === formula) return null;
  return formula.slice(1);
}

/** Removes trailing blanks of rows and trailing empty rows (the ExcelJS reader's shape). */
function trimGrid(grid: SheetGrid): SheetGrid {
  for (let r = 0; r < grid.values.length; r++) {
    const v = grid.values[r];
    const f = grid.formulas[r];
    let n = Math.max(v.length, f.length);
    while (n > 0 && (v[n - 1] ?? null) === null && (f[n - 1] ?? null) === null) n--;
    v.length = Math.min(v.length, n);
    f.length = Math.min(f.length, n);
  }
  let rows = grid.values.length;
  while (rows > 0 && grid.values[rows - 1].length === 0 && grid.formulas[rows - 1].length === 0) rows--;
  grid.values.length = rows;
  grid.formulas.length = rows;
  return grid;
}

/** The sheets a template lives on, as far as the defined names and sheet names tell. */
function templateSheets(sheets: SheetInfo[], names: DefinedNameGrid[]): Set<string> {
  const out = new Set<string>();
  const byLower = new Map(sheets.map((s) => [s.name.toLowerCase(), s.name]));
  for (const s of sheets) if (isMetaSheetName(s.name)) out.add(s.name);
  for (const n of names) {
    if (!isTemplateDefinedName(n.name)) continue;
    const ref = parseSheetRef(n.ref);
    const sheet = ref && byLower.get(ref.sheet.toLowerCase());
    if (sheet) out.add(sheet);
  }
  return out;
}

interface Planned {
  info: SheetInfo;
  /** Used range (values only), or undefined for an empty sheet. */
  box?: { top: number; left: number; rows: number; cols: number };
}

async function usedRanges(ctx: ExcelContext, sheets: SheetInfo[]): Promise<Planned[]> {
  const ranges = sheets.map((info) => {
    const ws = ctx.workbook.worksheets.getItem(info.name);
    return { info, range: ws.getUsedRangeOrNullObject(true).load('rowIndex, columnIndex, rowCount, columnCount') };
  });
  await ctx.sync();
  return ranges.map(({ info, range }) =>
    range.isNullObject ? { info } : { info, box: { top: range.rowIndex + 1, left: range.columnIndex + 1, rows: range.rowCount, cols: range.columnCount } },
  );
}

/** Loads the planned sheets' contents in row blocks, syncing whenever the budget is spent. */
async function contents(ctx: ExcelContext, planned: Planned[], budget: number): Promise<SheetGrid[]> {
  const grids = planned.map((p) => ({ name: p.info.name, state: p.info.state, values: [], formulas: [] }) as SheetGrid);
  const rowsPerBlock = (cols: number) => Math.max(1, Math.floor(budget / (BYTES_PER_CELL * cols)));
  let pending: Array<{ grid: SheetGrid; range: ExcelRange; top: number; left: number }> = [];
  let spent = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await ctx.sync();
    for (const { grid, range, top, left } of pending) {
      const values = range.values;
      const formulas = range.formulas;
      const types = range.valueTypes;
      values.forEach((row, r) => {
        const vr: GridValue[] = new Array<GridValue>(left - 1).fill(null);
        const fr: (string | null)[] = new Array<string | null>(left - 1).fill(null);
        row.forEach((v, c) => {
          vr.push(gridValue(v, types[r][c]));
          fr.push(gridFormula(formulas[r][c], v, types[r][c]));
        });
        grid.values[top - 1 + r] = vr;
        grid.formulas[top - 1 + r] = fr;
      });
    }
    pending = [];
    spent = 0;
  };
  for (const [i, p] of planned.entries()) {
    if (!p.box) continue;
    const ws: ExcelWorksheet = ctx.workbook.worksheets.getItem(p.info.name);
    const step = rowsPerBlock(p.box.cols);
    for (let r = 0; r < p.box.rows; r += step) {
      const rows = Math.min(step, p.box.rows - r);
      const cost = rows * p.box.cols * BYTES_PER_CELL;
      if (spent > 0 && spent + cost > budget) await flush();
      const top = p.box.top + r;
      const address = rangeA1(boxAt(top, p.box.left, rows, p.box.cols));
      pending.push({ grid: grids[i], range: ws.getRange(address).load('values, formulas, valueTypes'), top, left: p.box.left });
      spent += cost;
    }
  }
  await flush();
  for (const g of grids) {
    for (let r = 0; r < g.values.length; r++) {
      g.values[r] ??= [];
      g.formulas[r] ??= [];
    }
  }
  return grids.map(trimGrid);
}

/**
 * Reads the template sheets of the open workbook (values, formulas, hidden metadata and defined
 * names) into the grid shape every reader returns.
 */
export async function readTemplateGrids(target: ExcelTarget, options: ReadOptions = {}): Promise<WorkbookGrid> {
  const caps = capabilitiesOf(target, options);
  caps.require('readTemplate');
  const budget = options.syncBudget ?? DEFAULT_SYNC_BUDGET;
  return withContext(target, async (ctx) => {
    try {
      const { sheets, names } = await listWorkbook(ctx, { formula: caps.has('nameFormula') });
      const pick = options.sheets;
      const wanted =
        pick === 'all' ? new Set(sheets.map((s) => s.name)) : typeof pick === 'function' ? new Set(sheets.map((s) => s.name).filter(pick)) : templateSheets(sheets, names);
      const planned = await usedRanges(
        ctx,
        sheets.filter((s) => wanted.has(s.name)),
      );
      const grids = await contents(ctx, planned, budget);
      const book: WorkbookGrid = { sheets: grids, definedNames: names };
      // A name deleted by a filler leaves its sheet known only to the metadata: read those too.
      if (pick === undefined || pick === 'templates') {
        const known = new Set(grids.map((g) => g.name.toLowerCase()));
        const extra = new Set<string>();
        for (const t of findTemplates(book).templates) {
          for (const loc of [...t.model.units, ...t.model.columns, ...t.model.cells]) {
            const s = sheets.find((x) => x.name.toLowerCase() === loc.sheet.toLowerCase());
            if (s && !known.has(s.name.toLowerCase())) extra.add(s.name);
          }
        }
        if (extra.size > 0) {
          const more = await contents(ctx, await usedRanges(ctx, sheets.filter((s) => extra.has(s.name))), budget);
          book.sheets.push(...more);
          const order = new Map(sheets.map((s, i) => [s.name, i]));
          book.sheets.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
        }
      }
      return book;
    } catch (e) {
      throw hostError(DOING, e);
    }
  });
}

/** The same result as the ExcelJS side's `readTemplateWorkbook`: one shared type and resolver in the core. */
export type ReadTemplatesResult = TemplatesInBook;

/** Reads the open workbook and resolves the input cells of every template it carries. */
export async function readTemplates(target: ExcelTarget, options: ReadOptions = {}): Promise<ReadTemplatesResult> {
  return resolveTemplates(await readTemplateGrids(target, options));
}
