/**
 * The Office.js reader returns what the renderer wrote, in the same grid shape as the ExcelJS
 * reader returns for the file the ExcelJS renderer writes from the same spec — so validation
 * sees one workbook whichever host it came from. Syncs are constant.
 */
import { shippedPlan, shippedPlans } from '../helpers/shipped';
import { loadShippedPlans } from '../../src/node/seeds';
import { buildTemplate, TEMPLATE_KINDS } from '../../src/core/template';
import { findSheet, gridFormulaAt, gridValueAt, parseSheetRef, type SheetGrid, type WorkbookGrid } from '../../src/core/workbook';
import type { TemplateSpec } from '../../src/core/template/spec';
import { createFakeExcel } from '../../src/excel/fake';
import { readTemplateGrids, readTemplates } from '../../src/excel/read';
import { insertTemplate } from '../../src/excel/render';
import { readWorkbookGrid } from '../../src/xlsx/read';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { fixturePlan, units, unitsSpec } from './helpers';

async function inserted(spec: TemplateSpec, apiVersion?: string) {
  const fake = createFakeExcel({ sheets: ['用户表'], apiVersion });
  await fake.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('用户表').getRange('A1:A2').values = [['不相关'], [42]];
  });
  await insertTemplate(fake.host, spec);
  fake.resetLog();
  return fake;
}

/** Cells of a grid as `A1 → [value, formula]`, formula cells compared by formula only. */
function cellsOf(grid: SheetGrid): Map<string, [unknown, string | null]> {
  const out = new Map<string, [unknown, string | null]>();
  const rows = Math.max(grid.values.length, grid.formulas.length);
  for (let r = 0; r < rows; r++) {
    const n = Math.max(grid.values[r]?.length ?? 0, grid.formulas[r]?.length ?? 0);
    for (let c = 0; c < n; c++) {
      const f = grid.formulas[r]?.[c] ?? null;
      const v = f === null ? (grid.values[r]?.[c] ?? null) : 'formula';
      if (v === null || v === '') continue;
      const col = String.fromCharCode(65 + (c % 26));
      out.set(`${c >= 26 ? String.fromCharCode(64 + Math.floor(c / 26)) : ''}${col}${r + 1}`, [v, f]);
    }
  }
  return out;
}

function namesOf(book: WorkbookGrid): Map<string, string> {
  return new Map(
    book.definedNames.map((n) => {
      const r = parseSheetRef(n.ref);
      return [n.name, r ? `${r.sheet}!${JSON.stringify(r.box)}` : n.ref];
    }),
  );
}

describe('round trip', () => {
  test.each(TEMPLATE_KINDS)('what the renderer wrote reads back (fixture plan, %s)', async (kind) => {
    const spec = buildTemplate(fixturePlan(), { kind, units: kind === 'units' ? ['甲校', '=乙校', '00123'] : undefined });
    const fake = await inserted(spec);
    const { book, templates, problems } = await readTemplates(fake.host);
    expect(problems).toEqual([]);
    expect(templates).toHaveLength(1);
    expect(templates[0].template.meta).toEqual(spec.meta);
    expect(templates[0].problems).toEqual([]);
    // Only the template's sheets are read, not the user's.
    expect(findSheet(book, '用户表')).toBeUndefined();
    for (const sheet of spec.sheets.filter((s) => templates[0].cells.some((c) => c.sheet === s.name))) {
      const grid = findSheet(book, sheet.name)!;
      expect(grid.state).toBe('visible');
      for (const [address, c] of Object.entries(sheet.cells)) {
        if (c.formula !== undefined) expect(gridFormulaAt(grid, address)).toBe(c.formula);
        else {
          expect(gridFormulaAt(grid, address)).toBeNull();
          expect(gridValueAt(grid, address)).toEqual(c.value === '' || c.value === undefined ? null : c.value);
        }
      }
    }
    expect(findSheet(book, spec.hiddenMetadata.sheetName)?.state).toBe('veryHidden');
  });

  test.each(shippedPlans().map((p) => p.id))('the same grid as the ExcelJS renderer + reader (%s)', async (id) => {
    const plan = shippedPlan(id);
    for (const kind of ['return', 'units'] as const) {
      const spec = buildTemplate(plan, { kind, year: 2025, units: kind === 'units' ? units(5) : undefined });
      const fromOffice = await readTemplateGrids((await inserted(spec)).host, { sheets: 'templates' });
      const fromFile = await readWorkbookGrid(new Uint8Array(await renderTemplateBuffer(spec)));
      for (const grid of fromOffice.sheets) {
        const other = findSheet(fromFile, grid.name);
        expect(other).toBeDefined();
        expect(cellsOf(grid)).toEqual(cellsOf(other!));
        expect(grid.state).toBe(other!.state);
      }
      expect(namesOf(fromOffice)).toEqual(namesOf(fromFile));
    }
  });

  test('ExcelApi 1.4 (no NamedItem.formula): names are read from their value', async () => {
    const spec = unitsSpec(3);
    const book = await readTemplateGrids((await inserted(spec, '1.4')).host);
    expect(book.definedNames.map((n) => n.name).sort()).toEqual(spec.definedNames.map((n) => n.name).sort());
    for (const n of book.definedNames) expect(parseSheetRef(n.ref)).toBeDefined();
  });

  test('`all` reads the user sheets too', async () => {
    const book = await readTemplateGrids((await inserted(unitsSpec(2))).host, { sheets: 'all' });
    expect(findSheet(book, '用户表')?.values).toEqual([['不相关'], [42]]);
  });
});

describe('constant syncs', () => {
  test('10 and 1,000 units read in the same 3 syncs, each response under 5 MB', async () => {
    const counts = [];
    for (const n of [10, 1000]) {
      const fake = await inserted(unitsSpec(n));
      const book = await readTemplateGrids(fake.host);
      expect(book.sheets.length).toBeGreaterThan(0);
      counts.push(fake.syncCount);
      expect(Math.max(...fake.syncs.map((s) => s.responseBytes))).toBeLessThan(5 * 1024 * 1024);
    }
    expect(counts).toEqual([3, 3]);
  });

  test('a tiny budget splits the reads but gives the same grid', async () => {
    const fake = await inserted(unitsSpec(50));
    const whole = await readTemplateGrids(fake.host);
    fake.resetLog();
    const split = await readTemplateGrids(fake.host, { syncBudget: 20_000 });
    expect(fake.syncCount).toBeGreaterThan(3);
    expect(split).toEqual(whole);
  });
});

test('typed values, errors and text that looks like a formula read back distinctly', async () => {
  const spec = unitsSpec(2);
  const fake = await inserted(spec);
  const { templates } = await readTemplates(fake.host);
  const [a, b, c] = templates[0].cells;
  fake.typeInto(a.sheet, a.address, '1,250');
  fake.typeInto(b.sheet, b.address, "'=1+1", { paste: true });
  fake.typeInto(c.sheet, c.address, '#N/A', { paste: true });
  const book = await readTemplateGrids(fake.host);
  const grid = findSheet(book, a.sheet)!;
  expect(gridValueAt(grid, a.address)).toBe(1250);
  expect(gridValueAt(grid, b.address)).toBe('=1+1');
  expect(gridFormulaAt(grid, b.address)).toBeNull();
  expect(gridValueAt(grid, c.address)).toEqual({ error: '#N/A' });
});

test('every template formula evaluates in the fake (no #NAME? or #REF!), so the preview shows numbers', async () => {
  for (const plan of loadShippedPlans()) {
    const spec = buildTemplate(plan, { kind: 'units', units: units(3) });
    const fake = await inserted(spec);
    for (const s of spec.sheets) {
      for (const [address, c] of Object.entries(s.cells)) {
        if (!c.formula) continue;
        const { top, left } = { top: Number(address.replace(/^[A-Z]+/, '')), left: 0 };
        void top;
        void left;
        const view = fake.view(s.name, Number(address.replace(/^[A-Z]+/, '')), address.replace(/\d+$/, '').split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0));
        expect([plan.id, address, view.error === '#NAME?' || view.error === '#REF!' ? view.error : 'ok']).toEqual([plan.id, address, 'ok']);
      }
    }
  }
});
