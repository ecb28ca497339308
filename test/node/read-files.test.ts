/**
 * The multi-file runner in its real form (compiled lib/, worker threads): a file that hangs, one
 * that exhausts its worker's memory, one whose task throws, and damaged workbooks each come back
 * as their own failure; every other file is still read, the run finishes, and every file under a
 * folder (recursively) is accounted for. Needs `npm run build:lib`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers/cli';
import { minimalXlsx, withBadCrc, withDeclaredSize } from '../helpers/forge-xlsx';

type ReadFilesModule = typeof import('../../src/node/read-files');
// The compiled module: only there are the workers real (ts-jest would run the tasks in-thread).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { idleCores, readFiles, summarizeOutcomes, workersFor } = require(path.join(ROOT, 'lib', 'node', 'read-files.js')) as ReadFilesModule;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-read-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sheet = (v: number) => minimalXlsx({ 数据: `<row r="1"><c r="A1"><v>${v}</v></c></row>` });

async function collect<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

test('a hanging, a memory-hungry and a throwing file fail alone; the others are read', async () => {
  const folder = path.join(dir, 'tasks');
  fs.mkdirSync(folder);
  for (const name of ['a.xlsx', 'hang.xlsx', 'b.xlsx', 'oom.xlsx', 'c.xlsx', 'throw.xlsx', 'd.xlsx']) fs.writeFileSync(path.join(folder, name), sheet(1));
  const task = path.join(dir, 'task.js');
  fs.writeFileSync(
    task,
    `exports.run = (file, bytes) => {
      const base = require('path').basename(file);
      if (base === 'hang.xlsx') for (;;) {}
      if (base === 'oom.xlsx') { const keep = []; for (;;) keep.push(new Array(1e5).fill(base)); }
      if (base === 'throw.xlsx') throw new Error('task failed on purpose');
      return { name: base, bytes: bytes.length };
    };`,
  );
  const t0 = Date.now();
  const outcomes = await collect(readFiles([folder], { task: { module: task }, timeoutMs: 4000, memoryMb: 64, workers: 2, ordered: true }));
  expect(outcomes.map((o) => `${path.basename(o.file)} ${o.status}`)).toEqual([
    'a.xlsx read',
    'b.xlsx read',
    'c.xlsx read',
    'd.xlsx read',
    'hang.xlsx failed',
    'oom.xlsx failed',
    'throw.xlsx failed',
  ]);
  const byName = new Map(outcomes.map((o) => [path.basename(o.file), o]));
  const hang = byName.get('hang.xlsx')!;
  const oom = byName.get('oom.xlsx')!;
  const thrown = byName.get('throw.xlsx')!;
  expect(hang.status === 'failed' && hang.code).toBe('timeout');
  expect(hang.status === 'failed' && hang.reason.zh).toContain('秒仍未完成');
  expect(oom.status === 'failed' && oom.code).toBe('too-large');
  expect(oom.status === 'failed' && oom.reason.zh).toContain('内存');
  expect(thrown.status === 'failed' && thrown.reason.en).toContain('task failed on purpose');
  expect(summarizeOutcomes(outcomes)).toEqual({ files: 7, read: 4, skipped: 0, failed: 3 });
  // Bounded by the one timeout, not by the hang.
  expect(Date.now() - t0).toBeLessThan(60_000);
});

test('a folder: every file accounted for, recursively; damaged workbooks fail alone', async () => {
  const folder = path.join(dir, 'returns');
  fs.mkdirSync(path.join(folder, '乙镇', '深'), { recursive: true });
  fs.writeFileSync(path.join(folder, '甲校.xlsx'), sheet(1));
  fs.writeFileSync(path.join(folder, '乙镇', '乙校.xlsm'), sheet(2));
  fs.writeFileSync(path.join(folder, '乙镇', '深', '丙校.xlsx'), sheet(3));
  fs.writeFileSync(path.join(folder, '坏校验.xlsx'), withBadCrc(sheet(4), 'xl/worksheets/sheet1.xml'));
  fs.writeFileSync(path.join(folder, '截断.xlsx'), sheet(5).subarray(0, 200));
  fs.writeFileSync(path.join(folder, '炸弹.xlsx'), withDeclaredSize(minimalXlsx({ S: '<row><c><v>1</v></c></row>'.repeat(400_000) }), 'xl/worksheets/sheet1.xml', 1000));
  const ole = new Uint8Array(2048);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  fs.writeFileSync(path.join(folder, '加密.xlsx'), ole);
  fs.writeFileSync(path.join(folder, '旧版.xls'), ole);
  fs.writeFileSync(path.join(folder, 'WPS.et'), ole);
  fs.writeFileSync(path.join(folder, '乙镇', '开放.ods'), 'PK');
  fs.writeFileSync(path.join(folder, '乙镇', '数据.csv'), '单位,值\n甲校,1\n');
  fs.writeFileSync(path.join(folder, '说明.pdf'), '%PDF');
  fs.writeFileSync(path.join(folder, '~$甲校.xlsx'), 'lock');

  const outcomes = await collect(readFiles([folder], { ordered: true }));
  const status = Object.fromEntries(outcomes.map((o) => [path.relative(folder, o.file), o.status === 'read' ? 'read' : `${o.status}:${o.code}`]));
  expect(status).toEqual({
    'WPS.et': 'skipped:other-spreadsheet',
    '乙镇/乙校.xlsm': 'read',
    '乙镇/开放.ods': 'skipped:other-spreadsheet',
    '乙镇/数据.csv': 'skipped:text-table',
    '乙镇/深/丙校.xlsx': 'read',
    '加密.xlsx': 'failed:encrypted',
    '坏校验.xlsx': 'failed:corrupt',
    '截断.xlsx': 'failed:corrupt',
    '旧版.xls': 'skipped:old-format',
    '炸弹.xlsx': 'failed:zip-bomb',
    '甲校.xlsx': 'read',
    '说明.pdf': 'skipped:not-workbook',
    '~$甲校.xlsx': 'skipped:lock-file',
  });
  for (const o of outcomes) if (o.status !== 'read') expect(o.reason.zh).toMatch(/[\u4e00-\u9fff]/);
  const xls = outcomes.find((o) => o.file.endsWith('.xls'))!;
  expect(xls.status === 'skipped' && xls.reason.zh).toContain('另存为');
  const read = outcomes.find((o) => o.file.endsWith('丙校.xlsx'))!;
  expect(read.status === 'read' && read.result).toMatchObject({ sheets: [{ name: '数据', values: [[3]] }] });
  expect(summarizeOutcomes(outcomes)).toEqual({ files: 13, read: 3, skipped: 6, failed: 4 });
});

test('one worker per 100 files, at most one per idle core and 4, at least 1', () => {
  expect(workersFor(0, 2)).toBe(1);
  expect(workersFor(5, 2)).toBe(1);
  expect(workersFor(199, 2)).toBe(1);
  expect(workersFor(300, 2)).toBe(2);
  expect(workersFor(300, 1)).toBe(1);
  expect(workersFor(300, 16)).toBe(3);
  expect(workersFor(100_000, 16)).toBe(4);
  const idle = idleCores();
  expect(Number.isInteger(idle)).toBe(true);
  expect(idle).toBeGreaterThanOrEqual(1);
  expect(idle).toBeLessThanOrEqual(os.availableParallelism());
});
