/** Rendering issues into words: one catalogue per language, looked up by code. */
import type { Bilingual } from '../../i18n/text';
import type { DraftIssue, IssueCode } from '../issues';
import type { Catalogue, DraftOf } from './catalogue';
import type { MessageContext } from './format';
import { en } from './en';
import { zh } from './zh';

export type { MessageContext } from './format';
export { num } from './format';

export const CATALOGUES: Readonly<Record<'zh' | 'en', Catalogue>> = { zh, en };

function say<C extends IssueCode>(catalogue: Catalogue, issue: DraftOf<C>, ctx: MessageContext): string {
  // The mapped type guarantees the entry exists; TypeScript cannot correlate code and params here.
  const fn = catalogue[issue.code] as (i: DraftOf<C>, c: MessageContext) => string;
  return fn(issue, ctx);
}

/** The issue's message in both languages. Never throws: a failing template falls back to the code. */
export function renderMessage(issue: DraftIssue, ctx: MessageContext): Bilingual {
  const out: Bilingual = { zh: issue.code, en: issue.code };
  for (const lang of ['zh', 'en'] as const) {
    try {
      out[lang] = say(CATALOGUES[lang], issue as DraftOf<typeof issue.code>, ctx);
    } catch {
      out[lang] = `${issue.cell ?? ''} ${issue.code}`.trim();
    }
  }
  return out;
}
