/**
 * The pane's operations on the workbook, each a call into the Office.js adapter (src/excel) with
 * the pane's ExcelHost — Excel itself, or the preview's fake. The views call these and never
 * touch Excel objects; nothing here decides a rule (templates, validation and evaluation are the
 * core's, reading and writing cells the adapter's).
 */
import { pick, type Bilingual, type Lang } from '../../core/i18n/text';
import { findIndicator, inputById } from '../../core/plan/registry';
import type { Plan } from '../../core/plan/schema';
import { buildTemplateAsync } from './template-builder';
import { findTemplates } from '../../core/workbook/cellmap';
import { embeddedPlanOf } from '../../core/workbook/embedded';
import type { TemplateOptions } from '../../core/template/options';
import type { TemplateSpec } from '../../core/template/spec';
import type { ValidationIssue } from '../../core/validate/issues';
import { validate, type ValidationResult } from '../../core/validate/validate';
import { describeLeft, describeLostFormulas, migrateValues, type Migration } from '../../core/template/migrate';
import { rebuildOptions, verifiedOldSpec } from '../../core/template/relocate';
import { TEMPLATE_VERSION } from '../../core/template/spec';
import { planHashOf } from '../../core/workbook/hash';
import { TaskCancelled, TaskControl, type TaskProgress } from '../../core/task/control';
import { label } from '../../core/template/labels';
import { normalizeUnitName } from '../../core/unit-name';
import {
  findPlanTemplates,
  ExcelTaskError,
  type ExistingTemplate,
  applyFix,
  clearMarks,
  insertTemplate,
  updateTemplate,
  type ReplaceTemplate,
  markCells,
  readTemplateGrids,
  selectCell,
  writeReviewSheet,
  type FixResult,
  type InsertProgress,
  type InsertResult,
} from '../../excel';
import type { PaneEnv } from '../app/env';
import { unitsFromCells } from '../views/insert/units';

export type { InsertProgress, InsertResult, ExistingTemplate };

/** The options the pane collects; the workbook's own sheet names are added at insert time. */
export type PaneTemplateOptions = Omit<TemplateOptions, 'existingSheetNames'>;

/** The spec the pane previews (before it knows which names the workbook has taken), built off the pane's thread. */
export function previewTemplate(plan: Plan, options: TemplateOptions): Promise<TemplateSpec> {
  return buildTemplateAsync(plan, options);
}

/** Templates of this plan already in the workbook (an insert asks whether to update one or add a copy). */
export function findExistingTemplates(env: PaneEnv, plan: Plan): Promise<ExistingTemplate[]> {
  const titles = new Set((['zh-CN', 'en'] as const).map((l) => `${pick(plan.title, l)} ${label('overviewTitle', l)}`));
  return findPlanTemplates(env.excel, plan.id, { isOverviewTitle: (text) => titles.has(text) });
}

export interface InsertRequest {
  onProgress?: (p: InsertProgress) => void;
  signal?: AbortSignal;
  /** Update this template in place (its instance), carrying every typed value; else add new sheets. */
  update?: { instance: number };
}

export interface PaneInsertResult extends InsertResult {
  /** Update in place: the values carried into the new template. */
  carried?: number;
  updated?: boolean;
  /**
   * Update in place: formulas typed into input cells carried as values, and the user's formulas
   * whose references to the template could not be kept, each by its cell (zh first, en second).
   */
  lostFormulas?: Bilingual;
  /** Update in place: the user's formulas and names rewritten to follow a template cell that moved. */
  followed?: number;
}

/**
 * The units an update keeps when the form names none: the old template's, as given or as typed
 * by its fillers (a unit table without names would move every typed row into blank rows).
 */
function unitsToKeep(old: ExistingTemplate): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (n: string) => {
    const k = normalizeUnitName(n);
    if (k && !seen.has(k)) {
      seen.add(k);
      out.push(n);
    }
  };
  old.meta.units.forEach(add);
  for (const v of old.values) if (v.unitNamed) add(v.unit);
  return out;
}

/**
 * What updating `old` with these options does: the new spec with the typed values in it, how many
 * are carried and which would have no place. The pane shows this before asking; the update runs
 * it again on what the workbook holds then.
 */
export async function planUpdate(plan: Plan, options: PaneTemplateOptions, old: ExistingTemplate, existingSheetNames: string[] = []): Promise<Migration> {
  const units = options.kind !== 'overview' && (options.units ?? []).length === 0 ? unitsToKeep(old).slice(0, options.kind === 'return' ? 1 : undefined) : options.units;
  const spec = await buildTemplateAsync(plan, { ...options, units, existingSheetNames });
  return migrateValues(old.values, old.meta.kind, spec, { ...old.layout, spec: await oldSpec(plan, old) });
}

/**
 * The old template rebuilt, when this code and plan made it (same template version and plan hash)
 * and it is still what the workbook holds: then its computed cells (a unit's 达成度, status …)
 * follow their unit too when a user formula points at them.
 */
async function oldSpec(plan: Plan, old: ExistingTemplate): Promise<TemplateSpec | undefined> {
  if (old.meta.templateVersion !== TEMPLATE_VERSION || old.meta.planHash !== planHashOf(plan)) return undefined;
  try {
    return verifiedOldSpec(await buildTemplateAsync(plan, rebuildOptions(old.meta)), old.layout);
  } catch {
    return undefined;
  }
}

/**
 * Inserts a template: new sheets named around what the workbook already has (`指标填报 (2)`), or,
 * with `update`, in place of a template of the same plan (same sheet names and tabs; every typed
 * value carried by unit and input id — refused, with nothing changed, when a value would have no
 * place). Progress in cells; `signal` cancels with the workbook left as it was.
 */
export async function insertTemplateInto(env: PaneEnv, plan: Plan, options: PaneTemplateOptions, request: InsertRequest = {}): Promise<PaneInsertResult> {
  const { onProgress, signal } = request;
  if (!request.update) {
    return insertTemplate(env.excel, (existing) => buildTemplateAsync(plan, { ...options, existingSheetNames: existing.sheetNames }), { onProgress, signal });
  }
  const instance = request.update.instance;
  // Read again now: what the filler typed since the question was asked is carried too.
  const old = (await findExistingTemplates(env, plan)).find((t) => t.instance === instance);
  if (!old) {
    throw new ExcelTaskError('sheet-missing', { zh: '要更新的模板已不在工作簿中，未作任何更改', en: 'the template to update is no longer in the workbook; nothing was changed' });
  }
  let migration: Migration | undefined;
  // The builder runs once the workbook has been looked at; it hands the relocation to the update.
  const replace: ReplaceTemplate = { sheets: [...old.sheets, old.metaSheet], names: old.names };
  const result = await updateTemplate(
    env.excel,
    async (existing) => {
      const m = await planUpdate(plan, options, old, existing.sheetNames);
      if (m.left.length > 0) {
        const list = describeLeft(m.left);
        throw new ExcelTaskError('conflict', {
          zh: `有 ${m.left.length} 个已填数值在新模板中没有位置，未作任何更改：${list.zh}。请把这些指标或单位加入新模板，或选择“新增一份”。`,
          en: `${m.left.length} typed value(s) would have no place in the new template; nothing was changed: ${list.en}. Add those indicators or units to the new template, or choose "Add a copy".`,
        });
      }
      migration = m;
      replace.relocation = m.relocation;
      return m.spec;
    },
    { onProgress, signal, replace },
  );
  const lostFormulas = describeLostFormulas(migration?.asValues ?? [], result.update.lost);
  return { ...result, carried: migration?.carried ?? 0, updated: true, followed: result.update.followed, ...(lostFormulas ? { lostFormulas } : {}) };
}

/** The unit names in the user's selected cells (for 读取所选区域). */
export async function readSelectedUnits(env: PaneEnv): Promise<string[]> {
  const values = await env.excel.run(async (ctx) => {
    const range = ctx.workbook.getSelectedRange().load('values');
    await ctx.sync();
    return range.values;
  });
  return unitsFromCells(values);
}

/** One validation of the open workbook, as the 校验 and 进度 views share it. */
export interface ValidationRun {
  at: number;
  result: ValidationResult;
  /** Set when there was nothing to validate: no template, or a template of a plan not in the library. */
  notFound?: { planId?: string };
  /** Name of the 审核结果 sheet written, when cells were marked. */
  reviewSheet?: string;
  /** What could not be done while marking (a sheet renamed since the template was made). */
  warnings: Bilingual[];
}

export interface ValidateRequest {
  /** Mark the cells with issues and write the review sheet (校验); false only reads (进度). */
  mark: boolean;
  /** Password of the template sheets, when they were protected with one (Settings). */
  password?: string;
  /** Progress in the pane's terms: units checked, then cells marked. */
  onProgress?: (p: ValidateProgress) => void;
  /**
   * Stops between the steps: before the marks nothing is written; after them the TaskCancelled
   * says the marks are there and the review sheet is not.
   */
  signal?: AbortSignal;
}

/** Which step of a validation run: reading the workbook, checking its units, marking cells, writing the review sheet. */
export type ValidateProgress = TaskProgress & { step: 'read' | 'check' | 'mark' | 'review' };

/** The display name of an issue's input or indicator, from the plans of the templates validated. */
function itemNamer(plans: Plan[], lang: Lang): (issue: ValidationIssue) => string | undefined {
  return (issue) => {
    for (const plan of plans) {
      const input = issue.input ? inputById(plan, issue.input) : undefined;
      if (input) return pick(input.name, lang);
      const ind = issue.indicator ? findIndicator(plan, issue.indicator) : undefined;
      if (ind) return pick(ind.indicator.name, lang);
    }
    return undefined;
  };
}

/**
 * Reads the template sheets, validates them against their plans and, for 校验, marks the cells
 * with issues and writes the review sheet (values typed by the filler are never changed).
 */
export async function validateWorkbook(env: PaneEnv, lang: Lang, request: ValidateRequest): Promise<ValidationRun> {
  const control = new TaskControl({ signal: request.signal });
  const report = (p: ValidateProgress) => request.onProgress?.(p);
  report({ step: 'read', stage: 'prepare', done: 0, total: 0, of: 'cells' });
  const book = await readTemplateGrids(env.excel);
  const { templates } = findTemplates(book);
  // Plans carried inside the workbook join the library when the catalog lacks them (hash-checked).
  for (const t of templates) {
    if (env.registry.get(t.meta.planId)) continue;
    const carried = embeddedPlanOf(t);
    if (carried && 'plan' in carried) env.registry.add(carried.plan);
  }
  const units = templates.reduce((n, t) => n + Math.max(1, t.model.units.length), 0);
  report({ step: 'check', stage: 'prepare', done: 0, total: units, of: 'units' });
  await control.pause();
  const result = validate(book, env.registry);
  report({ step: 'check', stage: 'prepare', done: units, total: units, of: 'units' });
  const at = Date.now();
  const plans = templates.map((t) => env.registry.get(t.meta.planId)).filter((p): p is Plan => p !== undefined);
  if (templates.length === 0) return { at, result, notFound: {}, warnings: [] };
  if (plans.length === 0) return { at, result, notFound: { planId: templates[0].meta.planId }, warnings: [] };
  if (!request.mark) return { at, result, warnings: [] };
  const cells = new Set(result.issues.filter((i) => i.sheet && i.cell).map((i) => `${i.sheet}!${i.cell}`)).size;
  report({ step: 'mark', stage: 'write', done: 0, total: cells, of: 'cells' });
  await control.pause();
  const marks = await markCells(env.excel, result.issues, { password: request.password });
  report({ step: 'review', stage: 'write', done: cells, total: cells, of: 'cells' });
  if (control.cancelled) {
    throw new TaskCancelled({
      zh: `已取消：已标记 ${marks.marked} 个单元格，未写入审核结果表（可用“清除标记”撤回标记）`,
      en: `Cancelled: ${marks.marked} cells were marked, the review sheet was not written (Clear marks takes the marks off)`,
    });
  }
  // The review sheet sits beside the templates: its name and words follow their language (an
  // English template gets "Review"), the pane's language only when templates of both are present.
  const langs = new Set(templates.map((t) => t.meta.lang));
  const sheetLang = langs.size === 1 ? [...langs][0]! : lang;
  const review = await writeReviewSheet(env.excel, result.issues, { lang: sheetLang, itemName: itemNamer(plans, sheetLang), activate: false });
  report({ step: 'review', stage: 'done', done: cells, total: cells, of: 'cells' });
  const warnings = marks.missingSheets.map((sheet) => ({
    zh: `工作表“${sheet}”已不存在（被重命名或删除），其中的问题无法标记`,
    en: `sheet "${sheet}" no longer exists (renamed or deleted); its issues cannot be marked`,
  }));
  return { at, result, reviewSheet: review.sheet, warnings };
}

/** Activates the sheet of a cell and selects it. */
export function goToCell(env: PaneEnv, sheet: string, cell: string): Promise<void> {
  return selectCell(env.excel, sheet, cell);
}

/** Writes the fix the user accepted for one issue (the only way the pane changes a typed value). */
export function acceptFix(env: PaneEnv, issue: ValidationIssue): Promise<FixResult> {
  if (!issue.fix || !issue.sheet || !issue.cell) throw new Error(`issue ${issue.code} has no fix to apply`);
  return applyFix(env.excel, issue.sheet, issue.cell, issue.fix.value);
}

/** Takes the issue marks off, putting each cell's own fill back. */
export async function clearIssueMarks(env: PaneEnv, password?: string): Promise<void> {
  await clearMarks(env.excel, { password });
}
