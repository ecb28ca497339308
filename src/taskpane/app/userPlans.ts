/**
 * Plans a user imported into the pane. They are added to the shared registry (so the custom
 * functions and the ribbon see them too) and remembered in localStorage, so one import lasts
 * across sessions on this machine. Inside workbooks they travel with the template (see
 * host/workbook.ts), which is what makes a returned file readable elsewhere.
 */
import type { PlanIssue, PlanResult } from '../../core/plan/parse';
import type { PlanRegistry } from '../../core/plan/registry';
import type { Plan } from '../../core/plan/schema';

const KEY = 'edu-indicators.user-plans.v1';
/** localStorage is ~5 MB per origin; keep well below it so settings can still be saved. */
const MAX_STORED_CHARS = 2_000_000;

const imported = new Set<string>();

export function isUserPlan(id: string): boolean {
  return imported.has(id);
}

function readStored(): unknown[] {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? v : [];
  } catch {
    return []; // storage disabled or a corrupt entry: start with none
  }
}

function writeStored(plans: Plan[]): void {
  try {
    const text = JSON.stringify(plans);
    if (text.length <= MAX_STORED_CHARS) localStorage.setItem(KEY, text);
  } catch {
    // Storage disabled or full: the import still holds for this session.
  }
}

/**
 * The plan parser and the schema library behind it, loaded when a plan from outside the build
 * must be checked (an import, a remembered import): most sessions never need them.
 */
export function loadPlanParser() {
  return import(/* webpackChunkName: "plan-parser" */ '../../core/plan/parse');
}

/** Adds the remembered imports to a registry (each re-checked by the schema: storage is untrusted). */
export async function restoreUserPlans(registry: PlanRegistry): Promise<void> {
  const stored = readStored();
  if (stored.length === 0) return;
  const { safeParsePlan } = await loadPlanParser();
  for (const value of stored) {
    const r = safeParsePlan(value);
    if (r.ok) {
      registry.add(r.plan);
      imported.add(r.plan.id);
    }
  }
}

export type ImportResult = { ok: true; plan: Plan; replaced: boolean } | { ok: false; issues: PlanIssue[] };

/** Checks a plan file's text and, when valid, adds it to the registry and remembers it. */
export async function importPlanText(registry: PlanRegistry, text: string): Promise<ImportResult> {
  const { parsePlanText } = await loadPlanParser();
  return importParsed(registry, parsePlanText(text));
}

/** A chosen file's bytes: UTF-8, UTF-16 or GBK as Windows saved it (the core's one decoder). */
export async function importPlanBytes(registry: PlanRegistry, bytes: Uint8Array): Promise<ImportResult> {
  const { parsePlanBytes } = await loadPlanParser();
  return importParsed(registry, parsePlanBytes(bytes));
}

function importParsed(registry: PlanRegistry, r: PlanResult): ImportResult {
  if (!r.ok) return r;
  return { ok: true, plan: r.plan, replaced: addUserPlan(registry, r.plan) };
}

/** Adds a validated plan (imported, or carried inside a workbook); true when it replaced one. */
export function addUserPlan(registry: PlanRegistry, plan: Plan): boolean {
  const replaced = registry.get(plan.id) !== undefined;
  registry.add(plan);
  imported.add(plan.id);
  writeStored(registry.list().filter((p) => imported.has(p.id)));
  return replaced;
}
