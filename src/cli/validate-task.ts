/**
 * The read-files task of `validate`: each worker loads the plans (shipped + --plan-file) and last
 * year's values once, then validates each file it is sent into the small FileReport the command
 * prints (the grid never leaves the worker).
 */
import type { PlanRegistry } from '../core/plan/registry';
import type { PreviousValue } from '../core/validate';
import { loadPrevious, validateBytes, type FileReport } from './commands/validate';
import { loadPlans } from './plan-registry';

let plans: PlanRegistry | undefined;
let previous: PreviousValue[] | undefined;
let trustEmbedded = false;

export function init(options: { planFiles?: string[]; previous?: string; trustEmbedded?: boolean } = {}): void {
  plans = loadPlans(options.planFiles);
  previous = loadPrevious(options.previous);
  trustEmbedded = options.trustEmbedded === true;
}

export function run(file: string, bytes: Uint8Array): FileReport {
  if (!plans) init();
  return validateBytes(file, bytes, plans!, previous, trustEmbedded);
}
