/** coerceNumber / coerceCount / coerceBoolean: the one place messy input becomes a number. */
import fc from 'fast-check';
import { coerceBoolean, coerceCount, coerceNumber, MISSING_ALIASES, MISSING_CODES, parseChineseNumeral, type Coerced } from '../../src/core/coerce';

function num(raw: unknown, unit?: string): number {
  const c = coerceNumber(raw, { unit });
  if (c.kind !== 'number') throw new Error(`expected a number from ${String(raw)}, got ${JSON.stringify(c)}`);
  return c.value;
}

describe('numbers', () => {
  test.each<[unknown, number]>([
    [95, 95],
    [0.95, 0.95], // a cell formatted as 95% holds 0.95: taken as is
    [-0, 0],
    ['95', 95],
    [' 95 ', 95],
    ['95%', 95],
    ['95 %', 95],
    ['95\u00a0%', 95],
    ['９５．５', 95.5],
    ['９５．５％', 95.5],
    ['1,234', 1234],
    ['１，２３４', 1234],
    ['1,234,567.5', 1234567.5],
    ['1 234', 1234],
    ["'95", 95],
    ['\u200b95\ufeff', 95],
    ['\u300095\u3000', 95],
    ['-5', -5],
    ['－5', -5],
    ['\u22125', -5],
    ['- 5', -5],
    ['+5', 5],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1.2万', 12000],
    ['1.1万', 11000],
    ['3亿', 300000000],
    ['5‰', 0.5],
    ['百分之95', 95],
    ['百分之九十五点五', 95.5],
    ['九十五', 95],
    ['一百零五', 105],
    ['二〇二五', 2025],
    ['一万二千', 12000],
    ['负三', -3],
    [BigInt(7), 7],
  ])('%p → %p', (raw, expected) => {
    expect(num(raw)).toBe(expected);
  });

  test('normalized and a note only when the text needed more than trimming', () => {
    expect(coerceNumber(95)).toEqual({ kind: 'number', value: 95, normalized: false });
    expect(coerceNumber(' 95 ')).toEqual({ kind: 'number', value: 95, normalized: false });
    const pct = coerceNumber('95%');
    expect(pct).toMatchObject({ kind: 'number', value: 95, normalized: true, percent: true });
    expect(pct.kind === 'number' && pct.note?.zh).toContain('百分数');
    const fw = coerceNumber('１，２３４');
    expect(fw.kind === 'number' && fw.note?.zh).toMatch(/全角.*千位分隔符/);
    expect(fw.kind === 'number' && fw.note?.en).toMatch(/full-width.*thousands/);
  });

  test('units: the expected unit is dropped; 万 units keep the number as is', () => {
    expect(num('4.5m²', 'm²')).toBe(4.5);
    expect(num('2000元', '元')).toBe(2000);
    expect(num('30 所', '所')).toBe(30);
    expect(num('11万人', '万人')).toBe(11);
    expect(num('1.2万', '万人')).toBe(1.2);
    expect(num('1.2万', '人')).toBe(12000);
    expect(coerceNumber('2000元').kind).toBe('error'); // no unit expected: trailing text is an error
    expect(coerceNumber('30个', { unit: '所' }).kind).toBe('error');
  });
});

describe('missing codes stay distinct from 0', () => {
  test.each<[unknown, string]>([
    [null, 'blank'],
    [undefined, 'blank'],
    ['', 'blank'],
    ['   ', 'blank'],
    ['\u3000', 'blank'],
    ["'", 'blank'],
    ['空', 'blank'],
    ['不适用', '不适用'],
    ['N/A', '不适用'],
    ['n/a', '不适用'],
    ['/', '不适用'],
    ['／', '不适用'],
    ['无', '不适用'],
    ['暂无数据', '暂无数据'],
    ['暂无', '暂无数据'],
    ['？', '暂无数据'],
    ['—', '—'],
    ['——', '—'],
    ['-', '—'],
    ['－', '—'],
    ['–', '—'],
  ])('%p → missing %p', (raw, code) => {
    expect(coerceNumber(raw)).toEqual({ kind: 'missing', code });
  });

  test('MISSING_CODES is the typeable list and every alias maps to a known code', () => {
    expect([...MISSING_CODES]).toEqual(['不适用', '暂无数据', '—']);
    for (const code of Object.values(MISSING_ALIASES)) expect([...MISSING_CODES, 'blank']).toContain(code);
    for (const code of MISSING_CODES) expect(coerceNumber(code)).toEqual({ kind: 'missing', code });
  });

  test('0 is a number, not missing', () => {
    expect(coerceNumber(0)).toEqual({ kind: 'number', value: 0, normalized: false });
    expect(coerceNumber('0')).toMatchObject({ kind: 'number', value: 0 });
    expect(coerceNumber('零')).toMatchObject({ kind: 'number', value: 0 });
  });
});

describe('errors are typed, bilingual, and keep the raw text', () => {
  test.each<unknown>([
    true,
    false,
    new Date(2025, 0, 1),
    NaN,
    Infinity,
    -Infinity,
    {},
    [],
    [1],
    Symbol('x'),
    () => 1,
    'abc',
    '95,5',
    '1,23',
    '9 5',
    '95%%',
    '%',
    '1e400',
    '三百五', // colloquial 350: refused rather than misread as 305
    '一万二',
    'x'.repeat(201),
    BigInt('123456789012345678901234567890'),
  ])('%p → error', (raw) => {
    const c = coerceNumber(raw);
    expect(c.kind).toBe('error');
    if (c.kind === 'error') {
      expect(c.message.zh.length).toBeGreaterThan(0);
      expect(c.message.en.length).toBeGreaterThan(0);
      expect(typeof c.raw).toBe('string');
    }
  });

  test('a decimal comma is named in the message', () => {
    const c = coerceNumber('95,5');
    expect(c.kind === 'error' && c.message.zh).toContain('逗号');
  });
});

describe('coerceCount', () => {
  test('whole and non-negative', () => {
    expect(coerceCount('1,234')).toMatchObject({ kind: 'number', value: 1234 });
    expect(coerceCount('1.2万')).toMatchObject({ kind: 'number', value: 12000 });
    expect(coerceCount(0)).toMatchObject({ kind: 'number', value: 0 });
    expect(coerceCount('不适用')).toEqual({ kind: 'missing', code: '不适用' });
    expect(coerceCount(12.5).kind).toBe('error');
    expect(coerceCount(-1).kind).toBe('error');
    expect(coerceCount('95%').kind).toBe('error');
    expect(coerceCount('abc').kind).toBe('error');
  });
});

describe('coerceBoolean', () => {
  test.each<[unknown, boolean]>([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ['是', true],
    ['否', false],
    ['有', true],
    ['无', false], // for a yes/no question 无 is "no"
    ['√', true],
    ['×', false],
    ['TRUE', true],
    ['yes', true],
    ['ＦＡＬＳＥ', false],
  ])('%p → %p', (raw, value) => {
    expect(coerceBoolean(raw)).toMatchObject({ kind: 'boolean', value });
  });
  test('missing and errors', () => {
    expect(coerceBoolean('不适用')).toEqual({ kind: 'missing', code: '不适用' });
    expect(coerceBoolean('')).toEqual({ kind: 'missing', code: 'blank' });
    expect(coerceBoolean(2).kind).toBe('error');
    expect(coerceBoolean('maybe').kind).toBe('error');
  });
});

test('parseChineseNumeral edge cases', () => {
  expect(parseChineseNumeral('十')).toBe(10);
  expect(parseChineseNumeral('十五')).toBe(15);
  expect(parseChineseNumeral('两千零五')).toBe(2005);
  expect(parseChineseNumeral('一亿二千万')).toBe(120000000);
  expect(parseChineseNumeral('点五')).toBe(0.5);
  expect(parseChineseNumeral('十百')).toBeUndefined();
  expect(parseChineseNumeral('九五十')).toBeUndefined();
  expect(parseChineseNumeral('一点二点三')).toBeUndefined();
  expect(parseChineseNumeral('abc')).toBeUndefined();
});

describe('properties', () => {
  const isValid = (c: Coerced) =>
    (c.kind === 'number' && Number.isFinite(c.value)) ||
    (c.kind === 'missing' && ['不适用', '暂无数据', '—', 'blank'].includes(c.code)) ||
    (c.kind === 'error' && typeof c.message.zh === 'string' && typeof c.message.en === 'string');

  test('coercion never throws and never returns NaN (any value)', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }), (raw) => {
        const c = coerceNumber(raw);
        expect(isValid(c)).toBe(true);
        if (c.kind === 'number') expect(Number.isNaN(c.value)).toBe(false);
        expect(isValid(coerceCount(raw))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('coercion never throws and never returns NaN (any text, incl. full-width and CJK)', () => {
    const chars = fc.constantFrom(...'0123456789.,-+%‰ \u00a0\u3000０１２３４５６７８９．，－％万亿百分之点零一二三四五六七八九十千负eE\'/—不适用暂无数据'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.array(chars, { maxLength: 20 }).map((a) => a.join(''))), (s) => {
        const c = coerceNumber(s);
        expect(isValid(c)).toBe(true);
        const u = coerceNumber(s, { unit: '万人' });
        expect(isValid(u)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  test('a finite number round-trips, as a number and as its text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(coerceNumber(x)).toMatchObject({ kind: 'number', value: x === 0 ? 0 : x });
        const c = coerceNumber(String(x));
        expect(c.kind).toBe('number');
        if (c.kind === 'number') expect(c.value).toBe(x === 0 ? 0 : x);
      }),
    );
  });

  test('full-width digits read the same as ASCII digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 99 }), (i, f) => {
        const ascii = `${i}.${f}`;
        const full = ascii.replace(/[0-9.]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
        expect(num(full)).toBe(num(ascii));
        expect(num(`${full}％`)).toBe(num(ascii));
      }),
    );
  });
});
