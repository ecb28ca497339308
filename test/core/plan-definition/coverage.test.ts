/**
 * Every field the plan schema has is a column (or header field) of the definition workbook, so a
 * field added to the schema without a column fails here — before a plan using it loses it in a
 * round trip.
 */
import { z } from 'zod';
import { BALANCE_FIELDS, INDICATOR_COLUMNS, INPUT_COLUMNS, PLAN_FIELDS, RULE_COLUMNS, SECTION_COLUMNS, STAGE_WEIGHT_COLUMNS, pathOf } from '../../../src/core/plan-definition/columns';
import { BalanceRule, Baseline, Indicator, Input, Plan, Rule, Section, StageWeights, Target } from '../../../src/core/plan/schema';

/** Top-level keys of an object schema (through refinements, defaults and optionals). */
function keysOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: { shape?: Record<string, unknown>; innerType?: z.ZodType; options?: z.ZodType[] } } })._zod.def;
  if (def.shape) return Object.keys(def.shape);
  if (def.innerType) return keysOf(def.innerType);
  if (def.options) return [...new Set(def.options.flatMap(keysOf))];
  return [];
}

const first = (paths: string[]) => new Set(paths.map((p) => p.split('.')[0]!));

test('plan header fields cover the plan object (sections, inputs, rules, stage weights and balance have their own sheets)', () => {
  const covered = first(PLAN_FIELDS.map((f) => f.key));
  for (const k of ['sections', 'inputs', 'rules', 'stageWeights', 'balance']) covered.add(k);
  expect(keysOf(Plan).filter((k) => !covered.has(k))).toEqual([]);
});

test('the 输入项 sheet covers Input', () => {
  expect(keysOf(Input).filter((k) => !first(INPUT_COLUMNS.map(pathOf)).has(k))).toEqual([]);
});

test('the 指标 sheet covers Indicator, every kind of Target and Baseline', () => {
  const own = INDICATOR_COLUMNS.filter((c) => !c.target);
  const covered = first(own.map(pathOf).filter(Boolean));
  covered.add('targets');
  expect(keysOf(Indicator).filter((k) => !covered.has(k))).toEqual([]);
  const targetCovered = first(INDICATOR_COLUMNS.filter((c) => c.target).map(pathOf).filter(Boolean));
  targetCovered.add('value'); // 目标值 / 目标上限
  expect(keysOf(Target).filter((k) => !targetCovered.has(k))).toEqual([]);
  const baseline = new Set(own.map((c) => c.key).filter((k) => k.startsWith('baseline.')).map((k) => k.split('.')[1]!));
  expect(keysOf(Baseline).filter((k) => !baseline.has(k))).toEqual([]);
});

test('规则, 分组, 学段权重 and 均衡 cover their objects', () => {
  const rule = first(RULE_COLUMNS.map((c) => c.key));
  rule.add('part'); // 部分项 holds part or parts by kind
  expect(keysOf(Rule).filter((k) => !rule.has(k))).toEqual([]);
  expect(keysOf(Section).filter((k) => k !== 'indicators' && !first(SECTION_COLUMNS.map(pathOf)).has(k))).toEqual([]);
  const sw = first(STAGE_WEIGHT_COLUMNS.map((c) => c.key));
  sw.add('weights'); // 学段 + 权重
  expect(keysOf(StageWeights).filter((k) => !sw.has(k))).toEqual([]);
  expect(keysOf(BalanceRule).filter((k) => !first(BALANCE_FIELDS.map((f) => f.key)).has(k))).toEqual([]);
});
