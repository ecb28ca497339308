/** jsonPieces joined is JSON.stringify(value, null, 2), for any JSON-like value (and a consolidation's shape). */
import fc from 'fast-check';
import { jsonPieces } from '../../src/core/text/json-pieces';

const join = (v: unknown, depth?: number) => [...jsonPieces(v, depth)].join('');

describe('jsonPieces', () => {
  test('equals JSON.stringify(v, null, 2) on arbitrary values, at every depth', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withMap: true, withDate: true }), fc.integer({ min: 0, max: 4 }), (v, depth) => {
        expect(join(v, depth)).toBe(JSON.stringify(v, null, 2) ?? ''); // (top-level undefined: nothing)
      }),
      { numRuns: 300 },
    );
  });

  test('members left out, nulls in arrays, toJSON, empty containers, text with line breaks', () => {
    const v = {
      a: undefined,
      b: [undefined, () => 1, 1, { x: undefined }, [], {}],
      c: new Date(0),
      d: { toJSON: () => ({ y: 'z\nw' }) },
      e: '第1学校\n"引号"',
      files: [{ file: 'a.xlsx', issues: [{ message: { zh: '甲', en: 'a' } }] }],
    };
    expect(join(v)).toBe(JSON.stringify(v, null, 2));
    expect(join([])).toBe('[]');
    expect(join({})).toBe('{}');
    expect(join(undefined)).toBe('');
    expect(join('x')).toBe('"x"');
  });

  test('hands out one piece per member: a large array is never one string', () => {
    const units = Array.from({ length: 1000 }, (_, i) => ({ unit: `第${i}学校`, inputs: { a: i } }));
    const pieces = [...jsonPieces({ plan: { id: 'p' }, units })];
    expect(pieces.length).toBeGreaterThan(1000);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(200);
    expect(pieces.join('')).toBe(JSON.stringify({ plan: { id: 'p' }, units }, null, 2));
  });
});
