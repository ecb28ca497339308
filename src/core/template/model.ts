/**
 * What a template needs to know about each indicator and input before laying out cells:
 * precision, tolerance, the target that applies (resolved by the core), which inputs feed the
 * value, and how each input is validated. Layout-free, so every template kind shares it.
 */
import type { Bilingual } from '../i18n/text';
import { MISSING_CODES } from '../coerce';
import type { EduIssue } from '../evaluate/errors';
import { precisionOf } from '../evaluate/precision';
import { resolveTarget, type ResolvedTarget } from '../evaluate/target';
import { toleranceOf } from '../evaluate/tolerance';
import type { Indicator, Input, InputKind, Level, Plan, Relation, Tolerance } from '../plan/schema';
import { indicatorInputs } from '../plan/registry';
import type { FormulaThreshold } from './formulas';
import { TemplateError } from './options';

export interface InputModel {
  id: string;
  name: Bilingual;
  kind: InputKind;
  unit: string;
  min?: number;
  max?: number;
  allowMissing: boolean;
  required: boolean;
  help?: Bilingual;
  /** Set when this input is a direct indicator's own value (input id = indicator id). */
  directOf?: string;
}

export interface IndicatorModel {
  indicator: Indicator;
  precision: number;
  tolerance: Tolerance;
  /** Yes/no indicators are read with booleanValueFormula. */
  boolean: boolean;
  /** The resolved target, or the core's reason there is none for this year/level. */
  resolved: { ok: true; value: ResolvedTarget } | { ok: false; error: EduIssue };
  /** Fixed threshold, relative target (its reference input), or null: status is the constant `constantStatus`. */
  threshold: { fixed: ResolvedTarget['threshold'] & object } | { relative: { op: Relation; input: string; factor: number } } | null;
  constantStatus?: 'unknownTarget' | 'noData';
  /** Inputs the value is computed from (for direct indicators: the indicator's own input). */
  valueInputs: string[];
  /** Shown but not judged here: this level's part of a target judged above it (see options.ts forReporter). */
  contribution?: boolean;
}

const bi = (t: { zh: string; en?: string }): Bilingual => ({ zh: t.zh, en: t.en ?? t.zh });

function inputOf(i: Input): InputModel {
  return {
    id: i.id,
    name: bi(i.name),
    kind: i.kind,
    unit: i.unit,
    min: i.min,
    max: i.max,
    allowMissing: i.allowMissing,
    required: i.required,
    help: i.help ? bi(i.help) : undefined,
  };
}

/** The input a direct indicator is typed into: the plan's input of that id, or one derived from the indicator. */
function directInput(plan: Plan, ind: Indicator, boolean: boolean): InputModel {
  const declared = plan.inputs.find((i) => i.id === ind.id);
  if (declared) return { ...inputOf(declared), directOf: ind.id };
  const kind: InputKind = boolean ? 'boolean' : ind.kind === 'count' ? 'count' : ind.kind === 'rate' || ind.kind === 'grossRatio' ? 'percent' : 'amount';
  const max = ind.kind === 'rate' ? 100 : ind.kind === 'coefficient' ? undefined : ind.range?.max;
  return {
    id: ind.id,
    name: bi(ind.name),
    kind,
    unit: ind.unit,
    min: ind.range?.min ?? (kind === 'boolean' ? undefined : 0),
    max,
    allowMissing: true,
    required: true,
    directOf: ind.id,
  };
}

export function isBooleanIndicator(ind: Indicator): boolean {
  return ind.kind === 'boolean' || ind.targets.every((t) => t.comparator === 'bool');
}

export function indicatorModel(plan: Plan, ind: Indicator, year: number | undefined, level: Level | undefined): IndicatorModel {
  const boolean = isBooleanIndicator(ind);
  const resolved = resolveTarget(ind, { year, level });
  const valueInputs = indicatorInputs(ind);
  const base = { indicator: ind, precision: precisionOf(ind), tolerance: toleranceOf(ind, plan), boolean, valueInputs };
  if (!resolved.ok) return { ...base, resolved, threshold: null, constantStatus: 'unknownTarget' };
  const { target, threshold } = resolved.value;
  if (threshold) return { ...base, resolved, threshold: { fixed: threshold } };
  if (target.comparator === 'relative') {
    const input = target.reference.input;
    if (input && plan.inputs.some((i) => i.id === input)) {
      return { ...base, resolved, threshold: { relative: { op: target.relation, input, factor: target.factor } } };
    }
    // The core reports a relative target without its reference as 无数据.
    return { ...base, resolved, threshold: null, constantStatus: 'noData' };
  }
  return { ...base, resolved, threshold: null, constantStatus: 'unknownTarget' };
}

/** The FormulaThreshold of a model, with the reference input's cell placed by the layout. */
export function formulaThreshold(m: IndicatorModel, cellOf: (inputId: string) => string): FormulaThreshold | null {
  if (!m.threshold) return null;
  if ('fixed' in m.threshold) return { fixed: m.threshold.fixed };
  const r = m.threshold.relative;
  return { relative: { op: r.op, ref: cellOf(r.input), factor: r.factor } };
}

export interface TemplateModel {
  indicators: IndicatorModel[];
  /** Inputs in plan order (then direct indicators' own inputs in indicator order), each once. */
  inputs: InputModel[];
}

/**
 * The models of the chosen indicators and every input they need (values and relative targets'
 * references). Refuses a plan whose targets need a level when none was given.
 */
export function templateModel(
  plan: Plan,
  indicators: Indicator[],
  year: number | undefined,
  level: Level | undefined,
  requireLevel = true,
  contributions: ReadonlySet<string> = new Set(),
): TemplateModel {
  const models = indicators.map((ind) => {
    const m = indicatorModel(plan, ind, year, level);
    return contributions.has(ind.id) ? { ...m, contribution: true } : m;
  });
  const ambiguous = models.find((m) => !m.resolved.ok && m.resolved.error.code === 'ambiguous-level');
  if (requireLevel && ambiguous && !ambiguous.resolved.ok) {
    throw new TemplateError({
      zh: `${ambiguous.resolved.error.message.zh}（用 --level 指定）`,
      en: `${ambiguous.resolved.error.message.en} (use --level)`,
    });
  }
  const needed = new Set<string>();
  const direct = new Map<string, InputModel>();
  for (const m of models) {
    if (m.indicator.compute.kind === 'direct') direct.set(m.indicator.id, directInput(plan, m.indicator, m.boolean));
    else m.valueInputs.forEach((id) => needed.add(id));
    // A contribution is not judged here: the reference of its relative target is not asked.
    if (m.threshold && 'relative' in m.threshold && !m.contribution) needed.add(m.threshold.relative.input);
  }
  const inputs: InputModel[] = plan.inputs.filter((i) => needed.has(i.id) && !direct.has(i.id)).map(inputOf);
  inputs.push(...direct.values());
  return { indicators: models, inputs };
}

/** Missing codes a filler may type into an input (none when the plan forbids missing values). */
export function missingCodes(input: InputModel): readonly string[] {
  return input.allowMissing ? MISSING_CODES : [];
}
