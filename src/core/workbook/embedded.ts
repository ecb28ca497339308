/**
 * The plan a template was made from, carried inside the workbook (hidden metadata sheet, rows
 * `planJson | <chunk>`), so a returned file validates on a machine whose catalog lacks the plan
 * or has an older one of the same id.
 *
 * The carried plan is untrusted: size-limited before parsing, checked by the plan schema, and
 * used only when its hash is the `planHash` the template recorded (a plan edited inside the
 * workbook is refused with a reason, never used silently).
 */
import type { Bilingual } from '../i18n/text';
import { PLAN_LIMITS, safeParsePlan } from '../plan/parse';
import type { Plan } from '../plan/schema';
import { canonicalJson, planHashOf } from './hash';
import type { TemplateMeta } from './meta';

/** What `embeddedPlanOf` needs of a decoded template (cellmap.ts's `DecodedTemplate` has it). */
export interface EmbeddedPlanCarrier {
  meta: Pick<TemplateMeta, 'planId' | 'planHash'>;
  /** The plan's JSON text as carried, its chunks joined (untrusted: size-checked, not yet parsed). */
  embeddedPlanText?: string;
  /** Why the carried plan could not be read (too large). */
  embeddedPlanProblem?: Bilingual;
}

/** First cell of each metadata row carrying a piece of the plan's JSON. */
export const PLAN_JSON_KEY = 'planJson';

/** Characters per cell: under Excel's 32,767 per cell, with room to spare. */
export const PLAN_CHUNK_CHARS = 30_000;

/** The plan's canonical JSON in cell-sized pieces (never splitting a surrogate pair). */
export function planJsonChunks(plan: Plan): string[] {
  const json = canonicalJson(plan);
  const chunks: string[] = [];
  for (let start = 0; start < json.length; ) {
    let end = Math.min(start + PLAN_CHUNK_CHARS, json.length);
    const last = json.charCodeAt(end - 1);
    if (end < json.length && last >= 0xd800 && last <= 0xdbff) end--;
    chunks.push(json.slice(start, end));
    start = end;
  }
  return chunks;
}

/** Joined chunks within the plan size limit, or why not (nothing parsed yet). */
export function joinPlanText(chunks: readonly string[]): { text: string } | { problem: Bilingual } {
  const json = chunks.join('');
  if (json.length > PLAN_LIMITS.maxBytes) {
    return {
      problem: {
        zh: `工作簿内嵌的计划过大（${json.length} 字符，上限 ${PLAN_LIMITS.maxBytes}），已忽略`,
        en: `the plan embedded in the workbook is too large (${json.length} characters, limit ${PLAN_LIMITS.maxBytes}); ignored`,
      },
    };
  }
  return { text: json };
}

function parseJson(json: string): { value: unknown } | { problem: Bilingual } {
  try {
    return { value: JSON.parse(json) as unknown };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { problem: { zh: `工作簿内嵌的计划不是有效的 JSON（${detail}），已忽略`, en: `the plan embedded in the workbook is not valid JSON (${detail}); ignored` } };
  }
}

/** The raw JSON value of joined chunks, or why it cannot be read. */
export function joinPlanChunks(chunks: readonly string[]): { value: unknown } | { problem: Bilingual } {
  const joined = joinPlanText(chunks);
  return 'problem' in joined ? joined : parseJson(joined.text);
}

/** A carried plan's text read through the schema: the plan and its hash, or why it is not a plan. */
type CarriedPlan = { plan: Plan; hash: string } | { problem: Bilingual };

function readCarriedPlan(text: string): CarriedPlan {
  const json = parseJson(text);
  if ('problem' in json) return json;
  const parsed = safeParsePlan(json.value);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    const where = first ? `${first.path}: ` : '';
    return {
      problem: {
        zh: `工作簿内嵌的计划无效（${where}${first?.message.zh ?? ''}），已忽略`,
        en: `the plan embedded in the workbook is invalid (${where}${first?.message.en ?? ''}); ignored`,
      },
    };
  }
  return { plan: parsed.plan, hash: planHashOf(parsed.plan) };
}

/**
 * Carried plans already read, keyed by their exact text. Every return of one round carries the
 * same ~100 KB of JSON; parsing it, checking it against the schema and hashing it (SHA-256 in
 * plain TypeScript) was most of the cost of validating a file. A text equal to one seen before
 * (the Map compares the whole string) gives the same plan and hash, so the outcome is identical;
 * a text that differs by one character is read afresh. The comparison against what the template
 * records (id, hash) is still made for every file. Small: a round has one plan, a few versions.
 */
const carriedCache = new Map<string, CarriedPlan>();
const CARRIED_CACHE_SIZE = 8;

function carriedPlan(text: string): CarriedPlan {
  let c = carriedCache.get(text);
  if (c === undefined) {
    c = readCarriedPlan(text);
    if (carriedCache.size >= CARRIED_CACHE_SIZE) carriedCache.delete(carriedCache.keys().next().value as string);
    carriedCache.set(text, c);
  }
  return c;
}

/**
 * The plan carried by a template, when it is a valid plan of the template's id whose hash is the
 * one the template recorded; otherwise the reason it is not used. Undefined: no plan carried.
 */
export function embeddedPlanOf(t: EmbeddedPlanCarrier): { plan: Plan } | { problem: Bilingual } | undefined {
  if (t.embeddedPlanProblem) return { problem: t.embeddedPlanProblem };
  if (t.embeddedPlanText === undefined) return undefined;
  const carried = carriedPlan(t.embeddedPlanText);
  if ('problem' in carried) return { problem: carried.problem };
  if (carried.plan.id !== t.meta.planId || carried.hash !== t.meta.planHash) {
    return {
      problem: {
        zh: `工作簿内嵌的计划与模板记录的计划（${t.meta.planId}）不一致（可能被修改），已忽略`,
        en: `the plan embedded in the workbook does not match the one the template records (${t.meta.planId}), it may have been edited; ignored`,
      },
    };
  }
  return { plan: carried.plan };
}
