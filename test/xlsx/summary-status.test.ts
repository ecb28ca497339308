/**
 * The summary workbook's status cells say what the core says, after a real spreadsheet computed
 * them: LibreOffice recalculates summary.xlsx and every status on 汇总 (one per aggregate) and on
 * 明细 (one per unit and indicator) must equal the core's label — including a missed 约束性 target
 * (未达标（约束性）, 阳江 九年义务教育巩固率 ≥ 96 %), a value within the 接近 band, and an impossible
 * share (part > total, counted with --include-invalid: 数据有误, no gap).
 */
import { pick } from '../../src/core/i18n/text';
import { statusLabelOf } from '../../src/core/evaluate/status';
import { allIndicators } from '../../src/core/plan/registry';
import { buildSummarySpecs, consolidate, readReturn, SUMMARY_SHEETS, type Consolidation } from '../../src/core/consolidate';
import { indicatorName } from '../../src/core/template/common';
import { findSheet, gridValueAt, isGridError, type SheetGrid } from '../../src/core/workbook/grid';
import { readWorkbookGrid } from '../../src/xlsx/read';
import { renderTemplatesBuffer } from '../../src/xlsx/render';
import { shippedPlan } from '../helpers/shipped';
import { describeWithSoffice, recalculate } from '../helpers/libreoffice';
import { template } from '../core/validate/helpers';

const yangjiang = shippedPlan('yangjiang-2021-2025');
const RETENTION = 'compulsory-retention-rate'; // 约束性, ≥ 96 %, 接近 within 1 point
const BACHELOR = 'primary-teachers-bachelor-share'; // 预期性, ≥ 65 %
const INDICATORS = [RETENTION, BACHELOR];

type School = [name: string, graduating: number, entrants: number, bachelor: number, teachers: number];

function county(schools: School[]): Consolidation {
  const reads = schools.map(([name, g, e, b, t], i) => {
    const f = template(yangjiang, { kind: 'return', year: 2025, units: [name], indicators: INDICATORS, includeOverview: false });
    f.set(1, 'grade9-graduating-cohort', g);
    f.set(1, 'grade1-entrants-of-cohort', e);
    f.set(1, 'primary-teachers-bachelor-plus', b);
    f.set(1, 'primary-teachers', t);
    return readReturn({ file: `${name}.xlsx`, modified: 1000 + i, book: f.book }, [yangjiang]);
  });
  return consolidate(reads, [yangjiang], { includeInvalid: true });
}

const CASES: Record<string, Consolidation> = {
  // 94.5 %: 1.5 points short of 96, beyond the 1-point band → 未达标（约束性）; 65 % met.
  binding: county([
    ['甲县一中', 94, 100, 70, 100],
    ['甲县二中', 95, 100, 60, 100],
  ]),
  // 95.5 % → 接近; 60 % → 未达标 (预期性: plain 未达标).
  near: county([
    ['乙县一中', 95, 100, 50, 100],
    ['乙县二中', 96, 100, 70, 100],
  ]),
  // A school with more bachelor teachers than teachers (hard error, counted as asked): 105 % → 数据有误.
  invalid: county([
    ['丙县一中', 97, 100, 110, 100],
    ['丙县二中', 98, 100, 100, 100],
  ]),
};

test('the core decides the cases this file is about', () => {
  const label = (c: Consolidation, id: string) => pick(c.aggregates.find((a) => a.indicator === id)!.statusLabel, 'zh-CN');
  expect(label(CASES.binding!, RETENTION)).toBe('未达标（约束性）');
  expect(label(CASES.binding!, BACHELOR)).toBe('达标');
  expect(label(CASES.near!, RETENTION)).toBe('接近');
  expect(label(CASES.near!, BACHELOR)).toBe('未达标');
  expect(label(CASES.invalid!, BACHELOR)).toBe('数据有误');
  expect(CASES.invalid!.aggregates.find((a) => a.indicator === BACHELOR)).toMatchObject({ status: 'noData', invalid: true, gap: null });
  expect(CASES.invalid!.units.find((u) => u.unit === '丙县一中')).toMatchObject({ included: true, indicators: { [BACHELOR]: { invalid: true } } });
});

/** Rows of a sheet whose column `col` holds `text`. */
function rowsWith(sheet: SheetGrid, col: string, text: string): number[] {
  const out: number[] = [];
  for (let r = 1; r <= sheet.values.length; r++) if (gridValueAt(sheet, `${col}${r}`) === text) out.push(r);
  return out;
}

describeWithSoffice('summary statuses after LibreOffice recalculates them', () => {
  test('every aggregate and unit status on 汇总 and 明细 is the core\'s label, in Chinese and in English', async () => {
    const LANGS = ['zh-CN', 'en'] as const;
    const inputs = await Promise.all(
      LANGS.flatMap((lang) =>
        Object.entries(CASES).map(async ([name, c]) => ({ name: `${name}-${lang}.xlsx`, bytes: await renderTemplatesBuffer(buildSummarySpecs(c, yangjiang, { region: name, lang })) })),
      ),
    );
    const out = await recalculate(inputs);
    let compared = 0;
    for (const lang of LANGS) for (const [name, c] of Object.entries(CASES)) {
      const names = new Map(allIndicators(yangjiang).map((i) => [i.id, indicatorName(i, lang)]));
      const book = await readWorkbookGrid(out.get(`${name}-${lang}.xlsx`)!);
      const errors: string[] = [];
      for (const s of book.sheets) s.values.forEach((row, r) => row.forEach((v, k) => isGridError(v) && errors.push(`${name} ${s.name}!R${r + 1}C${k + 1}`)));
      expect(errors).toEqual([]);
      const sum = findSheet(book, pick(SUMMARY_SHEETS.summary, lang))!;
      for (const a of c.aggregates) {
        const rows = rowsWith(sum, 'B', names.get(a.indicator)!);
        expect(rows).toHaveLength(1);
        const r = rows[0]!;
        expect([name, a.indicator, gridValueAt(sum, `G${r}`)]).toEqual([name, a.indicator, pick(a.statusLabel, lang)]);
        // The gap: the core's number, or blank where the value is impossible.
        const gap = gridValueAt(sum, `F${r}`);
        if (a.gap === null) expect(gap === null || gap === '').toBe(true);
        else expect(gap).toBeCloseTo(a.gap, 9);
        compared++;
      }
      const units = findSheet(book, pick(SUMMARY_SHEETS.units, lang))!;
      const head = 4;
      const statusCols = new Map<string, number>();
      units.values[head - 1]!.forEach((v, k) => {
        const id = [...names].find(([, n]) => n === v)?.[0];
        if (id) statusCols.set(id, k + 2); // the status column follows the value column
      });
      expect([...statusCols.keys()].sort()).toEqual([...INDICATORS].sort());
      for (const u of c.units) {
        const r = rowsWith(units, 'B', u.unit)[0]!;
        for (const [id, col] of statusCols) {
          const res = u.indicators[id]!;
          const ind = allIndicators(yangjiang).find((i) => i.id === id)!;
          expect([u.unit, id, units.values[r - 1]![col - 1]]).toEqual([u.unit, id, pick(statusLabelOf(res.status, ind.attribute === '约束性', res.invalid), lang)]);
          compared++;
        }
      }
    }
    expect(compared).toBe(2 * (6 + 12));
  }, 180_000);
});
