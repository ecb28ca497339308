/**
 * Custom functions take names where they take ids — =EDU.目标值("阳江","九年义务教育巩固率") — and
 * EDU.INDICATORS (指标列表) spills a plan's indicators for what-if sheets.
 */
import * as fns from '../../src/functions/functions';
import { PlainFunctionError, setFunctionLang } from '../../src/functions/errors';
import { runtimeRegistry } from '../../src/runtime/registry';
import { loadShippedPlans } from '../../src/node/seeds';

beforeAll(() => loadShippedPlans().forEach((p) => runtimeRegistry().add(p)));
afterEach(() => setFunctionLang('zh-CN'));

test('=EDU.TARGET("阳江","九年义务教育巩固率") and friends', () => {
  expect(fns.eduTarget('阳江', '九年义务教育巩固率')).toBe(96);
  expect(fns.eduTarget('优质均衡', 'B1', undefined, '初中')).toBe(5.3);
  expect(fns.eduTarget('优质均衡', '生均教学仪器设备值', undefined, '小学')).toBe(2000);
  expect(fns.eduTargetText('阳江', '巩固率')).toMatch(/96/);
  expect(fns.eduPass([[97]], [['阳江/九年义务教育巩固率']])).toEqual([[true]]);
  expect(fns.eduGap([[95]], [['阳江/巩固率']])).toEqual([[1]]);
});

test('an unknown name is #VALUE! with the closest names', () => {
  let e: unknown;
  try {
    fns.eduTarget('阳江', '巩固律');
  } catch (x) {
    e = x;
  }
  expect(e).toBeInstanceOf(PlainFunctionError);
  expect((e as PlainFunctionError).code).toBe('#VALUE!');
  expect((e as PlainFunctionError).message).toContain('九年义务教育巩固率');
});

test('EDU.INDICATORS spills a header and one row per indicator with its target', () => {
  const rows = fns.eduIndicators('优质均衡', '初中') as Array<Array<string | number>>;
  expect(rows[0]).toEqual(['id', '编号', '指标', '单位', '学段', '目标值', '目标']);
  const b1 = rows.find((r) => r[1] === 'B1')!;
  expect(b1).toEqual(['b1', 'B1', '每百名学生拥有高于规定学历教师数', '人', '义务教育', 5.3, '初中 ≥5.3 人']);
  const all = fns.eduIndicators('national-yzjh-2017') as Array<Array<string | number>>;
  expect(all.find((r) => r[1] === 'B1')![6]).toBe('小学 ≥4.2 人 / 初中 ≥5.3 人');
  expect(all.find((r) => r[1] === 'B1')![5]).toBe(''); // no single number without a stage
  setFunctionLang('en');
  expect((fns.eduIndicators('阳江') as unknown[][])[0]).toEqual(['id', 'code', 'indicator', 'unit', 'level', 'target', 'thresholds']);
});
