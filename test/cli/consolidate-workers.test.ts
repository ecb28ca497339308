/**
 * consolidate's parallel reading (src/cli/consolidate-read → node/read-files: worker threads) in
 * its real, compiled form, against the same reading in one thread:
 *  - the CLI's `--json` is the same text with the files read in this thread (`--workers 0`), by
 *    one worker and by several, and whatever order the files are named in;
 *  - a worker that throws or dies on one file reports that file as unread with the reason, and
 *    the consolidation is otherwise exactly the one-thread one;
 *  - the reads come back in the files' order, whichever worker finishes first;
 *  - no worker holds more than one file's bytes: with two workers, never more than two files are
 *    being read at once (the next file waits queued in the worker as a path).
 * Needs `npm run build:lib` (the CLI and the workers run lib/).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadShippedPlans } from '../../src/node/seeds';
import { buildTemplate } from '../../src/core/template/build';
import { Plan } from '../../src/core/plan/schema';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { writeCells, type CellWrite } from '../../src/xlsx/patch';
import { ROOT, runCli } from '../helpers/cli';
import { schoolData } from '../core/consolidate/county';

type ConsolidateRead = typeof import('../../src/cli/consolidate-read');
type Core = typeof import('../../src/core/consolidate');
type Registry = typeof import('../../src/core/plan/registry');
type ReturnRead = import('../../src/core/consolidate').ReturnRead;
// The compiled modules: only there are the workers real (ts-jest would read in this thread).
/* eslint-disable @typescript-eslint/no-require-imports */
const LIB = path.join(ROOT, 'lib');
const { listReturnFiles, readReturns } = require(path.join(LIB, 'cli', 'consolidate-read.js')) as ConsolidateRead;
const { consolidate, readReturn } = require(path.join(LIB, 'core', 'consolidate', 'index.js')) as Core;
const { PlanRegistry } = require(path.join(LIB, 'core', 'plan', 'registry.js')) as Registry;
/* eslint-enable @typescript-eslint/no-require-imports */

const plans = loadShippedPlans();
const yzjh = plans.find((p) => p.id === 'national-yzjh-2017')!;
const ppph = plans.find((p) => p.id === 'national-ppph-2020')!;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-consolidate-workers-'));
const returns = path.join(dir, 'returns');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const T0 = Date.UTC(2025, 8, 1);
const SCHOOLS = 14;

function save(name: string, bytes: Uint8Array, mtime: number): string {
  const file = path.join(returns, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  fs.utimesSync(file, mtime / 1000, mtime / 1000);
  return file;
}

/** A one-school return of 优质均衡's seven resource indicators (or a blank one of another plan), its inputs patched in as `fill` does. */
async function returnOf(unit: string, values: Record<string, number | string>, plan: Plan = yzjh): Promise<Uint8Array> {
  const indicators = plan === yzjh ? ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7'] : undefined;
  const spec = buildTemplate(plan, { kind: 'return', level: '小学', year: 2025, units: [unit], indicators, includeOverview: false });
  const cells = new Map(spec.hiddenMetadata.rows.filter((r) => r[0] === 'cell' && r[1] === '1').map((r) => [r[2]!, { sheet: r[4]!, address: r[5]! }]));
  const writes: CellWrite[] = Object.entries(values).map(([id, value]) => ({ ...cells.get(id)!, value }));
  return writeCells(await renderTemplateBuffer(spec), writes);
}

beforeAll(async () => {
  for (let k = 1; k <= SCHOOLS; k++) save(`学校${String(k).padStart(2, '0')}.xlsx`, await returnOf(`实验小学${k}`, schoolData(k, '小学')), T0 + k * 1000);
  // 实验小学3 again, saved later with other numbers: a duplicate, this copy kept.
  save('学校03 - 更正.xlsx', await returnOf('实验小学3', schoolData(40, '小学')), T0 + 99_000);
  // Hard errors: a count typed as words.
  save('南山小学.xlsx', await returnOf('南山小学', { ...schoolData(31, '小学'), pupils: '三十几' }), T0 + 5000);
  save('损坏.xlsx', new Uint8Array(Buffer.from('PK\u0003\u0004 not really a zip')), T0);
  const whole = fs.readFileSync(path.join(returns, '学校01.xlsx'));
  save('截断.xlsx', whole.subarray(0, whole.length >> 1), T0);
  save('旧格式.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), T0);
  save('幼儿园.xlsx', await returnOf('城关幼儿园', {}, ppph), T0);
  save('~$学校01.xlsx', new Uint8Array([1, 2, 3]), T0);
}, 120_000);

test('--json is the same text read in this thread, by one worker, by several, and with the files named in another order', () => {
  const run = (...args: string[]) => {
    const r = runCli(['consolidate', ...args, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };
  const inThread = run(returns, '--workers', '0');
  const json = JSON.parse(inThread);
  // The set is varied: every kind of outcome is in it, so a path that lost or changed one would differ.
  const status = new Map<string, string>(json.files.map((f: { file: string; status: string }) => [path.basename(f.file), f.status]));
  expect(status.get('学校01.xlsx')).toBe('consolidated');
  expect(status.get('学校03.xlsx')).toBe('superseded');
  expect(status.get('学校03 - 更正.xlsx')).toBe('consolidated');
  expect(status.get('南山小学.xlsx')).toBe('excluded');
  expect(status.get('损坏.xlsx')).toBe('unreadable');
  expect(status.get('截断.xlsx')).toBe('unreadable');
  expect(status.get('旧格式.xls')).toBe('unreadable');
  expect(status.get('幼儿园.xlsx')).toBe('other-plan');
  expect(status.get('~$学校01.xlsx')).toBe('skipped');
  expect(json.files).toHaveLength(SCHOOLS + 7);
  expect(json.units.filter((u: { unit: string }) => u.unit.startsWith('实验小学'))).toHaveLength(SCHOOLS);

  expect(run(returns, '--workers', '1')).toBe(inThread);
  expect(run(returns, '--workers', '3')).toBe(inThread);
  expect(run(returns)).toBe(inThread);
  // The same files named one by one, last first: the listing order is not the output's.
  const named = fs.readdirSync(returns).map((f) => path.join(returns, f)).reverse();
  expect(run(...named, '--workers', '2')).toBe(inThread);
});

test('--workers takes a whole number', () => {
  const r = runCli(['consolidate', returns, '--json', '--workers', 'two']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--workers');
});

/**
 * A task module wrapping consolidate's own (lib/node/consolidate-task.js): it can make a file
 * throw or kill its worker, hold files back so that later ones finish first, and count in a
 * shared buffer how many files are being read at once (slot 0 now, slot 1 the most).
 */
function wrapperTask(): string {
  const file = path.join(dir, 'wrapped-task.js');
  fs.writeFileSync(
    file,
    `const path = require('path');
const real = require(${JSON.stringify(path.join(LIB, 'node', 'consolidate-task.js'))});
let o = {};
exports.init = (options) => { o = options; real.init(options); };
exports.run = async (file, bytes, stat) => {
  const base = path.basename(file);
  const count = o.counter && new Int32Array(o.counter);
  if (count) {
    const now = Atomics.add(count, 0, 1) + 1;
    for (let m = Atomics.load(count, 1); now > m; m = Atomics.load(count, 1)) Atomics.compareExchange(count, 1, m, now);
  }
  try {
    if (base === o.throwOn) throw new Error('the reader tripped on purpose');
    if (base === o.exitOn) process.exit(3);
    const wait = (o.holdMs || {})[base];
    if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
    return await real.run(file, bytes, stat);
  } finally {
    if (count) Atomics.sub(count, 0, 1);
  }
};`,
  );
  return file;
}

const registry = () => new PlanRegistry(plans);
const asJson = (reads: ReturnRead[]) => JSON.stringify(consolidate(reads, registry()));

test('a worker that throws or dies on a file: that file is unread with the reason, the rest is the one-thread consolidation', async () => {
  const files = listReturnFiles([returns]);
  const task = wrapperTask();
  const inThread = await readReturns(files, plans, { workers: 0 });
  expect(inThread.map((r) => r.file)).toEqual(files.map((f) => f.file));
  const done: string[] = [];
  const reads = await readReturns(files, plans, {
    workers: 2,
    task: { module: task, options: { plans, throwOn: '学校05.xlsx', exitOn: '学校09.xlsx' } },
    onProgress: (n, total, file) => {
      expect(total).toBe(files.length);
      done.push(file);
      expect(done).toHaveLength(n);
    },
  });
  expect(new Set(done)).toEqual(new Set(files.map((f) => f.file)));
  expect(reads.map((r) => r.file)).toEqual(files.map((f) => f.file));
  const thrown = reads.find((r) => r.file.endsWith('学校05.xlsx'))!;
  const died = reads.find((r) => r.file.endsWith('学校09.xlsx'))!;
  expect(thrown).toMatchObject({ status: 'unreadable', reason: { en: expect.stringContaining('the reader tripped on purpose') } });
  expect(thrown.reason!.zh).toContain('文件无法读取');
  expect(died).toMatchObject({ status: 'unreadable', reason: { zh: '读取程序意外退出', en: 'the reader stopped unexpectedly' } });
  // Exactly what one thread gives when those two files cannot be read for those reasons.
  const failed = new Set([thrown, died]);
  const expected = inThread.map((r, i) => (failed.has(reads[i]!) ? readReturn({ file: r.file, unreadable: reads[i]!.reason! }, plans) : r));
  expect(asJson(reads)).toBe(asJson(expected));
  const c = consolidate(reads, registry());
  expect(c.completeness.unread.map((u) => path.basename(u.file)).sort()).toEqual(['学校05.xlsx', '学校09.xlsx', '截断.xlsx', '损坏.xlsx', '旧格式.xls'].sort());
  expect(c.units.filter((u) => u.unit.startsWith('实验小学'))).toHaveLength(SCHOOLS - 2);
}, 120_000);

test('reads come back in the files\' order when later files finish first; the consolidation is the one-thread one', async () => {
  const files = listReturnFiles([returns]);
  // The first files are held back longest: the workers finish them last.
  const holdMs = Object.fromEntries(files.slice(0, 6).map((f, i) => [path.basename(f.file), 400 - i * 50]));
  const done: string[] = [];
  const reads = await readReturns(files, plans, { workers: 2, task: { module: wrapperTask(), options: { plans, holdMs } }, onProgress: (_n, _t, f) => done.push(f) });
  expect(done).not.toEqual(files.map((f) => f.file).filter((_, i) => i < done.length));
  expect(reads.map((r) => r.file)).toEqual(files.map((f) => f.file));
  expect(asJson(reads)).toBe(asJson(await readReturns(files, plans, { workers: 0 })));
}, 120_000);

test('two workers read at most two files at once, and do read two at once', async () => {
  const files = listReturnFiles([returns]).filter((f) => /^学校\d+\.xlsx$/.test(path.basename(f.file)));
  const counter = new SharedArrayBuffer(8);
  // Every file held 40 ms (a timer: the worker's thread is free meanwhile), long enough that the
  // two workers overlap, and that a worker starting its queued file beside the current one would
  // show as three or four at once.
  const holdMs = Object.fromEntries(files.map((f) => [path.basename(f.file), 40]));
  const reads = await readReturns(files, plans, { workers: 2, task: { module: wrapperTask(), options: { plans, holdMs, counter } } });
  expect(reads.filter((r) => r.status === 'read')).toHaveLength(files.length);
  const count = new Int32Array(counter);
  expect(count[0]).toBe(0);
  expect(count[1]).toBe(2);
}, 120_000);
