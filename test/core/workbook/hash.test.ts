/** Plan hash: SHA-256 of canonical JSON, in pure TypeScript. */
import { createHash } from 'crypto';
import fc from 'fast-check';
import { canonicalJson, planHash, sha256Hex, sha256Text } from '../../../src/core/workbook/hash';
import { comparatorPlan, comparatorPlanInput } from '../template/fixture-plan';
import { parsePlan } from '../../../src/core/plan/parse';

describe('hash', () => {
  test('SHA-256 matches the standard vectors and Node', () => {
    expect(sha256Text('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
    );
    expect(sha256Text('优质均衡')).toBe(createHash('sha256').update('优质均衡', 'utf8').digest('hex'));
  });

  test('canonical JSON ignores key order and undefined members', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 'x' }] })).toBe('{"a":[1,{"c":"x"}],"b":1}');
    expect(canonicalJson({ z: -0 })).toBe('{"z":0}');
    const a = comparatorPlanInput();
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v;
    const reordered = reverseKeys(a);
    expect(planHash(parsePlan(reordered))).toBe(planHash(comparatorPlan()));
    const changed = comparatorPlanInput();
    changed.version = '1.2.4';
    expect(planHash(parsePlan(changed))).not.toBe(planHash(comparatorPlan()));
    expect(planHash(comparatorPlan())).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

