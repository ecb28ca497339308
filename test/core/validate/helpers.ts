/**
 * Test helpers: a generated template as the grid a host would read back (ExcelJS or Office.js),
 * filled cell by cell through the one cell-map codec, and recalculated by the core when a test
 * wants the workbook's cached results to be right.
 */
import { buildTemplate } from '../../../src/core/template/build';
import { CellIndex, findTemplates, resolveInputCells, type InputCell } from '../../../src/core/workbook/cellmap';
import { a1ToRowCol } from '../../../src/core/workbook/address';
import { setGridCell, type GridValue, type SheetGrid, type WorkbookGrid } from '../../../src/core/workbook/grid';
import type { TemplateOptions } from '../../../src/core/template/options';
import type { TemplateSpec } from '../../../src/core/template/spec';
import { META_SHEET } from '../../../src/core/template/spec';
import { Plan, type PlanInput } from '../../../src/core/plan/schema';

/** A spec as a freshly rendered workbook: literal values, formulas without cached results, metadata, names. */
export function specToGrid(spec: TemplateSpec): WorkbookGrid {
  const sheets: SheetGrid[] = spec.sheets.map((s) => {
    const grid: SheetGrid = { name: s.name, state: 'visible', values: [], formulas: [] };
    for (const [address, cell] of Object.entries(s.cells)) {
      const { row, col } = a1ToRowCol(address);
      if (cell.formula !== undefined) setGridCell(grid, row, col, null, cell.formula);
      else if (cell.value !== undefined && cell.value !== null) setGridCell(grid, row, col, cell.value);
    }
    return grid;
  });
  const meta: SheetGrid = { name: spec.hiddenMetadata.sheetName ?? META_SHEET, state: 'veryHidden', values: spec.hiddenMetadata.rows.map((r) => [...r]), formulas: [] };
  sheets.push(meta);
  return { sheets, definedNames: spec.definedNames.map((n) => ({ name: n.name, ref: n.ref })) };
}

export function parsePlan(input: PlanInput): Plan {
  return Plan.parse(input);
}

export interface Filled {
  book: WorkbookGrid;
  spec: TemplateSpec;
  cells: CellIndex;
  /** Sets an input (or `id#note`) of a unit (1-based index or name); returns the cell address. */
  set(unit: number | string, input: string, value: GridValue): string;
  /** The cell of an input of a unit. */
  at(unit: number | string, input: string): InputCell;
  /** Sets any cell of a sheet (value and formula). */
  put(sheet: string, address: string, value: GridValue, formula?: string | null): void;
  sheet(name?: string): SheetGrid;
}

export function template(plan: Plan, options: TemplateOptions = {}): Filled {
  const spec = buildTemplate(plan, options);
  const book = specToGrid(spec);
  const t = findTemplates(book).templates[0]!;
  const cells = new CellIndex(resolveInputCells(t, book.definedNames, book).cells);
  const sheetOf = (name: string) => book.sheets.find((s) => s.name === name)!;
  const at = (unit: number | string, input: string) => {
    const c = cells.find(unit, input);
    if (!c) throw new Error(`no cell for ${String(unit)} / ${input}`);
    return c;
  };
  return {
    book,
    spec,
    cells,
    at,
    set(unit, input, value) {
      const c = at(unit, input);
      const { row, col } = a1ToRowCol(c.address);
      setGridCell(sheetOf(c.sheet), row, col, value);
      return c.address;
    },
    put(sheet, address, value, formula = null) {
      const { row, col } = a1ToRowCol(address);
      setGridCell(sheetOf(sheet), row, col, value, formula);
    },
    sheet(name) {
      return name ? sheetOf(name) : book.sheets[0]!;
    },
  };
}
