/**
 * The plan schema: the one definition of what a plan file may say.
 *
 * A plan is data, never code: thresholds, stage weights, tolerance bands and the
 * inputs a filler types all live here so that the add-in, the custom functions and
 * the CLI read the same numbers. The JSON Schema in `seeds/plan.schema.json` is
 * generated from this file (`npm run schema`) so editors can check plan files too.
 */
import { z } from 'zod';
import { LEVELS } from './levels';

/** Stable identifiers: lower-case ASCII, digits, dashes and dots; safe in defined names and URLs. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, {
    message: 'id: 只能用小写字母、数字、点、横线，以字母或数字开头 / lower-case letters, digits, dots and dashes only',
  });

/** Text in Chinese (always) and English (optional but expected in shipped plans). */
export const Text = z.strictObject({
  zh: z.string().min(1).max(400),
  en: z.string().max(400).optional(),
});
export type Text = z.infer<typeof Text>;

/** Education stage (学段) or administrative scope an indicator is measured at. */
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

/**
 * Who reports a number and whose figure is judged against the target (填报与判定层级):
 * a school (学校), a county (区县), a city (市) or the province (省). An indicator may also be
 * `consolidation`: nobody types it, it is computed from the rows of the level below when their
 * returns are consolidated (校际差异系数 from the schools of a county). Absent → derived from the
 * data (see plan/reporting.ts), so a plan only states it where the derivation is wrong.
 */
export const Reporter = z.enum(['school', 'county', 'city', 'province']);
export type Reporter = z.infer<typeof Reporter>;
export const IndicatorReporter = z.enum(['school', 'county', 'city', 'province', 'consolidation']);
export type IndicatorReporter = z.infer<typeof IndicatorReporter>;

/** 约束性 targets are binding obligations; 预期性 ones are aims. */
export const Attribute = z.enum(['约束性', '预期性']);
export type Attribute = z.infer<typeof Attribute>;

/**
 * What kind of number an indicator is. It decides the default display precision, the
 * plausible range (a net `rate` cannot exceed 100, a `grossRatio` can) and how inputs are
 * checked (counts are whole and non-negative).
 */
export const MeasureKind = z.enum([
  'rate', // net percentage, 0–100 (巩固率, 占比)
  'grossRatio', // gross percentage, may exceed 100 (毛入园率, 毛入学率)
  'count', // whole number of things (所, 个, 人, 项)
  'per100', // per 100 pupils (每百名学生拥有…)
  'perPupil', // per pupil (生均…)
  'ratio', // x : 1 (生师比)
  'coefficient', // 差异系数, 0–1
  'amount', // money, area, hours, people in 万人 …
  'boolean', // yes / no (是否建立…)
]);
export type MeasureKind = z.infer<typeof MeasureKind>;

/** Comparators of a numeric bound. `>=` reads 以上/不低于/达到, `>` 高于/超过, `<=` 不超过/以内, `<` 低于. */
export const Relation = z.enum(['>=', '>', '<=', '<', '=']);
export type Relation = z.infer<typeof Relation>;

/** Where a number comes from: file name in `seeds/sources/`, 1-based line, a verbatim piece of that line. */
export const SeedCitation = z.strictObject({
  file: z.string().min(1).max(200),
  line: z.number().int().min(1),
  quote: z.string().min(1).max(400),
});
export type SeedCitation = z.infer<typeof SeedCitation>;

/** National standards and bureau plans cite a document and article instead of a seed line. */
export const DocumentCitation = z.strictObject({
  document: z.string().min(1).max(200),
  article: z.string().max(200).optional(),
  quote: z.string().max(400).optional(),
});
export type DocumentCitation = z.infer<typeof DocumentCitation>;

export const Citation = z.union([SeedCitation, DocumentCitation]);
export type Citation = z.infer<typeof Citation>;

const TargetCommon = {
  /** The year by which the target holds (到2025年 → 2025). Omitted for standing rules. */
  year: z.number().int().min(1990).max(2100).optional(),
  /** Stage the threshold applies to (优质均衡 B1: 小学 ≥4.2, 初中 ≥5.3). */
  level: Level.optional(),
  /** Who the target applies to when not everyone, e.g. 20万人口以上的县（区）. */
  condition: Text.optional(),
  /** Marks an intermediate stage of a staged target (2025 on the way to 2035). */
  milestone: z.boolean().optional(),
  /** Citation of this target when it is not on the indicator's own source line. */
  source: Citation.optional(),
  note: Text.optional(),
};

/**
 * A target. `value: null` is only allowed with a `placeholder`: the document gives no number
 * (`xx%`), and the target is reported as 目标未定, never invented.
 */
export const BoundTarget = z
  .strictObject({
    comparator: Relation,
    value: z.number().finite().nullable(),
    placeholder: z.string().min(1).max(40).optional(),
    ...TargetCommon,
  })
  .refine((t) => t.value !== null || t.placeholder !== undefined, {
    message: '目标值为空时必须给出 placeholder（如 "xx%"） / a null target value needs its placeholder text',
    path: ['placeholder'],
  });

export const BetweenTarget = z
  .strictObject({
    comparator: z.literal('between'),
    value: z.tuple([z.number().finite(), z.number().finite()]),
    ...TargetCommon,
  })
  .refine((t) => t.value[0] <= t.value[1], {
    message: '区间下限不能大于上限 / the lower bound must not exceed the upper bound',
    path: ['value'],
  });

/** Actual compared with another reported number (教师工资 ≥ 当地公务员工资), optionally scaled. */
export const RelativeTarget = z.strictObject({
  comparator: z.literal('relative'),
  relation: Relation,
  reference: z.strictObject({
    name: Text,
    /** Input holding the reference value, when the template collects it. */
    input: Id.optional(),
    indicator: Id.optional(),
  }),
  factor: z.number().finite().positive().default(1),
  ...TargetCommon,
});

/** Yes / no: the thing exists or is done (建立…机制, 全面消除…). */
export const BooleanTarget = z.strictObject({
  comparator: z.literal('bool'),
  value: z.boolean(),
  ...TargetCommon,
});

/** At least `value` things (培育30所品牌, 每所高中 ≥1 个特色课程群). */
export const CountTarget = z.strictObject({
  comparator: z.literal('count'),
  value: z.number().int().min(0).nullable(),
  placeholder: z.string().min(1).max(40).optional(),
  /** "per" scope, e.g. 每个乡镇 / each town. */
  per: Text.optional(),
  ...TargetCommon,
});

export const Target = z.discriminatedUnion('comparator', [BoundTarget, BetweenTarget, RelativeTarget, BooleanTarget, CountTarget]);
export type Target = z.infer<typeof Target>;
export type Comparator = Target['comparator'];

/** A baseline value keeps its qualifier: `>100` is a bound, not the number 100. */
export const Baseline = z.strictObject({
  value: z.number().finite(),
  qualifier: Relation.default('='),
  year: z.number().int().min(1990).max(2100),
  source: Citation.optional(),
});
export type Baseline = z.infer<typeof Baseline>;

/** The band inside which a miss counts as 接近 instead of 未达标. */
export const Tolerance = z
  .strictObject({
    /** In the indicator's unit (2 → within 2 percentage points). */
    absolute: z.number().finite().min(0).optional(),
    /** Fraction of the target (0.05 → within 5 %). */
    relative: z.number().finite().min(0).max(1).optional(),
  })
  .refine((t) => t.absolute !== undefined || t.relative !== undefined, {
    message: '容差须给出 absolute 或 relative / give absolute or relative',
  });
export type Tolerance = z.infer<typeof Tolerance>;

/** What a filler types: raw counts and amounts a school or county actually has. */
export const InputKind = z.enum(['count', 'amount', 'percent', 'boolean', 'text']);
export type InputKind = z.infer<typeof InputKind>;

export const Input = z.strictObject({
  id: Id,
  name: Text,
  kind: InputKind,
  unit: z.string().max(20).default(''),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** Missing codes (不适用, 暂无数据, —) are accepted where true; they are never counted as 0. */
  allowMissing: z.boolean().default(true),
  required: z.boolean().default(true),
  /** Stage this input belongs to, for combined schools split by stage weights. */
  level: Level.optional(),
  help: Text.optional(),
  /** The lowest level that knows this number (a school knows its pupils, not 当地公务员工资). Absent → derived. */
  reportedBy: Reporter.optional(),
  /**
   * For a combined school (九年一贯制 …) in a template covering several stages: `collect` asks the
   * number per stage (pupils, new entrants), `split` takes the whole school's number and splits it
   * by the plan's stage weights (teachers, floor area, equipment). Absent → derived.
   */
  stageSplit: z.enum(['collect', 'split']).optional(),
});
export type Input = z.infer<typeof Input>;

/** How an indicator's value is computed from inputs. */
export const Computation = z.discriminatedUnion('kind', [
  /** The filler types the indicator's value itself (input id = indicator id). A last resort for rates. */
  z.strictObject({ kind: z.literal('direct') }),
  /** (Σ numerator) ÷ (Σ denominator) × scale: 100 for percentages and per-100-pupil figures, 1 per pupil. */
  z.strictObject({
    kind: z.literal('ratio'),
    numerator: z.array(Id).min(1),
    denominator: z.array(Id).min(1),
    scale: z.number().positive().default(100),
  }),
  /** Σ inputs (a count collected in parts). */
  z.strictObject({ kind: z.literal('sum'), inputs: z.array(Id).min(1) }),
]);
export type Computation = z.infer<typeof Computation>;

export const Severity = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof Severity>;

/** Rules between inputs (表内审核). */
export const Rule = z.discriminatedUnion('kind', [
  /** Σ part ≤ total (公办园在园幼儿数 ≤ 在园幼儿总数). */
  z.strictObject({
    kind: z.literal('partLeTotal'),
    id: Id,
    part: z.array(Id).min(1),
    total: Id,
    severity: Severity.default('error'),
  }),
  /** Σ parts = total within an absolute tolerance. */
  z.strictObject({
    kind: z.literal('sumEquals'),
    id: Id,
    parts: z.array(Id).min(2),
    total: Id,
    tolerance: z.number().min(0).default(0),
    severity: Severity.default('error'),
  }),
]);
export type Rule = z.infer<typeof Rule>;

/** Plausible range of an indicator's value; values outside it are soft warnings (提示性). */
export const Range = z.strictObject({
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  plausibleMax: z.number().finite().optional(),
  /** Largest change from the baseline or previous year accepted without a 说明, in the indicator's unit. */
  maxChange: z.number().finite().positive().optional(),
});

export const Indicator = z.strictObject({
  id: Id,
  /** Code in the source document (B1 … B31). */
  code: z.string().max(20).optional(),
  name: Text,
  unit: z.string().max(20),
  kind: MeasureKind,
  /** Decimals shown; pass/fail is decided at this precision (see evaluate/threshold.ts). */
  precision: z.number().int().min(0).max(6).optional(),
  level: Level,
  attribute: Attribute.optional(),
  baseline: Baseline.optional(),
  targets: z.array(Target).min(1),
  tolerance: Tolerance.optional(),
  compute: Computation.default({ kind: 'direct' }),
  range: Range.optional(),
  /** Ids of indicators measuring the same thing with another threshold elsewhere (conflicts). */
  conflictsWith: z.array(Id).optional(),
  source: Citation,
  note: Text.optional(),
  /** Level that reports this indicator and whose figure is judged (see Reporter). Absent → derived. */
  reportedBy: IndicatorReporter.optional(),
  /**
   * The indicator of another plan this one implements (蕉岭 annex B24 → 优质均衡 B24): the catalog
   * compares the two thresholds (`catalog --compare`). Cited like every number: where the local
   * document says it follows the other.
   */
  implements: z
    .strictObject({
      plan: Id,
      indicator: Id,
      source: Citation.optional(),
    })
    .optional(),
});
export type Indicator = z.infer<typeof Indicator>;

export const Section = z.strictObject({
  id: Id,
  title: Text,
  indicators: z.array(Indicator),
});
export type Section = z.infer<typeof Section>;

/** Stage weights to split a combined school (九年一贯制 …) into stage parts. Data, not code. */
export const StageWeights = z.strictObject({
  schoolType: Text,
  weights: z.partialRecord(Level, z.number().positive()),
});
export type StageWeights = z.infer<typeof StageWeights>;

/**
 * The 优质均衡 resource-allocation rule: a school passes when at least `minMeeting` of the
 * `indicators` meet their threshold and every other reaches `floorRatio` of it; the county's
 * weighted 校际差异系数 per indicator must not exceed `cvLimit[level]`.
 */
export const BalanceRule = z.strictObject({
  indicators: z.array(Id).min(1),
  minMeeting: z.number().int().min(1),
  floorRatio: z.number().min(0).max(1),
  cvLimit: z.partialRecord(Level, z.number().positive()),
  source: Citation.optional(),
});
export type BalanceRule = z.infer<typeof BalanceRule>;

export const PlanSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('seed'), file: z.string().min(1), title: z.string().min(1) }),
  z.strictObject({ kind: z.literal('standard'), document: z.string().min(1), title: z.string().min(1) }),
  z.strictObject({ kind: z.literal('user'), title: z.string().min(1) }),
]);

export const SCHEMA_VERSION = 1 as const;

// Strict like every part of a plan: a misspelt key (`balanse` for `balance`) is an error, never dropped.
export const Plan = z
  .strictObject({
    $schema: z.string().optional(),
    schemaVersion: z.literal(SCHEMA_VERSION),
    id: Id,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'version: 须为 x.y.z / must be x.y.z' }),
    title: Text,
    issuer: Text,
    region: Text,
    /** The level the plan's own targets are set for (a 县 plan: county). Absent → derived from `region`. */
    reporter: Reporter.optional(),
    period: z
      .strictObject({ from: z.number().int().min(1990).max(2100), to: z.number().int().min(1990).max(2100) })
      .refine((p) => p.from <= p.to, { message: '起始年份不能晚于结束年份 / from must not be after to' }),
    source: PlanSource,
    /** Default 接近 band for indicators that have none. */
    tolerance: Tolerance.optional(),
    inputs: z.array(Input).default([]),
    rules: z.array(Rule).default([]),
    stageWeights: z.array(StageWeights).optional(),
    balance: BalanceRule.optional(),
    sections: z.array(Section).min(1),
  })
  .superRefine((plan, ctx) => checkReferences(plan, ctx));
export type Plan = z.infer<typeof Plan>;
/** A plan as written in a file, before defaults are applied. */
export type PlanInput = z.input<typeof Plan>;

/** Cross-references: unique ids, computations and rules that name existing inputs. */
function checkReferences(plan: PlanShapeForRefs, ctx: z.RefinementCtx): void {
  const inputIds = new Set<string>();
  plan.inputs.forEach((input, i) => {
    if (inputIds.has(input.id)) {
      ctx.addIssue({ code: 'custom', path: ['inputs', i, 'id'], message: `重复的输入 id「${input.id}」 / duplicate input id` });
    }
    inputIds.add(input.id);
  });
  const indicatorIds = new Set<string>();
  const sectionIds = new Set<string>();
  plan.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) {
      ctx.addIssue({ code: 'custom', path: ['sections', s, 'id'], message: `重复的分组 id「${section.id}」 / duplicate section id` });
    }
    sectionIds.add(section.id);
    section.indicators.forEach((ind, i) => {
      const path = ['sections', s, 'indicators', i];
      if (indicatorIds.has(ind.id)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `重复的指标 id「${ind.id}」 / duplicate indicator id` });
      }
      indicatorIds.add(ind.id);
      const refs =
        ind.compute.kind === 'ratio'
          ? [...ind.compute.numerator, ...ind.compute.denominator]
          : ind.compute.kind === 'sum'
            ? ind.compute.inputs
            : [];
      for (const ref of refs) {
        if (!inputIds.has(ref)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'compute'],
            message: `计算引用了未定义的输入「${ref}」 / computation names an undefined input "${ref}"`,
          });
        }
      }
    });
  });
  plan.rules.forEach((rule, r) => {
    const refs = rule.kind === 'partLeTotal' ? [...rule.part, rule.total] : [...rule.parts, rule.total];
    for (const ref of refs) {
      if (!inputIds.has(ref)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', r],
          message: `规则引用了未定义的输入「${ref}」 / rule names an undefined input "${ref}"`,
        });
      }
    }
  });
  plan.sections.forEach((section, s) =>
    section.indicators.forEach((ind, i) => {
      for (const other of ind.conflictsWith ?? []) {
        if (!indicatorIds.has(other)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'indicators', i, 'conflictsWith'],
            message: `冲突指标「${other}」不存在 / conflicting indicator "${other}" does not exist`,
          });
        }
      }
    }),
  );
  for (const id of plan.balance?.indicators ?? []) {
    if (!indicatorIds.has(id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['balance', 'indicators'],
        message: `均衡规则引用了不存在的指标「${id}」 / balance rule names an unknown indicator "${id}"`,
      });
    }
  }
}

// The part of a plan checkReferences reads (the object before superRefine).
interface PlanShapeForRefs {
  inputs: Input[];
  rules: Rule[];
  sections: Section[];
  balance?: BalanceRule;
}
