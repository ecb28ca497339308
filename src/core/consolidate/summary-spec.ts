/**
 * The summary workbook as renderer-neutral specs (the TemplateSpec shape both renderers draw):
 * the ExcelJS renderer writes summary.xlsx, the Office.js renderer writes the same sheets into
 * the open workbook. Sheets:
 *   汇总      per level: each indicator's value recomputed from summed parts (native SUMIFS over
 *             明细), gap and status (the template's own formulas), units meeting, 差异系数 and its
 *             verdict; the 优质均衡 verdict per level;
 *   明细      one row per unit (counted or not), inputs, indicators (native formulas), 6-of-7;
 *   差异系数  per level and indicator, every school's amount, pupils, ratio, weight and term, with
 *             the mean, SD and coefficient as formulas, so the figure can be checked by hand;
 *   完整性    every file and what happened to it; missing, unknown, duplicates, unread, invalid,
 *             other plan, other version, migrated;
 *   问题      every validation issue with its file and cell;
 *   来源      every counted number with its file and cell (the long table);
 *   上报·<学段> the region as a return one level up (a real return template, its inputs the sums),
 *             with the template metadata, so the summary is itself a valid return.
 * Text from files (unit names, file names, messages) is always a literal, never a formula.
 */
import type { Bilingual, Lang } from '../i18n/text';
import { pick } from '../i18n/text';
import { STATUS_LABEL, statusLabelOf, type Status } from '../evaluate/status';
import type { Indicator, Plan } from '../plan/schema';
import { allIndicators, indicatorInputs } from '../plan/registry';
import { buildTemplate } from '../template/build';
import { cellText, indicatorName, planLine, printSetup, statusFormats, statusWords, valueFormat } from '../template/common';
import {
  balanceFloor,
  balancedFormula,
  belowFloorTerm,
  coefficientFormula,
  countedRatioFormula,
  countedValueFormula,
  countIfsFormula,
  diffCoefStatusFormula,
  directFormula,
  gapCellFormula,
  meetsTerm,
  missingTerm,
  numberOrBlankFormula,
  pooledMeanFormula,
  ratioFormula,
  sqrtSumFormula,
  statusFormula,
  str,
  sumFormula,
  sumIfsFormula,
  sumRangeFormula,
  unitRatioFormula,
  weightedSquareFormula,
  weightFormula,
} from '../template/formulas';
import { formulaThreshold, indicatorModel, missingCodes, statusRule, templateModel } from '../template/model';
import { uniqueSheetName } from '../template/options';
import { SheetBuilder } from '../template/sheet-builder';
import type { SheetSpec, TemplateSpec } from '../template/spec';
import { TEMPLATE_STYLES } from '../template/styles';
import { balanceRuleFor } from '../balance/school';
import { a1, absA1, rangeA1, sheetRef } from '../workbook/address';
import { noteInputId, renameSheetInMap } from '../workbook/cellmap';
import { additiveInputs, carriedInputs } from './chain';
import { longRows } from './long';
import { asLevel } from './units';
import type { Aggregate, Consolidation, FileStatus } from './types';

export interface SummaryOptions {
  lang?: Lang;
  /** The region's name as a unit one level up (the city sees the county under this name). */
  region?: string;
  /** Sheet names already in the workbook (the add-in never overwrites). */
  existingSheetNames?: string[];
  /** Rows of the 来源 sheet before it stops (Excel's limit is 1,048,576). */
  maxProvenanceRows?: number;
}

const T = (zh: string, en: string): Bilingual => ({ zh, en });

export const SUMMARY_SHEETS = {
  summary: T('汇总', 'Summary'),
  units: T('明细', 'Units'),
  diffCoef: T('差异系数', 'Coefficients'),
  completeness: T('完整性', 'Completeness'),
  issues: T('问题', 'Issues'),
  provenance: T('来源', 'Sources'),
  upChain: T('上报', 'Return'),
} as const;

export const FILE_STATUS_LABEL: Record<FileStatus, Bilingual> = {
  consolidated: T('已汇总', 'consolidated'),
  partial: T('部分汇总', 'partly consolidated'),
  excluded: T('未计入（有强制性错误）', 'excluded (errors)'),
  superseded: T('重复提交，采用另一文件', 'returned again; the other file is used'),
  migrated: T('旧版本，已按映射读取', 'older version, read through its map'),
  'other-plan': T('其他规划', 'another plan'),
  'other-version': T('旧版本，无法读取', 'older version, unusable'),
  unreadable: T('无法读取', 'unreadable'),
  'not-a-template': T('不是填报模板', 'not a template'),
  skipped: T('未读取（不是填报文件）', 'not read (not a return)'),
  empty: T('未填报', 'empty'),
};

/** Said wherever a consolidation of regions' summaries is shown (CLI, summary sheet): what is not judged here. */
export const REGIONS_NOTE: Bilingual = T(
  '由下级汇总表（上报）汇总：学校的 6 项达标且余项≥85% 和校际差异系数由各下级汇总表判定，此处不再计算；本表只把各项数量相加并重新计算比率。',
  "Consolidated from regions' summaries (上报): the schools' 6-of-7 rule and the between-school coefficients are judged in each region's own summary, not here; this table adds the figures up and recomputes the ratios.",
);

/** The 说明 of a carried count that is not whole. */
const SPLIT_NOTE = T(
  '含九年一贯制、完全中学等跨学段学校按学段分摊（在校生数 × 学段权重）的份额，故不是整数；按原值汇总',
  'includes combined schools\' shares split by stage (pupils × stage weight), hence not whole; summed as is',
);

const LEVEL_NONE = '—';
const levelText = (level: string) => level || LEVEL_NONE;

/** Where things are on 明细, for formulas on other sheets. */
interface UnitsLayout {
  sheet: string;
  first: number;
  last: number;
  levelCol: number;
  includedCol: number;
  inputCol: Map<string, number>;
  statusCol: Map<string, number>;
}

function range(sheet: string, col: number, first: number, last: number): string {
  return sheetRef(sheet, { top: first, left: col, bottom: Math.max(first, last), right: col });
}

function header(sb: SheetBuilder, row: number, titles: string[], from = 1): void {
  titles.forEach((t, i) => sb.text(row, from + i, t, 'header', { role: 'header' }));
  if (titles.some((t) => t.length > 6)) sb.row(row, 30);
}

function section(sb: SheetBuilder, row: number, text: string, width: number): void {
  sb.text(row, 1, cellText(text), 'section', { role: 'label' });
  sb.fill({ top: row, left: 2, bottom: row, right: width }, 'section');
  sb.merge({ top: row, left: 1, bottom: row, right: width });
}

function title(sb: SheetBuilder, text: string, width: number): void {
  sb.text(1, 1, cellText(text), 'title', { role: 'title' });
  sb.merge({ top: 1, left: 1, bottom: 1, right: width });
  sb.row(1, 24);
}

function note(sb: SheetBuilder, row: number, text: string, width: number): void {
  sb.text(row, 1, cellText(text), 'note');
  sb.merge({ top: row, left: 1, bottom: row, right: width });
}

/**
 * A sum's or amount's format: whole numbers as they are, fractions (a combined school's stage
 * split) to 2 decimals — never `#,##0.##`, which Excel shows as `56.` for a whole number.
 */
function amountFormat(x: number | undefined): string {
  return x === undefined || Number.isInteger(x) ? '#,##0' : '#,##0.00';
}

/** Column widths of 差异系数. */
const DIFFCOEF_WIDTHS = [6, 22, 26, 14, 12, 12, 12, 14];

/** Column widths of 汇总. */
const SUMMARY_WIDTHS = [6, 40, 8, 12, 12, 10, 10, 14, 14, 10, 10, 10, 8, 12];

function time(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

// ---------------------------------------------------------------------------------------------
// 明细

function unitsSheet(c: Consolidation, plan: Plan, lang: Lang, name: string): { sheet: SheetSpec; layout: UnitsLayout } {
  const sb = new SheetBuilder(name, 'legend');
  const words = statusWords(lang);
  const inputs = new Map(plan.inputs.map((i) => [i.id, i]));
  const indicators = c.indicators.map((id) => allIndicators(plan).find((i) => i.id === id)!);
  const cols = { no: 1, unit: 2, level: 3, included: 4, errors: 5, file: 6 };
  let col = 7;
  const inputCol = new Map<string, number>();
  for (const id of c.inputs) inputCol.set(id, col++);
  const valueCol = new Map<string, number>();
  const statusCol = new Map<string, number>();
  for (const ind of indicators) {
    valueCol.set(ind.id, col++);
    statusCol.set(ind.id, col++);
  }
  const balanceLevels = new Set(c.units.filter((u) => u.balanced).map((u) => u.level));
  const balance = balanceLevels.size > 0 ? { met: col++, below: col++, missing: col++, result: col++ } : undefined;
  const width = col - 1;
  title(sb, `${pick(plan.title, lang)} ${pick(T('汇总明细（每单位一行）', 'units (one row each)'), lang)}`, Math.min(width, 14));
  note(
    sb,
    2,
    pick(
      T(
        '“计入”为“否”的单位有强制性错误，未计入汇总（见「完整性」「问题」）；同一单位提交了几份时只列采用的一份。数值来源的文件和单元格见「来源」。',
        'Units with 计入 = 否 have hard errors and are not counted (see Completeness, Issues); a unit returned several times is listed once, from the file kept. The file and cell of every number are on Sources.',
      ),
      lang,
    ),
    Math.min(width, 14),
  );
  const head = 4;
  header(sb, head, [pick(T('序号', 'No.'), lang), pick(T('单位', 'Unit'), lang), pick(T('学段', 'Stage'), lang), pick(T('计入', 'Counted'), lang), pick(T('强制性错误', 'Errors'), lang), pick(T('文件', 'File'), lang)]);
  for (const [id, cIdx] of inputCol) {
    const input = inputs.get(id);
    const ind = indicators.find((i) => i.id === id);
    const label = input ? pick(input.name, lang) : ind ? indicatorName(ind, lang) : id;
    sb.text(head, cIdx, cellText(`${label}${input?.unit ? `（${input.unit}）` : ''}`), 'header', { role: 'header' });
  }
  for (const ind of indicators) {
    sb.text(head, valueCol.get(ind.id)!, indicatorName(ind, lang), 'header', { role: 'header' });
    sb.text(head, statusCol.get(ind.id)!, pick(T('状态', 'Status'), lang), 'header', { role: 'header' });
  }
  if (balance) {
    header(sb, head, [pick(T('达标项数', 'Met'), lang), pick(T('低于85%项数', 'Below 85%'), lang), pick(T('缺数项数', 'Missing'), lang), pick(T('6项达标且余项≥85%', '6 met, rest ≥ 85%'), lang)], balance.met);
  }
  const widths = [6, 22, 8, 7, 8, 26, ...Array.from({ length: Math.max(0, width - 6) }, () => 11)];
  // Headers wrap in full (an indicator's name is long): the row is as tall as the longest needs.
  fitRow(sb, head, widths.map((_, k) => sb.sheet.cells[a1(head, k + 1)]?.value ?? null), widths, 48);
  const first = head + 1;
  c.units.forEach((u, i) => {
    const r = first + i;
    sb.text(r, cols.no, i + 1, 'label-center');
    sb.text(r, cols.unit, cellText(u.unit), 'label');
    sb.text(r, cols.level, levelText(u.level), 'label-center');
    sb.text(r, cols.included, pick(u.included ? T('是', 'yes') : T('否', 'no'), lang), u.included ? 'label-center' : 'status-unmet');
    sb.text(r, cols.errors, u.errors, 'label-center');
    sb.text(r, cols.file, cellText(u.file), 'label');
    fitRow(sb, r, [null, u.unit, null, null, null, u.file], widths);
    for (const [id, cIdx] of inputCol) {
      const v = u.inputs[id];
      sb.text(r, cIdx, typeof v === 'number' ? v : null, 'reference', typeof v === 'number' ? { numFmt: amountFormat(v) } : {});
    }
    const ref = (id: string) => a1(r, inputCol.get(id) ?? 1);
    for (const ind of indicators) {
      const vc = valueCol.get(ind.id)!;
      const m = indicatorModel(plan, ind, c.year, asLevel(u.level));
      const fmt = valueFormat(ind, m.precision);
      const comp = ind.compute;
      const formula =
        comp.kind === 'ratio'
          ? ratioFormula(comp.numerator.map(ref), comp.denominator.map(ref), comp.scale)
          : comp.kind === 'sum'
            ? sumFormula(comp.inputs.map(ref))
            : directFormula(ref(ind.id));
      sb.formula(r, vc, formula, 'computed', { numFmt: fmt });
      const th = m.threshold && 'fixed' in m.threshold ? formulaThreshold(m, () => '') : null;
      const sc = statusCol.get(ind.id)!;
      if (th) sb.formula(r, sc, statusFormula(a1(r, vc), th, m.precision, m.tolerance, words, undefined, statusRule(m)), 'check', { role: 'check' });
      else {
        const res = u.indicators[ind.id];
        sb.text(r, sc, pick(statusLabelOf(res?.status ?? 'noData', ind.attribute === '约束性', res?.invalid), lang), 'check', { role: 'check' });
      }
    }
    if (balance && u.balanced) {
      const rule = balanceRuleFor(u.level, plan);
      const xs = rule.indicators.map((bi) => ({ x: a1(r, valueCol.get(bi.id)!), bi }));
      sb.formula(r, balance.met, xs.map(({ x, bi }) => meetsTerm(x, bi.precision, bi.threshold)).join('+'), 'computed', { numFmt: '0' });
      sb.formula(r, balance.below, xs.map(({ x, bi }) => belowFloorTerm(x, bi.precision, balanceFloor(rule.floorRatio, bi.threshold))).join('+'), 'computed', { numFmt: '0' });
      sb.formula(r, balance.missing, xs.map(({ x }) => missingTerm(x)).join('+'), 'computed', { numFmt: '0' });
      sb.formula(r, balance.result, balancedFormula(a1(r, balance.met), a1(r, balance.below), a1(r, balance.missing), rule.indicators.length, rule.minMeeting, words), 'check', { role: 'check' });
    }
  });
  const last = first + Math.max(c.units.length, 1) - 1;
  for (const sc of [...statusCol.values(), ...(balance ? [balance.result] : [])]) {
    const anchor = a1(first, sc);
    statusFormats(sb, `${anchor}:${a1(last, sc)}`, anchor, lang);
  }
  widths.forEach((w, k) => sb.column(k + 1, w));
  sb.freeze(head, 2);
  // Too wide for one page at a readable size: pages across, each with the header row and the unit's number, name and stage.
  sb.print(printSetup(`${head}:${head}`, true, lang, { paper: 'A3', split: width > 30, titleColumns: 'A:C' }));
  return { sheet: sb.sheet, layout: { sheet: name, first, last, levelCol: cols.level, includedCol: cols.included, inputCol, statusCol } };
}

// ---------------------------------------------------------------------------------------------
// 差异系数

/** The cell holding each aggregate's coefficient (key `indicator/level`). */
type CvCells = Map<string, string>;

function diffCoefSheet(c: Consolidation, plan: Plan, lang: Lang, name: string): { sheet: SheetSpec; cells: CvCells } | undefined {
  const blocks = c.aggregates.filter((a) => a.diffCoefLimit !== undefined);
  if (blocks.length === 0) return undefined;
  const sb = new SheetBuilder(name, 'legend');
  const words = statusWords(lang);
  const width = 8;
  title(sb, `${pick(plan.title, lang)} ${pick(T('校际差异系数（按在校生数加权）', 'between-school variation coefficients (enrolment-weighted)'), lang)}`, width);
  note(
    sb,
    2,
    pick(
      T(
        '每校：比值 xᵢ = 资源量 Rᵢ ÷ 学生数 Pᵢ（“每百名”再 ×100），权重 wᵢ = Pᵢ ÷ ΣP；全县均值 X̄ = ΣR ÷ ΣP；标准差 S = √Σ wᵢ(xᵢ − X̄)²；差异系数 CV = S ÷ X̄，ROUND(CV,3) ≤ 限值为达标。',
        'Per school: ratio xᵢ = Rᵢ ÷ Pᵢ (×100 for per-100 indicators), weight wᵢ = Pᵢ ÷ ΣP; mean X̄ = ΣR ÷ ΣP; S = √Σ wᵢ(xᵢ − X̄)²; CV = S ÷ X̄, met when ROUND(CV,3) ≤ the limit.',
      ),
      lang,
    ),
    width,
  );
  sb.row(2, 32);
  const cells: CvCells = new Map();
  let row = 4;
  // Every block has the same columns: the first block's header row is repeated on every printed page.
  let titleRow = 0;
  for (const a of blocks) {
    const ind = allIndicators(plan).find((i) => i.id === a.indicator)!;
    const k = ind.compute.kind === 'ratio' && ind.compute.scale === 100 ? 100 : 1;
    section(sb, row++, `${levelText(a.level)} · ${indicatorName(ind, lang)}（${pick(T('限值', 'limit'), lang)} ${a.diffCoefLimit}）`, width);
    titleRow ||= row;
    header(sb, row++, [
      pick(T('序号', 'No.'), lang),
      pick(T('单位', 'Unit'), lang),
      pick(T('文件', 'File'), lang),
      pick(T('资源量 Rᵢ', 'Amount Rᵢ'), lang),
      pick(T('学生数 Pᵢ', 'Pupils Pᵢ'), lang),
      pick(T('比值 xᵢ', 'Ratio xᵢ'), lang),
      pick(T('权重 wᵢ', 'Weight wᵢ'), lang),
      'wᵢ(xᵢ − X̄)²',
    ]);
    const rows = a.diffCoefRows ?? [];
    const first = row;
    const last = first + Math.max(rows.length, 1) - 1;
    const totalRow = last + 1;
    const meanRow = totalRow + 1;
    const sdRow = meanRow + 1;
    const cvRow = sdRow + 1;
    const limitRow = cvRow + 1;
    const passRow = limitRow + 1;
    const mean = absA1(meanRow, 6);
    rows.forEach((d, i) => {
      const r = first + i;
      sb.text(r, 1, i + 1, 'label-center');
      sb.text(r, 2, cellText(d.unit), 'label');
      sb.text(r, 3, cellText(d.file), 'label');
      fitRow(sb, r, [null, d.unit, d.file], DIFFCOEF_WIDTHS);
      sb.text(r, 4, d.amount, 'reference', { numFmt: amountFormat(d.amount) });
      sb.text(r, 5, d.pupils, 'reference', { numFmt: '#,##0' });
      sb.formula(r, 6, unitRatioFormula(a1(r, 4), a1(r, 5), k === 100), 'computed', { numFmt: '0.0000' });
      sb.formula(r, 7, weightFormula(a1(r, 5), absA1(totalRow, 5)), 'computed', { numFmt: '0.000000' });
      sb.formula(r, 8, weightedSquareFormula(a1(r, 7), a1(r, 6), mean), 'computed', { numFmt: '0.000000' });
    });
    if (rows.length === 0) sb.text(first, 2, cellText(a.diffCoefProblem ? pick(a.diffCoefProblem, lang) : pick(T('无可计算的学校', 'no school to compute'), lang)), 'note');
    const lbl = (r: number, text: string, right = 5) => {
      sb.text(r, 1, text, 'summary-label');
      sb.fill({ top: r, left: 2, bottom: r, right }, 'summary-label');
      sb.merge({ top: r, left: 1, bottom: r, right });
    };
    lbl(totalRow, pick(T('合计 ΣR、ΣP', 'Totals ΣR, ΣP'), lang), 3);
    sb.formula(totalRow, 4, sumRangeFormula(rangeA1({ top: first, left: 4, bottom: last, right: 4 })), 'summary', { numFmt: amountFormat(rows.reduce((n, d) => n + d.amount, 0)) });
    sb.formula(totalRow, 5, sumRangeFormula(rangeA1({ top: first, left: 5, bottom: last, right: 5 })), 'summary', { numFmt: '#,##0' });
    lbl(meanRow, pick(T('全县均值 X̄ = ΣR ÷ ΣP', 'Mean X̄ = ΣR ÷ ΣP'), lang));
    sb.formula(meanRow, 6, pooledMeanFormula(absA1(totalRow, 4), absA1(totalRow, 5), k === 100), 'summary', { numFmt: '0.0000' });
    lbl(sdRow, pick(T('标准差 S = √Σwᵢ(xᵢ − X̄)²', 'SD S = √Σwᵢ(xᵢ − X̄)²'), lang));
    sb.formula(sdRow, 6, rows.length > 0 ? sqrtSumFormula(rangeA1({ top: first, left: 8, bottom: last, right: 8 })) : str(''), 'summary', { numFmt: '0.0000' });
    lbl(cvRow, pick(T('差异系数 CV = S ÷ X̄', 'Coefficient CV = S ÷ X̄'), lang));
    sb.formula(cvRow, 6, coefficientFormula(a1(meanRow, 6), a1(sdRow, 6)), 'summary', { numFmt: '0.000' });
    lbl(limitRow, pick(T('限值', 'Limit'), lang));
    sb.text(limitRow, 6, a.diffCoefLimit!, 'reference', { numFmt: '0.00' });
    lbl(passRow, pick(T('判定（ROUND(CV,3) ≤ 限值）', 'Result (ROUND(CV,3) ≤ limit)'), lang));
    sb.formula(passRow, 6, diffCoefStatusFormula(a1(cvRow, 6), a.diffCoefLimit!, words), 'summary-check', { role: 'check' });
    statusFormats(sb, a1(passRow, 6), a1(passRow, 6), lang);
    cells.set(`${a.indicator}/${a.level}`, sheetRef(name, { top: cvRow, left: 6, bottom: cvRow, right: 6 }));
    row = passRow + 2;
  }
  DIFFCOEF_WIDTHS.forEach((w, i) => sb.column(i + 1, w));
  sb.print(printSetup(`${titleRow}:${titleRow}`, false, lang, { titleColumns: 'A:B' }));
  return { sheet: sb.sheet, cells };
}

// ---------------------------------------------------------------------------------------------
// 汇总

function sumifs(layout: UnitsLayout, valueInput: string, level: string, allInputs: readonly string[], yes: string): string {
  return sumIfsFormula(range(layout.sheet, layout.inputCol.get(valueInput)!, layout.first, layout.last), [
    { range: range(layout.sheet, layout.levelCol, layout.first, layout.last), equals: levelText(level) },
    { range: range(layout.sheet, layout.includedCol, layout.first, layout.last), equals: yes },
    ...allInputs.map((id) => ({ range: range(layout.sheet, layout.inputCol.get(id)!, layout.first, layout.last), compare: '>=0' })),
  ]);
}

function summarySheet(c: Consolidation, plan: Plan, lang: Lang, name: string, layout: UnitsLayout, cv: CvCells | undefined): SheetSpec {
  const sb = new SheetBuilder(name, 'legend');
  const words = statusWords(lang);
  const width = 14;
  const yes = pick(T('是', 'yes'), lang);
  title(sb, `${pick(plan.title, lang)} ${pick(T('汇总表', 'summary'), lang)}`, width);
  const counted = c.units.filter((u) => u.included).length;
  const info = [planLine(plan, lang), c.year !== undefined ? `${pick(T('年度', 'Year'), lang)}：${c.year}` : '', `${pick(T('文件', 'Files'), lang)}：${c.files.length}`, `${pick(T('计入单位', 'Units counted'), lang)}：${counted}`]
    .filter(Boolean)
    .join('    ');
  sb.text(2, 1, cellText(info), 'subtitle');
  sb.merge({ top: 2, left: 1, bottom: 2, right: width });
  const invalid = c.completeness.invalid.length;
  const invalidNote = c.includeInvalid
    ? T(`已按要求计入含强制性错误的填报（${invalid} 个单位，见「完整性」），结果仅供参考。`, `Returns with hard errors ARE counted (${invalid} unit(s), see Completeness): indicative only.`)
    : T(`含强制性错误的填报未计入（${invalid} 个单位，见「完整性」）；如需计入请加 --include-invalid。`, `Returns with hard errors are NOT counted (${invalid} unit(s), see Completeness); use --include-invalid to count them.`);
  note(sb, 3, pick(invalidNote, lang), width);
  note(
    sb,
    4,
    pick(
      T(
        '本级值由各单位的分子、分母合计重新计算（不是各单位比率的平均）；差异系数的逐校计算见「差异系数」，每个数的来源文件和单元格见「来源」。图表由加载项插入（文件本身不含图表）。',
        'Values are recomputed from summed parts (never an average of rates); see Coefficients for the per-school computation and Sources for the file and cell of every number. Charts are inserted by the add-in.',
      ),
      lang,
    ),
    width,
  );
  sb.row(4, 30);
  let row = 6;
  if (c.units.some((u) => u.region)) {
    note(sb, 5, pick(REGIONS_NOTE, lang), width);
    sb.row(5, 30);
    row = 7;
  }
  if (c.verdicts.length > 0) {
    section(sb, row++, pick(T('优质均衡资源配置结论', '优质均衡 resource allocation'), lang), width);
    header(sb, row++, [
      pick(T('学段', 'Stage'), lang),
      pick(T('学校数', 'Schools'), lang),
      pick(T('综合达标学校', 'Schools passing'), lang),
      pick(T('数据不全未能判定', 'Undecided'), lang),
      pick(T('差异系数达标项数', 'Coefficients within limit'), lang),
      pick(T('差异系数项数', 'Coefficients'), lang),
      pick(T('结论', 'Result'), lang),
    ]);
    const first = row;
    for (const v of c.verdicts) {
      sb.text(row, 1, levelText(v.level), 'label-center');
      sb.text(row, 2, v.schools, 'reference');
      sb.text(row, 3, v.schoolsPassing, 'reference');
      sb.text(row, 4, v.schoolsUndecided, 'reference');
      sb.text(row, 5, v.coefficientsPassing, 'reference');
      sb.text(row, 6, v.coefficients, 'reference');
      const status: Status = v.passes === true ? 'met' : v.passes === false ? 'unmet' : 'noData';
      sb.text(row, 7, pick(STATUS_LABEL[status], lang), 'summary-check', { role: 'check' });
      row++;
    }
    statusFormats(sb, rangeA1({ top: first, left: 7, bottom: row - 1, right: 7 }), a1(first, 7), lang);
    row++;
  }
  const byId = new Map(allIndicators(plan).map((i) => [i.id, i]));
  // Each stage's table has the same columns: the first one's header row is repeated on every printed
  // page after it (a print title is one range of rows), so a stage continued on a new page keeps its header.
  let titleRow = 0;
  for (const level of c.levels) {
    const aggs = c.aggregates.filter((a) => a.level === level);
    if (aggs.length === 0) continue;
    section(sb, row++, `${pick(T('学段', 'Stage'), lang)}：${levelText(level)}（${pick(T('计入单位', 'units counted'), lang)} ${aggs[0]!.units}）`, width);
    titleRow ||= row;
    header(sb, row++, [
      pick(T('序号', 'No.'), lang),
      pick(T('指标', 'Indicator'), lang),
      pick(T('单位', 'Unit'), lang),
      pick(T('目标', 'Target'), lang),
      pick(T('本级值', 'Value'), lang),
      pick(T('差距', 'Gap'), lang),
      pick(T('状态', 'Status'), lang),
      pick(T('分子合计', 'Σ numerator'), lang),
      pick(T('分母合计', 'Σ denominator'), lang),
      pick(T('计入单位数', 'Units with data'), lang),
      pick(T('达标单位数', 'Units meeting'), lang),
      pick(T('差异系数', 'Coefficient'), lang),
      pick(T('限值', 'Limit'), lang),
      pick(T('差异系数判定', 'Coefficient status'), lang),
    ]);
    const first = row;
    aggs.forEach((a, i) => {
      const ind = byId.get(a.indicator)!;
      summaryRow(sb, row, i + 1, a, ind, plan, c, lang, words, layout, cv, yes);
      row++;
    });
    statusFormats(sb, rangeA1({ top: first, left: 7, bottom: row - 1, right: 7 }), a1(first, 7), lang);
    statusFormats(sb, rangeA1({ top: first, left: 14, bottom: row - 1, right: 14 }), a1(first, 14), lang);
    row++;
  }
  SUMMARY_WIDTHS.forEach((w, i) => sb.column(i + 1, w));
  sb.print(printSetup(titleRow ? `${titleRow}:${titleRow}` : '1:1', true, lang, { titleColumns: 'A:B' }));
  return sb.sheet;
}

function summaryRow(
  sb: SheetBuilder,
  row: number,
  n: number,
  a: Aggregate,
  ind: Indicator,
  plan: Plan,
  c: Consolidation,
  lang: Lang,
  words: ReturnType<typeof statusWords>,
  layout: UnitsLayout,
  cv: CvCells | undefined,
  yes: string,
): void {
  const m = indicatorModel(plan, ind, c.year, asLevel(a.level));
  const fmt = valueFormat(ind, m.precision);
  sb.text(row, 1, n, 'label-center');
  sb.text(row, 2, indicatorName(ind, lang), 'label');
  fitRow(sb, row, [null, indicatorName(ind, lang), null, pick(a.targetText, lang)], SUMMARY_WIDTHS);
  sb.text(row, 3, cellText(ind.unit), 'label-center');
  sb.text(row, 4, cellText(pick(a.targetText, lang)), 'reference-text');
  const comp = ind.compute;
  const parts = indicatorInputs(ind);
  const value = a1(row, 5);
  if (comp.kind === 'ratio') {
    const sumOf = (ids: string[]) => ids.map((id) => sumifs(layout, id, a.level, parts, yes)).join('+');
    sb.formula(row, 8, sumOf(comp.numerator), 'computed', { numFmt: amountFormat(a.numerator) });
    sb.formula(row, 9, sumOf(comp.denominator), 'computed', { numFmt: amountFormat(a.denominator) });
    sb.formula(row, 5, countedRatioFormula(a1(row, 10), a1(row, 8), a1(row, 9), comp.scale), 'summary', { numFmt: fmt });
  } else if (comp.kind === 'sum') {
    sb.formula(row, 8, parts.map((id) => sumifs(layout, id, a.level, parts, yes)).join('+'), 'computed', { numFmt: amountFormat(a.numerator) });
    sb.text(row, 9, null, 'computed');
    sb.formula(row, 5, countedValueFormula(a1(row, 10), a1(row, 8)), 'summary', { numFmt: fmt });
  } else {
    sb.text(row, 5, pick(T('逐校填报，不汇总', 'per unit, not added'), lang), 'reference-text');
    sb.text(row, 8, null, 'computed');
    sb.text(row, 9, null, 'computed');
  }
  const th = comp.kind !== 'direct' && m.threshold && 'fixed' in m.threshold ? formulaThreshold(m, () => '') : null;
  if (th) {
    // The templates' own rule (evaluate.ts): 未达标（约束性）, and 数据有误 (no gap) above a net rate's 100 %.
    const rule = statusRule(m);
    sb.formula(row, 6, gapCellFormula(value, th, m.precision, rule.max), 'computed', { numFmt: fmt });
    sb.formula(row, 7, statusFormula(value, th, m.precision, m.tolerance, words, a1(row, 6), rule), 'check', { role: 'check' });
  } else {
    sb.text(row, 6, null, 'computed');
    sb.text(row, 7, pick(a.statusLabel, lang), 'check', { role: 'check' });
  }
  sb.text(row, 10, a.contributors, 'reference');
  const statusCol = layout.statusCol.get(ind.id);
  if (statusCol !== undefined) {
    sb.formula(
      row,
      11,
      countIfsFormula([
        { range: range(layout.sheet, statusCol, layout.first, layout.last), equals: words.met },
        { range: range(layout.sheet, layout.levelCol, layout.first, layout.last), equals: levelText(a.level) },
        { range: range(layout.sheet, layout.includedCol, layout.first, layout.last), equals: yes },
      ]),
      'computed',
      { numFmt: '0' },
    );
  } else sb.text(row, 11, a.unitsMet, 'reference');
  const cvCell = cv?.get(`${a.indicator}/${a.level}`);
  if (cvCell && a.diffCoefLimit !== undefined) {
    sb.formula(row, 12, numberOrBlankFormula(cvCell), 'computed', { numFmt: '0.000' });
    sb.text(row, 13, a.diffCoefLimit, 'reference', { numFmt: '0.00' });
    sb.formula(row, 14, diffCoefStatusFormula(a1(row, 12), a.diffCoefLimit, words), 'check', { role: 'check' });
  } else {
    for (const k of [12, 13, 14]) sb.text(row, k, null, 'reference');
  }
}

// ---------------------------------------------------------------------------------------------
// 完整性, 问题, 来源

/** Display width of text in Excel column units (a CJK character is about two). */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

/** A row tall enough for its wrapped text (hosts do not grow rows of a generated file on their own). */
function fitRow(sb: SheetBuilder, row: number, cells: ReadonlyArray<unknown>, widths: readonly number[], least = 0): void {
  let lines = 1;
  cells.forEach((v, i) => {
    if (typeof v === 'string') lines = Math.max(lines, Math.ceil(textWidth(v) / Math.max(4, (widths[i] ?? 10) - 1)));
  });
  const height = lines > 1 ? Math.min(409, 14 * lines + 2) : 0;
  if (height > 0 || least > 0) sb.row(row, Math.max(height, least));
}

function table(sb: SheetBuilder, row: number, heading: string, titles: string[], rows: Array<Array<string | number | null>>, lang: Lang, width: number, widths: readonly number[]): number {
  section(sb, row++, `${heading}（${rows.length}）`, width);
  if (rows.length === 0) {
    sb.text(row, 1, pick(T('无', 'none'), lang), 'note');
    return row + 2;
  }
  header(sb, row++, titles);
  for (const r of rows) {
    r.forEach((v, i) => sb.text(row, i + 1, typeof v === 'string' ? cellText(v) : v, 'label'));
    fitRow(sb, row, r, widths);
    row++;
  }
  return row + 1;
}

function completenessSheet(c: Consolidation, plan: Plan, lang: Lang, name: string): SheetSpec {
  const sb = new SheetBuilder(name, 'legend');
  const k = c.completeness;
  const width = 6;
  const widths = [34, 24, 30, 30, 40, 12];
  const p = (zh: string, en: string) => pick(T(zh, en), lang);
  title(sb, `${pick(plan.title, lang)} ${p('填报完整性', 'completeness')}`, width);
  const counted = c.units.filter((u) => u.included).length;
  header(sb, 3, [p('应报单位', 'Expected'), p('已报单位', 'Returned'), p('计入汇总', 'Counted'), p('应报未报', 'Missing'), p('文件', 'Files'), p('无法读取', 'Unreadable')]);
  [k.expected || p('未提供名单', 'no list'), k.returned, counted, k.expected ? k.missing.length : '—', c.files.length, k.unread.length].forEach((v, i) => sb.text(4, i + 1, v, 'reference'));
  let row = 6;
  const lv = (l: string | undefined) => levelText(l ?? '');
  // What needs a look first, then the register of every file: the longest table, last, so its
  // header row is the one repeated on the pages after it (a print title never heads another table).
  row = table(sb, row, p('应报未报', 'Expected but not returned'), [p('单位', 'Unit'), p('学段', 'Stage')], k.missing.map((m) => [m.unit, lv(m.level)]), lang, width, widths);
  row = table(sb, row, p('不在名单中的单位', 'Returned but not on the list'), [p('单位', 'Unit'), p('学段', 'Stage'), p('文件', 'File')], k.unknown.map((u) => [u.unit, lv(u.level), u.file]), lang, width, widths);
  row = table(
    sb,
    row,
    p('重复提交（采用保存时间最新的文件，只计一次）', 'Returned twice (the newest file is kept, counted once)'),
    [p('单位', 'Unit'), p('学段', 'Stage'), p('采用的文件', 'Kept'), p('全部文件', 'All files')],
    k.duplicates.map((d) => [d.unit, lv(d.level), d.kept, d.files.join('；')]),
    lang,
    width,
    widths,
  );
  row = table(sb, row, p('无法读取的文件', 'Files that could not be read'), [p('文件', 'File'), p('原因', 'Why')], k.unread.map((u) => [u.file, pick(u.reason, lang)]), lang, width, widths);
  row = table(
    sb,
    row,
    c.includeInvalid ? p('含强制性错误（已按要求计入）', 'With hard errors (counted as asked)') : p('含强制性错误（未计入汇总）', 'With hard errors (not counted)'),
    [p('单位', 'Unit'), p('学段', 'Stage'), p('文件', 'File'), p('错误数', 'Errors'), p('是否计入', 'Counted')],
    k.invalid.map((u) => [u.unit, lv(u.level), u.file, u.errors, u.included ? p('是', 'yes') : p('否', 'no')]),
    lang,
    width,
    widths,
  );
  row = table(sb, row, p('其他规划的文件（未计入）', 'Files on another plan (not counted)'), [p('文件', 'File'), p('规划', 'Plan'), p('版本', 'Version')], k.otherPlan.map((o) => [o.file, o.planId, o.planVersion]), lang, width, widths);
  row = table(sb, row, p('无法迁移的旧版本（未计入）', 'Older versions that cannot be read (not counted)'), [p('文件', 'File'), p('规划版本', 'Plan version'), p('原因', 'Why')], k.otherVersion.map((o) => [o.file, o.planVersion, pick(o.reason, lang)]), lang, width, widths);
  row = table(
    sb,
    row,
    p('旧版本（已按单元格映射读取）', 'Older versions (read through their cell map)'),
    [p('文件', 'File'), p('原版本', 'From'), p('现版本', 'To'), p('不再使用的输入项', 'Inputs dropped')],
    k.migrated.map((m) => [m.file, m.from, m.to, m.dropped.join('、')]),
    lang,
    width,
    widths,
  );
  const register = row + 1; // below its section row
  table(
    sb,
    row,
    p('每个文件的处理结果', 'Every file'),
    [p('文件', 'File'), p('结果', 'Result'), p('单位', 'Units'), p('保存时间（UTC）', 'Saved (UTC)'), p('说明', 'Note')],
    c.files.map((f) => [f.file, pick(FILE_STATUS_LABEL[f.status], lang), f.units.join('、'), time(f.modified), f.reason ? pick(f.reason, lang) : '']),
    lang,
    width,
    widths,
  );
  widths.forEach((w, i) => sb.column(i + 1, w));
  sb.print(printSetup(c.files.length > 0 ? `${register}:${register}` : '3:3', true, lang, { titleColumns: 'A:A' }));
  return sb.sheet;
}

const ISSUE_WIDTHS = [30, 8, 14, 8, 20, 80];

const SEVERITY: Record<string, Bilingual> = { error: T('强制', 'error'), warning: T('提示', 'warning'), info: T('说明', 'note') };

/**
 * The files whose issues 问题 lists: their data are counted (wholly, partly, through an older
 * version's map), or would be once their hard errors are fixed. The others — another plan's
 * return, a copy superseded by a newer one, an unusable version, an empty template, what could
 * not be read — are accounted for on 完整性 with the reason; their own issues are not this
 * consolidation's problems (--json keeps every file's issues, its status saying why).
 */
export const ISSUES_LISTED: ReadonlySet<FileStatus> = new Set<FileStatus>(['consolidated', 'partial', 'migrated', 'excluded']);

function issuesSheet(c: Consolidation, plan: Plan, lang: Lang, name: string, completenessName: string): SheetSpec {
  const sb = new SheetBuilder(name, 'legend');
  const p = (zh: string, en: string) => pick(T(zh, en), lang);
  title(sb, `${pick(plan.title, lang)} ${p('校验问题', 'validation issues')}`, 6);
  const listed = c.files.filter((f) => ISSUES_LISTED.has(f.status));
  const others = c.files.length - listed.length;
  const about =
    others > 0
      ? p(`列出已汇总和因强制性错误未计入的文件的问题；其余 ${others} 个文件（其他规划、重复提交被替代、无法读取等）未参与汇总，见「${completenessName}」。`, `Issues of the files consolidated or excluded for hard errors; the other ${others} file(s) (another plan, superseded, unreadable …) were not consolidated: see ${completenessName}.`)
      : p(`列出已汇总和因强制性错误未计入的文件的问题；每个文件的处理结果见「${completenessName}」。`, `Issues of the files consolidated or excluded for hard errors; what happened to every file is on ${completenessName}.`);
  note(sb, 2, about, 6);
  fitRow(sb, 2, [about], [ISSUE_WIDTHS.reduce((a, b) => a + b, 0)]);
  header(sb, 3, [p('文件', 'File'), p('类别', 'Severity'), p('工作表', 'Sheet'), p('单元格', 'Cell'), p('单位', 'Unit'), p('说明', 'Message')]);
  let row = 4;
  for (const f of listed) {
    for (const i of f.issues) {
      sb.text(row, 1, cellText(f.file), 'label');
      sb.text(row, 2, pick(SEVERITY[i.severity] ?? T(i.severity, i.severity), lang), i.severity === 'error' ? 'status-unmet' : 'label-center');
      sb.text(row, 3, cellText(i.sheet ?? ''), 'label');
      sb.text(row, 4, i.cell ?? '', 'label-center');
      sb.text(row, 5, cellText(i.unit ?? ''), 'label');
      sb.text(row, 6, cellText(pick(i.message, lang)), 'label');
      fitRow(sb, row, [f.file, '', i.sheet ?? '', '', i.unit ?? '', pick(i.message, lang)], ISSUE_WIDTHS);
      row++;
    }
  }
  if (row === 4) sb.text(4, 1, p('没有问题', 'no issues'), 'note');
  ISSUE_WIDTHS.forEach((w, i) => sb.column(i + 1, w));
  sb.freeze(3, 0);
  sb.print(printSetup('3:3', true, lang, { titleColumns: 'A:A' }));
  return sb.sheet;
}

function provenanceSheet(c: Consolidation, plan: Plan, lang: Lang, name: string, maxRows: number): SheetSpec {
  const sb = new SheetBuilder(name, 'legend');
  const p = (zh: string, en: string) => pick(T(zh, en), lang);
  const inputName = new Map<string, string>(plan.inputs.map((i) => [i.id, pick(i.name, lang)]));
  for (const ind of allIndicators(plan)) if (!inputName.has(ind.id)) inputName.set(ind.id, indicatorName(ind, lang));
  title(sb, `${pick(plan.title, lang)} ${p('数据来源（每个计入的数值及其文件、单元格）', 'sources (every counted number with its file and cell)')}`, 7);
  header(sb, 3, [p('单位', 'Unit'), p('学段', 'Stage'), p('输入项', 'Input'), p('编号', 'Id'), p('数值', 'Value'), p('文件', 'File'), p('单元格', 'Cell')]);
  let row = 4;
  for (const r of longRows(c)) {
    if (row - 4 >= maxRows) {
      note(sb, row, p(`超过 ${maxRows} 行，其余请用 --long 导出`, `more than ${maxRows} rows: export the rest with --long`), 7);
      break;
    }
    sb.text(row, 1, cellText(r.unit), 'label');
    sb.text(row, 2, levelText(r.level), 'label-center');
    sb.text(row, 3, cellText(inputName.get(r.input) ?? r.input), 'label');
    sb.text(row, 4, r.input, 'label');
    sb.text(row, 5, r.value, 'reference');
    sb.text(row, 6, cellText(r.file), 'label');
    sb.text(row, 7, cellText(r.cell), 'label');
    row++;
  }
  [22, 8, 36, 26, 12, 30, 16].forEach((w, i) => sb.column(i + 1, w));
  sb.freeze(3, 1);
  sb.print(printSetup('3:3', true, lang, { titleColumns: 'A:A' }));
  return sb.sheet;
}

// ---------------------------------------------------------------------------------------------
// 上报: the region as a return one level up

/** Renames a template spec's sheet everywhere the codec refers to it (names, metadata rows). */
function renameSheet(spec: TemplateSpec, from: string, to: string): void {
  const sheet = spec.sheets.find((s) => s.name === from);
  if (!sheet) return;
  sheet.name = to;
  renameSheetInMap(spec.definedNames, spec.hiddenMetadata, from, to);
}

function upChainSpec(c: Consolidation, plan: Plan, level: string, lang: Lang, region: string, taken: Set<string>): TemplateSpec | undefined {
  let spec: TemplateSpec;
  try {
    spec = buildTemplate(plan, { kind: 'return', level: level || undefined, year: c.year, lang, units: [region], indicators: c.indicators, includeOverview: false, existingSheetNames: [...taken], carried: true });
  } catch {
    return undefined; // e.g. no indicator of the plan can be carried at this level
  }
  const sheet = spec.sheets.find((s) => s.kind === 'return');
  if (!sheet) return undefined;
  const wanted = `${pick(SUMMARY_SHEETS.upChain, lang)}${level ? `·${level}` : ''}`;
  renameSheet(spec, sheet.name, uniqueSheetName(wanted, taken));
  const sums = carriedInputs(c, level);
  const additive = new Set(additiveInputs(c, plan));
  const model = templateModel(plan, allIndicators(plan).filter((i) => c.indicators.includes(i.id)), c.year, asLevel(level), false);
  const inputs = new Map(model.inputs.map((i) => [i.id, i]));
  const rows = spec.hiddenMetadata.rows.filter((row) => row[0] === 'cell');
  const noteCell = new Map(rows.map((row) => [row[2] ?? '', row[5] ?? '']));
  for (const row of rows) {
    const input = row[2] ?? '';
    const address = row[5] ?? '';
    const cell = sheet.cells[address];
    const model = inputs.get(input);
    if (!cell || !model) continue; // explanation (说明) cells are written below, or stay empty
    const v = additive.has(input) ? sums[input] : null;
    if (typeof v === 'number') {
      // The exact sum, stored as it is; shown to at most 4 decimals when a combined school's stage split made it fractional.
      cell.value = v;
      if (!Number.isInteger(v)) {
        cell.numFmt = '#,##0.00##';
        const note = sheet.cells[noteCell.get(noteInputId(input)) ?? ''];
        if (note && model.kind === 'count') note.value = pick(SPLIT_NOTE, lang);
      }
    } else if (missingCodes(model).includes('暂无数据')) cell.value = '暂无数据';
  }
  return spec;
}

// ---------------------------------------------------------------------------------------------

/**
 * The specs of a summary workbook, in order. The first carries the summary sheets and, when the
 * plan's template can be built, the first level's return; each further level adds a return.
 */
export function buildSummarySpecs(c: Consolidation, plan: Plan, options: SummaryOptions = {}): TemplateSpec[] {
  const lang = options.lang ?? 'zh-CN';
  const region = options.region ?? pick(T('汇总', 'Summary'), lang);
  const taken = new Set((options.existingSheetNames ?? []).map((n) => n.toLowerCase()));
  const name = (b: Bilingual) => uniqueSheetName(pick(b, lang), taken);
  const summaryName = name(SUMMARY_SHEETS.summary);
  const unitsName = name(SUMMARY_SHEETS.units);
  const cvName = c.aggregates.some((a) => a.diffCoefLimit !== undefined) ? name(SUMMARY_SHEETS.diffCoef) : '';
  const completenessName = name(SUMMARY_SHEETS.completeness);
  const issuesName = name(SUMMARY_SHEETS.issues);
  const provenanceName = name(SUMMARY_SHEETS.provenance);
  const units = unitsSheet(c, plan, lang, unitsName);
  const cv = cvName ? diffCoefSheet(c, plan, lang, cvName) : undefined;
  const sheets: SheetSpec[] = [
    summarySheet(c, plan, lang, summaryName, units.layout, cv?.cells),
    units.sheet,
    ...(cv ? [cv.sheet] : []),
    completenessSheet(c, plan, lang, completenessName),
    issuesSheet(c, plan, lang, issuesName, completenessName),
    provenanceSheet(c, plan, lang, provenanceName, options.maxProvenanceRows ?? 100_000),
  ];
  const specs: TemplateSpec[] = [];
  for (const level of c.levels.length > 0 ? c.levels : ['']) {
    // Each return sees the sheets (and metadata sheets) before it, so its names and instance are new.
    const up = upChainSpec(c, plan, level, lang, region, new Set([...taken, ...specs.map((s) => s.hiddenMetadata.sheetName.toLowerCase())]));
    if (!up) continue;
    for (const s of up.sheets) taken.add(s.name.toLowerCase());
    taken.add(up.hiddenMetadata.sheetName.toLowerCase());
    specs.push(up);
  }
  if (specs.length === 0) {
    // No return can be built (nothing carried): the summary sheets alone, with empty metadata.
    return [{ meta: emptyMeta(c, lang), styles: { ...TEMPLATE_STYLES }, sheets, definedNames: [], hiddenMetadata: { sheetName: '', rows: [] } }];
  }
  specs[0] = { ...specs[0]!, sheets: [...sheets, ...specs[0]!.sheets] };
  return specs;
}

function emptyMeta(c: Consolidation, lang: Lang): TemplateSpec['meta'] {
  return { planId: c.plan.id, planVersion: c.plan.version, templateVersion: '', planHash: c.plan.hash, kind: 'return', lang, units: [], indicators: [], inputs: [] };
}
