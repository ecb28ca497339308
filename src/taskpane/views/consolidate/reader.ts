/**
 * Reads the chosen files one after another in a Web Worker (the pane stays responsive; only one
 * file's bytes are in flight at a time), reporting progress after each. Without a worker (jsdom,
 * a host that refuses one) the same reader runs in the pane.
 */
import type { ReturnRead } from '../../../core/consolidate';
import type { Plan } from '../../../core/plan/schema';
import { readReturnBytes, type FromWorker, type ToWorker } from './readFile';
import { TaskCancelled } from '../../../core/task/control';

export interface PickedFile {
  name: string;
  lastModified?: number;
  bytes(): Promise<ArrayBuffer>;
}

/** The file name the worker is built to (webpack entry `consolidate-worker`), next to taskpane.html. */
export const WORKER_FILE = 'consolidate-worker.js';

function startWorker(): Worker | undefined {
  if (typeof Worker === 'undefined' || typeof document === 'undefined') return undefined;
  try {
    return new Worker(new URL(WORKER_FILE, document.baseURI));
  } catch {
    return undefined;
  }
}

/** Reads the files; `signal` stops before the next file (reading changes nothing in the workbook). */
export async function readPickedFiles(
  files: readonly PickedFile[],
  plans: readonly Plan[],
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ReturnRead[]> {
  const worker = startWorker();
  const out: ReturnRead[] = [];
  try {
    if (worker) worker.postMessage({ type: 'plans', plans: [...plans] } satisfies ToWorker);
    for (const [id, f] of files.entries()) {
      if (signal?.aborted) throw new TaskCancelled({ zh: `已取消读取（已读 ${out.length} / ${files.length} 个文件），工作簿未作任何更改`, en: `Reading cancelled (${out.length} of ${files.length} files read); the workbook was not changed` });
      const bytes = await f.bytes();
      let read: ReturnRead;
      if (worker) read = await inWorker(worker, { type: 'read', id, name: f.name, bytes, lastModified: f.lastModified });
      else read = await readReturnBytes(f.name, new Uint8Array(bytes), f.lastModified, plans);
      out.push(read);
      onProgress(out.length, files.length);
    }
  } finally {
    worker?.terminate();
  }
  return out;
}

function inWorker(worker: Worker, message: Extract<ToWorker, { type: 'read' }>): Promise<ReturnRead> {
  return new Promise((resolve) => {
    const done = (e: MessageEvent<FromWorker>) => {
      if (e.data.id !== message.id) return;
      worker.removeEventListener('message', done);
      worker.removeEventListener('error', failed);
      if (e.data.type === 'read') resolve(e.data.read);
      else resolve(unreadable(message.name, e.data.message));
    };
    // A file that crashes the worker is that file's problem, never the run's.
    const failed = (e: ErrorEvent) => {
      worker.removeEventListener('message', done);
      worker.removeEventListener('error', failed);
      resolve(unreadable(message.name, e.message));
    };
    worker.addEventListener('message', done);
    worker.addEventListener('error', failed);
    worker.postMessage(message, [message.bytes]);
  });
}

function unreadable(file: string, why: string): ReturnRead {
  return { file, status: 'unreadable', reason: { zh: `文件无法读取：${why}`, en: `the file cannot be read: ${why}` }, templates: [], issues: [] };
}
