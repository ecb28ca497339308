/**
 * functions.json as the build generates it (the custom-functions-metadata generator run on
 * functions.ts, as the webpack plugin does), and its zh-CN localization: every function and every
 * parameter has a Chinese name and description, names follow Excel's rules, and a missing
 * translation fails loudly.
 */
import * as path from 'path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import * as entry from '../../src/functions/functions';
import zhTable from '../../src/functions/functions.zh-cn.json';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { localizeFunctions } = require('../../scripts/localize-functions.js') as {
  localizeFunctions: (json: unknown, table: unknown) => Metadata;
};

interface Param {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  parameters: Param[];
  result?: { type?: string; dimensionality?: string };
}
interface Metadata {
  functions: Fn[];
}

const ENTRY = path.join(__dirname, '..', '..', 'src', 'functions', 'functions.ts');
const EXPECTED_IDS = ['TARGET', 'TARGETTEXT', 'GAP', 'PASS', 'STATUS', 'ACHIEVEMENT', 'ONTRACK', 'EXPECTED', 'PER100', 'PERPUPIL', 'DIFFCOEF', 'BALANCED', 'NUMBER', 'INDICATORS'];

let metadata: Metadata;
let associate: Array<{ functionName: string; id: string }>;

beforeAll(async () => {
  const r = await generateCustomFunctionsMetadata(ENTRY);
  expect(r.errors).toEqual([]);
  metadata = JSON.parse(r.metadataJson) as Metadata;
  associate = r.associate;
}, 120000);

const fn = (id: string): Fn => {
  const f = metadata.functions.find((x) => x.id === id);
  if (!f) throw new Error(`no function ${id}`);
  return f;
};

test('every function the issue asks for is generated, with English help', () => {
  expect(metadata.functions.map((f) => f.id).sort()).toEqual([...EXPECTED_IDS].sort());
  for (const f of metadata.functions) {
    expect(f.name).toBe(f.id);
    expect(f.description?.length).toBeGreaterThan(10);
    for (const p of f.parameters) expect(p.description?.length).toBeGreaterThan(3);
  }
});

test('every generated id maps to a function exported by the entry file', () => {
  const exported = entry as unknown as Record<string, unknown>;
  for (const a of associate) expect(typeof exported[a.functionName]).toBe('function');
  expect(associate.map((a) => a.id).sort()).toEqual([...EXPECTED_IDS].sort());
});

test('ranges are matrix parameters with matrix results; scalars stay scalar', () => {
  for (const id of ['GAP', 'PASS', 'STATUS', 'ACHIEVEMENT', 'ONTRACK', 'PER100', 'PERPUPIL', 'NUMBER']) {
    expect(fn(id).parameters[0]).toMatchObject({ dimensionality: 'matrix', type: 'any' });
    expect(fn(id).result?.dimensionality).toBe('matrix');
  }
  expect(fn('GAP').result?.type).toBe('number');
  expect(fn('PASS').result?.type).toBe('boolean');
  expect(fn('STATUS').result?.type).toBe('string');
  expect(fn('DIFFCOEF').parameters.map((p) => [p.name, p.dimensionality ?? 'scalar', p.optional ?? false])).toEqual([
    ['amounts', 'matrix', false],
    ['pupils', 'matrix', false],
    ['per100', 'scalar', true],
  ]);
  expect(fn('DIFFCOEF').result).toEqual({ type: 'number' });
  expect(fn('BALANCED').result).toEqual({ type: 'boolean' });
  expect(fn('TARGET').result).toEqual({ type: 'number' });
  expect(fn('TARGET').parameters.map((p) => p.optional ?? false)).toEqual([false, false, true, true, true]);
});

describe('zh-CN metadata', () => {
  test('every function and parameter is translated; names follow Excel rules', () => {
    const zh = localizeFunctions(metadata, zhTable);
    expect(zh.functions).toHaveLength(metadata.functions.length);
    const names = new Set<string>();
    for (const f of zh.functions) {
      expect(f.name).toMatch(/^[\p{Script=Han}][\p{L}\p{N}._]{2,63}$/u);
      expect(names.has(f.name)).toBe(false);
      names.add(f.name);
      expect(f.description).toMatch(/\p{Script=Han}/u);
      for (const p of f.parameters) {
        expect(p.name).toMatch(/\p{Script=Han}/u);
        expect(p.description).toMatch(/\p{Script=Han}/u);
      }
      // types and shapes are untouched
      const en = fn(f.id);
      expect(f.parameters.map((p) => [p.type, p.dimensionality, p.optional])).toEqual(en.parameters.map((p) => [p.type, p.dimensionality, p.optional]));
      expect(f.result).toEqual(en.result);
    }
    expect(zh.functions.find((f) => f.id === 'GAP')!.name).toBe('目标差距');
    expect(zh.functions.find((f) => f.id === 'DIFFCOEF')!.name).toBe('校际差异系数');
    // the English metadata is not modified
    expect(fn('GAP').name).toBe('GAP');
  });

  test('a missing function or parameter translation fails, naming each one', () => {
    const table = JSON.parse(JSON.stringify(zhTable)) as Record<string, { name: string; description: string; parameters: Record<string, unknown> }>;
    delete table.GAP;
    delete table.PASS!.parameters.level;
    table.STATUS!.description = '';
    expect(() => localizeFunctions(metadata, table)).toThrow(/GAP: no translation[\s\S]*PASS\(level\): no translation[\s\S]*STATUS: no Chinese description/);
  });

  test('names too short, duplicated, or stale entries fail', () => {
    const table = JSON.parse(JSON.stringify(zhTable)) as Record<string, { name: string; description: string; parameters: Record<string, unknown> }>;
    table.GAP!.name = '差距';
    table.PASS!.name = table.STATUS!.name;
    table.OLDFUNC = { name: '旧函数名', description: '旧', parameters: {} };
    table.TARGET!.parameters.extra = { name: '多余', description: '多余' };
    let message = '';
    try {
      localizeFunctions(metadata, table);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('GAP: name "差距" must be 3–64 characters');
    expect(message).toMatch(/(PASS|STATUS): name "达标状态" is also used by/);
    expect(message).toContain('OLDFUNC: translated function does not exist');
    expect(message).toContain('TARGET(extra): translated parameter does not exist');
  });
});
