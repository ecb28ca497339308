/**
 * The custom functions by id, for hosts other than Excel (the preview grid): each calls the same
 * implementation as Excel's entry (functions.ts, whose JSDoc makes functions.json), with its
 * arguments in the same order. functions.ts itself is not imported here: the metadata plugin adds
 * `CustomFunctions.associate` calls to it, which only Excel's runtime can run. A test checks that
 * this table and functions.ts list the same ids.
 */
import zhNames from './functions.zh-cn.json';
import {
  achievementImpl,
  balancedImpl,
  diffCoefImpl,
  expectedImpl,
  gapImpl,
  guard,
  indicatorsImpl,
  numberImpl,
  onTrackImpl,
  passImpl,
  per100Impl,
  perPupilImpl,
  statusImpl,
  targetImpl,
  targetTextImpl,
} from './impl';

type Impl = (...args: never[]) => unknown;

const IMPLS: Readonly<Record<string, Impl>> = {
  TARGET: targetImpl,
  TARGETTEXT: targetTextImpl,
  GAP: gapImpl,
  PASS: passImpl,
  STATUS: statusImpl,
  ACHIEVEMENT: achievementImpl,
  ONTRACK: onTrackImpl,
  EXPECTED: expectedImpl,
  PER100: per100Impl,
  PERPUPIL: perPupilImpl,
  DIFFCOEF: diffCoefImpl,
  BALANCED: balancedImpl,
  NUMBER: numberImpl,
  INDICATORS: indicatorsImpl,
};

export type CustomFunction = (...args: unknown[]) => unknown;

/** Function id → the function (errors become Excel errors, as in Excel). */
export const FUNCTION_TABLE: Readonly<Record<string, CustomFunction>> = Object.fromEntries(
  Object.entries(IMPLS).map(([id, f]) => [id, (...args: unknown[]) => guard(() => (f as unknown as CustomFunction)(...args))]),
);

/** Every name a formula may call a function by: `EDU.TARGET` and its Chinese name `EDU.目标值`. */
export function functionsByName(namespace = 'EDU'): Record<string, CustomFunction> {
  const zh = zhNames as Readonly<Record<string, { name: string }>>;
  const out: Record<string, CustomFunction> = {};
  for (const [id, f] of Object.entries(FUNCTION_TABLE)) {
    out[`${namespace}.${id}`] = f;
    const name = zh[id]?.name;
    if (name) out[`${namespace}.${name}`] = f;
  }
  return out;
}
