/**
 * A repeatable option (`--plan-file a.json --plan-file b.json`). Commander's variadic form
 * (`<file...>`) would also swallow the positional files that follow it
 * (`validate --plan-file plan.json r1.xlsx r2.xlsx` read the returns as plan files).
 */
export function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
