/**
 * summary.xlsx printed by LibreOffice: every page of every summary sheet after its first begins
 * with the sheet's column header (print titles), or — for 明细, printed across pages — with its
 * title where a new strip of columns starts; 完整性 repeats the header of its every-file register
 * on the pages after the register starts; every page carries 第 k 页，共 N 页. The county is 60
 * schools' full 优质均衡 returns (every indicator, both stages), so 汇总 and every list run over
 * several pages.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSummarySpecs, consolidate, readReturn, type ReturnSource } from '../../src/core/consolidate';
import { renderTemplatesBuffer } from '../../src/xlsx/render';
import { plans, yzjh } from '../core/consolidate/county';
import { template } from '../core/validate/helpers';
import { describeWithSoffice, SOFFICE } from '../helpers/libreoffice';

/** Each sheet's title (its first page) and the start of its repeated header. */
const SHEETS = [
  { sheet: '汇总', title: '汇总表', header: '序号 指标 单位 目标 本级值 差距 状态' },
  { sheet: '明细', title: '汇总明细', header: '序号 单位 学段' },
  { sheet: '差异系数', title: '校际差异系数', header: '序号 单位 文件' },
  { sheet: '完整性', title: '填报完整性', header: '文件 结果 单位', after: '每个文件的处理结果' },
  { sheet: '问题', title: '校验问题', header: '文件 类别 工作表 单元格 单位 说明' },
  { sheet: '来源', title: '数据来源', header: '单位 学段 输入项 编号 数值 文件 单元格' },
  { sheet: '上报', title: '指标填报表', header: '' },
];

describeWithSoffice('summary.xlsx prints with its headers on every page', () => {
  const pages: string[][] = []; // each page's lines, the footer taken out
  const footers: string[] = [];

  beforeAll(async () => {
    const sources: ReturnSource[] = [];
    for (const level of ['小学', '初中'] as const) {
      for (let k = 0; k < 30; k++) {
        const t = template(yzjh, { kind: 'return', level, year: 2025, units: [`${level}学校${k + 1}`], includeOverview: false });
        t.spec.meta.inputs.forEach((id, i) => t.set(1, id, 10 + ((k * 7 + i * 13) % 50)));
        sources.push({ file: `returns/${level}${k + 1}.xlsx`, modified: Date.UTC(2025, 8, 1) + k, modifiedFrom: 'file', book: t.book });
      }
    }
    const c = consolidate(
      sources.map((s) => readReturn(s, plans)),
      plans,
      { includeInvalid: true },
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-summary-print-'));
    const file = path.join(dir, 'summary.xlsx');
    fs.writeFileSync(file, await renderTemplatesBuffer(buildSummarySpecs(c, yzjh, { region: '某县' })));
    execFileSync(SOFFICE!, [`-env:UserInstallation=file:///tmp/lo-summary-print-${process.pid}-${Date.now()}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 280_000, stdio: 'ignore' });
    const text = execFileSync('pdftotext', ['-raw', path.join(dir, 'summary.pdf'), '-']).toString();
    for (const page of text.split('\f').slice(0, -1)) {
      const lines = page.split('\n').map((l) => l.trim()).filter(Boolean);
      footers.push(lines.find((l) => /^第 \d+ 页，共 \d+ 页$/.test(l)) ?? '');
      pages.push(lines.filter((l) => !/^第 \d+ 页，共 \d+ 页$/.test(l)));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  test('every page is numbered', () => {
    expect(pages.length).toBeGreaterThan(20);
    footers.forEach((f, i) => expect([i, f]).toEqual([i, `第 ${i + 1} 页，共 ${pages.length} 页`]));
  });

  /** The pages of each sheet, by the title on its first page. */
  function pagesOf(title: string): string[][] {
    const starts = SHEETS.map((s) => pages.findIndex((p) => (p[0] ?? '').includes(s.title)));
    const k = SHEETS.findIndex((s) => s.title === title);
    const from = starts[k]!;
    expect(from).toBeGreaterThanOrEqual(0);
    const next = Math.min(...starts.filter((s) => s > from), pages.length);
    return pages.slice(from, next);
  }

  test.each(SHEETS.filter((s) => s.header).map((s) => [s.sheet, s] as const))('%s: the header repeats on every page after the first', (_name, s) => {
    const own = pagesOf(s.title);
    const start = s.after ? own.findIndex((p) => p.some((l) => l.includes(s.after!))) : 0;
    expect(start).toBeGreaterThanOrEqual(0);
    const later = own.slice(start + 1);
    expect(later.length).toBeGreaterThanOrEqual(1); // the case is big enough to need a second page
    for (const p of later) {
      const first = p[0] ?? '';
      const ok = first.startsWith(s.header) || (s.sheet === '明细' && first.includes(s.title));
      expect([s.sheet, first, ok]).toEqual([s.sheet, first, true]);
    }
  });
});
