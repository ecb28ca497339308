/**
 * The read-files task of `consolidate`: in a worker thread, one returned file → what it
 * contributes (core readReturn: units, input values with their cells, validation issues). Only
 * this small record crosses back to the main thread; the workbook's grid stays in the worker.
 */
import * as path from 'path';
import { readReturn, type ReturnRead } from '../core/consolidate';
import { PlanRegistry } from '../core/plan/registry';
import type { Plan } from '../core/plan/schema';
import { readReturnSource } from '../xlsx/returns';
import type { TaskRef } from './read-files';

let plans = new PlanRegistry([]);

export function init(options: unknown): void {
  plans = new PlanRegistry((options as { plans: Plan[] }).plans);
}

export async function run(file: string, bytes: Uint8Array, stat: { mtimeMs: number }): Promise<ReturnRead> {
  return readReturn(await readReturnSource(bytes, file, stat.mtimeMs), plans);
}

/** The task, for readFiles (the plans travel to each worker once). */
export function consolidateTask(list: readonly Plan[]): TaskRef {
  return { module: path.join(__dirname, 'consolidate-task'), options: { plans: [...list] } };
}
