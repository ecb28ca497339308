/**
 * The table of checks: every code of the catalogue is declared by exactly one check, except the
 * documented shared codes (declared by exactly the checks listed) and the runner's own
 * `validation-failed`; a check that throws costs its own issues only.
 */
import { DEFAULT_CHECKS, ISSUE_CODES, RUNNER_CODES, SHARED_CODES, check, runChecks, validate, type Check } from '../../../src/core/validate';
import { validationPlan, CLEAN } from './fixtures';
import { parsePlan, template } from './helpers';

const plan = parsePlan(validationPlan());

test('every issue code is declared by exactly one check, or by the documented set', () => {
  const declaredBy = new Map<string, string[]>();
  for (const c of DEFAULT_CHECKS) for (const code of c.codes) declaredBy.set(code, [...(declaredBy.get(code) ?? []), c.id]);
  for (const code of ISSUE_CODES) {
    const by = declaredBy.get(code) ?? [];
    if ((RUNNER_CODES as readonly string[]).includes(code)) expect([code, by]).toEqual([code, []]);
    else if (SHARED_CODES[code]) expect([code, [...by].sort()]).toEqual([code, [...SHARED_CODES[code]!].sort()]);
    else expect([code, by.length]).toEqual([code, 1]);
  }
  // Nothing declared outside the catalogue, and ids are unique kebab-case.
  for (const code of declaredBy.keys()) expect(ISSUE_CODES).toContain(code);
  const ids = DEFAULT_CHECKS.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
});

test('a check that throws reports validation-failed naming it, and the other checks still report', () => {
  const f = template(plan, { units: ['甲幼儿园'], year: 2025 });
  for (const [k, v] of Object.entries(CLEAN)) f.set(1, k, v);
  f.set(1, 'enrolled', '约一千'); // a type error, found by input-content
  const broken = check('broken', 'plan', ['peer-outlier'], () => {
    throw new Error('boom');
  });
  const checks: Check[] = [...DEFAULT_CHECKS, broken];
  const run = runChecks(f.book, plan, {}, checks);
  expect(run.issues.map((i) => i.code).sort()).toEqual(['type-error', 'validation-failed']);
  expect(run.issues.find((i) => i.code === 'validation-failed')?.params).toEqual({ detail: 'broken: boom' });
  expect(run.valid).toBe(false);
  // The same workbook through the default table: the type error alone.
  expect(validate(f.book, plan).issues.map((i) => i.code)).toEqual(['type-error']);
});

test('a table without a check does not run it (checks can be picked)', () => {
  const f = template(plan, { units: ['甲幼儿园'], year: 2025 });
  for (const [k, v] of Object.entries(CLEAN)) f.set(1, k, v);
  f.set(1, 'enrolled', '约一千');
  const without = DEFAULT_CHECKS.filter((c) => c.id !== 'input-content');
  expect(runChecks(f.book, plan, {}, without).issues.map((i) => i.code)).toEqual([]);
});
