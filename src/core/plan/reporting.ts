/**
 * Who reports what (填报与判定层级), and which stages (学段) an indicator belongs to.
 *
 * A plan may state `reportedBy` on an indicator or input and `reporter` on itself; where it does
 * not, the level is derived from the data so that every shipped plan gets it right:
 *
 *   plan      region ending in 省 → province, 市 → city, else county (县、区, and national
 *             standards such as 县域…督导评估办法, which judge a county)
 *   indicator level 学校, or one of the plan's 优质均衡 school indicators → school;
 *             a name saying 全县/全区/本县/县域 → county, 全市 → city, 全省 → province;
 *             level 县域 → county; in a county plan → county; in a city or province plan a
 *             scale figure (a count or amount such as 在园幼儿 ≥11万人, or a yes/no about the
 *             whole region) → the plan's level, a rate or per-pupil figure → county (each county's
 *             own rate is comparable with the target, its share of a city-wide total is not)
 *   input     level 学校 → school, level 县域 → county; else the lowest level of the indicators
 *             it feeds (a school knows its pupils because a school indicator needs them); an
 *             input no indicator uses → the plan's level
 *
 * `consolidation` indicators (校际差异系数 from the schools of a county) are computed from the
 * rows of the level below and judged at the level above them; nobody types them.
 */
import type { Indicator, IndicatorReporter, Input, Level, Plan, Reporter } from './schema';
import { indicatorInputs } from './registry';

export const REPORTERS: readonly Reporter[] = ['school', 'county', 'city', 'province'];

const RANK: Record<IndicatorReporter, number> = { school: 0, consolidation: 1, county: 1, city: 2, province: 3 };

export const REPORTER_LABEL: Record<IndicatorReporter, { zh: string; en: string }> = {
  school: { zh: '学校', en: 'school' },
  county: { zh: '区县', en: 'county' },
  city: { zh: '市', en: 'city' },
  province: { zh: '省', en: 'province' },
  consolidation: { zh: '汇总计算', en: 'computed at consolidation' },
};

/** Parses `school|county|city|province` or 学校/区县/县/市/省. */
export function parseReporter(text: string): Reporter | undefined {
  const t = text.trim().toLowerCase();
  if ((REPORTERS as readonly string[]).includes(t)) return t as Reporter;
  const zh: Record<string, Reporter> = { 学校: 'school', 校: 'school', 区县: 'county', 县: 'county', 区: 'county', 县区: 'county', 市: 'city', 地市: 'city', 省: 'province' };
  return zh[text.trim()];
}

/** The level a plan's own targets are set for. */
export function planReporter(plan: Pick<Plan, 'reporter' | 'region'>): Reporter {
  if (plan.reporter) return plan.reporter;
  const region = plan.region.zh.trim();
  if (/省$/.test(region)) return 'province';
  if (/市$/.test(region)) return 'city';
  return 'county';
}

/** The level below a reporter: the units its unit table lists (a county lists its schools). */
export function reporterBelow(r: Reporter): Reporter | undefined {
  return r === 'school' ? undefined : REPORTERS[REPORTERS.indexOf(r) - 1];
}

export function reporterRank(r: IndicatorReporter): number {
  return RANK[r];
}

/** A number whose size adds up over units (a count or amount), not a rate or per-pupil figure. */
export function isScaleFigure(ind: Pick<Indicator, 'kind' | 'targets' | 'unit'>): boolean {
  // Hours, years and lessons per pupil do not add up over units.
  if (/小时|学时|年|节|次|%/.test(ind.unit)) return false;
  if (ind.kind === 'count' || ind.kind === 'amount') return !ind.targets.some((t) => t.comparator === 'count' && t.per !== undefined);
  return ind.kind === 'boolean';
}

/** Who reports an indicator and whose figure is judged (see the module comment). */
export function indicatorReporter(plan: Pick<Plan, 'reporter' | 'region' | 'balance'>, ind: Indicator): IndicatorReporter {
  if (ind.reportedBy) return ind.reportedBy;
  if (ind.level === '学校') return 'school';
  if (plan.balance?.indicators.includes(ind.id)) return 'school';
  const name = ind.name.zh;
  if (/全省/.test(name)) return 'province';
  if (/全市/.test(name)) return 'city';
  if (/全县|全区|本县|县域/.test(name)) return 'county';
  if (ind.level === '县域') return 'county';
  const scope = planReporter(plan);
  if (scope === 'county' || scope === 'school') return scope;
  return isScaleFigure(ind) ? scope : 'county';
}

/** The lowest level that knows an input (see the module comment). */
export function inputReporter(plan: Plan, input: Input): Reporter {
  if (input.reportedBy) return input.reportedBy;
  if (input.level === '学校') return 'school';
  if (input.level === '县域') return 'county';
  let best: Reporter | undefined;
  for (const ind of plan.sections.flatMap((s) => s.indicators)) {
    const uses = indicatorInputs(ind).includes(input.id) || ind.targets.some((t) => t.comparator === 'relative' && t.reference.input === input.id);
    if (!uses) continue;
    const r = indicatorReporter(plan, ind);
    const asReporter: Reporter = r === 'consolidation' ? 'school' : r;
    if (best === undefined || RANK[asReporter] < RANK[best]) best = asReporter;
  }
  return best ?? planReporter(plan);
}

/** Stages (学段) proper, and the groups that contain several. */
const STAGE_GROUPS: Partial<Record<Level, Level[]>> = {
  学前: ['学前'],
  小学: ['小学'],
  初中: ['初中'],
  义务教育: ['小学', '初中'],
  高中: ['高中'],
  中职: ['中职'],
  高中阶段: ['高中', '中职'],
  职业教育: ['中职', '高等教育'],
  高等教育: ['高等教育'],
};

/** The stages a level covers; undefined for levels that are not stages (教师, 县域, 特殊教育, 全学段 …). */
export function stagesOf(level: Level): Level[] | undefined {
  return STAGE_GROUPS[level];
}

/**
 * True when an indicator concerns the chosen stage: its level overlaps it (义务教育 ⊇ 小学), or
 * it is not a stage (教师, 县域, 特殊教育 …); an indicator whose targets are all set per stage
 * needs one for the chosen stage.
 */
export function concernsLevel(ind: Indicator, chosen: Level): boolean {
  const wanted = stagesOf(chosen);
  if (!wanted) return true;
  const own = stagesOf(ind.level);
  if (own && !own.some((s) => wanted.includes(s))) return false;
  const levelled = ind.targets.filter((t) => t.level !== undefined);
  if (levelled.length > 0 && levelled.length === ind.targets.length) {
    return levelled.some((t) => t.level === chosen || (stagesOf(t.level!) ?? []).some((s) => wanted.includes(s)));
  }
  return true;
}

/**
 * The stages an indicator has separate thresholds for (优质均衡 B1: 小学 4.2 / 初中 5.3), in
 * target order; empty when one threshold applies whatever the stage.
 */
export function thresholdStages(ind: Indicator): Level[] {
  const levels = [...new Set(ind.targets.map((t) => t.level).filter((l): l is Level => l !== undefined))];
  if (levels.length <= 1) return [];
  if (ind.targets.some((t) => t.level === undefined || t.level === ind.level)) return [];
  return levels;
}
