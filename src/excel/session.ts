/**
 * How every operation of the adapter reaches Excel: a target that is either an `ExcelHost`
 * (`Excel.run` + requirement check; the fake's `host`, or `officeHost()`) or a context the caller
 * already holds inside its own `Excel.run`. Plus the sync budget that keeps a batch under Excel's
 * request-size limit without syncing per row.
 */
import type { ExcelContext, ExcelHost } from './port';
import { COMMAND_OVERHEAD_BYTES, DEFAULT_SYNC_BUDGET } from './payload';
import { Capabilities, type IsSetSupported } from './requirements';

export type ExcelTarget = ExcelHost | ExcelContext;

export interface TargetOptions {
  /**
   * The requirement-set check, needed when the target is a bare context (pass
   * `Office.context.requirements.isSetSupported`). Without it a bare context is assumed current.
   */
  isSetSupported?: IsSetSupported;
}

function isHost(target: ExcelTarget): target is ExcelHost {
  return typeof (target as ExcelHost).run === 'function';
}

/** Runs `batch` in a fresh `Excel.run` for a host, or in the caller's context. */
export function withContext<T>(target: ExcelTarget, batch: (context: ExcelContext) => Promise<T>): Promise<T> {
  return isHost(target) ? target.run(batch) : batch(target);
}

export function capabilitiesOf(target: ExcelTarget, options: TargetOptions = {}): Capabilities {
  const check: IsSetSupported = options.isSetSupported ?? (isHost(target) ? (n, v) => target.isSetSupported(n, v) : () => true);
  return new Capabilities(check);
}

/**
 * Counts what is queued and syncs only when the next command would push the request past the
 * budget: a constant number of syncs for any realistic template, and never a request Excel on
 * the web refuses (5 MB).
 */
export class SyncBudget {
  private spent = 0;
  /** Syncs this budget forced (0 for everything under the budget). */
  extraSyncs = 0;

  constructor(
    private readonly context: ExcelContext,
    private readonly limit = DEFAULT_SYNC_BUDGET,
  ) {}

  /** Call before queuing a command carrying `bytes` of arguments. */
  async spend(bytes: number): Promise<void> {
    const cost = bytes + COMMAND_OVERHEAD_BYTES;
    if (this.spent > 0 && this.spent + cost > this.limit) {
      await this.context.sync();
      this.extraSyncs++;
      this.spent = 0;
    }
    this.spent += cost;
  }

  /** After an explicit sync: the queue is empty again. */
  synced(): void {
    this.spent = 0;
  }
}
