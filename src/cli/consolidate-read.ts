/**
 * The Node side of consolidation's reading: the files the arguments name (folders recursively,
 * node/list-files.ts) read by the reader's runner (node/read-files.ts: worker threads across the
 * cores, each with a memory cap and a time limit), each reduced in its worker to what it
 * contributes — so memory is bounded by the largest file, and one bad file never stops the run.
 */
import { readReturn, type ReturnRead } from '../core/consolidate';
import type { Plan } from '../core/plan/schema';
import { consolidateTask } from '../node/consolidate-task';
import { listFiles, type ListedFile } from '../node/list-files';
import { readFiles } from '../node/read-files';

export type { ListedFile };

/** Files of the arguments; Office lock files and hidden files are not returns and are left out. */
export function listReturnFiles(args: readonly string[], exclude: readonly string[] = []): ListedFile[] {
  return listFiles(args, exclude).filter((l) => l.skip?.code !== 'lock-file' && l.skip?.code !== 'hidden-file');
}

/** Every listed file read (in workers), reporting progress after each; in no particular order (consolidate sorts). */
export async function readReturns(files: readonly ListedFile[], plans: readonly Plan[], onProgress?: (done: number, total: number, file: string) => void): Promise<ReturnRead[]> {
  const out: ReturnRead[] = [];
  for await (const o of readFiles<ReturnRead>(files, { task: consolidateTask(plans) })) {
    out.push(o.status === 'read' ? o.result : readReturn({ file: o.file, unreadable: o.reason }, plans));
    onProgress?.(out.length, files.length, o.file);
  }
  return out;
}
