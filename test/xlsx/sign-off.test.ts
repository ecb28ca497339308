/**
 * The sign-off block of a return and a unit table (填报单位（盖章）, 单位负责人, 填表人, 联系电话,
 * 填报日期): its boxes are unlocked input space in the protected sheet — a filler types the name,
 * phone and date — its labels stay locked; the same in summary.xlsx's writer (ExcelJS, read back)
 * and in the add-in's renderer (the recording fake), and what is typed there is no validation issue.
 */
import ExcelJS from 'exceljs';
import { label } from '../../src/core/template/labels';
import { buildTemplate } from '../../src/core/template/build';
import type { TemplateSpec } from '../../src/core/template/spec';
import { validate } from '../../src/core/validate';
import { a1ToRowCol } from '../../src/core/workbook/address';
import { createFakeExcel } from '../../src/excel/fake';
import { insertTemplate } from '../../src/excel/render';
import { readWorkbookGrid } from '../../src/xlsx/read';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { writeCells } from '../../src/xlsx/patch';
import { shippedPlan } from '../helpers/shipped';

const plan = shippedPlan('yangjiang-2021-2025');
const ITEMS = ['signUnit', 'signHead', 'signFiller', 'signPhone', 'signDate'] as const;

/** Each sign-off label's cell, and the cells of the box to its right (to the next label or the row's end). */
function signOff(spec: TemplateSpec): { sheet: string; labels: string[]; boxes: string[][] } {
  const sheet = spec.sheets.find((s) => s.kind === 'return' || s.kind === 'units')!;
  const texts = new Set(ITEMS.map((k) => label(k, 'zh-CN')));
  const labels = Object.entries(sheet.cells).filter(([, c]) => typeof c.value === 'string' && texts.has(c.value)).map(([a]) => a);
  expect(labels).toHaveLength(ITEMS.length);
  const boxes = labels.map((at) => {
    const { row, col } = a1ToRowCol(at);
    const merge = sheet.merges.map((m) => m.split(':')).find(([from]) => a1ToRowCol(from!).row === row && a1ToRowCol(from!).col > col && sheet.cells[from!]?.style === 'sign-input' && !labels.some((l) => a1ToRowCol(l).row === row && a1ToRowCol(l).col > col && a1ToRowCol(l).col < a1ToRowCol(from!).col))!;
    expect(merge).toBeDefined();
    const [from, to] = [a1ToRowCol(merge[0]!), a1ToRowCol(merge[1]!)];
    return Array.from({ length: to.col - from.col + 1 }, (_, k) => Object.entries(sheet.cells).find(([a]) => a1ToRowCol(a).row === row && a1ToRowCol(a).col === from.col + k)![0]);
  });
  return { sheet: sheet.name, labels, boxes };
}

const specs: Array<[string, TemplateSpec]> = [
  ['return', buildTemplate(plan, { kind: 'return', units: ['阳江市第一小学'], year: 2025, includeOverview: false })],
  ['units', buildTemplate(plan, { kind: 'units', units: ['甲校', '乙校'], year: 2025, includeOverview: false })],
];

test.each(specs)('%s: the spec unlocks every cell of each sign-off box and keeps the labels locked', (_kind, spec) => {
  const { labels, boxes } = signOff(spec);
  const sheet = spec.sheets.find((s) => s.kind === 'return' || s.kind === 'units')!;
  expect(sheet.protection).toBeDefined();
  for (const a of labels) expect([a, sheet.cells[a]!.locked]).toEqual([a, undefined]);
  for (const a of boxes.flat()) expect([a, sheet.cells[a]!.locked]).toEqual([a, false]);
});

test.each(specs)('%s: the ExcelJS file, read back, has the boxes unlocked in a protected sheet', async (_kind, spec) => {
  const { sheet, labels, boxes } = signOff(spec);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await renderTemplateBuffer(spec)) as unknown as ExcelJS.Buffer);
  const ws = book.getWorksheet(sheet)!;
  expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
  for (const a of labels) expect([a, ws.getCell(a).protection?.locked ?? true]).toEqual([a, true]);
  for (const a of boxes.flat()) expect([a, ws.getCell(a).protection?.locked]).toEqual([a, false]);
});

test.each(specs)('%s: in the add-in (recording fake) a filler types into the boxes of the protected sheet, not over a label', async (_kind, spec) => {
  const { sheet, labels, boxes } = signOff(spec);
  const fake = createFakeExcel();
  await insertTemplate(fake.host, spec);
  expect(fake.sheet(sheet).protection.protected).toBe(true);
  for (const box of boxes) expect(fake.typeInto(sheet, box[0]!, '张三 0662-1234567 2025-12-01').ok).toBe(true);
  for (const a of labels) expect(fake.typeInto(sheet, a, 'x').ok).toBe(false);
});

test('what is typed in the sign-off boxes is no validation issue', async () => {
  const spec = specs[0]![1];
  const { sheet, boxes } = signOff(spec);
  const bytes = await renderTemplateBuffer(spec);
  const before = validate(await readWorkbookGrid(bytes), [plan]).issues.map((i) => `${i.code}@${i.cell ?? ''}`);
  const typed = await writeCells(bytes, boxes.map((b, k) => ({ sheet, address: b[0]!, value: ['阳江市第一小学', '李四', '张三', '0662-1234567', '2025年12月1日'][k]! })));
  const after = validate(await readWorkbookGrid(typed), [plan]).issues.map((i) => `${i.code}@${i.cell ?? ''}`);
  expect(after).toEqual(before);
});
