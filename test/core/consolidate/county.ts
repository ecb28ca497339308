/**
 * A generated county of 40 schools (优质均衡, national-yzjh-2017) returned as real templates read
 * back as grids, with what goes wrong in a real collection round:
 *  - 城关镇 (小学: 城关小学1–10 and 实验九年一贯制学校) and 新铺镇 (小学: 新铺小学1–10, 城关小学5 again,
 *    saved later with other numbers, and 外县小学) → 城关小学5 is a duplicate: the 新铺镇 copy is newer and kept;
 *  - 广福镇 (小学, 7 schools) and the same file renamed (`广福镇 - 副本`, same timestamp) → 7 duplicates;
 *  - 初中 (9 schools + 实验九年一贯制学校, which also reports in 城关镇's 小学 table: two stages, no duplicate);
 *  - 育才小学: a single-school return on an older plan version (read through its cell map: migrated);
 *  - 南山小学: a return with hard errors (a count typed as 三十几 and a negative area);
 *  - a corrupt file; a 普及普惠 (preschool plan) return; 北坑小学 on the expected list never returns;
 *  - 外县小学 returns without being on the list.
 * Expected list: 城关 10 + 九年一贯制 1 + 新铺 10 + 广福 7 + 初中 9 + 育才 + 南山 + 北坑 = 40 schools
 * (41 rows: the 九年一贯制 school is listed for 小学 and for 初中).
 */
import { coerceNumber } from '../../../src/core/coerce';
import { loadShippedPlans } from '../../../src/node/seeds';
import { Plan } from '../../../src/core/plan/schema';
import type { ReturnSource } from '../../../src/core/consolidate';
import { template } from '../validate/helpers';

export const plans = loadShippedPlans();
export const yzjh: Plan = plans.find((p) => p.id === 'national-yzjh-2017')!;
export const ppph: Plan = plans.find((p) => p.id === 'national-ppph-2020')!;

export const INPUTS = ['pupils', 'teachers-above-qualification', 'backbone-teachers', 'pe-art-teachers', 'teaching-aux-area', 'sports-area', 'equipment-value', 'multimedia-rooms'] as const;
export type SchoolData = Record<(typeof INPUTS)[number], number>;

/** Deterministic, varied numbers for school k (so coefficients are not 0). */
export function schoolData(k: number, level: '小学' | '初中'): SchoolData {
  const pupils = level === '小学' ? 300 + ((k * 137) % 900) : 500 + ((k * 211) % 1100);
  const f = 0.7 + ((k * 37) % 60) / 100; // 0.70 … 1.29: some schools fall short
  const per = (t: number) => Math.round((pupils * t * f) / 100);
  return level === '小学'
    ? {
        pupils,
        'teachers-above-qualification': per(4.6),
        'backbone-teachers': per(1.2),
        'pe-art-teachers': per(1.0),
        'teaching-aux-area': Math.round(pupils * 4.8 * f),
        'sports-area': Math.round(pupils * 8 * f),
        'equipment-value': Math.round(pupils * 2200 * f),
        'multimedia-rooms': per(2.5),
      }
    : {
        pupils,
        'teachers-above-qualification': per(5.8),
        'backbone-teachers': per(1.2),
        'pe-art-teachers': per(1.0),
        'teaching-aux-area': Math.round(pupils * 6.2 * f),
        'sports-area': Math.round(pupils * 11 * f),
        'equipment-value': Math.round(pupils * 2700 * f),
        'multimedia-rooms': per(2.6),
      };
}

export interface CountySchool {
  name: string;
  level: '小学' | '初中';
  data: SchoolData;
  /** Counted in the aggregates (false: duplicate superseded, hard errors …). */
  counted: boolean;
}

export const T0 = Date.UTC(2025, 8, 1);

function unitsFile(file: string, level: '小学' | '初中', schools: Array<{ name: string; data: SchoolData }>, modified: number): ReturnSource {
  const t = template(yzjh, { kind: 'units', level, year: 2025, units: schools.map((s) => s.name) });
  for (const s of schools) for (const id of INPUTS) t.set(s.name, id, s.data[id]);
  return { file, modified, modifiedFrom: 'workbook', book: t.book };
}

const BALANCE = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7'];

function returnFile(file: string, plan: Plan, level: '小学' | '初中' | undefined, unit: string, values: Record<string, string | number>, modified: number, indicators?: string[]): ReturnSource {
  const t = template(plan, { kind: 'return', level, year: 2025, units: [unit], indicators, includeOverview: false });
  for (const [id, v] of Object.entries(values)) t.set(1, id, v);
  return { file, modified, modifiedFrom: 'file', book: t.book };
}

export interface County {
  sources: ReturnSource[];
  /** Every unit that should count, with its data (what a hand computation sums). */
  counted: CountySchool[];
  expected: Array<{ unit: string; level?: string }>;
}

export function county(): County {
  const chengguan = Array.from({ length: 10 }, (_, i) => ({ name: `城关小学${i + 1}`, data: schoolData(i + 1, '小学') }));
  chengguan.push({ name: '实验九年一贯制学校', data: schoolData(50, '小学') });
  const xinpu = Array.from({ length: 10 }, (_, i) => ({ name: `新铺小学${i + 1}`, data: schoolData(20 + i, '小学') }));
  const dup5 = { name: '城关小学5', data: schoolData(99, '小学') };
  const outsider = { name: '外县小学', data: schoolData(77, '小学') };
  const guangfu = Array.from({ length: 7 }, (_, i) => ({ name: `广福小学${i + 1}`, data: schoolData(40 + i, '小学') }));
  const junior = Array.from({ length: 9 }, (_, i) => ({ name: `第${i + 1}初级中学`, data: schoolData(60 + i, '初中') }));
  junior.push({ name: '实验九年一贯制学校', data: schoolData(51, '初中') });
  const yucai = schoolData(88, '小学');
  const nanshan = schoolData(89, '小学');

  const guangfuFile = unitsFile('returns/广福镇.xlsx', '小学', guangfu, T0 + 3000);
  const sources: ReturnSource[] = [
    unitsFile('returns/城关镇.xlsx', '小学', chengguan, T0 + 1000),
    // 城关小学5 also in 新铺镇's table, saved later (name typed with a full-width digit and spaces: the same unit).
    unitsFile('returns/新铺镇.xlsx', '小学', [...xinpu, { ...dup5, name: ' 城关小学５ ' }, outsider], T0 + 2000),
    guangfuFile,
    { ...guangfuFile, file: 'returns/广福镇 - 副本.xlsx' },
    unitsFile('returns/初中.xlsx', '初中', junior, T0 + 4000),
  ];

  // 育才小学 on plan version 0.9.0 (a template made from it, carrying it): the map still addresses the same inputs.
  sources.push(returnFile('returns/育才小学.xlsx', Plan.parse({ ...yzjh, version: '0.9.0' }), '小学', '育才小学', yucai, T0 + 5000, BALANCE));

  // 南山小学: hard errors.
  sources.push(returnFile('returns/南山小学.xlsx', yzjh, '小学', '南山小学', { ...nanshan, pupils: '三十几人', 'sports-area': -5 }, T0 + 6000, BALANCE));
  // A corrupt file (the reader could not open it) and a preschool-plan return.
  sources.push({ file: 'returns/损坏.xlsx', unreadable: { zh: '文件已损坏或不是有效的 .xlsx：end of central directory', en: 'the file is corrupt' } });
  const preschool = ppph.sections.flatMap((x) => x.indicators).find((i) => i.compute.kind === 'ratio')!;
  const preschoolInputs: Record<string, number> = {};
  if (preschool.compute.kind === 'ratio') for (const id of [...preschool.compute.numerator, ...preschool.compute.denominator]) preschoolInputs[id] = 100;
  sources.push(returnFile('returns/幼儿园.xlsx', ppph, undefined, '城关幼儿园', preschoolInputs, T0 + 7000, [preschool.id]));

  const counted: CountySchool[] = [
    ...chengguan.filter((s) => s.name !== '城关小学5').map((s) => ({ ...s, level: '小学' as const, counted: true })),
    { ...dup5, level: '小学', counted: true },
    ...xinpu.map((s) => ({ ...s, level: '小学' as const, counted: true })),
    { ...outsider, level: '小学', counted: true },
    ...guangfu.map((s) => ({ ...s, level: '小学' as const, counted: true })),
    ...junior.map((s) => ({ ...s, level: '初中' as const, counted: true })),
    { name: '育才小学', data: yucai, level: '小学', counted: true },
  ];
  const expected = [
    ...chengguan.map((s) => ({ unit: s.name, level: '小学' })),
    ...xinpu.map((s) => ({ unit: s.name })),
    ...guangfu.map((s) => ({ unit: s.name })),
    ...junior.filter((s) => s.name !== '实验九年一贯制学校').map((s) => ({ unit: s.name, level: '初中' })),
    { unit: '实验九年一贯制学校', level: '初中' },
    { unit: '育才小学' },
    { unit: '南山小学' },
    { unit: '北坑小学' },
  ];
  return { sources, counted, expected };
}

/** Hand computation: Σ numerator × k ÷ Σ pupils and the enrolment-weighted CV, written out here. */
export function byHand(schools: readonly CountySchool[], numerator: keyof SchoolData, per100: boolean): { value: number; cv: number } {
  const k = per100 ? 100 : 1;
  let A = 0;
  let P = 0;
  for (const s of schools) {
    A += s.data[numerator];
    P += s.data.pupils;
  }
  const mean = (A * k) / P;
  let variance = 0;
  for (const s of schools) {
    const x = (s.data[numerator] * k) / s.data.pupils;
    variance += (s.data.pupils / P) * (x - mean) ** 2;
  }
  return { value: mean, cv: Math.sqrt(variance) / mean };
}

/** The 6-of-7 / 85 % rule by hand (thresholds written out from the standard). */
export function balancedByHand(d: SchoolData, level: '小学' | '初中'): { met: number; below85: number; passes: boolean } {
  const T = level === '小学' ? [4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3] : [5.3, 1, 0.9, 5.8, 10.2, 2500, 2.4];
  const x = [
    (d['teachers-above-qualification'] * 100) / d.pupils,
    (d['backbone-teachers'] * 100) / d.pupils,
    (d['pe-art-teachers'] * 100) / d.pupils,
    d['teaching-aux-area'] / d.pupils,
    d['sports-area'] / d.pupils,
    d['equipment-value'] / d.pupils,
    (d['multimedia-rooms'] * 100) / d.pupils,
  ].map((v) => Math.round(v * 100) / 100);
  const met = x.filter((v, i) => v >= T[i]!).length;
  const below85 = x.filter((v, i) => v < Math.round(0.85 * T[i]! * 1e10) / 1e10).length;
  return { met, below85, passes: met >= 6 && below85 === 0 };
}

export const num = (v: unknown) => {
  const c = coerceNumber(v);
  return c.kind === 'number' ? c.value : NaN;
};
