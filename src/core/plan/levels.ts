/**
 * The education stages (学段) and scopes an indicator is measured at, as plain data. The plan
 * schema builds its enum from this list; code that only needs to recognise a level (the custom
 * functions, the 优质均衡 rules) uses `isLevel` and so does not pull the schema library into the
 * add-in's first load.
 */
export const LEVELS = [
  '学前',
  '小学',
  '初中',
  '义务教育',
  '高中',
  '高中阶段',
  '中职',
  '职业教育',
  '高等教育',
  '特殊教育',
  '终身教育',
  '教师',
  '县域',
  '学校',
  '全学段',
] as const;

export type LevelName = (typeof LEVELS)[number];

const KNOWN: ReadonlySet<string> = new Set(LEVELS);

export function isLevel(s: string): s is LevelName {
  return KNOWN.has(s);
}
