/**
 * Inputs for filling generated templates in tests: a reproducible generator (mulberry32) and one
 * unit's values — counts and amounts, shares, yes/no answers, missing codes, now and then a zero —
 * for the input ids a template asks for, plus the template options worth computing for a plan.
 */
import type { Plan } from '../../src/core/plan/schema';
import type { TemplateOptions } from '../../src/core/template/options';
import type { UnitInputs } from './expected';

/** Deterministic PRNG (mulberry32), so a failure can be reproduced. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MISSING = ['不适用', '暂无数据', '—', null] as const;

/** One unit's inputs for the ids a template asks for. */
export function unitInputs(plan: Plan, ids: readonly string[], r: () => number): UnitInputs {
  const direct = new Map(plan.sections.flatMap((s) => s.indicators).map((i) => [i.id, i]));
  const out: UnitInputs = {};
  for (const id of ids) {
    const ind = direct.get(id);
    const roll = r();
    if (roll < 0.08) out[id] = MISSING[Math.floor(r() * MISSING.length)];
    else if (roll < 0.12) out[id] = 0;
    else if (ind && (ind.kind === 'boolean' || ind.targets.every((t) => t.comparator === 'bool'))) out[id] = ['是', '否', 'yes', null][Math.floor(r() * 4)];
    else if (ind?.kind === 'coefficient') out[id] = Math.round(r() * 60) / 100;
    else if (ind && ind.unit === '%') out[id] = Math.round(800 + r() * 250) / 10;
    else if (ind && ind.kind !== 'count') out[id] = Math.round(r() * 150000) / 10;
    // Counts are whole (the core refuses a fractional count; the template would round it).
    else out[id] = Math.round(r() * 3000);
  }
  return out;
}

/** A return and a unit table, per stage where a plan's stages differ (the 优质均衡 rules). */
export function templateOptionsFor(plan: Plan): TemplateOptions[] {
  const levels = plan.balance ? ['小学', '初中'] : [undefined];
  return levels.flatMap((level): TemplateOptions[] => [
    { kind: 'return', level, year: 2025, units: ['测试单位'] },
    { kind: 'units', level, year: 2025, units: ['甲校', '乙校', '丙校', '丁校', '戊校', '=己校'] },
  ]);
}
