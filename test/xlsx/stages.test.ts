/**
 * Both stages in one workbook, combined schools split: a 蕉岭 county unit table without --level
 * judges every per-stage indicator against its own stage's threshold, asks pupils per stage, and
 * splits a 九年一贯制 / 十二年一贯制 school's shared resources by the standard's stage weights
 * (小学 1 : 初中 1.1 : 高中 1.32). Checked in LibreOffice against arithmetic done by hand here.
 */
import { loadShippedPlans } from '../../src/node/seeds';
import { stageSeries } from '../../src/core/balance/stage';
import { weightedDiffCoefDetail } from '../../src/core/balance/diffcoef';
import type { Plan } from '../../src/core/plan/schema';
import { buildTemplate } from '../../src/core/template/build';
import type { CellSpec, TemplateSpec } from '../../src/core/template/spec';
import { findSheet, gridValueAt, isGridError, type SheetGrid } from '../../src/core/workbook/grid';
import { fillWorkbook } from '../../src/xlsx/fill';
import { readWorkbookGrid } from '../../src/xlsx/read';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { describeWithSoffice, recalculate } from '../helpers/libreoffice';

const plan = (id: string): Plan => loadShippedPlans().find((p) => p.id === id)!;

/** The address of the cell carrying a tag. */
function tagged(spec: TemplateSpec, match: (c: CellSpec) => boolean): string {
  const hits = Object.entries(spec.sheets[0].cells).filter(([, c]) => c.tag && match(c));
  if (hits.length !== 1) throw new Error(`expected one tagged cell, found ${hits.length}`);
  return hits[0][0];
}

describe('a template covering both stages', () => {
  test('蕉岭 county unit table without --level: every stage\'s threshold, pupils per stage, one 6-of-7 block per stage', () => {
    const spec = buildTemplate(plan('jiaoling-2023-2025'), { kind: 'units', reporter: 'county', units: ['甲校', '乙校'] });
    const cells = Object.values(spec.sheets[0].cells);
    const values = cells.filter((c) => c.tag?.what === 'value' && c.tag.unit === 1);
    for (const id of ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']) {
      expect(values.filter((c) => c.tag!.indicator === id).map((c) => c.tag!.level).sort()).toEqual(['初中', '小学']);
    }
    // B1's two thresholds are both shown: 小学 4.2, 初中 5.3.
    const targets = cells.filter((c) => c.role === 'reference' && typeof c.value === 'number').map((c) => c.value);
    expect(targets).toEqual(expect.arrayContaining([4.2, 5.3, 4.5, 5.8, 2000, 2500]));
    expect(spec.meta.inputs).toEqual(expect.arrayContaining(['pupils.primary', 'pupils.junior', 'pupils.senior', 'teaching-aux-area']));
    expect(spec.meta.inputs).not.toContain('pupils');
    expect(cells.filter((c) => c.tag?.what === 'balanceResult' && c.tag.unit === 1).map((c) => c.tag!.level).sort()).toEqual(['初中', '小学']);
    expect(cells.filter((c) => c.tag?.what === 'diffCoef').length).toBe(14);
    expect(cells.filter((c) => c.tag?.what === 'stageShare' && c.tag.unit === 1).map((c) => c.tag!.level).sort()).toEqual(['初中', '小学']);
  });

  test('a school\'s 优质均衡 return without --level asks pupils per stage and shows the split', () => {
    const spec = buildTemplate(plan('national-yzjh-2017'), { kind: 'return', reporter: 'school' });
    expect(spec.meta.inputs).toEqual(expect.arrayContaining(['pupils.primary', 'pupils.junior']));
    const cells = Object.values(spec.sheets[0].cells);
    expect(cells.filter((c) => c.tag?.what === 'stageShare').length).toBe(2);
    expect(cells.filter((c) => c.tag?.what === 'status' && c.tag.indicator === 'b12').map((c) => c.tag!.level).sort()).toEqual(['初中', '小学']);
    // 班额 per stage is typed per stage.
    expect(spec.meta.inputs).toEqual(expect.arrayContaining(['b12.primary', 'b12.junior']));
  });

  test('with --level the template is one stage, as before', () => {
    const spec = buildTemplate(plan('jiaoling-2023-2025'), { kind: 'units', level: '小学', units: ['甲校'] });
    expect(spec.meta.inputs).toContain('pupils');
    expect(Object.values(spec.sheets[0].cells).some((c) => c.tag?.level)).toBe(false);
  });
});

describeWithSoffice('combined schools in LibreOffice', () => {
  const schools = ['城关小学', '蕉岭中学', '九年一贯制学校', '十二年一贯制学校'];
  // teaching-aux-area (B4) and pupils per stage; 高中 pupils only weigh the split.
  const data: Record<string, Record<string, number | string>> = {
    城关小学: { 'pupils.primary': 500, 'pupils.junior': '不适用', 'teaching-aux-area': 2500 },
    蕉岭中学: { 'pupils.primary': '不适用', 'pupils.junior': 400, 'teaching-aux-area': 2400 },
    九年一贯制学校: { 'pupils.primary': 600, 'pupils.junior': 400, 'teaching-aux-area': 1000 },
    十二年一贯制学校: { 'pupils.primary': 300, 'pupils.junior': 200, 'pupils.senior': 100, 'teaching-aux-area': 1000 },
  };
  let spec: TemplateSpec;
  let sheet: SheetGrid;

  beforeAll(async () => {
    const p = plan('jiaoling-2023-2025');
    spec = buildTemplate(p, { kind: 'units', reporter: 'county', units: schools });
    const records = schools.flatMap((unit) => Object.entries(data[unit]).map(([input, v], i) => ({ line: i + 2, unit, input, value: String(v) })));
    const filled = await fillWorkbook(await renderTemplateBuffer(spec), records, () => p);
    expect(filled.plan.problems).toEqual([]);
    const out = await recalculate([{ name: 'stages.xlsx', bytes: filled.bytes }]);
    const book = await readWorkbookGrid(out.get('stages.xlsx')!);
    sheet = findSheet(book, spec.sheets[0].name)!;
  }, 240_000);

  const at = (match: (c: CellSpec) => boolean) => gridValueAt(sheet, tagged(spec, match));
  const b4 = (unit: number, level: string) => at((c) => c.tag!.what === 'value' && c.tag!.indicator === 'b4' && c.tag!.unit === unit && c.tag!.level === level);
  const status = (unit: number, level: string) => at((c) => c.tag!.what === 'status' && c.tag!.indicator === 'b4' && c.tag!.unit === unit && c.tag!.level === level);

  test('a 九年一贯制 school: W = 600×1 + 400×1.1 = 1040; 小学 1000×600/1040 m² over 600 pupils, 初中 1000×440/1040 m² over 400', () => {
    expect(at((c) => c.tag!.what === 'stageShare' && c.tag!.unit === 3 && c.tag!.level === '小学')).toBeCloseTo(600 / 1040, 10);
    expect(b4(3, '小学')).toBeCloseTo(0.9615384615, 9); // 576.923 m² / 600
    expect(b4(3, '初中')).toBeCloseTo(1.0576923077, 9); // 423.077 m² / 400
    expect(status(3, '小学')).toBe('未达标');
  });

  test('a 十二年一贯制 school: 高中 pupils take their share too (W = 300 + 220 + 132 = 652)', () => {
    expect(b4(4, '小学')).toBeCloseTo(1000 / 652, 9);
    expect(b4(4, '初中')).toBeCloseTo((1000 * 220) / 652 / 200, 9);
  });

  test('single-stage schools keep everything; the other stage is 不涉及, not 无数据', () => {
    expect(b4(1, '小学')).toBe(5);
    expect(status(1, '小学')).toBe('达标');
    expect(status(1, '初中')).toBe('不涉及');
    expect(b4(2, '初中')).toBe(6);
    expect(status(2, '初中')).toBe('达标');
    expect(status(2, '小学')).toBe('不涉及');
  });

  test('each stage\'s 差异系数 uses the stage parts, exactly as the standard (and balance/stage.ts) prescribe', () => {
    // By hand, 小学: x = 5 (500 pupils), 0.961538… (600), 1.533742… (300).
    const xs = [5, 1000 / 1040, 1000 / 652];
    const ps = [500, 600, 300];
    const w = ps.reduce((a, b) => a + b, 0);
    const mean = xs.reduce((s, x, i) => s + x * ps[i], 0) / w;
    const sd = Math.sqrt(xs.reduce((s, x, i) => s + ps[i] * (x - mean) ** 2, 0) / w);
    const cv = at((c) => c.tag!.what === 'diffCoef' && c.tag!.indicator === 'b4' && c.tag!.level === '小学');
    expect(cv).toBeCloseTo(sd / mean, 9);
    // The core's own split agrees.
    const weights = { 小学: 1, 初中: 1.1, 高中: 1.32 };
    const series = stageSeries(
      [
        { amount: 2500, pupils: { 小学: 500 } },
        { amount: 2400, pupils: { 初中: 400 } },
        { amount: 1000, pupils: { 小学: 600, 初中: 400 }, weights },
        { amount: 1000, pupils: { 小学: 300, 初中: 200, 高中: 100 }, weights },
      ],
      '小学',
    );
    if (!series.ok) throw new Error('series');
    const core = weightedDiffCoefDetail(series.value.amounts, series.value.pupils, { per100: false });
    expect(core.ok && core.value.cv).toBeCloseTo(sd / mean, 9);
  });

  test('no error value anywhere', () => {
    for (const row of sheet.values) for (const v of row ?? []) expect(isGridError(v)).toBe(false);
  });
});
