/**
 * What a template needs to know about each indicator and input before laying out cells:
 * precision, tolerance, the target that applies (resolved by the core), which inputs feed the
 * value, and how each input is validated. Layout-free, so every template kind shares it.
 */
import type { Bilingual } from '../i18n/text';
import { unitText } from '../i18n/units';
import { MISSING_CODES } from '../coerce';
import type { EduIssue } from '../evaluate/errors';
import { precisionOf } from '../evaluate/precision';
import { resolveTarget, type ResolvedTarget } from '../evaluate/target';
import { toleranceOf } from '../evaluate/tolerance';
import type { Indicator, Input, InputKind, Level, Plan, Relation, Tolerance } from '../plan/schema';
import { indicatorInputs } from '../plan/registry';
import { thresholdStages } from '../plan/reporting';
import { distinctName } from '../plan/names';
import type { FormulaThreshold, StatusRule } from './formulas';
import { impossibleAbove } from '../evaluate/status';
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
  /** Set when this input is a direct indicator's own value (input id = indicator id, or a stage model's key). */
  directOf?: string;
  /** One stage's part of a plan input collected per stage (`pupils.primary` of `pupils`). */
  stage?: Level;
  of?: string;
  /** A count that may be fractional: a region's carried sum (see TemplateOptions.carried). */
  fractional?: boolean;
}

/** The inputs of a carried return: counts may be fractional (a combined school's stage split summed). */
export function carriedInputModels<T extends InputModel>(inputs: readonly T[]): T[] {
  return inputs.map((i) => (i.kind === 'count' ? { ...i, fractional: true } : i));
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
  /** Layout key: the indicator id, or `id@stage` for one stage of a per-stage indicator. */
  key: string;
  /** The stage judged, when the indicator has a threshold per stage and the template covers several. */
  stage?: Level;
}

/**
 * How a template covering several stages (no --level) collects a combined school (九年一贯制 …):
 * inputs a school counts per stage (pupils, new entrants) are asked per stage; resources it
 * shares (teachers, floor area, equipment) are asked once and split by the plan's stage weights
 * (balance/stage.ts: share_s = P_s·w_s / Σ P_t·w_t over the basis `pupils`).
 */
export interface StageSplit {
  stages: Level[];
  /** plan input id → its per-stage input ids. */
  collected: Map<string, Map<Level, string>>;
  split: Set<string>;
  basis?: { input: string; levels: Level[]; weights: Map<Level, number> };
}

/** ASCII codes of stages for per-stage input ids (`pupils.primary`). */
export const STAGE_CODE: Partial<Record<Level, string>> = { 学前: 'preschool', 小学: 'primary', 初中: 'junior', 高中: 'senior', 中职: 'vocational', 高等教育: 'higher' };

/** The input id of one stage of an input collected per stage. */
export function stageInputId(id: string, stage: Level): string {
  return `${id}.${STAGE_CODE[stage] ?? 'stage'}`;
}

const bi = (t: { zh: string; en?: string }): Bilingual => ({ zh: t.zh, en: t.en ?? t.zh });

/**
 * An input's 口径说明: the plan's own, else what the figure is and what it is used for (the
 * indicators it is the numerator, denominator or reference of), so every input explains itself in
 * the sheet and in its input message.
 */
function derivedHelp(plan: Plan, i: Input): Bilingual {
  const uses: Array<{ zh: string; en: string }> = [];
  for (const ind of plan.sections.flatMap((s) => s.indicators)) {
    const c = ind.compute;
    const name = distinctName(plan, ind);
    const role =
      c.kind === 'ratio' && c.numerator.includes(i.id)
        ? { zh: '分子', en: 'numerator' }
        : c.kind === 'ratio' && c.denominator.includes(i.id)
          ? { zh: '分母', en: 'denominator' }
          : c.kind === 'sum' && c.inputs.includes(i.id)
            ? { zh: '合计项', en: 'part of the sum' }
            : ind.targets.some((t) => t.comparator === 'relative' && t.reference.input === i.id)
              ? { zh: '比较基准', en: 'reference' }
              : undefined;
    if (role) uses.push({ zh: `「${name.zh}」的${role.zh}`, en: `${role.en} of "${name.en ?? name.zh}"` });
  }
  const list = uses.slice(0, 3);
  const more = uses.length > 3 ? { zh: `等 ${uses.length} 项`, en: ` and ${uses.length - 3} more` } : { zh: '', en: '' };
  const unit = i.unit ? `（${i.unit}）` : '';
  return {
    zh: `本单位报告年度的${i.name.zh}${unit}实际数${list.length > 0 ? `，用于计算${list.map((u) => u.zh).join('、')}${more.zh}` : ''}。`,
    en: `Your unit's ${i.name.en ?? i.name.zh} for the report year${i.unit ? ` (${unitText(i.unit, 'en')})` : ''}${list.length > 0 ? `; used as the ${list.map((u) => u.en).join(', ')}${more.en}` : ''}.`,
  };
}

function inputOf(i: Input, plan?: Plan): InputModel {
  return {
    id: i.id,
    name: bi(i.name),
    kind: i.kind,
    unit: i.unit,
    min: i.min,
    max: i.max,
    allowMissing: i.allowMissing,
    required: i.required,
    help: i.help ? bi(i.help) : plan ? derivedHelp(plan, i) : undefined,
  };
}

/** The input a direct indicator is typed into: the plan's input of that id, or one derived from the indicator. */
function directInput(plan: Plan, ind: Indicator, boolean: boolean): InputModel {
  const declared = plan.inputs.find((i) => i.id === ind.id);
  if (declared) return { ...inputOf(declared, plan), directOf: ind.id };
  const kind: InputKind = boolean ? 'boolean' : ind.kind === 'count' ? 'count' : ind.kind === 'rate' || ind.kind === 'grossRatio' ? 'percent' : 'amount';
  const max = ind.kind === 'rate' ? 100 : ind.kind === 'coefficient' ? undefined : ind.range?.max;
  return {
    id: ind.id,
    // Typed under its distinct name (fill's input names, messages): 学校规模（附件1）.
    name: bi(distinctName(plan, ind)),
    kind,
    unit: ind.unit,
    min: ind.range?.min ?? (kind === 'boolean' ? undefined : 0),
    max,
    allowMissing: true,
    required: true,
    directOf: ind.id,
    // The indicator's own note is its 口径 where the plan gives one.
    help: ind.note
      ? bi(ind.note)
      : { zh: `填本单位报告年度「${distinctName(plan, ind).zh}」的实际值${ind.unit ? `（${ind.unit}）` : ''}。`, en: `Your unit's actual "${distinctName(plan, ind).en ?? ind.name.zh}" for the report year${ind.unit ? ` (${unitText(ind.unit, 'en')})` : ''}.` },
  };
}

export function isBooleanIndicator(ind: Indicator): boolean {
  return ind.kind === 'boolean' || ind.targets.every((t) => t.comparator === 'bool');
}

export function indicatorModel(plan: Plan, ind: Indicator, year: number | undefined, level: Level | undefined): IndicatorModel {
  const boolean = isBooleanIndicator(ind);
  const resolved = resolveTarget(ind, { year, level });
  const valueInputs = indicatorInputs(ind);
  const base = { indicator: ind, key: ind.id, precision: precisionOf(ind), tolerance: toleranceOf(ind, plan), boolean, valueInputs };
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

/** How the model's status is decided beyond its gap (evaluate.ts): a 约束性 target's own 未达标, an impossible maximum. */
export function statusRule(m: IndicatorModel): StatusRule {
  const max = impossibleAbove(m.indicator.kind);
  return { ...(m.indicator.attribute === '约束性' ? { binding: true } : {}), ...(max !== undefined ? { max } : {}) };
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
  /** Set when the template covers several stages (see StageSplit). */
  stageSplit?: StageSplit;
}

/**
 * Weights per stage from the plan's school types (九年一贯制 小学 1 : 初中 1.1, 完全中学 初中 1 :
 * 高中 1.2, 十二年一贯制 1 : 1.1 : 1.32), chained into one scale. The standard's types agree
 * (1.32 / 1.1 = 1.2), so one weight per stage reproduces every type; a plan whose types disagree
 * cannot be split without asking each school's type, and is refused.
 */
export function stageWeightScale(plan: Plan): Map<Level, number> | undefined {
  const types = [...(plan.stageWeights ?? [])].sort((a, b) => Object.keys(b.weights).length - Object.keys(a.weights).length);
  if (types.length === 0) return undefined;
  const scale = new Map<Level, number>(Object.entries(types[0].weights) as Array<[Level, number]>);
  for (const t of types.slice(1)) {
    const entries = Object.entries(t.weights) as Array<[Level, number]>;
    const anchor = entries.find(([l]) => scale.has(l));
    if (!anchor) continue;
    const f = scale.get(anchor[0])! / anchor[1];
    for (const [l, w] of entries) {
      const want = w * f;
      const have = scale.get(l);
      if (have === undefined) scale.set(l, want);
      else if (Math.abs(have - want) > 1e-9 * Math.max(1, have)) {
        throw new TemplateError({
          zh: `规划的学段权重不一致（${t.schoolType.zh}），无法按统一权重拆分跨学段学校；请用 --level 分学段生成`,
          en: `the plan's stage weights disagree (${t.schoolType.en ?? t.schoolType.zh}); use --level to build one stage at a time`,
        });
      }
    }
  }
  return scale;
}

const STAGE_WORD: Partial<Record<Level, string>> = { 学前: 'pre-school', 小学: 'primary', 初中: 'junior secondary', 高中: 'senior high', 中职: 'secondary vocational', 高等教育: 'higher education' };

/** Per-stage models and the inputs of a template covering several stages. */
function splitStages(plan: Plan, models: IndicatorModel[], year: number | undefined): { models: IndicatorModel[]; split?: StageSplit } {
  const out: IndicatorModel[] = [];
  const stages: Level[] = [];
  for (const m of models) {
    const st = thresholdStages(m.indicator);
    if (st.length < 2) {
      out.push(m);
      continue;
    }
    for (const stage of st) {
      if (!stages.includes(stage)) stages.push(stage);
      const sm = indicatorModel(plan, m.indicator, year, stage);
      out.push({ ...sm, key: `${m.indicator.id}@${stage}`, stage, ...(m.contribution ? { contribution: true } : {}) });
    }
  }
  if (stages.length === 0) return { models };
  const weights = stageWeightScale(plan);
  const collected = new Map<string, Map<Level, string>>();
  const split = new Set<string>();
  const byId = new Map(plan.inputs.map((i) => [i.id, i]));
  const staged = out.filter((m) => m.stage);
  for (const m of staged) {
    const c = m.indicator.compute;
    if (c.kind === 'direct') continue;
    const perPupil = c.kind === 'ratio' && (m.indicator.kind === 'per100' || m.indicator.kind === 'perPupil');
    for (const id of indicatorInputs(m.indicator)) {
      const declared = byId.get(id)?.stageSplit;
      const how = declared ?? (weights && perPupil && c.kind === 'ratio' && c.numerator.includes(id) ? 'split' : 'collect');
      if (how === 'split') split.add(id);
      else if (!collected.has(id)) collected.set(id, new Map());
    }
  }
  let basis: StageSplit['basis'];
  if (split.size > 0 && weights) {
    const denominators = staged.flatMap((m) => (m.indicator.compute.kind === 'ratio' ? m.indicator.compute.denominator : [])).filter((id) => collected.has(id));
    const input = denominators[0];
    if (input) basis = { input, levels: [...weights.keys()].filter((l) => stages.includes(l) || STAGE_CODE[l] !== undefined), weights };
  }
  for (const [id, perStage] of collected) {
    const levels = basis && id === basis.input ? [...new Set([...stages, ...basis.levels])] : stages;
    for (const l of levels) perStage.set(l, stageInputId(id, l));
  }
  return { models: out, split: { stages, collected, split, basis } };
}

/** The header of one stage's part of an input: 在校生数（小学） / Pupils (primary). */
export function stageInputName(name: { zh: string; en?: string }, stage: Level): Bilingual {
  return { zh: `${name.zh}（${stage}）`, en: `${name.en ?? name.zh} (${STAGE_WORD[stage] ?? stage})` };
}

/** The per-stage inputs of a split (in plan order, each stage in turn). */
function stageInputs(plan: Plan, split: StageSplit): InputModel[] {
  const out: InputModel[] = [];
  for (const i of plan.inputs) {
    const perStage = split.collected.get(i.id);
    if (!perStage) continue;
    for (const [stage, id] of perStage) {
      const base = inputOf(i, plan);
      out.push({
        ...base,
        id,
        name: stageInputName(base.name, stage),
        required: false,
        stage,
        of: i.id,
        help: {
          zh: `${base.help ? `${base.help.zh}。` : ''}只填本校${stage}部分；本校没有${stage}的填“不适用”。`,
          en: `${base.help ? `${base.help.en}. ` : ''}Only the ${STAGE_WORD[stage] ?? stage} part; type 不适用 if the school has no ${STAGE_WORD[stage] ?? stage} stage.`,
        },
      });
    }
  }
  return out;
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
  stages = false,
): TemplateModel {
  const plain = indicators.map((ind) => {
    const m = indicatorModel(plan, ind, year, level);
    return contributions.has(ind.id) ? { ...m, contribution: true } : m;
  });
  // Without a level, a per-stage indicator is judged once per stage (优质均衡 B1 小学 4.2 and 初中 5.3).
  const { models, split } = stages && !level ? splitStages(plan, plain, year) : { models: plain, split: undefined };
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
    if (m.indicator.compute.kind === 'direct') {
      const own = directInput(plan, m.indicator, m.boolean);
      direct.set(m.key, m.stage ? { ...own, id: stageInputId(m.indicator.id, m.stage), name: { zh: `${own.name.zh}（${m.stage}）`, en: `${own.name.en} (${STAGE_WORD[m.stage] ?? m.stage})` }, directOf: m.key, stage: m.stage, of: m.indicator.id, required: false } : own);
    } else m.valueInputs.forEach((id) => needed.add(id));
    // A contribution is not judged here: the reference of its relative target is not asked.
    if (m.threshold && 'relative' in m.threshold && !m.contribution) needed.add(m.threshold.relative.input);
  }
  const perStage = split ? stageInputs(plan, split) : [];
  const inputs: InputModel[] = [];
  for (const i of plan.inputs) {
    if (split?.collected.has(i.id)) inputs.push(...perStage.filter((x) => x.of === i.id));
    else if (needed.has(i.id) && !direct.has(i.id)) inputs.push(inputOf(i, plan));
  }
  inputs.push(...direct.values());
  return { indicators: models, inputs, ...(split ? { stageSplit: split } : {}) };
}

/** Missing codes a filler may type into an input (none when the plan forbids missing values). */
export function missingCodes(input: InputModel): readonly string[] {
  return input.allowMissing ? MISSING_CODES : [];
}
