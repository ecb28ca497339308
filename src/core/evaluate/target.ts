/**
 * Choosing the target that applies to a year and a stage (学段), and turning it into a Threshold.
 *
 * Level: targets written for the requested level win; otherwise targets without a level apply.
 * Without a requested level, targets for several levels are ambiguous (优质均衡 B1: 小学 4.2 /
 * 初中 5.3) unless one of them is the indicator's own level.
 * Year: with a year, the first target due in or after that year (2027 → the 2030 stage of a
 * 2025/2030/2035 plan); when none is due any more, a standing target (no year), else the last one.
 * Without a year: a standing target if there is one, else the last dated target (the final one).
 * Ties keep document order.
 */
import type { Indicator, Level, Target } from '../plan/schema';
import { err, ok, type Result } from './errors';
import { roundTo } from './round';
import type { Threshold } from './threshold';

export interface TargetQuery {
  year?: number;
  level?: Level;
  /** The reported value a relative target compares with (当地公务员平均工资). */
  reference?: number;
}

export interface ResolvedTarget {
  target: Target;
  /** Null when the target has no number: a placeholder (xx%) or a relative target awaiting its reference. */
  threshold: Threshold | null;
  missing?: 'placeholder' | 'reference';
  /** The placeholder text as the source writes it ("xx%"). */
  placeholder?: string;
}

function indicatorLabel(ind: Pick<Indicator, 'id' | 'code'>): string {
  return ind.code ? `${ind.code}（${ind.id}）` : ind.id;
}

/** Targets that apply to a level (see module comment); an issue when there are none or it is ambiguous. */
export function targetsFor(indicator: Indicator, level?: Level): Result<Target[]> {
  const targets = indicator.targets;
  if (level) {
    const exact = targets.filter((t) => t.level === level);
    const pool = exact.length > 0 ? exact : targets.filter((t) => t.level === undefined);
    if (pool.length === 0) {
      const levels = [...new Set(targets.map((t) => t.level).filter((l): l is Level => l !== undefined))];
      return err(
        'no-target',
        `指标 ${indicatorLabel(indicator)} 没有「${level}」的目标（有：${levels.join('、')}）`,
        `indicator ${indicator.id} has no target for ${level} (has: ${levels.join(', ')})`,
      );
    }
    return ok(pool);
  }
  const levels = [...new Set(targets.map((t) => t.level).filter((l): l is Level => l !== undefined))];
  if (levels.length <= 1) return ok(targets);
  const pool = targets.filter((t) => t.level === undefined || t.level === indicator.level);
  if (pool.length === 0) {
    return err(
      'ambiguous-level',
      `指标 ${indicatorLabel(indicator)} 按学段设目标，请指定学段：${levels.join('、')}`,
      `indicator ${indicator.id} has targets per level; give one of: ${levels.join(', ')}`,
    );
  }
  return ok(pool);
}

/** Picks the target for a year among targets of one level (see module comment). */
export function pickByYear(pool: readonly Target[], year?: number): Target | undefined {
  const dated = pool.filter((t) => t.year !== undefined);
  const standing = pool.find((t) => t.year === undefined);
  const byYear = (a: Target, b: Target) => (a.year ?? 0) - (b.year ?? 0);
  if (year !== undefined) {
    const due = dated.filter((t) => (t.year ?? 0) >= year).sort(byYear);
    if (due.length > 0) return due[0];
  }
  if (standing) return standing;
  const last = [...dated].sort(byYear);
  const maxYear = last.length > 0 ? last[last.length - 1]!.year : undefined;
  return last.find((t) => t.year === maxYear);
}

/**
 * A target as a Threshold. Relative targets need `reference` (× factor, cleaned of float noise);
 * placeholders give `threshold: null`.
 */
export function thresholdOf(target: Target, reference?: number): Omit<ResolvedTarget, 'target'> {
  switch (target.comparator) {
    case 'between':
      return { threshold: { op: 'between', low: target.value[0], high: target.value[1] } };
    case 'bool':
      return { threshold: { op: 'bool', value: target.value } };
    case 'relative':
      if (reference === undefined || !Number.isFinite(reference)) return { threshold: null, missing: 'reference' };
      return { threshold: { op: target.relation, value: roundTo(reference * target.factor, 10) } };
    case 'count':
      if (target.value === null) return { threshold: null, missing: 'placeholder', placeholder: target.placeholder };
      return { threshold: { op: '>=', value: target.value } };
    default:
      if (target.value === null) return { threshold: null, missing: 'placeholder', placeholder: target.placeholder };
      return { threshold: { op: target.comparator, value: target.value } };
  }
}

/** The target that applies to {year, level}, with its threshold. */
export function resolveTarget(indicator: Indicator, query: TargetQuery = {}): Result<ResolvedTarget> {
  const pool = targetsFor(indicator, query.level);
  if (!pool.ok) return pool;
  const target = pickByYear(pool.value, query.year);
  if (!target) {
    return err('no-target', `指标 ${indicatorLabel(indicator)} 没有适用的目标`, `indicator ${indicator.id} has no applicable target`);
  }
  return ok({ target, ...thresholdOf(target, query.reference) });
}
