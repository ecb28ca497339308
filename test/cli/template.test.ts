/** `template` and `fill` as a user runs them (in-process, through commander). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readUnitsFile } from '../../src/cli/commands/template';
import { splitList as splitUnits } from '../../src/core/user-input';
import { CliError } from '../../src/cli/output';
import { CellIndex } from '../../src/core/workbook/cellmap';
import { findSheet, gridValueAt } from '../../src/core/workbook/grid';
import { readTemplateWorkbook } from '../../src/xlsx/read';
import { run } from './template-helpers';


let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-cli-'));
  process.exitCode = undefined;
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  process.exitCode = undefined;
});

async function cliError(args: string[]): Promise<CliError> {
  try {
    await run(args);
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error('expected a CliError');
}

describe('template', () => {
  test('writes a 优质均衡 unit table for a list of schools', async () => {
    const out = path.join(dir, 'county.xlsx');
    const r = await run(['template', '--plan', 'national-yzjh-2017', '--kind', 'units', '--units', '城关小学,实验小学，=东门小学', '--level', '小学', '--year', '2025', '-o', out]);
    expect(r.stdout).toContain('✓');
    expect(r.stdout).toMatch(/3 行单位|3 unit rows/);
    const read = await readTemplateWorkbook(fs.readFileSync(out));
    const t = read.templates[0];
    expect(t.template.meta).toMatchObject({ planId: 'national-yzjh-2017', kind: 'units', level: '小学', year: 2025, units: ['城关小学', '实验小学', '=东门小学'] });
    expect(new CellIndex(t.cells).units().map((u) => u.name)).toEqual(['城关小学', '实验小学', '=东门小学']);
  });

  test('refuses to overwrite without --force', async () => {
    const out = path.join(dir, 'r.xlsx');
    fs.writeFileSync(out, 'keep me');
    const e = await cliError(['template', '--plan-file', writeFixture(), '--level', '小学', '-o', out]);
    expect(e.exitCode).toBe(2);
    expect(e.text.zh).toContain('--force');
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    const r = await run(['template', '--plan-file', writeFixture(), '--level', '小学', '-o', out, '--force', '--json']);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ file: out, plan: 'template-fixture', kind: 'return' });
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  test('units from a file (CSV with a header, or one per line) and the template options', async () => {
    const csv = path.join(dir, 'units.csv');
    fs.writeFileSync(csv, '\uFEFF序号,学校名称,类型\n1,"一小, 东校区",小学\n2,二小,小学\n');
    expect(readUnitsFile(csv)).toEqual(['一小, 东校区', '二小']);
    const txt = path.join(dir, 'units.txt');
    fs.writeFileSync(txt, '甲校\n\n乙校\r\n');
    expect(readUnitsFile(txt)).toEqual(['甲校', '乙校']);
    expect(splitUnits('甲、乙;丙，丁')).toEqual(['甲', '乙', '丙', '丁']);
    const out = path.join(dir, 'u.xlsx');
    const r = await run(['template', '--plan-file', writeFixture(), '--kind', 'units', '--units-file', csv, '--level', '小学', '--lang', 'en', '--password', 'pw', '--indicators', 'G1,between', '--no-summary', '--no-overview', '-o', out, '--json']);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ units: 2, indicators: 2, sheets: ['Units'] });
  });

  test('clear errors for what cannot be done', async () => {
    const out = path.join(dir, 'x.xlsx');
    expect((await cliError(['template', '--plan', 'no-such-plan', '-o', out])).text.zh).toContain('未知的规划');
    expect((await cliError(['template', '--plan-file', writeFixture(), '--kind', 'table', '-o', out])).text.en).toContain('unknown kind');
    expect((await cliError(['template', '--plan-file', writeFixture(), '--level', '小学', '--units', '甲', '--units-file', 'x', '-o', out])).exitCode).toBe(2);
    expect((await cliError(['template', '--plan-file', writeFixture(), '--level', '小学', '--year', 'abc', '-o', out])).text.en).toContain('--year');
    expect((await cliError(['template', '--plan-file', writeFixture(), '--level', '小学'])).text.en).toContain('-o');
    expect((await cliError(['template', '--plan', 'national-yzjh-2017', '--kind', 'units', '--for', 'school', '-o', out])).text.zh).toContain('学校没有下级');
    expect((await cliError(['template', '--plan-file', writeFixture(), '--for', 'village', '-o', out])).text.zh).toContain('填报层级');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('fill', () => {
  test('fills a template from a long CSV and reports unknown units and inputs', async () => {
    const tpl = path.join(dir, 't.xlsx');
    await run(['template', '--plan-file', writeFixture(), '--kind', 'units', '--units', '甲校,乙校', '--level', '小学', '-o', tpl]);
    const data = path.join(dir, 'data.csv');
    fs.writeFileSync(data, 'unit,input,value\n甲校,enrolled,"1,200"\n甲校,age-3-5,1000\n乙校,在园幼儿数,不适用\n丙校,enrolled,5\n甲校,nothing,5\n');
    const out = path.join(dir, 'filled.xlsx');
    const r = await run(['fill', '--data', data, tpl, '--plan-file', writeFixture(), '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('写入 3 个单元格');
    expect(r.stderr).toContain('丙校');
    expect(r.stderr).toContain('nothing');
    const read = await readTemplateWorkbook(fs.readFileSync(out));
    const index = new CellIndex(read.templates[0].cells);
    const sheet = findSheet(read.book, index.find('甲校', 'enrolled')!.sheet)!;
    expect(gridValueAt(sheet, index.find('甲校', 'enrolled')!.address)).toBe(1200);
    expect(gridValueAt(sheet, index.find('乙校', 'enrolled')!.address)).toBe('不适用');
    const json = await run(['fill', '--data', data, tpl, '--plan-file', writeFixture(), '-o', out, '--force', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ written: 3, problems: [{ code: 'unknown-unit', line: 5 }, { code: 'unknown-input', line: 6 }] });
  });

  test('a clean CSV exits 0; a file that is not a template is refused', async () => {
    const tpl = path.join(dir, 't.xlsx');
    await run(['template', '--plan-file', writeFixture(), '--level', '小学', '-o', tpl]);
    const data = path.join(dir, 'data.csv');
    fs.writeFileSync(data, '单位,数据项,值\n,enrolled,10\n,has-plan,是\n');
    const r = await run(['fill', '--data', data, tpl, '-o', path.join(dir, 'f.xlsx')]);
    expect(r.exitCode).toBe(0);
    const notTemplate = path.join(dir, 'n.xlsx');
    fs.writeFileSync(notTemplate, 'plain text');
    expect((await cliError(['fill', '--data', data, notTemplate, '-o', path.join(dir, 'g.xlsx')])).text.zh).toContain('不是 Excel');
    expect((await cliError(['fill', tpl, '-o', path.join(dir, 'h.xlsx')])).text.en).toContain('--data');
  });
});

/** The comparator fixture plan as a file (for --plan-file). */
function writeFixture(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { comparatorPlanInput } = require('../core/template/fixture-plan') as typeof import('../core/template/fixture-plan');
  const file = path.join(dir, 'plan.json');
  if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify(comparatorPlanInput()));
  return file;
}
