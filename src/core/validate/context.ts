/**
 * What the checks of one template read: the workbook, the template's metadata and plan, and the
 * facts derived from them — the resolved cell map, the units, the input columns, relations
 * between inputs, indicator columns, the template's formula cells. Each fact is worked out once,
 * on first use, and never changed afterwards: a check only reads, so checks cannot disturb each
 * other and the order of the table is the order of the report, nothing more.
 */
import type { Plan } from '../plan/schema';
import { a1, tryA1ToRowCol } from '../workbook/address';
import { isNoteInput, notedId, resolveMap, type DecodedTemplate, type MapProblem, type ResolvedMap } from '../workbook/cellmap';
import { gridValue, type GridValue, type SheetGrid, type WorkbookGrid } from '../workbook/grid';
import { TEMPLATE_VERSION, type TemplateMeta } from '../template/spec';
import { filled, newColumn, readInto, SheetTable, textOf, type InputColumn } from './columns';
import { fieldsOf, type Field } from './fields';
import { computeIndicators, planIndicators, type IndicatorColumn } from './indicators';
import type { DraftIssue } from './issues';
import { hashOf } from './integrity';
import type { PlausibilityOptions } from './plausibility';
import { DEFAULT_PLAUSIBILITY } from './plausibility';
import { checkRules, type RuleOutcome } from './relations';
import { templateCells, type TemplateCells } from './template-cells';

/** Last year's value of an indicator for a unit (from last year's `validate --json` values). */
export interface PreviousValue {
  unit: string;
  indicator: string;
  value: number | null;
}

export interface ValidateOptions {
  previous?: readonly PreviousValue[];
  plausibility?: Partial<PlausibilityOptions>;
  /** Compute each value's status (达标/接近/未达标 …); default true. */
  status?: boolean;
  /** Compare formula cells with the template; default true. */
  formulas?: boolean;
  /**
   * Judge a return whose plan is not a released one against the plan it carries (CLI
   * `--trust-embedded`); by default that is an error, 规划不是发布版本 (integrity.ts).
   */
  trustEmbedded?: boolean;
}

/** The workbook's sheets by name, with their position (issues are sorted by it). */
export class Book {
  readonly sheets = new Map<string, { grid: SheetGrid; index: number }>();
  constructor(readonly grid: WorkbookGrid) {
    grid.sheets.forEach((s, index) => this.sheets.set(s.name, { grid: s, index }));
  }
  /** A cell's value; undefined when its sheet does not exist (or the address is not one). */
  value(sheet: string, address: string): GridValue | undefined {
    const s = this.sheets.get(sheet);
    if (!s) return undefined;
    const rc = tryA1ToRowCol(address);
    return rc ? gridValue(s.grid, rc.row, rc.col) : undefined;
  }
}

/** One reporting unit of the template (a school, a kindergarten), at its position in the map. */
export interface UnitRow {
  index: number;
  name: string;
  /** The name cell (where unit-level issues point). */
  sheet: string;
  cell: string;
  /** False for a blank row of a unit table (nothing typed): skipped entirely. */
  used: boolean;
  /** Explanation (说明) texts by explained id ('' = the unit's own); absent when none. */
  notes?: Map<string, string>;
  /** Input cells the map has for the unit (notes aside), and which inputs they are. */
  mapped: number;
}

/** Reading the input cells also finds sheets that are gone: reported by the cell-map check. */
export interface SheetMissing {
  input: string;
  sheet: string;
  unit: number;
}


/** Units whose defined name points nowhere (their row was deleted) and was not read elsewhere. */
export function lostUnits(template: DecodedTemplate, map: ResolvedMap): Set<number> {
  const unitByName = new Map(template.model.units.map((u) => [u.definedName, u.index]));
  const out = new Set<number>();
  for (const p of map.problems) {
    if ((p.code === 'name-missing' || p.code === 'name-broken') && p.located === false && p.name !== undefined) {
      const index = unitByName.get(p.name);
      if (index !== undefined) out.add(index);
    }
  }
  return out;
}

/** Memoises a fact on first use. */
function once<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}

export class TemplateContext {
  readonly meta: TemplateMeta;
  readonly multiUnit: boolean;
  constructor(
    readonly book: Book,
    readonly template: DecodedTemplate,
    readonly plan: Plan | undefined,
    readonly options: ValidateOptions,
    /** The plan identity issues (integrity.ts): not released, unknown, version or hash differing. */
    readonly planIssues: readonly DraftIssue[] = [],
  ) {
    this.meta = template.meta;
    this.multiUnit = template.meta.kind === 'units';
  }

  /** The map resolved against the workbook's names (empty when the metadata is too damaged to resolve). */
  readonly map = once((): ResolvedMap => this.resolvedMap() ?? { units: [], columns: [], cells: [], problems: [] as MapProblem[] });

  /** The map as resolved; undefined when the metadata is too damaged to resolve (then `map` is empty). */
  readonly resolvedMap = once((): ResolvedMap | undefined => {
    try {
      return resolveMap(this.template, this.book.grid.definedNames, this.book.grid);
    } catch {
      return undefined;
    }
  });

  readonly planHash = once(() => (this.plan ? hashOf(this.plan) : ''));

  /** Version, hash and template version as when the template was made: its formula cells can be checked. */
  readonly sameTemplate = once(() => {
    const plan = this.plan;
    if (!plan) return false;
    if (this.meta.planVersion !== plan.version || this.meta.planHash !== this.planHash()) return false;
    return this.meta.templateVersion === TEMPLATE_VERSION;
  });

  readonly fields = once((): ReadonlyMap<string, Field> => (this.plan ? fieldsOf(this.plan, this.meta.indicators, this.meta.year, this.meta.level, this.meta.carried) : new Map()));

  readonly sheets = once(() => new SheetTable((name) => this.book.sheets.get(name)?.grid));

  /** The template's units in map order (one per unit index), after reading their cells. */
  readonly units = once((): UnitRow[] => {
    this.inputs(); // reading records notes, used rows and mapped cells on the units
    return this.unitRows();
  });

  /** The units with where their names are, before reading (reading completes them). */
  private readonly unitRows = once((): UnitRow[] => {
    const map = this.map();
    const loc = new Map(map.units.map((u) => [u.index, u]));
    const columnSheets = new Set(map.columns.map((c) => c.sheet));
    const cellUnits = new Set(map.cells.map((c) => c.unitIndex));
    const byIndex = new Map<number, UnitRow>();
    // A unit whose row was deleted (its name points nowhere) is not a unit any more: the cell-map
    // check says so, and nothing is read in its place.
    const lost = lostUnits(this.template, map);
    for (const u of this.template.model.units) {
      if (lost.has(u.index)) continue;
      const l = loc.get(u.index);
      // A unit with mapped cells is named and located as its cells say; otherwise as made.
      const hasCells = l !== undefined && (columnSheets.has(l.sheet) || cellUnits.has(u.index));
      byIndex.set(u.index, {
        index: u.index,
        name: hasCells ? l.name : u.name || `#${u.index}`,
        sheet: hasCells ? l.sheet : u.sheet,
        cell: hasCells ? a1(l.row, l.col) : u.address,
        // A unit named by the template is expected to report; a row left for the filler counts once used.
        used: !this.multiUnit || u.name !== '',
        mapped: 0,
      });
    }
    // Units the map does not hold but the codec found (rows inserted by hand, a copied sheet): read.
    for (const u of map.units) {
      if (u.added) byIndex.set(u.index, { index: u.index, name: u.name, sheet: u.sheet, cell: a1(u.row, u.col), used: true, mapped: 0 });
    }
    return [...byIndex.values()];
  });

  /** Unit index → position in `units()`. */
  readonly positions = once(() => new Map(this.unitRows().map((u, k) => [u.index, k])));

  /** Every input read into columns (notes and used rows recorded on the units). */
  readonly inputs = once(() => {
    const map = this.map();
    const units = this.unitRows();
    const positions = this.positions();
    const fields = this.fields();
    const sheets = this.sheets();
    const columns = new Map<string, InputColumn>();
    const sheetMissing: SheetMissing[] = [];
    const reported = new Set<string>();
    const n = units.length;
    const locs = new Map(map.units.map((u) => [u.index, u]));
    const columnOf = (input: string): InputColumn | undefined => {
      const field = fields.get(input);
      if (!field) return undefined; // an input of another plan version: reported by the version check
      let c = columns.get(input);
      if (!c) columns.set(input, (c = newColumn(input, field, n)));
      return c;
    };
    /** Reads one input's cells for the units at `at` (positions and rows), all at column `col` of `sheetName`. */
    const readCells = (input: string, sheetName: string, col: number, at: ReadonlyArray<readonly [number, number]>) => {
      const note = isNoteInput(input);
      const sheet = sheets.id(sheetName);
      const grid = sheets.grids[sheet];
      const column = note ? undefined : columnOf(input);
      for (const [k, row] of at) {
        const unit = units[k]!;
        if (!note) unit.mapped++;
        if (!grid) {
          const key = `${sheetName}\u0000${input}`;
          if (!note && !reported.has(key)) {
            reported.add(key);
            sheetMissing.push({ input, sheet: sheetName, unit: k });
          }
          continue;
        }
        const got = grid.values[row - 1]?.[col - 1] ?? null;
        if (note) {
          const text = filled(got) ? textOf(got) : '';
          if (text !== '') {
            (unit.notes ??= new Map()).set(notedId(input), text);
            unit.used = true;
          }
          continue;
        }
        if (!column) continue; // an input of another plan version: reported by the version check
        if (column.state[k] !== 0) {
          // The same input mapped twice for a unit: the later cell is the one read.
          column.bad[k] = 0;
          column.text[k] = 0;
          column.slow.delete(k);
        }
        column.sheet[k] = sheet;
        column.row[k] = row;
        column.col[k] = col;
        readInto(column, k, got, unit, sheetName);
        if (!unit.used && filled(got)) unit.used = true;
      }
    };
    // Each column over the units on its sheet (their rows), then the single cells.
    const onSheet = new Map<string, Array<[number, number]>>();
    for (const u of map.units) {
      const l = locs.get(u.index)!;
      let list = onSheet.get(l.sheet);
      if (!list) onSheet.set(l.sheet, (list = []));
      list.push([positions.get(u.index)!, l.row]);
    }
    for (const c of map.columns) {
      const at = onSheet.get(c.sheet);
      if (at) readCells(c.input, c.sheet, c.col, at);
    }
    const one: Array<[number, number]> = [[0, 0]]; // (one cell at a time: no array per cell)
    for (const c of map.cells) {
      const k = positions.get(c.unitIndex);
      if (k === undefined) continue;
      one[0]![0] = k;
      one[0]![1] = c.row;
      readCells(c.input, c.sheet, c.col, one);
    }
    return { columns, sheetMissing };
  });

  /** Positions of the units validated, in unit order (a unit table's blank rows are not units). */
  readonly active = once((): number[] => {
    const units = this.units();
    return units
      .map((_, k) => k)
      .filter((k) => units[k]!.used || !this.multiUnit)
      .sort((a, b) => units[a]!.index - units[b]!.index);
  });

  /** The 表内审核 rules over the active units: issues, and the inputs each violated rule implicates. */
  readonly relations = once((): RuleOutcome => checkRules(this.plan?.rules ?? [], this.inputs().columns, this.active(), this.units(), this.sheets()));

  /** The template's own formula cells, when the workbook is the template it says it is. */
  readonly layout = once((): TemplateCells => (this.options.formulas === false ? templateCells.none : this.templateCells()));

  /**
   * The template's cells found again, whether or not formulas are compared (unplaced values and
   * the value cells need them too): worked out once per template, not once per check.
   */
  readonly templateCells = once((): TemplateCells => {
    const plan = this.plan;
    if (!plan || !this.sameTemplate()) return templateCells.none;
    return templateCells(plan, this.template, this.map());
  });

  /** Every indicator of the template computed per active unit, column by column. */
  readonly indicators = once((): IndicatorColumn[] => {
    const plan = this.plan;
    if (!plan) return [];
    const plans = planIndicators(plan, this.meta.indicators, this.meta.year, this.meta.level);
    return computeIndicators(plans, {
      plan,
      year: this.meta.year,
      level: this.meta.level,
      columns: this.inputs().columns,
      active: this.active(),
      units: this.units(),
      implicated: this.relations().implicated,
      layout: this.layout(),
      sheets: this.sheets(),
      withStatus: this.options.status !== false,
    });
  });

  /** What per-unit loops over columns share. */
  readonly facts = once(() => ({ active: this.active(), units: this.units(), sheets: this.sheets() }));

  /** Last year's values by unit name and indicator. */
  readonly previous = once((): Map<string, number> => {
    const out = new Map<string, number>();
    for (const p of this.options.previous ?? []) {
      if (typeof p.value === 'number' && Number.isFinite(p.value)) out.set(`${String(p.unit).trim()}\u0000${p.indicator}`, p.value);
    }
    return out;
  });

  readonly plausibility = once((): PlausibilityOptions => ({ ...DEFAULT_PLAUSIBILITY, ...this.options.plausibility }));

  /** An indicator column by id. */
  readonly indicatorById = once(() => new Map(this.indicators().map((c) => [c.id, c])));

  /** Issues a check emits about a unit carry its name and index. */
  unitOf(k: number): { unit: string; unitIndex: number } {
    const u = this.units()[k]!;
    return { unit: u.name, unitIndex: u.index };
  }
}

/** A context whose plan is known: what every check after `plan-known` receives. */
export type PlannedContext = TemplateContext & { readonly plan: Plan };

export type { DraftIssue };
