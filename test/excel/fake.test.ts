/**
 * The recording fake behaves like Office.js where a mistake in the add-in would otherwise only
 * show in a real Excel: deferred commands, load-before-read, null objects, typing semantics,
 * protection, requirement sets, Excel's naming rules.
 */
import { createFakeExcel, FakeOfficeError, formatNumber } from '../../src/excel/fake';
import type { ExcelContext } from '../../src/excel/port';

async function expectOfficeError(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(FakeOfficeError);
  await p.catch((e: FakeOfficeError) => expect(e.code).toBe(code));
}

describe('proxy semantics', () => {
  test('reading a property before load+sync throws PropertyNotLoaded', async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      expect(() => r.values).toThrow(/not available/);
      r.load('values');
      expect(() => r.values).toThrow(/not available/); // loaded only after sync
      await ctx.sync();
      expect(r.values).toEqual([
        ['', ''],
        ['', ''],
      ]);
      expect(() => r.formulas).toThrow(/not available/);
    });
  });

  test('writes take effect at sync; the sync log counts round trips', async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B1').values = [[1, 2]];
      expect(fake.cell('Sheet1', 'A1')).toBeUndefined();
      await ctx.sync();
      expect(fake.cell('Sheet1', 'A1')?.value).toBe(1);
      ws.getRange('C1').formulas = [['=A1+B1']];
      const c = ws.getRange('C1').load('values, formulas, valueTypes, address');
      await ctx.sync();
      expect(c.values).toEqual([[3]]);
      expect(c.formulas).toEqual([['=A1+B1']]);
      expect(c.valueTypes).toEqual([['Double']]);
      expect(c.address).toBe('Sheet1!C1');
    });
    expect(fake.syncCount).toBe(2);
    expect(fake.callSummary()['Range.values']).toBe(1);
  });

  test('Excel.run flushes pending commands itself (an implicit sync)', async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.add('新表');
    });
    expect(fake.sheetNames()).toEqual(['Sheet1', '新表']);
    expect(fake.syncs).toEqual([expect.objectContaining({ implicit: true, commands: 1 })]);
  });

  test('objects of a finished batch cannot queue commands', async () => {
    const fake = createFakeExcel();
    let saved: ExcelContext | undefined;
    await fake.run(async (ctx) => {
      saved = ctx;
    });
    expect(() => saved!.workbook.worksheets.add('x')).toThrow(/finished Excel.run/);
  });

  test('getItemOrNullObject gives a null object known after sync; getItem fails the sync', async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('无此表');
      expect(() => missing.isNullObject).toThrow(/not available/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
    });
    await expectOfficeError(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('无此表').getRange('A1').values = [[1]];
        await ctx.sync();
      }),
      'ItemNotFound',
    );
  });

  test('collections load items with nested properties', async () => {
    const fake = createFakeExcel({ sheets: ['甲', '乙'] });
    await fake.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load('items/name, items/visibility');
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([
        ['甲', 'Visible'],
        ['乙', 'Visible'],
      ]);
      const r = ctx.workbook.worksheets.getItem('甲').getRange('A1');
      r.load('format/fill/color, format/protection/locked');
      await ctx.sync();
      expect(r.format.fill.color).toBe('#FFFFFF');
      expect(r.format.protection.locked).toBe(true);
    });
  });

  test('the 2-D shape must match the range', async () => {
    const fake = createFakeExcel();
    await expectOfficeError(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [[1, 2]];
        await ctx.sync();
      }),
      'InvalidArgument',
    );
  });
});

describe('typing semantics (what Office.js does with strings)', () => {
  test.each([
    ['=1+1', { formula: '1+1' }],
    ["'=1+1", { value: '=1+1', quotePrefix: true }],
    ['-abc', { formula: '-abc' }],
    ['@x', { formula: 'x' }],
    ['00123', { value: 123 }],
    ['12%', { value: 0.12 }],
    ['1,234', { value: 1234 }],
    ['TRUE', { value: true }],
    ['甲校', { value: '甲校' }],
    ["'00123", { value: '00123', quotePrefix: true }],
  ])('%s', async (input, expected) => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[input]];
    });
    expect(fake.cell('Sheet1', 'A1')).toMatchObject(expected);
  });

  test('a Text-formatted cell takes text literally; null leaves a cell unchanged', async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1');
      r.values = [['keep', 'x']];
      r.numberFormat = [['@', '@']];
      r.values = [[null, '=1+1']];
    });
    expect(fake.cell('Sheet1', 'A1')?.value).toBe('keep');
    expect(fake.cell('Sheet1', 'B1')).toMatchObject({ value: '=1+1' });
    expect(fake.cell('Sheet1', 'B1')?.formula).toBeUndefined();
  });
});

describe('protection', () => {
  test('a protected sheet refuses locked cells and formats, allows unlocked cells', async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('B2').format.protection.locked = false;
      ws.protection.protect();
      ws.getRange('B2').values = [[5]];
    });
    expect(fake.cell('Sheet1', 'B2')?.value).toBe(5);
    await expectOfficeError(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[1]];
      }),
      'AccessDenied',
    );
    await expectOfficeError(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('B2').format.fill.color = '#FF0000';
      }),
      'AccessDenied',
    );
  });

  test('a password is needed to unprotect', async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => ctx.workbook.worksheets.getItem('Sheet1').protection.protect({}, 'pw'));
    await expectOfficeError(
      fake.run(async (ctx) => ctx.workbook.worksheets.getItem('Sheet1').protection.unprotect('wrong')),
      'InvalidArgument',
    );
    await fake.run(async (ctx) => ctx.workbook.worksheets.getItem('Sheet1').protection.unprotect('pw'));
    expect(fake.sheet('Sheet1').protection.protected).toBe(false);
  });

  test('the user typing into the preview grid is refused on locked cells and by Stop validation', async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      const b = ws.getRange('B2');
      b.format.protection.locked = false;
      b.dataValidation.rule = { wholeNumber: { operator: 'GreaterThanOrEqualTo', formula1: 0 } };
      b.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: '错误', message: '请输入非负整数' };
      ws.protection.protect();
    });
    expect(fake.typeInto('Sheet1', 'A1', '1')).toMatchObject({ ok: false, reason: 'protected' });
    expect(fake.typeInto('Sheet1', 'B2', '-1')).toEqual({ ok: false, reason: 'validation', message: '请输入非负整数' });
    expect(fake.typeInto('Sheet1', 'B2', '-1', { paste: true })).toEqual({ ok: true });
    expect(fake.typeInto('Sheet1', 'B2', '7')).toEqual({ ok: true });
    expect(fake.cell('Sheet1', 'B2')?.value).toBe(7);
  });
});

describe('requirement sets', () => {
  test('isSetSupported follows the simulated version; newer APIs fail the sync with ApiNotFound', async () => {
    const fake = createFakeExcel({ apiVersion: '1.4' });
    expect(fake.host.isSetSupported('ExcelApi', '1.4')).toBe(true);
    expect(fake.host.isSetSupported('ExcelApi', '1.10')).toBe(false);
    expect(fake.host.isSetSupported('WordApi', '1.1')).toBe(false);
    await expectOfficeError(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').conditionalFormats.add('Custom');
      }),
      'ApiNotFound',
    );
    await expectOfficeError(
      fake.run(async (ctx) => {
        ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
      }),
      'ApiNotFound',
    );
  });
});

describe('names, sheets, evaluation', () => {
  test('Excel naming rules: sheet names, duplicate sheets, defined names', async () => {
    const fake = createFakeExcel();
    await expectOfficeError(fake.run(async (ctx) => void ctx.workbook.worksheets.add('sheet1')), 'ItemAlreadyExists');
    await expectOfficeError(fake.run(async (ctx) => void ctx.workbook.worksheets.add('a/b')), 'InvalidArgument');
    await expectOfficeError(fake.run(async (ctx) => void ctx.workbook.worksheets.add('x'.repeat(32))), 'InvalidArgument');
    await expectOfficeError(fake.run(async (ctx) => void ctx.workbook.names.add('AB12', '=Sheet1!$A$1')), 'InvalidArgument');
    await expectOfficeError(fake.run(async (ctx) => void ctx.workbook.names.add('has space', '=Sheet1!$A$1')), 'InvalidArgument');
  });

  test('a name reports its formula the way Excel does and follows a renamed sheet', async () => {
    const fake = createFakeExcel({ sheets: ['学校数据'] });
    await fake.run(async (ctx) => {
      ctx.workbook.names.add('EDU_T1_I1', "='学校数据'!$C$7:$C$9");
      ctx.workbook.names.add('EDU_TEXT', 'not a reference');
    });
    const read = () =>
      fake.run(async (ctx) => {
        const names = ctx.workbook.names.load('items/name, items/formula, items/type');
        await ctx.sync();
        return names.items.map((n) => [n.name, n.formula, n.type]);
      });
    expect(await read()).toEqual([
      ['EDU_T1_I1', '=学校数据!$C$7:$C$9'],
      ['EDU_TEXT', '="not a reference"'],
    ].map(([n, f]) => [n, f, n === 'EDU_TEXT' ? 'String' : 'Range']));
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('学校数据').name = 'My data';
    });
    expect((await read())[0][1]).toBe("='My data'!$C$7:$C$9");
  });

  test('formulas evaluate with Excel rules (SUMPRODUCT, COUNTIF, ROUND half away from zero, errors)', async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B3').values = [
        [1, 10],
        [2, 20],
        ['不适用', 30],
      ];
      ws.getRange('C1:C6').formulas = [
        ['=SUMPRODUCT(A1:A3,B1:B3)'],
        ['=COUNTIF(A1:A3,">=2")'],
        ['=ROUND(2.5,0)+ROUND(-2.5,0)'],
        ['=A1/0'],
        ['=IFERROR(A1/0,"—")'],
        ['=NOSUCH(1)'],
      ];
    });
    const values = await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('C1:C6').load('values, valueTypes');
      await ctx.sync();
      return [r.values.map((x) => x[0]), r.valueTypes.map((x) => x[0])];
    });
    expect(values[0]).toEqual([50, 1, 0, '#DIV/0!', '—', '#NAME?']);
    expect(values[1]).toEqual(['Double', 'Double', 'Double', 'Error', 'String', 'Error']);
  });

  test('conditional formats apply in the preview view; selection follows select()', async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:A2').values = [[1], [-1]];
      const cf = ws.getRange('A1:A2').conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=A1<0';
      cf.custom.format.fill.color = '#FFC7CE';
      ws.getRange('A2').select();
    });
    expect(fake.view('Sheet1', 1, 1).conditional).toBeUndefined();
    expect(fake.view('Sheet1', 2, 1).conditional).toEqual({ fill: '#FFC7CE', fontColor: undefined, bold: undefined });
    const selected = await fake.run(async (ctx) => {
      const r = ctx.workbook.getSelectedRange().load('address');
      await ctx.sync();
      return r.address;
    });
    expect(selected).toBe('Sheet1!A2');
  });
});

describe('number formats in the preview grid', () => {
  test('quoted literals stay on their side of the number', () => {
    expect(formatNumber(11, '"≥"0.0')).toBe('≥11.0');
    expect(formatNumber(5, '0.00" 人"')).toBe('5.00 人');
    expect(formatNumber(0.5, '0.0%')).toBe('50.0%');
    expect(formatNumber(1234.5, '#,##0.00')).toBe('1,234.50');
  });
});
