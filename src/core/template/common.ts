/** Pieces every template kind shares: status words, input validation, number formats, legend, protection. */
import { colon, colonAfter, paren, pick, type Lang } from '../i18n/text';
import { levelText, unitText, withUnit } from '../i18n/units';
import { BINDING_UNMET_LABEL, INVALID_LABEL, STATUS_LABEL, type Status } from '../evaluate/status';
import { REGRESSED_LABEL } from '../evaluate/achievement';
import { distinctName } from '../plan/names';
import type { Baseline, Indicator, Plan, Target } from '../plan/schema';
import { equalsTextFormula, maxLengthFormula, numberValidationFormula, partExceedsTotalFormula, type StatusWords } from './formulas';
import { label } from './labels';
import { missingCodes, type IndicatorModel, type InputModel } from './model';
import { cleanText } from './options';
import type { SheetBuilder } from './sheet-builder';
import type { CellSpec, PrintSpec, ProtectionSpec, ValidationSpec } from './spec';
import type { StyleId } from './styles';

export function statusWords(lang: Lang): StatusWords {
  return {
    met: pick(STATUS_LABEL.met, lang),
    near: pick(STATUS_LABEL.near, lang),
    unmet: pick(STATUS_LABEL.unmet, lang),
    noData: pick(STATUS_LABEL.noData, lang),
    unknownTarget: pick(STATUS_LABEL.unknownTarget, lang),
    contribution: label('contribution', lang),
    invalid: pick(INVALID_LABEL, lang),
    unmetBinding: pick(BINDING_UNMET_LABEL, lang),
    regressed: pick(REGRESSED_LABEL, lang),
    notApplicable: label('statusNotApplicable', lang),
  };
}

export const STATUS_STYLE: Record<Status, StyleId> = {
  met: 'status-met',
  near: 'status-near',
  unmet: 'status-unmet',
  noData: 'status-no-data',
  unknownTarget: 'status-undetermined',
};

/** Plan or user text for a cell: XML-safe and at most Excel's 32,767 characters. */
export function cellText(text: string): string {
  return cleanText(text).slice(0, 32767);
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** The gap's format: a rate's gap is in percentage points (百分点), not percent of the target. */
export function gapFormat(ind: Pick<Indicator, 'kind' | 'unit'>, p: number, lang: Lang): string {
  const base = valueFormat(ind, p);
  return ind.unit === '%' || ind.kind === 'rate' || ind.kind === 'grossRatio' ? `${base}${lang === 'en' ? '" pp"' : '"个百分点"'}` : base;
}

/** `0`, `0.00`, `#,##0.00` for an indicator shown at p decimals. */
export function valueFormat(ind: Pick<Indicator, 'kind'>, p: number): string {
  const dec = p > 0 ? `.${'0'.repeat(p)}` : '';
  return ind.kind === 'amount' || ind.kind === 'perPupil' || ind.kind === 'count' ? `#,##0${dec}` : `0${dec}`;
}

const OP_MARK: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '' };

/** A number format that shows a bound's comparator before the number: `"≥"0.00`. */
export function boundFormat(op: string, base: string): string {
  const mark = OP_MARK[op] ?? '';
  return mark ? `"${mark}"${base}` : base;
}

/** How the target cell shows: a number with its comparator in the format, or text. */
export function targetCell(m: IndicatorModel, lang: Lang, style: { number: StyleId; text: StyleId }): CellSpec {
  const fmt = valueFormat(m.indicator, m.precision);
  if (!m.resolved.ok) return { value: pick(STATUS_LABEL.unknownTarget, lang), style: style.text, role: 'reference', note: cellText(pick(m.resolved.error.message, lang)) };
  const t = m.resolved.value;
  if (t.threshold) {
    const th = t.threshold;
    // The answer cells take 是/否 in every language (one vocabulary to read back); English says what it means.
    if (th.op === 'bool') return { value: `${label(th.value ? 'yes' : 'no_', lang)}${lang === 'en' ? (th.value ? ' (yes)' : ' (no)') : ''}`, style: style.text, role: 'reference' };
    if (th.op === 'between') return { value: `${th.low}–${th.high}`, style: style.text, role: 'reference' };
    return { value: th.value, numFmt: boundFormat(th.op, fmt), style: style.number, role: 'reference' };
  }
  if (t.missing === 'placeholder') return { value: cellText(t.placeholder ?? 'xx'), style: style.text, role: 'reference', note: pick(STATUS_LABEL.unknownTarget, lang) };
  return { value: '—', style: style.text, role: 'reference' };
}

/** A target's text for the overview (`2025 ≥ 95`, `小学 ≥ 4.2`, `≥ 当地公务员平均工资`). */
export function targetText(t: Target, unit: string, lang: Lang): string {
  const when = [t.year !== undefined ? String(t.year) : '', t.level ? levelText(t.level, lang) : '', t.condition ? pick(t.condition, lang) : ''].filter(Boolean).join(' ');
  let what: string;
  switch (t.comparator) {
    case 'between':
      what = `${t.value[0]}–${withUnit(t.value[1], unit, lang)}`;
      break;
    case 'bool':
      what = lang === 'en' ? (t.value ? 'yes' : 'no') : t.value ? '是' : '否';
      break;
    case 'relative':
      what = `${OP_MARK[t.relation] || '='} ${pick(t.reference.name, lang)}${t.factor !== 1 ? ` × ${t.factor}` : ''}`;
      break;
    case 'count':
      what = t.value === null ? (t.placeholder ?? 'xx') : `≥ ${withUnit(t.value, unit, lang)}${t.per ? ` / ${pick(t.per, lang)}` : ''}`;
      break;
    default:
      what = t.value === null ? (t.placeholder ?? 'xx') : `${OP_MARK[t.comparator] || '='} ${withUnit(t.value, unit, lang)}`.trim();
  }
  return when ? colon(when, what, lang) : what;
}

export function baselineCell(b: Baseline | undefined, fmt: string, style: StyleId): CellSpec {
  if (!b) return { value: null, style, role: 'reference' };
  return { value: b.value, numFmt: boundFormat(b.qualifier, fmt), style, role: 'reference', note: String(b.year) };
}

/** Data validation of an input's cells (relative to the range's top-left cell `anchor`). */
export function inputValidation(input: InputModel, range: string, anchor: string, lang: Lang): ValidationSpec {
  const name = pick(input.name, lang);
  const codes = missingCodes(input);
  const title = clip(label('inputPrompt', lang), 32);
  if (input.kind === 'boolean') {
    return {
      range,
      rule: { type: 'list', values: ['是', '否', ...(input.allowMissing ? ['不适用'] : [])] },
      allowBlank: true,
      prompt: { title, text: clip(colon(name, label('booleanPrompt', lang), lang), 255) },
      error: { title: clip(label('inputError', lang), 32), text: label('booleanError', lang), style: 'stop' },
    };
  }
  if (input.kind === 'text') {
    return { range, rule: { type: 'custom', formula: maxLengthFormula(anchor, 255) }, allowBlank: true, prompt: { title, text: clip(colon(name, label('textPrompt', lang), lang), 255) } };
  }
  const whole = input.kind === 'count' && !input.fractional;
  const min = input.min ?? (input.kind === 'count' || input.kind === 'amount' || input.kind === 'percent' ? 0 : undefined);
  const max = input.max;
  const bounds = min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `≥${min}` : max !== undefined ? `≤${max}` : '';
  const range_ = bounds ? paren(bounds, lang) : '';
  const help = input.help ? ` ${pick(input.help, lang)}` : '';
  return {
    range,
    rule: { type: 'custom', formula: numberValidationFormula(anchor, { min, max, whole, codes }) },
    allowBlank: true,
    prompt: { title, text: clip(`${label('numberPrompt', lang, { what: name, unit: unitText(input.unit, lang) || '—' })}${help}`, 255) },
    error: {
      title: clip(label('inputError', lang), 32),
      text: clip(whole ? label('countError', lang, { min: min ?? 0 }) : label('amountError', lang, { range: range_ }), 255),
      style: 'stop',
    },
  };
}

/** Conditional formats colouring status text in a range (anchor = its top-left cell). */
export function statusFormats(sb: SheetBuilder, range: string, anchor: string, lang: Lang): void {
  const words = statusWords(lang);
  const pairs: Array<[string, StyleId]> = [
    [words.invalid, 'status-invalid'],
    [words.unmetBinding, 'status-unmet-binding'],
    ...(['met', 'near', 'unmet', 'noData', 'unknownTarget'] as const).map((s): [string, StyleId] => [words[s], STATUS_STYLE[s]]),
    [words.notApplicable, 'status-no-data'],
  ];
  for (const [word, style] of pairs) sb.conditional({ range, formula: equalsTextFormula(anchor, word), style });
}

/**
 * 表内审核 in the sheet itself: the cells of a part and its total are coloured while the part
 * exceeds the total (`cellOf` gives a unit's cell of an input, relative to the range's first row).
 * Rules of severity error are 数据有误 (purple), warnings a doubt (amber), as in validate.
 */
export function partTotalFormats(sb: SheetBuilder, plan: Plan, cellOf: (inputId: string) => string | undefined, rangeOf: (cell: string) => string): void {
  for (const rule of plan.rules) {
    const parts = rule.kind === 'partLeTotal' ? rule.part : rule.parts;
    if (rule.kind !== 'partLeTotal') continue;
    const cells = [...parts, rule.total].map(cellOf);
    if (cells.some((c) => c === undefined)) continue;
    const refs = cells as string[];
    const partRefs = refs.slice(0, -1);
    const total = refs[refs.length - 1];
    const formula = partExceedsTotalFormula(partRefs, total);
    // A conditional format's formula is written for its range's top-left cell: the cell itself here.
    for (const cell of refs) sb.conditional({ range: rangeOf(cell), formula, style: rule.severity === 'error' ? 'input-invalid' : 'input-doubtful' });
  }
}

/** The legend row: input / computed / check colours, then every status in its colour. */
export function legendRow(sb: SheetBuilder, row: number, col: number, lang: Lang): void {
  sb.text(row, col, colonAfter(label('legend', lang), lang), 'label');
  const items: Array<[string, StyleId]> = [
    [label('legendInput', lang), 'input-text'],
    [label('legendComputed', lang), 'computed'],
    [label('legendCheck', lang), 'check'],
    ...(['met', 'near', 'unmet', 'noData', 'unknownTarget'] as const).map((s): [string, StyleId] => [pick(STATUS_LABEL[s], lang), STATUS_STYLE[s]]),
    [pick(BINDING_UNMET_LABEL, lang), 'status-unmet-binding'],
    [pick(INVALID_LABEL, lang), 'status-invalid'],
  ];
  items.forEach(([text, style], i) => sb.text(row, col + 1 + i, text, style, { role: 'label' }));
}

export function protection(password: string | undefined, allowInsertRows: boolean): ProtectionSpec {
  return {
    ...(password ? { password } : {}),
    allowFormatColumns: true,
    allowFormatRows: true,
    allowInsertRows,
    allowSort: false,
    allowAutoFilter: false,
  };
}

/**
 * Print setup (A4; A3 for wide tables): every page numbered `第 &P 页，共 &N 页` and headed by the
 * title rows. A return or overview is fitted to the page width (a little smaller, never split); a
 * unit table is split across pages rather than shrunk to unreadable type, its number and name
 * columns repeated on every page.
 */
export function printSetup(titleRows: string, landscape: boolean, lang: Lang, opts: { paper?: 'A4' | 'A3'; split?: boolean; titleColumns?: string } = {}): PrintSpec {
  return {
    orientation: landscape ? 'landscape' : 'portrait',
    paperSize: opts.paper ?? 'A4',
    fitToWidth: opts.split ? 0 : 1,
    fitToHeight: 0,
    titleRows,
    ...(opts.titleColumns ? { titleColumns: opts.titleColumns } : {}),
    footer: label('pageFooter', lang),
  };
}

/**
 * The sign-off block every return ends with (填报单位（盖章）, 单位负责人, 填表人, 联系电话, 填报日期):
 * labels and unlocked boxes to type in or to sign and stamp on the printed return, over `width` columns from `row`.
 * Returns the last row.
 */
export function signOffBlock(sb: SheetBuilder, row: number, width: number, lang: Lang): number {
  const items = [label('signUnit', lang), label('signHead', lang), label('signFiller', lang), label('signPhone', lang), label('signDate', lang)];
  sb.text(row, 1, label('signOff', lang), 'section', { role: 'label' });
  sb.fill({ top: row, left: 2, bottom: row, right: width }, 'section');
  sb.merge({ top: row, left: 1, bottom: row, right: width });
  // Two pairs per row: label over ~1/4 of the width, the space to write over ~1/4.
  const half = Math.max(2, Math.floor(width / 2));
  let r = row + 1;
  for (let i = 0; i < items.length; i += 2) {
    for (let k = 0; k < 2 && i + k < items.length; k++) {
      const left = 1 + k * half;
      const right = k === 0 ? half : width;
      const mid = Math.max(left + 1, left + Math.floor((right - left + 1) / 3) - 1);
      sb.text(r, left, items[i + k], 'sign-label', { role: 'label' });
      sb.merge({ top: r, left, bottom: r, right: mid });
      // Typed in the protected sheet or written by hand on the printed, stamped return: unlocked
      // (every cell of the merge), but not data the workbook carries — validation takes any text
      // here (template-cells: a sign-input cell is free) and reads nothing from it.
      sb.text(r, mid + 1, null, 'sign-input', { role: 'sign', locked: false });
      sb.fill({ top: r, left: mid + 2, bottom: r, right }, 'sign-input', { role: 'sign', locked: false });
      sb.merge({ top: r, left: mid + 1, bottom: r, right });
    }
    sb.row(r, 30);
    r++;
  }
  return r - 1;
}

/** "计划：标题（id v1.0.0）" */
export function planLine(plan: Plan, lang: Lang): string {
  return cellText(colon(label('plan', lang), `${pick(plan.title, lang)}${paren(`${plan.id} v${plan.version}`, lang)}`, lang));
}

/** The indicator's display name with its code: "B1 每百名学生…". */
export function indicatorName(ind: Indicator, lang: Lang, plan?: Plan): string {
  // With the plan, a name repeated elsewhere in it gets its place in the document (plan/names.ts).
  const name = pick(plan ? distinctName(plan, ind) : ind.name, lang);
  return cellText(ind.code ? `${ind.code} ${name}` : name);
}

/** The other thresholds of the same measure (conflictsWith), named with their target and place, for the row. */
export function conflictText(plan: Plan, ind: Indicator, lang: Lang): string | undefined {
  if (!ind.conflictsWith || ind.conflictsWith.length === 0) return undefined;
  const others = ind.conflictsWith
    .map((id) => plan.sections.flatMap((s) => s.indicators).find((i) => i.id === id))
    .filter((i): i is Indicator => i !== undefined)
    .map((o) => (lang === 'en' ? `"${indicatorName(o, lang, plan)}" ${o.targets.map((t) => targetText(t, o.unit, lang)).join(', ')}` : `「${indicatorName(o, lang, plan)}」${o.targets.map((t) => targetText(t, o.unit, lang)).join('；')}`));
  if (others.length === 0) return undefined;
  return cellText(lang === 'en' ? `Conflicting threshold elsewhere in the plan: ${others.join('; ')}` : `另有阈值：${others.join('；')}（同一指标两处规定不一致）`);
}
