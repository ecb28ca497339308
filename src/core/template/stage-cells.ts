/**
 * The formulas of a template covering several stages, shared by the return and the unit table:
 * an indicator's value from its inputs, where an input collected per stage (pupils) is read from
 * its stage's cell, a shared resource is multiplied by the stage's share (balance/stage.ts), and
 * an indicator that is not per stage reads the sum of the stage parts.
 */
import type { Level } from '../plan/schema';
import { ratioFormula, stagePartsTotal, stageRatioFormula, stageSumFormula, sumFormula, type StagePart } from './formulas';
import type { IndicatorModel, StageSplit } from './model';

/** Where a template's inputs are: the cell of an input id (plan id or per-stage id). */
export type CellOf = (inputId: string) => string;

/** The reference of a plan input for an indicator that is not per stage (the sum of its stage parts when collected per stage). */
export function wholeRef(split: StageSplit | undefined, cellOf: CellOf, id: string): string {
  const perStage = split?.collected.get(id);
  return perStage ? stagePartsTotal([...perStage.values()].map(cellOf)) : cellOf(id);
}

/** The part of a plan input that belongs to one stage. */
function stagePart(split: StageSplit, cellOf: CellOf, id: string, stage: Level): StagePart {
  const perStage = split.collected.get(id);
  if (perStage?.has(stage)) return { ref: cellOf(perStage.get(stage)!), split: false };
  return { ref: cellOf(id), split: split.split.has(id) };
}

/**
 * The value formula of a computed (ratio or sum) model; undefined for a direct one. `shareOf`
 * gives the cell of a stage's share (only asked when the model splits a shared input).
 */
export function computedValueFormula(m: IndicatorModel, split: StageSplit | undefined, cellOf: CellOf, shareOf: (stage: Level) => string | undefined): string | undefined {
  const c = m.indicator.compute;
  if (c.kind === 'direct') return undefined;
  if (m.stage && split) {
    const part = (id: string) => stagePart(split, cellOf, id, m.stage!);
    const share = shareOf(m.stage);
    if (c.kind === 'ratio') return stageRatioFormula(c.numerator.map(part), c.denominator.map(part), share, c.scale);
    return stageSumFormula(c.inputs.map(part), share);
  }
  const ref = (id: string) => wholeRef(split, cellOf, id);
  if (c.kind === 'ratio') return ratioFormula(c.numerator.map(ref), c.denominator.map(ref), c.scale);
  return sumFormula(c.inputs.map(ref));
}
