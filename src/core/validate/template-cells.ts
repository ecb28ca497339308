/**
 * The template's own formula cells, found again in a returned workbook: which cell shows each
 * unit's indicator value, and whether every formula cell still holds its formula.
 *
 * The expected template is rebuilt with `buildTemplate` from the metadata the workbook carries
 * (plan, kind, level, year, units, indicators, language) — the one definition of what a template
 * holds. Rows a filler inserted are followed through the map's anchors (each unit's name cell,
 * each input cell, resolved by defined name): a spec row maps to the actual row by the offset of
 * the nearest anchor at or above it, and references inside expected formulas move the same way,
 * just as the spreadsheet moved them. When columns moved, or the rebuilt template does not match
 * the map the workbook carries, formula checks are skipped rather than guessed.
 */
import type { Plan, Indicator } from '../plan/schema';
import { allIndicators } from '../plan/registry';
import { a1, a1ToRowCol } from '../template/address';
import { buildTemplate } from '../template/build';
import type { DecodedTemplate, InputCell } from '../template/cellmap';
import { booleanValueFormula, directFormula, ratioFormula, sumFormula } from '../template/formulas';
import { gridFormula, gridValue, isGridError, type SheetGrid, type WorkbookGrid } from '../template/grid';
import { isBooleanIndicator } from '../template/model';
import type { CellSpec, SheetSpec } from '../template/spec';
import { roundTo } from '../evaluate';
import type { CellAt, IndicatorValue } from './indicators';
import { issueValue, type DraftIssue } from './issues';
import { moveRows, sameFormula } from './formula-text';

export interface TemplateCells {
  /** The cell showing a unit's indicator value (actual position), when the template has one. */
  valueCell(unitIndex: number, indicator: string): CellAt | undefined;
  /** Formula cells overwritten or changed, typed rates that differ, cached results that disagree. */
  check(book: WorkbookGrid, activeUnits: readonly number[], values: ReadonlyMap<string, IndicatorValue[]>): DraftIssue[];
}

const NONE: TemplateCells = { valueCell: () => undefined, check: () => [] };

interface ExpectedCell {
  row: number;
  col: number;
  formula: string;
  unitIndex?: number;
  indicator?: string;
  /** True for the cell showing an indicator's value. */
  value?: boolean;
}

/** Rebuilds the spec the metadata describes; undefined when the current builder cannot. */
function rebuild(plan: Plan, t: DecodedTemplate): SheetSpec | undefined {
  const meta = t.meta;
  const named = meta.units.filter((u) => u !== '');
  try {
    const spec = buildTemplate(plan, {
      kind: meta.kind,
      level: meta.level,
      year: meta.year,
      lang: meta.lang,
      units: named.length === meta.units.length ? named : [],
      emptyRows: named.length === meta.units.length ? undefined : Math.max(1, meta.units.length),
      indicators: meta.indicators,
      includeOverview: false,
    });
    return spec.sheets.find((s) => s.kind === meta.kind);
  } catch {
    return undefined;
  }
}

/** Piecewise row offsets from anchors (spec row → actual row), in spec-row order. */
function rowMapper(anchors: Array<[number, number]>): (row: number) => number {
  const sorted = [...new Map(anchors).entries()].sort((a, b) => a[0] - b[0]);
  if (sorted.every(([s, a]) => s === a)) return (r) => r;
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

/** The formula the template computes an indicator's value with, from the spec addresses of the unit's inputs. */
function valueFormula(ind: Indicator, ref: (id: string) => string | undefined, unitTable: boolean): string | undefined {
  const c = ind.compute;
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

export function templateCells(plan: Plan, t: DecodedTemplate, resolved: readonly InputCell[]): TemplateCells {
  try {
    return build(plan, t, resolved) ?? NONE;
  } catch {
    return NONE;
  }
}
templateCells.none = NONE;

function build(plan: Plan, t: DecodedTemplate, resolved: readonly InputCell[]): TemplateCells | undefined {
  const sheet = rebuild(plan, t);
  const sheetName = t.model.units[0]?.sheet ?? t.model.cells[0]?.sheet;
  if (!sheet || !sheetName) return undefined;

  // Anchors: where each mapped cell was made (spec) and where it is now (resolved by name).
  const anchors: Array<[number, number]> = [];
  const specUnitRow = new Map<number, number>();
  for (const u of t.model.units) specUnitRow.set(u.index, a1ToRowCol(u.address).row);
  const specColumn = new Map(t.model.columns.map((c) => [c.input, a1ToRowCol(c.address).col]));
  const specCell = new Map(t.model.cells.map((c) => [`${c.unitIndex}\u0000${c.input}`, c.address]));
  for (const c of resolved) {
    if (c.sheet !== sheetName) return undefined;
    const now = a1ToRowCol(c.address);
    const unitNow = a1ToRowCol(c.unitCell.address);
    const stored = specCell.get(`${c.unitIndex}\u0000${c.input}`);
    if (stored) {
      const was = a1ToRowCol(stored);
      if (was.col !== now.col) return undefined;
      anchors.push([was.row, now.row]);
    } else {
      const col = specColumn.get(c.input);
      if (col !== undefined && col !== now.col) return undefined;
    }
    const unitWas = specUnitRow.get(c.unitIndex);
    if (unitWas !== undefined) anchors.push([unitWas, unitNow.row]);
  }
  const mapRow = rowMapper(anchors);
  const identity = anchors.every(([s, a]) => s === a);

  // The spec's formula cells, and which of them show an indicator value.
  const unitTable = t.meta.kind === 'units';
  const byFormula = new Map<string, string[]>();
  const cells: Array<[string, CellSpec]> = Object.entries(sheet.cells);
  for (const [address, cell] of cells) {
    if (cell.formula === undefined) continue;
    const list = byFormula.get(cell.formula);
    if (list) list.push(address);
    else byFormula.set(cell.formula, [address]);
  }
  const indicators = new Map(allIndicators(plan).map((i) => [i.id, i]));
  const valueAt = new Map<string, CellAt>();
  const valueRole = new Map<string, { unitIndex: number; indicator: string }>();
  const unitOfRow = new Map<number, number>();
  for (const u of t.model.units) {
    const row = specUnitRow.get(u.index)!;
    if (unitTable) unitOfRow.set(row, u.index);
    const ref = (id: string): string | undefined => {
      if (unitTable) {
        const col = specColumn.get(id);
        return col === undefined ? undefined : a1(row, col);
      }
      return specCell.get(`${u.index}\u0000${id}`);
    };
    for (const id of t.meta.indicators) {
      const ind = indicators.get(id);
      if (!ind) continue;
      let address: string | undefined;
      const f = valueFormula(ind, ref, unitTable);
      if (f !== undefined) {
        const candidates = byFormula.get(f) ?? [];
        address = unitTable ? candidates.find((a) => a1ToRowCol(a).row === row) : candidates[0];
      } else if (!unitTable && ind.compute.kind === 'direct') {
        address = specCell.get(`${u.index}\u0000${ind.id}`);
      }
      if (address === undefined) continue;
      const { row: r, col } = a1ToRowCol(address);
      valueAt.set(`${u.index}\u0000${id}`, { sheet: sheetName, cell: a1(mapRow(r), col) });
      valueRole.set(address, { unitIndex: u.index, indicator: id });
    }
  }

  const expected: ExpectedCell[] = [];
  for (const [address, cell] of cells) {
    if (cell.formula === undefined || cell.role === 'input') continue;
    const { row, col } = a1ToRowCol(address);
    const role = valueRole.get(address);
    expected.push({
      row: mapRow(row),
      col,
      formula: identity ? cell.formula : moveRows(cell.formula, mapRow),
      unitIndex: role?.unitIndex ?? unitOfRow.get(row),
      indicator: role?.indicator,
      value: role !== undefined,
    });
  }

  return {
    valueCell: (unitIndex, indicator) => valueAt.get(`${unitIndex}\u0000${indicator}`),
    check: (book, activeUnits, values) => checkFormulas(book.sheets.find((s) => s.name === sheetName), sheetName, expected, new Set(activeUnits), values),
  };
}

function checkFormulas(
  grid: SheetGrid | undefined,
  sheet: string,
  expected: readonly ExpectedCell[],
  active: ReadonlySet<number>,
  values: ReadonlyMap<string, IndicatorValue[]>,
): DraftIssue[] {
  if (!grid) return [];
  // A row where none of the expected formulas is there and nothing is typed was not built (a
  // template made without its summary block): not a tampered row.
  const rowPresent = new Map<number, boolean>();
  for (const e of expected) {
    if (rowPresent.get(e.row)) continue;
    const f = gridFormula(grid, e.row, e.col);
    const v = gridValue(grid, e.row, e.col);
    rowPresent.set(e.row, f !== null || (v !== null && v !== ''));
  }
  const valueOf = new Map<string, IndicatorValue>();
  for (const list of values.values()) for (const v of list) valueOf.set(`${v.unitIndex}\u0000${v.indicator.id}`, v);

  const issues: DraftIssue[] = [];
  for (const e of expected) {
    if (!rowPresent.get(e.row)) continue;
    const found = gridFormula(grid, e.row, e.col);
    const raw = gridValue(grid, e.row, e.col);
    const cell = a1(e.row, e.col);
    const computed = e.value && e.unitIndex !== undefined && e.indicator ? valueOf.get(`${e.unitIndex}\u0000${e.indicator}`) : undefined;
    const loc = {
      sheet,
      cell,
      unitIndex: e.unitIndex,
      unit: computed?.unit,
      indicator: e.indicator,
    };
    if (found === null) {
      // A typed number over a value formula that the parts contradict is the clearer problem.
      if (computed && typeof raw === 'number' && computed.rounded !== null && roundTo(raw, computed.precision) !== computed.rounded) {
        issues.push({ ...loc, code: 'rate-mismatch', params: { typed: raw, computed: computed.rounded, precision: computed.precision }, value: raw, expected: computed.rounded });
      } else {
        issues.push({ ...loc, code: 'formula-overwritten', params: { formula: e.formula }, value: issueValue(raw), expected: `=${e.formula}` });
      }
      continue;
    }
    if (!sameFormula(e.formula, found)) {
      issues.push({ ...loc, code: 'formula-changed', params: { formula: e.formula, found }, value: `=${found}`, expected: `=${e.formula}` });
      continue;
    }
    if (computed && e.unitIndex !== undefined && active.has(e.unitIndex)) {
      const mismatch = cachedDisagrees(raw, computed);
      if (mismatch) issues.push({ ...loc, code: 'workbook-value-mismatch', params: { workbook: issueValue(raw), computed: computed.rounded }, value: issueValue(raw), expected: computed.rounded });
    }
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
