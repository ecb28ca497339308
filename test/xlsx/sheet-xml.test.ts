/** The direct SpreadsheetML reader: every cell type, shared formulas, and agreement with ExcelJS. */
import ExcelJS from 'exceljs';
import { buildTemplate } from '../../src/core/template/build';
import { gridFormula, gridValue } from '../../src/core/workbook/grid';
import { readWorkbookGrid } from '../../src/xlsx/read';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { decodeXmlText } from '../../src/xlsx/ooxml';
import { translateFormula } from '../../src/core/workbook/formula-text';
import { parseSharedStrings, parseSheetXml } from '../../src/xlsx/sheet-reader';
import { comparatorPlan } from '../core/template/fixture-plan';

describe('formula translation (shared formulas)', () => {
  test.each([
    ['A1+B$2+$C3+$D$4', 2, 1, 'B3+C$2+$C5+$D$4'],
    ['SUM(A1:A10)/COUNT(A1:A10)', 1, 0, 'SUM(A2:A11)/COUNT(A2:A11)'],
    ['IF(A1="B2",LOG10(A1),"")', 3, 3, 'IF(D4="B2",LOG10(D4),"")'],
    ["'My Sheet'!A1+Sheet2!B2+EDU_T1_U1", 1, 1, "'My Sheet'!B2+Sheet2!C3+EDU_T1_U1"],
    ['A1*1E+5+"x""A1"""', 1, 0, 'A2*1E+5+"x""A1"""'],
    ['A2-1', -1, 0, 'A1-1'],
    ['A1', -1, 0, '#REF!'],
  ])('%s moved by (%i, %i)', (f, dr, dc, expected) => {
    expect(translateFormula(f, dr, dc)).toBe(expected);
  });
});

describe('sheet XML', () => {
  const shared = parseSharedStrings(
    '<sst><si><t>plain</t></si><si><r><t>=丙</t></r><r><rPr/><t xml:space="preserve">校 </t></r><rPh><t>ヘイ</t></rPh></si><si><t>a_x000D_b &amp; &lt;c&gt;</t></si><si/></sst>',
  );

  test('shared strings: plain, rich text without phonetic guides, escapes, empty', () => {
    expect(shared).toEqual(['plain', '=丙校 ', 'a\rb & <c>', '']);
    expect(decodeXmlText('&#x41;&#66;_x0009_')).toBe('AB\t');
  });

  test('every cell type, rows and cells without r, shared formulas expanded', () => {
    const xml =
      '<worksheet><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1"><v>4.25</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#DIV/0!</v></c>' +
      '<c r="E1" t="inlineStr"><is><t>=1+1</t></is></c><c r="F1" t="d"><v>2025-01-01T00:00:00Z</v></c><c r="G1" s="3"/></row>' +
      '<row><c><v>1</v></c><c><v>2</v></c><c r="D2"><f t="shared" ref="D2:D4" si="0">A2+B2</f><v>3</v></c></row>' +
      '<row r="3"><c r="A3"><v>5</v></c><c r="D3"><f t="shared" si="0"/><v>5</v></c><c r="E3" t="str"><f>IF(A3&gt;9,"big","")</f><v></v></c></row>' +
      '<row r="5" spans="1:3"/>' +
      '</sheetData></worksheet>';
    const g = { name: 'S', ...parseSheetXml(xml, shared) };
    expect(gridValue(g, 1, 1)).toBe('=丙校 ');
    expect(gridValue(g, 1, 2)).toBe(4.25);
    expect(gridValue(g, 1, 3)).toBe(true);
    expect(gridValue(g, 1, 4)).toEqual({ error: '#DIV/0!' });
    expect(gridValue(g, 1, 5)).toBe('=1+1');
    expect(gridFormula(g, 1, 5)).toBeNull();
    expect(gridValue(g, 1, 6)).toBe(45658);
    expect(gridValue(g, 1, 7)).toBeNull();
    expect(gridValue(g, 2, 1)).toBe(1);
    expect(gridValue(g, 2, 2)).toBe(2);
    expect(gridFormula(g, 2, 4)).toBe('A2+B2');
    expect(gridFormula(g, 3, 4)).toBe('A3+B3');
    expect(gridValue(g, 3, 4)).toBe(5);
    expect(gridFormula(g, 3, 5)).toBe('IF(A3>9,"big","")');
    expect(gridValue(g, 3, 5)).toBeNull();
    expect(g.cells).toBe(12);
  });
});

describe('agreement with ExcelJS on a rendered template', () => {
  test('same values and formulas in every non-merged cell', async () => {
    const spec = buildTemplate(comparatorPlan(), { kind: 'units', level: '小学', units: ['甲', '=乙'] });
    const bytes = await renderTemplateBuffer(spec);
    const book = await readWorkbookGrid(bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    let compared = 0;
    for (const ws of wb.worksheets) {
      const g = book.sheets.find((s) => s.name === ws.name)!;
      expect(g.state).toBe(ws.state);
      ws.eachRow({ includeEmpty: false }, (row, r) =>
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          if (cell.type === ExcelJS.ValueType.Merge) return;
          if (cell.type === ExcelJS.ValueType.Formula) expect(gridFormula(g, r, c)).toBe(cell.formula);
          else expect(gridValue(g, r, c)).toEqual(cell.value === '' ? null : cell.value);
          compared++;
        }),
      );
    }
    expect(compared).toBeGreaterThan(200);
  });
});
