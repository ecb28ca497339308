/**
 * The catalog view of plans: one flat row per indicator (what `edu-indicators catalog` prints and
 * the task pane's plan library lists), the headline target of each indicator, and the declared
 * conflicts between indicators that measure the same thing with different thresholds.
 */
import type { Baseline, Citation, Indicator, Level, Plan, Relation, Target } from './schema';
import { concernsLevel } from './reporting';
import { allIndicators } from './registry';

const RELATION_SYMBOL: Record<Relation, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

export function relationSymbol(r: Relation): string {
  return RELATION_SYMBOL[r];
}

/**
 * The target a one-line view shows: the one for the plan's end year if there is one (a staged
 * plan's headline), else the latest dated one, else the first. Per-level targets: the first level.
 */
export function primaryTarget(indicator: Indicator, plan: Plan, targets: readonly Target[] = indicator.targets): Target {
  const atEnd = targets.find((t) => t.year === plan.period.to);
  if (atEnd) return atEnd;
  const dated = targets.filter((t) => t.year !== undefined);
  if (dated.length > 0) return dated.reduce((a, b) => ((b.year ?? 0) > (a.year ?? 0) ? b : a));
  return targets[0]!;
}

/** Target value as the catalog reports it: a number, a [lo, hi] pair, a boolean, or null when unknown. */
export function targetValue(t: Target): number | [number, number] | boolean | null {
  switch (t.comparator) {
    case 'between':
      return [t.value[0], t.value[1]];
    case 'relative':
      return t.factor === 1 ? null : t.factor;
    case 'bool':
      return t.value;
    default:
      return t.value;
  }
}

/** Human-readable target: "≥96", "1–2", "≥ 当地公务员平均工资收入水平", "≥xx%（目标未定）". */
export function targetText(t: Target, unit: string, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const u = unit === '%' ? '%' : unit ? ` ${unit}` : '';
  switch (t.comparator) {
    case 'between':
      return `${t.value[0]}–${t.value[1]}${u}`;
    case 'relative': {
      const name = lang === 'en' && t.reference.name.en ? t.reference.name.en : t.reference.name.zh;
      return `${relationSymbol(t.relation)} ${t.factor === 1 ? '' : `${t.factor} × `}${name}`;
    }
    case 'bool':
      return lang === 'en' ? (t.value ? 'yes' : 'no') : t.value ? '是' : '否';
    case 'count': {
      const per = t.per ? `${lang === 'en' && t.per.en ? `${t.per.en} ` : t.per.zh}` : '';
      if (t.value === null) return `${per}≥${t.placeholder ?? '?'}${lang === 'en' ? ' (target unknown)' : '（目标未定）'}`;
      return `${per}≥${t.value}${u}`;
    }
    default:
      if (t.value === null) {
        return `${relationSymbol(t.comparator)}${t.placeholder ?? '?'}${lang === 'en' ? ' (target unknown)' : '（目标未定）'}`;
      }
      return `${relationSymbol(t.comparator)}${t.value}${u}`;
  }
}

export function baselineText(b: Baseline | undefined): string {
  if (!b) return '';
  return b.qualifier === '=' ? String(b.value) : `${relationSymbol(b.qualifier)}${b.value}`;
}

/** True when the document gives no number for this target (`xx%`). */
export function isPlaceholder(t: Target): boolean {
  return (t.comparator === 'count' || t.comparator in RELATION_SYMBOL) && (t as { value: unknown }).value === null;
}

/** What sets one target apart from the indicator's others: its stage, whom it applies to, its year. */
export function targetLabel(t: Target, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const condition = t.condition ? (lang === 'en' && t.condition.en ? t.condition.en : t.condition.zh) : undefined;
  const year = t.year === undefined ? undefined : lang === 'en' ? `by ${t.year}` : `${t.year}年`;
  return [t.level, condition, year].filter((x): x is string => x !== undefined && x !== '').join(' ');
}

/**
 * Every threshold of an indicator on one line: "小学 ≥4.2 / 初中 ≥5.3", "小学、初中 ≤2000 人 /
 * 九年一贯制学校… ≤2500 人", "2025年 ≥90% / 2035年 ≥95%". Labels only where targets differ in them.
 */
export function allTargetsText(ind: Indicator, targets: readonly Target[] = ind.targets, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (targets.length === 1 && targets[0]!.condition === undefined) {
    const t = targets[0]!;
    return `${t.level && t.level !== ind.level ? `${t.level} ` : ''}${targetText(t, ind.unit, lang)}`;
  }
  return targets
    .map((t) => {
      const label = targetLabel(t, lang);
      return label ? `${label} ${targetText(t, ind.unit, lang)}` : targetText(t, ind.unit, lang);
    })
    .join(' / ');
}

export interface CatalogOptions {
  /** Only indicators that concern this stage, with the targets that apply to it (`catalog --level 初中`). */
  level?: Level;
}

/** The targets of an indicator that apply to a stage: its own, else the ones set for every stage. */
function targetsAt(ind: Indicator, level: Level | undefined): Target[] {
  if (!level) return ind.targets;
  const exact = ind.targets.filter((t) => t.level === level);
  if (exact.length > 0) return exact;
  const general = ind.targets.filter((t) => t.level === undefined || t.level === ind.level);
  return general.length > 0 ? general : ind.targets;
}

export interface CatalogRow {
  plan: string;
  id: string;
  code: string | null;
  section: string;
  name: string;
  nameEn: string | null;
  unit: string;
  kind: Indicator['kind'];
  level: Indicator['level'];
  attribute: Indicator['attribute'] | null;
  comparator: Target['comparator'];
  /** For `relative` targets the relation (≥ …) is here and `comparator` is "relative". */
  relation: Relation | null;
  target: number | [number, number] | boolean | null;
  targetText: string;
  placeholder: string | null;
  baseline: number | null;
  baselineQualifier: Relation | null;
  baselineYear: number | null;
  baselineText: string;
  year: number | null;
  targets: Array<{
    comparator: Target['comparator'];
    target: number | [number, number] | boolean | null;
    year: number | null;
    level: string | null;
    /** Whom the target applies to, when not everyone (九年一贯制学校 …). */
    condition: string | null;
    text: string;
  }>;
  /** Every threshold on one line, labelled by stage, school type or year (see allTargetsText). */
  targetsText: string;
  conflictsWith: string[];
  source: Citation;
}

export function catalogRows(plans: readonly Plan[], options: CatalogOptions = {}): CatalogRow[] {
  const rows: CatalogRow[] = [];
  for (const plan of plans) {
    for (const section of plan.sections) {
      for (const ind of section.indicators) {
        if (options.level && !concernsLevel(ind, options.level)) continue;
        const shown = targetsAt(ind, options.level);
        const t = primaryTarget(ind, plan, shown);
        rows.push({
          plan: plan.id,
          id: ind.id,
          code: ind.code ?? null,
          section: section.title.zh,
          name: ind.name.zh,
          nameEn: ind.name.en ?? null,
          unit: ind.unit,
          kind: ind.kind,
          level: ind.level,
          attribute: ind.attribute ?? null,
          comparator: t.comparator,
          relation: t.comparator === 'relative' ? t.relation : null,
          target: targetValue(t),
          targetText: targetText(t, ind.unit),
          placeholder: 'placeholder' in t && t.placeholder !== undefined ? t.placeholder : null,
          baseline: ind.baseline?.value ?? null,
          baselineQualifier: ind.baseline?.qualifier ?? null,
          baselineYear: ind.baseline?.year ?? null,
          baselineText: baselineText(ind.baseline),
          year: t.year ?? null,
          targets: shown.map((x) => ({
            comparator: x.comparator,
            target: targetValue(x),
            year: x.year ?? null,
            level: x.level ?? null,
            condition: x.condition?.zh ?? null,
            text: targetText(x, ind.unit),
          })),
          targetsText: allTargetsText(ind, shown),
          conflictsWith: ind.conflictsWith ?? [],
          source: ind.source,
        });
      }
    }
  }
  return rows;
}

export interface Conflict {
  plan: string;
  a: CatalogRow;
  b: CatalogRow;
}

/** Declared conflicts (conflictsWith, in either direction), each pair once. */
export function findConflicts(plans: readonly Plan[]): Conflict[] {
  const rows = catalogRows(plans);
  const byKey = new Map(rows.map((r) => [`${r.plan}/${r.id}`, r]));
  const seen = new Set<string>();
  const out: Conflict[] = [];
  for (const plan of plans) {
    for (const ind of allIndicators(plan)) {
      for (const other of ind.conflictsWith ?? []) {
        const key = [ind.id, other].sort().join('|');
        if (seen.has(`${plan.id}/${key}`)) continue;
        seen.add(`${plan.id}/${key}`);
        const a = byKey.get(`${plan.id}/${ind.id}`);
        const b = byKey.get(`${plan.id}/${other}`);
        if (a && b) out.push({ plan: plan.id, a, b });
      }
    }
  }
  return out;
}

/** Indicators whose target the document leaves open (`xx%`). */
export function placeholderRows(plans: readonly Plan[]): CatalogRow[] {
  return catalogRows(plans).filter((r) => r.placeholder !== null);
}
