// The per-cell validation as it was before the check pipeline and the columnar path (commit 32f7231),
// frozen as the oracle of test/core/validate/columnar.test.ts. Not product code.
/**
 * 表内审核 between inputs, as the plan declares them: a part (or the sum of several parts) never
 * above its total; parts that must add up to their total within a tolerance. Severity is the
 * rule's own (`error` by default; a cohort rule such as 巩固率's may be a `warning`).
 */
import type { Rule } from '../../../../src/core/plan/schema';
import type { CellRef, DraftIssue } from '../../../../src/core/validate/issues';
import { issueValue } from '../../../../src/core/validate/issues';
import type { Reading } from './read';

/** Float slack so 0.1 + 0.2 never fails "= 0.3" (relative to the magnitudes compared). */
function slack(a: number, b: number): number {
  return 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function ref(r: Reading): CellRef {
  return { input: r.field.id, sheet: r.sheet, cell: r.cell };
}

function numberOf(r: Reading | undefined): number | undefined {
  return r && !r.bad && r.coerced.kind === 'number' ? r.coerced.value : undefined;
}

/**
 * Checks one unit's readings (by input id) against the plan's rules. Inputs whose content was
 * already wrong are skipped: one problem, one issue. Also returns the inputs of violated rules.
 */
export function checkRules(rules: readonly Rule[], readings: ReadonlyMap<string, Reading>): { issues: DraftIssue[]; implicated: Set<string> } {
  const issues: DraftIssue[] = [];
  /** Inputs of a violated rule: values computed from them are not reported again. */
  const implicated = new Set<string>();
  for (const rule of rules) {
    const total = readings.get(rule.total);
    const totalValue = numberOf(total);
    if (!total || totalValue === undefined) continue;
    const partIds = rule.kind === 'partLeTotal' ? rule.part : rule.parts;
    const parts = partIds.map((id) => readings.get(id));
    if (parts.some((p) => p === undefined || p.bad)) continue;
    const present = parts.filter((p): p is Reading => numberOf(p) !== undefined);
    const sum = present.reduce((s, p) => s + numberOf(p)!, 0);
    const where = (r: Reading) => ({ sheet: r.sheet, cell: r.cell, unit: r.unit, unitIndex: r.unitIndex, input: r.field.id });

    if (rule.kind === 'partLeTotal') {
      // Parts are never negative, so a missing part can only raise the sum: the partial sum is enough.
      if (present.length === 0 || sum <= totalValue + slack(sum, totalValue)) continue;
      const first = present[0]!;
      [...partIds, rule.total].forEach((id) => implicated.add(id));
      issues.push({
        ...where(first),
        code: 'part-exceeds-total',
        severity: rule.severity,
        params: { rule: rule.id, part: sum, total: totalValue, parts: present.map(ref), totalRef: ref(total) },
        value: present.length === 1 ? issueValue(first.raw) : sum,
        expected: `≤ ${totalValue}`,
      });
    } else {
      // A sum can only be judged when every part is there.
      if (present.length !== parts.length) continue;
      if (Math.abs(sum - totalValue) <= rule.tolerance + slack(sum, totalValue)) continue;
      [...partIds, rule.total].forEach((id) => implicated.add(id));
      issues.push({
        ...where(total),
        code: 'sum-mismatch',
        severity: rule.severity,
        params: { rule: rule.id, sum, total: totalValue, tolerance: rule.tolerance, parts: present.map(ref), totalRef: ref(total) },
        value: issueValue(total.raw),
        expected: rule.tolerance > 0 ? `${sum} ± ${rule.tolerance}` : sum,
      });
    }
  }
  return { issues, implicated };
}
