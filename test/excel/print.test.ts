/**
 * Print setup through Office.js: an inserted template gets the paper, orientation, page-number
 * footer and repeated title rows/columns its spec says (as the ExcelJS renderer writes them), in
 * the same single write sync; an Excel without ExcelApi 1.9 gets the template without them and a
 * warning saying so.
 */
import { buildTemplate, TEMPLATE_KINDS } from '../../src/core/template';
import { createFakeExcel } from '../../src/excel/fake';
import { insertTemplate } from '../../src/excel/render';
import { fixturePlan, units, unitsSpec } from './helpers';

const FOOTER = '第 &P 页，共 &N 页';

describe('print setup of an inserted template', () => {
  test.each(TEMPLATE_KINDS)('%s: paper, orientation, footer and print titles as the spec says', async (kind) => {
    const spec = buildTemplate(fixturePlan(), { kind, units: kind === 'units' ? units(5) : undefined });
    const fake = createFakeExcel();
    const r = await insertTemplate(fake.host, spec);
    expect(r.warnings).toEqual([]);
    const printed = spec.sheets.filter((s) => s.print);
    expect(printed.length).toBeGreaterThan(0);
    for (const sheet of printed) {
      const p = sheet.print!;
      const pl = fake.sheet(sheet.name).pageLayout;
      expect(pl.paperSize).toBe(p.paperSize);
      expect(pl.orientation).toBe(p.orientation === 'landscape' ? 'Landscape' : 'Portrait');
      expect(pl.centerFooter).toBe(FOOTER);
      expect(pl.printTitleRows).toBe(p.titleRows!.replace(/(\d+)/g, '$$$1'));
      expect(pl.printTitleRows).toMatch(/^\$\d+:\$\d+$/);
      expect(pl.printTitleColumns).toBe(p.titleColumns && p.titleColumns.replace(/([A-Z]+)/g, '$$$1'));
    }
    // Two syncs (look, write) whatever is printed.
    expect(fake.syncCount).toBe(2);
  });

  test('a unit table repeats its number and name columns on every page', async () => {
    const spec = unitsSpec(40);
    const fake = createFakeExcel();
    await insertTemplate(fake.host, spec);
    const sheet = spec.sheets.find((s) => s.kind === 'units')!;
    const pl = fake.sheet(sheet.name).pageLayout;
    expect(pl.printTitleColumns).toBe('$A:$B');
    expect(pl.orientation).toBe('Landscape');
    expect(['A3', 'A4']).toContain(pl.paperSize);
    expect(pl.centerFooter).toBe(FOOTER);
  });

  test('print setup adds no sync: the same count with and without ExcelApi 1.9', async () => {
    const spec = unitsSpec(20);
    const current = createFakeExcel();
    const old = createFakeExcel({ apiVersion: '1.8' });
    const withPrint = await insertTemplate(current.host, spec);
    const without = await insertTemplate(old.host, spec);
    expect(current.syncCount).toBe(2);
    expect(old.syncCount).toBe(current.syncCount);
    expect(withPrint.syncs).toBe(without.syncs);
    expect(current.callSummary()['HeaderFooter.centerFooter']).toBeGreaterThan(0);
    expect(current.callSummary()['PageLayout.setPrintTitleColumns']).toBeGreaterThan(0);
    // The older Excel: no print setup, a bilingual warning, and a Letter-sized default page.
    const warning = without.warnings.find((w) => w.feature === 'pageLayout');
    expect(warning?.message.zh).toContain('打印设置未写入');
    expect(warning?.message.en).toContain('print setup was left out');
    const pl = old.sheet(spec.sheets[0].name).pageLayout;
    expect(pl.centerFooter).toBeUndefined();
    expect(pl.printTitleRows).toBeUndefined();
    expect(pl.paperSize).toBe('Letter');
    expect(old.callSummary()['HeaderFooter.centerFooter']).toBeUndefined();
  });
});
