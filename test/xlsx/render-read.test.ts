/** The ExcelJS renderer against the spec, the reader (grids, names, metadata), limits and patching. */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { loadShippedPlans } from '../../src/node/seeds';
import { buildTemplate } from '../../src/core/template/build';
import { CellIndex, decodeMetadata, resolveInputCells, type DecodedTemplate } from '../../src/core/workbook/cellmap';
import { findSheet, gridFormulaAt, gridValueAt } from '../../src/core/workbook/grid';
import { embeddedPlanOf, PLAN_CHUNK_CHARS, PLAN_JSON_KEY } from '../../src/core/workbook/embedded';
import type { TemplateSpec } from '../../src/core/template/spec';
import { validate } from '../../src/core/validate/validate';
import { DEFAULT_READ_LIMITS, WorkbookReadError } from '../../src/xlsx/limits';
import { checkZip } from '../../src/xlsx/zip';
import { patchSheetXml, writeCells } from '../../src/xlsx/patch';
import { parseDefinedNames, readTemplateWorkbook, readWorkbookGrid } from '../../src/xlsx/read';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { comparatorPlan } from '../core/template/fixture-plan';

async function sheetXml(bytes: Uint8Array, index: number): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file(`xl/worksheets/sheet${index}.xml`)!.async('string');
}

describe('rendering a spec with ExcelJS', () => {
  const plan = comparatorPlan();
  let spec: TemplateSpec;
  let bytes: Buffer;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    spec = buildTemplate(plan, { kind: 'units', level: '小学', year: 2025, units: ['甲校', '=乙校', '+丙校'] });
    bytes = await renderTemplateBuffer(spec);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  });

  test('every cell as the spec says: formulas as formulas, text as text, locks, formats', () => {
    for (const sheet of spec.sheets) {
      const ws = wb.getWorksheet(sheet.name)!;
      for (const [address, cell] of Object.entries(sheet.cells)) {
        const c = ws.getCell(address);
        if (cell.formula !== undefined) {
          expect(c.type).toBe(ExcelJS.ValueType.Formula);
          expect(c.formula).toBe(cell.formula);
        } else if (typeof cell.value === 'string' && cell.value !== '' && !ws.getCell(address).isMerged) {
          expect(c.type).toBe(ExcelJS.ValueType.String);
          expect(c.value).toBe(cell.value);
        } else if (typeof cell.value === 'number') {
          expect(c.value).toBe(cell.value);
        }
        expect(c.protection?.locked === false).toBe(cell.locked === false);
        if (cell.numFmt) expect(c.numFmt).toBe(cell.numFmt);
      }
    }
  });

  test('sheets are protected without a password; metadata sheet is veryHidden; full recalculation on load', async () => {
    for (const sheet of spec.sheets) {
      const xml = await sheetXml(bytes, spec.sheets.indexOf(sheet) + 1);
      expect(xml).toMatch(/<sheetProtection [^>]*sheet="1"/);
      expect(xml).not.toMatch(/hashValue/);
      // No cached results (so no NaN) and no shared formulas.
      expect(xml).not.toMatch(/<f>[^<]*<\/f><v>/);
      expect(xml).not.toMatch(/t="shared"/);
    }
    expect(wb.getWorksheet(spec.hiddenMetadata.sheetName)!.state).toBe('veryHidden');
    const zip = await JSZip.loadAsync(bytes);
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbookXml).toMatch(/fullCalcOnLoad="1"/);
    // Only the built-in print names are sheet-scoped (as Excel writes them); ours are workbook-scoped.
    expect(workbookXml.replace(/<definedName name="_xlnm\.[^>]*>[^<]*<\/definedName>/g, '')).not.toMatch(/localSheetId/);
  });

  test('validations, conditional formats and names are written range by range', async () => {
    const xml = await sheetXml(bytes, 1);
    for (const v of spec.sheets[0].validations) expect(xml).toContain(`sqref="${v.range}"`);
    expect((xml.match(/<conditionalFormatting /g) ?? []).length).toBe(new Set(spec.sheets[0].conditionalFormats.map((c) => c.range)).size);
    expect(xml).not.toMatch(/<conditionalFormatting [^>]*>\s*<\/conditionalFormatting>/);
    const zip = await JSZip.loadAsync(bytes);
    const names = parseDefinedNames(await zip.file('xl/workbook.xml')!.async('string'));
    const byName = new Map(names.map((n) => [n.name, n.ref]));
    for (const n of spec.definedNames) expect(byName.get(n.name)).toBe(n.ref);
  });

  test('a password is hashed into the protection', async () => {
    const withPassword = await renderTemplateBuffer(buildTemplate(plan, { kind: 'return', level: '小学', password: 'secret' }));
    expect(await sheetXml(withPassword, 1)).toMatch(/<sheetProtection [^>]*hashValue="[^"]+"/);
  });

  test('reading back: grids, metadata and the input map equal the spec', async () => {
    const read = await readTemplateWorkbook(bytes);
    expect(read.problems).toEqual([]);
    expect(read.templates).toHaveLength(1);
    const t = read.templates[0];
    expect(t.template.meta).toEqual(spec.meta);
    expect(t.problems).toEqual([]);
    const d = decodeMetadata({ name: spec.hiddenMetadata.sheetName, values: spec.hiddenMetadata.rows, formulas: [] }) as DecodedTemplate;
    const expected = resolveInputCells(d, spec.definedNames.map((n) => ({ name: n.name, ref: n.ref })));
    expect(t.cells).toEqual(expected.cells);
    const grid = findSheet(read.book, spec.sheets[0].name)!;
    const named = new CellIndex(t.cells);
    expect(gridValueAt(grid, named.find(2, 'enrolled')!.unitCell.address)).toBe('=乙校');
    expect(gridFormulaAt(grid, named.find(2, 'enrolled')!.unitCell.address)).toBeNull();
    const formulaCell = Object.entries(spec.sheets[0].cells).find(([, c]) => c.formula)!;
    expect(gridFormulaAt(grid, formulaCell[0])).toBe(formulaCell[1].formula);
    expect(read.book.sheets.find((s) => s.name === spec.hiddenMetadata.sheetName)!.state).toBe('veryHidden');
  });

  test('every shipped plan renders and reads back', async () => {
    for (const p of loadShippedPlans()) {
      const s = buildTemplate(p, { kind: 'return', level: p.balance ? '初中' : undefined });
      const read = await readTemplateWorkbook(await renderTemplateBuffer(s));
      expect(read.templates[0].template.meta.planId).toBe(p.id);
      expect(read.templates[0].cells.length).toBeGreaterThan(0);
      // The plan travels inside (in cell-sized pieces) and comes back exactly, hash-checked.
      expect(s.hiddenMetadata.rows.filter((r) => r[0] === PLAN_JSON_KEY).every((r) => r[1].length <= PLAN_CHUNK_CHARS)).toBe(true);
      expect(embeddedPlanOf(read.templates[0].template)).toEqual({ plan: p });
    }
  });
});

describe('a plan travels inside its workbook', () => {
  const plan = comparatorPlan();
  const build = () => buildTemplate(plan, { kind: 'return', level: '小学', year: 2025, units: ['甲校'] });

  test('a workbook of a plan the catalog lacks: not a released plan (an error), validated with the plan it carries only on --trust-embedded', async () => {
    const read = await readTemplateWorkbook(await renderTemplateBuffer(build()));
    const refused = validate(read.book, []);
    expect(refused.valid).toBe(false);
    expect(refused.issues.map((i) => [i.code, i.severity])).toEqual([['plan-not-released', 'error']]);
    expect(refused.issues[0]!.message.zh).toContain('规划不是发布版本');
    const result = validate(read.book, [], { trustEmbedded: true });
    expect(result.issues.map((i) => i.code)).not.toContain('unknown-plan');
    expect(result.issues.map((i) => i.code)).not.toContain('metadata-invalid');
    expect(result.issues.find((i) => i.code === 'plan-not-released')).toMatchObject({ severity: 'info', params: { trusted: true } });
    expect(result.templates[0].planTitle).toEqual(plan.title);
  });

  test('a carried plan edited in the workbook (hash mismatch) is not used', async () => {
    const spec = build();
    const row = spec.hiddenMetadata.rows.find((r) => r[0] === PLAN_JSON_KEY)!;
    expect(row[1]).toContain('模板测试规划');
    row[1] = row[1].replace('模板测试规划', '篡改后的规划');
    const read = await readTemplateWorkbook(await renderTemplateBuffer(spec));
    expect(embeddedPlanOf(read.templates[0].template)).toHaveProperty('problem');
    const codes = validate(read.book, []).issues.map((i) => i.code);
    expect(codes).toContain('plan-not-released');
    expect(codes).toContain('metadata-invalid');
    // Not even --trust-embedded uses a carried plan that does not match its own hash.
    const trusted = validate(read.book, [], { trustEmbedded: true });
    expect(trusted.valid).toBe(false);
    expect(trusted.templates[0]?.planTitle).toBeUndefined();
  });
});

describe('untrusted files are limited', () => {
  const code = async (bytes: Uint8Array, limits = DEFAULT_READ_LIMITS) => {
    try {
      await readWorkbookGrid(bytes, limits);
      return 'ok';
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookReadError);
      expect((e as WorkbookReadError).text.zh).toMatch(/[\u4e00-\u9fff]/);
      return (e as WorkbookReadError).code;
    }
  };

  test('not a workbook, an encrypted one, a truncated one', async () => {
    expect(await code(Buffer.from('hello, this is not a zip file at all'))).toBe('not-xlsx');
    const ole = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    expect(await code(ole)).toBe('encrypted');
    const good = await renderTemplateBuffer(buildTemplate(comparatorPlan(), { kind: 'return', level: '小学' }));
    expect(await code(good.subarray(0, good.length - 100))).toBe('corrupt');
    const zip = new JSZip();
    zip.file('hello.txt', 'hi');
    expect(await code(await zip.generateAsync({ type: 'nodebuffer' }))).toBe('corrupt');
  });

  test('too large, too many cells', async () => {
    const good = await renderTemplateBuffer(buildTemplate(comparatorPlan(), { kind: 'units', level: '小学', units: ['甲', '乙'] }));
    expect(await code(good, { ...DEFAULT_READ_LIMITS, maxBytes: 1000 })).toBe('too-large');
    expect(await code(good, { ...DEFAULT_READ_LIMITS, maxCells: 50 })).toBe('too-many-cells');
    expect(await code(good)).toBe('ok');
  });

  test('a zip bomb is refused before decompression', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/worksheets/sheet1.xml', '0'.repeat(20 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(() => checkZip(bomb)).toThrow(WorkbookReadError);
    expect(await code(bomb)).toBe('zip-bomb');
    expect(await code(bomb, { ...DEFAULT_READ_LIMITS, maxRatio: 1e9, maxUncompressedBytes: 1024 * 1024 })).toBe('zip-bomb');
  });
});

describe('patching cells in place', () => {
  test('values land in their cells, styles and everything else are kept', async () => {
    const spec = buildTemplate(comparatorPlan(), { kind: 'units', level: '小学', units: ['甲', '乙'] });
    const bytes = await renderTemplateBuffer(spec);
    const read = await readTemplateWorkbook(bytes);
    const index = new CellIndex(read.templates[0].cells);
    const a = index.find('甲', 'enrolled')!;
    const b = index.find('乙', '#note')!;
    const out = await writeCells(bytes, [
      { sheet: a.sheet, address: a.address, value: 1234.5 },
      { sheet: b.sheet, address: b.address, value: '=SUM(A1:A9) & <tag> "q"' },
      { sheet: a.sheet, address: 'AZ3', value: '新单元格' },
      { sheet: a.sheet, address: 'B400', value: 7 },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(a.sheet)!;
    expect(ws.getCell(a.address).value).toBe(1234.5);
    expect(ws.getCell(a.address).protection?.locked).toBe(false);
    expect(ws.getCell(a.address).fill).toEqual(wb.getWorksheet(a.sheet)!.getCell(index.find('乙', 'enrolled')!.address).fill);
    expect(ws.getCell(b.address).value).toBe('=SUM(A1:A9) & <tag> "q"');
    expect(ws.getCell(b.address).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('AZ3').value).toBe('新单元格');
    expect(ws.getCell('B400').value).toBe(7);
    // Untouched parts are byte-identical; the map still reads.
    const [z0, z1] = await Promise.all([JSZip.loadAsync(bytes), JSZip.loadAsync(out)]);
    expect(await z1.file('xl/worksheets/sheet2.xml')!.async('string')).toBe(await z0.file('xl/worksheets/sheet2.xml')!.async('string'));
    expect(await z1.file('xl/sharedStrings.xml')!.async('string')).toBe(await z0.file('xl/sharedStrings.xml')!.async('string'));
    const again = await readTemplateWorkbook(out);
    expect(again.templates[0].cells).toEqual(read.templates[0].cells);
    await expect(writeCells(bytes, [{ sheet: 'nope', address: 'A1', value: 1 }])).rejects.toThrow(WorkbookReadError);
  });

  test('stale cached results are dropped, formulas kept', () => {
    const xml = '<worksheet><sheetData><row r="1" spans="1:2"><c r="A1" s="1"/><c r="B1" s="2" t="str"><f>IF(A1,"x","")</f><v>x</v></c></row></sheetData></worksheet>';
    const out = patchSheetXml(xml, [{ address: 'A1', value: 5 }]);
    expect(out).toBe('<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>5</v></c><c r="B1" s="2"><f>IF(A1,"x","")</f></c></row></sheetData></worksheet>');
  });
});
