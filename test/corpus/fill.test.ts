/**
 * Regression corpus, `fill`: CSVs as bureaus really have them — GBK and UTF-16 from Windows, an
 * unquoted `1,900.5`, empty values over typed data, control characters pasted from other systems
 * — and what the filled workbook looks like in a real spreadsheet (LibreOffice) afterwards.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliError } from '../../src/cli/output';
import { CellIndex } from '../../src/core/workbook/cellmap';
import { findSheet, gridValueAt } from '../../src/core/workbook/grid';
import { readTemplateWorkbook } from '../../src/xlsx/read';
import { run } from '../cli/template-helpers';
import { encodeGbk, encodeUtf16 } from '../helpers/gbk';
import { describeWithSoffice, recalculate } from '../helpers/libreoffice';

let dir: string;
let tpl: string;
let planFile: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-corpus-fill-'));
  planFile = path.join(dir, 'plan.json');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { comparatorPlanInput } = require('../core/template/fixture-plan') as typeof import('../core/template/fixture-plan');
  fs.writeFileSync(planFile, JSON.stringify(comparatorPlanInput()));
  tpl = path.join(dir, 't.xlsx');
  await run(['template', '--plan-file', planFile, '--kind', 'units', '--units', '城关小学,实验小学１', '--level', '小学', '-o', tpl]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  process.exitCode = undefined;
});

async function fill(data: Buffer | string, extra: string[] = [], template = tpl): Promise<{ out: string; r: Awaited<ReturnType<typeof run>> }> {
  const csv = path.join(dir, `d-${Math.random().toString(36).slice(2)}.csv`);
  fs.writeFileSync(csv, data);
  const out = path.join(dir, `f-${Math.random().toString(36).slice(2)}.xlsx`);
  const r = await run(['fill', '--data', csv, template, '--plan-file', planFile, '-o', out, ...extra]);
  return { out, r };
}

async function valueOf(file: string, unit: string, input: string): Promise<unknown> {
  const read = await readTemplateWorkbook(fs.readFileSync(file));
  const index = new CellIndex(read.templates[0]!.cells);
  const cell = index.find(unit, input)!;
  return gridValueAt(findSheet(read.book, cell.sheet)!, cell.address);
}

const CSV = '单位,数据项,值\n城关小学,在园幼儿数,1200\n实验小学1,在园幼儿数,"1,300"\n';

test.each([
  ['UTF-8', Buffer.from(CSV)],
  ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])],
  ['GBK (Excel "CSV (逗号分隔)" on a Chinese Windows)', encodeGbk(CSV)],
  ['UTF-16 LE with BOM (Excel "Unicode 文本")', encodeUtf16(CSV)],
])('a CSV in %s is read; 实验小学1 is the template\'s 实验小学１', async (_name, bytes) => {
  const { out, r } = await fill(bytes);
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toMatch(/^✓ .*写入 2 个单元格/);
  expect(await valueOf(out, '城关小学', 'enrolled')).toBe(1200);
  expect(await valueOf(out, '实验小学１', 'enrolled')).toBe(1300);
});

test('an undecodable CSV says which encoding to save as, and writes nothing', async () => {
  const csv = path.join(dir, 'bad.csv');
  fs.writeFileSync(csv, Buffer.from('unit,input,value\n', 'utf16le'));
  const out = path.join(dir, 'never.xlsx');
  await expect(run(['fill', '--data', csv, tpl, '--plan-file', planFile, '-o', out])).rejects.toMatchObject({ exitCode: 1, text: { zh: expect.stringContaining('UTF-8') } });
  expect(fs.existsSync(out)).toBe(false);
});

test('an unquoted 1,900.5 is an error naming the line, and nothing is written', async () => {
  const csv = path.join(dir, 'comma.csv');
  fs.writeFileSync(csv, 'unit,input,value\n城关小学,enrolled,1200\n实验小学１,enrolled,1,900.5\n');
  const out = path.join(dir, 'comma.xlsx');
  let error: unknown;
  try {
    await run(['fill', '--data', csv, tpl, '--plan-file', planFile, '-o', out]);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).exitCode).toBe(1);
  expect((error as CliError).text.zh).toContain('第 3 行 4 列');
  expect(fs.existsSync(out)).toBe(false);
});

test('an empty value never clears a filled cell: skipped with a warning (✓, exit 0); --clear-empty clears it', async () => {
  const first = await fill(CSV);
  const again = await fill('unit,input,value\n城关小学,enrolled,\n实验小学１,enrolled,1400\n', [], first.out);
  expect(again.r.exitCode).toBe(0);
  expect(again.r.stdout).toMatch(/^✓ .*1 条提示/);
  expect(again.r.stderr).toMatch(/! .*第 2 行：值为空，未写入/);
  expect(await valueOf(again.out, '城关小学', 'enrolled')).toBe(1200);
  expect(await valueOf(again.out, '实验小学１', 'enrolled')).toBe(1400);
  const cleared = await fill('unit,input,value\n城关小学,enrolled,\n', ['--clear-empty'], first.out);
  expect(cleared.r.exitCode).toBe(0);
  expect(await valueOf(cleared.out, '城关小学', 'enrolled')).toBeNull();
});

test('errors print ✗ (never ✓) with exit 1; the JSON report says ok: false and counts both kinds', async () => {
  const { r } = await fill('unit,input,value\n城关小学,enrolled,约1200\n丙校,enrolled,5\n城关小学,age-3-5,\n');
  expect(r.exitCode).toBe(1);
  expect(r.stdout).toMatch(/^✗ /);
  expect(r.stdout).not.toContain('✓');
  expect(r.stderr).toMatch(/✗ .*第 3 行.*丙校/);
  const json = await fill('unit,input,value\n城关小学,enrolled,约1200\n丙校,enrolled,5\n城关小学,age-3-5,\n', ['--json']);
  expect(JSON.parse(json.r.stdout)).toMatchObject({ ok: false, errors: 2, warnings: 1 });
});

describeWithSoffice('control characters', () => {
  test('are stripped with a warning, and the filled file opens in LibreOffice with the text intact', async () => {
    const text = 'unit,input,value\n城关小学,说明,"第一行\u0007响铃\u001b[31m红色\u000b竖排"\n城关小学,enrolled,1200\n';
    const { out, r } = await fill(text);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/控制字符（U\+0007, U\+001B, U\+000B）/);
    const xml = (await (await import('jszip')).default.loadAsync(fs.readFileSync(out))).file(/worksheets\/sheet\d+\.xml$/)!;
    for (const part of xml) expect(await part.async('string')).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const lo = (await recalculate([{ name: 'ctl.xlsx', bytes: fs.readFileSync(out) }])).get('ctl.xlsx')!;
    const back = path.join(dir, 'ctl-lo.xlsx');
    fs.writeFileSync(back, lo);
    expect(await valueOf(back, '城关小学', '#note')).toBe('第一行响铃[31m红色竖排');
    expect(await valueOf(back, '城关小学', 'enrolled')).toBe(1200);
  });
});
