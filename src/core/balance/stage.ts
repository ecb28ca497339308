/**
 * Splitting a combined school (九年一贯制, 完全中学, 十二年一贯制) into stage parts.
 *
 * STAGE-WEIGHT RULE: a resource the school does not account per stage (teachers, floor area,
 * equipment) is split in proportion to WEIGHTED enrolment:
 *     W_s = P_s × w_s,   share_s = W_s / Σ W,   R_s = R × share_s
 * and the stage part keeps its real pupils P_s (the ratio of the part is R_s / P_s).
 * Example (九年一贯制, 小学:初中 = 1:1.1): 600 小学 + 400 初中 pupils, 1000 m² →
 *     W = 600×1 + 400×1.1 = 1040; 小学 1000×600/1040 = 576.92 m² (0.9615 m² per pupil),
 *     初中 1000×440/1040 = 423.08 m² (1.0577 m² per pupil): the older stage carries more per pupil.
 * The weights are plan data (`plan.stageWeights`), never constants in code.
 */
import { err, ok, type Result } from '../evaluate/errors';
import type { Level, Plan, StageWeights } from '../plan/schema';

export interface StagePart {
  level: Level;
  pupils: number;
  weight: number;
  weightedPupils: number;
  share: number;
  amount: number;
}

export type StageWeightMap = Partial<Record<Level, number>>;

/** The weights of a school type (matched on its Chinese or English name) in a plan. */
export function stageWeightsFor(source: Pick<Plan, 'stageWeights'> | readonly StageWeights[], schoolType: string): StageWeightMap | undefined {
  const list = Array.isArray(source) ? (source as readonly StageWeights[]) : ((source as Pick<Plan, 'stageWeights'>).stageWeights ?? []);
  const key = schoolType.normalize('NFKC').trim().toLowerCase();
  const hit = list.find((w) => w.schoolType.zh.normalize('NFKC').trim().toLowerCase() === key || (w.schoolType.en ?? '').trim().toLowerCase() === key);
  return hit?.weights;
}

/** Splits one school's amount across its stages (see the rule above). */
export function splitCombinedSchool(amount: number, pupils: Partial<Record<Level, number>>, weights: StageWeightMap): Result<StagePart[]> {
  if (!Number.isFinite(amount) || amount < 0) return err('invalid-input', `资源量无效（${amount}）`, `invalid amount (${amount})`);
  const levels = (Object.keys(pupils) as Level[]).filter((l) => pupils[l] !== undefined);
  if (levels.length === 0) return err('empty', '没有各学段学生数', 'no pupils by stage');
  let total = 0;
  const parts: StagePart[] = [];
  for (const level of levels) {
    const p = pupils[level]!;
    const w = weights[level];
    if (w === undefined) return err('no-stage-weight', `没有「${level}」的学段权重`, `no stage weight for ${level}`);
    if (!Number.isFinite(p) || p < 0) return err('negative', `「${level}」学生数无效（${p}）`, `invalid pupils for ${level} (${p})`);
    parts.push({ level, pupils: p, weight: w, weightedPupils: p * w, share: 0, amount: 0 });
    total += p * w;
  }
  if (total === 0) return err('zero-pupils', '各学段学生数均为 0', 'no pupils in any stage');
  for (const part of parts) {
    part.share = part.weightedPupils / total;
    part.amount = amount * part.share;
  }
  return ok(parts);
}

export interface SchoolRecord {
  /** The resource amount of the whole school. */
  amount: number;
  /** Pupils per stage; a single-stage school has one entry. */
  pupils: Partial<Record<Level, number>>;
  /** Stage weights for combined schools (required when pupils has more than one stage). */
  weights?: StageWeightMap;
}

/**
 * The (amount, pupils) series of one stage over a county's schools, combined schools split by
 * their stage weights; schools without that stage are left out. Input to weightedDiffCoef.
 */
export function stageSeries(schools: readonly SchoolRecord[], level: Level): Result<{ amounts: number[]; pupils: number[] }> {
  const amounts: number[] = [];
  const pupils: number[] = [];
  for (let i = 0; i < schools.length; i++) {
    const s = schools[i]!;
    const p = s.pupils[level];
    if (p === undefined) continue;
    const stages = (Object.keys(s.pupils) as Level[]).filter((l) => s.pupils[l] !== undefined);
    if (stages.length === 1) {
      amounts.push(s.amount);
      pupils.push(p);
      continue;
    }
    if (!s.weights) return err('no-stage-weight', `第 ${i + 1} 所学校跨学段，缺少学段权重`, `school ${i + 1} spans stages but has no stage weights`);
    const split = splitCombinedSchool(s.amount, s.pupils, s.weights);
    if (!split.ok) {
      return { ok: false, error: { code: split.error.code, message: { zh: `第 ${i + 1} 所学校：${split.error.message.zh}`, en: `school ${i + 1}: ${split.error.message.en}` } } };
    }
    const part = split.value.find((x) => x.level === level)!;
    amounts.push(part.amount);
    pupils.push(part.pupils);
  }
  return ok({ amounts, pupils });
}
