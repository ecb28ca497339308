/**
 * The fake treats formulas that point at other sheets as Excel does, so the add-in's sheet
 * operations are tested against the real consequences: renaming a sheet rewrites every formula
 * naming it (the reference follows), deleting it turns them into `#REF!G9` for good — a sheet of
 * the same name added afterwards does not mend them (which is how replacing template sheets broke
 * users' formulas). Defined names follow the sheet object; conditional formats and validation
 * formulas are rewritten like cells. The text rewrite itself is core/workbook/formula-refs.ts.
 */
import { deleteSheetInFormula, formulaRefs, renameSheetInFormula, rewriteRefs } from '../../src/core/workbook/formula-refs';
import { tokenize } from '../../src/core/workbook/formula';
import { createFakeExcel } from '../../src/excel/fake';

describe('formula-refs: references rewritten token by token', () => {
  test('rename: quoted, unquoted, ranges, case-insensitive; strings and other sheets untouched', () => {
    expect(renameSheetInFormula(`'指标填报'!G9*2+SUM(指标填报!$G$9:G12)`, '指标填报', 'Return')).toBe('Return!G9*2+SUM(Return!$G$9:G12)');
    expect(renameSheetInFormula(`"'指标填报'!G9"&Other!A1`, '指标填报', 'Return')).toBe(`"'指标填报'!G9"&Other!A1`);
    expect(renameSheetInFormula(`sheet1!A1`, 'Sheet1', 'My data')).toBe(`'My data'!A1`);
    expect(renameSheetInFormula(`'It''s'!B2`, "It's", 'X')).toBe('X!B2');
  });

  test('delete: #REF!G9 is one error token, and the rest of the formula stays', () => {
    expect(deleteSheetInFormula(`'指标填报'!G9+Sheet2!A1`, '指标填报')).toBe('#REF!G9+Sheet2!A1');
    const t = tokenize('#REF!G9+1').filter((x) => x.type !== 'space');
    expect(t.map((x) => x.type)).toEqual(['error', 'op', 'number']);
  });

  test('formulaRefs lists each reference with its sheet and area', () => {
    const refs = formulaRefs(`'学校数据'!C7:C9+B2`);
    expect(refs.map((r) => [r.sheet, r.local, r.box])).toEqual([
      ['学校数据', 'C7:C9', { top: 7, bottom: 9, left: 3, right: 3 }],
      [undefined, 'B2', { top: 2, bottom: 2, left: 2, right: 2 }],
    ]);
    expect(rewriteRefs('B2+1', () => 'C3')).toBe('C3+1');
  });
});

describe('the fake renames and deletes sheets as Excel does', () => {
  function workbook() {
    const fake = createFakeExcel({ sheets: ['用户', '指标填报'] });
    fake.typeInto('指标填报', 'G9', '42');
    fake.typeInto('用户', 'A1', "='指标填报'!G9*2");
    return fake;
  }

  test('renaming a sheet: the user formula follows it and computes the same', async () => {
    const fake = workbook();
    expect(fake.view('用户', 1, 1).value).toBe(84);
    await fake.host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('指标填报').name = 'Return';
      await ctx.sync();
    });
    expect(fake.view('用户', 1, 1).formula).toBe('=Return!G9*2');
    expect(fake.view('用户', 1, 1).value).toBe(84);
  });

  test('deleting a sheet: #REF!, and a new sheet of the same name does not mend it', async () => {
    const fake = workbook();
    await fake.host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('指标填报').delete();
      const fresh = ctx.workbook.worksheets.add('指标填报');
      fresh.getRange('G9').values = [[42]];
      await ctx.sync();
    });
    expect(fake.view('用户', 1, 1).formula).toBe('=#REF!G9*2');
    expect(fake.view('用户', 1, 1).error).toBe('#REF!');
  });

  test('conditional formats and validation formulas follow a rename too; a name keeps its sheet', async () => {
    const fake = workbook();
    await fake.host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('用户');
      const cf = ws.getRange('B1').conditionalFormats.add('Custom');
      cf.custom.rule.formula = `='指标填报'!G9>0`;
      ws.getRange('C1').dataValidation.rule = { custom: { formula: `='指标填报'!G9>0` } };
      ctx.workbook.names.add('ref_g9', `='指标填报'!$G$9`);
      await ctx.sync();
      ctx.workbook.worksheets.getItem('指标填报').name = 'Return';
      await ctx.sync();
    });
    const user = fake.sheet('用户');
    expect(user.conditionalFormats[0].formula).toBe('=Return!G9>0');
    expect(user.get(1, 3)?.validation?.formula).toBe('=Return!G9>0');
    expect(fake.model.nameFormula(fake.model.findName('ref_g9')!)).toBe('=Return!$G$9');
  });
});
