/** Links between plans: each link points at an existing indicator, and thresholds compare as stricter / equal / looser. */
import { allLinks, brokenLinks, compareLinks, compareTargets } from '../../src/core/plan/links';
import type { Target } from '../../src/core/plan/schema';
import { loadShippedPlans } from '../../src/node/seeds';

const plans = loadShippedPlans();

test('every link of the shipped plans points at an existing indicator of a shipped plan, and is cited', () => {
  expect(brokenLinks(plans)).toEqual([]);
  const links = plans.flatMap((p) => p.sections.flatMap((s) => s.indicators)).filter((i) => i.implements);
  expect(links.length).toBeGreaterThanOrEqual(30);
  expect(links.every((i) => i.implements!.source !== undefined)).toBe(true);
});

test('蕉岭 → 优质均衡: B24 equal, the body 残疾儿童少年入学率 (98%) stricter, per stage for B1', () => {
  const rows = compareLinks(plans, 'jiaoling-2023-2025', 'national-yzjh-2017');
  const by = (id: string) => rows.find((r) => r.indicator.id === id)!;
  expect(by('b24')).toMatchObject({ parent: { id: 'b24' }, verdict: 'equal' });
  expect(by('disabled-children-enrolment-rate')).toMatchObject({ parent: { id: 'b24' }, verdict: 'stricter' });
  expect(by('b1').pairs.map((p) => [p.label.split(' ')[0], p.local, p.parent, p.verdict])).toEqual([
    ['小学', '≥4.2 人', '≥4.2 人', 'equal'],
    ['初中', '≥5.3 人', '≥5.3 人', 'equal'],
  ]);
  // either order
  expect(compareLinks(plans, 'national-yzjh-2017', 'jiaoling-2023-2025')).toHaveLength(rows.length);
  expect(allLinks(plans).some((c) => c.plan === 'jiaoling-2023-2025')).toBe(true);
});

test('stricter, equal, looser for both directions of a bound, strict vs non-strict, yes/no and unlike targets', () => {
  const t = (x: unknown) => x as Target;
  expect(compareTargets(t({ comparator: '>=', value: 98 }), t({ comparator: '>=', value: 95 }))).toBe('stricter');
  expect(compareTargets(t({ comparator: '>=', value: 90 }), t({ comparator: '>=', value: 95 }))).toBe('looser');
  expect(compareTargets(t({ comparator: '<=', value: 0.4 }), t({ comparator: '<=', value: 0.45 }))).toBe('stricter');
  expect(compareTargets(t({ comparator: '<=', value: 0.5 }), t({ comparator: '<=', value: 0.45 }))).toBe('looser');
  expect(compareTargets(t({ comparator: '>', value: 95 }), t({ comparator: '>=', value: 95 }))).toBe('stricter');
  expect(compareTargets(t({ comparator: 'count', value: 2 }), t({ comparator: '>=', value: 1 }))).toBe('stricter');
  expect(compareTargets(t({ comparator: 'bool', value: true }), t({ comparator: 'bool', value: true }))).toBe('equal');
  expect(compareTargets(t({ comparator: '>=', value: 100 }), t({ comparator: 'bool', value: true }))).toBe('different');
  expect(compareTargets(t({ comparator: '>=', value: null, placeholder: 'xx%' }), t({ comparator: '>=', value: 95 }))).toBe('different');
});

test('阳江 → the national standards where its document follows them; its 巩固率 says why it has no parent', () => {
  const preschool = compareLinks(plans, 'yangjiang-2021-2025', 'national-ppph-2020');
  const by = (rows: typeof preschool, id: string) => rows.find((r) => r.indicator.id === id);
  expect(by(preschool, 'preschool-gross-enrolment-rate')).toMatchObject({ parent: { id: 'preschool-gross-enrolment-rate' }, verdict: 'stricter' });
  expect(by(preschool, 'public-central-kg-per-town')).toMatchObject({ parent: { id: 'public-central-kg-per-town' }, verdict: 'equal' });
  expect(by(preschool, 'kg-no-primary-schooling')).toMatchObject({ parent: { id: 'no-early-schooling' }, verdict: 'equal' });
  const compulsory = compareLinks(plans, 'yangjiang-2021-2025', 'national-yzjh-2017');
  expect(by(compulsory, 'disabled-children-compulsory-enrolment-share')).toMatchObject({ parent: { id: 'b24' }, verdict: 'stricter' });
  // 九年 巩固率: no provincial plan of the catalog states one, and B23 is the three-year junior rate.
  const retention = plans.find((p) => p.id === 'yangjiang-2021-2025')!.sections.flatMap((s) => s.indicators).find((i) => i.id === 'compulsory-retention-rate')!;
  expect(retention.implements).toBeUndefined();
  expect(retention.note?.zh).toContain('不链接上级');
  const provincial = plans.filter((p) => p.region.zh === '广东省');
  expect(provincial.length).toBeGreaterThan(0);
  for (const p of provincial) expect(p.sections.flatMap((s) => s.indicators).some((i) => i.name.zh.includes('巩固率'))).toBe(false);
});
