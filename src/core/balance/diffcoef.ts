/**
 * The weighted 校际差异系数 (coefficient of variation between schools), exactly as the national
 * 优质均衡 standard defines it — weighted by enrolment, one indicator at a time:
 *
 *   school i: resource amount R_i, pupils P_i, ratio x_i = R_i / P_i   (× 100 for "per 100 pupils")
 *   county mean      X̄ = ΣR_i / ΣP_i                                    (× 100 likewise)
 *   weighted SD      S = √( Σ (P_i / ΣP) · (x_i − X̄)² )
 *   coefficient     CV = S / X̄
 *
 * Not the unweighted CV of the school ratios, and never an average of several indicators' CVs.
 * Note the ×100 cancels in S / X̄: `per100` changes the mean and SD reported, not the CV.
 * Deviations smaller than 1e-12 × X̄ are float noise and count as 0, so equal schools give exactly 0.
 */
import { EduError, err, ok, type Result } from '../evaluate/errors';
import { roundTo } from '../evaluate/round';
import type { Level, Plan } from '../plan/schema';
import { NATIONAL_BALANCE, type BalanceLevel } from './national';

export interface DiffCoefOptions {
  /** Ratios per 100 pupils (B1–B3, B7) rather than per pupil (B4–B6). */
  per100?: boolean;
}

export interface DiffCoefDetail {
  cv: number;
  /** X̄, the county mean ratio. */
  mean: number;
  /** S, the enrolment-weighted standard deviation of the school ratios. */
  sd: number;
  totalAmount: number;
  totalPupils: number;
  /** x_i per school. */
  ratios: number[];
  /** P_i / ΣP per school. */
  weights: number[];
}

/** The coefficient is decided at 3 decimals: ROUND(cv, 3) <= limit. */
export const DIFFCOEF_PRECISION = 3;

/** Weighted CV with every intermediate (see the module comment); a typed issue instead of NaN. */
export function weightedDiffCoefDetail(amounts: readonly number[], pupils: readonly number[], opts: DiffCoefOptions = {}): Result<DiffCoefDetail> {
  if (amounts.length !== pupils.length) {
    return err('length-mismatch', `资源量（${amounts.length} 所）与学生数（${pupils.length} 所）个数不一致`, `${amounts.length} amounts but ${pupils.length} pupil counts`);
  }
  if (amounts.length === 0) return err('empty', '没有学校数据', 'no schools');
  for (let i = 0; i < amounts.length; i++) {
    const r = amounts[i]!;
    const p = pupils[i]!;
    if (!Number.isFinite(r) || !Number.isFinite(p)) {
      return err('invalid-input', `第 ${i + 1} 所学校的数值无效`, `school ${i + 1}: not a finite number`);
    }
    if (r < 0) return err('negative', `第 ${i + 1} 所学校的资源量为负数（${r}）`, `school ${i + 1}: negative amount (${r})`);
    if (p < 0) return err('negative', `第 ${i + 1} 所学校的学生数为负数（${p}）`, `school ${i + 1}: negative pupil count (${p})`);
    if (p === 0) return err('zero-pupils', `第 ${i + 1} 所学校的学生数为 0，无法计算生均/每百名学生值`, `school ${i + 1} has no pupils`);
  }
  const k = opts.per100 ? 100 : 1;
  let totalAmount = 0;
  let totalPupils = 0;
  for (let i = 0; i < amounts.length; i++) {
    totalAmount += amounts[i]!;
    totalPupils += pupils[i]!;
  }
  const mean = (totalAmount * k) / totalPupils;
  if (!(mean > 0)) return err('zero-mean', '全县平均值为 0，差异系数无定义', 'the county mean is 0: the coefficient is undefined');
  const ratios: number[] = new Array<number>(amounts.length);
  const weights: number[] = new Array<number>(amounts.length);
  let variance = 0;
  const noise = mean * 1e-12;
  for (let i = 0; i < amounts.length; i++) {
    const x = (amounts[i]! * k) / pupils[i]!;
    const w = pupils[i]! / totalPupils;
    ratios[i] = x;
    weights[i] = w;
    const d = Math.abs(x - mean) <= noise ? 0 : x - mean;
    variance += w * d * d;
  }
  const sd = Math.sqrt(variance);
  return ok({ cv: sd / mean, mean, sd, totalAmount, totalPupils, ratios, weights });
}

/** The weighted 校际差异系数. Throws EduError (length-mismatch, zero-pupils, zero-mean …). */
export function weightedDiffCoef(amounts: readonly number[], pupils: readonly number[], opts: DiffCoefOptions = {}): number {
  const r = weightedDiffCoefDetail(amounts, pupils, opts);
  if (!r.ok) throw new EduError(r.error);
  return r.value.cv;
}

/** The county limit for a level: the plan's `balance.cvLimit`, else 0.50 (小学) / 0.45 (初中). */
export function diffCoefLimit(level: BalanceLevel | Level, plan?: Pick<Plan, 'balance'>): number | undefined {
  return plan?.balance?.cvLimit[level as Level] ?? (level === '小学' || level === '初中' ? NATIONAL_BALANCE.cvLimit[level] : undefined);
}

/** ROUND(cv, 3) <= limit. */
export function diffCoefPasses(cv: number, limit: number): boolean {
  return roundTo(cv, DIFFCOEF_PRECISION) <= limit;
}
