/**
 * One returned file's bytes → what it contributes, with the same reader and core as the CLI
 * (src/xlsx/returns + core readReturn). Runs in the Web Worker, or in the pane when the browser
 * gives no worker (tests, very old hosts).
 */
import { readReturn, skippedReturn, type ReturnRead } from '../../../core/consolidate';
import { skipByName } from '../../../core/workbook/file-kind';
import type { Plan } from '../../../core/plan/schema';
import { readReturnSource } from '../../../xlsx/returns';

export async function readReturnBytes(name: string, bytes: Uint8Array, lastModified: number | undefined, plans: readonly Plan[]): Promise<ReturnRead> {
  // The CLI's words for the same file (core/workbook/file-kind.ts); its content is judged by the reader.
  const skip = skipByName(name);
  if (skip?.code === 'lock-file' || skip?.code === 'hidden-file') return skippedReturn(name, skip.reason);
  if (skip) return readReturn({ file: name, unreadable: skip.reason }, plans);
  return readReturn(await readReturnSource(bytes, name, lastModified), plans);
}

/** Messages between the pane and the worker. */
export type ToWorker = { type: 'plans'; plans: Plan[] } | { type: 'read'; id: number; name: string; bytes: ArrayBuffer; lastModified?: number };
export type FromWorker = { type: 'read'; id: number; read: ReturnRead } | { type: 'failed'; id: number; message: string };
