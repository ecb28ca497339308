/**
 * Kind 2, the unit table (分单位汇总表): a county collects many schools on one sheet. One row per
 * unit: the raw inputs, each indicator computed with its status, and for 优质均衡 plans the
 * 6-of-7/85 % result. Below: the county summary — totals, ratios recomputed from the summed parts
 * (never an average of rates), and for 优质均衡 the enrolment-weighted 校际差异系数 per indicator
 * with its limit and status, and how many units meet each indicator.
 */
import { levelText, unitText } from '../../i18n/units';
import { colon, colonAfter, paren, pick, type Lang } from '../../i18n/text';
import { balanceRuleFor, type BalanceRuleSpec } from '../../balance/school';
import type { Level, Plan } from '../../plan/schema';
import { a1, a1ToRowCol } from '../../workbook/address';
import { columnName, noteInputId, unitName, type CellMapModel } from '../../workbook/cellmap';
import {
  boundFormat,
  cellText,
  conflictText,
  indicatorName,
  inputValidation,
  partTotalFormats,
  legendRow,
  planLine,
  printSetup,
  protection,
  signOffBlock,
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
  stageShareFormula,
  stageStatusFormula,
  statusFormula,
  str,
  sumFormula,
  totalFormula,
} from '../formulas';
import { computedValueFormula, wholeRef } from '../stage-cells';
import { label } from '../labels';
import { formulaThreshold, stageInputId, statusRule, type IndicatorModel, type StageSplit, type TemplateModel } from '../model';
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
  /** By model key: the indicator id, or `id@stage` in a template covering several stages. */
  valueCols: Map<string, number>;
  statusCols: Map<string, number>;
  /** The 6-of-7 block of each stage judged (one, with --level). */
  balances: BalanceBlock[];
  /** Share columns of a combined school's stages (balance/stage.ts), when shared resources are split. */
  shareCols: Map<Level, number>;
  noteCol: number;
  summary?: { totalRow: number; cvRow?: number; limitRow?: number; countRow: number };
}

interface BalanceBlock {
  meetingCol: number;
  belowFloorCol: number;
  missingCol: number;
  resultCol: number;
  rule: BalanceRuleSpec;
  /** Model key of each rule indicator (the stage's model when the template covers several stages). */
  keys: string[];
  stage?: Level;
}

/** The 优质均衡 rule of each stage judged, when the plan has one and the level and indicators allow it. */
function balanceFor(plan: Plan, model: TemplateModel, opts: NormalizedOptions): Array<{ rule: BalanceRuleSpec; keys: string[]; stage?: Level }> {
  if (!plan.balance) return [];
  const stages: Array<Level | undefined> = opts.level ? [undefined] : (model.stageSplit?.stages ?? []);
  const out: Array<{ rule: BalanceRuleSpec; keys: string[]; stage?: Level }> = [];
  for (const stage of stages) {
    const keys = plan.balance.indicators.map((id) => (stage ? `${id}@${stage}` : id));
    const have = new Set(model.indicators.map((m) => m.key));
    if (!keys.every((k) => have.has(k))) continue;
    try {
      out.push({ rule: balanceRuleFor(stage ?? opts.level!, plan), keys, ...(stage ? { stage } : {}) });
    } catch {
      // a level the plan's balance rule does not cover
    }
  }
  return out;
}

/** Models in table order: those judged once, then each stage's block. */
function tableOrder(model: TemplateModel): IndicatorModel[] {
  const stages = model.stageSplit?.stages ?? [];
  return [...model.indicators.filter((m) => !m.stage), ...stages.flatMap((st) => model.indicators.filter((m) => m.stage === st))];
}

const stageName = (stage: Level, lang: Lang) => levelText(stage, lang);

export function buildUnitsSheet(plan: Plan, model: TemplateModel, opts: NormalizedOptions, sheetName: string): BuiltSheet & { layout: UnitsLayout } {
  const lang: Lang = opts.lang;
  const words = statusWords(lang);
  const sb = new SheetBuilder(sheetName, 'units');
  const map: CellMapModel = { planId: plan.id, units: [], columns: [], cells: [] };
  const rules = balanceFor(plan, model, opts);
  const split = model.stageSplit;
  const ordered = tableOrder(model);

  // Columns.
  let col = 3;
  const inputCols = new Map<string, number>();
  for (const input of model.inputs) inputCols.set(input.id, col++);
  const shareCols = new Map<Level, number>();
  if (split?.basis) for (const st of split.stages) if (split.basis.weights.has(st)) shareCols.set(st, col++);
  const valueCols = new Map<string, number>();
  const statusCols = new Map<string, number>();
  const balances: BalanceBlock[] = [];
  const addBalance = (r: (typeof rules)[number]) => balances.push({ meetingCol: col++, belowFloorCol: col++, missingCol: col++, resultCol: col++, ...r });
  for (const m of ordered) {
    valueCols.set(m.key, col++);
    statusCols.set(m.key, col++);
    // Each stage's 6-of-7 result right after its block.
    const r = rules.find((x) => x.keys[x.keys.length - 1] === m.key);
    if (r) addBalance(r);
  }
  for (const r of rules) if (!balances.some((b) => b.keys === r.keys)) addBalance(r);
  const noteCol = col++;
  const lastCol = noteCol;
  const firstRow = UNITS_FIRST_ROW;
  const lastRow = firstRow + opts.units.length - 1;
  const layout: UnitsLayout = { firstRow, lastRow, nameCol: 2, inputCols, valueCols, statusCols, balances, shareCols, noteCol };

  sb.column(1, 6);
  sb.column(2, 24);
  for (const c of inputCols.values()) sb.column(c, 12);
  for (const c of shareCols.values()) sb.column(c, 10);
  for (const c of valueCols.values()) sb.column(c, 11);
  for (const c of statusCols.values()) sb.column(c, 9);
  for (const b of balances) [b.meetingCol, b.belowFloorCol, b.missingCol].forEach((c) => sb.column(c, 9));
  for (const b of balances) sb.column(b.resultCol, 11);
  sb.column(noteCol, 30);

  // The title, notes and sign-off span only the columns of the first printed page (A3 for a wide
  // table): a merge running past the page edge would print cut off. Measured in LibreOffice here, a
  // character unit of column width prints ~9.3 pt wide (the fallback CJK font is wider than
  // Calibri's digits, which Excel measures by); 1,118 pt fit across A3 landscape, 770 across A4.
  const paperWidth = lastCol > 14 ? 1118 : 770;
  let span = 0;
  for (let c = 1, used = 0; c <= lastCol; c++) {
    used += (sb.sheet.columns.find((x) => x.index === c)?.width ?? 8.43) * 9.3;
    if (used > paperWidth) break;
    span = c;
  }
  span = Math.max(2, Math.min(span, lastCol));

  // Title block.
  const unitsLabel = cellText(`${pick(plan.title, lang)} ${label('unitsTitle', lang)}`);
  sb.text(1, 1, unitsLabel, 'title', { role: 'title' });
  sb.merge({ top: 1, left: 1, bottom: 1, right: span });
  sb.row(1, 26);
  const info = [planLine(plan, lang), opts.year !== undefined ? colon(label('year', lang), String(opts.year), lang) : '', opts.level ? colon(label('level', lang), levelText(opts.level, lang), lang) : '']
    .filter(Boolean)
    .join('    ');
  sb.text(2, 1, info, 'subtitle');
  sb.merge({ top: 2, left: 1, bottom: 2, right: span });
  sb.text(3, 1, `${label('howTo', lang)}\n${label('achievementDefinition', lang)}`, 'note');
  sb.merge({ top: 3, left: 1, bottom: 3, right: span });
  legendRow(sb, 4, 2, lang);

  // Group row (5), header row (6), target row (7). Group headers are not merged across columns:
  // a wide table is printed split across pages, and a merge cut by a page edge prints cut off.
  sb.text(5, 1, label('no', lang), 'header', { role: 'header' });
  sb.text(5, 2, label('unitName', lang), 'header', { role: 'header' });
  sb.merge({ top: 5, left: 1, bottom: 7, right: 1 });
  sb.merge({ top: 5, left: 2, bottom: 7, right: 2 });
  sb.fill({ top: 6, left: 1, bottom: 7, right: 2 }, 'header');
  const firstInputCol = 3;
  if (model.inputs.length > 0) {
    sb.text(5, firstInputCol, label('inputsGroup', lang), 'header', { role: 'header' });
    sb.fill({ top: 5, left: firstInputCol, bottom: 5, right: firstInputCol + model.inputs.length - 1 }, 'header');
  }
  for (const input of model.inputs) {
    const c = inputCols.get(input.id)!;
    sb.text(6, c, cellText(pick(input.name, lang)), 'header', { role: 'header' });
    sb.text(7, c, cellText(unitText(input.unit, lang)), 'header', { role: 'header' });
  }
  if (split?.basis && shareCols.size > 0) {
    const cols = [...shareCols.values()];
    const weightsText = split.basis.levels.map((l) => `${stageName(l, lang)} ${split.basis!.weights.get(l)}`).join(' : ');
    sb.text(5, cols[0], label('stageShareGroup', lang), 'header', { role: 'header', note: label('stageShareNote', lang, { weights: weightsText }) });
    sb.fill({ top: 5, left: cols[0], bottom: 5, right: cols[cols.length - 1] }, 'header');
    for (const [st, c] of shareCols) {
      sb.text(6, c, label('stageShare', lang, { stage: stageName(st, lang) }), 'header', { role: 'header' });
      sb.text(7, c, `${label('stageWeight', lang)} ${split.basis.weights.get(st)}`, 'header', { role: 'header' });
    }
  }
  for (const m of ordered) {
    const v = valueCols.get(m.key)!;
    const s = statusCols.get(m.key)!;
    const conflict = conflictText(plan, m.indicator, lang);
    const name = indicatorName(m.indicator, lang, plan);
    sb.text(5, v, `${m.stage ? colon(stageName(m.stage, lang), name, lang) : name}${conflict ? ' ⚠' : ''}`, 'header', { role: 'header', ...(conflict ? { note: conflict } : {}) });
    sb.fill({ top: 5, left: s, bottom: 5, right: s }, 'header');
    sb.text(6, v, `${label('actual', lang)}${m.indicator.unit ? paren(cellText(unitText(m.indicator.unit, lang)), lang) : ''}`, 'header', { role: 'header' });
    sb.text(6, s, label('status', lang), 'header', { role: 'header' });
    sb.set(7, v, targetCell(m, lang, { number: 'reference', text: 'reference-text' }));
    sb.text(7, s, label('target', lang), 'header', { role: 'header' });
  }
  for (const balance of balances) {
    const { meetingCol, belowFloorCol, missingCol, resultCol, rule } = balance;
    const group = label('balanceGroup', lang, { min: rule.minMeeting, floor: Math.round(rule.floorRatio * 100) });
    sb.text(5, meetingCol, balance.stage ? colon(stageName(balance.stage, lang), group, lang) : group, 'header', { role: 'header' });
    sb.fill({ top: 5, left: meetingCol, bottom: 5, right: resultCol }, 'header');
    sb.text(6, meetingCol, label('metCount', lang), 'header', { role: 'header' });
    sb.text(6, belowFloorCol, label('belowFloorCount', lang, { floor: Math.round(rule.floorRatio * 100) }), 'header', { role: 'header' });
    sb.text(6, missingCol, label('missingCount', lang), 'header', { role: 'header' });
    sb.text(6, resultCol, label('balanceResult', lang), 'header', { role: 'header' });
    sb.text(7, meetingCol, `≥${rule.minMeeting}`, 'header', { role: 'header' });
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
    if (split?.basis) {
      const basis = split.basis;
      const all = basis.levels.map((l) => ({ ref: ref(stageInputId(basis.input, l)), weight: basis.weights.get(l)! }));
      for (const [st, c] of shareCols) {
        sb.formula(r, c, stageShareFormula(ref(stageInputId(basis.input, st)), basis.weights.get(st)!, all), 'computed', { numFmt: '0.0000', tag: { what: 'stageShare', unit: i + 1, level: st } });
      }
    }
    const shareOf = (st: Level) => (shareCols.has(st) ? a1(r, shareCols.get(st)!) : undefined);
    for (const m of ordered) unitIndicatorCells(sb, r, i + 1, m, split, valueCols, statusCols, ref, shareOf, words);
    for (const b of balances) balanceCells(sb, r, i + 1, b, valueCols, words, split, ref);
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
  const statusColumns = [...statusCols.values(), ...balances.map((b) => b.resultCol)];
  for (const c of statusColumns) {
    const anchor = a1(firstRow, c);
    statusFormats(sb, `${anchor}:${a1(bottom, c)}`, anchor, lang);
  }
  partTotalFormats(
    sb,
    plan,
    (id) => (inputCols.has(id) ? a1(firstRow, inputCols.get(id)!) : undefined),
    (cell) => `${cell}:${a1(lastRow, a1ToRowCol(cell).col)}`,
  );
  sb.freeze(7, 2);
  sb.protect(protection(opts.password, true));
  signOffBlock(sb, bottom + 2, span, lang);
  // Split across pages (never shrunk to fit): A3 for wide tables, number and name on every page.
  sb.print(printSetup('5:7', true, lang, { paper: lastCol > 14 ? 'A3' : 'A4', split: true, titleColumns: 'A:B' }));
  return { builder: sb, map, layout };
}

/** The value and status cells of one indicator (or one stage of it) on one unit row. */
function unitIndicatorCells(
  sb: SheetBuilder,
  r: number,
  unit: number,
  m: IndicatorModel,
  split: StageSplit | undefined,
  valueCols: Map<string, number>,
  statusCols: Map<string, number>,
  ref: (inputId: string) => string,
  shareOf: (stage: Level) => string | undefined,
  words: ReturnType<typeof statusWords>,
): void {
  const ind = m.indicator;
  const v = valueCols.get(m.key)!;
  const s = statusCols.get(m.key)!;
  const fmt = valueFormat(ind, m.precision);
  const tag = { what: 'value', unit, indicator: ind.id, ...(m.stage ? { level: m.stage } : {}) } as const;
  const own = m.stage ? stageInputId(ind.id, m.stage) : ind.id;
  const computed = computedValueFormula(m, split, ref, shareOf);
  if (computed !== undefined) sb.formula(r, v, computed, 'computed', { numFmt: fmt, tag });
  else if (m.boolean) sb.formula(r, v, booleanValueFormula(ref(own)), 'computed', { numFmt: '"是";"是";"否"', tag });
  else sb.formula(r, v, directFormula(ref(own)), 'computed', { numFmt: fmt, tag });
  const x = a1(r, v);
  const th = formulaThreshold(m, (id) => wholeRef(split, ref, id));
  let status = m.contribution
    ? str(words.contribution)
    : th
      ? statusFormula(x, th, m.precision, m.tolerance, words, undefined, statusRule(m))
      : str(words[m.constantStatus ?? 'unknownTarget']);
  const basis = split?.basis;
  if (m.stage && basis && basis.weights.has(m.stage)) {
    status = stageStatusFormula(status, ref(stageInputId(basis.input, m.stage)), basis.levels.map((l) => ref(stageInputId(basis.input, l))), words);
  }
  sb.formula(r, s, status, 'check', { role: 'check', tag: { what: 'status', unit, indicator: ind.id, ...(m.stage ? { level: m.stage } : {}) } });
}

/** Meeting count, below-floor count, missing count and the 6-of-7 result of one unit row. */
function balanceCells(
  sb: SheetBuilder,
  r: number,
  unit: number,
  balance: BalanceBlock,
  valueCols: Map<string, number>,
  words: ReturnType<typeof statusWords>,
  split: StageSplit | undefined,
  ref: (inputId: string) => string,
): void {
  const { rule } = balance;
  const level = balance.stage ? { level: balance.stage } : {};
  const xs = rule.indicators.map((ind, i) => ({ x: a1(r, valueCols.get(balance.keys[i])!), ind }));
  sb.formula(r, balance.meetingCol, xs.map(({ x, ind }) => meetsTerm(x, ind.precision, ind.threshold)).join('+'), 'computed', { numFmt: '0', tag: { what: 'balanceMeeting', unit, ...level } });
  sb.formula(
    r,
    balance.belowFloorCol,
    xs.map(({ x, ind }) => belowFloorTerm(x, ind.precision, balanceFloor(rule.floorRatio, ind.threshold))).join('+'),
    'computed',
    { numFmt: '0', tag: { what: 'balanceBelowFloor', unit, ...level } },
  );
  sb.formula(r, balance.missingCol, xs.map(({ x }) => missingTerm(x)).join('+'), 'computed', { numFmt: '0', tag: { what: 'balanceMissing', unit, ...level } });
  let result = balancedFormula(a1(r, balance.meetingCol), a1(r, balance.belowFloorCol), a1(r, balance.missingCol), rule.indicators.length, rule.minMeeting, words);
  const basis = split?.basis;
  if (balance.stage && basis && basis.weights.has(balance.stage)) {
    result = stageStatusFormula(result, ref(stageInputId(basis.input, balance.stage)), basis.levels.map((l) => ref(stageInputId(basis.input, l))), words);
  }
  sb.formula(r, balance.resultCol, result, 'check', { role: 'check', tag: { what: 'balanceResult', unit, ...level } });
}

function summaryBlock(sb: SheetBuilder, model: TemplateModel, layout: UnitsLayout, lang: Lang): NonNullable<UnitsLayout['summary']> {
  const words = statusWords(lang);
  const { firstRow, lastRow, inputCols, valueCols, statusCols, balances, shareCols } = layout;
  const split = model.stageSplit;
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
  for (const m of tableOrder(model)) {
    const ind = m.indicator;
    const compute = ind.compute;
    // A typed rate or yes/no has no county total; a typed contribution (a count) adds up.
    if (compute.kind === 'direct' && !(m.contribution && !m.boolean)) continue;
    const v = valueCols.get(m.key)!;
    const s = statusCols.get(m.key)!;
    const fmt = valueFormat(ind, m.precision);
    let formula: string;
    if (compute.kind === 'direct') formula = totalFormula(colRange(v));
    else if (m.stage && split) {
      const stage = m.stage;
      // A stage's total of a shared resource is Σ amount × share over the units (SUMPRODUCT reads "" as 0).
      const share = shareCols.get(stage);
      const part = (id: string) => {
        const perStage = split.collected.get(id);
        if (perStage?.has(stage)) return totalOf(perStage.get(stage)!);
        return split.split.has(id) && share !== undefined ? `SUMPRODUCT(${colRange(inputCols.get(id)!)},${colRange(share)})` : totalOf(id);
      };
      formula = compute.kind === 'ratio' ? ratioFormula(compute.numerator.map(part), compute.denominator.map(part), compute.scale) : sumFormula(compute.inputs.map(part));
    } else {
      const whole = (id: string) => wholeRef(split, totalOf, id);
      formula = compute.kind === 'ratio' ? ratioFormula(compute.numerator.map(whole), compute.denominator.map(whole), compute.scale) : sumFormula(compute.inputs.map(whole));
    }
    const level = m.stage ? { level: m.stage } : {};
    sb.formula(totalRow, v, formula, 'summary', { numFmt: fmt, tag: { what: 'value', indicator: ind.id, ...level } });
    const th = formulaThreshold(m, totalOf);
    // A county total of a relative target's reference (e.g. pay) means nothing: no county status.
    if (th && 'fixed' in th) sb.formula(totalRow, s, statusFormula(a1(totalRow, v), th, m.precision, m.tolerance, words, undefined, statusRule(m)), 'summary-check', { role: 'check', tag: { what: 'status', indicator: ind.id, ...level } });
    else if (!th) sb.formula(totalRow, s, str(words[m.constantStatus ?? 'unknownTarget']), 'summary-check', { role: 'check', tag: { what: 'status', indicator: ind.id, ...level } });
  }

  let row = totalRow + 1;
  let cvRow: number | undefined;
  let limitRow: number | undefined;
  if (balances.length > 0) {
    cvRow = row++;
    limitRow = row++;
    labelRow(cvRow, label('cv', lang));
    labelRow(limitRow, label('cvLimit', lang));
    for (const balance of balances) {
      const limit = balance.rule.cvLimit;
      balance.rule.indicators.forEach((ind, i) => {
        const key = balance.keys[i];
        const m = model.indicators.find((x) => x.key === key)!;
        const compute = m.indicator.compute;
        const v = valueCols.get(key)!;
        const s = statusCols.get(key)!;
        // The weights are the pupils: the ratio's single denominator input (the stage's own pupils).
        if (compute.kind !== 'ratio' || compute.denominator.length !== 1) return;
        const den = compute.denominator[0];
        const pupils = m.stage ? (split?.collected.get(den)?.get(m.stage) ?? den) : den;
        const p = inputCols.get(pupils);
        if (p === undefined) return;
        const level = m.stage ? { level: m.stage } : {};
        sb.formula(cvRow!, v, diffCoefFormula(colRange(v), colRange(p)), 'summary', { numFmt: '0.000', tag: { what: 'diffCoef', indicator: ind.id, ...level } });
        if (limit !== undefined) {
          sb.text(limitRow!, v, limit, 'reference', { role: 'reference', numFmt: boundFormat('<=', '0.00') });
          sb.formula(cvRow!, s, diffCoefStatusFormula(a1(cvRow!, v), limit, words), 'summary-check', { role: 'check', tag: { what: 'diffCoefStatus', indicator: ind.id, ...level } });
        }
      });
    }
  }
  const countRow = row++;
  labelRow(countRow, label('unitsMeeting', lang));
  for (const m of model.indicators) {
    const s = statusCols.get(m.key)!;
    sb.formula(countRow, s, `COUNTIF(${colRange(s)},${str(words.met)})`, 'summary', { numFmt: '0', tag: { what: 'unitsMeeting', indicator: m.indicator.id, ...(m.stage ? { level: m.stage } : {}) } });
  }
  for (const balance of balances) {
    sb.formula(countRow, balance.resultCol, `COUNTIF(${colRange(balance.resultCol)},${str(words.met)})`, 'summary', { numFmt: '0', tag: { what: 'unitsMeeting', ...(balance.stage ? { level: balance.stage } : {}) } });
  }
  // How many units have a name (typed or given), for "达标单位数 / 单位数".
  sb.formula(countRow, layout.noteCol, `${str(colonAfter(label('unitsCount', lang), lang) + (lang === 'en' ? ' ' : ''))}&COUNTA(${colRange(layout.nameCol)})`, 'summary', { role: 'computed', tag: { what: 'unitsCount' } });
  return { totalRow, cvRow, limitRow, countRow };
}
