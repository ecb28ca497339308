/**
 * The summary's 问题 sheet lists the issues a statistician has to act on: those of the files that
 * were consolidated (wholly, partly, migrated) and of those excluded for hard errors (they must be
 * fixed and sent again). A return of another plan is accounted for once on 完整性 with its reason;
 * its own validation issues are not this consolidation's problems and do not flood 问题 — but the
 * consolidation (what --json prints) keeps every file's issues, its status saying other-plan.
 */
import { pick } from '../../../src/core/i18n/text';
import { buildSummarySpecs, consolidate, FILE_STATUS_LABEL, readReturn, SUMMARY_SHEETS } from '../../../src/core/consolidate';
import type { SheetSpec } from '../../../src/core/template/spec';
import { a1ToRowCol } from '../../../src/core/workbook/address';
import { template } from '../validate/helpers';
import { county, plans, ppph, T0 } from './county';

const OTHER = 'returns/另一规划的幼儿园.xlsx';

function build() {
  const c = county();
  // A preschool-plan return full of its own problems (text in number cells, nothing else filled).
  const pre = template(ppph, { kind: 'return', year: 2025, units: ['城南幼儿园'], includeOverview: false });
  const inputs = pre.spec.meta.inputs.slice(0, 3);
  for (const id of inputs) pre.set(1, id, '好多');
  const sources = [...c.sources, { file: OTHER, modified: T0 + 8000, modifiedFrom: 'file' as const, book: pre.book }];
  return consolidate(
    sources.map((s) => readReturn(s, plans)),
    plans,
    { expected: c.expected },
  );
}

const result = build();

/** Column `col` of every row from `from` down, as text. */
function column(sheet: SheetSpec, col: number, from: number): string[] {
  const out: string[] = [];
  for (const [address, cell] of Object.entries(sheet.cells)) {
    const { row, col: c } = a1ToRowCol(address);
    if (c === col && row >= from && typeof cell.value === 'string') out.push(cell.value);
  }
  return out;
}

function sheets(lang: 'zh-CN' | 'en') {
  const specs = buildSummarySpecs(result, plans.find((p) => p.id === result.plan.id)!, { lang, region: '某县' });
  const all = specs.flatMap((s) => s.sheets);
  const get = (b: { zh: string; en: string }) => all.find((s) => s.name === pick(b, lang))!;
  return { issues: get(SUMMARY_SHEETS.issues), completeness: get(SUMMARY_SHEETS.completeness) };
}

test('the other-plan return keeps its issues and says other-plan in the consolidation (what --json prints)', () => {
  const f = result.files.find((x) => x.file === OTHER)!;
  expect(f.status).toBe('other-plan');
  expect(f.issues.filter((i) => i.severity === 'error').length).toBeGreaterThanOrEqual(3);
  expect(result.files.find((x) => x.file === 'returns/南山小学.xlsx')!.issues.length).toBeGreaterThan(0);
});

test.each(['zh-CN', 'en'] as const)('问题 lists the consolidated and the excluded files\' issues, not another plan\'s (%s)', (lang) => {
  const { issues, completeness } = sheets(lang);
  const files = column(issues, 1, 4);
  expect(files).not.toContain(OTHER);
  // The file with hard errors (excluded: it must be fixed) and the migrated one (a version warning) are listed.
  expect(files).toContain('returns/南山小学.xlsx');
  expect(files).toContain('returns/育才小学.xlsx');
  // Every listed row belongs to a consolidated, partly consolidated, migrated or excluded file.
  const status = new Map(result.files.map((f) => [f.file, f.status]));
  for (const f of files) expect(['consolidated', 'partial', 'migrated', 'excluded']).toContain(status.get(f));
  const listed = result.files.filter((f) => ['consolidated', 'partial', 'migrated', 'excluded'].includes(f.status)).reduce((n, f) => n + f.issues.length, 0);
  expect(files).toHaveLength(listed);
  // The sheet says where the other files went, without a count of zero.
  const note = Object.values(issues.cells).map((c) => String(c.value ?? '')).find((v) => v.includes(pick(SUMMARY_SHEETS.completeness, lang)));
  expect(note).toBeDefined();
  expect(note).not.toMatch(/(^|\D)0 /);
  // On 完整性 the other-plan file is there with its result and reason.
  const rows = Object.entries(completeness.cells).filter(([, c]) => c.value === OTHER).map(([a]) => a1ToRowCol(a).row);
  const texts = rows.map((r) => Object.entries(completeness.cells).filter(([a]) => a1ToRowCol(a).row === r).map(([, c]) => String(c.value ?? '')).join(' '));
  expect(texts.filter((t) => t.includes(pick(FILE_STATUS_LABEL['other-plan'], lang)) && t.includes('national-ppph-2020'))).toHaveLength(1);
});
