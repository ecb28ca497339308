/**
 * The ONE place messy input becomes a number (or a missing code, or a typed error).
 *
 * Every caller — validation, templates, custom functions, CLI — goes through `coerceNumber`,
 * so "95%" typed in a cell, passed to `EDU.PASS` or given as `--value 95%` means the same.
 *
 * Rules (each one tested in test/core/coerce.test.ts):
 * - A JS number is taken as is (a cell formatted as 95% holds 0.95: that is the cell's value,
 *   not guessed back to 95). NaN, ±Infinity → error. -0 → 0.
 * - Text is trimmed (ordinary, non-breaking, ideographic and zero-width spaces), NFKC-folded
 *   (full-width digits ９５．５, ％, ，, －, ＋ become ASCII) and a leading apostrophe (Excel's
 *   "store as text" prefix) is dropped.
 * - Missing codes stay distinct from 0: blank text / null / undefined → `blank`; `不适用`,
 *   `暂无数据`, `—` and their aliases (see MISSING_ALIASES) → that code.
 * - "95%" / "95 %" / "百分之95" → 95 (a percent number, the unit every rate in a plan uses);
 *   "5‰" → 0.5 (per mille as percent).
 * - Thousands separators: "1,234" and "1 234" (groups of exactly three digits) → 1234; "95,5"
 *   (a decimal comma?) is ambiguous → error.
 * - "1.2万" → 12000 and "3亿" → 300000000 (Chinese multipliers), EXCEPT when the expected unit
 *   itself is in 万 (`opts.unit` = "万人", "万元" …): then "1.2万" / "1.2万人" → 1.2, the number is
 *   already in that unit. A trailing unit equal to `opts.unit` ("4.5m²" for m², "2000元") is
 *   dropped; any other trailing text is an error.
 * - Chinese numerals: "九十五点五" → 95.5, "二〇二五" → 2025, "负三" → -3.
 * - Scientific notation "1e3", signs "+5" "-5" "−5", ".5" and "5." are accepted.
 * - Booleans, Dates, objects, arrays, symbols, functions → error. Text longer than 200
 *   characters → error. Never throws, never returns NaN or ±Infinity.
 */
import type { Bilingual } from './i18n/text';

/** Missing codes a filler may type (the list offered by data validation). */
export const MISSING_CODES = ['不适用', '暂无数据', '—'] as const;
/** A missing value: one of the typeable codes, or an empty cell. Never the number 0. */
export type MissingCode = (typeof MISSING_CODES)[number] | 'blank';

export const MISSING_LABEL: Record<MissingCode, Bilingual> = {
  不适用: { zh: '不适用', en: 'not applicable' },
  暂无数据: { zh: '暂无数据', en: 'no data yet' },
  '—': { zh: '—（无）', en: '— (none)' },
  blank: { zh: '空白', en: 'blank' },
};

/**
 * Aliases (compared after NFKC folding, lower-casing and removing spaces) and the code each means.
 * Note: 无 means "not applicable" here, never 0 — a filler meaning "zero" must type 0.
 */
export const MISSING_ALIASES: Readonly<Record<string, MissingCode>> = {
  不适用: '不适用',
  不涉及: '不适用',
  无此项: '不适用',
  无: '不适用',
  'n/a': '不适用',
  na: '不适用',
  'n.a.': '不适用',
  '/': '不适用',
  '\\': '不适用',
  暂无数据: '暂无数据',
  暂无: '暂无数据',
  无数据: '暂无数据',
  缺: '暂无数据',
  缺失: '暂无数据',
  未填: '暂无数据',
  未统计: '暂无数据',
  待统计: '暂无数据',
  未知: '暂无数据',
  '?': '暂无数据',
  '—': '—',
  '——': '—',
  '-': '—',
  '--': '—',
  '–': '—',
  '―': '—',
  '─': '—',
  空: 'blank',
  空白: 'blank',
};

export type Coerced =
  | {
      kind: 'number';
      value: number;
      /** True when the text needed more than trimming to read (full-width, %, separators, 万 …). */
      normalized: boolean;
      /** What was done, for a hint beside the cell. */
      note?: Bilingual;
      /** The text carried a percent (or per-mille) sign. */
      percent?: boolean;
    }
  | { kind: 'missing'; code: MissingCode }
  | { kind: 'error'; message: Bilingual; raw: string };

export type CoercedBoolean =
  | { kind: 'boolean'; value: boolean; normalized: boolean }
  | { kind: 'missing'; code: MissingCode }
  | { kind: 'error'; message: Bilingual; raw: string };

export interface CoerceOptions {
  /** The expected unit (an indicator's or input's `unit`): a trailing copy of it is dropped. */
  unit?: string;
}

const MAX_TEXT = 200;

function rawText(raw: unknown): string {
  try {
    if (typeof raw === 'string') return raw.length > 80 ? `${raw.slice(0, 80)}…` : raw;
    if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString();
    if (typeof raw === 'object' && raw !== null) return Array.isArray(raw) ? '[array]' : '[object]';
    if (typeof raw === 'symbol') return raw.toString();
    if (typeof raw === 'function') return '[function]';
    return String(raw);
  } catch {
    return '[?]';
  }
}

function fail(raw: unknown, zh: string, en: string): Coerced {
  return { kind: 'error', message: { zh, en }, raw: rawText(raw) };
}

/** Spaces that are not ordinary spaces after NFKC: zero-width ones and the BOM. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const INVISIBLE_ONE = /[\u200B-\u200D\u2060\uFEFF]/;
/** All kinds of whitespace (NFKC already folds NBSP and the ideographic space into ' '). */
const WS = /[\s\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

function fold(s: string): string {
  return s.normalize('NFKC').replace(INVISIBLE, '').replace(/\u2212/g, '-');
}

function missingOf(text: string): MissingCode | undefined {
  const key = text.replace(WS, '').toLowerCase();
  return Object.prototype.hasOwnProperty.call(MISSING_ALIASES, key) ? MISSING_ALIASES[key] : undefined;
}

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Chinese numerals (九十五点五, 二〇二五, 一万二千); undefined when the text is not one. */
export function parseChineseNumeral(text: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百千万亿点]+$/.test(text)) return undefined;
  const [intPart, decPart, extra] = text.split('点');
  if (extra !== undefined || intPart === undefined) return undefined;
  let fraction = 0;
  if (decPart !== undefined) {
    if (decPart === '' || !/^[零〇一二两三四五六七八九]+$/.test(decPart)) return undefined;
    fraction = Number(`0.${[...decPart].map((c) => CN_DIGIT[c]).join('')}`);
  }
  let whole: number;
  if (intPart === '') {
    if (decPart === undefined) return undefined;
    whole = 0;
  } else if (/^[零〇一二两三四五六七八九]+$/.test(intPart)) {
    // Digit by digit (二〇二五 → 2025); a single digit is just that digit.
    whole = Number([...intPart].map((c) => CN_DIGIT[c]).join(''));
  } else {
    let total = 0;
    let section = 0;
    let digit: number | undefined;
    let lastUnit = Infinity;
    let afterZero = false;
    for (const c of intPart) {
      if (c in CN_DIGIT) {
        if (digit !== undefined && digit !== 0 && CN_DIGIT[c] !== 0) return undefined; // 九五十
        afterZero = digit === 0;
        digit = CN_DIGIT[c];
      } else if (c in CN_UNIT) {
        const unit = CN_UNIT[c]!;
        if (unit >= lastUnit) return undefined; // 十百
        section += (digit === undefined || digit === 0 ? (section === 0 && digit === undefined ? 1 : NaN) : digit) * unit;
        if (Number.isNaN(section)) return undefined;
        digit = undefined;
        lastUnit = unit;
      } else {
        const big = CN_BIG[c]!;
        const chunk = section + (digit ?? 0);
        if (chunk === 0) return undefined;
        total = big === 1e8 ? (total + chunk) * big : total + chunk * big;
        section = 0;
        digit = undefined;
        lastUnit = Infinity;
      }
    }
    // A bare trailing digit is only unambiguous after 十 (九十五) or 零 (一百零五):
    // colloquial 三百五 (350) or 一万二 (12000) are refused rather than misread.
    if (digit !== undefined && digit !== 0 && lastUnit !== 10 && !afterZero) return undefined;
    whole = total + section + (digit ?? 0);
  }
  return whole + fraction;
}

interface Steps {
  list: Array<[string, string]>;
}
function step(steps: Steps, zh: string, en: string): void {
  if (!steps.list.some(([z]) => z === zh)) steps.list.push([zh, en]);
}

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED_COMMA = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const GROUPED_SPACE = /^[+-]?\d{1,3}( \d{3})+(\.\d*)?$/;

/**
 * Reads any cell value or typed text as a number. Never throws, never returns NaN.
 * See the module comment for every rule.
 */
export function coerceNumber(raw: unknown, opts: CoerceOptions = {}): Coerced {
  try {
    return coerceNumberUnsafe(raw, opts);
  } catch {
    return fail(raw, '无法读取该值', 'the value cannot be read');
  }
}

function coerceNumberUnsafe(raw: unknown, opts: CoerceOptions): Coerced {
  if (raw === null || raw === undefined) return { kind: 'missing', code: 'blank' };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail(raw, `不是有限的数字（${String(raw)}）`, `not a finite number (${String(raw)})`);
    return { kind: 'number', value: raw === 0 ? 0 : raw, normalized: false };
  }
  if (typeof raw === 'bigint') {
    const n = Number(raw);
    if (!Number.isSafeInteger(n)) return fail(raw, '整数过大', 'integer too large');
    return { kind: 'number', value: n, normalized: false };
  }
  if (typeof raw === 'boolean') return fail(raw, '是/否 不是数字，请填写数值', 'TRUE/FALSE is not a number');
  if (raw instanceof Date) return fail(raw, '日期不是数字，请填写数值', 'a date is not a number');
  if (typeof raw !== 'string') return fail(raw, '不是数字，请填写数值', 'not a number');
  return coerceText(raw, opts);
}

function coerceText(raw: string, opts: CoerceOptions): Coerced {
  if (raw.length > MAX_TEXT) return fail(raw, `文本过长（超过 ${MAX_TEXT} 个字符）`, `text longer than ${MAX_TEXT} characters`);
  const steps: Steps = { list: [] };
  if (/[\uFF01-\uFF5E]/.test(raw)) step(steps, '全角字符已转为半角', 'full-width characters folded');
  if (INVISIBLE_ONE.test(raw)) step(steps, '去掉不可见字符', 'invisible characters removed');
  let s = fold(raw);
  s = s.replace(WS, ' ').trim();
  if (/^['‘’`]/.test(s)) {
    s = s.slice(1).trim();
    step(steps, '去掉前导撇号', 'leading apostrophe removed');
  }
  if (s === '') return { kind: 'missing', code: 'blank' };
  const code = missingOf(s);
  if (code) return { kind: 'missing', code };

  const unit = opts.unit ? fold(opts.unit).replace(WS, '') : '';
  const unitInWan = unit.startsWith('万') || unit.startsWith('亿');
  if (unit && unit !== '%' && s.endsWith(unit) && s.length > unit.length) {
    s = s.slice(0, -unit.length).trim();
    step(steps, `去掉单位「${unit}」`, `unit "${unit}" removed`);
  }

  let sign = 1;
  let scale = 1;
  let percent = false;
  if (s.startsWith('百分之')) {
    s = s.slice(3).trim();
    percent = true;
  } else if (s.endsWith('%')) {
    s = s.slice(0, -1).trim();
    percent = true;
  } else if (s.endsWith('‰')) {
    s = s.slice(0, -1).trim();
    percent = true;
    scale = 0.1;
    step(steps, '千分数已换算为百分数', 'per mille converted to percent');
  }
  if (percent) {
    if (s.startsWith('百分之') || s.endsWith('%') || s.endsWith('‰')) return fail(raw, `无法识别为数字：「${rawText(raw)}」`, `not a number: "${rawText(raw)}"`);
    step(steps, '按百分数读取（95% → 95）', 'read as a percent number (95% → 95)');
  }
  if (!percent && /[万亿]$/.test(s) && s.length > 1) {
    const big = s.endsWith('万') ? 1e4 : 1e8;
    s = s.slice(0, -1).trim();
    if (unitInWan && unit.startsWith(big === 1e4 ? '万' : '亿')) {
      step(steps, `数值已以「${unit}」为单位`, `value already in ${unit}`);
    } else {
      scale = big;
      step(steps, big === 1e4 ? '“万”已换算（1.2万 → 12000）' : '“亿”已换算', big === 1e4 ? '万 expanded (1.2万 → 12000)' : '亿 expanded');
    }
  }
  if (s.startsWith('负')) {
    sign = -1;
    s = s.slice(1).trim();
  } else if (/^[+-]\s/.test(s)) {
    s = s[0] + s.slice(1).trim();
  }

  let body: number | undefined;
  if (PLAIN.test(s)) {
    body = Number(s);
  } else if (GROUPED_COMMA.test(s)) {
    body = Number(s.replace(/,/g, ''));
    step(steps, '去掉千位分隔符', 'thousands separators removed');
  } else if (GROUPED_SPACE.test(s)) {
    body = Number(s.replace(/ /g, ''));
    step(steps, '去掉数字间的空格', 'spaces between digit groups removed');
  } else {
    const cn = parseChineseNumeral(s.replace(/ /g, ''));
    if (cn !== undefined) {
      body = cn;
      step(steps, '中文数字已转换', 'Chinese numerals converted');
    }
  }
  if (body === undefined) {
    if (/^[+-]?\d+,\d{1,2}$/.test(s)) {
      return fail(raw, `「${rawText(raw)}」含义不明：逗号不能作小数点`, `"${rawText(raw)}" is ambiguous: a comma is not a decimal point`);
    }
    return fail(raw, `无法识别为数字：「${rawText(raw)}」`, `not a number: "${rawText(raw)}"`);
  }
  // Scaling goes through 15 significant digits so 1.1万 is 11000, not 11000.000000000002.
  let value = sign * (scale === 1 ? body : Number((scale === 0.1 ? body / 10 : body * scale).toPrecision(15)));
  if (!Number.isFinite(value)) return fail(raw, '数值超出范围', 'number out of range');
  if (value === 0) value = 0;
  const out: Coerced = { kind: 'number', value, normalized: steps.list.length > 0 };
  if (percent) out.percent = true;
  if (steps.list.length > 0) {
    out.note = { zh: `已规范化：${steps.list.map(([z]) => z).join('；')}`, en: `normalized: ${steps.list.map(([, e]) => e).join('; ')}` };
  }
  return out;
}

/**
 * A whole, non-negative number of things (pupils, classes, schools). Same reading as
 * coerceNumber ("1,234", "1.2万" → 12000), then: a percent, a fraction or a negative is an error.
 */
export function coerceCount(raw: unknown, opts: CoerceOptions = {}): Coerced {
  const c = coerceNumber(raw, opts);
  if (c.kind !== 'number') return c;
  if (c.percent) return fail(raw, '人数/个数不能是百分数', 'a count cannot be a percentage');
  if (!Number.isInteger(c.value)) return fail(raw, `个数须为整数（${c.value}）`, `a count must be a whole number (${c.value})`);
  if (c.value < 0) return fail(raw, `个数不能为负（${c.value}）`, `a count cannot be negative (${c.value})`);
  return c;
}

const TRUE_WORDS = new Set(['是', '有', '√', '✓', '✔', '对', '达标', '完成', '已完成', '已建立', 'true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['否', '无', '没有', '×', '✗', '✘', '不', '未达标', '未完成', '未建立', 'false', 'no', 'n', '0']);

/**
 * Yes/no answers: TRUE/FALSE, 1/0, 是/否, 有/无 (here 无 means "no", not missing), √/×,
 * 完成/未完成, yes/no. Missing codes as in coerceNumber; anything else is a typed error.
 */
export function coerceBoolean(raw: unknown): CoercedBoolean {
  if (typeof raw === 'boolean') return { kind: 'boolean', value: raw, normalized: false };
  if (typeof raw === 'number') {
    if (raw === 1 || raw === 0) return { kind: 'boolean', value: raw === 1, normalized: true };
    return { kind: 'error', message: { zh: `是/否 只能填 1 或 0（${String(raw)}）`, en: `yes/no must be 1 or 0 (${String(raw)})` }, raw: rawText(raw) };
  }
  if (typeof raw === 'string' && raw.length <= MAX_TEXT) {
    const s = fold(raw).replace(WS, '').replace(/^['‘’`]/, '').toLowerCase();
    if (TRUE_WORDS.has(s)) return { kind: 'boolean', value: true, normalized: s !== 'true' };
    if (FALSE_WORDS.has(s)) return { kind: 'boolean', value: false, normalized: s !== 'false' };
  }
  const c = coerceNumber(raw);
  if (c.kind === 'missing') return c;
  return {
    kind: 'error',
    message: { zh: `请填写“是”或“否”（${rawText(raw)}）`, en: `expected yes or no (${rawText(raw)})` },
    raw: rawText(raw),
  };
}

/** True for the Coerced objects produced here (so callers can pass either raw or coerced values). */
export function isCoerced(x: unknown): x is Coerced {
  if (typeof x !== 'object' || x === null) return false;
  const k = (x as { kind?: unknown }).kind;
  if (k === 'number') return typeof (x as { value?: unknown }).value === 'number' && Number.isFinite((x as { value: number }).value);
  if (k === 'missing') return typeof (x as { code?: unknown }).code === 'string';
  if (k === 'error') return typeof (x as { message?: unknown }).message === 'object';
  return false;
}

/** The number, or undefined for missing/error. */
export function numberOf(c: Coerced): number | undefined {
  return c.kind === 'number' ? c.value : undefined;
}
