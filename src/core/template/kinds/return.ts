/**
 * Kind 1, the indicator return (填报表): one unit reports against the plan. The filler types the
 * raw counts in block 1; block 2 computes every indicator from them (or takes the typed value of
 * a direct indicator) with its gap, achievement and status.
 */
import { attributeText, levelText, unitText } from '../../i18n/units';
import { colonAfter, paren, pick, type Lang } from '../../i18n/text';
import type { Level, Plan } from '../../plan/schema';
import { a1 } from '../../workbook/address';
import { inputName, noteInputId, unitName, type CellMapModel } from '../../workbook/cellmap';
import {
  baselineCell,
  cellText,
  conflictText,
  gapFormat,
  partTotalFormats,
  indicatorName,
  inputValidation,
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
import { achievementFormula, booleanValueFormula, gapCellFormula, maxLengthFormula, relativeTargetFormula, stageShareFormula, stageStatusFormula, statusFormula, str } from '../formulas';
import { label } from '../labels';
import { formulaThreshold, stageInputId, statusRule, type IndicatorModel, type StageSplit, type TemplateModel } from '../model';
import { TEMPLATE_LIMITS, type NormalizedOptions } from '../options';
import { computedValueFormula } from '../stage-cells';
import { SheetBuilder } from '../sheet-builder';

const COL = { no: 1, name: 2, unit: 3, attr: 4, base: 5, target: 6, value: 7, gap: 8, ach: 9, status: 10, note: 11 } as const;
const LAST = COL.note;

export interface BuiltSheet {
  builder: SheetBuilder;
  map: CellMapModel;
}

export function buildReturnSheet(plan: Plan, model: TemplateModel, opts: NormalizedOptions, sheetName: string): BuiltSheet {
  const lang: Lang = opts.lang;
  const sb = new SheetBuilder(sheetName, 'return');
  const map: CellMapModel = { planId: plan.id, units: [], columns: [], cells: [] };
  const words = statusWords(lang);
  const widths = [6, 44, 8, 8, 11, 12, 13, 10, 10, 10, 32];
  widths.forEach((w, i) => sb.column(i + 1, w));

  // Title, unit, year, level.
  sb.text(1, 1, cellText(`${pick(plan.title, lang)} ${label('returnTitle', lang)}`), 'title', { role: 'title' });
  sb.merge({ top: 1, left: 1, bottom: 1, right: LAST });
  sb.row(1, 26);
  sb.text(2, 1, colonAfter(label('unit', lang), lang), 'label');
  sb.merge({ top: 2, left: 1, bottom: 2, right: 2 });
  const unit = opts.units[0] ?? '';
  const unitAddress = unit
    ? sb.text(2, COL.unit, cellText(unit), 'reference-text', { role: 'reference' })
    : sb.input(2, COL.unit, 'input-text', { numFmt: '@' });
  sb.fill({ top: 2, left: COL.attr, bottom: 2, right: COL.target }, unit ? 'reference-text' : 'input-text');
  sb.merge({ top: 2, left: COL.unit, bottom: 2, right: COL.target });
  if (!unit) sb.validate({ range: a1(2, COL.unit), rule: { type: 'custom', formula: maxLengthFormula(a1(2, COL.unit), TEMPLATE_LIMITS.maxUnitName) }, allowBlank: true, prompt: { title: label('inputPrompt', lang), text: label('unitPrompt', lang) } });
  map.units.push({ index: 1, name: unit, definedName: unitName(opts.instance, 1), sheet: sheetName, address: unitAddress });
  sb.text(2, COL.value, colonAfter(label('year', lang), lang), 'label');
  sb.text(2, COL.gap, opts.year ?? null, 'reference', { role: 'reference' });
  sb.text(2, COL.ach, colonAfter(label('level', lang), lang), 'label');
  sb.text(2, COL.status, opts.level ? levelText(opts.level, lang) : '', 'reference-text', { role: 'reference' });
  sb.text(3, 1, planLine(plan, lang), 'subtitle');
  sb.merge({ top: 3, left: 1, bottom: 3, right: LAST });
  // How to fill, and what 达成度, 差距 and the statuses mean (the legend's words), in one block.
  sb.text(4, 1, `${label('howTo', lang)}\n${label('achievementDefinition', lang)}`, 'note');
  sb.merge({ top: 4, left: 1, bottom: 4, right: LAST });
  legendRow(sb, 5, 1, lang);

  let row = 7;
  const inputCell = new Map<string, string>();
  const directInputs = new Map(model.inputs.filter((i) => i.directOf).map((i) => [i.directOf!, i]));
  const collected = model.inputs.filter((i) => !i.directOf);
  let cellIndex = 0;
  const addCell = (input: string, address: string) => {
    cellIndex++;
    map.cells.push({ unitIndex: 1, input, definedName: inputName(opts.instance, cellIndex), sheet: sheetName, address });
  };

  // Block 1: the raw inputs.
  if (collected.length > 0) {
    sb.text(row, 1, label('inputsSection', lang), 'section', { role: 'label' });
    sb.fill({ top: row, left: 2, bottom: row, right: LAST }, 'section');
    sb.merge({ top: row, left: 1, bottom: row, right: LAST });
    row++;
    const headers: Array<[number, string]> = [
      [COL.no, label('no', lang)],
      [COL.name, label('item', lang)],
      [COL.unit, label('measureUnit', lang)],
      [COL.attr, label('help', lang)],
      [COL.value, label('value', lang)],
      [COL.gap, ''],
      [COL.note, label('explanation', lang)],
    ];
    for (const [c, text] of headers) sb.text(row, c, text, 'header', { role: 'header' });
    sb.fill({ top: row, left: 1, bottom: row, right: LAST }, 'header');
    sb.merge({ top: row, left: COL.attr, bottom: row, right: COL.target });
    sb.merge({ top: row, left: COL.gap, bottom: row, right: COL.status });
    row++;
    collected.forEach((input, i) => {
      sb.text(row, COL.no, i + 1, 'label-center');
      sb.text(row, COL.name, cellText(pick(input.name, lang)), 'label');
      sb.text(row, COL.unit, cellText(unitText(input.unit, lang)), 'label-center');
      sb.text(row, COL.attr, input.help ? cellText(pick(input.help, lang)) : '', 'note');
      sb.fill({ top: row, left: COL.attr + 1, bottom: row, right: COL.target }, 'note');
      sb.merge({ top: row, left: COL.attr, bottom: row, right: COL.target });
      const address = sb.input(row, COL.value, input.kind === 'text' ? 'input-text' : 'input');
      sb.validate(inputValidation(input, address, address, lang));
      inputCell.set(input.id, address);
      addCell(input.id, address);
      sb.fill({ top: row, left: COL.gap, bottom: row, right: COL.status }, 'label');
      sb.merge({ top: row, left: COL.gap, bottom: row, right: COL.status });
      const note = sb.input(row, COL.note, 'input-text', { numFmt: '@' });
      addCell(noteInputId(input.id), note);
      row++;
    });
    row++;
  }

  // Block 1b: a combined school's split between stages (balance/stage.ts), visible and checkable.
  const split = model.stageSplit;
  const shareCell = new Map<Level, string>();
  if (split?.basis) {
    const basis = split.basis;
    sb.text(row, 1, `${label('stageShareGroup', lang)}`, 'section', { role: 'label' });
    sb.fill({ top: row, left: 2, bottom: row, right: LAST }, 'section');
    sb.merge({ top: row, left: 1, bottom: row, right: LAST });
    row++;
    const weightsText = basis.levels.map((l) => `${l} ${basis.weights.get(l)}`).join(' : ');
    sb.text(row, 1, label('stageShareNote', lang, { weights: weightsText }), 'note');
    sb.fill({ top: row, left: 2, bottom: row, right: LAST }, 'note');
    sb.merge({ top: row, left: 1, bottom: row, right: LAST });
    sb.row(row, 42);
    row++;
    const all = basis.levels.map((l) => ({ ref: inputCell.get(stageInputId(basis.input, l))!, weight: basis.weights.get(l)! }));
    for (const st of split.stages) {
      const w = basis.weights.get(st);
      if (w === undefined) continue;
      sb.text(row, COL.name, `${label('stageShare', lang, { stage: levelText(st, lang) })}${paren(`${label('stageWeight', lang)} ${w}`, lang)}`, 'label');
      sb.fill({ top: row, left: COL.no, bottom: row, right: COL.no }, 'label');
      sb.fill({ top: row, left: COL.unit, bottom: row, right: COL.target }, 'label');
      shareCell.set(st, sb.formula(row, COL.value, stageShareFormula(inputCell.get(stageInputId(basis.input, st))!, w, all), 'computed', { numFmt: '0.0000', tag: { what: 'stageShare', unit: 1, level: st } }));
      sb.fill({ top: row, left: COL.gap, bottom: row, right: LAST }, 'label');
      row++;
    }
    row++;
  }

  // Block 2: the indicators, grouped by the plan's sections.
  sb.text(row, 1, label('indicatorsSection', lang), 'section', { role: 'label' });
  sb.fill({ top: row, left: 2, bottom: row, right: LAST }, 'section');
  sb.merge({ top: row, left: 1, bottom: row, right: LAST });
  row++;
  const targetHeader = opts.year !== undefined ? `${label('target', lang)}${paren(String(opts.year), lang)}` : label('target', lang);
  const headers = [label('no', lang), label('indicator', lang), label('measureUnit', lang), label('attribute', lang), label('baseline', lang), targetHeader, label('actual', lang), label('gap', lang), label('achievement', lang), label('status', lang), label('explanation', lang)];
  headers.forEach((h, i) => sb.text(row, i + 1, h, 'header', { role: 'header' }));
  const headerRow = row;
  row++;
  const firstIndicatorRow = row;
  const wanted = new Set(model.indicators.map((m) => m.indicator.id));
  const byKey = new Map(model.indicators.map((m) => [m.key, m]));
  // Rows first: a direct indicator's value cell is an input other indicators may use.
  const layout: Array<{ row: number; section?: string; id?: string }> = [];
  for (const section of plan.sections) {
    const inSection = section.indicators.filter((i) => wanted.has(i.id));
    if (inSection.length === 0) continue;
    layout.push({ row: row++, section: pick(section.title, lang) });
    for (const ind of inSection) {
      for (const m of model.indicators.filter((x) => x.indicator.id === ind.id)) {
        const direct = directInputs.get(m.key);
        if (direct) inputCell.set(direct.id, a1(row, COL.value));
        layout.push({ row: row++, id: m.key });
      }
    }
  }
  let n = 0;
  for (const item of layout) {
    if (item.section !== undefined) {
      sb.text(item.row, 1, cellText(item.section), 'section', { role: 'label' });
      sb.fill({ top: item.row, left: 2, bottom: item.row, right: LAST }, 'section');
      sb.merge({ top: item.row, left: 1, bottom: item.row, right: LAST });
    } else {
      n++;
      indicatorRow(sb, item.row, n, byKey.get(item.id!)!, lang, words, inputCell, directInputs.get(item.id!), addCell, split, (st) => shareCell.get(st), plan);
    }
  }
  const lastIndicatorRow = row - 1;
  if (lastIndicatorRow >= firstIndicatorRow) {
    const anchor = a1(firstIndicatorRow, COL.status);
    statusFormats(sb, `${anchor}:${a1(lastIndicatorRow, COL.status)}`, anchor, lang);
  }
  partTotalFormats(sb, plan, (id) => inputCell.get(id), (cell) => cell);
  sb.protect(protection(opts.password, false));
  signOffBlock(sb, row + 1, LAST, lang);
  // The title and the unit stay in view; the indicators' header row repeats on every printed page.
  sb.freeze(2, 0);
  sb.print(printSetup(`${headerRow}:${headerRow}`, true, lang));
  return { builder: sb, map };
}

function indicatorRow(
  sb: SheetBuilder,
  row: number,
  n: number,
  m: IndicatorModel,
  lang: Lang,
  words: ReturnType<typeof statusWords>,
  inputCell: Map<string, string>,
  direct: TemplateModel['inputs'][number] | undefined,
  addCell: (input: string, address: string) => void,
  split: StageSplit | undefined,
  shareOf: (stage: Level) => string | undefined,
  plan: Plan,
): void {
  const ind = m.indicator;
  const fmt = valueFormat(ind, m.precision);
  const level = m.stage ? { level: m.stage } : {};
  sb.text(row, COL.no, n, 'label-center');
  const name = m.stage ? `${indicatorName(ind, lang, plan)}${paren(levelText(m.stage, lang), lang)}` : indicatorName(ind, lang, plan);
  const conflict = conflictText(plan, ind, lang);
  // A measure with two thresholds in the documents says so on its row and names the other one.
  sb.text(row, COL.name, conflict ? `${name}\n⚠ ${conflict}` : name, 'label', conflict ? { note: conflict } : {});
  sb.text(row, COL.unit, cellText(unitText(ind.unit, lang)), 'label-center');
  sb.text(row, COL.attr, attributeText(ind.attribute, lang), 'label-center');
  sb.set(row, COL.base, baselineCell(ind.baseline, fmt, 'reference'));

  const valueAddress = a1(row, COL.value);
  // The actual value: typed (direct) or computed from block 1.
  const compute = ind.compute;
  if (compute.kind === 'direct' && direct) {
    sb.input(row, COL.value, direct.kind === 'boolean' || direct.kind === 'text' ? 'input-text' : 'input', m.boolean ? {} : { numFmt: 'General' });
    sb.validate(inputValidation(direct, valueAddress, valueAddress, lang));
    addCell(direct.id, valueAddress);
  } else {
    const formula = computedValueFormula(m, split, (id) => inputCell.get(id)!, shareOf);
    if (formula !== undefined) sb.formula(row, COL.value, formula, 'computed', { numFmt: fmt, tag: { what: 'value', unit: 1, indicator: ind.id, ...level } });
  }
  const x = m.boolean && compute.kind === 'direct' ? booleanValueFormula(valueAddress) : valueAddress;

  // Target (its reference input's cell for a relative target).
  const th = formulaThreshold(m, (id) => inputCell.get(id)!);
  if (th && 'relative' in th) {
    const r = th.relative;
    sb.formula(row, COL.target, relativeTargetFormula(r.ref, r.factor), 'reference', {
      role: 'reference',
      tag: { what: 'target', unit: 1, indicator: ind.id },
      numFmt: `"${r.op === '>=' ? '≥' : r.op === '<=' ? '≤' : r.op}"${fmt}`,
    });
  } else {
    sb.set(row, COL.target, targetCell(m, lang, { number: 'reference', text: 'reference-text' }));
  }

  const gapAddress = a1(row, COL.gap);
  if (m.contribution) {
    // This level's part of a target judged above it: shown, never judged against the whole target.
    sb.text(row, COL.gap, null, 'computed', { role: 'computed' });
    sb.text(row, COL.ach, null, 'computed', { role: 'computed' });
    sb.formula(row, COL.status, str(label('contribution', lang)), 'check', { role: 'check', tag: { what: 'status', unit: 1, indicator: ind.id, ...level } });
  } else if (th) {
    const rule = statusRule(m);
    sb.formula(row, COL.gap, gapCellFormula(x, th, m.precision, rule.max), 'computed', { numFmt: m.boolean ? '0' : gapFormat(ind, m.precision, lang), tag: { what: 'gap', unit: 1, indicator: ind.id, ...level } });
    sb.formula(row, COL.ach, achievementFormula(gapAddress, th, m.precision, ind.baseline?.value, words.regressed), 'computed', { numFmt: '0.0', tag: { what: 'achievement', unit: 1, indicator: ind.id, ...level } });
    let status = statusFormula(x, th, m.precision, m.tolerance, words, gapAddress, rule);
    const basis = split?.basis;
    if (m.stage && basis && basis.weights.has(m.stage)) {
      const p = (l: Level) => inputCell.get(stageInputId(basis.input, l))!;
      status = stageStatusFormula(status, p(m.stage), basis.levels.map(p), words);
    }
    sb.formula(row, COL.status, status, 'check', { role: 'check', tag: { what: 'status', unit: 1, indicator: ind.id, ...level } });
  } else {
    sb.text(row, COL.gap, null, 'computed', { role: 'computed' });
    sb.text(row, COL.ach, null, 'computed', { role: 'computed' });
    // No threshold: the status does not depend on the value (目标未定, or 无数据 for a relative
    // target whose reference the plan does not collect). Written as a formula returning text so
    // that every status cell is a check formula.
    sb.formula(row, COL.status, str(words[m.constantStatus ?? 'unknownTarget']), 'check', { role: 'check', tag: { what: 'status', unit: 1, indicator: ind.id, ...level } });
  }
  const note = sb.input(row, COL.note, 'input-text', { numFmt: '@' });
  addCell(noteInputId(m.stage ? stageInputId(ind.id, m.stage) : ind.id), note);
}
