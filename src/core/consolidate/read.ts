/**
 * One returned file → what it contributes: its templates, each unit's input values with the cell
 * each came from, and validation's issues. Runs once per file (in a worker when there are many);
 * never throws on a file's content.
 *
 * Input cells are found through the template's cell map (defined names, then the hidden sheet),
 * values read with the core's coercion (`coerceNumber`/`coerceBoolean`), exactly as validation
 * reads them. Which units of a unit table count (a blank row does not) is validation's decision.
 */
import { coerceBoolean, coerceNumber, type Coerced } from '../coerce';
import type { Bilingual } from '../i18n/text';
import type { Plan } from '../plan/schema';
import { normalizeUnitName } from '../unit-name';
import { findTemplates, isNoteInput, resolveMap, cellKey, type DecodedTemplate } from '../workbook/cellmap';
import { embeddedPlanOf } from '../workbook/embedded';
import { a1 } from '../workbook/address';
import { gridValue, type WorkbookGrid } from '../workbook/grid';
import type { Field } from '../validate/fields';
import { fieldsOf } from '../validate/fields';
import { templateModel, type StageSplit } from '../template/model';
import { allIndicators } from '../plan/registry';
import type { ValidationIssue } from '../validate';
import { checkReturn, type CheckedTemplate, type PlanSource, type ReturnCheck } from './checks';
import type { InputRead, IssueRow, ReturnRead, ReturnSource, TemplateRead, UnitRead } from './types';

/**
 * Issues about the template's identity (another version, edited plan): consolidation handles
 * those itself (migration, listing), so they do not make a unit "invalid".
 */
export const VERSION_ISSUES: ReadonlySet<string> = new Set(['plan-version-mismatch', 'plan-hash-mismatch', 'template-version-mismatch', 'unknown-plan']);

export function lookupPlan(plans: PlanSource, id: string): Plan | undefined {
  if ('get' in plans && typeof plans.get === 'function') return plans.get(id);
  if (Array.isArray(plans)) return (plans as readonly Plan[]).find((p) => p.id === id);
  const one = plans as Plan;
  return one.id === id ? one : undefined;
}

function issueRow(i: ValidationIssue): IssueRow {
  return { severity: i.severity, code: i.code, message: i.message, sheet: i.sheet, cell: i.cell, unit: i.unit };
}

function coerceFor(field: Field | undefined, raw: unknown): Coerced | undefined {
  if (field?.kind === 'text') return undefined;
  if (field?.kind === 'boolean') {
    const b = coerceBoolean(raw);
    return b.kind === 'boolean' ? { kind: 'number', value: b.value ? 1 : 0, normalized: b.normalized } : b;
  }
  return coerceNumber(raw, field ? { unit: field.unit } : {});
}

function inputRead(c: Coerced, sheet: string, cell: string): InputRead {
  if (c.kind === 'number') return { value: c.value, sheet, cell };
  if (c.kind === 'missing') return { value: null, missing: c.code, sheet, cell };
  return { value: null, invalid: true, sheet, cell };
}

function readTemplate(book: WorkbookGrid, t: DecodedTemplate, plans: PlanSource, checked: CheckedTemplate | undefined): TemplateRead {
  const meta = t.meta;
  let plan = checked ? checked.plan : lookupPlan(plans, meta.planId);
  if (!plan && !checked) {
    const carried = embeddedPlanOf(t);
    if (carried && 'plan' in carried) plan = carried.plan;
  }
  const fields = checked && plan ? checked.fields() : plan ? fieldsOf(plan, meta.indicators, meta.year, meta.level, meta.carried) : (new Map() as ReadonlyMap<string, Field>);
  // The map validation resolved for this workbook, when it could (resolving again gives the same).
  const map = checked?.map() ?? resolveMap(t, book.definedNames, book);
  const summary = checked?.summary;
  // Units validation counted (a unit table's blank rows are not units); all named ones without a plan.
  const active = summary
    ? new Map(summary.units.map((u) => [u.index, u]))
    : new Map(t.model.units.filter((u) => u.name !== '').map((u) => [u.index, { index: u.index, name: u.name, sheet: u.sheet, cell: u.address }]));
  const units = new Map<number, UnitRead>();
  for (const [index, u] of active) {
    units.set(index, { name: normalizeUnitName(u.name), index, at: { sheet: u.sheet, cell: u.cell }, inputs: {}, errors: 0 });
  }
  const sheets = new Map(book.sheets.map((s) => [s.name, s]));
  const dropped = new Set<string>();
  const take = (unitIndex: number, input: string, sheet: string, row: number, col: number) => {
    if (isNoteInput(input)) return;
    const unit = units.get(unitIndex);
    if (!unit) return;
    const grid = sheets.get(sheet);
    const raw = grid ? gridValue(grid, row, col) : null;
    const field = plan ? fields.get(input) : undefined;
    if (plan && !field) {
      dropped.add(input); // an input the current plan does not know (an older version's)
      return;
    }
    const coerced = coerceFor(field, raw);
    if (coerced) unit.inputs[input] = inputRead(coerced, sheet, a1(row, col));
  };
  // The map's input cells in the codec's order (expandInputCells): each column at each unit row
  // on its sheet, then the single cells; read where they are, no cell objects built per file.
  const unitLoc = new Map(map.units.map((u) => [u.index, u]));
  for (const c of map.columns) {
    for (const u of map.units) {
      const loc = unitLoc.get(u.index)!; // (repeated indices in damaged metadata: the last one)
      if (loc.sheet === c.sheet) take(loc.index, c.input, c.sheet, loc.row, c.col);
    }
  }
  for (const c of map.cells) take(c.unitIndex, c.input, c.sheet, c.row, c.col);
  let list = [...units.values()].filter((u) => u.name !== '').sort((a, b) => a.index - b.index);
  // A template covering several stages (no level): each unit becomes one row per stage it has.
  const split = plan && meta.level === undefined ? stageSplitOf(plan, meta.indicators, meta.year) : undefined;
  if (split) list = list.flatMap((u) => byStage(u, split, fields));
  return {
    planId: meta.planId,
    planVersion: meta.planVersion,
    templateVersion: meta.templateVersion,
    planHash: meta.planHash,
    kind: meta.kind,
    level: meta.level,
    year: meta.year,
    instance: t.instance,
    units: list,
    ...(dropped.size > 0 ? { dropped: [...dropped].sort() } : {}),
    ...(meta.carried ? { carried: true as const } : {}),
  };
}

// The split per plan object and (indicators, year): the same for every return of one template.
const splits = new WeakMap<Plan, Map<string, StageSplit | undefined>>();

/** How a template without a level splits its stages (none when the plan has no per-stage targets). */
function stageSplitOf(plan: Plan, ids: readonly string[], year: number | undefined): StageSplit | undefined {
  let perPlan = splits.get(plan);
  if (!perPlan) splits.set(plan, (perPlan = new Map()));
  const key = JSON.stringify([ids, year ?? null]);
  if (perPlan.has(key)) return perPlan.get(key);
  const split = buildStageSplit(plan, ids, year);
  if (perPlan.size >= 16) perPlan.delete(perPlan.keys().next().value as string);
  perPlan.set(key, split);
  return split;
}

function buildStageSplit(plan: Plan, ids: readonly string[], year: number | undefined): StageSplit | undefined {
  const wanted = new Set(ids);
  const indicators = allIndicators(plan).filter((i) => wanted.has(i.id));
  try {
    const split = templateModel(plan, indicators.length > 0 ? indicators : allIndicators(plan), year, undefined, false, new Set(), true).stageSplit;
    return split && split.stages.length > 0 ? split : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One unit of a several-stage template as a unit per stage it has, exactly as the template
 * computes each stage (balance/stage.ts): inputs collected per stage (pupils.primary …) are that
 * stage's; shared resources (teachers, floor area …) are multiplied by the stage's share
 * P_s·w_s / Σ P_t·w_t; everything else is the unit's own. A stage without pupils is not one of
 * the unit's stages (a plain 小学 in a two-stage table is a 小学 only).
 */
export function byStage(u: UnitRead, split: StageSplit, fields: ReadonlyMap<string, Field>): UnitRead[] {
  const basis = split.basis;
  const basisOf = (s: string) => (basis ? split.collected.get(basis.input)?.get(s as never) : undefined);
  const count = (id: string | undefined) => (id === undefined ? null : (u.inputs[id]?.value ?? null));
  let weighted = 0;
  if (basis) for (const l of basis.levels) weighted += (count(basisOf(l)) ?? 0) * (basis.weights.get(l) ?? 0);
  const out: UnitRead[] = [];
  for (const stage of split.stages) {
    const own = [...fields.values()].filter((f) => f.stage === stage && f.of !== undefined);
    const pupils = count(basisOf(stage));
    const present = basis ? pupils !== null && pupils > 0 : own.some((f) => u.inputs[f.id]?.value !== null && u.inputs[f.id] !== undefined);
    if (!present) continue;
    const share = basis && weighted > 0 ? ((pupils ?? 0) * (basis.weights.get(stage) ?? 0)) / weighted : 1;
    const inputs: UnitRead['inputs'] = {};
    for (const [id, r] of Object.entries(u.inputs)) {
      const f = fields.get(id);
      if (f?.stage !== undefined) {
        if (f.stage === stage && f.of) inputs[f.of] = r;
        continue;
      }
      inputs[id] = split.split.has(id) && r.value !== null ? { ...r, value: r.value * share, share } : r;
    }
    out.push({ ...u, level: stage, inputs });
  }
  return out;
}

/** A file beside the returns that is none (an Office lock file, a hidden file): listed, never read. */
export function skippedReturn(file: string, reason: ReturnRead['reason']): ReturnRead {
  return { file, status: 'skipped', reason, templates: [], issues: [] };
}

/** The bilingual reason a reader's error carries (the reader's WorkbookReadError, known by shape: core imports no reader). */
function readErrorText(e: unknown): Bilingual | undefined {
  if (!(e instanceof Error) || e.name !== 'WorkbookReadError') return undefined;
  const text = (e as Error & { text?: unknown }).text;
  if (typeof text !== 'object' || text === null) return undefined;
  const { zh, en } = text as Record<string, unknown>;
  return typeof zh === 'string' && typeof en === 'string' ? { zh, en } : undefined;
}

/** Reads one returned file (see the module comment). */
export function readReturn(source: ReturnSource, plans: PlanSource): ReturnRead {
  const base = { file: source.file, modified: source.modified, modifiedFrom: source.modifiedFrom };
  if (!source.book) {
    return { ...base, status: 'unreadable', reason: source.unreadable ?? { zh: '文件无法读取', en: 'the file cannot be read' }, templates: [], issues: [] };
  }
  const book = source.book;
  let checked: ReturnCheck | undefined;
  let unchecked: IssueRow | undefined;
  try {
    checked = checkReturn(book, plans);
  } catch (e) {
    // A part the reader left for first use (the overview sheet) may turn out damaged only now:
    // the file is unreadable, as a full read would have said.
    const damaged = readErrorText(e);
    if (damaged) return { ...base, status: 'unreadable', reason: damaged, templates: [], issues: [] };
    // Validation guards itself; a bug there must not lose the file's numbers, nor pass as clean.
    checked = undefined;
    const detail = e instanceof Error ? e.message : String(e);
    unchecked = {
      severity: 'warning',
      code: 'validation-incomplete',
      message: { zh: `校验未能完成（${detail}）：本文件的数据未经检查，请人工核对`, en: `validation could not finish (${detail}): this file's data is unchecked; review it by hand` },
    };
  }
  // The templates validation decoded; decoded here only when validation could not run.
  let decoded: Array<{ template: DecodedTemplate; check?: CheckedTemplate }>;
  if (checked && checked.templates.length > 0) decoded = checked.templates.map((c) => ({ template: c.template, check: c }));
  else {
    let found: ReturnType<typeof findTemplates>;
    try {
      found = findTemplates(book);
    } catch {
      found = { templates: [], problems: [] };
    }
    if (found.templates.length === 0) {
      const why = found.problems[0]?.message;
      return {
        ...base,
        status: 'not-a-template',
        reason: {
          zh: `不是本工具生成的填报模板（没有模板元数据）${why ? `：${why.zh}` : ''}`,
          en: `not a template made by this tool (no template metadata)${why ? `: ${why.en}` : ''}`,
        },
        templates: [],
        issues: [],
      };
    }
    decoded = found.templates.map((template) => ({ template }));
  }
  const templates: TemplateRead[] = [];
  for (const d of decoded) {
    try {
      templates.push(readTemplate(book, d.template, plans, d.check));
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      const reason = readErrorText(e) ?? { zh: `模板无法读取：${detail}`, en: `the template cannot be read: ${detail}` };
      return { ...base, status: 'unreadable', reason, templates: [], issues: [] };
    }
  }
  const issues = (checked?.issues ?? []).map(issueRow);
  if (unchecked) issues.push(unchecked);
  // Hard errors: on a unit (by its index), or on the whole file (no unit) — identity issues aside.
  const hard = (checked?.issues ?? []).filter((i) => i.severity === 'error' && !VERSION_ISSUES.has(i.code));
  const fileWide = hard.filter((i) => i.unitIndex === undefined).length;
  const byUnit = new Map<number, number>();
  for (const i of hard) if (i.unitIndex !== undefined) byUnit.set(i.unitIndex, (byUnit.get(i.unitIndex) ?? 0) + 1);
  for (const t of templates) for (const u of t.units) u.errors = fileWide + (byUnit.get(u.index) ?? 0);
  return { ...base, status: 'read', templates, issues };
}

/** `'sheet'!A1` of an input read (the provenance string of the long table and 明细). */
export function cellRef(at: { sheet: string; cell: string }): string {
  return cellKey(at.sheet, at.cell);
}
