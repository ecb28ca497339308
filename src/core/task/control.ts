/**
 * Long work the pane follows and can stop (insert, validate, consolidate): progress counted in the
 * pane's own terms (cells written, units checked, files read — never "sheets"), a time slice after
 * which the work awaits a macrotask so the pane keeps painting and answering clicks, and a cancel
 * signal checked at those same points.
 *
 * Pure: no Office.js, no DOM beyond the timers every JavaScript host has. The Office.js adapter
 * calls `tick()` while it queues commands (the commands go to Excel in a constant number of syncs
 * whatever the slicing: yielding between chunks never adds a sync).
 */
import type { Bilingual } from '../i18n/text';

/** What a progress count counts. */
export type WorkUnit = 'cells' | 'units' | 'files' | 'issues';

export interface TaskProgress {
  /** `prepare`: building and queuing (no change to the workbook yet); `write`: Excel applies it; `done`. */
  stage: 'prepare' | 'write' | 'done';
  done: number;
  total: number;
  of: WorkUnit;
}

/** The work was stopped by the user; `written` says what had already reached the workbook (nothing by default). */
export class TaskCancelled extends Error {
  readonly code = 'cancelled';
  constructor(
    readonly text: Bilingual = { zh: '已取消，工作簿未作任何更改', en: 'Cancelled; the workbook was not changed' },
  ) {
    super(`${text.zh} / ${text.en}`);
    this.name = 'TaskCancelled';
  }
}

export function isTaskCancelled(e: unknown): e is TaskCancelled {
  return e instanceof TaskCancelled;
}

/** Longest stretch of work between two yields (ms): well under the 200 ms a person notices as a stall. */
export const DEFAULT_SLICE_MS = 40;

type Clock = () => number;

const now: Clock = () => (typeof performance !== 'undefined' && typeof performance.now === 'function' ? performance.now() : Date.now());

/**
 * A macrotask: lets the browser paint and run input handlers. A MessageChannel where there is
 * one (not clamped to 4 ms, not throttled like nested timers), else a zero timer.
 */
export function macrotask(): Promise<void> {
  const MC = (globalThis as { MessageChannel?: typeof MessageChannel }).MessageChannel;
  if (typeof MC === 'function') {
    return new Promise((resolve) => {
      const ch = new MC();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface TaskOptions {
  signal?: AbortSignal;
  onProgress?: (progress: TaskProgress) => void;
  /** Work between yields, ms (default DEFAULT_SLICE_MS). */
  sliceMs?: number;
  /** For tests: a clock. */
  clock?: Clock;
}

/** One run of long work: progress, slicing and cancellation. */
export class TaskControl {
  private last: number;
  private readonly clock: Clock;
  private readonly sliceMs: number;
  /** How many times the work yielded (tests check that large work is sliced). */
  yields = 0;
  private current: TaskProgress | undefined;

  constructor(private readonly options: TaskOptions = {}) {
    this.clock = options.clock ?? now;
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    this.last = this.clock();
  }

  get cancelled(): boolean {
    return this.options.signal?.aborted === true;
  }

  throwIfCancelled(text?: Bilingual): void {
    if (this.cancelled) throw new TaskCancelled(text);
  }

  report(progress: TaskProgress): void {
    this.current = progress;
    this.options.onProgress?.(progress);
  }

  /** Adds `n` to the current count (same stage and unit). */
  advance(n: number): void {
    if (!this.current) return;
    this.report({ ...this.current, done: Math.min(this.current.total, this.current.done + n) });
  }

  /**
   * Call often inside long loops: when the slice is used up, yields a macrotask; then throws
   * TaskCancelled if the user cancelled. Cheap when the slice is not used up.
   */
  async tick(): Promise<void> {
    if (this.clock() - this.last >= this.sliceMs) {
      await macrotask();
      this.yields++;
      this.last = this.clock();
    }
    this.throwIfCancelled();
  }

  /** Yields now (between phases), then checks for cancellation. */
  async pause(): Promise<void> {
    await macrotask();
    this.yields++;
    this.last = this.clock();
    this.throwIfCancelled();
  }
}
