/**
 * Reading many returned files in isolation, for `validate` and `consolidate`: files and folders
 * expanded (list-files.ts), each workbook read by a task in a worker thread with a memory cap
 * and a time limit, several workers across the cores, each outcome handed back as soon as it is
 * ready (an async generator: a province's tens of thousands of files stream through with flat
 * memory). One bad file never loses the others: a file that throws, exhausts its worker's
 * memory or runs out of time comes back as `failed` with a plain reason, and the run goes on.
 *
 * Under ts-jest (no compiled worker script) or with `workers: 0` the same tasks run in this
 * thread, one file at a time, still never throwing for a file's sake.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Bilingual } from '../core/i18n/text';
import { listFiles, type ListedFile, type SkipCode } from './list-files';
import { loadTask, runJob, WORKER_FLAG, type JobOutcome, type ReadTaskModule, type TaskRef, type WorkerJob, type WorkerReply } from './read-worker';

export type { ListedFile, SkipCode } from './list-files';
export type { ReadTaskModule, TaskRef } from './read-worker';

export type FileOutcome<R> =
  | { index: number; file: string; status: 'read'; result: R }
  | { index: number; file: string; status: 'skipped'; code: SkipCode; reason: Bilingual }
  | { index: number; file: string; status: 'failed'; code: string; reason: Bilingual };

export interface ReadFilesOptions {
  /** The task run on each workbook (default: the grid task, which returns the WorkbookGrid). */
  task?: TaskRef;
  /** Worker threads (default: workersFor(the number of files to read); 0 = in this thread). */
  workers?: number;
  /** Per file, in ms (default 120 s). */
  timeoutMs?: number;
  /** Heap cap of each worker in MB (default: ~800 MB shared by the workers, at least 256: the process stays under 1 GB). */
  memoryMb?: number;
  /** Yield in input order (a bounded look-ahead keeps memory flat); default: as they finish. */
  ordered?: boolean;
  /** Paths never listed (e.g. the command's own output files). */
  exclude?: string[];
}

/** The built-in task: a workbook's grid through the lean reader. */
export const GRID_TASK: TaskRef = { module: path.join(__dirname, 'grid-task') };

export interface ReadSummary {
  files: number;
  read: number;
  skipped: number;
  failed: number;
}

export function summarizeOutcomes(outcomes: Iterable<{ status: FileOutcome<unknown>['status'] }>): ReadSummary {
  const s: ReadSummary = { files: 0, read: 0, skipped: 0, failed: 0 };
  for (const o of outcomes) {
    s.files++;
    s[o.status]++;
  }
  return s;
}

const WORKER_SCRIPT = path.join(__dirname, 'read-worker.js');

/**
 * Files each extra worker must have to pay for itself. A fresh worker costs about a second of CPU
 * before it reads at full speed, whatever it reads: its isolate loads the reader (~0.15 s) and V8
 * compiles the hot code again for it (~0.7 s on V8's compiler threads: nothing compiled is shared
 * between isolates; measured with --trace-opt and per-thread CPU times), against ~6 ms a file
 * once warm. Measured on 2 cores: two workers took twice the wall and CPU time of one for 5 files,
 * and 0.5–1.4 s more CPU for 30 to 600 files.
 */
export const FILES_PER_WORKER = 100;

/** CPU time of the whole machine so far (ms, all cores), and how much of it was idle. */
function machineCpu(): { busy: number; idle: number } {
  let busy = 0;
  let idle = 0;
  for (const c of os.cpus()) {
    busy += c.times.user + c.times.nice + c.times.sys + c.times.irq;
    idle += c.times.idle;
  }
  return { busy, idle };
}
/** Since this module was loaded (in the CLI: while it started, loaded the plans and listed the files). */
const since = { machine: machineCpu(), ours: process.cpuUsage() };

/**
 * Cores nobody else is using (at least 1): the cores less what other processes kept busy since
 * this module was loaded (the machine's CPU time less this process's), or less the 1-minute load
 * average when that interval is too short to tell. A worker beyond them gains nothing (with
 * autogroup scheduling, as on this machine, Linux shares a busy machine between sessions, not
 * threads) and costs its warm-up: on this machine under load, two workers were 1.4–1.9× slower
 * than one on 300 files.
 */
export function idleCores(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const now = machineCpu();
  const ours = process.cpuUsage(since.ours);
  const elapsed = (now.busy + now.idle - since.machine.busy - since.machine.idle) / Math.max(1, os.cpus().length);
  const othersBusy = elapsed >= 250 ? Math.max(0, now.busy - since.machine.busy - (ours.user + ours.system) / 1000) / elapsed : os.loadavg()[0];
  return Math.max(1, Math.min(cores, Math.round(cores - othersBusy)));
}

/** The workers started for `files` files: one per FILES_PER_WORKER files, at most one per idle core and 4, at least 1. */
export function workersFor(files: number, idle = idleCores()): number {
  return Math.max(1, Math.min(idle, 4, Math.floor(files / FILES_PER_WORKER)));
}

const timeoutReason = (ms: number): Bilingual => ({
  zh: `读取超过 ${Math.round(ms / 1000)} 秒仍未完成，已停止（文件异常或过大）`,
  en: `reading took longer than ${Math.round(ms / 1000)} s and was stopped (the file is abnormal or too large)`,
});
const memoryReason = (mb: number): Bilingual => ({
  zh: `读取此文件所需内存超过上限（${mb} MB），已停止：文件异常或过大`,
  en: `reading this file needs more memory than allowed (${mb} MB) and was stopped: the file is abnormal or too large`,
});

/**
 * Reads every file the arguments name (strings: files or folders; or files already listed) and
 * yields one outcome per file. Skipped files are yielded first, without being opened.
 */
export async function* readFiles<R = unknown>(inputs: readonly (string | ListedFile)[], options: ReadFilesOptions = {}): AsyncGenerator<FileOutcome<R>> {
  const listed: ListedFile[] = [];
  const names = inputs.filter((i): i is string => typeof i === 'string');
  const given = inputs.filter((i): i is ListedFile => typeof i !== 'string');
  listed.push(...given, ...listFiles(names, options.exclude));
  const jobs: Job[] = [];
  const ordered = options.ordered === true;
  const pendingSkips: FileOutcome<R>[] = [];
  listed.forEach((l, index) => {
    if (l.skip) pendingSkips.push({ index, file: l.file, status: 'skipped', code: l.skip.code, reason: l.skip.reason });
    else jobs.push({ index, file: l.file });
  });
  const task = options.task ?? GRID_TASK;
  const workers = options.workers ?? workersFor(jobs.length);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const inThread = workers === 0 || !fs.existsSync(WORKER_SCRIPT) || !fs.existsSync(`${task.module.replace(/\.js$/, '')}.js`);
  const source = inThread ? runInThread<R>(jobs, task) : runInWorkers<R>(jobs, task, Math.min(workers, Math.max(1, jobs.length)), timeoutMs, options.memoryMb, ordered ? listed.length : 0);
  if (!ordered) {
    yield* pendingSkips;
    yield* source;
    return;
  }
  // In input order: skipped entries and read results merged by index.
  const waiting = new Map<number, FileOutcome<R>>();
  for (const s of pendingSkips) waiting.set(s.index, s);
  let next = 0;
  const drain = function* () {
    while (waiting.has(next)) {
      const o = waiting.get(next)!;
      waiting.delete(next);
      next++;
      yield o;
    }
  };
  yield* drain();
  for await (const o of source) {
    waiting.set(o.index, o);
    yield* drain();
  }
  yield* drain();
}

async function* runInThread<R>(jobs: Job[], ref: TaskRef): AsyncGenerator<FileOutcome<R>> {
  let task: ReadTaskModule<R>;
  try {
    task = await loadTask<R>(ref);
  } catch {
    // Under ts-jest the task module is TypeScript: resolve it without the .js the caller named.
    task = await loadTask<R>({ ...ref, module: ref.module.replace(/\.js$/, '') });
  }
  for (const j of jobs) yield toOutcome<R>(j, await runJob(task, j.file));
}

function toOutcome<R>(job: Job, o: JobOutcome<R>): FileOutcome<R> {
  return o.ok ? { index: job.index, file: job.file, status: 'read', result: o.result } : { index: job.index, file: job.file, status: 'failed', code: o.code, reason: o.reason };
}

/**
 * Jobs a worker holds at once: the one it reads and the next, queued in the worker so that it
 * never waits for its reply to reach this thread and a new job to come back (on a busy machine
 * that round trip is as long as a small file's read). The worker runs them one after the other.
 */
export const JOBS_PER_WORKER = 2;

type Job = { index: number; file: string };

/**
 * A pool of workers. Each holds up to JOBS_PER_WORKER files (paths only: the worker reads the
 * bytes when it starts a file, so at most one file's bytes per worker are in memory); the time
 * limit runs from when a file becomes the one its worker is reading. A worker that dies (memory)
 * or is stopped (time) fails that file, is replaced, and the files queued behind it go to the
 * next free worker. With `window` > 0 (ordered output) no file is started more than `window`
 * places ahead of the oldest unfinished one.
 */
async function* runInWorkers<R>(
  jobs: Job[],
  task: TaskRef,
  count: number,
  timeoutMs: number,
  memoryMb: number | undefined,
  ordered: number,
): AsyncGenerator<FileOutcome<R>> {
  const capMb = memoryMb ?? Math.max(256, Math.floor(800 / count) - 64);
  const ready: FileOutcome<R>[] = [];
  let wake: (() => void) | undefined;
  const push = (o: FileOutcome<R>) => {
    ready.push(o);
    wake?.();
  };
  let nextJob = 0;
  /** Files taken back from a worker that died with them queued: started again first. */
  const again: Job[] = [];
  let done = 0;
  const unfinished = new Set<number>();
  const lookAhead = Math.max(64, count * 16);
  const peek = (): Job | undefined => again[0] ?? jobs[nextJob];
  const canStart = () => {
    const j = peek();
    return j !== undefined && (ordered === 0 || unfinished.size === 0 || j.index - Math.min(...unfinished) < lookAhead);
  };
  const take = (): Job => again.shift() ?? jobs[nextJob++]!;
  const remaining = () => again.length > 0 || nextJob < jobs.length;

  interface Slot {
    worker: Worker;
    /** Sent to this worker, oldest (the one being read) first. */
    queue: Array<Job & { id: number }>;
    timer?: NodeJS.Timeout;
  }
  let jobId = 0;
  const slots = new Set<Slot>();

  /** The time limit of the file the worker is reading now. */
  const startClock = (slot: Slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    const head = slot.queue[0];
    if (!head) return;
    slot.timer = setTimeout(() => {
      if (slot.queue[0] !== head) return;
      fail(slot, { index: head.index, file: head.file, status: 'failed', code: 'timeout', reason: timeoutReason(timeoutMs) });
    }, timeoutMs);
  };

  const settle = (outcome: FileOutcome<R>) => {
    unfinished.delete(outcome.index);
    done++;
    push(outcome);
  };

  const feed = (slot: Slot) => {
    while (slot.queue.length < JOBS_PER_WORKER && canStart()) {
      const job = { ...take(), id: ++jobId };
      slot.queue.push(job);
      unfinished.add(job.index);
      slot.worker.postMessage({ id: job.id, file: job.file } satisfies WorkerJob);
      if (slot.queue.length === 1) startClock(slot);
    }
  };
  const feedAll = () => {
    for (const s of slots) feed(s);
  };

  /** The file being read failed with its worker: the worker goes, the files queued behind it are read by another. */
  const fail = (slot: Slot, outcome: FileOutcome<R>) => {
    const [, ...behind] = slot.queue;
    slot.queue = [];
    retire(slot);
    again.unshift(...behind);
    for (const j of behind) unfinished.delete(j.index);
    settle(outcome);
    if (remaining()) spawn();
    feedAll();
  };

  const retire = (slot: Slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    slots.delete(slot);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    wake?.();
  };
  /** A worker that died idle: another takes its place while files remain. */
  const replace = (slot: Slot) => {
    retire(slot);
    if (remaining()) spawn();
  };

  const spawn = () => {
    const worker = new Worker(WORKER_SCRIPT, {
      workerData: { [WORKER_FLAG]: true, task },
      resourceLimits: { maxOldGenerationSizeMb: capMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, queue: [] };
    slots.add(slot);
    worker.on('message', (reply: WorkerReply<R>) => {
      const head = slot.queue[0];
      if (!head || reply.id !== head.id) return;
      slot.queue.shift();
      startClock(slot);
      settle(toOutcome<R>(head, reply.outcome));
      // Ordered output may have held other slots back: let them start now.
      feedAll();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const head = slot.queue[0];
      if (!head) return replace(slot);
      const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(e.message);
      fail(
        slot,
        oom
          ? { index: head.index, file: head.file, status: 'failed', code: 'too-large', reason: memoryReason(capMb) }
          : { index: head.index, file: head.file, status: 'failed', code: 'unreadable', reason: { zh: `读取程序出错：${e.message}`, en: `the reader failed: ${e.message}` } },
      );
    });
    worker.on('exit', () => {
      if (!slots.has(slot)) return;
      const head = slot.queue[0];
      if (!head) return replace(slot);
      fail(slot, { index: head.index, file: head.file, status: 'failed', code: 'unreadable', reason: { zh: '读取程序意外退出', en: 'the reader stopped unexpectedly' } });
    });
    feed(slot);
  };

  try {
    for (let i = 0; i < count; i++) spawn();
    while (done < jobs.length) {
      if (ready.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        // A pool that lost every worker while files remain starts one again.
        if (slots.size === 0 && remaining()) spawn();
        continue;
      }
      yield ready.shift()!;
    }
    while (ready.length > 0) yield ready.shift()!;
  } finally {
    for (const s of slots) {
      if (s.timer) clearTimeout(s.timer);
      s.worker.removeAllListeners();
      s.worker.on('error', () => undefined);
      void s.worker.terminate();
    }
    slots.clear();
  }
}
