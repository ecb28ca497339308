/** Going to an issue's cell, and writing a fix the user accepted (as a value, never a formula). */
import { createFakeExcel } from '../../src/excel/fake';
import { applyFix, readSelection, selectCell } from '../../src/excel/navigate';
import { failure } from './helpers';

async function workbook() {
  const fake = createFakeExcel({ sheets: ['首页', '单位数据', '隐藏'] });
  await fake.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('单位数据');
    ws.getRange('C7:D7').values = [['１２５０', 'x']];
    ws.getRange('D7').numberFormat = [['@']];
    ws.getRange('E7').formulas = [['=C7*2']];
    ctx.workbook.worksheets.getItem('隐藏').visibility = 'Hidden';
  });
  return fake;
}

test('selectCell activates the sheet and selects the cell', async () => {
  const fake = await workbook();
  await selectCell(fake.host, '单位数据', '$c$7');
  expect(fake.model.activeSheet.name).toBe('单位数据');
  expect(fake.model.selection.box).toEqual({ top: 7, bottom: 7, left: 3, right: 3 });
});

test('selectCell explains a missing or hidden sheet', async () => {
  const fake = await workbook();
  expect((await failure(selectCell(fake.host, '不存在', 'A1'))).code).toBe('sheet-missing');
  expect((await failure(selectCell(fake.host, '隐藏', 'A1'))).text.zh).toContain('已隐藏');
});

test('applyFix writes numbers as numbers and text as text, and returns what was there', async () => {
  const fake = await workbook();
  expect(await applyFix(fake.host, '单位数据', 'C7', 1250)).toEqual({ sheet: '单位数据', address: 'C7', previous: '１２５０' });
  expect(fake.cell('单位数据', 'C7')?.value).toBe(1250);
  await applyFix(fake.host, '单位数据', 'C7', '=SUM(1)');
  expect(fake.cell('单位数据', 'C7')).toMatchObject({ value: '=SUM(1)' });
  expect(fake.cell('单位数据', 'C7')?.formula).toBeUndefined();
  // A Text-formatted cell takes the text literally (no apostrophe kept as a character).
  await applyFix(fake.host, '单位数据', 'D7', '不适用');
  expect(fake.cell('单位数据', 'D7')?.value).toBe('不适用');
  const undo = await applyFix(fake.host, '单位数据', 'E7', null);
  expect(undo.previous).toBe('=C7*2');
  expect(fake.cell('单位数据', 'E7')?.formula).toBeUndefined();
});

test('applyFix on a locked cell of a protected sheet says so', async () => {
  const fake = await workbook();
  await fake.run(async (ctx) => ctx.workbook.worksheets.getItem('单位数据').protection.protect());
  const err = await failure(applyFix(fake.host, '单位数据', 'C7', 1));
  expect(err.code).toBe('protected');
  expect(err.text.zh).toContain('锁定');
});

test('readSelection gives the selected range and its values', async () => {
  const fake = createFakeExcel({ sheets: ["O'Brien 表"] });
  await fake.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("O'Brien 表");
    ws.getRange('B2:B3').values = [['甲校'], ['乙校']];
    ws.getRange('B2:B3').select();
  });
  expect(await readSelection(fake.host)).toEqual({ sheet: "O'Brien 表", address: 'B2:B3', values: [['甲校'], ['乙校']] });
});
