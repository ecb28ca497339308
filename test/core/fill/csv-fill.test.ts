/** The CSV reader and fill planning. */
import { shippedPlan } from '../../helpers/shipped';
import { buildTemplate } from '../../../src/core/template/build';
import { CellIndex, decodeMetadata, resolveInputCells, type DecodedTemplate } from '../../../src/core/workbook/cellmap';
import { CsvError, parseCsv, parseFillCsv } from '../../../src/core/fill/csv';
import { planFill } from '../../../src/core/fill/plan';
import { comparatorPlan } from '../template/fixture-plan';

describe('CSV', () => {
  test('quotes, doubled quotes, embedded newlines, CRLF and a BOM', () => {
    const rows = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\n\r\nlast,,\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'line1\nline2'] },
      { line: 5, fields: ['last', '', ''] },
    ]);
    expect(() => parseCsv('"open')).toThrow(CsvError);
  });

  test('the long format by English or Chinese headers, in any column order', () => {
    expect(parseFillCsv('value,unit,input\n5,甲校,pupils\n')).toEqual([{ line: 2, unit: '甲校', input: 'pupils', value: '5' }]);
    expect(parseFillCsv('单位,数据项,值\n甲校,在校生数,5')).toEqual([{ line: 2, unit: '甲校', input: '在校生数', value: '5' }]);
    expect(() => parseFillCsv('a,b\n1,2')).toThrow(/unit,input,value/);
  });

  test('a row with the wrong number of fields (an unquoted 1,900.5) refuses the CSV, naming every such line', () => {
    const text = 'unit,input,value\n甲校,teachers,1,900.5\n乙校,teachers,"1,900.5"\n丙校,teachers\n丁校,teachers,5,,\n';
    expect(() => parseFillCsv(text)).toThrow(CsvError);
    try {
      parseFillCsv(text);
    } catch (e) {
      const t = (e as CsvError).text;
      expect(t.zh).toContain('第 2 行 4 列');
      expect(t.zh).toContain('第 4 行 2 列');
      expect(t.zh).not.toContain('第 3 行');
      expect(t.zh).not.toContain('第 5 行');
      expect(t.zh).toContain('未写入任何内容');
      expect(t.en).toMatch(/line 2 has 4.*line 4 has 2/);
    }
    // Trailing empty fields (as spreadsheets export them) are fine.
    expect(parseFillCsv('unit,input,value\n甲校,teachers,5,,\n')).toEqual([{ line: 2, unit: '甲校', input: 'teachers', value: '5' }]);
  });
});

describe('fill planning', () => {
  const plan = comparatorPlan();
  const spec = buildTemplate(plan, { kind: 'units', level: '小学', units: ['甲校', '乙校'] });
  const d = decodeMetadata({ name: spec.hiddenMetadata.sheetName, values: spec.hiddenMetadata.rows, formulas: [] }) as DecodedTemplate;
  const cells = resolveInputCells(d, spec.definedNames.map((n) => ({ name: n.name, ref: n.ref }))).cells;
  const index = new CellIndex(cells);

  test('values by input id or name, coerced once; missing codes kept; nothing dropped', () => {
    const r = planFill(
      cells,
      [
        { line: 2, unit: '甲校', input: 'enrolled', value: '1,234' },
        { line: 3, unit: '甲校', input: '3–5周岁人口数', value: '１２００' },
        { line: 4, unit: '乙校', input: 'enrolled', value: '暂无' },
        { line: 5, unit: '乙校', input: 'age-3-5', value: '' },
        { line: 6, unit: '丁校', input: 'enrolled', value: '5' },
        { line: 7, unit: '甲校', input: 'nope', value: '5' },
        { line: 8, unit: '甲校', input: 'teachers', value: 'abc' },
        { line: 9, unit: '甲校', input: 'enrolled', value: '1235' },
        { line: 10, unit: '乙校', input: '说明', value: '=说明文字' },
        { line: 11, unit: '乙校', input: 'teachers', value: '2.5' },
        { line: 12, unit: '甲校', input: 'enrolled', value: '1235' },
      ],
      plan,
    );
    const at = (unit: string, input: string) => r.assignments.find((a) => a.address === index.find(unit, input)!.address)?.value;
    expect(at('甲校', 'enrolled')).toBe(1235);
    expect(at('甲校', 'age-3-5')).toBe(1200);
    expect(at('乙校', 'enrolled')).toBe('暂无数据');
    // An empty value leaves the cell alone (skipped with a warning): it never clears typed data.
    expect(at('乙校', 'age-3-5')).toBeUndefined();
    expect(at('甲校', 'teachers')).toBe('abc');
    expect(at('乙校', '#note')).toBe('=说明文字');
    expect(at('乙校', 'teachers')).toBe('2.5');
    expect(r.problems.map((p) => [p.line, p.code, p.severity])).toEqual([
      [5, 'empty-skipped', 'warning'],
      [6, 'unknown-unit', 'error'],
      [7, 'unknown-input', 'error'],
      [8, 'invalid-value', 'error'],
      [9, 'duplicate', 'error'],
      [11, 'invalid-value', 'error'],
      [12, 'duplicate', 'warning'],
    ]);
    expect(r.problems[1].message.zh).toContain('丁校');
    expect(r.problems[0].message.zh).toContain('--clear-empty');
  });

  test('--clear-empty clears on purpose; control characters are stripped with a warning; 甲校１ is 甲校1', () => {
    const wide = buildTemplate(plan, { kind: 'units', level: '小学', units: ['甲校1', '乙校'] });
    const wd = decodeMetadata({ name: wide.hiddenMetadata.sheetName, values: wide.hiddenMetadata.rows, formulas: [] }) as DecodedTemplate;
    const wc = resolveInputCells(wd, wide.definedNames.map((n) => ({ name: n.name, ref: n.ref }))).cells;
    const records = [
      { line: 2, unit: '甲校１', input: 'enrolled', value: '' },
      { line: 3, unit: ' 甲校1\u3000', input: '说明', value: 'bell\u0007 and esc\u001b[31m' },
      { line: 4, unit: '乙校\u0000', input: 'enrolled', value: '7' },
    ];
    const cleared = planFill(wc, records, plan, { clearEmpty: true });
    const idx = new CellIndex(wc);
    const at = (unit: string, input: string) => cleared.assignments.find((a) => a.address === idx.find(unit, input)!.address);
    expect(at('甲校1', 'enrolled')?.value).toBeNull();
    expect(at('甲校1', '#note')?.value).toBe('bell and esc[31m');
    expect(at('乙校', 'enrolled')?.value).toBe(7);
    expect(cleared.problems.map((p) => [p.line, p.code, p.severity])).toEqual([
      [3, 'control-stripped', 'warning'],
      [4, 'control-stripped', 'warning'],
    ]);
    expect(cleared.problems[0].message.zh).toContain('U+0007');
    const skipped = planFill(wc, records, plan);
    expect(skipped.assignments.some((a) => a.address === idx.find('甲校1', 'enrolled')!.address)).toBe(false);
  });

  test('unnamed rows take new units in order; then units run out', () => {
    const blank = buildTemplate(plan, { kind: 'units', level: '小学', emptyRows: 2 });
    const bd = decodeMetadata({ name: blank.hiddenMetadata.sheetName, values: blank.hiddenMetadata.rows, formulas: [] }) as DecodedTemplate;
    const bc = resolveInputCells(bd, blank.definedNames.map((n) => ({ name: n.name, ref: n.ref }))).cells;
    const r = planFill(
      bc,
      [
        { line: 2, unit: 'A', input: 'enrolled', value: '1' },
        { line: 3, unit: 'B', input: 'enrolled', value: '2' },
        { line: 4, unit: 'Ａ', input: 'age-3-5', value: '3' },
        { line: 5, unit: 'C', input: 'enrolled', value: '4' },
      ],
      plan,
    );
    expect(r.namedUnits.map((u) => u.value)).toEqual(['A', 'B']);
    expect(r.assignments).toHaveLength(3);
    expect(r.problems.map((p) => p.code)).toEqual(['unknown-unit']);
  });

  test('yes/no answers are written as 是/否', () => {
    const ret = buildTemplate(plan, { kind: 'return', level: '小学' });
    const rd = decodeMetadata({ name: ret.hiddenMetadata.sheetName, values: ret.hiddenMetadata.rows, formulas: [] }) as DecodedTemplate;
    const rc = resolveInputCells(rd, ret.definedNames.map((n) => ({ name: n.name, ref: n.ref }))).cells;
    const r = planFill(rc, [
      { line: 2, unit: '', input: 'has-plan', value: 'yes' },
      { line: 3, unit: '', input: 'no-oversize', value: '×' },
    ], plan);
    expect(r.assignments.map((a) => a.value)).toEqual(['是', '否']);
    expect(r.problems).toEqual([]);
  });
});

describe('fill planning for a return', () => {
  test('a named return takes its own name or none; another unit is reported, not written into it', () => {
    const plan = comparatorPlan();
    const ret = buildTemplate(plan, { kind: 'return', level: '小学', units: ['甲校'] });
    const rd = decodeMetadata({ name: ret.hiddenMetadata.sheetName, values: ret.hiddenMetadata.rows, formulas: [] }) as DecodedTemplate;
    const rc = resolveInputCells(rd, ret.definedNames.map((n) => ({ name: n.name, ref: n.ref }))).cells;
    const r = planFill(rc, [
      { line: 2, unit: '', input: 'enrolled', value: '1' },
      { line: 3, unit: '甲校', input: 'age-3-5', value: '2' },
      { line: 4, unit: '乙校', input: 'teachers', value: '3' },
    ], plan);
    expect(r.assignments.map((a) => a.value)).toEqual([1, 2]);
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([[4, 'unknown-unit']]);
  });
});

describe('fill planning for a two-stage unit table', () => {
  test('a stage\'s part of an input by the header the template shows: 在校生数（小学）, 在校生数(初中), Pupils enrolled (primary)', () => {
    const plan = shippedPlan('national-yzjh-2017');
    const spec = buildTemplate(plan, { kind: 'units', year: 2025, units: ['城关九年一贯制学校'] });
    const d = decodeMetadata({ name: spec.hiddenMetadata.sheetName, values: spec.hiddenMetadata.rows, formulas: [] }) as DecodedTemplate;
    const cells = resolveInputCells(d, spec.definedNames.map((n) => ({ name: n.name, ref: n.ref }))).cells;
    const index = new CellIndex(cells);
    const r = planFill(
      cells,
      [
        { line: 2, unit: '城关九年一贯制学校', input: '在校生数（小学）', value: '600' },
        { line: 3, unit: '城关九年一贯制学校', input: '在校生数(初中)', value: '400' },
        { line: 4, unit: '城关九年一贯制学校', input: '高于规定学历教师数', value: '52' },
      ],
      plan,
    );
    expect(r.problems).toEqual([]);
    const at = (input: string) => r.assignments.find((a) => a.address === index.find('城关九年一贯制学校', input)!.address)?.value;
    expect([at('pupils.primary'), at('pupils.junior'), at('teachers-above-qualification')]).toEqual([600, 400, 52]);
    const en = planFill(cells, [{ line: 2, unit: '城关九年一贯制学校', input: 'Pupils enrolled (primary)', value: '600' }], plan);
    expect(en.problems.map((p) => p.code)).toEqual([]);
    // A value that is not a number is quoted once in the message, Chinese first.
    const words = planFill(cells, [{ line: 2, unit: '城关九年一贯制学校', input: '在校生数（小学）', value: '四百五十左右' }], plan);
    expect(words.problems.map((p) => p.message.zh)).toEqual(['第 2 行：无法识别为数字：「四百五十左右」；已按文字写入，请核对']);
  });
});
