/**
 * Consolidation of a generated county (county.ts): every figure is compared with a computation
 * written out in the test (sums of parts, the weighted coefficient, the 6-of-7 rule), never with
 * the code under test.
 */
import { consolidate, readReturn, longRows, expectedFromRows, skippedReturn, type Consolidation } from '../../../src/core/consolidate';
import { balancedByHand, byHand, county, INPUTS, plans, type CountySchool, type SchoolData } from './county';
import { template } from '../validate/helpers';

const c = county();
const reads = c.sources.map((s) => readReturn(s, plans));
const result: Consolidation = consolidate(reads, plans, { expected: c.expected });
const agg = (indicator: string, level: string) => result.aggregates.find((a) => a.indicator === indicator && a.level === level)!;
const counted = (level: string) => c.counted.filter((s) => s.level === level);

const B: Array<[string, keyof SchoolData, boolean]> = [
  ['b1', 'teachers-above-qualification', true],
  ['b2', 'backbone-teachers', true],
  ['b3', 'pe-art-teachers', true],
  ['b4', 'teaching-aux-area', false],
  ['b5', 'sports-area', false],
  ['b6', 'equipment-value', false],
  ['b7', 'multimedia-rooms', true],
];

test('the plan is the one most units returned on; the year from the returns', () => {
  expect(result.plan.id).toBe('national-yzjh-2017');
  expect(result.year).toBe(2025);
  expect(result.levels).toEqual(['小学', '初中']);
});

test('each counted unit once: duplicates dropped, the errored return excluded, 九年一贯制 in both stages', () => {
  const included = result.units.filter((u) => u.included);
  const want = c.counted.map((s) => `${s.name}/${s.level}`).sort();
  expect(included.map((u) => `${u.unit}/${u.level}`).sort()).toEqual(want);
  expect(included).toHaveLength(c.counted.length);
  expect(result.units.filter((u) => u.unit === '实验九年一贯制学校').map((u) => u.level)).toEqual(['小学', '初中']);
  const nanshan = result.units.find((u) => u.unit === '南山小学')!;
  expect(nanshan.included).toBe(false);
  expect(nanshan.errors).toBeGreaterThanOrEqual(2);
});

test('inputs of each unit are the numbers typed, with the file and cell they came from', () => {
  for (const s of c.counted) {
    const u = result.units.find((x) => x.unit === s.name && x.level === s.level)!;
    for (const id of INPUTS) expect(u.inputs[id]).toBe(s.data[id]);
    expect(u.cells.pupils).toMatch(/^'?[^!]+'?!\$?[A-Z]+\$?\d+$/);
  }
  const dup = result.units.find((u) => u.unit === '城关小学5')!;
  expect(dup.file).toBe('returns/新铺镇.xlsx');
});

test.each(['小学', '初中'])('%s aggregates: ratios recomputed from summed parts and the weighted 差异系数, by hand', (level) => {
  const schools = counted(level);
  for (const [id, numerator, per100] of B) {
    const hand = byHand(schools, numerator, per100);
    const a = agg(id, level);
    expect(a.contributors).toBe(schools.length);
    expect(a.value).toBeCloseTo(hand.value, 9);
    expect(a.diffCoef!).toBeCloseTo(hand.cv, 12);
    expect(a.diffCoefLimit).toBe(level === '小学' ? 0.5 : 0.45);
    expect(a.diffCoefPasses).toBe(Math.round(hand.cv * 1000) / 1000 <= a.diffCoefLimit!);
    expect(a.diffCoefRows).toHaveLength(schools.length);
    // Not the average of the schools' rates.
    const mean = schools.reduce((n, s) => n + (s.data[numerator] * (per100 ? 100 : 1)) / s.data.pupils, 0) / schools.length;
    expect(Math.abs(a.value! - mean)).toBeGreaterThan(1e-9);
  }
});

test('the region against the target: status and gap of each aggregate', () => {
  const b1 = agg('b1', '小学');
  const threshold = 4.2;
  const v = Math.round(b1.value! * 100) / 100;
  expect(b1.status).toBe(v >= threshold ? 'met' : 'unmet');
  expect(b1.gap).toBeCloseTo(Math.max(0, threshold - v), 9);
});

test('6-of-7 / 85 % per school, by hand', () => {
  for (const s of c.counted) {
    const u = result.units.find((x) => x.unit === s.name && x.level === s.level)!;
    expect(u.balanced).toEqual(balancedByHand(s.data, s.level));
  }
  const verdict = result.verdicts.find((v) => v.level === '小学')!;
  const schools = counted('小学');
  expect(verdict.schools).toBe(schools.length);
  expect(verdict.schoolsPassing).toBe(schools.filter((s) => balancedByHand(s.data, '小学').passes).length);
  expect(verdict.coefficients).toBe(7);
});

test('completeness: missing, unknown, duplicates (newest kept), unread, invalid, other plan, migrated', () => {
  const k = result.completeness;
  expect(k.expected).toBe(41); // 40 schools, the 九年一贯制 one listed for both stages
  expect(k.missing).toEqual([{ unit: '北坑小学' }]);
  expect(k.unknown).toEqual([{ unit: '外县小学', level: '小学', file: 'returns/新铺镇.xlsx' }]);
  const d5 = k.duplicates.find((d) => d.unit === '城关小学5')!;
  expect(d5).toEqual({ unit: '城关小学5', level: '小学', files: ['returns/新铺镇.xlsx', 'returns/城关镇.xlsx'], kept: 'returns/新铺镇.xlsx' });
  const copies = k.duplicates.filter((d) => d.unit.startsWith('广福小学'));
  expect(copies).toHaveLength(7);
  for (const d of copies) expect([...d.files].sort()).toEqual(['returns/广福镇 - 副本.xlsx', 'returns/广福镇.xlsx']);
  expect(k.duplicates).toHaveLength(8);
  expect(k.unread.map((u) => u.file)).toEqual(['returns/损坏.xlsx']);
  expect(k.unread[0]!.reason.zh).toContain('损坏');
  expect(k.invalid).toEqual([expect.objectContaining({ unit: '南山小学', level: '小学', file: 'returns/南山小学.xlsx', included: false })]);
  expect(k.otherPlan).toEqual([expect.objectContaining({ file: 'returns/幼儿园.xlsx', planId: 'national-ppph-2020' })]);
  expect(k.migrated).toEqual([expect.objectContaining({ file: 'returns/育才小学.xlsx', from: expect.stringContaining('0.9.0') })]);
  // 40 on the list − 北坑 + 外县 = 40 distinct units returned, 九年一贯制 in two stages = 41 unit rows.
  expect(k.returned).toBe(41);
});

test('every file accounted for, with its status', () => {
  const status = Object.fromEntries(result.files.map((f) => [f.file, f.status]));
  expect(status).toEqual({
    'returns/初中.xlsx': 'consolidated',
    'returns/南山小学.xlsx': 'excluded',
    'returns/城关镇.xlsx': 'partial',
    'returns/幼儿园.xlsx': 'other-plan',
    'returns/广福镇 - 副本.xlsx': expect.stringMatching(/consolidated|superseded/),
    'returns/广福镇.xlsx': expect.stringMatching(/consolidated|superseded/),
    'returns/损坏.xlsx': 'unreadable',
    'returns/新铺镇.xlsx': 'consolidated',
    'returns/育才小学.xlsx': 'migrated',
  });
  expect([status['returns/广福镇 - 副本.xlsx'], status['returns/广福镇.xlsx']].sort()).toEqual(['consolidated', 'superseded']);
  expect(result.files.find((f) => f.file === 'returns/南山小学.xlsx')!.issues.some((i) => i.severity === 'error' && i.cell)).toBe(true);
});

test('each file not wholly counted says why, naming the file kept or the errors', () => {
  const reason = (f: string) => result.files.find((x) => x.file === f)!.reason?.zh ?? '';
  expect(reason('returns/南山小学.xlsx')).toMatch(/^南山小学（小学）：\d+ 个强制性错误（见「问题」），未计入/);
  expect(reason('returns/城关镇.xlsx')).toContain('城关小学5（小学）：returns/新铺镇.xlsx 保存得更晚，采用该文件');
  const copy = ['returns/广福镇 - 副本.xlsx', 'returns/广福镇.xlsx'].find((f) => result.files.find((x) => x.file === f)!.status === 'superseded')!;
  expect(reason(copy)).toMatch(/与 returns\/广福镇.*保存时间相同，只计一次，采用后者/);
  expect(reason('returns/育才小学.xlsx')).toMatch(/旧版本模板（规划 v0\.9\.0）/);
  expect(result.files.find((x) => x.file === 'returns/城关镇.xlsx')!.units.filter((u) => u === '实验九年一贯制学校')).toHaveLength(1);
});

test('--plan takes a name as well as an id', () => {
  expect(consolidate(reads, plans, { planId: '优质均衡' }).plan.id).toBe('national-yzjh-2017');
  expect(() => consolidate(reads, plans, { planId: '没有这个规划' })).toThrow(/未知的规划「没有这个规划」/);
});

test('--include-invalid counts the errored return and says so', () => {
  const all = consolidate(reads, plans, { expected: c.expected, includeInvalid: true });
  expect(all.includeInvalid).toBe(true);
  const nanshan = all.units.find((u) => u.unit === '南山小学')!;
  expect(nanshan.included).toBe(true);
  expect(all.completeness.invalid[0]!.included).toBe(true);
  // 南山's pupils could not be read, so it adds to no ratio with pupils in the denominator.
  expect(agg('b1', '小学').contributors).toBe(all.aggregates.find((a) => a.indicator === 'b1' && a.level === '小学')!.contributors);
});

test('the long table: one row per counted input with its file and cell', () => {
  const rows = [...longRows(result)];
  expect(rows).toHaveLength(c.counted.length * INPUTS.length);
  const r = rows.find((x) => x.unit === '城关小学5' && x.input === 'pupils')!;
  expect(r).toEqual({ unit: '城关小学5', level: '小学', input: 'pupils', value: c.counted.find((s) => s.name === '城关小学5')!.data.pupils, file: 'returns/新铺镇.xlsx', cell: expect.stringMatching(/!/) });
});

test('expected list: header 单位/学校 with optional 学段, or a bare column of names', () => {
  expect(expectedFromRows([['序号', '学校', '学段'], [1, '城关小学１', '小学'], [2, ' 一中 ', '初中'], [3, '', '']])).toEqual([
    { unit: '城关小学1', level: '小学' },
    { unit: '一中', level: '初中' },
  ]);
  expect(expectedFromRows([['甲校'], ['乙校']])).toEqual([{ unit: '甲校' }, { unit: '乙校' }]);
  expect(() => expectedFromRows([['a', 'b'], ['c', 'd']])).toThrow(/单位/);
});

test('counted schools in the fixture are what the hand computation expects (guard on the fixture itself)', () => {
  const names = new Set(c.counted.map((s: CountySchool) => `${s.name}/${s.level}`));
  expect(names.size).toBe(c.counted.length);
  expect(c.counted.some((s) => s.name === '南山小学')).toBe(false);
});

test('an indicator each unit types itself (B11 学校规模) is judged per unit: no regional value, the units that typed one', () => {
  const yzjh = plans.find((p) => p.id === 'national-yzjh-2017')!;
  const one = (name: string, size: number | null) => {
    const f = template(yzjh, { kind: 'return', level: '小学', year: 2025, units: [name], indicators: ['b11'], includeOverview: false });
    if (size !== null) f.set(1, 'b11', size);
    return readReturn({ file: `${name}.xlsx`, book: f.book }, plans);
  };
  const r = consolidate([one('甲校', 1800), one('乙校', 2400), one('丙校', null)], plans, { includeInvalid: true });
  const a = r.aggregates.find((x) => x.indicator === 'b11')!;
  expect(a).toMatchObject({ value: null, status: 'noData', statusLabel: { zh: '逐校判定（见「明细」）' }, contributors: 2, unitsMet: 1 });
});

test('a lock or hidden file beside the returns is accounted for as skipped, never as a problem', () => {
  const lock = skippedReturn('returns/~$城关镇.xlsx', { zh: 'Office 的临时锁定文件', en: 'an Office lock file' });
  const r = consolidate([...reads, lock], plans, { expected: c.expected });
  expect(r.files.find((f) => f.file === 'returns/~$城关镇.xlsx')).toMatchObject({ status: 'skipped', reason: { zh: 'Office 的临时锁定文件' } });
  expect(r.completeness).toEqual(result.completeness);
  expect(r.aggregates).toEqual(result.aggregates);
});
