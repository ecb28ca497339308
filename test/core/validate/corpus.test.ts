/**
 * The corpus of broken returns: a generated template (buildTemplate + the grid shape), filled
 * correctly, then broken in exactly one way per case. Each case lists every issue it must
 * produce — code and cell — and nothing else may appear.
 */
import { validate, ISSUE_CODES, type IssueCode, type ValidationResult } from '../../../src/core/validate';
import { PlanRegistry } from '../../../src/core/plan/registry';
import { Plan } from '../../../src/core/plan/schema';
import { META_SHEET } from '../../../src/core/template/spec';
import { PLAN_JSON_KEY } from '../../../src/core/workbook/embedded';
import type { WorkbookGrid } from '../../../src/core/workbook/grid';
import { CLEAN, validationPlan } from './fixtures';
import { parsePlan, template, type Filled } from './helpers';
import { emitted, expectDeclaredOnly, runInstrumented } from './instrument';

const plan = parsePlan(validationPlan());

function clean(options: { units?: string[]; kind?: 'return' | 'units'; emptyRows?: number } = {}, from: Plan = plan): Filled {
  const f = template(from, { units: ['甲幼儿园'], year: 2025, ...options });
  if ((options.kind ?? 'return') === 'return') for (const [k, v] of Object.entries(CLEAN)) f.set(1, k, v);
  return f;
}

/** Sets a key of the hidden metadata sheet. */
function setMeta(book: WorkbookGrid, key: string, value: string): void {
  const meta = book.sheets.find((s) => s.name === META_SHEET)!;
  const row = meta.values.find((r) => r[0] === key)!;
  row[1] = value;
}

function codesAndCells(r: ValidationResult): Array<[IssueCode, string | undefined]> {
  return r.issues.map((i) => [i.code, i.cell] as [IssueCode, string | undefined]).sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
}

function expectIssues(r: ValidationResult, expected: Array<[IssueCode, string | undefined]>): void {
  expect(codesAndCells(r)).toEqual([...expected].sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)));
}

function valueCell(r: ValidationResult, indicator: string, unitIndex = 1): string {
  const v = r.values.find((x) => x.indicator === indicator && x.unitIndex === unitIndex);
  if (!v?.cell) throw new Error(`no value cell for ${indicator}`);
  return v.cell;
}

/** The plan without the baseline bound, so a case tests one thing (templates are made from it too). */
const quietPlan = Plan.parse({
  ...validationPlan(),
  sections: validationPlan().sections.map((s) => ({
    ...s,
    indicators: s.indicators.map((i) => (i.id === 'public-share' ? { ...i, range: undefined } : i)),
  })),
});

const seen = new Set<IssueCode>();
afterAll(() => {
  // The corpus covers at least 20 kinds of problem.
  expect(seen.size).toBeGreaterThanOrEqual(20);
  // Every case also went through the table of checks one by one: each check emitted only codes
  // it declares, and together they emitted every code the corpus saw.
  expectDeclaredOnly();
  const byChecks = new Set([...emitted.values()].flatMap((s) => [...s]));
  expect([...seen].filter((c) => !byChecks.has(c) && c !== 'validation-failed')).toEqual([]);
});
function run(f: Filled, options: Parameters<typeof validate>[2] = {}, plans: Parameters<typeof validate>[1] = plan): ValidationResult {
  const r = validate(f.book, plans, options);
  r.issues.forEach((i) => seen.add(i.code));
  runInstrumented(f.book, plans, options);
  return r;
}

describe('a clean return', () => {
  test('gives no issue and computes every indicator', () => {
    const f = clean();
    const r = run(f);
    expectIssues(r, []);
    expect(r.valid).toBe(true);
    expect(r.values.find((v) => v.indicator === 'public-share')).toMatchObject({ value: 41.7, status: 'unmet', cell: 'G24' });
    expect(r.values.find((v) => v.indicator === 'gross-enrolment')).toMatchObject({ value: 96, status: 'met' });
    expect(r.values.find((v) => v.indicator === 'layout-plan')).toMatchObject({ value: 1, cell: 'G31' });
    expect(r.templates[0]).toMatchObject({ planId: 'validate-fixture', kind: 'return', units: [{ index: 1, name: '甲幼儿园' }] });
  });

  test('a clean unit table gives no issue', () => {
    const units = ['甲园', '乙园', '丙园', '丁园', '戊园', '己园'];
    const f = clean({ kind: 'units', units });
    units.forEach((u, i) => {
      for (const [k, v] of Object.entries(CLEAN)) {
        if (f.cells.find(u, k)) f.set(u, k, typeof v === 'number' && k !== 'teachers' && k !== 'teachers-male' && k !== 'teachers-female' ? v + i * 10 : v);
      }
    });
    const r = run(f);
    expectIssues(r, []);
    expect(r.templates[0]!.units.map((u) => u.name)).toEqual(units);
  });
});

describe('cell content', () => {
  test('normalized-value: full-width digits with a separator are read, noted, and offered as a fix', () => {
    const f = clean();
    const cell = f.set(1, 'enrolled', '１,２００');
    const r = run(f);
    expectIssues(r, [['normalized-value', cell]]);
    const i = r.issues[0]!;
    expect(i.severity).toBe('info');
    expect(i.fix).toEqual({ value: 1200 });
    expect(i.value).toBe('１,２００');
    expect(i.message.zh).toContain(`${cell}「在园幼儿总数」“１,２００” 已按数字 1,200 读取`);
    expect(r.valid).toBe(true);
  });

  test('normalized-value: 95% typed into a rate', () => {
    const f = clean();
    const cell = f.set(1, 'certified-rate', '98.5%');
    const r = run(f);
    expectIssues(r, [['normalized-value', cell]]);
    expect(r.values.find((v) => v.indicator === 'certified-rate')!.value).toBe(98.5);
  });

  test('type-error: text that is not a number', () => {
    const f = clean();
    const cell = f.set(1, 'enrolled', '约1200人');
    const r = run(f);
    expectIssues(r, [['type-error', cell]]);
    expect(r.issues[0]!.message.zh).toMatch(/^G9「在园幼儿总数」“约1200人” 不是数字/);
    // The wrong input's indicators are not computed (and not reported again).
    expect(r.values.find((v) => v.indicator === 'gross-enrolment')!.value).toBeNull();
  });

  test('error-value: an Excel error typed or pasted into an input', () => {
    const f = clean();
    const cell = f.set(1, 'age-3-5', { error: '#DIV/0!' });
    expectIssues(run(f), [['error-value', cell]]);
  });

  test('not-whole: a count with a fraction', () => {
    const f = clean();
    const cell = f.set(1, 'cohort', 1000.5);
    expectIssues(run(f), [['not-whole', cell]]);
  });

  test('negative-count: a negative number of children', () => {
    const f = clean();
    const cell = f.set(1, 'inclusive-enrolled', -3);
    const r = run(f);
    expectIssues(r, [['negative-count', cell]]);
    expect(r.issues[0]!.message.en).toContain('-3 is below 0');
  });

  test('not-boolean: a yes/no answered with something else', () => {
    const f = clean();
    const cell = f.set(1, 'layout-plan', '大概吧');
    expectIssues(run(f), [['not-boolean', cell]]);
  });

  test('date-value: a date where a count belongs', () => {
    const f = clean();
    const cell = f.set(1, 'grade9', '2024-01-05');
    expectIssues(run(f), [['date-value', cell]]);
  });

  test('required-missing: a blank required input', () => {
    const f = clean();
    const cell = f.set(1, 'budget', null);
    const r = run(f);
    expectIssues(r, [['required-missing', cell]]);
    expect(r.values.find((v) => v.indicator === 'budget-total')).toMatchObject({ value: null, status: 'noData' });
  });

  test('missing codes are accepted where allowed and never counted as 0', () => {
    const f = clean();
    f.set(1, 'budget', '暂无数据');
    f.set(1, 'brands', '不适用');
    const r = run(f);
    expectIssues(r, []);
    expect(r.values.find((v) => v.indicator === 'budget-total')).toMatchObject({ value: null, status: 'noData' });
    expect(r.values.find((v) => v.indicator === 'brands')).toMatchObject({ value: null, status: 'noData' });
  });

  test('missing-code-not-allowed: 暂无数据 where the plan forbids a missing value', () => {
    const f = clean();
    const cell = f.set(1, 'teachers', '暂无数据');
    const r = run(f);
    expectIssues(r, [['missing-code-not-allowed', cell]]);
    expect(r.issues[0]!.message.zh).toContain('不允许缺报');
  });
});

describe('ranges', () => {
  test('out-of-range: an input above its plan maximum', () => {
    const f = clean();
    const cell = f.set(1, 'budget', 200000);
    const r = run(f);
    expectIssues(r, [['out-of-range', cell]]);
    expect(r.issues[0]).toMatchObject({ expected: '[0, 100000]', value: 200000 });
  });

  test('out-of-range: a net rate computed above 100 points at its value cell', () => {
    const f = clean();
    f.set(1, 'grade9', 1050);
    const r = run(f);
    expectIssues(r, [['out-of-range', valueCell(r, 'consolidation')]]);
    expect(r.issues[0]!.message.zh).toContain('净比率不能超过 100%');
  });

  test('out-of-range: a typed rate above 100', () => {
    const f = clean();
    const cell = f.set(1, 'certified-rate', 101);
    expectIssues(run(f), [['out-of-range', cell]]);
  });

  test("out-of-range: outside the plan's own min/max for an indicator", () => {
    const f = clean();
    f.set(1, 'teachers', 30);
    f.set(1, 'teachers-male', 3);
    f.set(1, 'teachers-female', 27);
    const r = run(f);
    expectIssues(r, [['out-of-range', valueCell(r, 'pupil-teacher')]]);
    expect(r.issues[0]!.params).toMatchObject({ number: 40, max: 30, of: 'indicator' });
  });

  test('gross-ratio-implausible: a gross ratio may pass 100, not 200', () => {
    const f = clean();
    f.set(1, 'age-3-5', 600);
    const r = run(f);
    expectIssues(r, [['gross-ratio-implausible', valueCell(r, 'gross-enrolment')]]);
    expect(r.issues[0]!.severity).toBe('warning');
    expect(r.valid).toBe(true);
  });

  test('a gross ratio above 100 within its bound is fine', () => {
    const f = clean();
    f.set(1, 'age-3-5', 1000);
    expectIssues(run(f), []);
  });
});

describe('relations', () => {
  test('part-exceeds-total: the message names both cells, both values and the rule', () => {
    const f = clean({}, quietPlan);
    f.set(1, 'enrolled', 1200);
    f.set(1, 'public-enrolled', 1250);
    f.set(1, 'inclusive-enrolled', 0);
    const r = run(f, {}, quietPlan);
    // Both rules that include the part fail; the rates computed from it are not reported again.
    expectIssues(r, [
      ['part-exceeds-total', 'G10'],
      ['part-exceeds-total', 'G10'],
    ]);
    expect(r.issues[0]!.message.zh).toBe('G10「公办园在园幼儿数」1,250 大于 G9「在园幼儿总数」1,200：分项不能大于总数，请核对这两个数');
    expect(r.issues[0]!.message.en).toBe('G10 "Children in public kindergartens": 1,250 is greater than G9 "Children enrolled" 1,200; a part cannot exceed its total');
  });

  test('part-exceeds-total: the sum of two parts above the total', () => {
    const f = clean({}, quietPlan);
    f.set(1, 'public-enrolled', 700);
    f.set(1, 'inclusive-enrolled', 600);
    const r = run(f, {}, quietPlan);
    expectIssues(r, [['part-exceeds-total', 'G10']]);
    expect(r.issues[0]!.message.zh).toContain('G10「公办园在园幼儿数」+G11「普惠性民办园在园幼儿数」合计 1,300 大于 G9「在园幼儿总数」1,200');
  });

  test('sum-mismatch: a total that is not the sum of its parts, at the total', () => {
    const f = clean();
    f.set(1, 'teachers-male', 30);
    f.set(1, 'teachers-female', 60);
    const r = run(f);
    expectIssues(r, [['sum-mismatch', f.at(1, 'teachers').address]]);
    expect(r.issues[0]!.message.zh).toContain('100 不等于分项之和 90');
  });

  test('zero-denominator: a denominator of 0 under a non-zero numerator', () => {
    const f = clean();
    const cell = f.set(1, 'age-3-5', 0);
    expectIssues(run(f), [['zero-denominator', cell]]);
  });

  test('0 ÷ 0 is no data, not an error', () => {
    const f = clean();
    f.set(1, 'grade9', 0);
    f.set(1, 'cohort', 0);
    const r = run(f);
    expectIssues(r, []);
    expect(r.values.find((v) => v.indicator === 'consolidation')!.value).toBeNull();
  });
});

describe('formula cells', () => {
  test('rate-mismatch: a rate typed over its formula, contradicting its parts', () => {
    const f = clean();
    const r0 = run(f);
    const cell = valueCell(r0, 'public-share');
    f.put(f.sheet().name, cell, 60, null);
    const r = run(f);
    expectIssues(r, [['rate-mismatch', cell]]);
    expect(r.issues[0]!.message.zh).toContain('填的是 60，按分子分母计算应为 41.7');
  });

  test('formula-overwritten: a status cell replaced by a typed 达标', () => {
    const f = clean();
    f.put(f.sheet().name, 'J24', '达标', null);
    const r = run(f);
    expectIssues(r, [['formula-overwritten', 'J24']]);
    expect(r.issues[0]!.expected).toMatch(/^=IF\(/);
  });

  test('formula-overwritten: a value formula replaced by the same number is still reported', () => {
    const f = clean();
    const cell = valueCell(run(f), 'public-share');
    f.put(f.sheet().name, cell, 41.7, null);
    expectIssues(run(f), [['formula-overwritten', cell]]);
  });

  test('formula-changed: a different formula in a computed cell', () => {
    const f = clean();
    const cell = valueCell(run(f), 'gross-enrolment');
    f.put(f.sheet().name, cell, 100, 'G9/G12*100+5');
    const r = run(f);
    expectIssues(r, [['formula-changed', cell]]);
    expect(r.issues[0]!.params).toMatchObject({ found: 'G9/G12*100+5' });
  });

  test('the same formula spelled differently by another host is not a change', () => {
    const f = clean();
    const cell = valueCell(run(f), 'public-share');
    const grid = f.sheet();
    const formula = grid.formulas[23]![6]!;
    f.put(grid.name, cell, null, `=${formula.replace(/G10/g, '$G$10').toLowerCase().replace(/"/g, '"')}`);
    expectIssues(run(f), []);
  });

  test("workbook-value-mismatch: the workbook's cached result disagrees with the core", () => {
    const f = clean();
    const cell = valueCell(run(f), 'public-share');
    const grid = f.sheet();
    f.put(grid.name, cell, 99, grid.formulas[23]![6]!);
    const r = run(f);
    expectIssues(r, [['workbook-value-mismatch', cell]]);
    expect(r.values.find((v) => v.indicator === 'public-share')).toMatchObject({ value: 41.7, workbookValue: 99 });
  });

  test('a cached result equal at the display precision agrees', () => {
    const f = clean();
    const cell = valueCell(run(f), 'public-share');
    const grid = f.sheet();
    f.put(grid.name, cell, 41.6666666666667, grid.formulas[23]![6]!);
    expectIssues(run(f), []);
  });
});

describe('plausibility (soft, explained by a 说明)', () => {
  test('change-from-baseline: beyond the plan maxChange', () => {
    const f = clean();
    f.set(1, 'public-enrolled', 700);
    f.set(1, 'inclusive-enrolled', 300);
    const r = run(f);
    expectIssues(r, [['change-from-baseline', valueCell(r, 'public-share')]]);
    expect(r.issues[0]).toMatchObject({ severity: 'warning', explained: false });
    expect(r.issues[0]!.message.zh).toContain('58.3 比基期（2020 年）的 40 变化了 18.3，超过 15');
  });

  test('a warning with text in its 说明 cell is explained, still listed', () => {
    const f = clean();
    f.set(1, 'public-enrolled', 700);
    f.set(1, 'inclusive-enrolled', 300);
    f.set(1, 'public-share#note', '新建两所公办园');
    const r = run(f);
    expectIssues(r, [['change-from-baseline', valueCell(r, 'public-share')]]);
    expect(r.issues[0]).toMatchObject({ explained: true, explanation: '新建两所公办园' });
  });

  test('change-from-previous: compared with last year of the same unit', () => {
    const f = clean();
    const r = run(f, { previous: [{ unit: '甲幼儿园', indicator: 'gross-enrolment', value: 70 }] });
    expectIssues(r, [['change-from-previous', valueCell(r, 'gross-enrolment')]]);
    expect(r.issues[0]!.message.zh).toContain('96 比上年的 70 变化了 26，超过 10');
  });

  test('peer-outlier: one school far from the others in a unit table', () => {
    const units = ['甲园', '乙园', '丙园', '丁园', '戊园', '己园', '庚园'];
    const f = clean({ kind: 'units', units });
    units.forEach((u, i) => {
      for (const [k, v] of Object.entries(CLEAN)) if (f.cells.find(u, k)) f.set(u, k, v);
      f.set(u, 'budget', 1500 + i * 20);
    });
    f.set('丙园', 'budget', 90000);
    const r = run(f);
    const cell = valueCell(r, 'budget-total', 3);
    expectIssues(r, [['peer-outlier', cell]]);
    expect(r.issues[0]).toMatchObject({ unit: '丙园', indicator: 'budget-total', severity: 'warning' });
    expect(r.issues[0]!.message.zh).toContain('（丙园）「学前教育经费总额」90,000 明显偏离同类 6 个单位');
  });
});

describe('integrity', () => {
  test('plan-version-mismatch: a return on an older plan version', () => {
    const f = clean();
    const newer = Plan.parse({ ...validationPlan(), version: '1.1.0' });
    const r = run(f, {}, new PlanRegistry([newer]));
    expectIssues(r, [['plan-version-mismatch', undefined]]);
    expect(r.issues[0]!.message.zh).toContain('1.0.0 版生成，当前规划为 1.1.0 版');
  });

  test('plan-hash-mismatch: same version, different content', () => {
    const f = clean();
    const edited = Plan.parse({ ...validationPlan(), title: { zh: '校验测试规划（改）', en: 'edited' } });
    expectIssues(run(f, {}, edited), [['plan-hash-mismatch', undefined]]);
  });

  test('template-version-mismatch: an old template layout', () => {
    const f = clean();
    setMeta(f.book, 'templateVersion', '0.9.0');
    expectIssues(run(f), [['template-version-mismatch', undefined]]);
  });

  test('input-cell-missing: a deleted defined name is read from its original cell, with a warning', () => {
    const f = clean();
    const cell = f.at(1, 'budget');
    const name = f.spec.definedNames.find((n) => n.ref.endsWith(`$${cell.address.replace(/\d+/, '')}$${cell.address.replace(/\D+/, '')}`))!.name;
    f.book.definedNames = f.book.definedNames.filter((n) => n.name !== name);
    const r = run(f);
    expectIssues(r, [['input-cell-missing', cell.address]]);
    expect(r.issues[0]).toMatchObject({ severity: 'warning', input: 'budget' });
  });

  test('input-cell-missing: the input sheet was renamed', () => {
    const f = clean();
    f.sheet().name = '我的表';
    const r = run(f);
    expect(new Set(r.issues.map((i) => i.code))).toEqual(new Set(['input-cell-missing']));
    expect(r.issues.length).toBe(f.spec.meta.inputs.length);
    expect(r.valid).toBe(false);
  });

  test('input-cell-missing: an input no longer in the map', () => {
    const f = clean();
    const meta = f.book.sheets.find((s) => s.name === META_SHEET)!;
    meta.values = meta.values.filter((r) => !(r[0] === 'cell' && r[2] === 'grade9'));
    const r = run(f);
    // Its value is no longer read, so it is listed where it is (nothing typed is invisible).
    const cell = f.at(1, 'grade9').address;
    expectIssues(r, [['input-cell-missing', undefined], ['unplaced-value', cell]]);
    expect(r.issues.find((i) => i.code === 'input-cell-missing')).toMatchObject({ input: 'grade9', params: { reason: 'not-mapped' } });
  });

  test('unknown-plan: the return names a plan the library does not have', () => {
    const f = clean();
    // A workbook that does not carry its plan (made before plans travelled inside, or stripped).
    const meta = f.book.sheets.find((s) => s.name === META_SHEET)!;
    meta.values = meta.values.filter((r) => r[0] !== PLAN_JSON_KEY);
    expectIssues(run(f, {}, new PlanRegistry([])), [['unknown-plan', undefined]]);
  });

  test('not-a-template: a workbook without template metadata', () => {
    const f = clean();
    f.book.sheets = f.book.sheets.filter((s) => s.name !== META_SHEET);
    const r = run(f);
    expectIssues(r, [['not-a-template', undefined]]);
    expect(r.valid).toBe(false);
  });

  test('metadata-invalid: a metadata sheet of an unknown format', () => {
    const f = clean();
    const meta = f.book.sheets.find((s) => s.name === META_SHEET)!;
    meta.values[0]![1] = '99';
    expectIssues(run(f), [['metadata-invalid', undefined]]);
  });
});

describe('units', () => {
  test('duplicate-unit and unit-name-missing in a table the filler names', () => {
    const f = clean({ kind: 'units', emptyRows: 5, units: [] });
    const filled = (u: number) => {
      for (const [k, v] of Object.entries(CLEAN)) if (f.cells.find(u, k)) f.set(u, k, v);
    };
    const nameCell = (u: number) => f.at(u, 'enrolled').unitCell.address;
    f.put(f.sheet().name, nameCell(1), '甲园');
    f.put(f.sheet().name, nameCell(2), '乙园');
    f.put(f.sheet().name, nameCell(3), '甲园');
    [1, 2, 3, 4].forEach(filled);
    // Row 5 stays blank: not a unit, no issue.
    const r = run(f);
    expectIssues(r, [
      ['duplicate-unit', nameCell(3)],
      ['unit-name-missing', nameCell(4)],
    ]);
    expect(r.issues.find((i) => i.code === 'duplicate-unit')!.message.zh).toContain(`单位名称「甲园」与 ${nameCell(1)} 重复`);
    expect(r.templates[0]!.units.map((u) => u.index)).toEqual([1, 2, 3, 4]);
  });

  test('a return whose unit is left for the filler: the name typed in its name cell is the unit, not an unplaced value', () => {
    const f = clean({ units: [] });
    const nameCell = f.at(1, 'enrolled').unitCell;
    f.put(nameCell.sheet, nameCell.address, '丁幼儿园');
    const r = run(f);
    expect(r.issues.filter((i) => i.code === 'unplaced-value')).toEqual([]);
    expect(r.templates[0]!.units.map((u) => u.name)).toEqual(['丁幼儿园']);
  });

  test('unit-renamed: a school the bureau named now shows another name', () => {
    const units = ['甲园', '乙园'];
    const f = clean({ kind: 'units', units });
    for (const u of units) for (const [k, v] of Object.entries(CLEAN)) if (f.cells.find(u, k)) f.set(u, k, v);
    const nameCell = f.at('乙园', 'enrolled').unitCell.address;
    f.put(f.sheet().name, nameCell, '丙园');
    const r = run(f);
    expectIssues(r, [['unit-renamed', nameCell]]);
    expect(r.issues[0]!.message.zh).toContain('单位名称现为「丙园」，模板中为「乙园」');
  });
});

test('every issue code has a message in both languages', () => {
  for (const code of ISSUE_CODES) expect(typeof code).toBe('string');
  expect(ISSUE_CODES.length).toBeGreaterThanOrEqual(20);
});
