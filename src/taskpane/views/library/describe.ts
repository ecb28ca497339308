/** One-line texts for a plan's indicators in the pane (baseline, targets, source), in the pane's language. */
import { baselineText, targetText } from '../../../core/plan/catalog';
import type { Citation, Indicator, Plan, Target } from '../../../core/plan/schema';
import type { TextApi } from '../../i18n/text';
import { levelLabel } from '../../i18n/levels';

/** Chinese text uses full-width punctuation; English the ASCII kind. */
function colon(api: TextApi): string {
  return api.lang === 'en' ? ': ' : '：';
}

function quote(text: string, api: TextApi): string {
  return api.lang === 'en' ? `“${text}”` : `「${text}」`;
}

export function describeBaseline(ind: Indicator, api: TextApi): string | undefined {
  if (!ind.baseline) return undefined;
  const unit = ind.unit === '%' ? '%' : ind.unit ? ` ${ind.unit}` : '';
  return `${api.t('baseline')} ${ind.baseline.year}${colon(api)}${baselineText(ind.baseline)}${unit}`;
}

export function describeTarget(target: Target, ind: Indicator, api: TextApi): string {
  const parts: string[] = [];
  if (target.year !== undefined) parts.push(String(target.year));
  if (target.level) parts.push(levelLabel(target.level, api.lang));
  if (target.condition) parts.push(api.p(target.condition));
  const prefix = parts.length > 0 ? `${parts.join(' · ')}${colon(api)}` : '';
  return `${prefix}${targetText(target, ind.unit, api.lang)}`;
}

export function describeTargets(ind: Indicator, api: TextApi): string {
  return `${api.t('target')} ${ind.targets.map((x) => describeTarget(x, ind, api)).join(api.lang === 'en' ? '; ' : '；')}`;
}

export function describeCitation(c: Citation, plan: Plan, api: TextApi): string {
  if ('file' in c) {
    const doc = plan.source.kind === 'seed' ? plan.source.title : c.file;
    return `${doc}${api.lang === 'en' ? ', ' : '，'}${api.t('line', { n: c.line })}${colon(api)}${quote(c.quote, api)}`;
  }
  const where = [`《${c.document}》`, c.article].filter(Boolean).join(' ');
  return c.quote ? `${where}${colon(api)}${quote(c.quote, api)}` : where;
}
