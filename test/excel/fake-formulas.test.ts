/**
 * The preview's formula evaluator (formulajs behind the adapter in src/excel/fake/formula.ts)
 * computes every template of every shipped plan as the core does — and so as LibreOffice does,
 * which test/xlsx/libreoffice.test.ts holds to the same oracle. Templates are inserted into the
 * fake through the add-in's own insert, filled by typing (random values, missing codes, zeros,
 * yes/no answers), and EVERY formula cell is compared with the core; no error value may appear,
 * neither in a cell nor in a conditional format or custom validation rule evaluated over its range.
 */
import * as formulajs from '@formulajs/formulajs';
import fc from 'fast-check';
import type { Plan } from '../../src/core/plan/schema';
import { buildTemplate } from '../../src/core/template/build';
import type { TemplateOptions } from '../../src/core/template/options';
import { a1ToRowCol } from '../../src/core/workbook/address';
import { CellIndex, findTemplates, resolveInputCells } from '../../src/core/workbook/cellmap';
import { readTemplateGrids } from '../../src/excel/read';
import { insertTemplate } from '../../src/excel/render';
import { createFakeExcel, evaluateFormula, functionsIn, SUPPORTED_FUNCTIONS, type FakeExcel } from '../../src/excel/fake';
import { roundTo } from '../../src/core/evaluate/round';
import { agrees, CoreOracle } from '../helpers/expected';
import { shippedPlans } from '../helpers/shipped';
import { rng, templateOptionsFor as optionsFor, unitInputs } from '../helpers/template-inputs';

async function insertAndFill(plan: Plan, options: TemplateOptions, seed: number): Promise<{ fake: FakeExcel; failures: string[]; compared: number }> {
  const spec = buildTemplate(plan, options);
  const fake = createFakeExcel({ sheets: ['Sheet1'] });
  await insertTemplate(fake.host, spec);
  const book = await readTemplateGrids(fake.host);
  const t = findTemplates(book).templates[0]!;
  const cells = new CellIndex(resolveInputCells(t, book.definedNames, book).cells);
  const r = rng(seed);
  const units = (options.units ?? []).map(() => unitInputs(plan, spec.meta.inputs, r));
  units.forEach((u, i) => {
    for (const [id, v] of Object.entries(u)) {
      const c = cells.find(i + 1, id);
      if (!c || v === null || v === undefined) continue;
      // Pasted: data validation would stop a missing code typed into a number cell, a paste gets through.
      expect(fake.typeInto(c.sheet, c.address, String(v), { paste: true }).ok).toBe(true);
    }
  });
  const oracle = new CoreOracle(plan, spec.meta, units);
  const failures: string[] = [];
  let compared = 0;
  const label = `${plan.id} ${options.kind} ${options.level ?? ''}`;
  for (const sheet of spec.sheets) {
    for (const [address, cell] of Object.entries(sheet.cells)) {
      if (cell.formula === undefined) continue;
      const { row, col } = a1ToRowCol(address);
      const view = fake.view(sheet.name, row, col);
      if (view.error) {
        failures.push(`${label} ${sheet.name}!${address}: ${view.error}  [=${cell.formula.slice(0, 160)}]`);
        continue;
      }
      if (!cell.tag) continue;
      compared++;
      if (cell.tag.what === 'unitsCount') {
        if (typeof view.value !== 'string' || !view.value.endsWith(String(units.length))) failures.push(`${label} ${address}: unit count ${String(view.value)}`);
        continue;
      }
      const expected = oracle.expected(cell.tag);
      if (!agrees(view.value, expected)) {
        failures.push(`${label} ${sheet.name}!${address} ${JSON.stringify(cell.tag)}: preview ${JSON.stringify(view.value)} ≠ core ${JSON.stringify(expected)}  [=${cell.formula.slice(0, 160)}]`);
      }
    }
  }
  // Conditional formats and custom validation rules are formulas too, relative to their range's top-left.
  for (const sheet of spec.sheets) {
    const rules = [...sheet.conditionalFormats.map((c) => [c.range, c.formula] as const), ...sheet.validations.flatMap((v) => (v.rule.type === 'custom' ? [[v.range, v.rule.formula] as const] : []))];
    for (const [range, formula] of rules) {
      for (const part of range.split(/\s+/)) {
        const [a, b = a] = part.split(':');
        const top = a1ToRowCol(a!);
        const bottom = a1ToRowCol(b);
        for (let row = top.row; row <= Math.min(bottom.row, top.row + 60); row++) {
          for (let col = top.col; col <= bottom.col; col++) {
            const v = evaluateFormula(formula.replace(/^=/, ''), fake.model, sheet.name, { rows: row - top.row, cols: col - top.col });
            compared++;
            if (typeof v === 'object' && v !== null) failures.push(`${label} ${sheet.name} rule on ${range} at row ${row} col ${col}: ${v.code}  [=${formula.slice(0, 120)}]`);
          }
        }
      }
    }
  }
  return { fake, failures, compared };
}

describe.each(shippedPlans().map((p) => [p.id, p] as const))('%s', (_id, plan) => {
  test.each(optionsFor(plan).map((o) => [`${o.kind} ${o.level ?? ''}`, o] as const))('%s: every formula cell agrees with the core, no error value', async (_name, options) => {
    let compared = 0;
    for (const seed of [1, 2]) {
      const run = await insertAndFill(plan, options, seed * 7919 + plan.id.length);
      expect(run.failures.slice(0, 20)).toEqual([]);
      compared += run.compared;
    }
    expect(compared).toBeGreaterThan(0);
  });
});

test('every function a template calls is one the evaluator has', () => {
  const used = new Set<string>();
  for (const plan of shippedPlans()) {
    for (const options of optionsFor(plan)) {
      for (const sheet of buildTemplate(plan, options).sheets) {
        for (const cell of Object.values(sheet.cells)) if (cell.formula) for (const f of functionsIn(cell.formula)) used.add(f);
      }
    }
  }
  expect(used.size).toBeGreaterThanOrEqual(15);
  expect([...used].filter((f) => !SUPPORTED_FUNCTIONS.includes(f))).toEqual([]);
  // Excel's names only (formulajs's `utils` and a CommonJS `default` namespace are not functions of a sheet).
  expect(SUPPORTED_FUNCTIONS.filter((f) => !/^[A-Z][A-Z0-9]*(\.[A-Z0-9]+)*$/.test(f))).toEqual([]);
  expect(SUPPORTED_FUNCTIONS.length).toBeGreaterThan(400);
});

describe('Excel rules the adapter keeps where formulajs alone differs', () => {
  const fake = createFakeExcel({ sheets: ['Sheet1', '指标 填报'] });
  const ev = (formula: string) => evaluateFormula(formula, fake.model, 'Sheet1');
  beforeAll(() => {
    [['A1', '1'], ['A2', '2'], ['A3', '不适用'], ['B1', '10'], ['B2', '20'], ['B3', '30'], ['C2', '=""']].forEach(([a, v]) => fake.typeInto('Sheet1', a, v));
    fake.typeInto('指标 填报', 'A1', '5');
  });

  test('ROUND reads the value at 15 significant digits, as Excel and the core do (formulajs does not)', () => {
    expect(formulajs.ROUND((69 / 120) * 100, 0)).toBe(57); // the library alone
    expect(ev('ROUND(69/120*100,0)')).toBe(58);
    expect(ev('ROUND(1.005,2)')).toBe(1.01);
    expect(ev('ROUND(2.5,0)+ROUND(-2.5,0)')).toBe(0);
    expect(ev('ROUND(1234,-2)')).toBe(1200);
  });

  test('SUMPRODUCT counts text as 0 and refuses unequal sizes; --ISNUMBER over a range is an array of 1s and 0s', () => {
    expect(formulajs.SUMPRODUCT([[1], [2], ['不适用']], [[10], [20], [30]])).toBeInstanceOf(Error); // the library alone
    expect(ev('SUMPRODUCT(A1:A3,B1:B3)')).toBe(50);
    expect(ev('SUMPRODUCT(B1:B3,--ISNUMBER(A1:A3))')).toBe(30);
    expect(ev('SUMPRODUCT(B1:B3,ISNUMBER(A1:A3))')).toBe(0);
    expect(ev('SUMPRODUCT(A1:A3,B1:B2)')).toMatchObject({ code: '#VALUE!' });
  });

  test('operators: blanks, text compared case-insensitively, errors and division by zero', () => {
    expect(ev('D1=0')).toBe(true);
    expect(ev('D1=""')).toBe(true);
    expect(ev('C2=""')).toBe(true);
    expect(ev('"ABC"="abc"')).toBe(true);
    expect(ev('A1/0')).toMatchObject({ code: '#DIV/0!' });
    expect(ev('IFERROR(A1/0,"—")')).toBe('—');
    expect(ev('A3+1')).toMatchObject({ code: '#VALUE!' });
    expect(ev('-A1&"%"')).toBe('-1%');
    expect(ev('50%')).toBe(0.5);
    expect(ev('2^10')).toBe(1024);
  });

  test('references: a quoted sheet name with a space, Chinese names, whole columns, unknown functions and sheets', () => {
    expect(ev("'指标 填报'!A1+1")).toBe(6);
    expect(ev('SUM(B:B)')).toBe(60);
    expect(ev('COUNTIF(A1:A3,">=2")')).toBe(1);
    expect(ev('COUNTA(A1:B3)')).toBe(6);
    expect(ev('IF(D1,1,2)')).toBe(2);
    expect(ev('ROW(B3)+COLUMN(B3)')).toBe(5);
    expect(ev('NOSUCH(1)')).toMatchObject({ code: '#NAME?' });
    expect(ev('没有这个表!A1')).toMatchObject({ code: '#REF!' });
    expect(ev('HYPERLINK("#\'指标 填报\'!A1","去填报")')).toBe('去填报');
  });

  test('defined names: a range (Chinese name) and a constant', async () => {
    await fake.run(async (ctx) => {
      ctx.workbook.names.add('权重', '=Sheet1!$B$1:$B$3');
      ctx.workbook.names.add('目标', '96');
      await ctx.sync();
    });
    expect(ev('SUM(权重)')).toBe(60);
    expect(ev('SUMPRODUCT(权重,--ISNUMBER(A1:A3))')).toBe(30);
    expect(ev('目标-1')).toBe(95);
    expect(ev('没有的名称+1')).toMatchObject({ code: '#NAME?' });
  });
});

test('property: the 差异系数 pieces over any column of numbers, missing codes and blanks match plain arithmetic', () => {
  const entry = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constantFrom('不适用', '暂无数据', '—', ''));
  fc.assert(
    fc.property(fc.array(fc.tuple(entry, fc.integer({ min: 1, max: 3000 })), { minLength: 1, maxLength: 12 }), (rows) => {
      const fake = createFakeExcel({ sheets: ['Sheet1'] });
      rows.forEach(([x, w], i) => {
        if (x !== '') fake.typeInto('Sheet1', `A${i + 1}`, String(x));
        fake.typeInto('Sheet1', `B${i + 1}`, String(w));
      });
      const n = rows.length;
      const ev = (f: string) => evaluateFormula(f, fake.model, 'Sheet1');
      const numeric = rows.filter(([x]) => typeof x === 'number') as Array<[number, number]>;
      const weight = numeric.reduce((s, [, w]) => s + w, 0);
      const amount = numeric.reduce((s, [x, w]) => s + x * w, 0);
      expect(ev(`SUMPRODUCT(B1:B${n},--ISNUMBER(A1:A${n}))`)).toBe(weight);
      expect(ev(`SUMPRODUCT(B1:B${n},A1:A${n})`)).toBe(amount);
      expect(ev(`COUNT(A1:A${n})`)).toBe(numeric.length);
      expect(ev(`IF(COUNT(A1:A${n})=0,"",ROUND(SUM(A1:A${n})/COUNT(A1:A${n}),2))`)).toBe(
        numeric.length === 0 ? '' : roundTo(numeric.reduce((s, [x]) => s + x, 0) / numeric.length, 2),
      );
    }),
    { numRuns: 150 },
  );
});
