/** `edu-indicators catalog`: the JSON contract, the readable table, conflicts and placeholders. */
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../helpers/cli';
import { loadShippedPlans } from '../../src/node/seeds';
import type { CatalogRow, Conflict } from '../../src/core/plan/catalog';

const rows = JSON.parse(runCli(['catalog', '--json']).stdout) as CatalogRow[];
const byId = (plan: string, id: string) => rows.find((r) => r.plan === plan && r.id === id);

test('catalog --json: one object per indicator with the documented fields', () => {
  const total = loadShippedPlans().reduce((n, p) => n + p.sections.reduce((m, s) => m + s.indicators.length, 0), 0);
  expect(rows).toHaveLength(total);
  for (const r of rows) {
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(['plan', 'id', 'name', 'nameEn', 'unit', 'level', 'attribute', 'comparator', 'target', 'baseline', 'year', 'source']),
    );
    const t = r.target;
    expect(t === null || typeof t === 'number' || typeof t === 'boolean' || (Array.isArray(t) && t.length === 2)).toBe(true);
  }
});

test('the seed documents give well over two hundred indicators', () => {
  const fromSeeds = rows.filter((r) => 'file' in r.source);
  expect(fromSeeds.length).toBeGreaterThan(200);
  const files = new Set(fromSeeds.map((r) => (r.source as { file: string }).file));
  expect(files.size).toBe(5);
});

test('阳江: the table as in the document (baseline qualifier, floor, attribute, percent numbers)', () => {
  const gross = byId('yangjiang-2021-2025', 'preschool-gross-enrolment-rate')!;
  expect(gross).toMatchObject({ baseline: 100, baselineQualifier: '>', baselineYear: 2020, target: 100, year: 2025, attribute: '预期性', unit: '%' });
  const retention = byId('yangjiang-2021-2025', 'compulsory-retention-rate')!;
  expect(retention).toMatchObject({ baseline: 98.7, target: 96, comparator: '>=', attribute: '约束性' });
  const high = byId('yangjiang-2021-2025', 'senior-secondary-gross-enrolment-rate')!;
  expect(high).toMatchObject({ comparator: '>', target: 95, baselineQualifier: '>' });
  const table = runCli(['catalog', '--plan', 'yangjiang-2021-2025']);
  expect(table.code).toBe(0);
  expect(table.stdout).toContain('九年义务教育巩固率');
  expect(table.stdout).toContain('约束性');
  expect(table.stdout).toContain('>100 (2020)');
});

test('placeholders stay unknown, never invented', () => {
  const ph = JSON.parse(runCli(['catalog', '--placeholders', '--json']).stdout) as CatalogRow[];
  expect(ph.length).toBeGreaterThan(0);
  for (const r of ph) expect(r.target).toBeNull();
  expect(ph.some((r) => r.placeholder?.includes('xx%'))).toBe(true);
});

test('--conflicts lists the 残疾儿童少年入学率 pair of 蕉岭 (body vs annex B24)', () => {
  const conflicts = JSON.parse(runCli(['catalog', '--conflicts', '--json']).stdout) as Conflict[];
  const pair = conflicts.find((c) => c.plan === 'jiaoling-2023-2025' && [c.a.code, c.b.code].includes('B24'));
  expect(pair).toBeDefined();
  expect(pair!.a.target).not.toEqual(pair!.b.target);
  const text = runCli(['catalog', '--conflicts']).stdout;
  expect(text).toContain('↔');
});

test('an unknown plan id is an error naming the known ones', () => {
  const r = runCli(['catalog', '--plan', 'nope']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('yangjiang-2021-2025');
});

test('indicator ids are stable: none listed in seeds/catalog-ids.json may disappear', () => {
  const locked = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'catalog-ids.json'), 'utf8')) as Record<string, string[]>;
  const missing: string[] = [];
  for (const [plan, ids] of Object.entries(locked)) {
    for (const id of ids) if (!byId(plan, id)) missing.push(`${plan}/${id}`);
  }
  expect(missing).toEqual([]);
});

describe('every threshold is shown', () => {
  test('per-stage targets, 差异系数 limits and school-type limits labelled with their type', () => {
    const r = runCli(['catalog', '--plan', 'national-yzjh-2017']);
    expect(r.code).toBe(0);
    const line = (code: string) => r.stdout.split('\n').find((l) => l.startsWith(`${code} `))!;
    expect(line('B1')).toContain('小学 ≥4.2 人 / 初中 ≥5.3 人');
    expect(line('B1-CV')).toMatch(/小学 ≤0\.50? \/ 初中 ≤0\.45/);
    expect(line('B11')).toContain('小学、初中 ≤2000 人');
    expect(line('B11')).toMatch(/九年一贯制学校.*≤2500 人/);
  });

  test('--level 初中 keeps the indicators of that stage with their 初中 targets only', () => {
    const r = runCli(['catalog', '--plan', 'national-yzjh-2017', '--level', '初中']);
    expect(r.code).toBe(0);
    const b1 = r.stdout.split('\n').find((l) => l.startsWith('B1 '))!;
    expect(b1).toContain('初中 ≥5.3 人');
    expect(b1).not.toContain('小学');
    const all = runCli(['catalog', '--level', '学前', '--json']);
    const rows = JSON.parse(all.stdout) as Array<{ level: string; targets: Array<{ level: string | null }> }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((x) => x.level === '初中')).toBe(false);
    expect(runCli(['catalog', '--level', '小']).code).toBe(2);
  });

  test('--json rows carry every target with its stage and condition, and the one-line text', () => {
    const rows = JSON.parse(runCli(['catalog', '--plan', 'national-yzjh-2017', '--json']).stdout) as Array<{
      id: string;
      targetsText: string;
      targets: Array<{ level: string | null; condition: string | null; text: string }>;
    }>;
    const b11 = rows.find((x) => x.id === 'b11')!;
    expect(b11.targets.map((t) => t.condition)).toEqual(['小学、初中', '九年一贯制学校、十二年一贯制学校（义务教育阶段）']);
    expect(rows.find((x) => x.id === 'b1')!.targets.map((t) => t.level)).toEqual(['小学', '初中']);
  });
});

describe('names where ids are asked', () => {
  test('eval --plan 阳江 --indicator 九年义务教育巩固率', () => {
    const r = runCli(['eval', '--plan', '阳江', '--indicator', '九年义务教育巩固率', '--value', '97', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ plan: 'yangjiang-2021-2025', indicatorId: 'compulsory-retention-rate', status: 'met' });
  });

  test('an unknown name suggests the closest', () => {
    const r = runCli(['eval', '--plan', '阳江', '--indicator', '巩固律', '--value', '97']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('最接近的：九年义务教育巩固率（compulsory-retention-rate）');
    expect(r.stderr).toContain('Closest: compulsory-retention-rate');
  });

  test('catalog --plan 优质均衡', () => {
    const r = runCli(['catalog', '--plan', '优质均衡', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Array<{ plan: string }>).every((x) => x.plan === 'national-yzjh-2017')).toBe(true);
  });
});

describe('links between plans', () => {
  test('catalog --compare jiaoling-2023-2025 national-yzjh-2017 shows the national links side by side', () => {
    const r = runCli(['catalog', '--compare', 'jiaoling-2023-2025', 'national-yzjh-2017']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('jiaoling-2023-2025 → national-yzjh-2017');
    expect(lines.find((l) => l.startsWith('B24 '))).toMatch(/≥95%\s+≥95%\s+相同/);
    expect(lines.find((l) => l.includes('残疾儿童少年义务教育入学率'))).toMatch(/≥98%\s+≥95%\s+更严/);
    expect(r.stdout).toMatch(/共 \d+ 个关联指标：更严 1，相同 \d+，更宽 0/);
    const j = JSON.parse(runCli(['catalog', '--compare', '优质均衡', '蕉岭', '--json']).stdout) as Array<{ indicator: string; verdict: string }>;
    expect(j.find((x) => x.indicator === 'b24')!.verdict).toBe('equal');
  });

  test('--conflicts also looks across plans', () => {
    const r = runCli(['catalog', '--conflicts']);
    expect(r.stdout).toContain('残疾儿童少年入学率');
    expect(r.stdout).toContain('跨规划：没有比所落实的上级标准更宽的阈值');
  });
});
