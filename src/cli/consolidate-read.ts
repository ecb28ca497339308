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
import { readFiles } from '../node/read-files';

export type { ListedFile };

/** Files of the arguments, every one: Office lock files and hidden files too (listed as skipped, so every file is accounted for). */
export function listReturnFiles(args: readonly string[], exclude: readonly string[] = []): ListedFile[] {
  return listFiles(args, exclude);
}

/** Every listed file read (in workers), reporting progress after each; in no particular order (consolidate sorts). */
export async function readReturns(files: readonly ListedFile[], plans: readonly Plan[], onProgress?: (done: number, total: number, file: string) => void): Promise<ReturnRead[]> {
  const out: ReturnRead[] = [];
  for await (const o of readFiles<ReturnRead>(files, { task: consolidateTask(plans) })) {
    const notAReturn = o.status === 'skipped' && (o.code === 'lock-file' || o.code === 'hidden-file');
    out.push(o.status === 'read' ? o.result : notAReturn ? skippedReturn(o.file, o.reason) : readReturn({ file: o.file, unreadable: o.reason }, plans));
    onProgress?.(out.length, files.length, o.file);
  }
  return out;
}
