/** What a caller may ask of a template, checked and normalised once for every renderer. */
import type { Bilingual, Lang } from '../i18n/text';
import { DEFAULT_LANG } from '../i18n/text';
import { findIndicator } from '../plan/registry';
import { Level, type Indicator, type Plan, type Reporter } from '../plan/schema';
import { concernsLevel, indicatorReporter, inputReporter, isScaleFigure, parseReporter, planReporter, REPORTER_LABEL, reporterBelow, reporterRank } from '../plan/reporting';
import { indicatorInputs } from '../plan/registry';
import { metaSheetName } from '../workbook/meta';
import type { TemplateKind } from './spec';
import { stripXmlInvalid } from '../text/xml-chars';
import { normalizeUnitName } from '../unit-name';
import { isReportYear, levelProblem, parseLevelName, yearProblem } from '../user-input';

export interface TemplateOptions {
  kind?: TemplateKind;
  /** Stage the targets are read for, and the only stage whose items are included (小学: no 初中 or 学前 items). */
  level?: string;
  /**
   * Who fills the template (`school|county|city|province`, or 学校/区县/市/省): a return holds what
   * that level reports and is judged on; a unit table lists the units of the level below. Absent:
   * the whole plan (as the plan's own level reports it).
   */
  reporter?: string;
  year?: number;
  lang?: Lang;
  /** Reporting units in row order (a return takes at most one). Trimmed; duplicates are an error. */
  units?: string[];
  /** Unit-table rows left for the filler to name when no units are given (default 30). */
  emptyRows?: number;
  /** Indicator ids or codes (B1) to include, in this order. Default: the whole plan (a unit table: the balance indicators, or the computed ones). */
  indicators?: string[];
  /** Section ids to include (combined with `indicators`). */
  sections?: string[];
  /** Unit table: the county summary block (default true). */
  includeSummary?: boolean;
  /** Return and unit table: add the plan-overview sheet for reference (default true). */
  includeOverview?: boolean;
  /** Sheet protection password; none by default (protected without a password). */
  password?: string;
  /** Sheet names already in the workbook (the add-in inserts beside them, never over them). */
  existingSheetNames?: string[];
  /**
   * A region's return carried up from a consolidation (summary.xlsx's 上报 sheets): its counts are
   * sums in which a 九年一贯制 school's shared resources are split by stage, so they may be
   * fractional and are not held to whole numbers (template validation and `validate` alike).
   */
  carried?: boolean;
}

export interface NormalizedOptions {
  kind: TemplateKind;
  level?: Level;
  /** Who fills it, when asked (`--for`); undefined = the whole plan. */
  reporter?: Reporter;
  /** The level the rows of a unit table are (a county's table lists schools). */
  rowLevel: Reporter;
  /** Indicators shown but not judged here: a contribution to a target judged above (在园幼儿 ≥11万人 in one county's return). */
  contributions: Set<string>;
  year?: number;
  lang: Lang;
  /** '' for rows the filler names. */
  units: string[];
  unitsGiven: boolean;
  indicators: Indicator[];
  includeSummary: boolean;
  includeOverview: boolean;
  password?: string;
  instance: number;
  existingSheetNames: string[];
  carried: boolean;
}

/** A template that cannot be built as asked; the message says what to change. */
export class TemplateError extends Error {
  constructor(readonly text: Bilingual) {
    super(`${text.zh} / ${text.en}`);
    this.name = 'TemplateError';
  }
}

export const TEMPLATE_LIMITS = { maxUnits: 5000, maxUnitName: 100, maxEmptyRows: 5000, maxPassword: 255 } as const;

/** Characters XML 1.0 cannot carry (they would corrupt the file) are removed from all text. */
export function cleanText(text: string): string {
  return stripXmlInvalid(text);
}

/** Unit names from a list: trimmed, blanks dropped, duplicates and overlong names refused. */
export function normalizeUnits(units: readonly string[]): string[] {
  const out = units.map((u) => cleanText(u).replace(/\s+/g, ' ').trim()).filter((u) => u !== '');
  if (out.length > TEMPLATE_LIMITS.maxUnits) {
    throw new TemplateError({ zh: `单位过多（${out.length}，上限 ${TEMPLATE_LIMITS.maxUnits}）`, en: `too many units (${out.length}, limit ${TEMPLATE_LIMITS.maxUnits})` });
  }
  const long = out.find((u) => u.length > TEMPLATE_LIMITS.maxUnitName);
  if (long) {
    throw new TemplateError({
      zh: `单位名称过长（超过 ${TEMPLATE_LIMITS.maxUnitName} 个字符）：${long.slice(0, 20)}…`,
      en: `unit name longer than ${TEMPLATE_LIMITS.maxUnitName} characters: ${long.slice(0, 20)}…`,
    });
  }
  // 甲校1 and 甲校１ are one unit (core/unit-name.ts): two rows for it would split its data.
  const seen = new Map<string, string>();
  const dup = new Set<string>();
  for (const u of out) {
    const first = seen.get(normalizeUnitName(u));
    if (first === undefined) seen.set(normalizeUnitName(u), u);
    else dup.add(first === u ? u : `${first} / ${u}`);
  }
  if (dup.size > 0) {
    throw new TemplateError({ zh: `单位名称重复：${[...dup].join('、')}`, en: `duplicate unit names: ${[...dup].join(', ')}` });
  }
  return out;
}

function pickIndicators(plan: Plan, kind: TemplateKind, level: Level | undefined, ids?: string[], sections?: string[]): Indicator[] {
  const all = plan.sections.flatMap((s) => s.indicators);
  let chosen: Indicator[];
  if (ids && ids.length > 0) {
    chosen = ids.map((id) => {
      const ref = findIndicator(plan, id);
      if (!ref) throw new TemplateError({ zh: `规划「${plan.id}」中没有指标「${id}」`, en: `plan ${plan.id} has no indicator "${id}"` });
      return ref.indicator;
    });
  } else if (sections && sections.length > 0) {
    for (const s of sections) {
      if (!plan.sections.some((x) => x.id === s)) {
        throw new TemplateError({ zh: `规划「${plan.id}」中没有分组「${s}」`, en: `plan ${plan.id} has no section "${s}"` });
      }
    }
    chosen = plan.sections.filter((s) => sections.includes(s.id)).flatMap((s) => s.indicators);
  } else if (kind === 'units') {
    // A unit table collects what each unit has: the 优质均衡 indicators, or every computed one.
    chosen = plan.balance
      ? plan.balance.indicators.map((id) => findIndicator(plan, id)!.indicator)
      : all.filter((i) => i.compute.kind !== 'direct');
    if (chosen.length === 0) chosen = all;
  } else {
    chosen = all;
  }
  let unique = [...new Map(chosen.map((i) => [i.id, i])).values()];
  // --level filters stages for real (小学: no 初中 or 学前 items), unless the indicators were named.
  if (level && !(ids && ids.length > 0)) unique = unique.filter((i) => concernsLevel(i, level));
  if (unique.length === 0) throw new TemplateError({ zh: '没有可放入模板的指标', en: 'no indicators to put in the template' });
  return unique;
}

/**
 * What a reporter fills and is judged on (see plan/reporting.ts). A return for R: the indicators
 * reported at R or below (a county is judged on its own 全县 figures and on its schools' totals),
 * never a school's return with a 差异系数; a scale figure of a higher level (在园幼儿 ≥11万人) is
 * a contribution, shown and not judged. A unit table for R lists units of the level below: it
 * holds what those units know (every input of the value known at their level); what is judged
 * above them is shown per row as a contribution and judged in the summary.
 */
function forReporter(plan: Plan, kind: TemplateKind, reporter: Reporter, chosen: Indicator[], named: boolean): { indicators: Indicator[]; contributions: Set<string> } {
  const contributions = new Set<string>();
  const known = (ind: Indicator, at: Reporter): boolean => {
    if (ind.compute.kind === 'direct') return reporterRank(indicatorReporter(plan, ind)) <= reporterRank(at) || (isScaleFigure(ind) && ind.kind !== 'boolean' && at !== 'school');
    return indicatorInputs(ind).every((id) => {
      const input = plan.inputs.find((i) => i.id === id);
      return input !== undefined && reporterRank(inputReporter(plan, input)) <= reporterRank(at);
    });
  };
  const out: Indicator[] = [];
  if (kind === 'units') {
    const rows = reporterBelow(reporter);
    if (!rows) throw new TemplateError({ zh: '学校没有下级填报单位：学校请用 --kind return', en: 'a school has no units below it: use --kind return for a school' });
    for (const ind of chosen) {
      const r = indicatorReporter(plan, ind);
      if (r === 'consolidation' || !known(ind, rows)) continue;
      if (reporterRank(r) > reporterRank(rows)) contributions.add(ind.id);
      out.push(ind);
    }
  } else {
    for (const ind of chosen) {
      const r = indicatorReporter(plan, ind);
      if (reporter === 'school' && r !== 'school') continue;
      if (reporterRank(r) <= reporterRank(reporter)) out.push(ind);
      else if (reporter !== 'school' && isScaleFigure(ind) && ind.kind !== 'boolean' && known(ind, reporter)) {
        contributions.add(ind.id);
        out.push(ind);
      }
    }
  }
  if (out.length === 0) {
    const who = REPORTER_LABEL[kind === 'units' ? reporterBelow(reporter)! : reporter];
    throw new TemplateError({
      zh: named ? `所选指标都不由${who.zh}填报` : `规划「${plan.id}」没有由${who.zh}填报的指标`,
      en: named ? `none of the chosen indicators is reported by a ${who.en}` : `plan ${plan.id} has no indicator reported by a ${who.en}`,
    });
  }
  return { indicators: out, contributions };
}

export function normalizeOptions(plan: Plan, options: TemplateOptions): NormalizedOptions {
  const kind = options.kind ?? (options.units && options.units.length > 1 ? 'units' : 'return');
  let level: Level | undefined;
  if (options.level !== undefined && options.level.trim() !== '') {
    level = parseLevelName(options.level);
    if (!level) throw new TemplateError(levelProblem(options.level));
  }
  if (options.year !== undefined && !isReportYear(options.year)) throw new TemplateError(yearProblem(String(options.year)));
  const given = normalizeUnits(options.units ?? []);
  let units: string[];
  if (kind === 'return') {
    if (given.length > 1) {
      throw new TemplateError({
        zh: `填报表只对应一个单位（收到 ${given.length} 个）；多个单位请用 --kind units`,
        en: `a return is for one unit (got ${given.length}); use --kind units for several`,
      });
    }
    units = given.length === 1 ? given : [''];
  } else if (kind === 'units') {
    const empty = options.emptyRows ?? 30;
    if (!Number.isInteger(empty) || empty < 1 || empty > TEMPLATE_LIMITS.maxEmptyRows) {
      throw new TemplateError({ zh: `空行数无效：${empty}`, en: `invalid number of empty rows: ${empty}` });
    }
    units = given.length > 0 ? given : new Array<string>(empty).fill('');
  } else {
    units = [];
  }
  let reporter: Reporter | undefined;
  if (options.reporter !== undefined && options.reporter.trim() !== '') {
    reporter = parseReporter(options.reporter);
    if (!reporter) {
      throw new TemplateError({ zh: `无法识别的填报层级「${options.reporter}」（可选 school、county、city、province）`, en: `unknown reporter "${options.reporter}" (school, county, city or province)` });
    }
  }
  let indicators = pickIndicators(plan, kind, level, options.indicators, options.sections);
  let contributions = new Set<string>();
  if (reporter && kind !== 'overview') {
    ({ indicators, contributions } = forReporter(plan, kind, reporter, indicators, Boolean(options.indicators?.length || options.sections?.length)));
  }
  const own = reporter ?? planReporter(plan);
  const password = options.password ? cleanText(options.password) : undefined;
  if (password !== undefined && password.length > TEMPLATE_LIMITS.maxPassword) {
    throw new TemplateError({ zh: '密码过长', en: 'password too long' });
  }
  const existing = options.existingSheetNames ?? [];
  const lower = new Set(existing.map((n) => n.toLowerCase()));
  let instance = 1;
  while (lower.has(metaSheetName(instance).toLowerCase())) instance++;
  return {
    kind,
    level,
    year: options.year,
    lang: options.lang ?? DEFAULT_LANG,
    units,
    unitsGiven: given.length > 0,
    reporter,
    rowLevel: kind === 'units' ? (reporterBelow(own) ?? 'school') : own,
    contributions,
    indicators,
    includeSummary: options.includeSummary ?? true,
    includeOverview: options.includeOverview ?? true,
    password: password || undefined,
    instance,
    existingSheetNames: existing,
    carried: options.carried === true,
  };
}

const SHEET_FORBIDDEN = /[[\]:*?/\\']/g;

/** A sheet name Excel accepts (≤ 31 characters, no []:*?/\ or '), unique among `taken`. */
export function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const base = cleanText(wanted).replace(SHEET_FORBIDDEN, ' ').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}
