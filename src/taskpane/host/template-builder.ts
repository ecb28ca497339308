/**
 * Building a template off the pane's thread: in the template worker (template-worker.ts) where the
 * browser gives one, else here after letting the pane paint (jsdom, a host that refuses workers).
 * Same `buildTemplate`, same result: only where it runs differs.
 */
import type { Bilingual } from '../../core/i18n/text';
import type { Plan } from '../../core/plan/schema';
import { buildTemplate, type TemplateOptions } from '../../core/template/build';
import type { TemplateSpec } from '../../core/template/spec';
import { macrotask } from '../../core/task/control';

export interface BuildRequest {
  id: number;
  plan: Plan;
  options: TemplateOptions;
}

export type BuildReply = { id: number; spec: TemplateSpec } | { id: number; error: { message: string; text?: Bilingual } };

/** The file the worker is built to (webpack entry `template-worker`), next to taskpane.html. */
export const TEMPLATE_WORKER_FILE = 'template-worker.js';

/** A build that failed in the worker, with the builder's own bilingual message when it had one. */
export class TemplateBuildError extends Error {
  constructor(
    message: string,
    readonly text?: Bilingual,
  ) {
    super(message);
    this.name = 'TemplateBuildError';
  }
}

let worker: Worker | undefined | null;
let next = 0;
const waiting = new Map<number, { resolve: (s: TemplateSpec) => void; reject: (e: unknown) => void }>();

function templateWorker(): Worker | undefined {
  if (worker !== undefined) return worker ?? undefined;
  worker = null;
  if (typeof Worker === 'undefined' || typeof document === 'undefined') return undefined;
  try {
    const w = new Worker(new URL(TEMPLATE_WORKER_FILE, document.baseURI));
    w.onmessage = (e: MessageEvent<BuildReply>) => {
      const pending = waiting.get(e.data.id);
      if (!pending) return;
      waiting.delete(e.data.id);
      if ('spec' in e.data) pending.resolve(e.data.spec);
      else pending.reject(new TemplateBuildError(e.data.error.message, e.data.error.text));
    };
    // A worker that cannot start (missing file, blocked): every build from now on runs here.
    w.onerror = () => {
      worker = null;
      w.terminate();
      for (const [id, p] of waiting) {
        waiting.delete(id);
        p.reject(new Error('template worker failed'));
      }
    };
    worker = w;
    return w;
  } catch {
    return undefined;
  }
}

async function buildHere(plan: Plan, options: TemplateOptions): Promise<TemplateSpec> {
  await macrotask();
  return buildTemplate(plan, options);
}

/** `buildTemplate(plan, options)`, without holding the pane still. */
export async function buildTemplateAsync(plan: Plan, options: TemplateOptions): Promise<TemplateSpec> {
  const w = templateWorker();
  if (!w) return buildHere(plan, options);
  const id = ++next;
  try {
    return await new Promise<TemplateSpec>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      w.postMessage({ id, plan, options } satisfies BuildRequest);
    });
  } catch (e) {
    if (e instanceof TemplateBuildError) throw e;
    return buildHere(plan, options);
  }
}
