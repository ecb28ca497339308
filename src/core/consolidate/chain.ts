/**
 * Up the reporting chain: a region's summary is itself a return one level up. Per level, the
 * region is one unit whose inputs are the sums of its counted units' inputs — so a city that
 * consolidates county summaries adds scale figures up and recomputes every rate from the carried
 * parts, and gets the same totals as consolidating every school directly.
 */
import type { Plan } from '../plan/schema';
import { TEMPLATE_VERSION } from '../template/spec';
import type { Consolidation, ReturnRead, TemplateRead } from './types';

/** Σ of each input over the counted units of a level (null when no unit has a number for it). */
export function carriedInputs(c: Consolidation, level: string): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const id of c.inputs) {
    let sum = 0;
    let any = false;
    for (const u of c.units) {
      if (u.level !== level || !u.included) continue;
      const v = u.inputs[id];
      if (typeof v === 'number') {
        sum += v;
        any = true;
      }
    }
    out[id] = any ? sum : null;
  }
  return out;
}

/**
 * The value a region carries up for an input: the sum, except that a count made fractional by a
 * combined school's stage split (资源按学段权重分摊) is carried as the nearest whole number — a
 * return's count must be whole; the exact split stays in 明细 and 差异系数.
 */
export function carriedValue(kind: string | undefined, sum: number): number {
  return kind === 'count' && !Number.isInteger(sum) ? Math.round(sum) : sum;
}

/** Inputs a region can carry up: counts and amounts add up; typed rates and yes/no answers do not. */
export function additiveInputs(c: Consolidation, plan: Plan): string[] {
  const kinds = new Map(plan.inputs.map((i) => [i.id, i.kind]));
  return c.inputs.filter((id) => {
    const kind = kinds.get(id);
    return kind === 'count' || kind === 'amount';
  });
}

/**
 * The summary as the read of a return (one unit per level, named `region`): what the city's
 * consolidation reads back from the county's summary.xlsx. Cells are the summary's own.
 */
export function summaryAsReturn(
  c: Consolidation,
  plan: Plan,
  region: string,
  file: string,
  cellOf: (level: string, input: string) => { sheet: string; cell: string } = (level, input) => ({ sheet: level || '汇总', cell: input }),
): ReturnRead {
  const additive = new Set(additiveInputs(c, plan));
  const kinds = new Map(plan.inputs.map((i) => [i.id, i.kind]));
  const templates: TemplateRead[] = c.levels.map((level, i) => {
    const sums = carriedInputs(c, level);
    const inputs: TemplateRead['units'][number]['inputs'] = {};
    for (const id of c.inputs) {
      if (!additive.has(id)) continue;
      const sum = sums[id] ?? null;
      const v = sum === null ? null : carriedValue(kinds.get(id), sum);
      inputs[id] = { value: v, ...(v === null ? { missing: '暂无数据' as const } : {}), ...cellOf(level, id) };
    }
    return {
      planId: c.plan.id,
      planVersion: c.plan.version,
      templateVersion: TEMPLATE_VERSION,
      planHash: c.plan.hash,
      kind: 'return',
      level: level || undefined,
      year: c.year,
      instance: i + 1,
      units: [{ name: region, index: 1, at: cellOf(level, 'unit'), inputs, errors: 0 }],
    };
  });
  return { file, status: 'read', templates, issues: [] };
}
