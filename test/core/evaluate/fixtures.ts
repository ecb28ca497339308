/**
 * Small plans for the evaluation tests, written with the schema and modelled on the seed plans
 * (阳江 2020→2025 table, 河源 staged targets, 广东 xx% placeholders, the national 优质均衡 B1–B7),
 * so the tests never depend on a half-written shipped plan.
 */
import { parsePlan } from '../../../src/core/plan/parse';
import type { Indicator, Plan, PlanInput } from '../../../src/core/plan/schema';
import { findIndicator } from '../../../src/core/plan/registry';

const SRC = { file: '001_f83e957e005e81c6.txt', line: 262, quote: '学前教育毛入园率（%）' };

export function evalPlanInput(): PlanInput {
  return {
    schemaVersion: 1,
    id: 'eval-test',
    version: '1.0.0',
    title: { zh: '评估测试规划', en: 'Evaluation test plan' },
    issuer: { zh: '测试教育局', en: 'Test bureau' },
    region: { zh: '测试市', en: 'Test city' },
    period: { from: 2021, to: 2025 },
    source: { kind: 'user', title: '测试' },
    tolerance: { absolute: 1 },
    inputs: [
      { id: 'kg-children', name: { zh: '在园幼儿数', en: 'children enrolled' }, kind: 'count', unit: '人' },
      { id: 'age-3-5', name: { zh: '3–5周岁适龄人口数', en: 'population aged 3–5' }, kind: 'count', unit: '人' },
      { id: 'public-kg', name: { zh: '公办园在园幼儿数', en: 'in public kindergartens' }, kind: 'count', unit: '人' },
      { id: 'inclusive-kg', name: { zh: '普惠性民办园在园幼儿数', en: 'in inclusive private kindergartens' }, kind: 'count', unit: '人' },
      { id: 'civil-servant-pay', name: { zh: '当地公务员平均工资', en: 'civil servants average pay' }, kind: 'amount', unit: '元' },
    ],
    sections: [
      {
        id: 'main',
        title: { zh: '主要指标', en: 'Main indicators' },
        indicators: [
          {
            // 阳江: 九年义务教育巩固率 2020 98.7 → 2025 96, 约束性: a FLOOR (target below baseline)
            id: 'retention',
            name: { zh: '九年义务教育巩固率', en: 'nine-year retention rate' },
            unit: '%',
            kind: 'rate',
            level: '义务教育',
            attribute: '约束性',
            baseline: { value: 98.7, year: 2020 },
            targets: [{ comparator: '>=', value: 96, year: 2025 }],
            source: SRC,
          },
          {
            // 阳江: 学前教育毛入园率 2020 >100 → 2025 100: a GROSS ratio, may exceed 100
            id: 'gross-enrolment',
            name: { zh: '学前教育毛入园率', en: 'pre-school gross enrolment ratio' },
            unit: '%',
            kind: 'grossRatio',
            level: '学前',
            attribute: '预期性',
            baseline: { value: 100, qualifier: '>', year: 2020 },
            targets: [{ comparator: '>=', value: 100, year: 2025 }],
            compute: { kind: 'ratio', numerator: ['kg-children'], denominator: ['age-3-5'], scale: 100 },
            source: SRC,
          },
          {
            // 阳江: 高中阶段毛入学率 >95 → >95: a STRICT target
            id: 'hs-gross-enrolment',
            name: { zh: '高中阶段毛入学率', en: 'senior secondary gross enrolment ratio' },
            unit: '%',
            kind: 'grossRatio',
            level: '高中阶段',
            baseline: { value: 95, qualifier: '>', year: 2020 },
            targets: [{ comparator: '>', value: 95, year: 2025 }],
            source: SRC,
          },
          {
            // 阳江: 双师型教师占专业课教师比例 63.68 → 65: a target to REACH from the baseline
            id: 'dual-qualified',
            name: { zh: '双师型教师占专业课教师比例', en: 'dual-qualified teacher share' },
            unit: '%',
            kind: 'rate',
            level: '职业教育',
            precision: 2,
            baseline: { value: 63.68, year: 2020 },
            targets: [{ comparator: '>=', value: 65, year: 2025 }],
            source: SRC,
          },
          {
            // 河源: 校际差异系数 ≤ 0.15: a ≤ TARGET
            id: 'between-school-cv',
            name: { zh: '校际差异系数', en: 'between-school coefficient' },
            unit: '',
            kind: 'coefficient',
            level: '义务教育',
            precision: 2,
            targets: [{ comparator: '<=', value: 0.15 }],
            tolerance: { absolute: 0.02 },
            source: SRC,
          },
          {
            // 揭东: 56人以上大班额 ≤ 0
            id: 'large-classes',
            name: { zh: '大班额数', en: 'large classes' },
            unit: '个',
            kind: 'count',
            level: '义务教育',
            targets: [{ comparator: '<=', value: 0, year: 2025 }],
            tolerance: { absolute: 0 },
            source: SRC,
          },
          {
            // 教师平均工资收入水平不低于当地公务员平均工资收入水平: a RELATIVE target
            id: 'teacher-pay',
            name: { zh: '教师平均工资收入水平', en: 'teachers average pay' },
            unit: '元',
            kind: 'amount',
            level: '教师',
            precision: 0,
            targets: [{ comparator: 'relative', relation: '>=', reference: { name: { zh: '当地公务员平均工资', en: 'civil servants average pay' }, input: 'civil-servant-pay' } }],
            tolerance: { relative: 0.02 },
            source: SRC,
          },
          {
            // 广东百千万: …覆盖率 达到 xx% 以上: a PLACEHOLDER
            id: 'placeholder-share',
            name: { zh: '学前教育普及普惠县比例', en: 'share of counties with universal pre-school' },
            unit: '%',
            kind: 'rate',
            level: '学前',
            targets: [{ comparator: '>=', value: null, placeholder: 'xx%以上', year: 2027 }],
            source: SRC,
          },
          {
            // 河源: staged targets 2025 / 2030 / 2035
            id: 'staged',
            name: { zh: '规范化幼儿园比例', en: 'standardised kindergarten share' },
            unit: '%',
            kind: 'rate',
            level: '学前',
            baseline: { value: 85, year: 2020 },
            targets: [
              { comparator: '>=', value: 90, year: 2025, milestone: true },
              { comparator: '>=', value: 95, year: 2030, milestone: true },
              { comparator: '>=', value: 98, year: 2035 },
            ],
            source: SRC,
          },
          {
            // 优质均衡 B1: per-level thresholds
            id: 'b1',
            code: 'B1',
            name: { zh: '每百名学生拥有高于规定学历教师数', en: 'qualified teachers per 100 pupils' },
            unit: '人',
            kind: 'per100',
            level: '义务教育',
            targets: [
              { comparator: '>=', value: 4.2, level: '小学' },
              { comparator: '>=', value: 5.3, level: '初中' },
            ],
            source: { document: '县域义务教育优质均衡发展督导评估办法', article: '第五条' },
          },
          {
            id: 'layout-plan',
            name: { zh: '制定布局规划', en: 'layout plan adopted' },
            unit: '',
            kind: 'boolean',
            level: '县域',
            targets: [{ comparator: 'bool', value: true }],
            source: SRC,
          },
          {
            // 河源: 掌握1–3项运动技能
            id: 'sports-skills',
            name: { zh: '掌握运动技能项数', en: 'sports skills mastered' },
            unit: '项',
            kind: 'count',
            level: '全学段',
            targets: [{ comparator: 'between', value: [1, 3] }],
            tolerance: { absolute: 0 },
            source: SRC,
          },
          {
            // 阳江: 在园幼儿（万人） 10.7 → 11
            id: 'kg-enrolment',
            name: { zh: '在园幼儿', en: 'children in kindergartens' },
            unit: '万人',
            kind: 'amount',
            level: '学前',
            precision: 1,
            baseline: { value: 10.7, year: 2020 },
            targets: [{ comparator: '>=', value: 11, year: 2025 }],
            source: SRC,
          },
          {
            id: 'inclusive-coverage',
            name: { zh: '普惠性幼儿园覆盖率', en: 'inclusive kindergarten coverage' },
            unit: '%',
            kind: 'rate',
            level: '学前',
            targets: [{ comparator: '>=', value: 80 }],
            compute: { kind: 'ratio', numerator: ['public-kg', 'inclusive-kg'], denominator: ['kg-children'], scale: 100 },
            source: SRC,
          },
          {
            id: 'tiny',
            name: { zh: '浮点测试', en: 'float test' },
            unit: '',
            kind: 'coefficient',
            level: '县域',
            targets: [{ comparator: '>=', value: 0.3 }],
            source: SRC,
          },
        ],
      },
    ],
  };
}

export function evalPlan(): Plan {
  return parsePlan(evalPlanInput());
}

export function ind(plan: Plan, id: string): Indicator {
  const r = findIndicator(plan, id);
  if (!r) throw new Error(`no indicator ${id}`);
  return r.indicator;
}

/** A plan with its own 优质均衡 rule (thresholds differ from the national ones) and stage weights. */
export function balancePlanInput(): PlanInput {
  const codes = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'];
  const primary = [5, 1, 1, 5, 8, 2200, 2.5];
  const junior = [6, 1.2, 1, 6, 11, 2600, 2.6];
  return {
    schemaVersion: 1,
    id: 'balance-test',
    version: '1.0.0',
    title: { zh: '均衡测试', en: 'Balance test' },
    issuer: { zh: '测试', en: 'Test' },
    region: { zh: '测试县', en: 'Test county' },
    period: { from: 2023, to: 2025 },
    source: { kind: 'user', title: '测试' },
    stageWeights: [{ schoolType: { zh: '九年一贯制', en: 'nine-year school' }, weights: { 小学: 1, 初中: 1.1 } }],
    balance: { indicators: codes.map((c) => c.toLowerCase()), minMeeting: 6, floorRatio: 0.9, cvLimit: { 小学: 0.4, 初中: 0.35 } },
    sections: [
      {
        id: 'b',
        title: { zh: '资源配置', en: 'Resources' },
        indicators: codes.map((code, i) => ({
          id: code.toLowerCase(),
          code,
          name: { zh: `指标${code}`, en: `indicator ${code}` },
          unit: '',
          kind: i === 3 || i === 4 || i === 5 ? ('perPupil' as const) : ('per100' as const),
          level: '义务教育' as const,
          targets: [
            { comparator: '>=' as const, value: primary[i]!, level: '小学' as const },
            { comparator: '>=' as const, value: junior[i]!, level: '初中' as const },
          ],
          source: { document: '测试' },
        })),
      },
    ],
  };
}

export function balancePlan(): Plan {
  return parsePlan(balancePlanInput());
}
