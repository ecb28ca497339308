/**
 * The plans a CLI command works with: the shipped catalog plus the user's own `--plan-file`s (a
 * bureau's plan may replace a shipped one of the same id), as the one registry the command hands
 * to the core. validate and consolidate share it, so a plan file is refused the same way by both.
 */
import * as fs from 'fs';
import { PlanError } from '../core/plan/parse';
import { PlanRegistry } from '../core/plan/registry';
import { loadShippedPlans, readPlanFile } from '../node/seeds';
import { CliError } from './output';

export function loadPlans(planFiles: string[] | undefined): PlanRegistry {
  const registry = new PlanRegistry(loadShippedPlans());
  for (const file of planFiles ?? []) {
    if (!fs.existsSync(file)) throw new CliError({ zh: `找不到规划文件：${file}`, en: `plan file not found: ${file}` }, 2);
    try {
      registry.add(readPlanFile(file));
    } catch (e) {
      if (e instanceof PlanError) throw new CliError({ zh: `规划文件无效：${file}\n${e.message}`, en: `invalid plan file: ${file}` }, 2);
      throw e;
    }
  }
  return registry;
}
