// The per-cell validation as it was before the check pipeline and the columnar path (commit 32f7231),
// frozen as the oracle of test/core/validate/columnar.test.ts. Not product code.
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
import { roundTo } from '../../../../src/core/evaluate';
import type { Indicator, Plan } from '../../../../src/core/plan/schema';
import { allIndicators } from '../../../../src/core/plan/registry';
import { a1, a1ToRowCol } from '../../../../src/core/workbook/address';
import { buildTemplate } from '../../../../src/core/template/build';
import { decodeMetadata, type CellMapModel, type DecodedTemplate, type InputCell } from '../../../../src/core/workbook/cellmap';
import { booleanValueFormula, directFormula, ratioFormula, stagePartsTotal, sumFormula } from '../../../../src/core/template/formulas';

/** The suffix of a per-stage input id (template/model.ts stageInputId). */
const STAGE_SUFFIX = /^\.(preschool|primary|junior|senior|vocational|higher)$/;
import { gridFormula, gridValue, isGridError, type SheetGrid, type WorkbookGrid } from '../../../../src/core/workbook/grid';
import { isBooleanIndicator } from '../../../../src/core/template/model';
import type { SheetSpec } from '../../../../src/core/template/spec';
import type { CellAt, IndicatorValue } from './indicators';
import { issueValue, type DraftIssue } from '../../../../src/core/validate/issues';
import { matchesParts, moveRows, rowParts, sameFormula } from '../../../../src/core/workbook/formula-text';

export interface TemplateCells {
  /** The sheet holding the template's cells (undefined when nothing is known). */
  sheetName?: string;
  /** The cell showing a unit's indicator value (where it is now), when the template has one. */
  valueCell(unitIndex: number, indicator: string): CellAt | undefined;
  /** Formula cells overwritten or changed, typed rates that differ, cached results that disagree. */
  check(book: WorkbookGrid, activeUnits: readonly number[], values: ValuesByIndicator): DraftIssue[];
}

/** indicator → values by unit position (unit index − 1); holes for units not validated. */
export type ValuesByIndicator = ReadonlyMap<string, ReadonlyArray<IndicatorValue | undefined>>;

const NONE: TemplateCells = { valueCell: () => undefined, check: () => [] };

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

export interface Expected {
  cells: ExpectedCell[];
  /** indicator → unit index → the value cell, in template rows. */
  valueCells: Map<string, Map<number, { row: number; col: number }>>;
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
    cells.push({ ...a1ToRowCol(address), formula: cell.formula, unitIndex: 1, ...(id ? { indicator: id } : {}) });
  }
  return { cells, valueCells };
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
        cells.push({ row: fullRow[i]!, col, parts, rowText: String(fullRow[i]!), unitIndex: u.index, ...(indicator ? { indicator } : {}) });
      });
    } else if (row > firstSmall && row <= lastSmall) {
      continue; // the other rebuilt unit rows: covered by the first
    } else {
      cells.push({ row: stretch(row), col, formula: n === k ? cell.formula : moveRows(cell.formula, stretch) });
    }
  }
  units.forEach((u, i) => {
    for (const [id, col] of valueCol) setValueCell(valueCells, id, u.index, { row: fullRow[i]!, col });
  });
  return { cells, valueCells };
}

// Expectations per plan object and template identity; a few templates per plan at a time.
const cache = new WeakMap<Plan, Map<string, Expected | undefined>>();
const CACHE_PER_PLAN = 8;

/** What a template's formula cells should be, in its own rows (exported for tests). */
export function expectedCells(plan: Plan, t: DecodedTemplate): Expected | undefined {
  let perPlan = cache.get(plan);
  if (!perPlan) cache.set(plan, (perPlan = new Map()));
  const id = JSON.stringify([t.meta, t.model.units.length, t.model.units[0]?.address, t.model.units.at(-1)?.address, t.model.columns, t.model.cells]);
  if (perPlan.has(id)) return perPlan.get(id);
  let out: Expected | undefined;
  try {
    out = t.meta.kind === 'units' ? expectedUnits(plan, t) : t.meta.kind === 'return' ? expectedReturn(plan, t) : undefined;
  } catch {
    out = undefined;
  }
  if (perPlan.size >= CACHE_PER_PLAN) perPlan.delete(perPlan.keys().next().value as string);
  perPlan.set(id, out);
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

export function templateCells(plan: Plan, t: DecodedTemplate, resolved: readonly InputCell[]): TemplateCells {
  try {
    return locate(plan, t, resolved) ?? NONE;
  } catch {
    return NONE;
  }
}
templateCells.none = NONE;

function locate(plan: Plan, t: DecodedTemplate, resolved: readonly InputCell[]): TemplateCells | undefined {
  const sheetName = t.model.units[0]?.sheet ?? t.model.cells[0]?.sheet;
  if (!sheetName) return undefined;
  const expected = expectedCells(plan, t);
  if (!expected) return undefined;

  // Anchors: where each mapped cell was made and where it is now (resolved by defined name).
  // One per unit row and per single cell; columns must not have moved.
  const anchors = new Map<number, number>();
  const madeUnitRow = new Map(t.model.units.map((u) => [u.index, a1ToRowCol(u.address).row]));
  const madeColumn = new Map(t.model.columns.map((c) => [c.input, a1ToRowCol(c.address).col]));
  const madeCell = new Map(t.model.cells.map((c) => [key(c.unitIndex, c.input), c.address]));
  const firstOfUnit = new Map<number, InputCell>();
  const firstOfColumn = new Map<string, InputCell>();
  for (const c of resolved) {
    if (c.sheet !== sheetName) return undefined;
    if (!firstOfUnit.has(c.unitIndex)) firstOfUnit.set(c.unitIndex, c);
    if (madeColumn.has(c.input) && !firstOfColumn.has(c.input)) firstOfColumn.set(c.input, c);
    const made = madeCell.size > 0 ? madeCell.get(key(c.unitIndex, c.input)) : undefined;
    if (made) {
      const was = a1ToRowCol(made);
      const now = a1ToRowCol(c.address);
      if (was.col !== now.col) return undefined;
      anchors.set(was.row, now.row);
    }
  }
  for (const [input, c] of firstOfColumn) if (a1ToRowCol(c.address).col !== madeColumn.get(input)) return undefined;
  for (const [index, c] of firstOfUnit) {
    const was = madeUnitRow.get(index);
    if (was !== undefined) anchors.set(was, a1ToRowCol(c.unitCell.address).row);
  }
  const mapRow = rowMapper(anchors);
  const here = (row: number) => (mapRow ? mapRow(row) : row);

  // Value cells where they are now, made once per template and workbook.
  const located = new Map<string, Map<number, CellAt>>();
  return {
    sheetName,
    valueCell: (unitIndex, indicator) => {
      let byUnit = located.get(indicator);
      if (!byUnit) located.set(indicator, (byUnit = new Map()));
      let at = byUnit.get(unitIndex);
      if (at === undefined) {
        const v = expected.valueCells.get(indicator)?.get(unitIndex);
        if (!v) return undefined;
        const row = here(v.row);
        at = { sheet: sheetName, cell: a1(row, v.col), row, col: v.col };
        byUnit.set(unitIndex, at);
      }
      return at;
    },
    check: (book, activeUnits, values) => {
      const grid = book.sheets.find((s) => s.name === sheetName);
      if (!grid) return [];
      const cells = mapRow ? expected.cells.map((e) => ({ row: mapRow(e.row), col: e.col, unitIndex: e.unitIndex, indicator: e.indicator, formula: moveRows(formulaOf(e), mapRow) })) : expected.cells;
      return checkFormulas(grid, sheetName, cells, new Set(activeUnits), values);
    },
  };
}

function checkFormulas(
  grid: SheetGrid,
  sheet: string,
  expected: readonly ExpectedCell[],
  active: ReadonlySet<number>,
  values: ValuesByIndicator,
): DraftIssue[] {
  // A row where none of the expected formulas is there and nothing is typed was not built (a
  // template made without its summary block): not a tampered row.
  const rowPresent = new Map<number, boolean>();
  for (const e of expected) {
    if (rowPresent.get(e.row)) continue;
    const f = gridFormula(grid, e.row, e.col);
    const v = gridValue(grid, e.row, e.col);
    rowPresent.set(e.row, f !== null || (v !== null && v !== ''));
  }
  const issues: DraftIssue[] = [];
  for (const e of expected) {
    if (!rowPresent.get(e.row)) continue;
    const found = gridFormula(grid, e.row, e.col);
    const computed = e.indicator !== undefined && e.unitIndex !== undefined ? values.get(e.indicator)?.[e.unitIndex - 1] : undefined;
    // Exact text first (most cells of most returns, no string built), then the canonical form.
    const same = found !== null && ((e.formula !== undefined ? found === e.formula : matchesParts(found, e.parts!, e.rowText ?? String(e.row))) || sameFormula(formulaOf(e), found));
    if (same) {
      if (!computed || !active.has(computed.unitIndex)) continue;
      const raw = gridValue(grid, e.row, e.col);
      if (!cachedDisagrees(raw, computed)) continue;
      const loc = { sheet, cell: a1(e.row, e.col), unitIndex: e.unitIndex, unit: computed.unit, indicator: e.indicator };
      issues.push({ ...loc, code: 'workbook-value-mismatch', params: { workbook: issueValue(raw), computed: computed.rounded }, value: issueValue(raw), expected: computed.rounded });
      continue;
    }
    const formula = formulaOf(e);
    const raw = gridValue(grid, e.row, e.col);
    const loc = { sheet, cell: a1(e.row, e.col), unitIndex: e.unitIndex, unit: computed?.unit, indicator: e.indicator };
    if (found === null) {
      // A number typed over a value formula that its parts contradict is the clearer problem.
      if (computed && typeof raw === 'number' && computed.rounded !== null && roundTo(raw, computed.precision) !== computed.rounded) {
        issues.push({ ...loc, code: 'rate-mismatch', params: { typed: raw, computed: computed.rounded, precision: computed.precision }, value: raw, expected: computed.rounded });
      } else {
        issues.push({ ...loc, code: 'formula-overwritten', params: { formula }, value: issueValue(raw), expected: `=${formula}` });
      }
      continue;
    }
    issues.push({ ...loc, code: 'formula-changed', params: { formula, found }, value: `=${found}`, expected: `=${formula}` });
  }
  return issues;
}

/**
 * Whether the workbook's cached result disagrees with the core. No cached value at all (a file
 * never recalculated, e.g. written by a library) is not a disagreement; nor is a value whose
 * inputs were already reported or typed as text (the template reads only true numbers).
 */
function cachedDisagrees(raw: unknown, v: IndicatorValue): boolean {
  if (raw === null || raw === undefined || v.inputsBad || v.inputsText) return false;
  if (isGridError(raw)) return true;
  if (typeof raw === 'number') return v.rounded === null || roundTo(raw, v.precision) !== v.rounded;
  if (typeof raw === 'string') return raw.trim() === '' ? v.rounded !== null : true;
  return false;
}
