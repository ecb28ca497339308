/**
 * The Web Worker that reads returned files for the 汇总 view (its own webpack entry,
 * `consolidate-worker.js`): unzipping and scanning hundreds of files never blocks the pane.
 */
import type { Plan } from '../../../core/plan/schema';
import { readReturnBytes, type FromWorker, type ToWorker } from './readFile';

interface WorkerScope {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}

const scope = self as unknown as WorkerScope;
let plans: Plan[] = [];

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'plans') {
    plans = m.plans;
    return;
  }
  readReturnBytes(m.name, new Uint8Array(m.bytes), m.lastModified, plans).then(
    (read) => scope.postMessage({ type: 'read', id: m.id, read }),
    (err: unknown) => scope.postMessage({ type: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) }),
  );
};
