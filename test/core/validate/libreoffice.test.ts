/**
 * End to end through a real spreadsheet: templates written by the ExcelJS renderer, filled by
 * patching cells (as `fill` does), recalculated and re-saved by LibreOffice, read back by the
 * xlsx reader and validated. A correct return passes clean (so LibreOffice's rewriting of the
 * formulas is not mistaken for tampering, and its results agree with the core); every planted
 * problem is reported at its cell.
 */
import { buildTemplate } from '../../../src/core/template/build';
import type { TemplateSpec } from '../../../src/core/template/spec';
import { validate, type ValidationResult } from '../../../src/core/validate';
import { loadShippedPlans } from '../../../src/node/seeds';
import { readWorkbookGrid } from '../../../src/xlsx/read';
import { renderTemplateBuffer } from '../../../src/xlsx/render';
import { writeCells, type CellWrite } from '../../../src/xlsx/patch';
import { describeWithSoffice, recalculate } from '../../helpers/libreoffice';
import type { Plan } from '../../../src/core/plan/schema';

const plans = loadShippedPlans();
const jiedong = plans.find((p) => p.id === 'jiedong-2023-2025');
const yzjh = plans.find((p) => p.id === 'national-yzjh-2017');

/** Return: a map row is ['cell', unitIndex, input, name, sheet, address]; unit table: ['column', input, name, sheet, address]. */
function cellOf(spec: TemplateSpec, input: string, unitRow?: number): string {
  const cell = spec.hiddenMetadata.rows.find((r) => r[0] === 'cell' && r[2] === input);
  if (cell) return cell[5]!;
  const column = spec.hiddenMetadata.rows.find((r) => r[0] === 'column' && r[1] === input)!;
  return `${/[A-Z]+/.exec(column[4]!)![0]}${unitRow}`;
}

/** Clean values: totals and denominators 1000, parts 400, yes/no 是, typed rates 96, counts 1. */
function cleanValue(plan: Plan, id: string, unit = 0): number | string {
  const indicators = plan.sections.flatMap((s) => s.indicators);
  const denominators = new Set(indicators.flatMap((i) => (i.compute.kind === 'ratio' ? i.compute.denominator : [])));
  const totals = new Set([...plan.rules.map((r) => r.total), ...denominators]);
  const input = plan.inputs.find((i) => i.id === id);
  if (input) return input.kind === 'percent' ? 50 : totals.has(id) ? 1000 + unit * 10 : 400 + unit * 7;
  const direct = indicators.find((i) => i.id === id);
  return direct?.kind === 'boolean' ? '是' : direct?.kind === 'rate' || direct?.kind === 'grossRatio' ? 96 : 1;
}

function returnWrites(plan: Plan, spec: TemplateSpec, planted: Record<string, number | string> = {}): CellWrite[] {
  const sheet = spec.sheets[0]!.name;
  return spec.meta.inputs.map((id) => ({ sheet, address: cellOf(spec, id), value: id in planted ? planted[id]! : cleanValue(plan, id) }));
}

function unitWrites(plan: Plan, spec: TemplateSpec, planted: Array<[number, string, number | string]> = []): CellWrite[] {
  const sheet = spec.sheets[0]!.name;
  const unitRows = spec.hiddenMetadata.rows.filter((r) => r[0] === 'unit').map((r) => Number(/\d+/.exec(r[5]!)![0]));
  const out: CellWrite[] = [];
  unitRows.forEach((row, u) => {
    for (const id of spec.meta.inputs) {
      const p = planted.find(([unit, input]) => unit === u + 1 && input === id);
      out.push({ sheet, address: cellOf(spec, id, row), value: p ? p[2] : cleanValue(plan, id, u) });
    }
  });
  return out;
}

const codesAndCells = (r: ValidationResult) => r.issues.map((i) => `${i.code}@${i.cell ?? ''}`).sort();

describeWithSoffice('validation of real .xlsx returns recalculated by LibreOffice', () => {
  let results: Map<string, ValidationResult>;
  let returnSpec: TemplateSpec;
  let unitSpec: TemplateSpec;

  beforeAll(async () => {
    if (!jiedong || !yzjh) throw new Error('the shipped plans jiedong-2023-2025 and national-yzjh-2017 are needed');
    returnSpec = buildTemplate(jiedong, { units: ['揭东区'], year: 2025 });
    unitSpec = buildTemplate(yzjh, { kind: 'units', units: ['甲校', '乙校', '丙校', '丁校', '戊校', '己校'], level: '小学', year: 2025 });
    const ret = await renderTemplateBuffer(returnSpec);
    const units = await renderTemplateBuffer(unitSpec);
    const sheet = returnSpec.sheets[0]!.name;
    const statusCell = (() => {
      // The status cell of the first indicator row: a check formula in the return.
      const entry = Object.entries(returnSpec.sheets[0]!.cells).find(([, c]) => c.role === 'check' && c.formula !== undefined)!;
      return entry[0];
    })();
    const files = [
      { name: 'return-clean.xlsx', bytes: await writeCells(ret, returnWrites(jiedong, returnSpec)) },
      {
        name: 'return-bad.xlsx',
        bytes: await writeCells(ret, [
          ...returnWrites(jiedong, returnSpec, {
            'kg-children-total': 1200,
            'kg-children-public': 1250,
            'kg-children-private-inclusive': 0,
            'population-age-3-5': '约一千二',
            'schools-culture-good-or-above': 12.5,
            'migrant-children-total': '１,０００',
          }),
          { sheet, address: statusCell, value: '达标' },
        ]),
      },
      { name: 'units-clean.xlsx', bytes: await writeCells(units, unitWrites(yzjh, unitSpec)) },
      {
        name: 'units-bad.xlsx',
        bytes: await writeCells(
          units,
          unitWrites(yzjh, unitSpec, [
            [2, 'backbone-teachers', -3],
            [4, 'equipment-value', 9_000_000],
            [5, 'pupils', '暂无数据'],
          ]),
        ),
      },
    ];
    const out = await recalculate(files);
    results = new Map();
    for (const [name, bytes] of out) results.set(name, validate(await readWorkbookGrid(bytes), [jiedong, yzjh]));
  }, 240_000);

  test('a correct return passes clean, and the workbook computed what the core computed', () => {
    const r = results.get('return-clean.xlsx')!;
    expect(codesAndCells(r)).toEqual([]);
    const numbers = r.values.filter((v) => typeof v.workbookValue === 'number');
    expect(numbers.length).toBeGreaterThan(5);
    for (const v of numbers) expect(Math.abs((v.workbookValue as number) - v.value!)).toBeLessThan(0.051);
  });

  test('a correct 优质均衡 unit table passes clean', () => {
    const r = results.get('units-clean.xlsx')!;
    expect(codesAndCells(r)).toEqual([]);
    expect(r.values.filter((v) => typeof v.workbookValue === 'number').length).toBe(6 * 7);
  });

  test('a badly filled return: every planted problem at its cell', () => {
    const r = results.get('return-bad.xlsx')!;
    const at = (id: string) => cellOf(returnSpec, id);
    const statusCell = Object.entries(returnSpec.sheets[0]!.cells).find(([, c]) => c.role === 'check' && c.formula !== undefined)![0];
    expect(codesAndCells(r)).toEqual(
      [
        `part-exceeds-total@${at('kg-children-public')}`,
        `part-exceeds-total@${at('kg-children-public')}`,
        `type-error@${at('population-age-3-5')}`,
        `not-whole@${at('schools-culture-good-or-above')}`,
        `normalized-value@${at('migrant-children-total')}`,
        `formula-overwritten@${statusCell}`,
      ].sort(),
    );
    const part = r.issues.find((i) => i.code === 'part-exceeds-total')!;
    expect(part.message.zh).toBe(
      `${at('kg-children-public')}「公办幼儿园在园幼儿数」1,250 大于 ${at('kg-children-total')}「在园幼儿总数」1,200：分项不能大于总数，请核对这两个数`,
    );
    expect(r.valid).toBe(false);
  });

  test('a badly filled unit table: a negative count and an outlier; 暂无数据 stays missing', () => {
    const r = results.get('units-bad.xlsx')!;
    const rowOf = (u: number) => Number(/\d+/.exec(unitSpec.hiddenMetadata.rows.filter((x) => x[0] === 'unit')[u - 1]![5]!)![0]);
    const b6 = r.values.find((v) => v.indicator === 'b6' && v.unitIndex === 4)!;
    // 暂无数据 is an allowed missing code: no issue; the negative count is not also an outlier.
    expect(codesAndCells(r)).toEqual([`negative-count@${cellOf(unitSpec, 'backbone-teachers', rowOf(2))}`, `peer-outlier@${b6.cell}`].sort());
    expect(r.issues.find((i) => i.code === 'peer-outlier')!.message.zh).toContain('（丁校）「生均教学仪器设备值」');
    // 暂无数据 is allowed and never 0: the unit's per-pupil values are missing, not infinite.
    expect(r.values.filter((v) => v.unitIndex === 5 && v.indicator.startsWith('b') && v.value !== null)).toEqual([]);
  });
});
