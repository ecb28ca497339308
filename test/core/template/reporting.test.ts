/**
 * Who reports what: per shipped plan and per reporter, a template holds only what that level
 * knows and is judged on (a school is never asked a 差异系数, a 全县 rate or 当地公务员工资), a
 * higher level's scale target is a contribution (shown, not judged), and `--level` filters stages.
 */
import { loadShippedPlans } from '../../../src/node/seeds';
import { indicatorReporter, inputReporter, planReporter, REPORTERS, reporterRank, stagesOf } from '../../../src/core/plan/reporting';
import type { Plan, Reporter } from '../../../src/core/plan/schema';
import { buildTemplate } from '../../../src/core/template/build';
import { TemplateError } from '../../../src/core/template/options';
import { decodeMetadata } from '../../../src/core/workbook/cellmap';

const plans = loadShippedPlans();
const plan = (id: string): Plan => plans.find((p) => p.id === id)!;
const byId = (p: Plan) => new Map(p.sections.flatMap((s) => s.indicators).map((i) => [i.id, i]));

/** Builds, or returns the TemplateError (a plan may have nothing a level reports). */
function tryBuild(p: Plan, options: Parameters<typeof buildTemplate>[1]) {
  try {
    return buildTemplate(p, options);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
}

describe('the level each plan reports at', () => {
  test('derived from the region: 县/区 and national county standards → county, 市 → city, 省 → province', () => {
    expect(planReporter(plan('jiaoling-2023-2025'))).toBe('county');
    expect(planReporter(plan('jiedong-2023-2025'))).toBe('county');
    expect(planReporter(plan('national-yzjh-2017'))).toBe('county');
    expect(planReporter(plan('yangjiang-2021-2025'))).toBe('city');
    expect(planReporter(plan('heyuan-2025-2035'))).toBe('city');
    expect(planReporter(plan('guangdong-bqw-2023-2027'))).toBe('province');
  });

  test('the seed documents audited: 差异系数 is consolidated, B1–B7 and 学校规模 are schools\', B15 and 全县 rates the county\'s', () => {
    const yz = plan('national-yzjh-2017');
    const ind = byId(yz);
    for (const id of ['b1', 'b4', 'b7', 'b11', 'b12', 'b10-music-rooms', 'b26', 'b30']) expect(indicatorReporter(yz, ind.get(id)!)).toBe('school');
    for (const id of ['b1-cv', 'b7-cv']) expect(indicatorReporter(yz, ind.get(id)!)).toBe('consolidation');
    for (const id of ['b15', 'b23', 'b24', 'b8', 'social-recognition']) expect(indicatorReporter(yz, ind.get(id)!)).toBe('county');
    expect(inputReporter(yz, yz.inputs.find((i) => i.id === 'civil-servant-average-salary')!)).toBe('county');
    expect(inputReporter(yz, yz.inputs.find((i) => i.id === 'pupils')!)).toBe('school');
    const yj = plan('yangjiang-2021-2025');
    // 在园幼儿 ≥11万人 is the city's scale target; 毛入园率 is judged for each county.
    expect(indicatorReporter(yj, byId(yj).get('preschool-enrolment')!)).toBe('city');
    expect(indicatorReporter(yj, byId(yj).get('preschool-gross-enrolment-rate')!)).toBe('county');
    expect(indicatorReporter(yj, byId(yj).get('counties-passing-preschool-review-share')!)).toBe('city');
  });
});

describe.each(plans.map((p) => [p.id, p] as const))('%s', (_id, p) => {
  const own = planReporter(p);
  const reporters = REPORTERS.filter((r) => reporterRank(r) <= reporterRank(own));

  test.each(reporters.map((r) => [r] as const))('a return for %s holds only what that level knows and is judged on', (r: Reporter) => {
    const built = tryBuild(p, { kind: 'return', reporter: r, year: p.period.to });
    if (built instanceof TemplateError) {
      // Only acceptable when the plan really has nothing that level reports.
      expect(built.text.zh).toContain('没有由');
      expect(p.sections.flatMap((s) => s.indicators).some((i) => indicatorReporter(p, i) === r)).toBe(false);
      return;
    }
    const ind = byId(p);
    for (const id of built.meta.indicators) {
      const level = indicatorReporter(p, ind.get(id)!);
      if (r === 'school') expect([id, level]).toEqual([id, 'school']);
      // Above this level: only a scale figure, as a contribution (a yes/no of the whole city is not one county's).
      else if (reporterRank(level) > reporterRank(r)) expect([id, ind.get(id)!.kind]).not.toEqual([id, 'boolean']);
    }
    for (const stageId of built.meta.inputs) {
      // A per-stage input (pupils.primary) is its plan input's part.
      const id = p.inputs.some((i) => i.id === stageId) || ind.has(stageId) ? stageId : stageId.replace(/\.(primary|junior|senior|preschool|vocational|higher)$/, '');
      const input = p.inputs.find((i) => i.id === id);
      // A plan input is known at this level; a direct indicator's own input is that indicator.
      if (input) expect([id, reporterRank(inputReporter(p, input)) <= reporterRank(r)]).toEqual([id, true]);
      else expect(ind.has(id)).toBe(true);
    }
  });

  test('a school template never has an input a school cannot know', () => {
    const built = tryBuild(p, { kind: 'return', reporter: 'school' });
    if (built instanceof TemplateError) return expect(built.text.zh).toContain('学校');
    const base = (id: string) => id.replace(/\.(primary|junior|senior|preschool|vocational|higher)$/, '');
    const names = built.meta.inputs.map((id) => p.inputs.find((i) => i.id === id || i.id === base(id))?.name.zh ?? byId(p).get(base(id))!.name.zh).join('|');
    expect(names).not.toMatch(/公务员|差异系数|全县|全区|全市|县（市、区）数|适龄人口|周岁人口/);
    for (const id of built.meta.indicators) expect(byId(p).get(id)!.kind === 'coefficient' && /校际/.test(byId(p).get(id)!.name.zh)).toBe(false);
  });
});

test('a school\'s 优质均衡 return asks only school data', () => {
  const spec = buildTemplate(plan('national-yzjh-2017'), { kind: 'return', reporter: 'school', level: '小学' });
  expect(spec.meta.indicators).toEqual(expect.arrayContaining(['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b11', 'b12']));
  expect(spec.meta.indicators.filter((id) => /cv|b15|b23|b24|b8|b9|social/.test(id))).toEqual([]);
  expect(spec.meta.inputs).not.toContain('civil-servant-average-salary');
  expect(spec.meta.inputs).not.toContain('survey-valid-responses');
  expect(spec.meta.reporter).toBe('school');
});

test('a county\'s return to the city shows the city\'s scale target as a contribution, never judged', () => {
  const spec = buildTemplate(plan('yangjiang-2021-2025'), { kind: 'return', reporter: 'county', year: 2025 });
  expect(spec.meta.indicators).toContain('preschool-enrolment');
  expect(spec.meta.indicators).not.toContain('counties-passing-preschool-review-share');
  const cells = Object.values(spec.sheets[0].cells);
  const status = cells.find((c) => c.tag?.what === 'status' && c.tag.indicator === 'preschool-enrolment')!;
  expect(status.formula).toBe('"本级贡献值，汇总后判定"');
  expect(cells.some((c) => c.tag?.what === 'gap' && c.tag.indicator === 'preschool-enrolment')).toBe(false);
  // The rate is the county's own and is judged.
  const rate = cells.find((c) => c.tag?.what === 'status' && c.tag.indicator === 'preschool-gross-enrolment-rate')!;
  expect(rate.formula).toContain('达标');
});

test('a unit table for a county lists schools and holds only what schools know', () => {
  const p = plan('national-yzjh-2017');
  const spec = buildTemplate(p, { kind: 'units', reporter: 'county', level: '初中', units: ['甲校', '乙校'] });
  expect(spec.meta.indicators).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']);
  for (const id of spec.meta.inputs) expect(inputReporter(p, p.inputs.find((i) => i.id === id)!)).toBe('school');
  expect(() => buildTemplate(p, { kind: 'units', reporter: 'school' })).toThrow(TemplateError);
});

test('--level filters stages for real: 蕉岭 小学 has no 初中, 学前 or 高中 item', () => {
  const p = plan('jiaoling-2023-2025');
  for (const kind of ['return', 'overview'] as const) {
    const spec = buildTemplate(p, { kind, level: '小学' });
    const ind = byId(p);
    for (const id of spec.meta.indicators) {
      const i = ind.get(id)!;
      const stages = stagesOf(i.level);
      if (stages) expect([id, stages.includes('小学')]).toEqual([id, true]);
      const levelled = i.targets.filter((t) => t.level);
      if (levelled.length === i.targets.length && levelled.length > 0) expect([id, levelled.some((t) => t.level === '小学')]).toEqual([id, true]);
    }
    expect(spec.meta.indicators).not.toContain('b23');
    expect(spec.meta.indicators).not.toContain('new-public-kindergarten');
    expect(spec.meta.indicators).not.toContain('high-school-public-funds-per-pupil');
    expect(spec.meta.inputs).not.toContain('junior-entry-cohort');
    expect(spec.meta.inputs).not.toContain('preschool-children');
  }
});

test('the reporter travels in the workbook metadata, so validation rebuilds the same template', () => {
  const spec = buildTemplate(plan('national-yzjh-2017'), { kind: 'return', reporter: 'school', level: '小学' });
  const decoded = decodeMetadata({ name: spec.hiddenMetadata.sheetName, values: spec.hiddenMetadata.rows, formulas: [] });
  expect(decoded && 'meta' in decoded ? decoded.meta.reporter : undefined).toBe('school');
});
