/**
 * The port is a true subset of Office.js: the real types must be assignable to it. The check is
 * at compile time — `npm run typecheck` (tsc over test/) fails the day a member of
 * `src/excel/port.ts` drifts from `@types/office-js`; jest (isolatedModules, no type check)
 * only runs the trivial assertions below.
 */
import type { ExcelContext, ExcelHost } from '../../src/excel/port';

type Assignable<From, To> = From extends To ? true : false;

// Compile-time checks, kept as values so the compiler evaluates them.
const contextFits: Assignable<Excel.RequestContext, ExcelContext> = true;
const runFits = (run: typeof Excel.run): ExcelHost['run'] => run;

test('Excel.RequestContext and Excel.run fit the port', () => {
  expect(contextFits).toBe(true);
  expect(typeof runFits).toBe('function');
});
