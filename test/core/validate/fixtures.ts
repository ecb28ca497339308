/**
 * A small kindergarten plan exercising every kind of validation problem: parts and totals, a sum
 * that must add up, a gross ratio with a plausible bound, net rates, a plan range, a baseline
 * with a bounded change, direct counts, yes/no and typed rates, an input that may not be missing.
 */
import type { PlanInput } from '../../../src/core/plan/schema';

export function validationPlan(): PlanInput {
  const count = (id: string, zh: string, en: string, extra: Record<string, unknown> = {}) => ({ id, name: { zh, en }, kind: 'count' as const, unit: '人', min: 0, ...extra });
  return {
    schemaVersion: 1,
    id: 'validate-fixture',
    version: '1.0.0',
    title: { zh: '校验测试规划', en: 'Validation test plan' },
    issuer: { zh: '测试教育局', en: 'Test bureau' },
    region: { zh: '测试县', en: 'Test county' },
    period: { from: 2021, to: 2025 },
    source: { kind: 'user', title: '测试' },
    inputs: [
      count('enrolled', '在园幼儿总数', 'Children enrolled'),
      count('public-enrolled', '公办园在园幼儿数', 'Children in public kindergartens'),
      count('inclusive-enrolled', '普惠性民办园在园幼儿数', 'Children in inclusive private kindergartens'),
      count('age-3-5', '3–5周岁适龄人口数', 'Population aged 3–5'),
      count('teachers', '专任教师数', 'Full-time teachers', { allowMissing: false }),
      count('teachers-male', '男专任教师数', 'Male teachers'),
      count('teachers-female', '女专任教师数', 'Female teachers'),
      count('grade9', '初中毕业班学生数', 'Pupils in the final grade'),
      count('cohort', '该年级入小学一年级时学生数', 'The same cohort at entry'),
      { id: 'budget', name: { zh: '学前教育经费', en: 'Pre-school budget' }, kind: 'amount', unit: '万元', min: 0, max: 100000 },
    ],
    rules: [
      { kind: 'partLeTotal', id: 'public-le-total', part: ['public-enrolled'], total: 'enrolled' },
      { kind: 'partLeTotal', id: 'public-inclusive-le-total', part: ['public-enrolled', 'inclusive-enrolled'], total: 'enrolled' },
      { kind: 'sumEquals', id: 'teachers-by-sex', parts: ['teachers-male', 'teachers-female'], total: 'teachers' },
    ],
    sections: [
      {
        id: 'preschool',
        title: { zh: '学前教育', en: 'Pre-school' },
        indicators: [
          {
            id: 'gross-enrolment',
            name: { zh: '学前教育毛入园率', en: 'Pre-school gross enrolment ratio' },
            unit: '%',
            kind: 'grossRatio',
            level: '学前',
            targets: [{ comparator: '>=', value: 90, year: 2025 }],
            compute: { kind: 'ratio', numerator: ['enrolled'], denominator: ['age-3-5'], scale: 100 },
            range: { min: 0, plausibleMax: 150 },
            source: { document: '测试', article: '一' },
          },
          {
            id: 'public-share',
            name: { zh: '公办园在园幼儿占比', en: 'Share of children in public kindergartens' },
            unit: '%',
            kind: 'rate',
            level: '学前',
            baseline: { value: 40, year: 2020 },
            targets: [{ comparator: '>=', value: 50, year: 2025 }],
            compute: { kind: 'ratio', numerator: ['public-enrolled'], denominator: ['enrolled'], scale: 100 },
            range: { maxChange: 15 },
            source: { document: '测试', article: '二' },
          },
          {
            id: 'inclusive-share',
            name: { zh: '普惠性幼儿园覆盖率', en: 'Inclusive kindergarten coverage' },
            unit: '%',
            kind: 'rate',
            level: '学前',
            targets: [{ comparator: '>=', value: 80, year: 2025 }],
            compute: { kind: 'ratio', numerator: ['public-enrolled', 'inclusive-enrolled'], denominator: ['enrolled'], scale: 100 },
            source: { document: '测试', article: '三' },
          },
          {
            id: 'pupil-teacher',
            name: { zh: '生师比', en: 'Pupil–teacher ratio' },
            unit: '',
            kind: 'ratio',
            level: '学前',
            targets: [{ comparator: '<=', value: 15, year: 2025 }],
            compute: { kind: 'ratio', numerator: ['enrolled'], denominator: ['teachers'], scale: 1 },
            range: { min: 3, max: 30 },
            source: { document: '测试', article: '四' },
          },
          {
            id: 'male-teacher-share',
            name: { zh: '男教师占比', en: 'Share of male teachers' },
            unit: '%',
            kind: 'rate',
            level: '学前',
            targets: [{ comparator: '>=', value: 5, year: 2025 }],
            // Male share of teachers counted by sex (so the template collects both parts of the sum rule).
            compute: { kind: 'ratio', numerator: ['teachers-male'], denominator: ['teachers-male', 'teachers-female'], scale: 100 },
            source: { document: '测试', article: '四之二' },
          },
          {
            id: 'consolidation',
            name: { zh: '九年义务教育巩固率', en: 'Nine-year completion rate' },
            unit: '%',
            kind: 'rate',
            level: '义务教育',
            targets: [{ comparator: '>=', value: 96, year: 2025 }],
            compute: { kind: 'ratio', numerator: ['grade9'], denominator: ['cohort'], scale: 100 },
            source: { document: '测试', article: '五' },
          },
          {
            id: 'budget-total',
            name: { zh: '学前教育经费总额', en: 'Pre-school budget total' },
            unit: '万元',
            kind: 'amount',
            level: '学前',
            targets: [{ comparator: '>=', value: 100, year: 2025 }],
            compute: { kind: 'sum', inputs: ['budget'] },
            source: { document: '测试', article: '六' },
          },
          {
            id: 'brands',
            name: { zh: '特色品牌园数', en: 'Featured kindergartens' },
            unit: '所',
            kind: 'count',
            level: '学前',
            targets: [{ comparator: 'count', value: 3, year: 2025 }],
            source: { document: '测试', article: '七' },
          },
          {
            id: 'layout-plan',
            name: { zh: '制定学前教育布局规划', en: 'Pre-school layout plan adopted' },
            unit: '',
            kind: 'boolean',
            level: '学前',
            targets: [{ comparator: 'bool', value: true, year: 2025 }],
            source: { document: '测试', article: '八' },
          },
          {
            id: 'certified-rate',
            name: { zh: '专任教师持证率', en: 'Certified teacher share' },
            unit: '%',
            kind: 'rate',
            level: '学前',
            targets: [{ comparator: '>=', value: 95, year: 2025 }],
            source: { document: '测试', article: '九' },
          },
        ],
      },
    ],
  };
}

/** A clean return: every input typed, every rule and range satisfied. */
export const CLEAN: Record<string, number | string> = {
  enrolled: 1200,
  'public-enrolled': 500,
  'inclusive-enrolled': 500,
  'age-3-5': 1250,
  teachers: 100,
  'teachers-male': 10,
  'teachers-female': 90,
  grade9: 960,
  cohort: 1000,
  budget: 1500,
  brands: 4,
  'layout-plan': '是',
  'certified-rate': 98.5,
};
