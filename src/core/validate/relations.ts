/**
 * 表内审核 between inputs, as the plan declares them: a part (or the sum of several parts) never
 * above its total; parts that must add up to their total within a tolerance. Severity is the
 * rule's own (`error` by default; a cohort rule such as 巩固率's may be a `warning`).
 *
 * Read over the input columns: a rule costs a few additions per unit, and an issue (with its cell
 * references) is built only for a unit that breaks it.
 */
import type { Rule } from '../plan/schema';
import { a1 } from '../workbook/address';
import { CELL, cellValue, type InputColumn, type SheetTable } from './columns';
import type { CellRef, DraftIssue } from './issues';
import { issueValue } from './issues';

/** Float slack so 0.1 + 0.2 never fails "= 0.3" (relative to the magnitudes compared). */
function slack(a: number, b: number): number {
  return 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export interface RuleOutcome {
  issues: DraftIssue[];
  /** By unit position: inputs of a violated rule (values computed from them are not reported again). */
  implicated: Map<number, Set<string>>;
}

/**
 * Checks the active units against the plan's rules. Inputs whose content was already wrong are
 * skipped: one problem, one issue.
 */
export function checkRules(
  rules: readonly Rule[],
  columns: ReadonlyMap<string, InputColumn>,
  active: readonly number[],
  units: ReadonlyArray<{ index: number; name: string }>,
  sheets: SheetTable,
): RuleOutcome {
  const issues: DraftIssue[] = [];
  const implicated = new Map<number, Set<string>>();
  const compiled = rules.map((rule) => {
    const partIds = rule.kind === 'partLeTotal' ? rule.part : rule.parts;
    return { rule, partIds, total: columns.get(rule.total), parts: partIds.map((id) => columns.get(id)) };
  });
  for (const k of active) {
    const unit = units[k]!;
    const ref = (c: InputColumn): CellRef => ({ input: c.id, sheet: sheets.names[c.sheet[k]!]!, cell: a1(c.row[k]!, c.col[k]!) });
    const where = (c: InputColumn) => ({ sheet: sheets.names[c.sheet[k]!]!, cell: a1(c.row[k]!, c.col[k]!), unit: unit.name, unitIndex: unit.index, input: c.id });
    const raw = (c: InputColumn) => issueValue(cellValue(sheets, c.sheet[k]!, c.row[k]!, c.col[k]!));
    for (const { rule, partIds, total, parts } of compiled) {
      if (!total || total.state[k] !== CELL.number || total.bad[k]) continue;
      const totalValue = total.value[k]!;
      let complete = true;
      let sum = 0;
      let present = 0;
      let first: InputColumn | undefined;
      for (const p of parts) {
        if (!p || p.state[k] === CELL.absent || p.bad[k]) {
          complete = false;
          break;
        }
        if (p.state[k] === CELL.number) {
          sum += p.value[k]!;
          present++;
          first ??= p;
        }
      }
      if (!complete) continue;
      const presentParts = () => parts.filter((p) => p!.state[k] === CELL.number).map((p) => ref(p!));
      const implicate = () => {
        let set = implicated.get(k);
        if (!set) implicated.set(k, (set = new Set()));
        for (const id of [...partIds, rule.total]) set.add(id);
      };
      if (rule.kind === 'partLeTotal') {
        // Parts are never negative, so a missing part can only raise the sum: the partial sum is enough.
        if (present === 0 || sum <= totalValue + slack(sum, totalValue)) continue;
        implicate();
        issues.push({
          ...where(first!),
          code: 'part-exceeds-total',
          severity: rule.severity,
          params: { rule: rule.id, part: sum, total: totalValue, parts: presentParts(), totalRef: ref(total) },
          value: present === 1 ? raw(first!) : sum,
          expected: `≤ ${totalValue}`,
        });
      } else {
        // A sum can only be judged when every part is there.
        if (present !== parts.length) continue;
        if (Math.abs(sum - totalValue) <= rule.tolerance + slack(sum, totalValue)) continue;
        implicate();
        issues.push({
          ...where(total),
          code: 'sum-mismatch',
          severity: rule.severity,
          params: { rule: rule.id, sum, total: totalValue, tolerance: rule.tolerance, parts: presentParts(), totalRef: ref(total) },
          value: raw(total),
          expected: rule.tolerance > 0 ? `${sum} ± ${rule.tolerance}` : sum,
        });
      }
    }
  }
  return { issues, implicated };
}
