/**
 * An indicator's value from the inputs a filler typed (统计口径):
 *   direct: the input with the indicator's own id;
 *   ratio:  Σ numerator × scale ÷ Σ denominator   (Excel: SUM(num)*scale/SUM(den));
 *   sum:    Σ inputs.
 * A missing part (blank, 不适用, 暂无数据, —, or absent from `inputs`) makes the whole value missing,
 * never 0; an invalid part is an error; a zero denominator is a typed error, never Infinity/NaN.
 */
import type { Bilingual } from '../i18n/text';
import type { Coerced } from '../coerce';
import type { Indicator, Plan } from '../plan/schema';
import type { EduIssue } from './errors';
import { indicatorInputs } from '../plan/registry';

export type Computed =
  | { kind: 'number'; value: number }
  | { kind: 'missing'; inputs: string[] }
  | { kind: 'error'; issue: EduIssue; inputs: string[] };

function collect(ids: readonly string[], inputs: Readonly<Record<string, Coerced>>): { sum: number; missing: string[]; bad: Array<[string, Bilingual]> } {
  let sum = 0;
  const missing: string[] = [];
  const bad: Array<[string, Bilingual]> = [];
  for (const id of ids) {
    const c = Object.prototype.hasOwnProperty.call(inputs, id) ? inputs[id] : undefined;
    if (!c || c.kind === 'missing') missing.push(id);
    else if (c.kind === 'error') bad.push([id, c.message]);
    else sum += c.value;
  }
  return { sum, missing, bad };
}

function inputName(plan: Plan | undefined, id: string): string {
  return plan?.inputs.find((i) => i.id === id)?.name.zh ?? id;
}

/** Computes an indicator's value from coerced inputs (see the module comment). */
export function computeIndicator(plan: Plan | undefined, indicator: Indicator, inputs: Readonly<Record<string, Coerced>>): Computed {
  const compute = indicator.compute;
  const ids = indicatorInputs(indicator);
  const all = collect(ids, inputs);
  if (all.bad.length > 0) {
    const [id, msg] = all.bad[0]!;
    return {
      kind: 'error',
      inputs: all.bad.map(([i]) => i),
      issue: { code: 'invalid-input', message: { zh: `「${inputName(plan, id)}」${msg.zh}`, en: `${id}: ${msg.en}` } },
    };
  }
  if (all.missing.length > 0) return { kind: 'missing', inputs: all.missing };
  if (compute.kind !== 'ratio') return { kind: 'number', value: all.sum };
  const num = collect(compute.numerator, inputs).sum;
  const den = collect(compute.denominator, inputs).sum;
  if (den === 0) {
    const names = compute.denominator.map((i) => inputName(plan, i)).join(' + ');
    return {
      kind: 'error',
      inputs: [...compute.denominator],
      issue: { code: 'zero-denominator', message: { zh: `分母「${names}」为 0，无法计算比率`, en: `the denominator (${compute.denominator.join(' + ')}) is 0` } },
    };
  }
  // Multiply first, divide once: 42 × 100 / 1000 is exactly 4.2 (42 / 1000 × 100 is not).
  const value = (num * compute.scale) / den;
  if (!Number.isFinite(value)) {
    return { kind: 'error', inputs: ids, issue: { code: 'invalid-input', message: { zh: '计算结果超出范围', en: 'result out of range' } } };
  }
  return { kind: 'number', value };
}
