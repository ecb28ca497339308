// The per-cell validation as it was before the check pipeline and the columnar path (commit 32f7231),
// frozen as the oracle of test/core/validate/columnar.test.ts. Not product code.
/**
 * `validate(book, plans, options)`: every problem of a filled template, each at its cell.
 *
 * Input: a workbook as any host reads it (the grid shape of src/core/workbook/grid.ts — values,
 * formulas, defined names, the hidden metadata sheet) and the plans it may belong to. Output: the
 * issues (plain data, messages in Chinese and English) and the indicator values the core computes,
 * beside the values the workbook's own formulas cached.
 *
 * Order of checks, each skipping what an earlier one already reported (one problem, one issue):
 *   integrity of the template (metadata, plan id/version/hash, template version, map) →
 *   each input cell (type, normalisation, whole/non-negative, required, missing codes, min/max) →
 *   relations between inputs (part ≤ total, sum of parts) →
 *   indicator values (net rate ≤ 100, plan ranges, gross-ratio bound, zero denominator) →
 *   formula cells (overwritten, changed, cached result ≠ core) →
 *   plausibility (baseline, previous year, peers) → explanations (说明) → messages.
 *
 * Never throws on any cell content, and never reports a cell outside the template: issues sit on
 * mapped input cells, the template's own formula cells, unit-name cells, or on no cell at all.
 */
import type { Coerced } from '../../../../src/core/coerce';
import type { Status } from '../../../../src/core/evaluate';
import type { Plan } from '../../../../src/core/plan/schema';
import type { Lang } from '../../../../src/core/i18n/text';
import { tryA1ToRowCol } from '../../../../src/core/workbook/address';
import {
  findTemplates,
  isNoteInput,
  notedId,
  resolveInputCells,
  type DecodedTemplate,
  type InputCell,
  type MapProblem,
} from '../../../../src/core/workbook/cellmap';
import { embeddedPlanOf } from '../../../../src/core/workbook/embedded';
import { gridValue, isGridError, type GridValue, type SheetGrid, type WorkbookGrid } from '../../../../src/core/workbook/grid';
import { planHash } from '../../../../src/core/workbook/hash';
import { TEMPLATE_VERSION, type TemplateKind } from '../../../../src/core/template/spec';
import { normalizeUnitName } from '../../../../src/core/unit-name';
import { fieldsOf, type Field } from '../../../../src/core/validate/fields';
import { checkIndicator, planIndicator, type IndicatorValue } from './indicators';
import { countBySeverity, DEFAULT_SEVERITY, issueValue, type DraftIssue, type IssueSeverity, type IssueValue, type ValidationIssue } from '../../../../src/core/validate/issues';
import { renderMessage, type MessageContext } from '../../../../src/core/validate/messages';
import { checkBaselineChange, checkPeers, checkPreviousChange, DEFAULT_PLAUSIBILITY, type PlausibilityOptions } from './plausibility';
import { readInputCell, type Reading } from './read';
import { checkRules } from './relations';
import { cellOrder } from '../../../../src/core/validate/review';
import { templateCells, type TemplateCells } from './template-cells';

/** Plans validation may look a template's plan up in. */
export type PlanSource = Plan | readonly Plan[] | { get(id: string): Plan | undefined };

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
}

export interface ValueRow {
  unit: string;
  unitIndex: number;
  indicator: string;
  /** The core's value at the indicator's precision (null: missing or not computable). */
  value: number | null;
  /** What the workbook's own formula cached in the value cell (null: none, e.g. never recalculated). */
  workbookValue: IssueValue;
  status?: Status;
  sheet?: string;
  cell?: string;
}

export interface TemplateSummary {
  planId: string;
  planVersion: string;
  templateVersion: string;
  kind: TemplateKind;
  level?: string;
  year?: number;
  instance: number;
  /** The template's language (its sheet names and labels): what the pane writes beside it follows it. */
  lang: Lang;
  /** The plan found for it (absent: unknown plan). */
  planTitle?: { zh: string; en?: string };
  units: Array<{ index: number; name: string; sheet: string; cell: string }>;
}

export interface ValidationResult {
  /** No error (warnings and notes allowed). */
  valid: boolean;
  issues: ValidationIssue[];
  values: ValueRow[];
  templates: TemplateSummary[];
  counts: Record<IssueSeverity, number>;
}

// planHash is a SHA-256 over the whole plan: computed once per plan object, not per file.
const hashes = new WeakMap<Plan, string>();
function hashOf(plan: Plan): string {
  let h = hashes.get(plan);
  if (h === undefined) hashes.set(plan, (h = planHash(plan)));
  return h;
}

function lookup(plans: PlanSource, id: string): Plan | undefined {
  if ('get' in plans && typeof plans.get === 'function') return plans.get(id);
  if (Array.isArray(plans)) return (plans as readonly Plan[]).find((p) => p.id === id);
  const one = plans as Plan;
  return one.id === id ? one : undefined;
}

/** The workbook's sheets by name, with their position (issues are sorted by it). */
class Book {
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

function textOf(v: GridValue): string {
  if (v === null || v === undefined || isGridError(v)) return '';
  return String(v).trim();
}

/** Whether a cell holds anything at all (cheaper than its text). */
function filled(v: GridValue): boolean {
  if (v === null || v === undefined) return false;
  return typeof v === 'string' ? v.trim() !== '' : true;
}

interface UnitState {
  index: number;
  name: string;
  nameCell: { sheet: string; cell: string };
  readings: Map<string, Reading>;
  notes: Map<string, string>;
  /** False for a blank row of a unit table (nothing typed): skipped entirely. */
  used: boolean;
}

/** Validates every template in a workbook (normally one). */
export function validate(book: WorkbookGrid, plans: PlanSource, options: ValidateOptions = {}): ValidationResult {
  const drafts: Array<{ issue: DraftIssue; ctx: MessageContext; notes?: UnitNotes }> = [];
  const values: ValueRow[] = [];
  const templates: TemplateSummary[] = [];
  const wb = new Book(book);
  const noNames: MessageContext = { inputName: () => undefined, indicatorName: () => undefined, multiUnit: false };

  let found: ReturnType<typeof findTemplates>;
  try {
    found = findTemplates(book);
  } catch {
    found = { templates: [], problems: [] };
  }
  for (const p of found.problems) {
    drafts.push({ issue: { code: 'metadata-invalid', params: { detail: p.message }, value: null, expected: null }, ctx: noNames });
  }
  if (found.templates.length === 0 && found.problems.length === 0) {
    drafts.push({ issue: { code: 'not-a-template', params: {}, value: null, expected: null }, ctx: noNames });
  }
  for (const t of found.templates) {
    let plan = lookup(plans, t.meta.planId);
    if (!plan) {
      // A plan this catalog lacks may travel inside the workbook; used only when its hash matches.
      const carried = embeddedPlanOf(t);
      if (carried && 'plan' in carried) plan = carried.plan;
      else if (carried) drafts.push({ issue: { code: 'metadata-invalid', params: { detail: carried.problem }, value: null, expected: null }, ctx: noNames });
    }
    let summary: ReturnType<typeof validateTemplate>;
    try {
      summary = validateTemplate(wb, t, plan, options);
    } catch (e) {
      // A bug must not lose the file's report: say the check could not finish, and why.
      const detail = e instanceof Error ? e.message : String(e);
      drafts.push({ issue: { code: 'validation-failed', params: { detail }, value: null, expected: null }, ctx: noNames });
      continue;
    }
    templates.push(summary.summary);
    for (const v of summary.values) values.push(v);
    for (const issue of summary.issues) drafts.push({ issue, ctx: summary.ctx, notes: summary.notes });
  }

  const issues = drafts.map(({ issue, ctx, notes }) => finish(issue, ctx, notes));
  issues.sort((a, b) => sheetIndex(wb, a.sheet) - sheetIndex(wb, b.sheet) || cellOrder(a.cell) - cellOrder(b.cell) || (a.unitIndex ?? 0) - (b.unitIndex ?? 0));
  const counts = countBySeverity(issues);
  return { valid: counts.error === 0, issues, values, templates, counts };
}

function sheetIndex(wb: Book, sheet: string | undefined): number {
  return sheet === undefined ? -1 : (wb.sheets.get(sheet)?.index ?? 10_000);
}

/** Explanation texts by unit index, then by explained id ('' = the unit's own). */
type UnitNotes = Map<number, Map<string, string>>;

/** Severity, explanation and message: a draft becomes an issue. */
function finish(d: DraftIssue, ctx: MessageContext, notes: UnitNotes | undefined): ValidationIssue {
  const severity = d.severity ?? DEFAULT_SEVERITY[d.code];
  const issue = { ...d, severity, message: renderMessage(d, ctx) } as ValidationIssue;
  if (severity === 'warning' && d.unitIndex !== undefined && notes) {
    const unitNotes = notes.get(d.unitIndex);
    const text =
      (d.input !== undefined ? unitNotes?.get(d.input) : undefined) ??
      (d.indicator !== undefined ? unitNotes?.get(d.indicator) : undefined) ??
      unitNotes?.get('');
    issue.explained = text !== undefined && text !== '';
    if (issue.explained) issue.explanation = text;
  }
  return issue;
}

function messageContext(plan: Plan | undefined, fields: ReadonlyMap<string, Field>, multiUnit: boolean): MessageContext {
  const indicators = new Map(plan ? plan.sections.flatMap((s) => s.indicators).map((i) => [i.id, i.name] as const) : []);
  return {
    inputName: (id) => {
      const f = fields.get(id);
      return f ? { zh: f.name.zh, en: f.name.en } : undefined;
    },
    indicatorName: (id) => {
      const n = indicators.get(id);
      return n ? { zh: n.zh, en: n.en ?? n.zh } : undefined;
    },
    planTitle: plan ? { zh: plan.title.zh, en: plan.title.en ?? plan.title.zh } : undefined,
    multiUnit,
  };
}

function validateTemplate(
  wb: Book,
  t: DecodedTemplate,
  plan: Plan | undefined,
  options: ValidateOptions,
): { summary: TemplateSummary; issues: DraftIssue[]; values: ValueRow[]; ctx: MessageContext; notes: UnitNotes } {
  const meta = t.meta;
  const issues: DraftIssue[] = [];
  const values: ValueRow[] = [];
  const multiUnit = meta.kind === 'units';
  const summary: TemplateSummary = {
    planId: meta.planId,
    planVersion: meta.planVersion,
    templateVersion: meta.templateVersion,
    kind: meta.kind,
    level: meta.level,
    year: meta.year,
    instance: t.instance,
    lang: meta.lang,
    planTitle: plan?.title,
    units: [],
  };
  const notes: UnitNotes = new Map();

  let resolved: { cells: InputCell[]; problems: MapProblem[] };
  try {
    resolved = resolveInputCells(t, wb.grid.definedNames, wb.grid);
  } catch {
    resolved = { cells: [], problems: [] };
  }
  if (!plan) {
    const ctx = messageContext(undefined, new Map(), multiUnit);
    issues.push({ code: 'unknown-plan', params: { planId: meta.planId, planVersion: meta.planVersion }, value: meta.planId, expected: null });
    return { summary, issues, values, ctx, notes };
  }

  // --- integrity of the template itself ---------------------------------------------------------
  let sameTemplate = true;
  if (meta.planVersion !== plan.version) {
    sameTemplate = false;
    issues.push({ code: 'plan-version-mismatch', params: { template: meta.planVersion, current: plan.version }, value: meta.planVersion, expected: plan.version });
  } else {
    const current = hashOf(plan);
    if (meta.planHash !== current) {
      sameTemplate = false;
      issues.push({ code: 'plan-hash-mismatch', params: { template: meta.planHash, current }, value: meta.planHash, expected: current });
    }
  }
  if (meta.templateVersion !== TEMPLATE_VERSION) {
    sameTemplate = false;
    issues.push({ code: 'template-version-mismatch', params: { template: meta.templateVersion, current: TEMPLATE_VERSION }, value: meta.templateVersion, expected: TEMPLATE_VERSION });
  }

  const fields = fieldsOf(plan, meta.indicators, meta.year, meta.level);
  const ctx = messageContext(plan, fields, multiUnit);

  // --- units and their cells ----------------------------------------------------------------------
  const units = new Map<number, UnitState>();
  const firstCell = new Map<number, InputCell>();
  for (const c of resolved.cells) if (!firstCell.has(c.unitIndex)) firstCell.set(c.unitIndex, c);
  for (const u of t.model.units) {
    const first = firstCell.get(u.index);
    const nameCell = first?.unitCell ?? { sheet: u.sheet, address: u.address };
    units.set(u.index, {
      index: u.index,
      name: first?.unit ?? (u.name || `#${u.index}`),
      nameCell: { sheet: nameCell.sheet, cell: nameCell.address },
      readings: new Map(),
      notes: new Map(),
      // A unit named by the template is expected to report; a row left for the filler counts once used.
      used: !multiUnit || u.name !== '',
    });
  }
  // Map problems: a deleted or broken defined name (read from its original cell: a warning), a
  // bureau-named unit whose name cell now says something else (rows moved or renamed: an error).
  const byName = new Map<string, string>();
  for (const c of t.model.cells) byName.set(c.definedName, c.input);
  for (const c of t.model.columns) byName.set(c.definedName, c.input);
  const unitByName = new Map(t.model.units.map((u) => [u.definedName, u.index]));
  for (const p of resolved.problems) {
    const unitIndex = p.name !== undefined ? unitByName.get(p.name) : undefined;
    const unit = unitIndex !== undefined ? units.get(unitIndex) : undefined;
    if (p.code === 'metadata-invalid') {
      issues.push({ code: 'metadata-invalid', params: { detail: p.message }, value: null, expected: null });
      continue;
    }
    if (p.code === 'unit-renamed') {
      const given = t.model.units.find((u) => u.index === unitIndex)?.name ?? '';
      const got = unit ? wb.value(unit.nameCell.sheet, unit.nameCell.cell) : undefined;
      if (!unit || got === undefined) continue; // the sheet itself is gone: reported per input below
      issues.push({
        code: 'unit-renamed',
        sheet: unit.nameCell.sheet,
        cell: unit.nameCell.cell,
        unit: given,
        unitIndex: unit.index,
        params: { name: given, found: textOf(got) },
        value: issueValue(got),
        expected: given,
      });
      continue;
    }
    const reason = p.code === 'name-broken' ? 'name-broken' : 'name-missing';
    if (unit) {
      issues.push({ code: 'input-cell-missing', severity: 'warning', sheet: unit.nameCell.sheet, cell: unit.nameCell.cell, unit: unit.name, unitIndex: unit.index, params: { reason, name: p.name }, value: null, expected: p.name ?? null });
      continue;
    }
    const input = p.name ? byName.get(p.name) : undefined;
    if (input === undefined || isNoteInput(input)) continue;
    const cell = resolved.cells.find((c) => c.input === input);
    issues.push({
      code: 'input-cell-missing',
      severity: 'warning',
      sheet: cell?.sheet,
      cell: cell?.address,
      input,
      params: { reason, name: p.name },
      value: null,
      expected: p.name ?? null,
    });
  }

  const missingSheets = new Set<string>();
  // Mapped input cells per unit, counted (a set is only made for a unit that lacks some).
  const mappedCount: number[] = [];
  const cellIssues = new Map<number, DraftIssue[]>();
  for (const c of resolved.cells) {
    const unit = units.get(c.unitIndex);
    if (!unit) continue;
    if (!isNoteInput(c.input)) mappedCount[unit.index] = (mappedCount[unit.index] ?? 0) + 1;
    const got = wb.value(c.sheet, c.address);
    if (got === undefined) {
      if (!missingSheets.has(`${c.sheet}\u0000${c.input}`) && !isNoteInput(c.input)) {
        missingSheets.add(`${c.sheet}\u0000${c.input}`);
        issues.push({ code: 'input-cell-missing', input: c.input, unit: unit.name, unitIndex: unit.index, params: { reason: 'sheet-missing', name: c.sheet }, value: null, expected: c.sheet });
      }
      continue;
    }
    if (isNoteInput(c.input)) {
      const text = filled(got) ? textOf(got) : '';
      if (text !== '') {
        unit.notes.set(notedId(c.input), text);
        unit.used = true;
      }
      continue;
    }
    const field = fields.get(c.input);
    if (!field) continue; // an input of another plan version: reported by the version check
    const r = readInputCell(field, got, { sheet: c.sheet, cell: c.address, unit: unit.name, unitIndex: unit.index });
    unit.readings.set(field.id, r.reading);
    if (filled(got)) unit.used = true;
    if (r.issues.length > 0) {
      const list = cellIssues.get(unit.index) ?? [];
      list.push(...r.issues);
      cellIssues.set(unit.index, list);
    }
  }

  // A unit table's blank row is not a unit: no issue on it, no value from it.
  const activeUnits = [...units.values()].filter((u) => u.used || !multiUnit).sort((a, b) => a.index - b.index);
  for (const u of activeUnits) {
    summary.units.push({ index: u.index, name: u.name, sheet: u.nameCell.sheet, cell: u.nameCell.cell });
    notes.set(u.index, u.notes);
    append(issues, cellIssues.get(u.index) ?? []);
  }
  append(issues, unitNameIssues(activeUnits, t, wb));

  // Inputs the template should collect but whose cell is not in the map at all.
  const wanted = meta.inputs.filter((id) => !isNoteInput(id) && fields.has(id));
  for (const u of activeUnits) {
    if ((mappedCount[u.index] ?? 0) >= wanted.length) continue;
    const seen = new Set(resolved.cells.filter((c) => c.unitIndex === u.index).map((c) => c.input));
    for (const id of wanted) {
      if (seen.has(id)) continue;
      issues.push({ code: 'input-cell-missing', input: id, unit: u.name, unitIndex: u.index, params: { reason: 'not-mapped' }, value: null, expected: null });
    }
  }

  // --- relations, indicators, formula cells, plausibility -----------------------------------------
  const layout: TemplateCells = options.formulas === false || !sameTemplate ? templateCells.none : templateCells(plan, t, resolved.cells);
  const byId = new Map(plan.sections.flatMap((s) => s.indicators).map((i) => [i.id, i]));
  const indicators = meta.indicators
    .map((id) => byId.get(id))
    .filter((i) => i !== undefined)
    .map((ind) => planIndicator(ind, plan, meta.year, meta.level));
  const perIndicator = new Map<string, IndicatorValue[]>();
  const byPosition = new Map<string, Array<IndicatorValue | undefined>>();
  const previous = previousIndex(options.previous);
  const plaus = { ...DEFAULT_PLAUSIBILITY, ...options.plausibility };
  const indicatorCtx = { plan, year: meta.year, level: meta.level, valueCell: layout.valueCell, withStatus: options.status !== false };
  // Per indicator (by its position in `indicators`): values in unit order, and by unit position.
  const lists = indicators.map(() => [] as IndicatorValue[]);
  const positions = indicators.map(() => [] as Array<IndicatorValue | undefined>);
  const sheetGrid = layoutSheet(layout, wb);
  for (const u of activeUnits) {
    const related = checkRules(plan.rules, u.readings);
    append(issues, related.issues);
    const coerced: Record<string, Coerced> = {};
    for (const [id, r] of u.readings) coerced[id] = r.coerced;
    const unit = { index: u.index, name: u.name };
    for (let k = 0; k < indicators.length; k++) {
      const p = indicators[k]!;
      const id = p.indicator.id;
      const { value, issues: found } = checkIndicator(p, unit, u.readings, coerced, indicatorCtx, related.implicated);
      if (found) append(issues, found);
      lists[k]!.push(value);
      positions[k]![u.index - 1] = value;
      const fromBaseline = checkBaselineChange(value);
      if (fromBaseline) issues.push(fromBaseline);
      const fromPrevious = previous.size > 0 ? checkPreviousChange(value, previous.get(`${u.name}\u0000${id}`)) : undefined;
      if (fromPrevious) issues.push(fromPrevious);
      const at = value.at;
      const grid = at?.row !== undefined ? (at.sheet === sheetGrid?.name ? sheetGrid : wb.sheets.get(at.sheet)?.grid) : undefined;
      const cached = grid ? gridValue(grid, at!.row!, at!.col!) : at ? (wb.value(at.sheet, at.cell) ?? null) : null;
      values.push({
        unit: u.name,
        unitIndex: u.index,
        indicator: id,
        value: value.rounded,
        workbookValue: issueValue(cached),
        status: value.status,
        sheet: at?.sheet,
        cell: at?.cell,
      });
    }
  }
  indicators.forEach((p, k) => {
    perIndicator.set(p.indicator.id, lists[k]!);
    byPosition.set(p.indicator.id, positions[k]!);
  });
  if (multiUnit) for (const list of perIndicator.values()) append(issues, checkPeers(list, plaus));
  append(issues, layout.check(wb.grid, activeUnits.map((u) => u.index), byPosition));

  return { summary, issues, values, ctx, notes };
}

/** The grid of the sheet a template's value cells are on (looked up once, not per cell). */
function layoutSheet(layout: TemplateCells, wb: Book): SheetGrid | undefined {
  const first = layout.sheetName;
  return first !== undefined ? wb.sheets.get(first)?.grid : undefined;
}

/** Units of a table: a row with data must be named, and a name must not repeat. */
function unitNameIssues(units: UnitState[], t: DecodedTemplate, wb: Book): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const seen = new Map<string, string>();
  const givenName = new Map(t.model.units.map((m) => [m.index, m.name]));
  for (const u of units) {
    const given = givenName.get(u.index) ?? '';
    const typed = given || textOf(wb.value(u.nameCell.sheet, u.nameCell.cell) ?? null);
    if (typed === '') {
      issues.push({ code: 'unit-name-missing', sheet: u.nameCell.sheet, cell: u.nameCell.cell, unitIndex: u.index, params: {}, value: null, expected: 'text' });
      continue;
    }
    // 甲校1 and 甲校１ are one unit (core/unit-name.ts): two rows of it is a duplicate.
    const first = seen.get(normalizeUnitName(typed));
    if (first !== undefined) {
      issues.push({ code: 'duplicate-unit', sheet: u.nameCell.sheet, cell: u.nameCell.cell, unit: typed, unitIndex: u.index, params: { name: typed, firstCell: first }, value: typed, expected: null });
    } else seen.set(normalizeUnitName(typed), u.nameCell.cell);
  }
  return issues;
}

/** `target.push(...items)` without the argument limit (a unit table may produce 100,000 issues). */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function previousIndex(previous: readonly PreviousValue[] | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of previous ?? []) {
    if (typeof p.value === 'number' && Number.isFinite(p.value)) out.set(`${String(p.unit).trim()}\u0000${p.indicator}`, p.value);
  }
  return out;
}
