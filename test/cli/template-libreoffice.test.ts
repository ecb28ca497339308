/**
 * Done-when, as a bureau would do it: the CLI writes a 优质均衡 unit table for a county's schools,
 * `fill` puts the schools' numbers in, LibreOffice opens and recalculates it, and every indicator,
 * pass flag, the 6-of-7 result and the weighted 差异系数 agree with the core.
 */
import { shippedPlan } from '../helpers/shipped';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findSheet, gridValueAt, isGridError } from '../../src/core/workbook/grid';
import { readTemplateWorkbook, readWorkbookGrid } from '../../src/xlsx/read';
import { agrees, CoreOracle, type UnitInputs } from '../helpers/expected';
import { describeWithSoffice, recalculate } from '../helpers/libreoffice';
import { buildTemplate } from '../../src/core/template/build';
import { run } from './template-helpers';

const plan = shippedPlan('national-yzjh-2017');

const SCHOOLS: Array<[string, UnitInputs]> = [
  ['城关第一小学', { pupils: 1850, 'teachers-above-qualification': 86, 'backbone-teachers': 21, 'pe-art-teachers': 18, 'teaching-aux-area': 8600, 'sports-area': 14200, 'equipment-value': 3900000, 'multimedia-rooms': 44 }],
  ['城关第二小学', { pupils: 1200, 'teachers-above-qualification': 50, 'backbone-teachers': 12, 'pe-art-teachers': 10, 'teaching-aux-area': 5100, 'sports-area': 8000, 'equipment-value': 2300000, 'multimedia-rooms': 26 }],
  ['=实验小学', { pupils: 960, 'teachers-above-qualification': 45, 'backbone-teachers': 8, 'pe-art-teachers': 9, 'teaching-aux-area': 4400, 'sports-area': 7400, 'equipment-value': 1950000, 'multimedia-rooms': 22 }],
  ['东山镇中心小学', { pupils: 420, 'teachers-above-qualification': 15, 'backbone-teachers': 3, 'pe-art-teachers': 3, 'teaching-aux-area': 1500, 'sports-area': 2600, 'equipment-value': 700000, 'multimedia-rooms': 8 }],
  ['西岭村小', { pupils: 86, 'teachers-above-qualification': 4, 'backbone-teachers': '暂无数据', 'pe-art-teachers': 1, 'teaching-aux-area': 400, 'sports-area': 900, 'equipment-value': 190000, 'multimedia-rooms': 2 }],
  ['南湖小学', { pupils: 1000, 'teachers-above-qualification': 42, 'backbone-teachers': 10, 'pe-art-teachers': 9, 'teaching-aux-area': 4500, 'sports-area': 7500, 'equipment-value': 2000000, 'multimedia-rooms': 23 }],
];

describeWithSoffice('CLI template for a 优质均衡 county, opened in LibreOffice', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-done-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('computes every indicator, pass flag, the 6-of-7 result and the weighted 差异系数 as the core does', async () => {
    const unitsFile = path.join(dir, 'schools.csv');
    fs.writeFileSync(unitsFile, `学校名称\n${SCHOOLS.map(([n]) => (n.includes(',') ? `"${n}"` : n)).join('\n')}\n`);
    const tpl = path.join(dir, '县域小学优质均衡.xlsx');
    const made = await run(['template', '--plan', 'national-yzjh-2017', '--kind', 'units', '--units-file', unitsFile, '--level', '小学', '--year', '2025', '-o', tpl]);
    expect(made.exitCode).toBe(0);
    const csv = ['unit,input,value', ...SCHOOLS.flatMap(([name, inputs]) => Object.entries(inputs).map(([k, v]) => `${name},${k},${v}`))].join('\n');
    const data = path.join(dir, 'data.csv');
    fs.writeFileSync(data, csv);
    const filled = path.join(dir, 'filled.xlsx');
    const f = await run(['fill', '--data', data, tpl, '-o', filled]);
    expect(f.stderr).toBe('');
    expect(f.exitCode).toBe(0);

    const out = await recalculate([{ name: 'filled.xlsx', bytes: fs.readFileSync(filled) }]);
    const recalculated = out.get('filled.xlsx')!;
    const book = await readWorkbookGrid(recalculated);
    const read = await readTemplateWorkbook(recalculated);
    const meta = read.templates[0].template.meta;
    // The spec the CLI rendered, rebuilt from the metadata the file carries.
    const spec = buildTemplate(plan, { kind: meta.kind, level: meta.level, year: meta.year, units: meta.units, lang: meta.lang });
    const oracle = new CoreOracle(plan, meta, SCHOOLS.map(([, u]) => u));
    const sheet = findSheet(book, spec.sheets[0].name)!;
    const seen = new Map<string, number>();
    const failures: string[] = [];
    for (const [address, cell] of Object.entries(spec.sheets[0].cells)) {
      if (!cell.tag || cell.tag.what === 'unitsCount') continue;
      seen.set(cell.tag.what, (seen.get(cell.tag.what) ?? 0) + 1);
      const actual = gridValueAt(sheet, address);
      const expected = oracle.expected(cell.tag);
      if (!agrees(actual, expected)) failures.push(`${address} ${JSON.stringify(cell.tag)}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    }
    expect(failures).toEqual([]);
    expect(seen.get('value')).toBe(SCHOOLS.length * 7 + 7);
    expect(seen.get('status')).toBe(SCHOOLS.length * 7 + 7);
    expect(seen.get('balanceResult')).toBe(SCHOOLS.length);
    expect(seen.get('diffCoef')).toBe(7);
    expect(seen.get('diffCoefStatus')).toBe(7);
    for (const s of book.sheets) for (const row of s.values) for (const v of row) expect(isGridError(v)).toBe(false);
    // The results a reader sees: 南湖小学 sits exactly on every threshold and passes.
    const result = Object.entries(spec.sheets[0].cells).find(([, c]) => c.tag?.what === 'balanceResult' && c.tag.unit === 6)![0];
    expect(gridValueAt(sheet, result)).toBe('达标');
  }, 240_000);
});
