/**
 * The message catalogues: every code has a message in Chinese and English that names the cell,
 * the item and the value, and says what to do; the review sheet's rows are built from them.
 */
import { CATALOGUES, ISSUE_CODES, renderMessage, reviewRows, reviewTable, type DraftIssue, type IssueCode, type IssueParams, type MessageContext, type ValidationIssue } from '../../../src/core/validate';
import { DEFAULT_SEVERITY } from '../../../src/core/validate/issues';

const names: Record<string, { zh: string; en: string }> = {
  enrolled: { zh: '在园幼儿总数', en: 'Children enrolled' },
  'public-enrolled': { zh: '公办园在园幼儿数', en: 'Children in public kindergartens' },
  'inclusive-enrolled': { zh: '普惠性民办园在园幼儿数', en: 'Children in inclusive private kindergartens' },
};
const ctx: MessageContext = {
  inputName: (id) => names[id],
  indicatorName: (id) => (id === 'public-share' ? { zh: '公办园在园幼儿占比', en: 'Public share' } : undefined),
  planTitle: { zh: '测试规划', en: 'Test plan' },
  multiUnit: true,
};
const ref = (input: string, cell: string) => ({ input, sheet: '数据', cell });

/** One representative of every code (the Record type makes a missing code a compile error). */
const SAMPLES: { [C in IssueCode]: { params: IssueParams[C]; value: DraftIssue['value']; cell?: string; input?: string; indicator?: string } } = {
  'normalized-value': { params: { text: '１,２５０', number: 1250, note: { zh: '已规范化：全角字符已转为半角', en: 'normalized: full-width characters folded' } }, value: '１,２５０' },
  'type-error': { params: { text: '约1200', reason: { zh: '无法识别为数字', en: 'not a number' } }, value: '约1200' },
  'error-value': { params: { error: '#DIV/0!' }, value: { error: '#DIV/0!' } },
  'not-whole': { params: { number: 12.5 }, value: 12.5 },
  'negative-count': { params: { number: -3 }, value: -3 },
  'not-boolean': { params: { text: '大概' }, value: '大概' },
  'date-value': { params: { text: '2024-01-05' }, value: '2024-01-05' },
  'required-missing': { params: {}, value: null },
  'missing-code-not-allowed': { params: { missingCode: '暂无数据' }, value: '暂无数据' },
  'out-of-range': { params: { number: 104.2, max: 100, min: 0, of: 'indicator', netRate: true }, value: 104.2, input: undefined, indicator: 'public-share' },
  'gross-ratio-implausible': { params: { number: 180, plausibleMax: 150 }, value: 180 },
  'part-exceeds-total': { params: { rule: 'r', part: 1250, total: 1200, parts: [ref('public-enrolled', 'C12')], totalRef: ref('enrolled', 'C10') }, value: 1250, input: 'public-enrolled' },
  'sum-mismatch': { params: { rule: 'r', sum: 1180, total: 1200, tolerance: 0, parts: [ref('public-enrolled', 'C12'), ref('inclusive-enrolled', 'C13')], totalRef: ref('enrolled', 'C10') }, value: 1200 },
  'rate-mismatch': { params: { typed: 60, computed: 41.7, precision: 1 }, value: 60, input: undefined, indicator: 'public-share' },
  'zero-denominator': { params: { numerator: 25, denominators: [ref('enrolled', 'C10')] }, value: 0 },
  'change-from-baseline': { params: { number: 58.3, baseline: 40, baselineYear: 2020, change: 18.3, maxChange: 15 }, value: 58.3, input: undefined, indicator: 'public-share' },
  'change-from-previous': { params: { number: 96, previous: 70, change: 26, maxChange: 10 }, value: 96, input: undefined, indicator: 'public-share' },
  'peer-outlier': { params: { number: 90000, median: 1560, score: 412.3, threshold: 3.5, peers: 6 }, value: 90000 },
  'formula-overwritten': { params: { formula: 'IF(C10>0,C12/C10*100,"")' }, value: 41.7, input: undefined, indicator: 'public-share' },
  'formula-changed': { params: { formula: 'C12/C10*100', found: 'C12/C10*100+5' }, value: '=C12/C10*100+5', input: undefined, indicator: 'public-share' },
  'workbook-value-mismatch': { params: { workbook: 99, computed: 41.7 }, value: 99, input: undefined, indicator: 'public-share' },
  'plan-version-mismatch': { params: { template: '1.0.0', current: '1.1.0' }, value: '1.0.0', cell: undefined },
  'plan-hash-mismatch': { params: { template: 'sha256:a', current: 'sha256:b' }, value: 'sha256:a', cell: undefined },
  'template-version-mismatch': { params: { template: '0.9.0', current: '1.0.0' }, value: '0.9.0', cell: undefined },
  'input-cell-missing': { params: { reason: 'not-mapped' }, value: null, cell: undefined },
  'unknown-plan': { params: { planId: 'xyz', planVersion: '1.0.0' }, value: 'xyz', cell: undefined },
  'not-a-template': { params: {}, value: null, cell: undefined },
  'metadata-invalid': { params: { detail: { zh: '格式版本不受支持', en: 'unsupported format' } }, value: null, cell: undefined },
  'duplicate-unit': { params: { name: '甲园', firstCell: 'B8' }, value: '甲园', input: undefined },
  'unit-name-missing': { params: {}, value: null, input: undefined },
  'unit-renamed': { params: { name: '乙园', found: '丙园' }, value: '丙园', input: undefined },
  'unit-added': { params: { name: '丁园' }, value: '丁园', input: undefined },
  'column-added': { params: { header: '附设班人数', cells: ['D8', 'D9'] }, value: null, input: undefined },
  'unplaced-value': { params: { text: '1200' }, value: 1200, input: undefined },
  'plan-not-released': { params: { planId: 'national-yzjh-2017x', reason: 'unknown-id', trusted: false }, value: 'national-yzjh-2017x', cell: undefined, input: undefined },
  'external-link': { params: { formula: "'[学校台账.xlsx]Sheet1'!C5" }, value: 1200 },
  'validation-failed': { params: { detail: 'boom' }, value: null, cell: undefined },
};

function draft(code: IssueCode): DraftIssue {
  const s = SAMPLES[code];
  return {
    code,
    params: s.params,
    value: s.value,
    expected: null,
    sheet: '数据',
    cell: 'cell' in s ? s.cell : 'C12',
    unit: '甲园',
    unitIndex: 1,
    input: 'input' in s ? s.input : 'enrolled',
    indicator: s.indicator,
  } as DraftIssue;
}

test.each(ISSUE_CODES)('%s has a message in both languages naming the cell and saying what to do', (code) => {
  const d = draft(code);
  const m = renderMessage(d, ctx);
  for (const text of [m.zh, m.en]) {
    expect(text.length).toBeGreaterThan(10);
    expect(text).not.toMatch(/undefined|null|NaN|\[object|\$\{/);
    expect(text).not.toBe(code);
    if (d.cell) expect(text.startsWith(d.cell)).toBe(true);
  }
  // Chinese messages state the fix after a full-width colon; English after a semicolon.
  expect(m.zh).toMatch(/[：]/);
  expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(CATALOGUES.en[code]).toBeDefined();
});

test('the example from the brief, word for word', () => {
  const d = { ...draft('part-exceeds-total'), input: 'public-enrolled' } as DraftIssue;
  expect(renderMessage(d, { ...ctx, multiUnit: false }).zh).toBe('C12「公办园在园幼儿数」1,250 大于 C10「在园幼儿总数」1,200：分项不能大于总数，请核对这两个数');
});

test('a unit table names the unit in the message', () => {
  expect(renderMessage(draft('negative-count'), ctx).zh).toBe('C12（甲园）「在园幼儿总数」-3 小于 0：此项不能为负数，请核对');
});

function issue(code: IssueCode, over: Partial<ValidationIssue> = {}): ValidationIssue {
  const d = draft(code);
  return { ...d, severity: DEFAULT_SEVERITY[code], message: renderMessage(d, ctx), ...over } as ValidationIssue;
}

test('review rows: errors first, then warnings, then notes; each with a link to its cell; typed text stays text', () => {
  const issues = [
    issue('normalized-value', { cell: 'C9' }),
    issue('peer-outlier', { cell: 'D20', explained: true, explanation: '新建校区' }),
    issue('part-exceeds-total', { cell: 'C12' }),
    issue('not-a-template', { sheet: undefined, cell: undefined }),
    issue('type-error', { cell: 'C11', value: '=HYPERLINK("http://x")' }),
  ];
  const rows = reviewRows(issues, 'zh-CN');
  expect(rows.map((r) => [r.severity, r.cell])).toEqual([
    ['error', undefined],
    ['error', 'C11'],
    ['error', 'C12'],
    ['warning', 'D20'],
    ['info', 'C9'],
  ]);
  const table = reviewTable(rows, 'zh-CN');
  expect(table.sheetName).toBe('审核结果');
  expect(table.headers[0]).toBe('序号');
  expect(table.summary).toBe('3 个错误 · 1 个提示（1 个已说明）· 1 条说明');
  expect(table.rows[2]![2]).toEqual({ formula: `HYPERLINK("#'数据'!C12","C12")` });
  // A value starting with "=" is marked as text, never a formula.
  expect(table.rows[1]![6]).toEqual({ value: '=HYPERLINK("http://x")', text: true });
  expect(table.rows[3]![9]).toEqual({ value: '已说明：新建校区', text: true });
  expect(table.rows.every((r) => r.length === table.headers.length)).toBe(true);
  expect(reviewTable(reviewRows(issues, 'en'), 'en').summary).toBe('3 errors · 1 warning (1 explained) · 1 note');
  // The counts that are zero are left out (no "0 条", no "已说明 0 条").
  const warningsOnly = reviewRows([issue('peer-outlier', { cell: 'D20' }), issue('peer-outlier', { cell: 'D21' })], 'zh-CN');
  expect(reviewTable(warningsOnly, 'zh-CN').summary).toBe('2 个提示');
  expect(reviewTable(reviewRows([issue('part-exceeds-total', { cell: 'C12' })], 'en'), 'en').summary).toBe('1 error');
});
