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
