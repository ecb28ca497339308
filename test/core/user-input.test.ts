/** The surfaces' shared reading of years, levels and lists (CLI options, EDU.* arguments, pane fields, template options). */
import fc from 'fast-check';
import { buildTemplate } from '../../src/core/template/build';
import { TemplateError } from '../../src/core/template/options';
import { isReportYear, levelProblem, parseLevelName, parseReportYear, splitList, yearProblem } from '../../src/core/user-input';
import { comparatorPlan } from './template/fixture-plan';

test('report years: whole years 1990–2100, typed or from a cell, full-width digits too', () => {
  expect(parseReportYear('2025')).toBe(2025);
  expect(parseReportYear(' ２０２５ ')).toBe(2025);
  expect(parseReportYear(2030)).toBe(2030);
  for (const bad of ['20x5', '2025.5', '1989', '2101', '', null, true]) expect(parseReportYear(bad)).toBeUndefined();
  fc.assert(fc.property(fc.integer({ min: 1900, max: 2200 }), (y) => expect(parseReportYear(String(y)) !== undefined).toBe(isReportYear(y))));
  expect(yearProblem('20x5', '--year').zh).toBe('--year 无效：20x5（应为 1990–2100 的整数）');
  expect(yearProblem('20x5').en).toBe('invalid year: 20x5 (a whole year 1990–2100)');
});

test('levels: the schema names and the 优质均衡 synonyms', () => {
  expect(parseLevelName('小学')).toBe('小学');
  expect(parseLevelName(' primary ')).toBe('小学');
  expect(parseLevelName('Junior')).toBe('初中');
  expect(parseLevelName('学前')).toBe('学前');
  expect(parseLevelName('高三')).toBeUndefined();
  expect(parseLevelName('')).toBeUndefined();
  expect(levelProblem('高三', '--level').zh).toContain('--level');
});

test('lists: one item per line or tab, a single line split at list separators', () => {
  expect(splitList('甲校\n乙校\r\n\n 丙校 ')).toEqual(['甲校', '乙校', '丙校']);
  expect(splitList('甲校\t乙校')).toEqual(['甲校', '乙校']);
  expect(splitList('甲校，乙校、丙校;丁校；戊校,己校')).toEqual(['甲校', '乙校', '丙校', '丁校', '戊校', '己校']);
  // A line of a multi-line paste is one unit, commas and all.
  expect(splitList('城关小学（含分校，教学点）\n新铺小学')).toEqual(['城关小学（含分校，教学点）', '新铺小学']);
  expect(splitList('  ')).toEqual([]);
  expect(splitList('甲  校,甲  校')).toEqual(['甲 校', '甲 校']);
});

test('template options read levels and years by the same rule', () => {
  expect(buildTemplate(comparatorPlan(), { kind: 'return', level: 'primary' }).meta.level).toBe('小学');
  expect(() => buildTemplate(comparatorPlan(), { kind: 'return', level: '高三' })).toThrow(TemplateError);
  expect(() => buildTemplate(comparatorPlan(), { kind: 'return', year: 1989 })).toThrow(TemplateError);
});
