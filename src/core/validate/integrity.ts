/**
 * Which plan a return is checked against, and whether that plan is a released one.
 *
 * The plans handed to `validate` (the shipped catalog, plus plan files the bureau passes) are the
 * released ones: they decide, never the file. A return carries its plan (embedded JSON, `planId`,
 * `planVersion`, `planHash` in the hidden sheet), all of which a school can edit. So:
 *
 *  - an id the released plans lack (unknown, or a look-alike such as `national-yzjh-2017 `) is
 *    an error, 规划不是发布版本, and the return is not judged against the carried plan;
 *  - a known id whose recorded version differs is an older template only when the plan it carries
 *    is that version, consistently (its id, version and hash are the recorded ones): a warning, and
 *    the return is still judged against the released plan; an edited `planVersion` (the carried
 *    plan says otherwise) is the same error as above;
 *  - a carried plan that differs from the released one of the same version is that error too;
 *  - `trustEmbedded` (CLI `--trust-embedded`) accepts the carried plan on purpose: the return is
 *    judged against it when it is internally consistent (its hash is the one recorded), and a
 *    note says so.
 *
 * A recorded hash that differs from the released plan of the same version stays
 * `plan-hash-mismatch` (an error since the start).
 */
import type { Plan } from '../plan/schema';
import { embeddedPlanOf } from '../workbook/embedded';
import type { DecodedTemplate } from '../workbook/cellmap';
import { planHashOf } from '../workbook/hash';
import type { DraftIssue } from './issues';

// planHash is a SHA-256 over the whole plan: computed once per plan object, not per file.
export const hashOf = planHashOf;

export interface PlanChoice {
  /** The plan to judge the return against (undefined: not judged; `issues` say why). */
  plan?: Plan;
  /** True when the template was made from exactly this plan (formula checks can rebuild it). */
  sameTemplate: boolean;
  issues: DraftIssue[];
}

function notReleased(
  t: DecodedTemplate,
  reason: 'unknown-id' | 'hash-differs' | 'version-differs' | 'embedded-differs',
  trusted: boolean,
  versions?: { template: string; current: string },
): DraftIssue {
  return {
    code: 'plan-not-released',
    ...(trusted ? { severity: 'info' as const } : {}),
    params: { planId: t.meta.planId, reason, trusted, ...versions },
    value: t.meta.planId,
    expected: null,
  };
}

/** Chooses the plan for one template of a return; `released` looks a plan up by id among the released ones. */
export function choosePlan(t: DecodedTemplate, released: Plan | undefined, trustEmbedded: boolean): PlanChoice {
  const meta = t.meta;
  const carried = embeddedPlanOf(t);
  const usable = carried && 'plan' in carried ? carried.plan : undefined;
  const carriedProblem = carried && 'problem' in carried ? carried.problem : undefined;
  const carriedIssue: DraftIssue[] = carriedProblem ? [{ code: 'metadata-invalid', params: { detail: carriedProblem }, value: null, expected: null }] : [];

  if (!released) {
    if (usable && trustEmbedded) return { plan: usable, sameTemplate: true, issues: [notReleased(t, 'unknown-id', true)] };
    // A carried plan, consistent or not (a look-alike id no longer matches the plan inside): not released.
    if (carried) return { sameTemplate: false, issues: [notReleased(t, 'unknown-id', false), ...carriedIssue] };
    return { sameTemplate: false, issues: [...carriedIssue, { code: 'unknown-plan', params: { planId: meta.planId, planVersion: meta.planVersion }, value: meta.planId, expected: null }] };
  }

  if (meta.planVersion !== released.version) {
    // An older template, or an edited version number: the released catalog decides.
    const versions = { template: meta.planVersion, current: released.version };
    if (usable && trustEmbedded) return { plan: usable, sameTemplate: true, issues: [notReleased(t, 'version-differs', true, versions)] };
    // embeddedPlanOf already checked the carried plan's id and hash against the recorded ones.
    const olderTemplate = usable !== undefined && usable.version === meta.planVersion;
    const mismatch: DraftIssue = { code: 'plan-version-mismatch', params: versions, value: meta.planVersion, expected: released.version };
    return { plan: released, sameTemplate: false, issues: olderTemplate ? [mismatch] : [notReleased(t, 'version-differs', false, versions)] };
  }
  const current = hashOf(released);
  if (meta.planHash !== current) {
    if (usable && trustEmbedded) return { plan: usable, sameTemplate: true, issues: [notReleased(t, 'hash-differs', true)] };
    return { plan: released, sameTemplate: false, issues: [{ code: 'plan-hash-mismatch', params: { template: meta.planHash, current }, value: meta.planHash, expected: current }] };
  }
  // Recorded id, version and hash are the released plan's; the carried JSON must be it too.
  if (carriedProblem || (usable && hashOf(usable) !== current)) {
    return { plan: released, sameTemplate: true, issues: [notReleased(t, 'embedded-differs', trustEmbedded)] };
  }
  return { plan: released, sameTemplate: true, issues: [] };
}
