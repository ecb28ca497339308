/**
 * The one error type the Office.js adapter throws: a stable `code` for the task pane to switch on
 * and a bilingual message it can show as is. Host errors (OfficeExtension.Error) are wrapped
 * with a message naming what was being done, never swallowed.
 */
import type { Bilingual } from '../core/i18n/text';

export type ExcelTaskErrorCode =
  /** The running Excel lacks a requirement set the operation cannot do without. */
  | 'requirement'
  /** A sheet or defined name the template needs already exists (and no callback resolved it). */
  | 'conflict'
  /** The user declined in a callback. */
  | 'cancelled'
  /** A protected sheet's password is missing or wrong. */
  | 'password'
  /** A cell to change is locked on a protected sheet. */
  | 'protected'
  /** A sheet named in an issue is gone (renamed or deleted since validation). */
  | 'sheet-missing'
  /** Excel refused the operation for another reason (the host's error is the cause). */
  | 'host';

export class ExcelTaskError extends Error {
  constructor(
    readonly code: ExcelTaskErrorCode,
    readonly text: Bilingual,
    override readonly cause?: unknown,
  ) {
    super(`${text.zh} / ${text.en}`);
    this.name = 'ExcelTaskError';
  }
}

/** The `code` of an OfficeExtension.Error (or of the fake's), when the value is one. */
export function officeErrorCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string') return (e as { code: string }).code;
  return undefined;
}

/** Wraps anything thrown by Excel into an ExcelTaskError saying what was being done. */
export function hostError(doing: Bilingual, e: unknown): ExcelTaskError {
  if (e instanceof ExcelTaskError) return e;
  const code = officeErrorCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  if (code === 'AccessDenied') {
    return new ExcelTaskError(
      'protected',
      { zh: `${doing.zh}失败：单元格已锁定或工作表受保护（${detail}）`, en: `${doing.en} failed: the cell is locked or the sheet is protected (${detail})` },
      e,
    );
  }
  if (code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded') {
    return new ExcelTaskError(
      'host',
      { zh: `${doing.zh}失败：数据量超过 Excel 单次传输上限，请减少单位数后重试`, en: `${doing.en} failed: more data than Excel accepts in one request; try fewer units` },
      e,
    );
  }
  return new ExcelTaskError('host', { zh: `${doing.zh}失败：${detail}`, en: `${doing.en} failed: ${detail}` }, e);
}
