/**
 * The 进度 dashboard's numbers, from the values the last validation computed: per indicator its
 * status (达标/接近/未达标/无数据), achievement against the target and whether it is on track for
 * the report year — each decided by the core's `evaluate` (with the pane's "close" band when the
 * user set one) — grouped by section, with the binding (约束性) misses first. Pure.
 */
import { achievement } from '../../../core/evaluate/achievement';
import { evaluate, type Evaluation } from '../../../core/evaluate/evaluate';
import { STATUSES, type Status } from '../../../core/evaluate/status';
import { pick, type Lang } from '../../../core/i18n/text';
import type { Indicator, Level, Plan, Section, Tolerance } from '../../../core/plan/schema';
import { indicatorInputs } from '../../../core/plan/registry';
import { countBySeverity, type IssueSeverity, type ValidationIssue } from '../../../core/validate/issues';
import type { TemplateSummary, ValueRow } from '../../../core/validate/validate';
import type { ValidationRun } from '../../host/workbook';

export interface IndicatorProgress {
  indicator: Indicator;
  section: Section;
  unit: string;
  unitIndex: number;
  status: Status;
  binding: boolean;
  /** The core's value (null: missing or not computable). */
  value: number | null;
  evaluation: Evaluation;
  /** Achievement (完成度) in percent: 100 = target met. */
  achievement: number | null;
  /** Where the straight path from baseline to target says the achievement should be this year. */
  expectedAchievement: number | null;
  /** Null when the indicator has no path (yes/no, relative, no baseline). */
  onTrack: boolean | null;
  sheet?: string;
  cell?: string;
  /** Validation issues on the indicator's value or on the inputs it is computed from. */
  dataIssues: Record<IssueSeverity, number>;
}

export interface SectionProgress {
  section: Section;
  rows: IndicatorProgress[];
  counts: Record<Status, number>;
}

export interface DashboardModel {
  template: TemplateSummary;
  /** Every template of a known plan in the workbook (the one shown is chosen among them). */
  templates: TemplateSummary[];
  plan: Plan;
  units: Array<{ index: number; name: string }>;
  /** The unit shown, or 'all' (a unit table's every unit). */
  unit: number | 'all';
  counts: Record<Status, number>;
  sections: SectionProgress[];
  bindingMisses: IndicatorProgress[];
  /** Issues of the unit(s) shown, by severity: the data the numbers above rest on. */
  dataIssues: Record<IssueSeverity, number>;
}

export function emptyCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
}

function sectionOf(plan: Plan): Map<string, { section: Section; indicator: Indicator }> {
  const out = new Map<string, { section: Section; indicator: Indicator }>();
  for (const section of plan.sections) for (const indicator of section.indicators) out.set(indicator.id, { section, indicator });
  return out;
}

export interface DashboardOptions {
  /** The pane's "close" band; null keeps each plan's own. */
  tolerance: Tolerance | null;
  unit?: number | 'all';
  /** The template shown, by its instance number; the first of a known plan by default. */
  template?: number;
}

/** The chosen (else the first) template of a known plan in the run, with its plan; undefined when there is none. */
export function dashboardModel(run: ValidationRun, plans: { get(id: string): Plan | undefined }, opts: DashboardOptions): DashboardModel | undefined {
  const templates = run.result.templates.filter((t) => t.planTitle && plans.get(t.planId));
  const template = templates.find((t) => t.instance === opts.template) ?? templates[0];
  if (!template) return undefined;
  const plan = plans.get(template.planId)!;
  const byId = sectionOf(plan);
  const units = template.units.map((u) => ({ index: u.index, name: u.name }));
  const unitSheets = new Set(template.units.map((u) => u.sheet));
  const unit = opts.unit ?? (units.length === 1 ? units[0].index : 'all');
  const level = template.level as Level | undefined;

  // Unit numbers restart in every template: an issue belongs to this one by its sheet.
  const shownIssues = run.result.issues.filter((i) => (!i.sheet || unitSheets.has(i.sheet)) && (unit === 'all' || i.unitIndex === unit));
  const rows: IndicatorProgress[] = [];
  for (const v of run.result.values) {
    const ref = byId.get(v.indicator);
    if (!ref || (v.sheet && !unitSheets.has(v.sheet))) continue;
    if (unit !== 'all' && v.unitIndex !== unit) continue;
    const own = issuesOf(shownIssues, v.unitIndex, ref.indicator);
    rows.push({ ...progressOf(v, ref, plan, template.year, level, opts.tolerance), dataIssues: countBySeverity(own) });
  }

  const counts = emptyCounts();
  for (const r of rows) counts[r.status]++;
  const sections: SectionProgress[] = [];
  for (const section of plan.sections) {
    const inSection = rows.filter((r) => r.section === section);
    if (inSection.length === 0) continue;
    const c = emptyCounts();
    for (const r of inSection) c[r.status]++;
    sections.push({ section, rows: inSection, counts: c });
  }
  const severity: Record<Status, number> = { unmet: 0, near: 1, noData: 2, unknownTarget: 3, met: 4 };
  const bindingMisses = rows
    .filter((r) => r.binding && (r.status === 'unmet' || r.status === 'near'))
    .sort((a, b) => severity[a.status] - severity[b.status] || (a.achievement ?? 0) - (b.achievement ?? 0));
  return { template, templates, plan, units, unit, counts, sections, bindingMisses, dataIssues: countBySeverity(shownIssues) };
}


function issuesOf(issues: readonly ValidationIssue[], unitIndex: number, ind: Indicator): ValidationIssue[] {
  const inputs = new Set(indicatorInputs(ind));
  return issues.filter((i) => i.unitIndex === unitIndex && (i.indicator === ind.id || (i.input !== undefined && inputs.has(i.input))));
}

function progressOf(
  v: ValueRow,
  ref: { section: Section; indicator: Indicator },
  plan: Plan,
  year: number | undefined,
  level: Level | undefined,
  tolerance: Tolerance | null,
): Omit<IndicatorProgress, 'dataIssues'> {
  // The same evaluation as validation's: with the unit's reference value for a relative target
  // ("higher than last year"), so such indicators get their target, status and achievement.
  const ev = evaluate(ref.indicator, v.value, { plan, year, level, tolerance: tolerance ?? undefined, reference: v.reference });
  // Validation decided the status with the plan's band; a band chosen in Settings re-decides it.
  const status: Status = tolerance === null && v.status ? v.status : ev.status;
  const path = ev.onTrack;
  const expectedAchievement =
    path && ev.threshold && !path.flat ? achievement(path.expected, ref.indicator.baseline?.value, ev.threshold, ev.precision) : null;
  return {
    indicator: ref.indicator,
    section: ref.section,
    unit: v.unit,
    unitIndex: v.unitIndex,
    status,
    binding: ev.binding,
    value: v.value,
    evaluation: ev,
    achievement: v.value === null ? null : ev.achievement,
    expectedAchievement,
    onTrack: path ? path.onTrack : null,
    sheet: v.sheet,
    cell: v.cell,
  };
}

/** One section's block in the chart sheet: 1-based rows of its header and of its last data row. */
export interface ChartBlock {
  title: string;
  headerRow: number;
  lastRow: number;
}

/**
 * What "insert charts into the workbook" writes: one block per section (header 指标 | 达成度 | 目标,
 * then a row per indicator — per unit when every unit is shown), a blank row between blocks, all
 * in one 2-D array so the adapter writes it in one call. Achievement without data is left blank
 * (a gap in the bar chart) rather than 0, which would read as "nothing done". Pure.
 */
export interface ChartTable {
  rows: Array<Array<string | number>>;
  blocks: ChartBlock[];
}

const CHART_HEADERS = { name: { zh: '指标', en: 'Indicator' }, achievement: { zh: '达成度（%）', en: 'Achievement (%)' }, target: { zh: '目标（%）', en: 'Target (%)' } };
const CHART_TITLE = { zh: '：各指标达成度', en: ': achievement per indicator' };

export function progressChartTable(model: DashboardModel, lang: Lang): ChartTable {
  const rows: ChartTable['rows'] = [];
  const blocks: ChartBlock[] = [];
  for (const sec of model.sections) {
    if (rows.length > 0) rows.push(['', '', '']);
    const headerRow = rows.length + 1;
    rows.push([pick(CHART_HEADERS.name, lang), pick(CHART_HEADERS.achievement, lang), pick(CHART_HEADERS.target, lang)]);
    for (const r of sec.rows) {
      const name = pick(r.indicator.name, lang);
      rows.push([model.unit === 'all' && model.units.length > 1 ? `${name} · ${r.unit}` : name, r.achievement ?? '', 100]);
    }
    blocks.push({ title: `${pick(sec.section.title, lang)}${pick(CHART_TITLE, lang)}`, headerRow, lastRow: rows.length });
  }
  return { rows, blocks };
}
