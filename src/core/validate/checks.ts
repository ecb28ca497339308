/**
 * The checks of a returned workbook, each a small function of its context that declares the
 * codes it may emit. The table at the end is the order of the report: integrity of the template,
 * then each input cell, the units, relations between inputs, indicator values, plausibility, and
 * the template's formula cells. One problem, one issue: a later check skips what an earlier one
 * reported, through the facts they share (a bad input is not reported again in a value computed
 * from it) — never through one check reading another's issues.
 */
import { isNoteInput, type DecodedTemplate } from '../workbook/cellmap';
import { a1, a1ToRowCol } from '../workbook/address';
import { TEMPLATE_VERSION } from '../template/spec';
import { normalizeUnitName } from '../unit-name';
import { textOf } from './columns';
import type { PlannedContext, TemplateContext } from './context';
import { indicatorValueIssues } from './indicators';
import { gridFormula, gridValue, type GridValue, type SheetGrid } from '../workbook/grid';
import { label } from '../template/labels';
import { issueText, issueValue, type DraftIssue } from './issues';
import { check, type Check, type WorkbookContext } from './pipeline';
import { checkBaselineChange, checkPeers, checkPreviousChange } from './plausibility';

/** Metadata sheets that are ours but unreadable; a workbook with no template at all. */
function workbookTemplates(ctx: WorkbookContext): DraftIssue[] {
  return [
    ...ctx.problems.map((p) => ({ code: 'metadata-invalid' as const, params: { detail: p.message }, value: null, expected: null })),
    ...(ctx.templates === 0 && ctx.problems.length === 0 ? [{ code: 'not-a-template' as const, params: {}, value: null, expected: null }] : []),
  ];
}

/**
 * The template's plan is a released one (the plans validation was given), with the version and
 * hash the template records; or it is not, an error (--trust-embedded accepts a consistent carried
 * plan, with a note). The choice is made once, before the context (integrity.ts).
 */
function planKnown(ctx: TemplateContext): DraftIssue[] {
  return [...ctx.planIssues];
}

/** The template layout version the template was made with. */
function planIdentity(ctx: PlannedContext): DraftIssue[] {
  const { meta } = ctx;
  const out: DraftIssue[] = [];
  if (meta.templateVersion !== TEMPLATE_VERSION) {
    out.push({ code: 'template-version-mismatch', params: { template: meta.templateVersion, current: TEMPLATE_VERSION }, value: meta.templateVersion, expected: TEMPLATE_VERSION });
  }
  return out;
}

/**
 * The cell map: a deleted or broken defined name (read from its original cell: a warning), a
 * bureau-named unit whose name cell now says something else (rows moved or renamed: an error),
 * a sheet that is gone, an input the template should collect but whose cell is not mapped.
 */
function cellMap(ctx: PlannedContext): DraftIssue[] {
  const out: DraftIssue[] = [];
  const map = ctx.map();
  const model = ctx.template.model;
  const units = ctx.units();
  const byIndex = new Map(units.map((u) => [u.index, u]));
  const { byName, unitByName } = mapNames(ctx.template);
  const notLocated = new Set<string>();
  let formulaPlaces: Set<string> | undefined; // (only when a value is found outside the map)
  for (const p of map.problems) {
    const unitIndex = p.name !== undefined ? unitByName.get(p.name) : undefined;
    const unit = unitIndex !== undefined ? byIndex.get(unitIndex) : undefined;
    if (p.code === 'unit-added') {
      const name = p.unit ?? '';
      const params = p.copyOf !== undefined ? { name, copyOf: p.copyOf, copySheet: p.sheet ?? '' } : { name };
      out.push({ code: 'unit-added', sheet: p.sheet, cell: p.address, unit: name, unitIndex: p.unitIndex, params, value: name, expected: null });
      continue;
    }
    if (p.code === 'column-added') {
      out.push({ code: 'column-added', sheet: p.sheet, cell: p.address, params: { header: p.header ?? '', cells: p.cells ?? [] }, value: null, expected: null });
      continue;
    }
    if (p.code === 'unplaced-value') {
      // A value typed over a template formula is the formula check's (one problem, one issue).
      if ((formulaPlaces ??= templateValueCells(ctx)).has(`${p.sheet}\u0000${p.address}`)) continue;
      const params = { text: issueText(p.value ?? null), ...(p.header ? { label: p.header } : {}) };
      out.push({ code: 'unplaced-value', sheet: p.sheet, cell: p.address, params, value: issueValue(p.value ?? null), expected: null });
      continue;
    }
    if ((p.code === 'name-missing' || p.code === 'name-broken') && p.located === false) {
      // Its row or column is gone and nothing is read in its place: an error naming what is missing.
      if (unitIndex !== undefined) {
        const given = model.units.find((u) => u.index === unitIndex);
        out.push({ code: 'input-cell-missing', unit: given?.name || `#${unitIndex}`, unitIndex, params: { reason: 'deleted', name: p.name }, value: null, expected: p.name ?? null });
        continue;
      }
      const input = p.name ? byName.get(p.name) : undefined;
      if (input === undefined) continue;
      notLocated.add(input);
      if (isNoteInput(input)) continue;
      out.push({ code: 'input-cell-missing', input, params: { reason: 'deleted', name: p.name }, value: null, expected: p.name ?? null });
      continue;
    }
    if (p.code === 'metadata-invalid') {
      out.push({ code: 'metadata-invalid', params: { detail: p.message }, value: null, expected: null });
    } else if (p.code === 'unit-renamed') {
      const given = model.units.find((u) => u.index === unitIndex)?.name ?? '';
      const got = unit ? ctx.book.value(unit.sheet, unit.cell) : undefined;
      if (!unit || got === undefined) continue; // the sheet itself is gone: reported per input below
      out.push({ code: 'unit-renamed', sheet: unit.sheet, cell: unit.cell, unit: given, unitIndex: unit.index, params: { name: given, found: textOf(got) }, value: issueValue(got), expected: given });
    } else {
      const reason = p.code === 'name-broken' ? 'name-broken' : 'name-missing';
      if (unit) {
        out.push({ code: 'input-cell-missing', severity: 'warning', sheet: unit.sheet, cell: unit.cell, unit: unit.name, unitIndex: unit.index, params: { reason, name: p.name }, value: null, expected: p.name ?? null });
        continue;
      }
      const input = p.name ? byName.get(p.name) : undefined;
      if (input === undefined || isNoteInput(input)) continue;
      const cell = firstCellOf(ctx, input);
      out.push({ code: 'input-cell-missing', severity: 'warning', sheet: cell?.sheet, cell: cell?.address, input, params: { reason, name: p.name }, value: null, expected: p.name ?? null });
    }
  }
  for (const s of ctx.inputs().sheetMissing) {
    const u = units[s.unit]!;
    out.push({ code: 'input-cell-missing', input: s.input, unit: u.name, unitIndex: u.index, params: { reason: 'sheet-missing', name: s.sheet }, value: null, expected: s.sheet });
  }
  // Inputs the template should collect but whose cell is not in the map at all.
  const fields = ctx.fields();
  const wanted = ctx.meta.inputs.filter((id) => !isNoteInput(id) && fields.has(id));
  for (const k of ctx.active()) {
    const u = units[k]!;
    if (u.mapped >= wanted.length) continue;
    const seen = mappedInputs(ctx, u.index);
    for (const id of wanted) {
      if (!seen.has(id) && !notLocated.has(id)) out.push({ code: 'input-cell-missing', input: id, unit: u.name, unitIndex: u.index, params: { reason: 'not-mapped' }, value: null, expected: null });
    }
  }
  return out;
}

/** Each defined name's input and unit: the same for every return of a (shared, frozen) template. */
const namesOf = new WeakMap<DecodedTemplate, { byName: Map<string, string>; unitByName: Map<string, number> }>();

function mapNames(t: DecodedTemplate): { byName: Map<string, string>; unitByName: Map<string, number> } {
  const cached = namesOf.get(t);
  if (cached) return cached;
  const byName = new Map<string, string>();
  for (const c of t.model.cells) byName.set(c.definedName, c.input);
  for (const c of t.model.columns) byName.set(c.definedName, c.input);
  const out = { byName, unitByName: new Map(t.model.units.map((u) => [u.definedName, u.index])) };
  if (Object.isFrozen(t.model)) namesOf.set(t, out);
  return out;
}

/**
 * Values typed on the template's own sheet where the template has neither an input nor content of
 * its own (below a table's summary, in the header rows, over a label): nothing reads them. What
 * the template wrote comes from rebuilding it (template-cells.ts); cells read as added units,
 * inserted columns and inserted return rows are the cell map's issues.
 */
function unplacedValues(ctx: PlannedContext): DraftIssue[] {
  if (!ctx.sameTemplate()) return [];
  const map = ctx.map();
  const layout = ctx.templateCells();
  const sheet = layout.sheetName;
  if (sheet === undefined) return [];
  // One number per cell (columns end at 16,384), not a string per cell looked up.
  const cell = (row: number, col: number) => row * 32768 + col;
  const taken = new Set<number>();
  const rowsTaken = new Set<number>();
  for (const c of map.cells) if (c.sheet === sheet) taken.add(cell(c.row, c.col));
  // A unit's name cell is read (a return whose name is left for the filler types it there).
  for (const u of map.units) if (u.sheet === sheet) taken.add(cell(u.row, u.col));
  const unitRows = map.units.filter((u) => u.sheet === sheet).map((u) => u.row);
  for (const u of map.units) if (u.sheet === sheet && u.added) rowsTaken.add(u.row);
  for (const c of map.columns) if (c.sheet === sheet) for (const row of unitRows) taken.add(cell(row, c.col));
  // A row already listed (an inserted return row): its own text is that row's label, not a value.
  const labelledRows = new Set<number>();
  for (const p of map.problems) {
    if (p.sheet !== sheet) continue;
    if (p.code === 'unplaced-value' && p.address) labelledRows.add(a1ToRowCol(p.address).row);
    for (const address of [...(p.address ? [p.address] : []), ...(p.cells ?? [])]) {
      const at = a1ToRowCol(address);
      taken.add(cell(at.row, at.col));
    }
  }
  const skip = (row: number, col: number) => rowsTaken.has(row) || (col <= 16384 && taken.has(cell(row, col)));
  const found = layout.unplaced(ctx.book.grid, unitRows, skip).filter((v) => !(labelledRows.has(v.row) && typeof v.value === 'string'));
  return found.map((v) => {
    const grid = ctx.book.sheets.get(sheet)?.grid;
    const rowLabel = grid ? labelLeftOf(grid, v.row, v.col) : '';
    return { code: 'unplaced-value' as const, sheet, cell: a1(v.row, v.col), params: { text: issueText(v.value), ...(rowLabel ? { label: rowLabel } : {}) }, value: issueValue(v.value), expected: null };
  });
}

function labelLeftOf(grid: SheetGrid, row: number, col: number): string {
  for (let c = 1; c < col; c++) {
    const v = gridValue(grid, row, c);
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return '';
}

/** Addresses listed for a foreign sheet at most (the count says how many there are). */
const LISTED = 10;

/** A sheet named as the template's overview (规划指标 / Plan, with the suffix a second copy gets). */
export function isOverviewName(name: string): boolean {
  return (['zh-CN', 'en'] as const).some((lang) => name === label('overviewSheet', lang) || name.startsWith(`${label('overviewSheet', lang)} (`) || name.startsWith(`${label('overviewSheet', lang)}(`));
}

function filledCell(v: GridValue): boolean {
  if (v === null || v === undefined) return false;
  return typeof v === 'string' ? v.trim() !== '' : true;
}

/**
 * Visible sheets no template made (a school's own sheet): every typed value there is unread. One
 * issue per sheet, with the count and the first addresses. A copy of a template's unit sheet is
 * read by the cell map (its unit rows are added units): on a copy, the template's text left as it
 * was and the unit rows' name and input columns are not counted.
 */
function foreignSheets(ctx: WorkbookContext): DraftIssue[] {
  const decoded = ctx.decoded ?? [];
  if (decoded.length === 0) return [];
  // A region's summary carried up (summary.xlsx): its other sheets (汇总, 明细, 差异系数 …) are the
  // summary itself, written by the tool, not values typed beside the return.
  if (decoded.some((t) => t.meta.carried)) return [];
  const ours = new Set<string>();
  const present = new Set(ctx.book.sheets.map((s) => s.name));
  // A template's sheet renamed: its inputs are reported missing; the renamed sheet is not the school's own.
  if (decoded.some((t) => [...t.model.units, ...t.model.cells, ...t.model.columns].some((c) => !present.has(c.sheet)))) return [];
  const tables: Array<{ grid: SheetGrid; firstRow: number; cols: Set<number> }> = [];
  for (const t of decoded) {
    ours.add(t.metaSheet);
    for (const u of t.model.units) ours.add(u.sheet);
    for (const c of t.model.cells) ours.add(c.sheet);
    for (const c of t.model.columns) ours.add(c.sheet);
    const sheet = t.model.units[0]?.sheet;
    const grid = sheet !== undefined ? ctx.book.sheets.find((s) => s.name === sheet) : undefined;
    if (!grid || t.meta.kind !== 'units') continue;
    const cols = new Set<number>([...t.model.units.map((u) => a1ToRowCol(u.address).col), ...t.model.columns.map((c) => a1ToRowCol(c.address).col)]);
    tables.push({ grid, firstRow: Math.min(...t.model.units.map((u) => a1ToRowCol(u.address).row)), cols });
  }
  const out: DraftIssue[] = [];
  for (const grid of ctx.book.sheets) {
    if (ours.has(grid.name) || grid.state === 'hidden' || grid.state === 'veryHidden' || isOverviewName(grid.name)) continue;
    const cells: string[] = [];
    let count = 0;
    let first: GridValue = null;
    grid.values.forEach((rowValues, r) => {
      const row = r + 1;
      rowValues.forEach((v, c) => {
        const col = c + 1;
        if (!filledCell(v) || gridFormula(grid, row, col) !== null) return;
        // The template's own text on a copy of its sheet; a copy's unit rows are read as units.
        if (tables.some((t) => gridValue(t.grid, row, col) === v || (row >= t.firstRow && t.cols.has(col) && gridValue(t.grid, row, col) !== undefined && sameHeader(grid, t.grid, t.firstRow)))) return;
        if (count === 0) first = v;
        count++;
        if (cells.length < LISTED) cells.push(a1(row, col));
      });
    });
    if (count === 0) continue;
    out.push({ code: 'unplaced-value', sheet: grid.name, cell: cells[0], params: { text: issueText(first), count, cells }, value: issueValue(first), expected: null });
  }
  return out;
}

/** The header rows above the unit rows read the same on both sheets: one is a copy of the other. */
function sameHeader(a: SheetGrid, b: SheetGrid, firstRow: number): boolean {
  let same = 0;
  let total = 0;
  for (let row = Math.max(1, firstRow - 4); row < firstRow; row++) {
    const width = b.values[row - 1]?.length ?? 0;
    for (let col = 1; col <= width; col++) {
      const t = gridValue(b, row, col);
      if (!filledCell(t)) continue;
      total++;
      if (gridValue(a, row, col) === t) same++;
    }
  }
  return total > 0 && same >= Math.max(2, Math.ceil(total * 0.8));
}

/** Where the template shows indicator values (its formula cells), as `sheet\u0000A1`. */
function templateValueCells(ctx: PlannedContext): Set<string> {
  const out = new Set<string>();
  // Whether or not formula cells are compared (options.formulas), they are not unplaced values.
  const layout = ctx.templateCells();
  const sheet = layout.sheetName;
  if (sheet === undefined) return out;
  for (const id of ctx.meta.indicators) {
    const at = layout.valueCells(id);
    if (!at) continue;
    for (const u of ctx.units()) {
      const p = at(u.index);
      if (p) out.add(`${sheet}\u0000${a1(p.row, p.col)}`);
    }
  }
  return out;
}

/**
 * A formula that reads another workbook: `[1]Sheet1!A1` (how Excel and Calc store a link in
 * .xlsx), `'[台账.xlsx]Sheet1'!A1`, `'file:///…'#$Sheet1.A1`. Its value changes (or breaks) on
 * another computer, so it is never a reported number. Text inside string literals is ignored.
 */
export function isExternalLink(formula: string): boolean {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return /\[[^\]]+\][^!]*!|'?(?:file|https?):\/\//i.test(code);
}

/** Input cells holding a formula that links another workbook: an error at each. */
function externalLinks(ctx: PlannedContext): DraftIssue[] {
  const out: DraftIssue[] = [];
  const map = ctx.map();
  const units = ctx.units();
  const active = new Set(ctx.active().map((k) => units[k]!.index));
  const at = (sheet: string, row: number, col: number, unitIndex: number, input: string) => {
    if (isNoteInput(input)) return;
    const grid = ctx.book.sheets.get(sheet)?.grid;
    const formula = grid ? gridFormula(grid, row, col) : null;
    if (formula === null || !isExternalLink(formula)) return;
    const unit = units.find((u) => u.index === unitIndex);
    out.push({ code: 'external-link', sheet, cell: a1(row, col), unit: unit?.name, unitIndex, input, params: { formula }, value: issueValue(grid ? gridValue(grid, row, col) : null), expected: 'number' });
  };
  for (const c of map.columns) for (const u of map.units) if (u.sheet === c.sheet && active.has(u.index)) at(c.sheet, u.row, c.col, u.index, c.input);
  for (const c of map.cells) at(c.sheet, c.row, c.col, c.unitIndex, c.input);
  return out;
}

/** The first cell the map gives an input (a column at its sheet's first unit row, or a single cell). */
function firstCellOf(ctx: PlannedContext, input: string): { sheet: string; address: string } | undefined {
  const map = ctx.map();
  for (const c of map.columns) {
    if (c.input !== input) continue;
    const u = map.units.find((x) => x.sheet === c.sheet);
    if (u) return { sheet: c.sheet, address: a1(u.row, c.col) };
  }
  const c = map.cells.find((x) => x.input === input);
  return c && { sheet: c.sheet, address: a1(c.row, c.col) };
}

/** The inputs the map has a cell for, for one unit. */
function mappedInputs(ctx: PlannedContext, unitIndex: number): Set<string> {
  const map = ctx.map();
  const loc = map.units.find((u) => u.index === unitIndex);
  const out = new Set<string>();
  if (loc) for (const c of map.columns) if (c.sheet === loc.sheet) out.add(c.input);
  for (const c of map.cells) if (c.unitIndex === unitIndex) out.add(c.input);
  return out;
}

/** Each input cell's content: type, normalisation, whole and non-negative counts, required, missing codes, min/max. */
function inputContent(ctx: PlannedContext): DraftIssue[] {
  const columns = [...ctx.inputs().columns.values()];
  const out: DraftIssue[] = [];
  for (const k of ctx.active()) for (const c of columns) for (const issue of c.issues.get(k) ?? []) out.push(issue);
  return out;
}

/** Units of a table: a row with data must be named, and a name must not repeat. */
function unitNames(ctx: PlannedContext): DraftIssue[] {
  const out: DraftIssue[] = [];
  const seen = new Map<string, string>();
  const givenName = new Map(ctx.template.model.units.map((m) => [m.index, m.name]));
  const units = ctx.units();
  for (const k of ctx.active()) {
    const u = units[k]!;
    const typed = givenName.get(u.index) || textOf(ctx.book.value(u.sheet, u.cell) ?? null);
    if (typed === '') {
      out.push({ code: 'unit-name-missing', sheet: u.sheet, cell: u.cell, unitIndex: u.index, params: {}, value: null, expected: 'text' });
      continue;
    }
    // 甲校1 and 甲校１ are one unit (core/unit-name.ts): two rows of it is a duplicate.
    const first = seen.get(normalizeUnitName(typed));
    if (first !== undefined) {
      out.push({ code: 'duplicate-unit', sheet: u.sheet, cell: u.cell, unit: typed, unitIndex: u.index, params: { name: typed, firstCell: first }, value: typed, expected: null });
    } else seen.set(normalizeUnitName(typed), u.cell);
  }
  return out;
}

/** 表内审核: a part above its total, parts that do not add up (relations.ts). */
function relations(ctx: PlannedContext): DraftIssue[] {
  return ctx.relations().issues;
}

/** Indicator values outside their range, gross ratios beyond plausible, zero denominators (indicators.ts). */
function indicatorValues(ctx: PlannedContext): DraftIssue[] {
  return indicatorValueIssues(ctx.indicators(), { ...ctx.facts(), columns: ctx.inputs().columns });
}

/** 提示性: a value too far from the plan's baseline (plausibility.ts). */
function baselineChange(ctx: PlannedContext): DraftIssue[] {
  return ctx.indicators().flatMap((c) => checkBaselineChange(c, ctx.facts()));
}

/** 提示性: a value too far from last year's (given by the caller). */
function previousChange(ctx: PlannedContext): DraftIssue[] {
  const previous = ctx.previous();
  if (previous.size === 0) return [];
  return ctx.indicators().flatMap((c) => checkPreviousChange(c, previous, ctx.facts()));
}

/** 提示性: a unit far from its peers (only a unit table has peers). */
function peerOutliers(ctx: PlannedContext): DraftIssue[] {
  return ctx.multiUnit ? ctx.indicators().flatMap((c) => checkPeers(c, ctx.plausibility(), ctx.facts())) : [];
}

/** The template's formula cells: overwritten, changed, typed over with another value, cached results that disagree. */
function formulaCells(ctx: PlannedContext): DraftIssue[] {
  const byId = ctx.indicatorById();
  const units = ctx.units();
  // Unit index → position of a validated unit (-1: none), looked up for every formula cell.
  const byIndex = new Map<number, number>();
  for (const k of ctx.active()) byIndex.set(units[k]!.index, k);
  let max = 0;
  for (const index of byIndex.keys()) if (Number.isInteger(index) && index > max && index < 1_000_000) max = index;
  const dense = new Int32Array(max + 1).fill(-1);
  for (const [index, k] of byIndex) if (Number.isInteger(index) && index >= 0 && index <= max) dense[index] = k;
  return ctx.layout().check(ctx.book.grid, {
    column: (id) => byId.get(id),
    position: (unitIndex) => (Number.isInteger(unitIndex) && unitIndex >= 0 && unitIndex <= max ? dense[unitIndex]! : (byIndex.get(unitIndex) ?? -1)),
    unitName: (k) => units[k]!.name,
  });
}

/**
 * Every check, in report order (issues are then sorted by sheet, cell and unit; on one cell, the
 * checks of the 'value' group report each indicator's issues together). `validation-failed` is emitted by the runner for a check that
 * throws; `out-of-range` by two checks (an input's own min/max, an indicator's range) and
 * `metadata-invalid` by three (unreadable metadata sheet, unreadable carried plan, map problems).
 */
export const DEFAULT_CHECKS: readonly Check[] = [
  check('workbook-templates', 'workbook', ['metadata-invalid', 'not-a-template'], workbookTemplates),
  check('foreign-sheets', 'workbook', ['unplaced-value'], foreignSheets),
  check('plan-known', 'template', ['metadata-invalid', 'unknown-plan', 'plan-not-released', 'plan-version-mismatch', 'plan-hash-mismatch'], planKnown),
  check('plan-identity', 'plan', ['template-version-mismatch'], planIdentity),
  check('cell-map', 'plan', ['metadata-invalid', 'unit-renamed', 'input-cell-missing', 'unit-added', 'column-added', 'unplaced-value'], cellMap),
  check('unplaced-values', 'plan', ['unplaced-value'], unplacedValues),
  check('external-links', 'plan', ['external-link'], externalLinks),
  check('input-content', 'plan', ['error-value', 'type-error', 'date-value', 'not-boolean', 'not-whole', 'negative-count', 'required-missing', 'missing-code-not-allowed', 'out-of-range', 'normalized-value'], inputContent),
  check('unit-names', 'plan', ['unit-name-missing', 'duplicate-unit'], unitNames),
  check('relations', 'plan', ['part-exceeds-total', 'sum-mismatch'], relations),
  check('indicator-values', 'plan', ['out-of-range', 'gross-ratio-implausible', 'zero-denominator'], indicatorValues, 'value'),
  check('baseline-change', 'plan', ['change-from-baseline'], baselineChange, 'value'),
  check('previous-change', 'plan', ['change-from-previous'], previousChange, 'value'),
  check('peer-outliers', 'plan', ['peer-outlier'], peerOutliers),
  check('formula-cells', 'plan', ['formula-overwritten', 'formula-changed', 'rate-mismatch', 'workbook-value-mismatch'], formulaCells),
];

/** Codes emitted by more than one check, and by which (the test of the table holds this exact). */
export const SHARED_CODES: Readonly<Record<string, readonly string[]>> = {
  'out-of-range': ['input-content', 'indicator-values'],
  'metadata-invalid': ['workbook-templates', 'plan-known', 'cell-map'],
  'unplaced-value': ['foreign-sheets', 'cell-map', 'unplaced-values'],
};

/** Emitted by the runner, not by a check. */
export const RUNNER_CODES = ['validation-failed'] as const;
