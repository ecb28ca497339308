/**
 * Test helpers: plans to build templates from, and a cell-by-cell comparison of what the fake
 * workbook holds against the TemplateSpec it was given.
 */
import { loadShippedPlans } from '../../src/node/seeds';
import { parsePlan } from '../../src/core/plan/parse';
import type { Plan } from '../../src/core/plan/schema';
import { parseRange, parseSheetRef, cellsOf, a1 } from '../../src/core/workbook/address';
import { buildTemplate, type TemplateOptions } from '../../src/core/template';
import { canonicalJson } from '../../src/core/workbook/hash';
import type { SheetSpec, StyleSpec, TemplateSpec } from '../../src/core/template/spec';
import { columnWidthPoints } from '../../src/excel/cells';
import { ExcelTaskError } from '../../src/excel/errors';
import type { FakeExcel, FakeSheet } from '../../src/excel/fake';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT } from '../../src/excel/fake';
import { TEMPLATE_FONT, validationRule } from '../../src/excel/render';
import { minimalPlan } from '../fixtures/plans';

export function fixturePlan(): Plan {
  return parsePlan(minimalPlan());
}

/** A 优质均衡 plan when the catalog ships one (per-school ratios, level needed), else the fixture. */
export function balancePlan(): { plan: Plan; level?: string } {
  const yzjh = loadShippedPlans().find((p) => p.id === 'national-yzjh-2017');
  return yzjh ? { plan: yzjh, level: '小学' } : { plan: fixturePlan() };
}

export function units(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `第${i + 1}学校`);
}

export function unitsSpec(n: number, extra: TemplateOptions = {}): TemplateSpec {
  const { plan, level } = balancePlan();
  return buildTemplate(plan, { kind: 'units', units: units(n), level, year: 2025, ...extra });
}


/** The ExcelTaskError a promise rejects with (fails the test when it resolves or throws something else). */
export async function failure(p: Promise<unknown>): Promise<ExcelTaskError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ExcelTaskError) return e;
    throw e;
  }
  throw new Error('expected an ExcelTaskError, but the operation succeeded');
}

const H = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

/** Everything that differs between a fake sheet and its spec, as readable lines (empty = equal). */
export function sheetDifferences(fake: FakeExcel, spec: TemplateSpec, sheet: SheetSpec, actualName = sheet.name): string[] {
  const ws: FakeSheet = fake.sheet(actualName);
  const out: string[] = [];
  const diff = (where: string, what: string, got: unknown, want: unknown) => {
    if (canonicalJson(got ?? null) !== canonicalJson(want ?? null)) out.push(`${actualName}!${where} ${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  const specCells = new Set(Object.keys(sheet.cells));
  for (const [address, c] of Object.entries(sheet.cells)) {
    const { top: row, left: col } = parseRange(address);
    const got = ws.get(row, col) ?? {};
    if (c.formula !== undefined) {
      diff(address, 'formula', got.formula, c.formula);
    } else {
      diff(address, 'formula', got.formula, undefined);
      // '' is an empty cell in Excel (Office.js clears a cell written '').
      diff(address, 'value', got.value ?? null, c.value === '' ? null : (c.value ?? null));
    }
    diff(address, 'numberFormat', got.numberFormat ?? 'General', c.numFmt ?? 'General');
    diff(address, 'locked', got.locked !== false, c.locked !== false);
    const st: StyleSpec = (c.style && spec.styles[c.style]) || {};
    diff(address, 'fill', got.fill, st.fill);
    diff(address, 'bold', got.bold ?? false, st.font?.bold ?? false);
    diff(address, 'italic', got.italic ?? false, st.font?.italic ?? false);
    diff(address, 'fontColor', got.fontColor, st.font?.color);
    diff(address, 'fontSize', got.fontSize, st.font?.size ?? TEMPLATE_FONT.size);
    diff(address, 'fontName', got.fontName, TEMPLATE_FONT.name);
    diff(address, 'hAlign', got.hAlign, st.align?.horizontal ? H[st.align.horizontal] : undefined);
    diff(address, 'vAlign', got.vAlign, st.align?.vertical && st.align.vertical !== 'bottom' ? V[st.align.vertical] : undefined);
    diff(address, 'wrap', got.wrap ?? false, st.align?.wrap ?? false);
    const edges = st.border ? { top: st.border, bottom: st.border, left: st.border, right: st.border } : {};
    const gotEdges = Object.fromEntries(
      ['top', 'bottom', 'left', 'right'].flatMap((k) => {
        const b = got.borders?.[k as 'top'];
        return b ? [[k, b.color]] : [];
      }),
    );
    diff(address, 'borders', gotEdges, edges);
    diff(address, 'note', got.note, c.note);
  }
  // Nothing written outside the spec's cells (borders of neighbouring runs aside).
  for (const [k, cell] of ws.cells) {
    const address = a1(Math.floor(k / 16384) + 1, (k % 16384) + 1);
    if (!specCells.has(address) && (cell.value !== undefined || cell.formula !== undefined)) out.push(`${actualName}!${address} unexpected content`);
  }
  for (const c of sheet.columns) {
    diff(`column ${c.index}`, 'width', ws.columnWidths.get(c.index) ?? DEFAULT_COLUMN_WIDTH, columnWidthPoints(c.width));
    diff(`column ${c.index}`, 'hidden', ws.hiddenColumns.has(c.index), c.hidden ?? false);
  }
  for (const r of sheet.rows) diff(`row ${r.index}`, 'height', ws.rowHeights.get(r.index) ?? DEFAULT_ROW_HEIGHT, r.height);
  const merges = (boxes: Array<{ top: number; left: number; bottom: number; right: number }>) =>
    boxes.map((b) => `${b.top},${b.left},${b.bottom},${b.right}`).sort();
  diff('', 'merges', merges(ws.merges), merges(sheet.merges.map(parseRange)));
  diff('', 'freeze', ws.freeze, sheet.freeze && (sheet.freeze.rows || sheet.freeze.columns) ? sheet.freeze : { rows: 0, columns: 0 });
  diff('', 'tabColor', ws.tabColor, sheet.tabColor ?? '');
  if (sheet.protection) {
    const p = sheet.protection;
    diff('', 'protection', ws.protection, {
      protected: true,
      options: {
        allowFormatColumns: p.allowFormatColumns,
        allowFormatRows: p.allowFormatRows,
        allowInsertRows: p.allowInsertRows,
        allowSort: p.allowSort,
        allowAutoFilter: p.allowAutoFilter,
      },
      password: p.password || undefined,
    });
  } else diff('', 'protected', ws.protection.protected, false);
  for (const v of sheet.validations) {
    const box = parseRange(v.range);
    const rule = validationRule(v);
    for (const { row, col } of cellsOf(box)) {
      const dv = ws.get(row, col)?.validation;
      const where = a1(row, col);
      if (!dv) {
        out.push(`${actualName}!${where} validation missing`);
        continue;
      }
      diff(where, 'validation origin', dv.origin, { row: box.top, col: box.left });
      if (rule?.custom) diff(where, 'validation', [dv.type, dv.formula], ['Custom', `=${(v.rule as { formula: string }).formula}`]);
      if (rule?.list) diff(where, 'validation', [dv.type, dv.source], ['List', (v.rule as { values: string[] }).values.join(',')]);
      diff(where, 'ignoreBlanks', dv.ignoreBlanks, v.allowBlank);
      diff(where, 'prompt', dv.prompt && [dv.prompt.title, dv.prompt.message], v.prompt && [v.prompt.title, v.prompt.text]);
      diff(where, 'alert', [dv.errorAlert?.showAlert, dv.errorAlert?.title, dv.errorAlert?.message], v.error ? [true, v.error.title, v.error.text] : [false, '', '']);
    }
  }
  const cfs = [...ws.conditionalFormats].sort((a, b) => a.priority - b.priority);
  const want = sheet.conditionalFormats.map((cf, i) => ({ cf, i })).sort((a, b) => a.cf.priority - b.cf.priority || a.i - b.i);
  diff(
    '',
    'conditional formats',
    cfs.map((cf) => [cf.box, cf.formula, cf.fill, cf.fontColor, cf.bold ?? undefined]),
    want.map(({ cf }) => {
      const st = spec.styles[cf.style] ?? {};
      return [parseRange(cf.range), `=${cf.formula}`, st.fill, st.font?.color, st.font?.bold];
    }),
  );
  if (sheet.print) {
    const p = sheet.print;
    const pl = ws.pageLayout;
    diff(
      '',
      'print',
      [pl.orientation, pl.paperSize, pl.printTitleRows, pl.printTitleColumns, pl.centerFooter],
      [p.orientation === 'landscape' ? 'Landscape' : 'Portrait', p.paperSize, absoluteLines(p.titleRows), absoluteLines(p.titleColumns), p.footer],
    );
  }
  return out;
}

/** `5:7` → `$5:$7`, `A:B` → `$A:$B`: print titles as Excel stores them. */
function absoluteLines(ref: string | undefined): string | undefined {
  return ref?.split(':').map((part) => `$${part}`).join(':');
}

/** Differences of the whole workbook: every sheet, the hidden metadata sheet, the defined names. */
export function workbookDifferences(fake: FakeExcel, spec: TemplateSpec): string[] {
  const out = spec.sheets.flatMap((s) => sheetDifferences(fake, spec, s));
  const meta = fake.sheet(spec.hiddenMetadata.sheetName);
  if (meta.visibility !== 'VeryHidden') out.push(`metadata sheet is ${meta.visibility}`);
  spec.hiddenMetadata.rows.forEach((row, r) =>
    row.forEach((text, c) => {
      const cell = meta.get(r + 1, c + 1);
      if ((cell?.value ?? '') !== text || cell?.formula !== undefined) out.push(`metadata ${a1(r + 1, c + 1)}: got ${JSON.stringify(cell)}, want ${JSON.stringify(text)}`);
      if (text !== '' && cell?.numberFormat !== '@') out.push(`metadata ${a1(r + 1, c + 1)} is not text-formatted`);
    }),
  );
  for (const n of spec.definedNames) {
    const got = fake.model.findName(n.name);
    const want = parseSheetRef(n.ref);
    if (!got || !got.sheet || !got.box || !want) {
      out.push(`defined name ${n.name} missing or not a range`);
      continue;
    }
    if (got.sheet.name !== want.sheet || canonicalJson(got.box) !== canonicalJson(want.box)) out.push(`defined name ${n.name} points elsewhere`);
  }
  return out;
}
