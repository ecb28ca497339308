/**
 * The CLI's input and output edges as a careless or hostile user meets them (built CLI, bin →
 * lib/): `-o` only ever writes a regular file, atomically; a closed pipe, a folder given as a
 * file and similar end with one line, never a stack trace; cell text cannot drive the terminal;
 * a folder of mixed files is fully accounted for and one bad file never hides the others.
 */
import { spawnSync } from 'child_process';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildTemplate } from '../../src/core/template/build';
import { loadShippedPlans } from '../../src/node/seeds';
import { writeCells } from '../../src/xlsx/patch';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { BIN, runCli } from '../helpers/cli';
import { minimalXlsx, withBadCrc } from '../helpers/forge-xlsx';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-safe-io-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const plan = loadShippedPlans().find((p) => p.id === 'jiedong-2023-2025')!;
let returnFile: string;

beforeAll(async () => {
  const spec = buildTemplate(plan, { units: ['甲区'], year: 2025 });
  const blank = await renderTemplateBuffer(spec);
  const sheet = spec.sheets[0]!.name;
  const first = spec.hiddenMetadata.rows.find((r) => r[0] === 'cell')![5]!;
  // An input cell holding escape sequences as Excel stores them (`_x001B_` is ESC, `_x000D_` CR)
  // and a right-to-left override: written into the sheet XML directly (fill refuses control characters).
  returnFile = path.join(dir, 'return.xlsx');
  const parts = unzipSync(new Uint8Array(await writeCells(blank, [{ sheet, address: first, value: 'PLACEHOLDER' }])));
  const sheetPart = Object.keys(parts).find((p) => p.startsWith('xl/worksheets/') && strFromU8(parts[p]!).includes('PLACEHOLDER'))!;
  parts[sheetPart] = strToU8(strFromU8(parts[sheetPart]!).replace('PLACEHOLDER', '_x001B_[2J_x001B_]0;pwned_x0007__x001B_[31m红_x000D_\u202e'));
  fs.writeFileSync(returnFile, zipSync(parts));
});

/** No Node stack trace, at most one line on stderr. */
function expectOneLine(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trim().split('\n')).toHaveLength(1);
}

const tmpLeftovers = (folder: string) => fs.readdirSync(folder).filter((f) => f.endsWith('.tmp'));

describe('-o writes only regular files, atomically', () => {
  const template = (out: string, ...extra: string[]) => runCli(['template', '--plan', 'jiedong-2023-2025', '--units', '甲区', '-o', out, ...extra]);

  test('a folder, /dev/null and a FIFO are refused, with --force too; nothing is left behind', () => {
    const folder = path.join(dir, 'out-folder');
    fs.mkdirSync(folder);
    for (const extra of [[], ['--force']]) {
      const r = template(folder, ...extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('是文件夹');
      expectOneLine(r.stderr);
      const n = template('/dev/null', ...extra);
      expect(n.code).toBe(2);
      expect(n.stderr).toContain('是设备');
    }
    const fifo = path.join(dir, 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const f = template(fifo, '--force');
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('管道');
    expectOneLine(f.stderr);
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    expect(tmpLeftovers(dir)).toEqual([]);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  test('a regular file is replaced atomically with --force; a failed write leaves no temporary file', () => {
    const out = path.join(dir, 'tpl.xlsx');
    expect(template(out).code).toBe(0);
    const before = fs.readFileSync(out);
    expect(template(out).code).toBe(2);
    expect(fs.readFileSync(out)).toEqual(before);
    expect(template(out, '--force').code).toBe(0);
    // A read-only folder: the temporary file cannot be created; one line, nothing left.
    const ro = path.join(dir, 'read-only');
    fs.mkdirSync(ro);
    fs.chmodSync(ro, 0o500);
    try {
      const r = template(path.join(ro, 'x.xlsx'));
      if (process.getuid?.() === 0) expect(r.code).toBe(0);
      else {
        expect(r.code).toBe(2);
        expectOneLine(r.stderr);
        expect(r.stderr).toMatch(/EACCES|没有权限/);
      }
    } finally {
      fs.chmodSync(ro, 0o700);
    }
    expect(tmpLeftovers(ro)).toEqual([]);
    expect(tmpLeftovers(dir)).toEqual([]);
  });

  test('a folder where a file is expected (EISDIR) is one line, not a stack trace', () => {
    const r = runCli(['fill', '--data', dir, returnFile, '-o', path.join(dir, 'filled.xlsx')]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toMatch(/EISDIR|文件夹/);
  });
});

test('validate --json | head: one line about the closed pipe, no stack trace', () => {
  const many = Array.from({ length: 40 }, () => returnFile);
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" validate ${many.map((f) => `"${f}"`).join(' ')} --json | head -c 100 >/dev/null`], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'zh_CN.UTF-8' },
  });
  expect(r.stderr).not.toMatch(/\n\s+at |Unhandled|EPIPE.*\n.*at /);
  expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(1);
});

test('cell text cannot drive the terminal; --json keeps it exactly', () => {
  const text = runCli(['validate', returnFile]);
  expect(text.stdout).toContain('红');
  expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  expect(text.stdout).toContain('␛[2J');
  const json = runCli(['validate', returnFile, '--json']);
  expect(json.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  const issue = JSON.parse(json.stdout).files[0].issues.find((i: { code: string }) => i.code === 'type-error');
  expect(issue.value).toBe('\u001b[2J\u001b]0;pwned\u0007\u001b[31m红\r\u202e');
});

test('validate a folder of mixed files: each accounted for, the good ones still checked, --json complete', () => {
  const folder = path.join(dir, 'mixed');
  fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
  fs.copyFileSync(returnFile, path.join(folder, 'sub', 'good.xlsx'));
  fs.writeFileSync(path.join(folder, 'crc.xlsx'), withBadCrc(minimalXlsx({ S: '<row r="1"><c r="A1"><v>1</v></c></row>' }), 'xl/worksheets/sheet1.xml'));
  fs.writeFileSync(path.join(folder, 'rows.xlsx'), minimalXlsx({ S: '<row r="2000000000"><c><v>1</v></c></row>' }));
  fs.writeFileSync(path.join(folder, 'old.xls'), 'x');
  fs.writeFileSync(path.join(folder, 'wps.et'), 'x');
  fs.writeFileSync(path.join(folder, 'calc.ods'), 'x');
  fs.writeFileSync(path.join(folder, 'data.csv'), 'a,b\n');
  fs.writeFileSync(path.join(folder, 'notes.docx'), 'x');
  const r = runCli(['validate', folder, '--json']);
  expect(r.code).toBe(1);
  const out = JSON.parse(r.stdout);
  const by = Object.fromEntries(out.files.map((f: { file: string; status: string; error?: { code: string } }) => [path.relative(folder, f.file), `${f.status}${f.error ? `:${f.error.code}` : ''}`]));
  expect(by).toEqual({
    'calc.ods': 'skipped:other-spreadsheet',
    'crc.xlsx': 'unreadable:corrupt',
    'data.csv': 'skipped:text-table',
    'notes.docx': 'skipped:not-workbook',
    'old.xls': 'skipped:old-format',
    'rows.xlsx': 'unreadable:corrupt',
    'sub/good.xlsx': 'checked',
    'wps.et': 'skipped:other-spreadsheet',
  });
  expect(out.summary).toMatchObject({ files: 8, read: 1, skipped: 5, failed: 2 });
  const human = runCli(['validate', folder]);
  expect(human.stdout).toContain('另存为');
  expect(human.stdout).toContain('行号无效');
  expect(human.stdout).toMatch(/合计：8 个文件（读取 1，跳过 5，无法读取 2）/);
});
