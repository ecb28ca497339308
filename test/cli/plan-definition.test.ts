/** plan-template / plan-export / plan-import as a user runs them. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { runCli } from '../helpers/cli';
import { loadShippedPlans } from '../../src/node/seeds';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-plandef-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const at = (name: string) => path.join(tmp, name);

test('plan-export then plan-import gives the shipped plan back, for every shipped plan', () => {
  for (const plan of loadShippedPlans()) {
    const x = runCli(['plan-export', plan.id, '-o', at(`${plan.id}.xlsx`)]);
    expect(x.code).toBe(0);
    const i = runCli(['plan-import', at(`${plan.id}.xlsx`), '-o', at(`${plan.id}.json`)]);
    expect(i.stderr).toBe('');
    expect(i.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(at(`${plan.id}.json`), 'utf8'))).toEqual(JSON.parse(JSON.stringify(plan)));
  }
});

test('plan-export takes a plan file too, and refuses to overwrite without --force', () => {
  const file = path.join(__dirname, '..', '..', 'seeds', 'plans', 'national-ppph-2020.json');
  expect(runCli(['plan-export', file, '-o', at('ppph.xlsx')]).code).toBe(0);
  const again = runCli(['plan-export', file, '-o', at('ppph.xlsx')]);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('--force');
  expect(runCli(['plan-export', 'no-such-plan', '-o', at('x.xlsx')]).stderr).toContain('未知的规划');
});

test('plan-template writes the documented empty workbook; importing it unfilled names every required cell', () => {
  expect(runCli(['plan-template', '-o', at('t.xlsx')]).code).toBe(0);
  const r = runCli(['plan-import', at('t.xlsx')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('计划!C2（第 2 行，计划 id）');
  expect(r.stderr).toContain('分组!A3');
});

test('a broken definition: every error by sheet and cell, in Chinese and English; --json lists them', async () => {
  expect(runCli(['plan-export', 'national-yzjh-2017', '-o', at('b.xlsx')]).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(at('b.xlsx'));
  const ws = wb.getWorksheet('指标')!;
  const keys = (ws.getRow(2).values as unknown[]).slice(1);
  const col = (k: string) => keys.indexOf(k) + 1;
  ws.getCell(3, col('target.value')).value = '四点二';
  ws.getCell(5, col('target.comparator')).value = 'atleast';
  ws.getCell(7, col('compute.denominator')).value = 'pupils-missing';
  ws.getCell(9, col('id')).value = 'b1';
  await wb.xlsx.writeFile(at('b.xlsx'));
  const r = runCli(['plan-import', at('b.xlsx')]);
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines.length).toBeGreaterThanOrEqual(5);
  for (const line of lines.slice(0, -1)) expect(line).toMatch(/^\S+![A-Z]+\d+（第 \d+ 行.*）：.* \/ \S+![A-Z]+\d+ \(row \d+/);
  expect(r.stderr).toContain('四点二');
  expect(r.stderr).toContain('atleast');
  expect(r.stderr).toContain('pupils-missing');
  expect(r.stderr).toContain('重复');
  const j = runCli(['plan-import', at('b.xlsx'), '--json']);
  const issues = JSON.parse(j.stdout) as Array<{ sheet: string; cell: string; row: number; message: { zh: string; en: string } }>;
  expect(issues.length).toBe(lines.length - 1);
  expect(issues.every((i) => i.sheet && i.cell && i.row > 0 && i.message.zh && i.message.en)).toBe(true);
});

test('plan-import refuses what is not an .xlsx', () => {
  fs.writeFileSync(at('bad.xlsx'), 'not a zip');
  const r = runCli(['plan-import', at('bad.xlsx')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/损坏|corrupt|不是/);
});
