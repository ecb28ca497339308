/**
 * The template's own formula cells, found again in a returned workbook: which cell shows each
 * unit's indicator value, and whether every formula cell still holds its formula.
 *
 * What is expected comes from `buildTemplate` itself, rebuilt from the metadata the workbook
 * carries (plan, kind, level, year, units, indicators, language) — the one definition of a
 * template. A unit table is rebuilt with two unit rows, not thousands: every unit row holds the
 * same formulas on its own row, and the summary below refers to the first and last unit rows, so
 * the first row's formulas are repeated on each unit's row and the summary's references are
 * stretched to the real last row. (A test checks this against a full build.) Expectations are
 * cached per template, so the 100 returns of one template rebuild it once.
 *
 * Rows a filler inserted are followed through the map's anchors (each unit's name cell, each
 * input cell, resolved by defined name): a template row maps to the workbook row by the offset of
 * the nearest anchor at or above it, and references inside expected formulas move the same way,
 * as the spreadsheet moved them. When columns moved, formula checks are skipped, not guessed.
 */
import { roundTo } from '../evaluate';
import type { Indicator, Plan } from '../plan/schema';
import { allIndicators } from '../plan/registry';
import { a1, a1ToRowCol, tryA1ToRowCol } from '../workbook/address';
import { buildTemplate } from '../template/build';
import { decodeMetadata, type CellMapModel, type DecodedTemplate, type ResolvedMap } from '../workbook/cellmap';
import { booleanValueFormula, directFormula, ratioFormula, stagePartsTotal, sumFormula } from '../template/formulas';
import { gridFormula, gridValue, isGridError, type GridValue, type SheetGrid, type WorkbookGrid } from '../workbook/grid';
import { isBooleanIndicator } from '../template/model';
import type { CellSpec, CellValue, SheetSpec } from '../template/spec';
import type { IndicatorColumn } from './indicators';
import { issueValue, type DraftIssue } from './issues';
import { matchesParts, moveRows, rowParts, sameFormula } from '../workbook/formula-text';

/** The suffix of a per-stage input id (template/model.ts stageInputId). */
const STAGE_SUFFIX = /^\.(preschool|primary|junior|senior|vocational|higher)$/;

export interface TemplateCells {
  /** The sheet holding the template's cells (undefined when nothing is known). */
  sheetName?: string;
  /** Where each unit's value of an indicator shows now (by unit index); undefined when the template has no such cell. */
  valueCells(indicator: string): ((unitIndex: number) => { row: number; col: number } | undefined) | undefined;
  /** Formula cells overwritten or changed, typed rates that differ, cached results that disagree. */
  check(book: WorkbookGrid, values: ComputedValues): DraftIssue[];
  /**
   * Typed values on the template's sheet in no cell the template wrote (or over a label it wrote,
   * with other content): what nothing reads. `unitRows` are the unit rows now (any content in the
   * template's unit-row columns is the unit's); `skip` are places read or reported elsewhere.
   */
  unplaced(book: WorkbookGrid, unitRows: readonly number[], skip: (row: number, col: number) => boolean): Array<{ row: number; col: number; value: GridValue }>;
}

/** The core's values as the formula check compares them with the workbook's. */
export interface ComputedValues {
  column(indicator: string): IndicatorColumn | undefined;
  /** The unit's position in the columns when it was validated, else -1. */
  position(unitIndex: number): number;
  unitName(position: number): string;
}

const NONE: TemplateCells = { valueCells: () => undefined, check: () => [], unplaced: () => [] };

/**
 * A formula cell of the template, in the template's own rows (as made, before any insertion).
 * Its formula is `formula`, or — for the rows of a unit table — `parts` joined with the row
 * number (see `formulaOf`).
 */
export interface ExpectedCell {
  row: number;
  col: number;
  formula?: string;
  parts?: string[];
  /** `String(row)`, kept with `parts` (the check joins or matches with it). */
  rowText?: string;
  unitIndex?: number;
  /** Set on the cell showing this indicator's value for `unitIndex`. */
  indicator?: string;
}

/** A cell the template wrote that is not a formula nor an input: its content as made. */
export interface WrittenCell {
  row: number;
  col: number;
  value: CellValue;
  /** A place left for anything (the sign-off boxes written by hand). */
  free: boolean;
}

export interface Expected {
  cells: ExpectedCell[];
  /** Labels, headers, blanks the template styled: in template rows (unit rows excluded). */
  written: WrittenCell[];
  /** The columns the template writes on every unit row (name, number, inputs, formulas). */
  unitRowCols: number[];
  /** indicator → unit index → the value cell, in template rows. */
  valueCells: Map<string, Map<number, { row: number; col: number }>>;
}

/** An expected cell, every field present (one object shape: the formula check reads 150 per file). */
function expectedCell(row: number, col: number, formula: string | undefined, parts: string[] | undefined, rowText: string | undefined, unitIndex: number | undefined, indicator: string | undefined): ExpectedCell {
  return { row, col, formula, parts, rowText, unitIndex, indicator };
}

/** The expected formula's text. */
export function formulaOf(e: ExpectedCell): string {
  return e.formula ?? e.parts!.join(e.rowText ?? String(e.row));
}

const key = (unitIndex: number, indicator: string) => `${unitIndex}\u0000${indicator}`;

function setValueCell(cells: Expected['valueCells'], indicator: string, unitIndex: number, at: { row: number; col: number }): void {
  let byUnit = cells.get(indicator);
  if (!byUnit) cells.set(indicator, (byUnit = new Map()));
  byUnit.set(unitIndex, at);
}

/** The template the metadata describes, with `units` unit rows (undefined when the builder refuses). */
function rebuild(plan: Plan, t: DecodedTemplate, units: number): { sheet: SheetSpec; model: CellMapModel } | undefined {
  const meta = t.meta;
  const named = meta.units.filter((u) => u !== '');
  const allNamed = meta.kind === 'units' && named.length === meta.units.length && named.length > 0;
  try {
    const spec = buildTemplate(plan, {
      kind: meta.kind,
      level: meta.level,
      reporter: meta.reporter,
      year: meta.year,
      lang: meta.lang,
      units: meta.kind === 'units' ? (allNamed ? named.slice(0, units) : []) : named,
      emptyRows: meta.kind === 'units' && !allNamed ? units : undefined,
      indicators: meta.indicators,
      includeOverview: false,
    });
    const sheet = spec.sheets.find((s) => s.kind === meta.kind);
    const decoded = decodeMetadata({ name: spec.hiddenMetadata.sheetName, values: spec.hiddenMetadata.rows, formulas: [] });
    if (!sheet || !decoded || 'problem' in decoded) return undefined;
    return { sheet, model: decoded.model };
  } catch {
    return undefined;
  }
}

/** The formula the template computes an indicator's value with, from the addresses of the unit's inputs. */
function valueFormula(ind: Indicator, direct: (id: string) => string | undefined, unitTable: boolean, inputs: readonly string[]): string | undefined {
  const c = ind.compute;
  // An input collected per stage (a template covering several stages) is read as the sum of its parts.
  const ref = (id: string): string | undefined => {
    const own = direct(id);
    if (own !== undefined) return own;
    const parts = inputs.filter((x) => x.startsWith(`${id}.`) && STAGE_SUFFIX.test(x.slice(id.length))).map(direct);
    return parts.length > 0 && parts.every((r): r is string => r !== undefined) ? stagePartsTotal(parts) : undefined;
  };
  const refs = (ids: string[]) => {
    const out = ids.map(ref);
    return out.every((r): r is string => r !== undefined) ? out : undefined;
  };
  if (c.kind === 'ratio') {
    const n = refs(c.numerator);
    const d = refs(c.denominator);
    return n && d ? ratioFormula(n, d, c.scale) : undefined;
  }
  if (c.kind === 'sum') {
    const parts = refs(c.inputs);
    return parts ? sumFormula(parts) : undefined;
  }
  if (!unitTable) return undefined; // a return's direct indicator is typed into its value cell
  const own = ref(ind.id);
  return own === undefined ? undefined : isBooleanIndicator(ind) ? booleanValueFormula(own) : directFormula(own);
}

function formulaIndex(sheet: SheetSpec): Map<string, string[]> {
  const byFormula = new Map<string, string[]>();
  for (const [address, cell] of Object.entries(sheet.cells)) {
    if (cell.formula === undefined || cell.role === 'input') continue;
    const list = byFormula.get(cell.formula);
    if (list) list.push(address);
    else byFormula.set(cell.formula, [address]);
  }
  return byFormula;
}

/** A return: the rebuilt sheet is the template; value cells found by their formula (or the direct input). */
function expectedReturn(plan: Plan, t: DecodedTemplate): Expected | undefined {
  const built = rebuild(plan, t, 1);
  if (!built) return undefined;
  const byFormula = formulaIndex(built.sheet);
  const valueCells: Expected['valueCells'] = new Map();
  const valueOf = new Map<string, string>();
  const cellOf = new Map(built.model.cells.map((c) => [key(c.unitIndex, c.input), c.address]));
  const indicators = new Map(allIndicators(plan).map((i) => [i.id, i]));
  for (const u of built.model.units) {
    for (const id of t.meta.indicators) {
      const ind = indicators.get(id);
      if (!ind) continue;
      const f = valueFormula(ind, (input) => cellOf.get(key(u.index, input)), false, t.meta.inputs);
      const address = f !== undefined ? byFormula.get(f)?.[0] : ind.compute.kind === 'direct' ? cellOf.get(key(u.index, id)) : undefined;
      if (address === undefined) continue;
      setValueCell(valueCells, id, u.index, a1ToRowCol(address));
      valueOf.set(address, id);
    }
  }
  const cells: ExpectedCell[] = [];
  for (const [address, cell] of Object.entries(built.sheet.cells)) {
    if (cell.formula === undefined || cell.role === 'input') continue;
    const id = valueOf.get(address);
    const at = a1ToRowCol(address);
    cells.push(expectedCell(at.row, at.col, cell.formula, undefined, undefined, 1, id || undefined));
  }
  const written: WrittenCell[] = [];
  for (const [address, cell] of Object.entries(built.sheet.cells)) {
    const w = writtenCell(address, cell);
    if (w) written.push(w);
  }
  return { cells, valueCells, written, unitRowCols: [] };
}

/** A unit table: two unit rows rebuilt, the first repeated on every unit's row, the summary stretched. */
function expectedUnits(plan: Plan, t: DecodedTemplate): Expected | undefined {
  const units = [...t.model.units].sort((a, b) => a.index - b.index);
  const n = units.length;
  if (n === 0) return undefined;
  const k = Math.min(n, 2);
  const built = rebuild(plan, t, k);
  if (!built || built.model.units.length !== k) return undefined;
  const small = built.model.units.map((u) => a1ToRowCol(u.address).row).sort((a, b) => a - b);
  const firstSmall = small[0]!;
  const lastSmall = small[k - 1]!;
  const fullRow = units.map((u) => a1ToRowCol(u.address).row);
  const firstFull = fullRow[0]!;
  const lastFull = fullRow[n - 1]!;
  // The header must be the same as when the template was made, and unit rows contiguous below it.
  if (firstFull !== firstSmall || lastFull - firstFull !== n - 1) return undefined;
  const stretch = (x: number) => (x < firstSmall ? x : x === firstSmall ? firstFull : x === lastSmall ? lastFull : x + (lastFull - lastSmall));

  const byFormula = formulaIndex(built.sheet);
  const columnOf = new Map(built.model.columns.map((c) => [c.input, a1ToRowCol(c.address).col]));
  const indicators = new Map(allIndicators(plan).map((i) => [i.id, i]));
  const valueCol = new Map<string, number>();
  for (const id of t.meta.indicators) {
    const ind = indicators.get(id);
    if (!ind) continue;
    const f = valueFormula(ind, (input) => (columnOf.has(input) ? a1(firstSmall, columnOf.get(input)!) : undefined), true, t.meta.inputs);
    const address = f !== undefined ? byFormula.get(f)?.find((a) => a1ToRowCol(a).row === firstSmall) : undefined;
    if (address !== undefined) valueCol.set(id, a1ToRowCol(address).col);
  }
  const indicatorAtCol = new Map([...valueCol].map(([id, col]) => [col, id]));

  const cells: ExpectedCell[] = [];
  const valueCells: Expected['valueCells'] = new Map();
  for (const [address, cell] of Object.entries(built.sheet.cells)) {
    if (cell.formula === undefined || cell.role === 'input') continue;
    const { row, col } = a1ToRowCol(address);
    if (row === firstSmall) {
      const indicator = indicatorAtCol.get(col);
      const parts = rowParts(cell.formula, row);
      units.forEach((u, i) => {
        cells.push(expectedCell(fullRow[i]!, col, undefined, parts, String(fullRow[i]!), u.index, indicator || undefined));
      });
    } else if (row > firstSmall && row <= lastSmall) {
      continue; // the other rebuilt unit rows: covered by the first
    } else {
      cells.push(expectedCell(stretch(row), col, n === k ? cell.formula : moveRows(cell.formula, stretch), undefined, undefined, undefined, undefined));
    }
  }
  units.forEach((u, i) => {
    for (const [id, col] of valueCol) setValueCell(valueCells, id, u.index, { row: fullRow[i]!, col });
  });
  const written: WrittenCell[] = [];
  const unitRowCols = new Set<number>();
  for (const [address, cell] of Object.entries(built.sheet.cells)) {
    const { row, col } = a1ToRowCol(address);
    if (row >= firstSmall && row <= lastSmall) {
      unitRowCols.add(col);
      continue;
    }
    const w = writtenCell(address, cell);
    if (w) written.push({ ...w, row: stretch(row) });
  }
  return { cells, valueCells, written, unitRowCols: [...unitRowCols] };
}

/** A literal cell of the template (formula and input cells are checked, or read, elsewhere). */
function writtenCell(address: string, cell: CellSpec): WrittenCell | undefined {
  if (cell.formula !== undefined || cell.role === 'input') return undefined;
  return { ...a1ToRowCol(address), value: cell.value ?? null, free: cell.role === 'sign' || cell.style === 'sign-input' };
}

/** The workbook still holds what the template wrote there (text compared trimmed, as shown). */
function unchanged(made: CellValue, now: GridValue): boolean {
  if (now === made) return true; // as made, to the character (most labels of most returns)
  const a = made === null ? '' : String(made).trim();
  const b = now === null || now === undefined || isGridError(now) ? '' : String(now).trim();
  return a === b;
}

function filledValue(v: GridValue): boolean {
  if (v === null || v === undefined) return false;
  return typeof v === 'string' ? v.trim() !== '' : true;
}

// Expectations per plan object and template identity; a few templates per plan at a time.
const cache = new WeakMap<Plan, Map<string, Expected | undefined>>();
const CACHE_PER_PLAN = 8;

// A decoded template the codec shares between returns (frozen, cellmap.ts findTemplates): its
// expectations by plan, looked up by identity — no key built from its content per file.
const byTemplate = new WeakMap<DecodedTemplate, WeakMap<Plan, { expected: Expected | undefined }>>();

/** What a template's formula cells should be, in its own rows (exported for tests). */
export function expectedCells(plan: Plan, t: DecodedTemplate): Expected | undefined {
  const shared = Object.isFrozen(t) && Object.isFrozen(t.model) && Object.isFrozen(t.meta);
  const mine = shared ? byTemplate.get(t)?.get(plan) : undefined;
  if (mine) return mine.expected;
  let perPlan = cache.get(plan);
  if (!perPlan) cache.set(plan, (perPlan = new Map()));
  const id = JSON.stringify([t.meta, t.model.units.length, t.model.units[0]?.address, t.model.units.at(-1)?.address, t.model.columns, t.model.cells]);
  let out: Expected | undefined;
  if (perPlan.has(id)) out = perPlan.get(id);
  else {
    try {
      out = t.meta.kind === 'units' ? expectedUnits(plan, t) : t.meta.kind === 'return' ? expectedReturn(plan, t) : undefined;
    } catch {
      out = undefined;
    }
    if (perPlan.size >= CACHE_PER_PLAN) perPlan.delete(perPlan.keys().next().value as string);
    perPlan.set(id, out);
  }
  if (shared) {
    let plans = byTemplate.get(t);
    if (!plans) byTemplate.set(t, (plans = new WeakMap()));
    plans.set(plan, { expected: out });
  }
  return out;
}

/** Where the template made its units' name cells, its columns and its single cells: once per shared template. */
interface MadePlaces {
  unitRow: Map<number, number>;
  column: Map<string, number>;
  /** unit index → input → the cell as made (`at` undefined: the metadata's address is not one). */
  cell: Map<number, Map<string, { at?: { row: number; col: number }; address: string }>>;
  cells: number;
}
const madePlaces = new WeakMap<DecodedTemplate, MadePlaces>();

function madePlacesOf(t: DecodedTemplate): MadePlaces {
  const cached = madePlaces.get(t);
  if (cached) return cached;
  const cell: MadePlaces['cell'] = new Map();
  for (const c of t.model.cells) {
    let byInput = cell.get(c.unitIndex);
    if (!byInput) cell.set(c.unitIndex, (byInput = new Map()));
    byInput.set(c.input, { at: tryA1ToRowCol(c.address), address: c.address });
  }
  const out: MadePlaces = {
    unitRow: new Map(t.model.units.map((u) => [u.index, a1ToRowCol(u.address).row])),
    column: new Map(t.model.columns.map((c) => [c.input, a1ToRowCol(c.address).col])),
    cell,
    cells: t.model.cells.length,
  };
  if (Object.isFrozen(t) && Object.isFrozen(t.model)) madePlaces.set(t, out);
  return out;
}

/** Piecewise row offsets from anchors (template row → workbook row). */
function rowMapper(anchors: ReadonlyMap<number, number>): ((row: number) => number) | undefined {
  const sorted = [...anchors.entries()].sort((a, b) => a[0] - b[0]);
  if (sorted.every(([s, a]) => s === a)) return undefined;
  return (row) => {
    let lo = 0;
    let hi = sorted.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]![0] <= row) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return row;
    const [s, a] = sorted[best]!;
    return row + (a - s);
  };
}

export function templateCells(plan: Plan, t: DecodedTemplate, map: ResolvedMap): TemplateCells {
  try {
    return locate(plan, t, map) ?? NONE;
  } catch {
    return NONE;
  }
}
templateCells.none = NONE;

function locate(plan: Plan, t: DecodedTemplate, map: ResolvedMap): TemplateCells | undefined {
  const sheetName = t.model.units[0]?.sheet ?? t.model.cells[0]?.sheet;
  if (!sheetName) return undefined;
  const expected = expectedCells(plan, t);
  if (!expected) return undefined;

  // Anchors: where each mapped cell was made and where it is now (resolved by defined name).
  // One per unit row and per single cell; columns must not have moved, nor cells left the sheet.
  const anchors = new Map<number, number>();
  const made = madePlacesOf(t);
  const madeUnitRow = made.unitRow;
  const madeColumn = made.column;
  const unitAt = new Map(map.units.map((u) => [u.index, u]));
  const unitsOn = new Map<string, number[]>();
  for (const u of map.units) {
    const list = unitsOn.get(unitAt.get(u.index)!.sheet) ?? [];
    list.push(u.index);
    unitsOn.set(unitAt.get(u.index)!.sheet, list);
  }
  const withCells = new Set<number>();
  const firstColumnOf = new Map<string, number>();
  const anchor = (unitIndex: number, input: string, row: number, col: number): boolean => {
    const m = made.cells > 0 ? made.cell.get(unitIndex)?.get(input) : undefined;
    if (!m) return true;
    const was = m.at ?? a1ToRowCol(m.address); // (not an address: throws, as it always did)
    if (was.col !== col) return false;
    anchors.set(was.row, row);
    return true;
  };
  // In the order resolveInputCells expands the map: each column over its sheet's units, then single cells.
  for (const c of map.columns) {
    const on = unitsOn.get(c.sheet);
    if (!on) continue;
    if (c.sheet !== sheetName) return undefined;
    if (madeColumn.has(c.input) && !firstColumnOf.has(c.input)) firstColumnOf.set(c.input, c.col);
    for (const index of on) {
      withCells.add(index);
      if (!anchor(index, c.input, unitAt.get(index)!.row, c.col)) return undefined;
    }
  }
  for (const c of map.cells) {
    if (c.sheet !== sheetName) return undefined;
    withCells.add(c.unitIndex);
    if (madeColumn.has(c.input) && !firstColumnOf.has(c.input)) firstColumnOf.set(c.input, c.col);
    if (!anchor(c.unitIndex, c.input, c.row, c.col)) return undefined;
  }
  for (const [input, col] of firstColumnOf) if (col !== madeColumn.get(input)) return undefined;
  // Unit rows (by the unit's name cell), first-seen order as the cells list them.
  for (const index of withCells) {
    const was = madeUnitRow.get(index);
    const now = unitAt.get(index);
    if (was !== undefined && now) anchors.set(was, now.row);
  }
  const mapRow = rowMapper(anchors);

  return {
    sheetName,
    valueCells: (indicator) => {
      const byUnit = expected.valueCells.get(indicator);
      if (!byUnit) return undefined;
      if (!mapRow) return (unitIndex) => byUnit.get(unitIndex);
      return (unitIndex) => {
        const v = byUnit.get(unitIndex);
        return v && { row: mapRow(v.row), col: v.col };
      };
    },
    check: (book, values) => {
      const grid = book.sheets.find((s) => s.name === sheetName);
      if (!grid) return [];
      const cells = mapRow ? expected.cells.map((e) => expectedCell(mapRow(e.row), e.col, moveRows(formulaOf(e), mapRow), undefined, undefined, e.unitIndex, e.indicator)) : expected.cells;
      return checkFormulas(grid, sheetName, cells, values);
    },
    unplaced: (book, unitRows, skip) => {
      const grid = book.sheets.find((s) => s.name === sheetName);
      if (!grid) return [];
      const made = mapRow ? madeCells(expected, mapRow) : unmovedMadeCells(expected);
      const onUnitRow = new Set(unitRows);
      const unitCols = new Set(expected.unitRowCols);
      const out: Array<{ row: number; col: number; value: GridValue }> = [];
      grid.values.forEach((cells, r) => {
        const row = r + 1;
        const formulas = grid.formulas[r];
        const unitRow = onUnitRow.has(row);
        // (A plain loop: a hole reads as undefined, which is not filled, as forEach skips it.)
        for (let c = 0; c < cells.length; c++) {
          const value = cells[c];
          if (value === undefined || !filledValue(value) || (formulas?.[c] ?? null) !== null) continue;
          const col = c + 1;
          if (unitRow && unitCols.has(col)) continue;
          const w = made.get(cellNumber(row, col));
          if (w && (w.free || unchanged(w.value, value))) continue;
          if (skip(row, col)) continue;
          out.push({ row, col, value });
        }
      });
      return out;
    },
  };
}

/** One number per cell (columns end at 16,384): a key with no string built per cell looked up. */
const cellNumber = (row: number, col: number) => row * 32768 + col;

/** What the template wrote, by cellNumber in the workbook's rows now (formula cells: free). */
function madeCells(expected: Expected, mapRow?: (row: number) => number): Map<number, WrittenCell> {
  const made = new Map<number, WrittenCell>();
  for (const w of expected.written) {
    const row = mapRow ? mapRow(w.row) : w.row;
    made.set(cellNumber(row, w.col), w);
  }
  for (const e of expected.cells) made.set(cellNumber(mapRow ? mapRow(e.row) : e.row, e.col), { row: e.row, col: e.col, value: null, free: true });
  return made;
}

// Rows not moved (most returns): the same map for every return of the template.
const unmoved = new WeakMap<Expected, Map<number, WrittenCell>>();
function unmovedMadeCells(expected: Expected): Map<number, WrittenCell> {
  let made = unmoved.get(expected);
  if (!made) unmoved.set(expected, (made = madeCells(expected)));
  return made;
}

function checkFormulas(grid: SheetGrid, sheet: string, expected: readonly ExpectedCell[], values: ComputedValues): DraftIssue[] {
  // A row where none of the expected formulas is there and nothing is typed was not built (a
  // template made without its summary block): not a tampered row.
  // (By row number: 1 = present, 0 = not seen yet or nothing there.)
  let maxRow = 0;
  for (const e of expected) if (e.row > maxRow) maxRow = e.row;
  const rowPresent = new Uint8Array(maxRow + 1);
  for (const e of expected) {
    if (e.row < 1 || rowPresent[e.row]) continue;
    const f = gridFormula(grid, e.row, e.col);
    const v = gridValue(grid, e.row, e.col);
    if (f !== null || (v !== null && v !== '')) rowPresent[e.row] = 1;
  }
  const issues: DraftIssue[] = [];
  let lastIndicator: string | undefined;
  let column: IndicatorColumn | undefined;
  for (const e of expected) {
    if (e.row < 1 || !rowPresent[e.row]) continue;
    const found = gridFormula(grid, e.row, e.col);
    // The core's value for this cell, when it shows a validated unit's indicator.
    if (e.indicator !== lastIndicator) {
      lastIndicator = e.indicator;
      column = e.indicator !== undefined ? values.column(e.indicator) : undefined;
    }
    const k = column && e.unitIndex !== undefined ? values.position(e.unitIndex) : -1;
    const computed = k >= 0 ? column : undefined;
    // Exact text first (most cells of most returns, no string built), then the canonical form.
    const same = found !== null && ((e.formula !== undefined ? found === e.formula : matchesParts(found, e.parts!, e.rowText ?? String(e.row))) || sameFormula(formulaOf(e), found));
    if (same) {
      if (!computed) continue;
      const raw = gridValue(grid, e.row, e.col);
      if (!cachedDisagrees(raw, computed, k)) continue;
      const rounded = roundedAt(computed, k);
      const loc = { sheet, cell: a1(e.row, e.col), unitIndex: e.unitIndex, unit: values.unitName(k), indicator: e.indicator };
      issues.push({ ...loc, code: 'workbook-value-mismatch', params: { workbook: issueValue(raw), computed: rounded }, value: issueValue(raw), expected: rounded });
      continue;
    }
    const formula = formulaOf(e);
    const raw = gridValue(grid, e.row, e.col);
    const loc = { sheet, cell: a1(e.row, e.col), unitIndex: e.unitIndex, unit: computed ? values.unitName(k) : undefined, indicator: e.indicator };
    if (found === null) {
      // A number typed over a value formula that its parts contradict is the clearer problem.
      const rounded = computed ? roundedAt(computed, k) : null;
      if (computed && typeof raw === 'number' && rounded !== null && roundTo(raw, computed.plan.precision) !== rounded) {
        issues.push({ ...loc, code: 'rate-mismatch', params: { typed: raw, computed: rounded, precision: computed.plan.precision }, value: raw, expected: rounded });
      } else {
        issues.push({ ...loc, code: 'formula-overwritten', params: { formula }, value: issueValue(raw), expected: `=${formula}` });
      }
      continue;
    }
    issues.push({ ...loc, code: 'formula-changed', params: { formula, found }, value: `=${found}`, expected: `=${formula}` });
  }
  return issues;
}

function roundedAt(c: IndicatorColumn, k: number): number | null {
  const r = c.rounded[k]!;
  return Number.isNaN(r) ? null : r;
}

/**
 * Whether the workbook's cached result disagrees with the core. No cached value at all (a file
 * never recalculated, e.g. written by a library) is not a disagreement; nor is a value whose
 * inputs were already reported or typed as text (the template reads only true numbers).
 */
function cachedDisagrees(raw: unknown, c: IndicatorColumn, k: number): boolean {
  if (raw === null || raw === undefined || c.inputsBad[k] || c.inputsText[k]) return false;
  const rounded = roundedAt(c, k);
  if (isGridError(raw)) return true;
  if (typeof raw === 'number') return rounded === null || roundTo(raw, c.plan.precision) !== rounded;
  if (typeof raw === 'string') return raw.trim() === '' ? rounded !== null : true;
  return false;
}
