/**
 * The national 优质均衡 resource-allocation standard (县域义务教育优质均衡发展督导评估办法,
 * 教督〔2017〕6号), used when no plan is given. A plan with a `balance` rule replaces every number here.
 */
import type { Bilingual } from '../i18n/text';
import type { MeasureKind } from '../plan/schema';

export type BalanceLevel = '小学' | '初中';
export const BALANCE_LEVELS: readonly BalanceLevel[] = ['小学', '初中'];

export interface BalanceIndicatorSpec {
  id: string;
  code: string;
  name: Bilingual;
  unit: string;
  kind: MeasureKind;
  /** Resource ÷ pupils × 100 (每百名学生…) rather than ÷ pupils (生均…). */
  per100: boolean;
  thresholds: Record<BalanceLevel, number>;
  precision: number;
}

export const NATIONAL_BALANCE_SOURCE = '县域义务教育优质均衡发展督导评估办法（教督〔2017〕6号）';

export const NATIONAL_BALANCE = {
  minMeeting: 6,
  floorRatio: 0.85,
  cvLimit: { 小学: 0.5, 初中: 0.45 } as Record<BalanceLevel, number>,
  indicators: [
    { id: 'b1', code: 'B1', name: { zh: '每百名学生拥有高于规定学历教师数', en: 'teachers above the required qualification per 100 pupils' }, unit: '人', kind: 'per100', per100: true, thresholds: { 小学: 4.2, 初中: 5.3 }, precision: 2 },
    { id: 'b2', code: 'B2', name: { zh: '每百名学生拥有县级以上骨干教师数', en: 'county-level or higher key teachers per 100 pupils' }, unit: '人', kind: 'per100', per100: true, thresholds: { 小学: 1, 初中: 1 }, precision: 2 },
    { id: 'b3', code: 'B3', name: { zh: '每百名学生拥有体育、艺术专任教师数', en: 'PE and arts teachers per 100 pupils' }, unit: '人', kind: 'per100', per100: true, thresholds: { 小学: 0.9, 初中: 0.9 }, precision: 2 },
    { id: 'b4', code: 'B4', name: { zh: '生均教学及辅助用房面积', en: 'teaching and auxiliary floor area per pupil' }, unit: 'm²', kind: 'perPupil', per100: false, thresholds: { 小学: 4.5, 初中: 5.8 }, precision: 2 },
    { id: 'b5', code: 'B5', name: { zh: '生均体育运动场馆面积', en: 'sports ground area per pupil' }, unit: 'm²', kind: 'perPupil', per100: false, thresholds: { 小学: 7.5, 初中: 10.2 }, precision: 2 },
    { id: 'b6', code: 'B6', name: { zh: '生均教学仪器设备值', en: 'teaching equipment value per pupil' }, unit: '元', kind: 'perPupil', per100: false, thresholds: { 小学: 2000, 初中: 2500 }, precision: 2 },
    { id: 'b7', code: 'B7', name: { zh: '每百名学生拥有网络多媒体教室数', en: 'networked multimedia classrooms per 100 pupils' }, unit: '间', kind: 'per100', per100: true, thresholds: { 小学: 2.3, 初中: 2.4 }, precision: 2 },
  ] as BalanceIndicatorSpec[],
} as const;

/** 小学 / 初中 from text (also "primary", "junior", "小学阶段"); undefined otherwise. */
export function parseBalanceLevel(text: string): BalanceLevel | undefined {
  const s = text.normalize('NFKC').trim().toLowerCase();
  if (/^(小学|小学阶段|primary|primary school|p)$/.test(s)) return '小学';
  if (/^(初中|初中阶段|junior|junior secondary|lower secondary|middle|j)$/.test(s)) return '初中';
  return undefined;
}
