/**
 * The Web Worker that builds templates for the pane (its own webpack entry, `template-worker.js`):
 * a unit table of 1,000 schools is some 30,000 cells, a few hundred milliseconds of building that
 * would otherwise hold the pane still. The spec is plain data and comes back by structured clone.
 */
import { buildTemplate } from '../../core/template/build';
import type { BuildReply, BuildRequest } from './template-builder';

interface WorkerScope {
  onmessage: ((e: MessageEvent<BuildRequest>) => void) | null;
  postMessage(message: BuildReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const { id, plan, options } = e.data;
  try {
    scope.postMessage({ id, spec: buildTemplate(plan, options) });
  } catch (err) {
    const text = (err as { text?: { zh: string; en: string } }).text;
    scope.postMessage({ id, error: { message: err instanceof Error ? err.message : String(err), ...(text ? { text } : {}) } });
  }
};
