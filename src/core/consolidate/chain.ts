/**
 * Up the reporting chain: a region's summary is itself a return one level up. Per level, the
 * region is one unit whose inputs are the sums of its counted units' inputs — so a city that
 * consolidates county summaries adds scale figures up and recomputes every rate from the carried
 * parts, and gets the same totals as consolidating every school directly. The sums are carried
 * exactly: a 九年一贯制 school's shared resources split by stage make a count fractional, and the
 * carried return (TemplateOptions.carried) accepts it, so nothing is rounded on the way up.
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
  const templates: TemplateRead[] = c.levels.map((level, i) => {
    const sums = carriedInputs(c, level);
    const inputs: TemplateRead['units'][number]['inputs'] = {};
    for (const id of c.inputs) {
      if (!additive.has(id)) continue;
      // Exactly the sum: a count made fractional by a combined school's stage split stays fractional
      // (a carried return's counts need not be whole), so the city adds up what the county added.
      const v = sums[id] ?? null;
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
      carried: true,
      units: [{ name: region, index: 1, at: cellOf(level, 'unit'), inputs, errors: 0 }],
    };
  });
  return { file, status: 'read', templates, issues: [] };
}
