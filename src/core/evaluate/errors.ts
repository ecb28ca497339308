/**
 * Issues as plain data (a stable kebab-case `code` plus a bilingual message), a `Result` for
 * callers that branch on failure, and `EduError` for the throwing variants.
 */
import type { Bilingual } from '../i18n/text';

export type EduIssueCode =
  | 'invalid-input'
  | 'unknown-plan'
  | 'unknown-indicator'
  | 'ambiguous-indicator'
  | 'no-target'
  | 'ambiguous-level'
  | 'target-missing'
  | 'invalid-comparator'
  | 'invalid-argument'
  | 'length-mismatch'
  | 'empty'
  | 'zero-pupils'
  | 'zero-denominator'
  | 'zero-mean'
  | 'negative'
  | 'no-baseline'
  | 'no-path'
  | 'unknown-level'
  | 'no-stage-weight';

export interface EduIssue {
  code: EduIssueCode;
  message: Bilingual;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: EduIssue };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: EduIssueCode, zh: string, en: string): Result<T> {
  return { ok: false, error: { code, message: { zh, en } } };
}

/** The throwing form of an issue: `message` is "中文 / English", `issue` keeps the parts. */
export class EduError extends Error {
  readonly code: EduIssueCode;
  readonly text: Bilingual;

  constructor(issue: EduIssue) {
    super(`${issue.message.zh} / ${issue.message.en}`);
    this.name = 'EduError';
    this.code = issue.code;
    this.text = issue.message;
  }

  get issue(): EduIssue {
    return { code: this.code, message: this.text };
  }
}

/** Unwraps a Result, throwing EduError on failure. */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new EduError(r.error);
}
