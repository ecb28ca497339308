/**
 * The real Office.js host: `Excel.run` and the requirement-set check, taken from the globals
 * Office.js defines once `Office.onReady` has resolved. Read through `globalThis` (typed here by
 * the port, not by @types/office-js) so this folder compiles without Office's DOM globals and the
 * fake can stand in wherever Office.js is absent.
 */
import type { ExcelHost } from './port';

interface OfficeGlobals {
  Excel?: { run: ExcelHost['run'] };
  Office?: { context?: { requirements?: { isSetSupported(name: string, minVersion?: string): boolean } } };
}

/** True when Office.js is loaded and running inside Excel. */
export function hasOfficeHost(): boolean {
  const g = globalThis as OfficeGlobals;
  return typeof g.Excel?.run === 'function' && typeof g.Office?.context?.requirements?.isSetSupported === 'function';
}

/** The running Excel as an ExcelHost. Call after `Office.onReady`. */
export function officeHost(): ExcelHost {
  const g = globalThis as OfficeGlobals;
  if (!hasOfficeHost()) {
    throw new Error('Office.js 未加载或不在 Excel 中运行 / Office.js is not loaded or not running in Excel');
  }
  return {
    run: (batch) => g.Excel!.run(batch),
    isSetSupported: (name, minVersion) => g.Office!.context!.requirements!.isSetSupported(name, minVersion),
  };
}
