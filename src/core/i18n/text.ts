/** Every user-facing message exists in Chinese (shown first, the default) and English. */
export interface Bilingual {
  zh: string;
  en: string;
}

export type Lang = 'zh-CN' | 'en';

export const DEFAULT_LANG: Lang = 'zh-CN';

/** Pick the text for a language; Chinese is the fallback. */
export function pick(text: { zh: string; en?: string }, lang: Lang): string {
  return lang === 'en' && text.en ? text.en : text.zh;
}

/** "中文 / English" on one line, Chinese first. */
export function both(text: Bilingual): string {
  return text.zh === text.en ? text.zh : `${text.zh} / ${text.en}`;
}

/** Normalise an Office or CLI language tag: zh-*, or anything unknown, is Chinese. */
export function toLang(tag: string | undefined | null): Lang {
  if (!tag) return DEFAULT_LANG;
  return /^en\b/i.test(tag) ? 'en' : 'zh-CN';
}

/**
 * Punctuation by language, one definition for templates, messages and the pane: Chinese text
 * uses full-width marks, English never does (`（万人）` is ` (10k persons)` in English).
 */
export function paren(inner: string, lang: Lang): string {
  return lang === 'en' ? ` (${inner})` : `（${inner}）`;
}

/** `标签：值` / `label: value` */
export function colon(label: string, value: string, lang: Lang): string {
  return lang === 'en' ? `${label}: ${value}` : `${label}：${value}`;
}

/** A label followed by its colon alone (a cell before the value's cell): `填报单位：` / `Reporting unit:` */
export function colonAfter(label: string, lang: Lang): string {
  return lang === 'en' ? `${label}:` : `${label}：`;
}

/** Items of one line: `甲，乙` / `a, b` */
export function joinItems(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'en' ? ', ' : '，');
}

/** Alternatives or a short list: `甲、乙` / `a, b` */
export function enumerate(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'en' ? ', ' : '、');
}

/** Clauses: `甲；乙` / `a; b` */
export function clauses(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'en' ? '; ' : '；');
}
