/**
 * Loading the shipped plans (`seeds/plans/*.json`) from disk, for Node callers (CLI, library, tests, scripts); the library entry re-exports it, so it lives here and not in src/cli.
 * The browser bundles get the same files injected at build time (see webpack.config.js).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parsePlanBytes, PlanError } from '../core/plan/parse';
import type { Plan } from '../core/plan/schema';

/** The package root: lib/node/seeds.js and src/node/seeds.ts both sit two levels below it. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
export const SEEDS_DIR = path.join(PACKAGE_ROOT, 'seeds');
export const PLANS_DIR = path.join(SEEDS_DIR, 'plans');
export const SOURCES_DIR = path.join(SEEDS_DIR, 'sources');

export function shippedPlanFiles(): string[] {
  if (!fs.existsSync(PLANS_DIR)) return [];
  return fs
    .readdirSync(PLANS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(PLANS_DIR, f));
}

/** Read and validate one plan file; throws PlanError naming the JSON paths. */
export function readPlanFile(file: string): Plan {
  const r = parsePlanBytes(fs.readFileSync(file));
  if (!r.ok) throw new PlanError(r.issues.map((i) => ({ ...i, path: `${path.basename(file)} ${i.path}` })));
  return r.plan;
}

let cache: Plan[] | undefined;

/** All shipped plans, validated, in file-name order. */
export function loadShippedPlans(): Plan[] {
  cache ??= shippedPlanFiles().map(readPlanFile);
  return cache;
}
