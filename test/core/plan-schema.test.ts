import * as fs from 'fs';
import * as path from 'path';
import { parsePlan, parsePlanText, safeParsePlan, PLAN_LIMITS, PlanError } from '../../src/core/plan/parse';
import { planJsonSchema } from '../../src/core/plan/json-schema';
import { minimalPlan } from '../fixtures/plans';

/** Deep-clones the fixture and applies a change, for "one thing wrong" cases. */
function broken(change: (p: ReturnType<typeof minimalPlan> & Record<string, unknown>) => void): unknown {
  const p = JSON.parse(JSON.stringify(minimalPlan()));
  change(p);
  return p;
}

function issuesOf(value: unknown) {
  const r = safeParsePlan(value);
  if (r.ok) throw new Error('expected the plan to be rejected');
  return r.issues;
}

describe('plan schema: good plans', () => {
  test('the minimal plan parses and gets its defaults', () => {
    const plan = parsePlan(minimalPlan());
    expect(plan.inputs[0]!.allowMissing).toBe(true);
    expect(plan.sections[0]!.indicators[0]!.baseline).toEqual({ value: 100, qualifier: '>', year: 2020 });
  });

  test('a baseline without qualifier is "="; a direct computation is the default', () => {
    const p = parsePlan(
      broken((x) => {
        delete (x.sections[0]!.indicators[1] as Record<string, unknown>).compute;
        x.sections[0]!.indicators[1]!.baseline = { value: 45.5, year: 2020 };
      }),
    );
    expect(p.sections[0]!.indicators[1]!.baseline!.qualifier).toBe('=');
    expect(p.sections[0]!.indicators[1]!.compute).toEqual({ kind: 'direct' });
  });

  test.each([
    [{ comparator: 'between', value: [1, 2] }],
    [{ comparator: '<=', value: 0.5, level: '小学' }],
    [{ comparator: 'relative', relation: '>=', reference: { name: { zh: '当地公务员平均工资收入水平' } } }],
    [{ comparator: 'bool', value: true, year: 2025 }],
    [{ comparator: 'count', value: 1, per: { zh: '每个乡镇' } }],
    [{ comparator: '>=', value: null, placeholder: 'xx%' }],
    [{ comparator: 'count', value: null, placeholder: '至少x个' }],
  ])('target %j is expressible', (target) => {
    expect(safeParsePlan(broken((x) => (x.sections[0]!.indicators[1]!.targets = [target as never]))).ok).toBe(true);
  });
});

describe('plan schema: bad plans name the JSON path, in Chinese and English', () => {
  test('a missing title', () => {
    const issues = issuesOf(broken((x) => delete (x as Record<string, unknown>).title));
    expect(issues).toEqual([{ path: '$.title', message: expect.objectContaining({ zh: expect.stringContaining('缺少必填项') }) }]);
    expect(issues[0]!.message.en).toMatch(/missing/);
  });

  test('a wrong type deep inside', () => {
    const issues = issuesOf(broken((x) => ((x.sections[0]!.indicators[0]!.targets[0] as Record<string, unknown>).value = '100')));
    expect(issues).toEqual([{ path: '$.sections[0].indicators[0].targets[0].value', message: expect.objectContaining({ zh: '类型错误：应为数字，实际为文本 "100"' }) }]);
  });

  test('an unknown level lists the allowed ones', () => {
    const issues = issuesOf(broken((x) => ((x.sections[0]!.indicators[0] as Record<string, unknown>).level = '幼儿园')));
    expect(issues[0]!.path).toBe('$.sections[0].indicators[0].level');
    expect(issues[0]!.message.zh).toContain('学前');
  });

  test('a null target without its placeholder', () => {
    const issues = issuesOf(broken((x) => (x.sections[0]!.indicators[1]!.targets = [{ comparator: '>=', value: null } as never])));
    expect(issues.some((i) => i.path.startsWith('$.sections[0].indicators[1].targets[0]'))).toBe(true);
  });

  test('a between target with its bounds reversed', () => {
    const issues = issuesOf(broken((x) => (x.sections[0]!.indicators[1]!.targets = [{ comparator: 'between', value: [3, 1] } as never])));
    expect(issues[0]!.path).toMatch(/^\$\.sections\[0\]\.indicators\[1\]\.targets\[0\]/);
  });

  test('duplicate indicator ids and a computation naming an undefined input', () => {
    const issues = issuesOf(
      broken((x) => {
        x.sections[0]!.indicators[1]!.id = 'gross-enrolment';
        x.sections[0]!.indicators[0]!.compute = { kind: 'ratio', numerator: ['nope'], denominator: ['enrolled'], scale: 100 };
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: '$.sections[0].indicators[1].id', message: expect.objectContaining({ zh: expect.stringContaining('重复的指标') }) },
        { path: '$.sections[0].indicators[0].compute', message: expect.objectContaining({ en: expect.stringContaining('"nope"') }) },
      ]),
    );
  });

  test('a rule naming an undefined input, and an id with capitals', () => {
    const issues = issuesOf(
      broken((x) => {
        x.rules = [{ kind: 'partLeTotal', id: 'r', part: ['ghost'], total: 'enrolled' }];
        x.id = 'Bad Id';
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['$.id', '$.rules[0]']);
  });

  test('a misspelt key is rejected, not silently dropped', () => {
    const issues = issuesOf(broken((x) => ((x.sections[0]!.indicators[0] as Record<string, unknown>).baseLine = { value: 1, year: 2020 })));
    expect(issues).toEqual([{ path: '$.sections[0].indicators[0]', message: { zh: '未知字段：baseLine', en: 'unknown keys: baseLine' } }]);
  });

  test('period from after to', () => {
    expect(issuesOf(broken((x) => (x.period = { from: 2026, to: 2025 })))[0]!.path).toBe('$.period');
  });

  test('parsePlan throws a PlanError carrying the issues', () => {
    expect(() => parsePlan({})).toThrow(PlanError);
  });
});

describe('untrusted plan text is limited', () => {
  test('invalid JSON', () => {
    const r = parsePlanText('{"id": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message.zh).toContain('不是有效的 JSON');
  });
  test('too large', () => {
    const r = parsePlanText(' '.repeat(PLAN_LIMITS.maxBytes + 1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message.en).toContain('too large');
  });
  test('too deep', () => {
    let v: unknown = 1;
    for (let i = 0; i < 100; i++) v = { a: v };
    expect(safeParsePlan(v).ok).toBe(false);
  });
  test('a BOM is tolerated', () => {
    expect(parsePlanText(`\uFEFF${JSON.stringify(minimalPlan())}`).ok).toBe(true);
  });
});

test('seeds/plan.schema.json is generated from the zod schema and up to date', () => {
  const file = path.join(__dirname, '..', '..', 'seeds', 'plan.schema.json');
  const committed = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(committed).toEqual(JSON.parse(JSON.stringify(planJsonSchema())));
});
