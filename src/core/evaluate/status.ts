/**
 * Status of a value against its target: 达标 / 接近 / 未达标 / 无数据 / 目标未定.
 *
 * Order: no threshold (placeholder target, xx%) → unknownTarget; no number (missing code, blank,
 * invalid text) → noData; gap = 0 → met; gap ≤ band → near; else unmet. See threshold.ts for the gap
 * and tolerance.ts for the band.
 */
import type { Bilingual } from '../i18n/text';
import { coerceNumber, isCoerced, type Coerced } from '../coerce';
import { explicitPrecision, gap, type Threshold } from './threshold';

export type Status = 'met' | 'near' | 'unmet' | 'noData' | 'unknownTarget';

export const STATUSES: readonly Status[] = ['met', 'near', 'unmet', 'noData', 'unknownTarget'];

export const STATUS_LABEL: Readonly<Record<Status, Bilingual>> = {
  met: { zh: '达标', en: 'Met' },
  near: { zh: '接近', en: 'Near' },
  unmet: { zh: '未达标', en: 'Not met' },
  noData: { zh: '无数据', en: 'No data' },
  unknownTarget: { zh: '目标未定', en: 'Target unknown' },
};

/** A missed 约束性 (binding) target: its own text, not just 未达标. */
export const BINDING_UNMET_LABEL: Bilingual = { zh: '未达标（约束性）', en: 'Not met (binding)' };

/** A value that cannot be (a share whose part exceeds its total): never 达标. */
export const INVALID_LABEL: Bilingual = { zh: '数据有误', en: 'Invalid data' };

/** The words a status is shown with: 数据有误 for an impossible value, 未达标（约束性） for a missed binding target. */
export function statusLabelOf(status: Status, binding: boolean, invalid = false): Bilingual {
  if (invalid) return INVALID_LABEL;
  return status === 'unmet' && binding ? BINDING_UNMET_LABEL : STATUS_LABEL[status];
}

/**
 * The largest value a measure can take, when it has one: a net rate (巩固率, 占比) cannot exceed
 * 100 %; above it the part exceeds its total. Gross ratios (毛入园率) can.
 */
export function impossibleAbove(kind: string): number | undefined {
  return kind === 'rate' ? 100 : undefined;
}

export interface StatusOptions {
  /** Decimals the value is decided at (default: 2, or the target's own decimals). */
  precision?: number;
  /** Absolute width of the 接近 band (default 0: no 接近). */
  band?: number;
}

/** Status from a number (or any raw / coerced value) and a threshold (null: target unknown). */
export function status(actual: unknown, threshold: Threshold | null, opts: StatusOptions = {}): Status {
  if (threshold === null) return 'unknownTarget';
  const c: Coerced = isCoerced(actual) ? actual : typeof actual === 'boolean' ? { kind: 'number', value: actual ? 1 : 0, normalized: true } : coerceNumber(actual);
  if (c.kind !== 'number') return 'noData';
  const p = opts.precision ?? explicitPrecision(threshold);
  const g = gap(c.value, threshold, p);
  if (g === 0) return 'met';
  return g <= (opts.band ?? 0) ? 'near' : 'unmet';
}
