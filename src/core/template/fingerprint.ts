/**
 * What a released plan version and a template version promise: their content never changes.
 *
 * A return carries its plan's id, version and hash, and the template version it was made with.
 * Validation rebuilds the template to check formula cells and labels only when all of these are
 * the current ones; a plan edited without a new version, or a template layout changed without a
 * new TEMPLATE_VERSION, makes every return already sent out fail (plan-hash-mismatch, or
 * "formula changed" / "value over a label" on cells the school never touched). `seeds/versions.json`
 * records, per version, the plan hash and the fingerprint of the templates built from it; a test
 * compares them with what the code builds today.
 */
import type { Plan } from '../plan/schema';
import type { Lang } from '../i18n/text';
import { canonicalJson, planHashOf, sha256Text } from '../workbook/hash';
import { buildTemplate, type TemplateOptions } from './build';
import { TEMPLATE_VERSION } from './spec';

/** `{ plans: { id: { version: hash } }, templates: { templateVersion: { "id@version": fingerprint } } }` */
export interface VersionRecord {
  plans: Record<string, Record<string, string>>;
  templates: Record<string, Record<string, string>>;
}

// A fixed year: a default year from the clock would change the fingerprint every January.
const YEAR = 2025;
const SAMPLES: ReadonlyArray<TemplateOptions & { lang: Lang }> = (['zh-CN', 'en'] as const).flatMap((lang) => [
  { kind: 'return' as const, lang, year: YEAR, units: ['甲校'] },
  { kind: 'units' as const, lang, year: YEAR, units: ['甲校', '乙校'] },
  { kind: 'overview' as const, lang, year: YEAR },
]);

/** One hash over the templates of one plan (return, unit table and overview; Chinese and English). */
export function templateFingerprint(plan: Plan): string {
  const specs = SAMPLES.map((options) => JSON.parse(JSON.stringify(buildTemplate(plan, options))) as unknown);
  return `sha256:${sha256Text(canonicalJson(specs))}`;
}

export interface VersionProblem {
  kind: 'plan-changed' | 'template-changed' | 'unrecorded';
  key: string;
  recorded?: string;
  current: string;
}

/** Today's plan hashes and template fingerprints against the record: what changed in place, what is new. */
export function compareVersions(plans: readonly Plan[], record: VersionRecord): { problems: VersionProblem[]; next: VersionRecord } {
  const next: VersionRecord = { plans: structuredCloneRecord(record.plans), templates: structuredCloneRecord(record.templates) };
  const problems: VersionProblem[] = [];
  const templates = (next.templates[TEMPLATE_VERSION] ??= {});
  for (const plan of plans) {
    const hash = planHashOf(plan);
    const versions = (next.plans[plan.id] ??= {});
    const recordedHash = versions[plan.version];
    if (recordedHash === undefined) {
      problems.push({ kind: 'unrecorded', key: `${plan.id}@${plan.version}`, current: hash });
      versions[plan.version] = hash;
    } else if (recordedHash !== hash) {
      problems.push({ kind: 'plan-changed', key: `${plan.id}@${plan.version}`, recorded: recordedHash, current: hash });
    }
    const key = `${plan.id}@${plan.version}`;
    const fingerprint = templateFingerprint(plan);
    const recorded = templates[key];
    if (recorded === undefined) {
      problems.push({ kind: 'unrecorded', key: `template ${TEMPLATE_VERSION} × ${key}`, current: fingerprint });
      templates[key] = fingerprint;
    } else if (recorded !== fingerprint) {
      problems.push({ kind: 'template-changed', key: `template ${TEMPLATE_VERSION} × ${key}`, recorded, current: fingerprint });
    }
  }
  return { problems, next };
}

function structuredCloneRecord(r: Record<string, Record<string, string>>): Record<string, Record<string, string>> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { ...v }]));
}
