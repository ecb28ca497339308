/**
 * The Node side of consolidation's reading: the files the arguments name (folders recursively,
 * node/list-files.ts) read by the reader's runner (node/read-files.ts: worker threads across the
 * cores, each with a memory cap and a time limit), each reduced in its worker to what it
 * contributes — so memory is bounded by the largest file, and one bad file never stops the run.
 */
import { readReturn, skippedReturn, type ReturnRead } from '../core/consolidate';
import type { Plan } from '../core/plan/schema';
import { consolidateTask } from '../node/consolidate-task';
import { listFiles, type ListedFile } from '../node/list-files';
import { readFiles, type TaskRef } from '../node/read-files';

export type { ListedFile };

/** Files of the arguments, every one: Office lock files and hidden files too (listed as skipped, so every file is accounted for). */
export function listReturnFiles(args: readonly string[], exclude: readonly string[] = []): ListedFile[] {
  return listFiles(args, exclude);
}

export interface ReadReturnsOptions {
  /** After each file, in the order they finish. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Worker threads (default: read-files decides from the cores and the number of files; 0 = in this thread). */
  workers?: number;
  /** The task run on each file (default: consolidateTask(plans); tests wrap it to make a worker fail). */
  task?: TaskRef;
}

/**
 * Every listed file read (in workers), reporting progress as each finishes. The reads come back in
 * the order of `files`, whichever worker finished first, so what is built from them (the JSON,
 * the summary) never depends on the workers' timing.
 */
export async function readReturns(files: readonly ListedFile[], plans: readonly Plan[], options: ReadReturnsOptions = {}): Promise<ReturnRead[]> {
  const out = new Array<ReturnRead>(files.length);
  let done = 0;
  for await (const o of readFiles<ReturnRead>(files, { task: options.task ?? consolidateTask(plans), workers: options.workers })) {
    const notAReturn = o.status === 'skipped' && (o.code === 'lock-file' || o.code === 'hidden-file');
    out[o.index] = o.status === 'read' ? o.result : notAReturn ? skippedReturn(o.file, o.reason) : readReturn({ file: o.file, unreadable: o.reason }, plans);
    options.onProgress?.(++done, files.length, o.file);
  }
  return out;
}
