/**
 * The one summary line of a validation's counts — "2 个错误 · 3 个提示（1 个已说明）· 1 条说明" /
 * "2 errors · 3 warnings (1 explained) · 1 note" — said by the task pane, the review sheet and the
 * CLI alike. A count that is zero is left out ("0 个已说明" tells nobody anything); nothing at all
 * when there is no issue, so each caller says "no issues" in its own place.
 */
import type { Lang } from '../i18n/text';

/** How many issues of each severity. */
export interface IssueTally {
  error: number;
  /** Every warning, explained or not. */
  warning: number;
  /** Of the warnings, those explained in their 说明 cell. */
  explained?: number;
  info: number;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The phrases of the counts that are not zero, errors first. */
export function issueCountPhrases(t: IssueTally, lang: Lang): string[] {
  const en = lang === 'en';
  const explained = t.explained ?? 0;
  const phrases: string[] = [];
  if (t.error > 0) phrases.push(en ? plural(t.error, 'error') : `${t.error} 个错误`);
  if (t.warning > 0) {
    const of = explained > 0 ? (en ? ` (${explained} explained)` : `（${explained} 个已说明）`) : '';
    phrases.push(`${en ? plural(t.warning, 'warning') : `${t.warning} 个提示`}${of}`);
  }
  if (t.info > 0) phrases.push(en ? plural(t.info, 'note') : `${t.info} 条说明`);
  return phrases;
}

/** The counts' summary line, phrases joined by " · " ('' when there is no issue; no space after a full-width bracket). */
export function issueSummaryText(t: IssueTally, lang: Lang): string {
  return issueCountPhrases(t, lang).reduce((line, phrase) => (line === '' ? phrase : `${line}${line.endsWith('）') ? '· ' : ' · '}${phrase}`), '');
}
