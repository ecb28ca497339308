/**
 * The table of checks with every emitted code recorded by the check that emitted it, so tests
 * that run many workbooks (the corpus, the random grids) can hold each check to the codes it
 * declares.
 */
import { DEFAULT_CHECKS, runChecks, type Check, type IssueCode, type PlanSource, type ValidateOptions } from '../../../src/core/validate';
import type { WorkbookGrid } from '../../../src/core/workbook/grid';

export const emitted = new Map<string, Set<IssueCode>>();

export const INSTRUMENTED: readonly Check[] = DEFAULT_CHECKS.map(
  (c) =>
    ({
      ...c,
      run: (ctx: never) => {
        const out = (c.run as (x: never) => Array<{ code: IssueCode }>)(ctx);
        const set = emitted.get(c.id) ?? new Set<IssueCode>();
        for (const i of out) set.add(i.code);
        emitted.set(c.id, set);
        return out;
      },
    }) as Check,
);

/** Runs the instrumented table over a workbook (its issues are the same as `validate`'s). */
export function runInstrumented(book: WorkbookGrid, plans: PlanSource, options: ValidateOptions = {}): void {
  runChecks(book, plans, options, INSTRUMENTED);
}

/** Each check emitted only codes it declares. */
export function expectDeclaredOnly(): void {
  for (const [id, codes] of emitted) {
    const declared = DEFAULT_CHECKS.find((c) => c.id === id)!.codes;
    expect([id, [...codes].filter((code) => !declared.includes(code))]).toEqual([id, []]);
  }
}
