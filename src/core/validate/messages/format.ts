/**
 * What every message needs besides its own params: names of inputs and indicators in the
 * message's language, numbers written the way a statistician reads them (1,250), and the
 * "subject" that opens a message — the cell, the unit when there are several, the name.
 */
import type { Bilingual } from '../../i18n/text';
import type { IssueValue, ValidationIssue, DraftIssue } from '../issues';

export type MessageLang = 'zh' | 'en';

/** Names the catalogue looks up; built once per plan (see `namesOf` in ../render.ts). */
export interface MessageContext {
  inputName(id: string): Bilingual | undefined;
  indicatorName(id: string): Bilingual | undefined;
  planTitle?: Bilingual;
  /** True for unit tables: messages then name the unit, since many share a sheet. */
  multiUnit: boolean;
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4, useGrouping: true });

/** 1250 → "1,250", 55.3333333 → "55.3333", -0 → "0". Same in both languages (as Chinese statistics print). */
export function num(n: number, decimals?: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (decimals !== undefined) {
    return new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: 0 }).format(n === 0 ? 0 : n);
  }
  return GROUPED.format(n === 0 ? 0 : n);
}

/** A cell value as quoted in a message: text in quotes, numbers grouped, errors as Excel shows them. */
export function shown(v: IssueValue, lang: MessageLang): string {
  if (v === null) return lang === 'zh' ? '（空）' : '(blank)';
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') return v.error;
  const t = v.length > 40 ? `${v.slice(0, 40)}…` : v;
  return lang === 'zh' ? `“${t}”` : `"${t}"`;
}

export function pickLang(text: { zh: string; en?: string } | undefined, lang: MessageLang): string | undefined {
  if (!text) return undefined;
  return lang === 'en' && text.en ? text.en : text.zh;
}

/** The display name of what an issue is about: its input, else its indicator. */
export function subjectName(issue: DraftIssue | ValidationIssue, ctx: MessageContext, lang: MessageLang): string | undefined {
  const named = issue.input !== undefined ? ctx.inputName(issue.input) : undefined;
  const ind = named ?? (issue.indicator !== undefined ? ctx.indicatorName(issue.indicator) : undefined);
  return pickLang(ind ?? (issue.input !== undefined || issue.indicator !== undefined ? { zh: issue.input ?? issue.indicator ?? '' } : undefined), lang);
}

/** `C12「公办园在园幼儿数」`, `C12（甲校）「…」` in a unit table; `C12 "Children in public kindergartens"`. */
export function subject(issue: DraftIssue | ValidationIssue, ctx: MessageContext, lang: MessageLang): string {
  const name = subjectName(issue, ctx, lang);
  const unit = ctx.multiUnit && issue.unit ? issue.unit : undefined;
  if (lang === 'zh') {
    return `${issue.cell ?? ''}${unit ? `（${unit}）` : ''}${name ? `「${name}」` : ''}`;
  }
  const parts = [issue.cell, unit ? `(${unit})` : undefined, name ? `"${name}"` : undefined].filter(Boolean);
  return parts.join(' ');
}

/** A related input named with its cell: `G9「在园幼儿总数」` / `G9 "Children enrolled"`. */
export function refName(ref: { input: string; cell: string }, ctx: MessageContext, lang: MessageLang): string {
  const name = pickLang(ctx.inputName(ref.input), lang) ?? ref.input;
  return lang === 'zh' ? `${ref.cell}「${name}」` : `${ref.cell} "${name}"`;
}

export function joinNames(names: string[], lang: MessageLang): string {
  return names.join(lang === 'zh' ? '+' : ' + ');
}

/**
 * Why a text is not a number, without repeating the text itself; '' when the reason is only
 * "not a number" (the message already says so).
 */
export function reasonText(reason: { zh: string; en: string }, text: string, lang: MessageLang): string {
  const r = lang === 'zh' ? reason.zh : reason.en;
  const t = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  const rest = r
    .replace(`「${t}」`, '')
    .replace(`"${t}"`, '')
    .replace(/[：:]\s*$/, '')
    .trim();
  return /^(无法识别为数字|不是数字|not a number)$/.test(rest) ? '' : rest;
}
