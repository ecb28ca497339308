/**
 * Print-ready: LibreOffice prints every template of every shipped plan to PDF (one soffice run)
 * and the pages are checked with poppler: a sane page count on A4 (A3 for wide tables), the
 * footer 第 k 页，共 N 页 on every page, the sign-off block on every return and unit table, every
 * indicator name and 口径说明 printed in full (nothing cut off), and no text outside the page.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadShippedPlans } from '../../src/node/seeds';
import type { Reporter } from '../../src/core/plan/schema';
import { buildTemplate } from '../../src/core/template/build';
import { TemplateError, type TemplateOptions } from '../../src/core/template/options';
import type { TemplateSpec } from '../../src/core/template/spec';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { describeWithSoffice, SOFFICE } from '../helpers/libreoffice';

interface Printed {
  name: string;
  spec: TemplateSpec;
  pages: number;
  size: string;
  text: string;
  words: Array<{ x: number; y: number; w: number; h: number; pw: number; ph: number }>;
}

const squash = (s: string) => s.replace(/\s+/g, '');

describeWithSoffice('every template prints as a bureau would send it', () => {
  const printed: Printed[] = [];

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-print-'));
    const cases: Array<{ name: string; options: TemplateOptions; planId: string }> = [];
    for (const plan of loadShippedPlans()) {
      const reporters: Array<Reporter | undefined> = [undefined, 'school'];
      for (const reporter of reporters) cases.push({ name: `${plan.id}-return-${reporter ?? 'own'}`, planId: plan.id, options: { kind: 'return', reporter, units: ['某某单位'], year: plan.period.to } });
      cases.push({ name: `${plan.id}-units`, planId: plan.id, options: { kind: 'units', units: ['城关小学', '蕉岭中学', '九年一贯制学校', '新铺中学'], year: plan.period.to } });
      cases.push({ name: `${plan.id}-overview`, planId: plan.id, options: { kind: 'overview' } });
    }
    cases.push({ name: 'yangjiang-en', planId: 'yangjiang-2021-2025', options: { kind: 'return', lang: 'en', reporter: 'county' } });
    const specs = new Map<string, TemplateSpec>();
    for (const c of cases) {
      const plan = loadShippedPlans().find((p) => p.id === c.planId)!;
      let spec: TemplateSpec;
      try {
        spec = buildTemplate(plan, c.options);
      } catch (e) {
        if (e instanceof TemplateError) continue; // nothing this level reports (checked in reporting.test.ts)
        throw e;
      }
      fs.writeFileSync(path.join(dir, `${c.name}.xlsx`), await renderTemplateBuffer(spec));
      specs.set(c.name, spec);
    }
    const profile = `file:///tmp/lo-print-${process.pid}-${Date.now()}`;
    execFileSync(SOFFICE!, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...[...specs.keys()].map((n) => path.join(dir, `${n}.xlsx`))], { timeout: 280_000, stdio: 'ignore' });
    for (const [name, spec] of specs) {
      const pdf = path.join(dir, `${name}.pdf`);
      const info = execFileSync('pdfinfo', [pdf]).toString();
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      const size = /Page size:.*\((\w+)\)/.exec(info)?.[1] ?? '';
      const text = execFileSync('pdftotext', ['-raw', pdf, '-']).toString();
      const html = execFileSync('pdftotext', ['-bbox', pdf, '-']).toString();
      const words: Printed['words'] = [];
      let pw = 0;
      let ph = 0;
      for (const line of html.split('\n')) {
        const page = /<page width="([\d.]+)" height="([\d.]+)"/.exec(line);
        if (page) [pw, ph] = [Number(page[1]), Number(page[2])];
        const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/.exec(line);
        if (w) words.push({ x: Number(w[1]), y: Number(w[2]), w: Number(w[3]), h: Number(w[4]), pw, ph });
      }
      printed.push({ name, spec, pages, size, text, words });
    }
  }, 300_000);

  test('every template was printed', () => {
    expect(printed.length).toBeGreaterThanOrEqual(20);
  });

  test('A4, or A3 for a wide unit table and the overview; a sane number of pages', () => {
    for (const p of printed) {
      expect([p.name, ['A4', 'A3'].includes(p.size)]).toEqual([p.name, true]);
      const rows = Math.max(...Object.keys(p.spec.sheets[0].cells).map((a) => Number(/\d+$/.exec(a)![0])));
      // At least ~12 rows a page on any sheet: a page count above that means shrunk or broken pages.
      const bound = p.spec.sheets.reduce((n, s) => n + Math.ceil(Math.max(...Object.keys(s.cells).map((a) => Number(/\d+$/.exec(a)![0]))) / 12) * (s.kind === 'units' ? 6 : 1), 0);
      expect([p.name, p.pages >= 1 && p.pages <= Math.max(bound, rows / 12)]).toEqual([p.name, true]);
    }
  });

  test('page numbers on every page: 第 k 页，共 N 页 / Page k of N', () => {
    for (const p of printed) {
      for (let k = 1; k <= p.pages; k++) {
        const zh = `第 ${k} 页，共 ${p.pages} 页`;
        const en = `Page ${k} of ${p.pages}`;
        expect([p.name, k, p.text.includes(zh) || p.text.includes(en)]).toEqual([p.name, k, true]);
      }
    }
  });

  test('a sign-off block on every return and unit table', () => {
    for (const p of printed) {
      if (p.spec.meta.kind === 'overview') continue;
      const t = squash(p.text);
      const words = p.spec.meta.lang === 'en' ? ['Reportingunit(seal)', 'Headofunit', 'Filledinby', 'Telephone', 'Date'] : ['填报单位（盖章）', '单位负责人', '填表人', '联系电话', '填报日期'];
      for (const w of words) expect([p.name, w, t.includes(w)]).toEqual([p.name, w, true]);
    }
  });

  test('nothing is cut off: every indicator name and every 口径说明 is printed in full', () => {
    for (const p of printed) {
      const t = squash(p.text);
      for (const sheet of p.spec.sheets) {
        for (const cell of Object.values(sheet.cells)) {
          if (typeof cell.value !== 'string' || cell.value.length < 6) continue;
          if (cell.style !== 'label' && cell.style !== 'note' && cell.style !== 'reference-text') continue;
          expect([p.name, sheet.name, cell.value, t.includes(squash(cell.value))]).toEqual([p.name, sheet.name, cell.value, true]);
        }
      }
    }
  });

  test('no text outside the page', () => {
    for (const p of printed) {
      for (const w of p.words) expect([p.name, w.x >= 0 && w.y >= 0 && w.w <= w.pw + 0.5 && w.h <= w.ph + 0.5]).toEqual([p.name, true]);
    }
  });
});
