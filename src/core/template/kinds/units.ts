/**
 * Kind 2, the unit table (分单位汇总表): a county collects many schools on one sheet. One row per
 * unit: the raw inputs, each indicator computed with its status, and for 优质均衡 plans the
 * 6-of-7/85 % result. Below: the county summary — totals, ratios recomputed from the summed parts
 * (never an average of rates), and for 优质均衡 the enrolment-weighted 校际差异系数 per indicator
 * with its limit and status, and how many units meet each indicator.
 */
import { pick, type Lang } from '../../i18n/text';
import { balanceRuleFor, type BalanceRuleSpec } from '../../balance/school';
import type { Plan } from '../../plan/schema';
import { a1 } from '../../workbook/address';
import { columnName, noteInputId, unitName, type CellMapModel } from '../../workbook/cellmap';
import {
  boundFormat,
  cellText,
  indicatorName,
  inputValidation,
  legendRow,
  planLine,
  printSetup,
  protection,
  statusFormats,
  statusWords,
  targetCell,
  valueFormat,
} from '../common';
import {
  balanceFloor,
  balancedFormula,
  belowFloorTerm,
  booleanValueFormula,
  diffCoefFormula,
  diffCoefStatusFormula,
  directFormula,
  maxLengthFormula,
  meetsTerm,
  missingTerm,
  ratioFormula,
  statusFormula,
  str,
  sumFormula,
  totalFormula,
} from '../formulas';
import { label } from '../labels';
import { formulaThreshold, type IndicatorModel, type TemplateModel } from '../model';
import { TEMPLATE_LIMITS, type NormalizedOptions } from '../options';
import { SheetBuilder } from '../sheet-builder';
import type { BuiltSheet } from './return';

/** Rows of the fixed header: title 1, info 2, how-to 3, legend 4, groups 5, headers 6, targets 7. */
export const UNITS_FIRST_ROW = 8;

/** Where things are on a unit table (exported for tests and the bench). */
export interface UnitsLayout {
  firstRow: number;
  lastRow: number;
  nameCol: number;
  inputCols: Map<string, number>;
  valueCols: Map<string, number>;
  statusCols: Map<string, number>;
  balance?: { meetingCol: number; belowFloorCol: number; missingCol: number; resultCol: number; rule: BalanceRuleSpec };
  noteCol: number;
  summary?: { totalRow: number; cvRow?: number; limitRow?: number; countRow: number };
}

/** The 优质均衡 rule for this table, when the plan has one and the level and indicators allow it. */
function balanceFor(plan: Plan, model: TemplateModel, opts: NormalizedOptions): BalanceRuleSpec | undefined {
  if (!plan.balance || !opts.level) return undefined;
  const ids = new Set(model.indicators.map((m) => m.indicator.id));
  if (!plan.balance.indicators.every((id) => ids.has(id))) return undefined;
  try {
    return balanceRuleFor(opts.level, plan);
  } catch {
    return undefined; // e.g. a level the plan's balance rule does not cover
  }
}

export function buildUnitsSheet(plan: Plan, model: TemplateModel, opts: NormalizedOptions, sheetName: string): BuiltSheet & { layout: UnitsLayout } {
  const lang: Lang = opts.lang;
  const words = statusWords(lang);
  const sb = new SheetBuilder(sheetName, 'units');
  const map: CellMapModel = { planId: plan.id, units: [], columns: [], cells: [] };
  const rule = balanceFor(plan, model, opts);

  // Columns.
  let col = 3;
  const inputCols = new Map<string, number>();
  for (const input of model.inputs) inputCols.set(input.id, col++);
  const valueCols = new Map<string, number>();
  const statusCols = new Map<string, number>();
  for (const m of model.indicators) {
    valueCols.set(m.indicator.id, col++);
    statusCols.set(m.indicator.id, col++);
  }
  const balance = rule ? { meetingCol: col++, belowFloorCol: col++, missingCol: col++, resultCol: col++, rule } : undefined;
  const noteCol = col++;
  const lastCol = noteCol;
  const firstRow = UNITS_FIRST_ROW;
  const lastRow = firstRow + opts.units.length - 1;
  const layout: UnitsLayout = { firstRow, lastRow, nameCol: 2, inputCols, valueCols, statusCols, balance, noteCol };

  sb.column(1, 6);
  sb.column(2, 24);
  for (const c of inputCols.values()) sb.column(c, 12);
  for (const c of valueCols.values()) sb.column(c, 11);
  for (const c of statusCols.values()) sb.column(c, 9);
  if (balance) [balance.meetingCol, balance.belowFloorCol, balance.missingCol].forEach((c) => sb.column(c, 9));
  if (balance) sb.column(balance.resultCol, 11);
  sb.column(noteCol, 30);

  // Title block.
  const unitsLabel = cellText(`${pick(plan.title, lang)} ${label('unitsTitle', lang)}`);
  sb.text(1, 1, unitsLabel, 'title', { role: 'title' });
  sb.merge({ top: 1, left: 1, bottom: 1, right: Math.min(lastCol, 12) });
  sb.row(1, 26);
  const info = [planLine(plan, lang), opts.year !== undefined ? `${label('year', lang)}：${opts.year}` : '', opts.level ? `${label('level', lang)}：${opts.level}` : '']
    .filter(Boolean)
    .join('    ');
  sb.text(2, 1, info, 'subtitle');
  sb.merge({ top: 2, left: 1, bottom: 2, right: Math.min(lastCol, 12) });
  sb.text(3, 1, label('howTo', lang), 'note');
  sb.merge({ top: 3, left: 1, bottom: 3, right: Math.min(lastCol, 12) });
  sb.row(3, 30);
  legendRow(sb, 4, 2, lang);

  // Group row (5), header row (6), target row (7).
  sb.text(5, 1, label('no', lang), 'header', { role: 'header' });
  sb.text(5, 2, label('unitName', lang), 'header', { role: 'header' });
  sb.merge({ top: 5, left: 1, bottom: 7, right: 1 });
  sb.merge({ top: 5, left: 2, bottom: 7, right: 2 });
  sb.fill({ top: 6, left: 1, bottom: 7, right: 2 }, 'header');
  const firstInputCol = 3;
  if (model.inputs.length > 0) {
    sb.text(5, firstInputCol, label('inputsGroup', lang), 'header', { role: 'header' });
    sb.fill({ top: 5, left: firstInputCol, bottom: 5, right: firstInputCol + model.inputs.length - 1 }, 'header');
    sb.merge({ top: 5, left: firstInputCol, bottom: 5, right: firstInputCol + model.inputs.length - 1 });
  }
  for (const input of model.inputs) {
    const c = inputCols.get(input.id)!;
    sb.text(6, c, cellText(pick(input.name, lang)), 'header', { role: 'header' });
    sb.text(7, c, cellText(input.unit), 'header', { role: 'header' });
  }
  for (const m of model.indicators) {
    const v = valueCols.get(m.indicator.id)!;
    const s = statusCols.get(m.indicator.id)!;
    sb.text(5, v, indicatorName(m.indicator, lang), 'header', { role: 'header' });
    sb.fill({ top: 5, left: s, bottom: 5, right: s }, 'header');
    sb.merge({ top: 5, left: v, bottom: 5, right: s });
    sb.text(6, v, `${label('actual', lang)}${m.indicator.unit ? `（${cellText(m.indicator.unit)}）` : ''}`, 'header', { role: 'header' });
    sb.text(6, s, label('status', lang), 'header', { role: 'header' });
    sb.set(7, v, targetCell(m, lang, { number: 'reference', text: 'reference-text' }));
    sb.text(7, s, label('target', lang), 'header', { role: 'header' });
  }
  if (balance) {
    const { meetingCol, belowFloorCol, missingCol, resultCol } = balance;
    sb.text(5, meetingCol, label('balanceGroup', lang, { min: rule!.minMeeting, floor: Math.round(rule!.floorRatio * 100) }), 'header', { role: 'header' });
    sb.fill({ top: 5, left: meetingCol, bottom: 5, right: resultCol }, 'header');
    sb.merge({ top: 5, left: meetingCol, bottom: 5, right: resultCol });
    sb.text(6, meetingCol, label('metCount', lang), 'header', { role: 'header' });
    sb.text(6, belowFloorCol, label('belowFloorCount', lang, { floor: Math.round(rule!.floorRatio * 100) }), 'header', { role: 'header' });
    sb.text(6, missingCol, label('missingCount', lang), 'header', { role: 'header' });
    sb.text(6, resultCol, label('balanceResult', lang), 'header', { role: 'header' });
    sb.text(7, meetingCol, `≥${rule!.minMeeting}`, 'header', { role: 'header' });
    sb.text(7, belowFloorCol, '0', 'header', { role: 'header' });
    sb.text(7, missingCol, '0', 'header', { role: 'header' });
    sb.text(7, resultCol, '', 'header', { role: 'header' });
  }
  sb.text(5, noteCol, label('explanation', lang), 'header', { role: 'header' });
  sb.merge({ top: 5, left: noteCol, bottom: 7, right: noteCol });
  sb.fill({ top: 6, left: noteCol, bottom: 7, right: noteCol }, 'header');
  sb.row(5, 42);
  sb.row(6, 42);

  // Unit rows.
  const inputsById = new Map(model.inputs.map((i) => [i.id, i]));
  opts.units.forEach((name, i) => {
    const r = firstRow + i;
    sb.text(r, 1, i + 1, 'label-center');
    const nameAddress = name ? sb.text(r, 2, cellText(name), 'label', { role: 'label' }) : sb.input(r, 2, 'input-text', { numFmt: '@' });
    map.units.push({ index: i + 1, name, definedName: unitName(opts.instance, i + 1), sheet: sheetName, address: nameAddress });
    const ref = (id: string) => a1(r, inputCols.get(id)!);
    for (const input of model.inputs) sb.input(r, inputCols.get(input.id)!, input.kind === 'boolean' || input.kind === 'text' ? 'input-text' : 'input');
    for (const m of model.indicators) unitIndicatorCells(sb, r, i + 1, m, valueCols, statusCols, ref, words);
    if (balance) balanceCells(sb, r, i + 1, balance, valueCols, words);
    sb.input(r, noteCol, 'input-text', { numFmt: '@' });
  });

  // Validation, one range per input column; the map's columns.
  let columnIndex = 0;
  const addColumn = (input: string, c: number) => {
    columnIndex++;
    map.columns.push({ input, definedName: columnName(opts.instance, columnIndex), sheet: sheetName, address: a1(firstRow, c) });
  };
  for (const input of model.inputs) {
    const c = inputCols.get(input.id)!;
    const anchor = a1(firstRow, c);
    sb.validate(inputValidation(inputsById.get(input.id)!, `${anchor}:${a1(lastRow, c)}`, anchor, lang));
    addColumn(input.id, c);
  }
  addColumn(noteInputId(), noteCol);
  if (opts.units.some((u) => u === '')) {
    const anchor = a1(firstRow, 2);
    sb.validate({ range: `${anchor}:${a1(lastRow, 2)}`, rule: { type: 'custom', formula: maxLengthFormula(anchor, TEMPLATE_LIMITS.maxUnitName) }, allowBlank: true, prompt: { title: label('inputPrompt', lang), text: label('unitPrompt', lang) } });
  }

  // County summary.
  let bottom = lastRow;
  if (opts.includeSummary) {
    layout.summary = summaryBlock(sb, model, layout, lang);
    bottom = Math.max(...Object.values(layout.summary).filter((v): v is number => typeof v === 'number'));
  }

  // Status colours over every status column, unit rows and summary.
  const statusColumns = [...statusCols.values(), ...(balance ? [balance.resultCol] : [])];
  for (const c of statusColumns) {
    const anchor = a1(firstRow, c);
    statusFormats(sb, `${anchor}:${a1(bottom, c)}`, anchor, lang);
  }
  sb.freeze(7, 2);
  sb.protect(protection(opts.password, true));
  sb.print(printSetup('5:7', true));
  return { builder: sb, map, layout };
}

/** The value and status cells of one indicator on one unit row. */
function unitIndicatorCells(
  sb: SheetBuilder,
  r: number,
  unit: number,
  m: IndicatorModel,
  valueCols: Map<string, number>,
  statusCols: Map<string, number>,
  ref: (inputId: string) => string,
  words: ReturnType<typeof statusWords>,
): void {
  const ind = m.indicator;
  const v = valueCols.get(ind.id)!;
  const s = statusCols.get(ind.id)!;
  const fmt = valueFormat(ind, m.precision);
  const compute = ind.compute;
  const tag = { what: 'value', unit, indicator: ind.id } as const;
  if (compute.kind === 'ratio') sb.formula(r, v, ratioFormula(compute.numerator.map(ref), compute.denominator.map(ref), compute.scale), 'computed', { numFmt: fmt, tag });
  else if (compute.kind === 'sum') sb.formula(r, v, sumFormula(compute.inputs.map(ref)), 'computed', { numFmt: fmt, tag });
  else if (m.boolean) sb.formula(r, v, booleanValueFormula(ref(ind.id)), 'computed', { numFmt: '"是";"是";"否"', tag });
  else sb.formula(r, v, directFormula(ref(ind.id)), 'computed', { numFmt: fmt, tag });
  const x = a1(r, v);
  const th = formulaThreshold(m, ref);
  const status = m.contribution
    ? str(words.contribution)
    : th
      ? statusFormula(x, th, m.precision, m.tolerance, words)
      : str(words[m.constantStatus ?? 'unknownTarget']);
  sb.formula(r, s, status, 'check', { role: 'check', tag: { what: 'status', unit, indicator: ind.id } });
}

/** Meeting count, below-floor count, missing count and the 6-of-7 result of one unit row. */
function balanceCells(
  sb: SheetBuilder,
  r: number,
  unit: number,
  balance: NonNullable<UnitsLayout['balance']>,
  valueCols: Map<string, number>,
  words: ReturnType<typeof statusWords>,
): void {
  const { rule } = balance;
  const xs = rule.indicators.map((ind) => ({ x: a1(r, valueCols.get(ind.id)!), ind }));
  sb.formula(r, balance.meetingCol, xs.map(({ x, ind }) => meetsTerm(x, ind.precision, ind.threshold)).join('+'), 'computed', { numFmt: '0', tag: { what: 'balanceMeeting', unit } });
  sb.formula(
    r,
    balance.belowFloorCol,
    xs.map(({ x, ind }) => belowFloorTerm(x, ind.precision, balanceFloor(rule.floorRatio, ind.threshold))).join('+'),
    'computed',
    { numFmt: '0', tag: { what: 'balanceBelowFloor', unit } },
  );
  sb.formula(r, balance.missingCol, xs.map(({ x }) => missingTerm(x)).join('+'), 'computed', { numFmt: '0', tag: { what: 'balanceMissing', unit } });
  sb.formula(
    r,
    balance.resultCol,
    balancedFormula(a1(r, balance.meetingCol), a1(r, balance.belowFloorCol), a1(r, balance.missingCol), rule.indicators.length, rule.minMeeting, words),
    'check',
    { role: 'check', tag: { what: 'balanceResult', unit } },
  );
}

function summaryBlock(sb: SheetBuilder, model: TemplateModel, layout: UnitsLayout, lang: Lang): NonNullable<UnitsLayout['summary']> {
  const words = statusWords(lang);
  const { firstRow, lastRow, inputCols, valueCols, statusCols, balance } = layout;
  const lastCol = layout.noteCol;
  const colRange = (c: number) => `${a1(firstRow, c)}:${a1(lastRow, c)}`;
  const labelRow = (row: number, text: string) => {
    sb.text(row, 1, text, 'summary-label', { role: 'label' });
    sb.fill({ top: row, left: 2, bottom: row, right: 2 }, 'summary-label');
    sb.merge({ top: row, left: 1, bottom: row, right: 2 });
    sb.fill({ top: row, left: 3, bottom: row, right: lastCol }, 'summary-label');
  };

  // Totals and ratios of the summed parts.
  const totalRow = lastRow + 2;
  sb.text(lastRow + 1, 1, label('summarySection', lang), 'section', { role: 'label' });
  sb.fill({ top: lastRow + 1, left: 2, bottom: lastRow + 1, right: lastCol }, 'section');
  sb.merge({ top: lastRow + 1, left: 1, bottom: lastRow + 1, right: lastCol });
  labelRow(totalRow, label('total', lang));
  const totalOf = (id: string) => a1(totalRow, inputCols.get(id)!);
  for (const input of model.inputs) {
    if (input.kind === 'boolean' || input.kind === 'text') continue;
    const c = inputCols.get(input.id)!;
    sb.formula(totalRow, c, totalFormula(colRange(c)), 'summary', { numFmt: '#,##0.##', tag: { what: 'total', input: input.id } });
  }
  for (const m of model.indicators) {
    const ind = m.indicator;
    const compute = ind.compute;
    // A typed rate or yes/no has no county total; a typed contribution (a count) adds up.
    if (compute.kind === 'direct' && !(m.contribution && !m.boolean)) continue;
    const v = valueCols.get(ind.id)!;
    const s = statusCols.get(ind.id)!;
    const fmt = valueFormat(ind, m.precision);
    const formula =
      compute.kind === 'ratio'
        ? ratioFormula(compute.numerator.map(totalOf), compute.denominator.map(totalOf), compute.scale)
        : compute.kind === 'sum'
          ? sumFormula(compute.inputs.map(totalOf))
          : totalFormula(colRange(v));
    sb.formula(totalRow, v, formula, 'summary', { numFmt: fmt, tag: { what: 'value', indicator: ind.id } });
    const th = formulaThreshold(m, totalOf);
    // A county total of a relative target's reference (e.g. pay) means nothing: no county status.
    if (th && 'fixed' in th) sb.formula(totalRow, s, statusFormula(a1(totalRow, v), th, m.precision, m.tolerance, words), 'summary-check', { role: 'check', tag: { what: 'status', indicator: ind.id } });
    else if (!th) sb.formula(totalRow, s, str(words[m.constantStatus ?? 'unknownTarget']), 'summary-check', { role: 'check', tag: { what: 'status', indicator: ind.id } });
  }

  let row = totalRow + 1;
  let cvRow: number | undefined;
  let limitRow: number | undefined;
  if (balance) {
    cvRow = row++;
    limitRow = row++;
    labelRow(cvRow, label('cv', lang));
    labelRow(limitRow, label('cvLimit', lang));
    const limit = balance.rule.cvLimit;
    for (const ind of balance.rule.indicators) {
      const m = model.indicators.find((x) => x.indicator.id === ind.id)!;
      const compute = m.indicator.compute;
      const v = valueCols.get(ind.id)!;
      const s = statusCols.get(ind.id)!;
      // The weights are the pupils: the ratio's single denominator input.
      if (compute.kind !== 'ratio' || compute.denominator.length !== 1) continue;
      const p = inputCols.get(compute.denominator[0])!;
      sb.formula(cvRow, v, diffCoefFormula(colRange(v), colRange(p)), 'summary', { numFmt: '0.000', tag: { what: 'diffCoef', indicator: ind.id } });
      if (limit !== undefined) {
        sb.text(limitRow, v, limit, 'reference', { role: 'reference', numFmt: boundFormat('<=', '0.00') });
        sb.formula(cvRow, s, diffCoefStatusFormula(a1(cvRow, v), limit, words), 'summary-check', { role: 'check', tag: { what: 'diffCoefStatus', indicator: ind.id } });
      }
    }
  }
  const countRow = row++;
  labelRow(countRow, label('unitsMeeting', lang));
  for (const m of model.indicators) {
    const s = statusCols.get(m.indicator.id)!;
    sb.formula(countRow, s, `COUNTIF(${colRange(s)},${str(words.met)})`, 'summary', { numFmt: '0', tag: { what: 'unitsMeeting', indicator: m.indicator.id } });
  }
  if (balance) sb.formula(countRow, balance.resultCol, `COUNTIF(${colRange(balance.resultCol)},${str(words.met)})`, 'summary', { numFmt: '0', tag: { what: 'unitsMeeting' } });
  // How many units have a name (typed or given), for "达标单位数 / 单位数".
  sb.formula(countRow, layout.noteCol, `${str(`${label('unitsCount', lang)}：`)}&COUNTA(${colRange(layout.nameCol)})`, 'summary', { role: 'computed', tag: { what: 'unitsCount' } });
  return { totalRow, cvRow, limitRow, countRow };
}
