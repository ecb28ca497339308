/**
 * Kind 3, the plan overview (规划指标一览): every chosen indicator with its baseline, the target
 * for the template's year and level, all its targets, 属性, how it is computed and where it comes
 * from — for reference inside the workbook. Only text and numbers; nothing to fill.
 */
import { attributeText, levelText, unitText } from '../../i18n/units';
import { clauses, colon, paren, pick, type Lang } from '../../i18n/text';
import type { Citation, Indicator, Plan, Tolerance } from '../../plan/schema';
import { distinctName } from '../../plan/names';
import { baselineCell, cellText, conflictText, planLine, printSetup, protection, targetCell, targetText, valueFormat } from '../common';
import { label } from '../labels';
import type { TemplateModel } from '../model';
import type { NormalizedOptions } from '../options';
import { SheetBuilder } from '../sheet-builder';

/** 阳江市教育发展"十四五"规划，第 258 行：quote — the document's title, never the seed file's name. */
export function citationText(plan: Plan, c: Citation, lang: Lang): string {
  if ('file' in c) {
    const title = plan.source.kind === 'seed' && plan.source.file === c.file ? plan.source.title : pick(plan.title, 'zh-CN');
    return lang === 'en' ? `${title}, line ${c.line}: ${c.quote}` : `${title}，第 ${c.line} 行：${c.quote}`;
  }
  return [c.document, c.article, c.quote].filter(Boolean).join(lang === 'en' ? ', ' : '，');
}

function computeText(plan: Plan, ind: Indicator, lang: Lang): string {
  const name = (id: string) => pick(plan.inputs.find((i) => i.id === id)?.name ?? { zh: id }, lang);
  const c = ind.compute;
  if (c.kind === 'ratio') {
    const part = (ids: string[]) => (ids.length === 1 ? name(ids[0]) : `(${ids.map(name).join(' + ')})`);
    return `${part(c.numerator)} ÷ ${part(c.denominator)}${c.scale !== 1 ? ` × ${c.scale}` : ''}`;
  }
  if (c.kind === 'sum') return c.inputs.map(name).join(' + ');
  return lang === 'en' ? 'typed directly' : '直接填报';
}

function toleranceText(t: Tolerance): string {
  return [t.absolute !== undefined ? `±${t.absolute}` : '', t.relative !== undefined ? `±${Math.round(t.relative * 1000) / 10}%` : ''].filter(Boolean).join(' / ');
}

export function buildOverviewSheet(plan: Plan, model: TemplateModel, opts: NormalizedOptions, sheetName: string): SheetBuilder {
  const lang = opts.lang;
  const sb = new SheetBuilder(sheetName, 'overview');
  const headers = [
    label('no', lang),
    label('code', lang),
    label('section', lang),
    label('indicator', lang),
    label('measureUnit', lang),
    label('level', lang),
    label('attribute', lang),
    label('baseline', lang),
    opts.year !== undefined ? `${label('target', lang)}${paren(String(opts.year), lang)}` : label('target', lang),
    lang === 'en' ? 'All targets' : '全部目标',
    label('computeHow', lang),
    lang === 'en' ? 'Near band' : '接近容差',
    label('source', lang),
  ];
  const widths = [6, 8, 16, 40, 8, 8, 8, 11, 12, 36, 36, 10, 50];
  widths.forEach((w, i) => sb.column(i + 1, w));
  sb.text(1, 1, cellText(`${pick(plan.title, lang)} ${label('overviewTitle', lang)}`), 'title', { role: 'title' });
  sb.merge({ top: 1, left: 1, bottom: 1, right: headers.length });
  sb.row(1, 26);
  const period = `${plan.period.from}–${plan.period.to}`;
  sb.text(2, 1, cellText(`${planLine(plan, lang)}    ${pick(plan.issuer, lang)}    ${pick(plan.region, lang)}    ${period}`), 'subtitle');
  sb.merge({ top: 2, left: 1, bottom: 2, right: headers.length });
  headers.forEach((h, i) => sb.text(4, i + 1, h, 'header', { role: 'header' }));
  const sectionOf = new Map(plan.sections.flatMap((s) => s.indicators.map((i) => [i.id, s] as const)));
  // One row per indicator: an indicator judged per stage shows every stage's target in one cell.
  const seen = new Set<string>();
  const rows = model.indicators.filter((m) => !seen.has(m.indicator.id) && Boolean(seen.add(m.indicator.id)));
  rows.forEach((m, n) => {
    const r = 5 + n;
    const ind = m.indicator;
    const fmt = valueFormat(ind, m.precision);
    const section = sectionOf.get(ind.id);
    sb.text(r, 1, n + 1, 'label-center');
    sb.text(r, 2, cellText(ind.code ?? ''), 'label-center');
    sb.text(r, 3, section ? cellText(pick(section.title, lang)) : '', 'label');
    const conflict = conflictText(plan, ind, lang);
    sb.text(r, 4, cellText(`${pick(distinctName(plan, ind), lang)}${conflict ? `\n⚠ ${conflict}` : ''}`), 'label');
    sb.text(r, 5, cellText(unitText(ind.unit, lang)), 'label-center');
    sb.text(r, 6, levelText(ind.level, lang), 'label-center');
    sb.text(r, 7, attributeText(ind.attribute, lang), 'label-center');
    sb.set(r, 8, baselineCell(ind.baseline, fmt, 'reference'));
    const stages = model.indicators.filter((x) => x.indicator.id === ind.id && x.stage);
    if (stages.length > 0) {
      const text = clauses(stages.map((x) => (x.resolved.ok ? targetText(x.resolved.value.target, ind.unit, lang) : colon(levelText(x.stage!, lang), '—', lang))), lang);
      sb.text(r, 9, cellText(text), 'reference-text', { role: 'reference' });
    } else sb.set(r, 9, targetCell(m, lang, { number: 'reference', text: 'reference-text' }));
    sb.text(r, 10, cellText(clauses(ind.targets.map((t) => targetText(t, ind.unit, lang)), lang)), 'reference-text', { role: 'reference' });
    sb.text(r, 11, cellText(computeText(plan, ind, lang)), 'reference-text', { role: 'reference' });
    sb.text(r, 12, toleranceText(m.tolerance), 'label-center');
    sb.text(r, 13, cellText(citationText(plan, ind.source, lang)), 'reference-text', { role: 'reference' });
  });
  sb.freeze(4, 4);
  sb.protect(protection(opts.password, false));
  sb.print(printSetup('4:4', true, lang, { paper: 'A3' }));
  return sb;
}
