/**
 * Every summary sheet prints as the templates do (one print setup, template/common.ts printSetup):
 * the page footer 第 &P 页，共 &N 页, A4 (A3 for 明细, too wide), and print titles — a header row
 * repeated on every page after the first and the name column(s) — chosen so a repeated header
 * never heads a table with other columns: every header row below it carries the same titles.
 * (test/xlsx/summary-print.test.ts looks at the pages LibreOffice prints.)
 */
import { pick } from '../../../src/core/i18n/text';
import { buildSummarySpecs, consolidate, readReturn, SUMMARY_SHEETS } from '../../../src/core/consolidate';
import { label } from '../../../src/core/template/labels';
import type { SheetSpec } from '../../../src/core/template/spec';
import { a1ToRowCol } from '../../../src/core/workbook/address';
import { county, plans, yzjh } from './county';

const c = county();
const result = consolidate(
  c.sources.map((s) => readReturn(s, plans)),
  plans,
  { expected: c.expected },
);

/** The header-styled rows of a sheet, each with its titles in column order. */
function headerRows(sheet: SheetSpec): Map<number, string[]> {
  const rows = new Map<number, Array<[number, string]>>();
  for (const [address, cell] of Object.entries(sheet.cells)) {
    if (cell.style !== 'header') continue;
    const { row, col } = a1ToRowCol(address);
    rows.set(row, [...(rows.get(row) ?? []), [col, String(cell.value ?? '')]]);
  }
  return new Map([...rows].map(([r, cells]) => [r, cells.sort((a, b) => a[0] - b[0]).map(([, t]) => t)]));
}

const EXPECTED: Record<keyof typeof SUMMARY_SHEETS, { paper: 'A4' | 'A3'; orientation: 'portrait' | 'landscape'; columns: string } | undefined> = {
  summary: { paper: 'A4', orientation: 'landscape', columns: 'A:B' },
  units: { paper: 'A3', orientation: 'landscape', columns: 'A:C' },
  diffCoef: { paper: 'A4', orientation: 'portrait', columns: 'A:B' },
  completeness: { paper: 'A4', orientation: 'landscape', columns: 'A:A' },
  issues: { paper: 'A4', orientation: 'landscape', columns: 'A:A' },
  provenance: { paper: 'A4', orientation: 'landscape', columns: 'A:A' },
  upChain: undefined, // a real return template: its own print setup (test/xlsx/print.test.ts)
};

describe.each(['zh-CN', 'en'] as const)('%s', (lang) => {
  const sheets = buildSummarySpecs(result, yzjh, { lang, region: '某县' }).flatMap((s) => s.sheets);
  test.each(Object.keys(EXPECTED).filter((k) => EXPECTED[k as keyof typeof EXPECTED]) as Array<keyof typeof SUMMARY_SHEETS>)('%s: print titles, paper, footer', (key) => {
    const want = EXPECTED[key]!;
    const sheet = sheets.find((s) => s.name === pick(SUMMARY_SHEETS[key], lang))!;
    expect(sheet).toBeDefined();
    const p = sheet.print!;
    expect([p.paperSize, p.orientation, p.footer, p.titleColumns]).toEqual([want.paper, want.orientation, label('pageFooter', lang), want.columns]);
    // One header row repeats, and it is a header row of the sheet.
    const m = /^(\d+):(\d+)$/.exec(p.titleRows ?? '');
    expect(m).not.toBeNull();
    expect(m![1]).toBe(m![2]);
    const titleRow = Number(m![1]);
    const headers = headerRows(sheet);
    expect(headers.has(titleRow)).toBe(true);
    // Every header row below it has the same titles: a repeated header never mislabels a later table.
    for (const [r, titles] of headers) if (r > titleRow) expect([r, titles]).toEqual([r, headers.get(titleRow)]);
  });
  test('汇总 repeats its stage tables\' header (both stages have one), 完整性 its every-file register', () => {
    const summary = sheets.find((s) => s.name === pick(SUMMARY_SHEETS.summary, lang))!;
    const titleRow = Number(summary.print!.titleRows!.split(':')[0]);
    const stageHeaders = [...headerRows(summary)].filter(([r]) => r >= titleRow);
    expect(stageHeaders).toHaveLength(2); // 小学 and 初中
    const completeness = sheets.find((s) => s.name === pick(SUMMARY_SHEETS.completeness, lang))!;
    const registerRow = Number(completeness.print!.titleRows!.split(':')[0]);
    // The register lists every file, below the header.
    const files = Object.entries(completeness.cells).filter(([a, cell]) => a1ToRowCol(a).col === 1 && a1ToRowCol(a).row > registerRow && result.files.some((f) => f.file === cell.value));
    expect(new Set(files.map(([, cell]) => cell.value)).size).toBe(result.files.length);
  });
});
