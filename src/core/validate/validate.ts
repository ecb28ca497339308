/**
 * `validate(book, plans, options)`: every problem of a filled template, each at its cell.
 *
 * Input: a workbook as any host reads it (the grid shape of src/core/workbook/grid.ts — values,
 * formulas, defined names, the hidden metadata sheet) and the plans it may belong to. Output: the
 * issues (plain data, messages in Chinese and English) and the indicator values the core computes,
 * beside the values the workbook's own formulas cached.
 *
 * The work is the table of checks in checks.ts, run by `runChecks` over each template's context
 * (context.ts: input columns, relations, indicator columns …); this module finds the templates,
 * runs the table, and turns drafts into issues (severity, 说明, message) in report order.
 *
 * Never throws on any cell content, and never reports a cell outside the template: issues sit on
 * mapped input cells, the template's own formula cells, unit-name cells, or on no cell at all.
 */
import type { Status } from '../evaluate';
import type { Plan } from '../plan/schema';
import type { Lang } from '../i18n/text';
import { distinctNames } from '../plan/names';
import { a1 } from '../workbook/address';
import { findTemplates, type DecodedTemplate } from '../workbook/cellmap';
import type { WorkbookGrid } from '../workbook/grid';
import type { TemplateKind } from '../template/spec';
import { DEFAULT_CHECKS } from './checks';
import { cellValue } from './columns';
import { Book, TemplateContext, type PreviousValue, type ValidateOptions } from './context';
import type { Field } from './fields';
import { countBySeverity, DEFAULT_SEVERITY, issueValue, type DraftIssue, type IssueSeverity, type IssueValue, type ValidationIssue } from './issues';
import { choosePlan } from './integrity';
import { renderMessage, type MessageContext } from './messages';
import { runCheck, hasPlan, type Check, type WorkbookContext } from './pipeline';
import { cellOrder } from './review';

export type { PreviousValue, ValidateOptions };

/** Plans validation may look a template's plan up in. */
export type PlanSource = Plan | readonly Plan[] | { get(id: string): Plan | undefined };

export interface ValueRow {
  unit: string;
  unitIndex: number;
  indicator: string;
  /** The core's value at the indicator's precision (null: missing or not computable). */
  value: number | null;
  /** What the workbook's own formula cached in the value cell (null: none, e.g. never recalculated). */
  workbookValue: IssueValue;
  status?: Status;
  /** A relative target's reference value, as the status was decided with it (absent: no relative target or no reference). */
  reference?: number;
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

/** One template's run: its summary, issues, and the context whose columns hold every input and value. */
export interface TemplateRun {
  summary: TemplateSummary;
  /** The template's facts (input columns, indicator columns, units); plan-less when the plan is unknown. */
  context: TemplateContext;
  /** Indicator values per active unit, in unit order then indicator order (built on first call). */
  values(): ValueRow[];
}

/** A workbook's run of the checks: the issues in report order, and each template's run. */
export interface WorkbookRun {
  valid: boolean;
  issues: ValidationIssue[];
  counts: Record<IssueSeverity, number>;
  templates: TemplateRun[];
}

function lookup(plans: PlanSource, id: string): Plan | undefined {
  if ('get' in plans && typeof plans.get === 'function') return plans.get(id);
  if (Array.isArray(plans)) return (plans as readonly Plan[]).find((p) => p.id === id);
  const one = plans as Plan;
  return one.id === id ? one : undefined;
}

/** Explanation texts by unit index, then by explained id ('' = the unit's own). */
type UnitNotes = Map<number, Map<string, string>>;

interface Drafted {
  issue: DraftIssue;
  ctx: MessageContext;
  notes?: UnitNotes;
}

const NO_NAMES: MessageContext = { inputName: () => undefined, indicatorName: () => undefined, multiUnit: false };

/**
 * Runs a table of checks (default: every check, DEFAULT_CHECKS) over a workbook. The entry point
 * of every surface: `validate` is this plus the value rows; consolidation reads the columns of
 * each template's context.
 */
export function runChecks(book: WorkbookGrid, plans: PlanSource, options: ValidateOptions = {}, checks: readonly Check[] = DEFAULT_CHECKS): WorkbookRun {
  const wb = new Book(book);
  let found: ReturnType<typeof findTemplates>;
  try {
    found = findTemplates(book);
  } catch {
    found = { templates: [], problems: [] };
  }
  const drafts: Drafted[] = [];
  const workbook: WorkbookContext = { book, templates: found.templates.length, problems: found.problems, decoded: found.templates };
  for (const c of checks) if (c.scope === 'workbook') for (const issue of runCheck(c, workbook)) drafts.push({ issue, ctx: NO_NAMES });

  const templates: TemplateRun[] = [];
  for (const t of found.templates) {
    const run = runTemplate(wb, t, plans, options, checks, drafts);
    templates.push(run);
  }
  const issues = drafts.map(({ issue, ctx, notes }) => finish(issue, ctx, notes));
  // Sort keys computed once per issue (a comparator parsing addresses would do it n log n times).
  const keys = new Map(issues.map((i) => [i, [sheetIndex(wb, i.sheet), cellOrder(i.cell), i.unitIndex ?? 0] as const]));
  issues.sort((a, b) => {
    const x = keys.get(a)!;
    const y = keys.get(b)!;
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  const counts = countBySeverity(issues);
  return { valid: counts.error === 0, issues, counts, templates };
}

function runTemplate(wb: Book, t: DecodedTemplate, plans: PlanSource, options: ValidateOptions, checks: readonly Check[], drafts: Drafted[]): TemplateRun {
  // The released plans decide which plan a return is judged against, never the file (integrity.ts).
  const choice = choosePlan(t, lookup(plans, t.meta.planId), options.trustEmbedded === true);
  const plan = choice.plan;
  const ctx = new TemplateContext(wb, t, plan, options, choice.issues);
  const meta = t.meta;
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
  let messages: MessageContext = messageContext(undefined, new Map(), ctx.multiUnit);
  let notes: UnitNotes | undefined;
  // Each issue with its place in the report before the sort by cell: the check's position, or for
  // a group of checks, the group's first position then the indicator (see Check.group).
  const own: DraftIssue[] = [];
  const places: Array<[number, number, number]> = [];
  const indicatorOrder = new Map(meta.indicators.map((id, i) => [id, i]));
  const groupStart = new Map<string, number>();
  checks.forEach((c, i) => {
    if (c.scope === 'workbook') return;
    if (c.scope === 'plan' && !hasPlan(ctx)) return;
    if (c.group !== undefined && !groupStart.has(c.group)) groupStart.set(c.group, i);
    const first = c.group !== undefined ? groupStart.get(c.group)! : i;
    for (const issue of runCheck(c, ctx)) {
      own.push(issue);
      places.push([first, c.group !== undefined ? (indicatorOrder.get(issue.indicator ?? '') ?? -1) : 0, i]);
    }
  });
  if (groupStart.size > 0) {
    const order = own.map((_, n) => n);
    order.sort((a, b) => places[a]![0] - places[b]![0] || places[a]![1] - places[b]![1] || places[a]![2] - places[b]![2] || a - b);
    const sorted = order.map((n) => own[n]!);
    for (let n = 0; n < sorted.length; n++) own[n] = sorted[n]!;
  }
  if (hasPlan(ctx)) {
    try {
      messages = messageContext(ctx.plan, ctx.fields(), ctx.multiUnit);
      const units = ctx.units();
      notes = new Map();
      for (const k of ctx.active()) {
        const u = units[k]!;
        summary.units.push({ index: u.index, name: u.name, sheet: u.sheet, cell: u.cell });
        notes.set(u.index, u.notes ?? new Map());
      }
    } catch (e) {
      own.push({ code: 'validation-failed', params: { detail: e instanceof Error ? e.message : String(e) }, value: null, expected: null });
    }
  }
  for (const issue of own) drafts.push({ issue, ctx: messages, notes });
  let rows: ValueRow[] | undefined;
  return { summary, context: ctx, values: () => (rows ??= hasPlan(ctx) ? valueRows(ctx) : []) };
}

/** The value rows of a template: per active unit, per indicator (the JSON report's `values`). */
function valueRows(ctx: TemplateContext): ValueRow[] {
  const out: ValueRow[] = [];
  const columns = ctx.indicators();
  const units = ctx.units();
  const sheets = ctx.sheets();
  for (const k of ctx.active()) {
    const u = units[k]!;
    for (const c of columns) {
      const s = c.atSheet[k]!;
      const rounded = c.rounded[k]!;
      out.push({
        unit: u.name,
        unitIndex: u.index,
        indicator: c.id,
        value: Number.isNaN(rounded) ? null : rounded,
        workbookValue: s >= 0 ? issueValue(cellValue(sheets, s, c.atRow[k]!, c.atCol[k]!) ?? null) : null,
        status: c.status?.[k],
        ...(c.reference && !Number.isNaN(c.reference[k]!) ? { reference: c.reference[k]! } : {}),
        sheet: s >= 0 ? sheets.names[s] : undefined,
        cell: s >= 0 ? a1(c.atRow[k]!, c.atCol[k]!) : undefined,
      });
    }
  }
  return out;
}

/** Validates every template in a workbook (normally one). */
export function validate(book: WorkbookGrid, plans: PlanSource, options: ValidateOptions = {}): ValidationResult {
  const run = runChecks(book, plans, options);
  const values: ValueRow[] = [];
  for (const t of run.templates) for (const v of t.values()) values.push(v);
  return { valid: run.valid, issues: run.issues, values, templates: run.templates.map((t) => t.summary), counts: run.counts };
}

function sheetIndex(wb: Book, sheet: string | undefined): number {
  return sheet === undefined ? -1 : (wb.sheets.get(sheet)?.index ?? 10_000);
}

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
  // Same-named indicators (蕉岭 body text and annex) are told apart in messages too.
  const indicators = plan ? distinctNames(plan) : new Map<string, { zh: string; en?: string }>();
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
