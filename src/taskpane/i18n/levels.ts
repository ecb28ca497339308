/** English names of the plan schema's levels (学段), which are Chinese enum values. */
import type { Lang } from '../../core/i18n/text';
import type { Level } from '../../core/plan/schema';

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

export function levelLabel(level: Level, lang: Lang): string {
  return lang === 'en' ? LEVEL_EN[level] : level;
}
