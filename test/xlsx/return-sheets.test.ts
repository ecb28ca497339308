/**
 * Which parts of a return are inflated (src/xlsx/returns.ts): the template's overview sheet
 * (规划指标) is read only when a check could look at it; everything else (the filled sheet, the
 * metadata, a school's own sheet) is read as before, and validation's results do not change.
 */
import ExcelJS from 'exceljs';
import { readReturn } from '../../src/core/consolidate';
import { buildTemplate } from '../../src/core/template/build';
import type { TemplateOptions } from '../../src/core/template/options';
import * as zip from '../../src/xlsx/zip';
import { readWorkbookGridSync } from '../../src/xlsx/read';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { writeCells } from '../../src/xlsx/patch';
import { readReturnSource } from '../../src/xlsx/returns';
import { yzjh } from '../core/consolidate/county';

/** A filled return of yzjh (every input a number, the unit named), with a school's own sheet of `extraRows` rows when asked. */
async function filledReturn(options: TemplateOptions, extraRows = 0): Promise<Uint8Array> {
  const spec = buildTemplate(yzjh, options);
  const blank = await renderTemplateBuffer(spec);
  const rows = spec.hiddenMetadata.rows;
  const writes = rows.filter((r) => r[0] === 'cell' && !String(r[2]).includes('#')).map((r, i) => ({ sheet: String(r[4]), address: String(r[5]), value: 500 + i }));
  const unit = rows.find((r) => r[0] === 'unit')!;
  if (options.kind !== 'units') writes.push({ sheet: String(unit[4]), address: String(unit[5]), value: 700 });
  let bytes = new Uint8Array(await writeCells(blank, writes));
  if (extraRows > 0) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const own = wb.addWorksheet('我校自用');
    for (let r = 1; r <= extraRows; r++) own.addRow([`第${r}行`, r, r * 2]);
    bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  }
  return bytes;
}

/** The parts inflated while `f` runs. */
async function inflated<T>(f: () => Promise<T>): Promise<{ parts: string[]; out: T }> {
  const spy = jest.spyOn(zip, 'inflateBytesText');
  try {
    const out = await f();
    return { parts: spy.mock.calls.map((c) => c[1].name), out };
  } finally {
    spy.mockRestore();
  }
}

/** A sheet's part, from the workbook's own listing. */
function partOf(bytes: Uint8Array, sheet: string): string {
  const { openWorkbook } = jest.requireActual<typeof import('../../src/xlsx/read')>('../../src/xlsx/read');
  const info = openWorkbook(bytes).sheets.find((s) => s.name === sheet);
  if (!info) throw new Error(`no sheet ${sheet}`);
  return info.part;
}

describe('a single-unit return', () => {
  test('with a school sheet of 3,000 rows: the overview is not inflated, the school sheet is, and validation reads the same', async () => {
    const bytes = await filledReturn({ units: [], level: '小学', year: 2025 }, 3000);
    const { parts, out: source } = await inflated(() => readReturnSource(bytes, '甲校.xlsx'));
    const book = readWorkbookGridSync(bytes);
    const names = book.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['规划指标', '我校自用', '_edu_meta']));
    expect(parts).not.toContain(partOf(bytes, '规划指标'));
    for (const sheet of names.filter((n) => n !== '规划指标')) expect(parts).toContain(partOf(bytes, sheet));
    expect(parts).toContain('docProps/core.xml');
    // Each part once: core.xml is not unzipped a second time.
    expect(new Set(parts).size).toBe(parts.length);
    // Same sheets in the same order, and every result of validation and consolidation the same.
    expect(source.book!.sheets.map((s) => [s.name, s.state])).toEqual(book.sheets.map((s) => [s.name, s.state]));
    const lean = readReturn(source, yzjh);
    const full = readReturn({ ...source, book }, yzjh);
    expect(lean).toEqual(full);
    // The school's sheet is looked at: its values are reported as unplaced (not silently dropped).
    expect(lean.issues.some((i) => i.code === 'unplaced-value' && i.sheet === '我校自用')).toBe(true);
    expect(lean.status).toBe(full.status);
  });

  test('the overview left unread is read on first use of its cells, and reads as a full read does', async () => {
    const bytes = await filledReturn({ units: ['第一小学'], level: '小学', year: 2025 });
    const { parts, out: source } = await inflated(() => readReturnSource(bytes, '乙校.xlsx'));
    const overviewPart = partOf(bytes, '规划指标');
    expect(parts).not.toContain(overviewPart);
    const book = readWorkbookGridSync(bytes);
    const lazy = source.book!.sheets.find((s) => s.name === '规划指标')!;
    const { parts: later, out: values } = await inflated(async () => lazy.values);
    expect(later).toEqual([overviewPart]);
    const full = book.sheets.find((s) => s.name === '规划指标')!;
    expect(values).toEqual(full.values);
    expect(lazy.formulas).toEqual(full.formulas);
    expect(values.length).toBeGreaterThan(5);
  });

  test('an overview a defined name points at is read at once', async () => {
    const plain = await filledReturn({ units: ['第一小学'], level: '小学', year: 2025 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(plain as unknown as ArrayBuffer);
    wb.definedNames.add("'规划指标'!$A$1", '我的名称');
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { parts } = await inflated(() => readReturnSource(bytes, '丙校.xlsx'));
    expect(parts).toContain(partOf(bytes, '规划指标'));
  });
});

test('a unit table reads its overview at once (every visible sheet may be a copy of the unit sheet)', async () => {
  const bytes = await filledReturn({ kind: 'units', units: ['城关小学', '新铺小学'], level: '小学', year: 2025 });
  const { parts, out: source } = await inflated(() => readReturnSource(bytes, '县.xlsx'));
  const book = readWorkbookGridSync(bytes);
  expect(book.sheets.map((s) => s.name)).toContain('规划指标');
  expect(parts).toContain(partOf(bytes, '规划指标'));
  expect(readReturn(source, yzjh)).toEqual(readReturn({ ...source, book }, yzjh));
});
