/**
 * The plan a workbook carries is read once per distinct text (parsing, schema and SHA-256 are
 * the cost of every return of a round): a text equal to one seen before gives the same plan; one
 * character different is read afresh, and what the template records is compared every time.
 */
import { embeddedPlanOf, joinPlanText, planJsonChunks, type EmbeddedPlanCarrier } from '../../../src/core/workbook/embedded';
import { canonicalJson, planHash, planHashOf } from '../../../src/core/workbook/hash';
import { comparatorPlan } from '../template/fixture-plan';
import { PLAN_LIMITS } from '../../../src/core/plan/limits';

function carrier(text: string, planId: string, hash: string): EmbeddedPlanCarrier {
  return { meta: { planId, planHash: hash }, embeddedPlanText: text };
}

describe('embedded plan', () => {
  const plan = comparatorPlan();
  const text = planJsonChunks(plan).join('');
  const hash = planHash(plan);

  test('the same text gives the same plan (read once); the outcome equals a fresh read', () => {
    const a = embeddedPlanOf(carrier(text, plan.id, hash));
    // A copy of the text (another file's cell), not the same string object.
    const b = embeddedPlanOf(carrier(`${text.slice(0, 10)}${text.slice(10)}`, plan.id, hash));
    expect(a).toEqual({ plan });
    expect(b && 'plan' in b && a && 'plan' in a && b.plan === a.plan).toBe(true);
    expect(planHashOf((a as { plan: typeof plan }).plan)).toBe(hash);
  });

  test('what the template records is compared for every file, cached text or not', () => {
    expect(embeddedPlanOf(carrier(text, plan.id, hash))).toHaveProperty('plan');
    expect(embeddedPlanOf(carrier(text, plan.id, `sha256:${'0'.repeat(64)}`))).toHaveProperty('problem');
    expect(embeddedPlanOf(carrier(text, `${plan.id} `, hash))).toHaveProperty('problem');
  });

  test('one character edited in a text read before: read afresh and refused', () => {
    expect(embeddedPlanOf(carrier(text, plan.id, hash))).toHaveProperty('plan');
    const edited = JSON.parse(text) as { version: string };
    edited.version = `${edited.version}9`;
    const editedText = canonicalJson(edited);
    expect(editedText.length).toBe(text.length + 1);
    const out = embeddedPlanOf(carrier(editedText, plan.id, hash));
    expect(out && 'problem' in out && out.problem.zh).toContain('不一致');
    // Still refused the second time (the refusal is cached, never turned into a plan).
    expect(embeddedPlanOf(carrier(editedText, plan.id, hash))).toEqual(out);
  });

  test('not JSON, not a plan, too large: each said, each time', () => {
    const broken = text.slice(0, -1);
    const first = embeddedPlanOf(carrier(broken, plan.id, hash));
    expect(first && 'problem' in first && first.problem.en).toContain('not valid JSON');
    expect(embeddedPlanOf(carrier(broken, plan.id, hash))).toEqual(first);
    const notPlan = embeddedPlanOf(carrier('{"id":1}', plan.id, hash));
    expect(notPlan && 'problem' in notPlan && notPlan.problem.en).toContain('invalid');
    const big = joinPlanText(['x'.repeat(PLAN_LIMITS.maxBytes), 'x']);
    expect('problem' in big && big.problem.en).toContain('too large');
    expect('text' in joinPlanText([text])).toBe(true);
    if (!('problem' in big)) throw new Error('expected a problem');
    expect(embeddedPlanOf({ meta: { planId: plan.id, planHash: hash }, embeddedPlanProblem: big.problem })).toEqual(big);
  });

  test('many distinct texts: the cache stays small and every answer stays right', () => {
    for (let i = 0; i < 40; i++) {
      const t = canonicalJson({ ...(JSON.parse(text) as object), version: `9.${i}` });
      expect(embeddedPlanOf(carrier(t, plan.id, hash))).toHaveProperty('problem');
    }
    expect(embeddedPlanOf(carrier(text, plan.id, hash))).toEqual({ plan });
  });
});
