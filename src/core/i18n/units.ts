/** English for the measurement units and levels (学段) plans write in Chinese, for templates in English. */
import type { Level } from '../plan/schema';
import type { Lang } from './text';

const UNIT_EN: Record<string, string> = {
  人: 'persons',
  万人: '10k persons',
  所: 'schools',
  个: 'no.',
  万个: '10k',
  间: 'rooms',
  项: 'items',
  元: 'yuan',
  万元: '10k yuan',
  亿元: '100m yuan',
  平方米: 'm²',
  学时: 'hours',
  小时: 'hours',
  年: 'years',
  次: 'times',
  节: 'lessons',
  起: 'cases',
  班: 'classes',
  个百分点: 'pp',
  级: 'grades',
  份: 'copies',
  门: 'courses',
  '间/12班': 'rooms per 12 classes',
};

/** A unit in the template's language (unknown units and symbols such as % and m² stay as written). */
export function unitText(unit: string, lang: Lang): string {
  return lang === 'en' ? (UNIT_EN[unit.trim()] ?? unit) : unit;
}

/**
 * A number with its unit in a language: `95%`, `2000元`, `3所` in Chinese; in English the unit's
 * English after a space (`2000 yuan`, `3 schools`), symbols (`%`, `m²`) still attached.
 */
export function withUnit(value: string | number, unit: string, lang: Lang): string {
  const u = unitText(unit, lang);
  if (!u) return String(value);
  return lang === 'en' && /^[A-Za-z]/.test(u) ? `${value} ${u}` : `${value}${u}`;
}

const LEVEL_EN: Record<Level, string> = {
  学前: 'Pre-school',
  小学: 'Primary',
  初中: 'Junior secondary',
  义务教育: 'Compulsory',
  高中: 'Senior high',
  高中阶段: 'Senior secondary',
  中职: 'Secondary vocational',
  职业教育: 'Vocational',
  高等教育: 'Higher education',
  特殊教育: 'Special education',
  终身教育: 'Lifelong learning',
  教师: 'Teachers',
  县域: 'County',
  学校: 'School',
  全学段: 'All levels',
};

const ATTRIBUTE_EN: Record<string, string> = { 约束性: 'Binding', 预期性: 'Expected' };

/** An indicator's 属性 (约束性 / 预期性) in the template's language. */
export function attributeText(attribute: string | undefined, lang: Lang): string {
  if (!attribute) return '';
  return lang === 'en' ? (ATTRIBUTE_EN[attribute] ?? attribute) : attribute;
}

/** A level (学段) in the template's language. */
export function levelText(level: Level, lang: Lang): string {
  return lang === 'en' ? LEVEL_EN[level] : level;
}
