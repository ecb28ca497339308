/**
 * The worker side of read-files.ts: a worker thread (memory-capped by its parent) that reads the
 * files it is sent, one at a time, and runs the task on each. A file that throws comes back as
 * a failure with its reason; a file that exhausts the worker's memory or time kills only this
 * worker (the parent reports that file and starts a fresh worker for the rest).
 */
import * as fs from 'fs';
import { isMainThread, parentPort, workerData } from 'worker_threads';
import type { Bilingual } from '../core/i18n/text';
import { DEFAULT_READ_LIMITS, WorkbookReadError } from '../xlsx/limits';

/** What a task module exports: `init` once per worker, `run` per file. */
export interface ReadTaskModule<R = unknown> {
  init?(options: unknown): void | Promise<void>;
  run(file: string, bytes: Uint8Array, stat: { mtimeMs: number; size: number }): R | Promise<R>;
}

export interface TaskRef {
  /** Absolute path of the compiled task module. */
  module: string;
  /** Passed to the module's `init` (structured-clonable). */
  options?: unknown;
}

export type JobOutcome<R> = { ok: true; result: R } | { ok: false; code: string; reason: Bilingual };

export interface WorkerJob {
  id: number;
  file: string;
}

export interface WorkerReply<R = unknown> {
  id: number;
  outcome: JobOutcome<R>;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Reads one file (size-checked before it is loaded) and runs the task: never throws for the file's sake. */
export async function runJob<R>(task: ReadTaskModule<R>, file: string): Promise<JobOutcome<R>> {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { ok: false, code: 'not-found', reason: { zh: '不是普通文件', en: 'not a regular file' } };
    if (st.size > DEFAULT_READ_LIMITS.maxBytes) {
      return {
        ok: false,
        code: 'too-large',
        reason: { zh: `文件过大（${mb(st.size)}，上限 ${mb(DEFAULT_READ_LIMITS.maxBytes)}）`, en: `file too large (${mb(st.size)}, limit ${mb(DEFAULT_READ_LIMITS.maxBytes)})` },
      };
    }
    const bytes = new Uint8Array(fs.readFileSync(file));
    return { ok: true, result: await task.run(file, bytes, { mtimeMs: st.mtimeMs, size: st.size }) };
  } catch (e) {
    if (e instanceof WorkbookReadError) return { ok: false, code: e.code, reason: e.text };
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && err.syscall) {
      return { ok: false, code: 'unreadable', reason: { zh: `文件无法打开（${err.code}）`, en: `the file cannot be opened (${err.code})` } };
    }
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, code: 'unreadable', reason: { zh: `文件无法读取：${why}`, en: `the file cannot be read: ${why}` } };
  }
}

/** Loads a task module (its `init` run once). */
export async function loadTask<R>(ref: TaskRef): Promise<ReadTaskModule<R>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(ref.module) as ReadTaskModule<R>;
  await mod.init?.(ref.options);
  return mod;
}

/** Marks the worker data so that importing this module elsewhere has no effect. */
export const WORKER_FLAG = 'eduReadWorker';

if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG]) {
  const port = parentPort;
  const ref = (workerData as { task: TaskRef }).task;
  const ready = loadTask(ref);
  // The parent keeps a job or two queued here (no idle gap while its reply travels): they run one
  // after the other, so this worker holds one file's bytes at a time.
  let queue: Promise<unknown> = ready;
  port.on('message', (job: WorkerJob) => {
    queue = queue
      .then(() => ready)
      .then((task) => runJob(task, job.file))
      .catch((e: unknown): JobOutcome<unknown> => {
        const why = e instanceof Error ? e.message : String(e);
        return { ok: false, code: 'unreadable', reason: { zh: `读取程序出错：${why}`, en: `the reader failed: ${why}` } };
      })
      .then((outcome) => port.postMessage({ id: job.id, outcome } satisfies WorkerReply));
  });
}
