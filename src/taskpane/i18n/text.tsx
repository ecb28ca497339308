/**
 * The pane's language as React context, and `useText()`: `t(key, params)` for the pane's own
 * strings, `p(text)` for bilingual texts that come from plans and the core.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { colon, DEFAULT_LANG, joinItems, paren, pick, type Lang } from '../../core/i18n/text';
import { fill, STRINGS, type Params, type StringKey } from './strings';

const LangContext = createContext<Lang>(DEFAULT_LANG);

export function LangProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

export interface TextApi {
  lang: Lang;
  t: (key: StringKey, params?: Params) => string;
  p: (text: { zh: string; en?: string }) => string;
  /** Punctuation of the pane's language: Chinese full-width marks never appear in English. */
  paren: (inner: string) => string;
  /** `a：b` / `a: b` */
  colon: (a: string, b: string) => string;
  /** Items of one line: `，` / `, ` */
  join: (items: readonly string[]) => string;
}

export function textApi(lang: Lang): TextApi {
  return {
    lang,
    t: (key, params) => fill(pick(STRINGS[key], lang), params),
    p: (text) => pick(text, lang),
    paren: (inner) => paren(inner, lang),
    colon: (a, b) => colon(a, b, lang),
    join: (items) => joinItems(items, lang),
  };
}

export function useText(): TextApi {
  const lang = useContext(LangContext);
  return useMemo(() => textApi(lang), [lang]);
}
