/**
 * The preview grid runs =EDU.* (English and Chinese names) through the implementations Excel runs:
 * formulas typed into the fake workbook, values read back as the grid shows them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createFakeExcel, registerExternalFunctions } from '../../src/excel/fake';
import { FUNCTION_TABLE, functionsByName } from '../../src/functions/table';
import { runtimeRegistry } from '../../src/runtime/registry';
import { loadShippedPlans } from '../../src/node/seeds';

beforeAll(() => {
  loadShippedPlans().forEach((p) => runtimeRegistry().add(p));
  registerExternalFunctions(functionsByName());
});

test('the table lists exactly the functions of Excel\'s entry (functions.ts)', () => {
  const src = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'functions', 'functions.ts'), 'utf8');
  const ids = [...src.matchAll(/@customfunction (\w+)/g)].map((m) => m[1]);
  expect(Object.keys(FUNCTION_TABLE).sort()).toEqual(ids.sort());
  expect(functionsByName()['EDU.目标值']).toBe(FUNCTION_TABLE.TARGET);
});

test('target, gap, pass/fail, 差异系数 over a range and a Chinese-named indicator, typed into the grid', () => {
  const fake = createFakeExcel({ sheets: ['Sheet1'] });
  const put = (a: string, text: string) => fake.typeInto('Sheet1', a, text);
  const at = (row: number, col: number) => fake.view('Sheet1', row, col);
  put('A1', '=EDU.目标值("阳江","九年义务教育巩固率")');
  put('A2', '95');
  put('A3', '=EDU.GAP(A2,"阳江/巩固率")');
  put('A4', '=EDU.是否达标(A2,A1)');
  put('A5', '=EDU.TARGET("优质均衡","B1",,"初中")');
  // 差异系数 over a range: amounts and pupils of three schools
  ['B1', 'B2', 'B3'].forEach((a, i) => put(a, String([30, 20, 10][i])));
  ['C1', 'C2', 'C3'].forEach((a, i) => put(a, String([600, 500, 400][i])));
  put('A6', '=ROUND(EDU.DIFFCOEF(B1:B3,C1:C3),3)');
  put('A7', '=EDU.TARGET("阳江","巩固律")');
  expect(at(1, 1).value).toBe(96);
  expect(at(3, 1).value).toBe(1);
  expect(at(4, 1).value).toBe(false);
  expect(at(5, 1).value).toBe(5.3);
  expect(typeof at(6, 1).value).toBe('number');
  expect(at(6, 1).value).toBeGreaterThan(0);
  expect(at(7, 1).error).toBe('#VALUE!');
});
