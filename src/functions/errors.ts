/**
 * Excel errors for the custom functions. In Excel they are `CustomFunctions.Error`; where that
 * class does not exist (jest, Node) the factory makes an equivalent plain object, so the same code
 * runs and is tested everywhere. Messages follow the display language (Chinese by default).
 */
import { pick, type Bilingual, type Lang, DEFAULT_LANG } from '../core/i18n/text';

/** The Excel error values the functions return. Only #VALUE! and #N/A show a custom message. */
export type ExcelErrorCode = '#VALUE!' | '#N/A' | '#DIV/0!' | '#NUM!' | '#REF!' | '#NAME?' | '#NULL!';

/** The stand-in for CustomFunctions.Error outside Excel: the same two fields. */
export class PlainFunctionError {
  constructor(
    readonly code: ExcelErrorCode,
    readonly message?: string,
  ) {}
}

let lang: Lang = DEFAULT_LANG;

/** The language of error messages and status texts (set from Office's display language). */
export function setFunctionLang(next: Lang): void {
  lang = next;
}

export function functionLang(): Lang {
  return lang;
}

export function text(t: Bilingual): string {
  return pick(t, lang);
}

function hasRuntime(): boolean {
  return typeof CustomFunctions !== 'undefined' && typeof CustomFunctions.Error === 'function';
}

/** A CustomFunctions.Error (or its plain stand-in) with a message in the current language. */
export function excelError(code: ExcelErrorCode, message: Bilingual): CustomFunctions.Error {
  const m = text(message);
  if (hasRuntime()) return new CustomFunctions.Error(code as unknown as CustomFunctions.ErrorCode, m);
  return new PlainFunctionError(code, m) as unknown as CustomFunctions.Error;
}

export function isExcelError(x: unknown): x is CustomFunctions.Error {
  if (x instanceof PlainFunctionError) return true;
  return hasRuntime() && x instanceof CustomFunctions.Error;
}

/** Throwable shorthands. */
export const valueError = (zh: string, en: string): CustomFunctions.Error => excelError('#VALUE!', { zh, en });
export const naError = (zh: string, en: string): CustomFunctions.Error => excelError('#N/A', { zh, en });
