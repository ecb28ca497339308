/**
 * Reading plan data from untrusted JSON: size- and shape-limited, every problem named by
 * its JSON path in Chinese and English.
 */
import { z } from 'zod';
import { Plan } from './schema';
import type { Bilingual } from '../i18n/text';
import { decodeText, TextDecodeError } from '../text/decode';
import { PLAN_LIMITS } from './limits';

export { PLAN_LIMITS } from './limits';

export interface PlanIssue {
  /** JSON path, e.g. `$.sections[0].indicators[3].targets[0].value`. */
  path: string;
  message: Bilingual;
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] };

/** `$.a[0].b` from zod's path array. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '是/否',
  object: '对象',
  array: '数组',
  null: '空值',
  undefined: '缺失',
  int: '整数',
};

function describeReceived(input: unknown): string {
  if (input === undefined) return 'undefined';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/** The received value itself, short: `"95%"`, `95.5`, `1e+400`. */
function shownValue(input: unknown): string {
  let text: string;
  if (typeof input === 'number') text = String(input);
  else if (typeof input === 'string') text = JSON.stringify(input);
  else if (typeof input === 'boolean') text = String(input);
  else return '';
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * A type mismatch says what was received, never "应为数字，实际为数字": the received value is
 * shown (`文本 "95%"`), and a number that is the wrong kind of number says why (a fraction where
 * a whole number belongs, a number too large for JSON to hold).
 */
function describeTypeMismatch(expected: string, input: unknown): Bilingual {
  const want = TYPE_ZH[expected] ?? expected;
  const shown = shownValue(input);
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) {
      return { zh: `类型错误：应为${want}，实际为超出范围的数（${shown}）`, en: `expected ${expected}, received an out-of-range number (${shown})` };
    }
    if (expected === 'int') {
      return { zh: `类型错误：应为整数，实际为带小数的 ${shown}`, en: `expected a whole number, received ${shown}` };
    }
  }
  const received = describeReceived(input);
  const got = TYPE_ZH[received] ?? received;
  return {
    zh: `类型错误：应为${want}，实际为${got}${shown ? ` ${shown}` : ''}`,
    en: `expected ${expected}, received ${received}${shown ? ` ${shown}` : ''}`,
  };
}

/** Our own bilingual custom messages are written "中文 / English". */
function splitBilingual(message: string): Bilingual {
  const at = message.indexOf(' / ');
  if (at < 0) return { zh: message, en: message };
  return { zh: message.slice(0, at), en: message.slice(at + 3) };
}

/** One zod issue as a bilingual message. */
export function describeIssue(issue: z.core.$ZodIssue): Bilingual {
  switch (issue.code) {
    case 'invalid_type': {
      const received = describeReceived(issue.input);
      if (received === 'undefined') {
        return { zh: `缺少必填项（应为${TYPE_ZH[issue.expected] ?? issue.expected}）`, en: `required ${issue.expected} is missing` };
      }
      return describeTypeMismatch(issue.expected, issue.input);
    }
    case 'too_small':
      return {
        zh: `过小：不能小于 ${String(issue.minimum)}${issue.origin === 'string' ? ' 个字符' : issue.origin === 'array' ? ' 项' : ''}`,
        en: `too small: minimum is ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`,
      };
    case 'too_big':
      return {
        zh: `过大：不能大于 ${String(issue.maximum)}${issue.origin === 'string' ? ' 个字符' : issue.origin === 'array' ? ' 项' : ''}`,
        en: `too big: maximum is ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`,
      };
    case 'invalid_value':
      return {
        zh: `取值无效：应为 ${issue.values.map((v) => JSON.stringify(v)).join('、')} 之一`,
        en: `invalid value: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'unrecognized_keys':
      return { zh: `未知字段：${issue.keys.join('、')}`, en: `unknown keys: ${issue.keys.join(', ')}` };
    case 'invalid_union':
      return {
        zh: '不符合任何允许的形式（检查 comparator 与 value 是否匹配）',
        en: 'matches none of the allowed shapes (check that comparator and value agree)',
      };
    case 'invalid_format':
      return splitBilingual(issue.message);
    case 'custom':
      return splitBilingual(issue.message);
    default:
      return { zh: `无效：${issue.message}`, en: issue.message };
  }
}

/** The deepest nesting of a parsed JSON value, measured iteratively (no stack overflow on hostile input). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (d > PLAN_LIMITS.maxDepth) return d;
    if (v && typeof v === 'object') {
      for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
    }
  }
  return max;
}

function countIndicators(value: unknown): number {
  const sections = (value as { sections?: unknown })?.sections;
  if (!Array.isArray(sections)) return 0;
  let n = 0;
  for (const s of sections) {
    const inds = (s as { indicators?: unknown })?.indicators;
    if (Array.isArray(inds)) n += inds.length;
  }
  return n;
}

/** Validate an already-parsed JSON value as a plan. */
export function safeParsePlan(value: unknown): PlanResult {
  if (depthOf(value) > PLAN_LIMITS.maxDepth) {
    return {
      ok: false,
      issues: [{ path: '$', message: { zh: `嵌套层级超过 ${PLAN_LIMITS.maxDepth}`, en: `nesting deeper than ${PLAN_LIMITS.maxDepth}` } }],
    };
  }
  const indicators = countIndicators(value);
  if (indicators > PLAN_LIMITS.maxIndicators) {
    return {
      ok: false,
      issues: [
        {
          path: '$.sections',
          message: {
            zh: `指标数 ${indicators} 超过上限 ${PLAN_LIMITS.maxIndicators}`,
            en: `${indicators} indicators exceed the limit of ${PLAN_LIMITS.maxIndicators}`,
          },
        },
      ],
    };
  }
  const inputs = (value as { inputs?: unknown })?.inputs;
  if (Array.isArray(inputs) && inputs.length > PLAN_LIMITS.maxInputs) {
    return {
      ok: false,
      issues: [
        {
          path: '$.inputs',
          message: { zh: `输入项超过上限 ${PLAN_LIMITS.maxInputs}`, en: `more than ${PLAN_LIMITS.maxInputs} inputs` },
        },
      ],
    };
  }
  const result = Plan.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, plan: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: describeIssue(issue) })),
  };
}

/** Parse plan JSON text (a file's content). Size-limited; a syntax error names its position. */
function tooLarge(size: number): PlanResult {
  return {
    ok: false,
    issues: [
      {
        path: '$',
        message: {
          zh: `计划文件过大（${size} 字节，上限 ${PLAN_LIMITS.maxBytes}）`,
          en: `plan file too large (${size} bytes, limit ${PLAN_LIMITS.maxBytes})`,
        },
      },
    ],
  };
}

export function parsePlanText(text: string): PlanResult {
  if (text.length > PLAN_LIMITS.maxBytes) return tooLarge(text.length);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      issues: [{ path: '$', message: { zh: `不是有效的 JSON：${detail}`, en: `not valid JSON: ${detail}` } }],
    };
  }
  return safeParsePlan(value);
}

/**
 * Parse a plan file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM or GB18030/GBK, as
 * Windows editors save them (the one decoder, core/text/decode.ts); an undecodable file says
 * which encoding to save it as.
 */
export function parsePlanBytes(bytes: Uint8Array): PlanResult {
  // UTF-16 takes two bytes a character: refuse before decoding only what is too large in any encoding.
  if (bytes.length > PLAN_LIMITS.maxBytes * 2) return tooLarge(bytes.length);
  try {
    return parsePlanText(decodeText(bytes, { zh: '规划文件', en: 'plan file' }).text);
  } catch (e) {
    if (e instanceof TextDecodeError) return { ok: false, issues: [{ path: '$', message: e.text }] };
    throw e;
  }
}

export class PlanError extends Error {
  constructor(readonly issues: PlanIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message.zh} / ${i.message.en}`).join('\n'));
    this.name = 'PlanError';
  }
}

/** Like safeParsePlan but throws PlanError. */
export function parsePlan(value: unknown): Plan {
  const r = safeParsePlan(value);
  if (!r.ok) throw new PlanError(r.issues);
  return r.plan;
}
