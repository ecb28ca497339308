/**
 * A fake workbook holding a 阳江 return for one school with values typed the way a filler would —
 * some good, some bad — shared by the validate and dashboard tests. Addresses are found by the
 * input's label on the sheet, not hard-coded, so a layout change does not silently break them.
 */
import { loadShippedPlans } from '../../src/node/seeds';
import { buildTemplate } from '../../src/core/template/build';
import { insertTemplate } from '../../src/excel';
import { createFakeExcel, type FakeExcel } from '../../src/excel/fake';
import { colLetter } from '../../src/core/workbook/address';

export const YANGJIANG = 'yangjiang-2021-2025';
export const RETURN_SHEET = '指标填报';

/** The input cell on the row whose label (column B) is `label`. */
export function inputCell(fake: FakeExcel, label: string): string {
  const sheet = fake.sheet(RETURN_SHEET);
  for (let row = 1; row <= 400; row++) {
    if (fake.view(RETURN_SHEET, row, 2).text !== label) continue;
    for (let col = 3; col <= 20; col++) if (sheet.get(row, col)?.locked === false) return `${colLetter(col)}${row}`;
  }
  throw new Error(`no input row labelled ${label}`);
}

/** What the scenario types: label → text (pasted, as Excel's data validation would refuse some when typed). */
export const SCENARIO: ReadonlyArray<[string, string]> = [
  ['在园幼儿总数', '1200'],
  ['3—5周岁适龄人口数', '1150'],
  ['规范化幼儿园在园幼儿数', '1250'], // more than the total: part > total
  ['幼儿园专任教师数', '80'],
  ['专科及以上学历幼儿园专任教师数', '７０'], // full-width digits: read as 70, a fix is offered
  ['初中毕业班学生数', '950'],
  ['该年级入小学一年级时学生数', '1000'], // 巩固率 95 < 96: a binding target missed
  ['适龄残疾儿童少年数', 'abc'], // not a number
];

export async function yangjiangReturn(): Promise<{ fake: FakeExcel; cells: Record<string, string> }> {
  const plan = loadShippedPlans().find((p) => p.id === YANGJIANG)!;
  const fake = createFakeExcel();
  await insertTemplate(fake.host, (existing) => buildTemplate(plan, { units: ['阳江市第一小学'], year: 2025, existingSheetNames: existing.sheetNames }));
  const cells: Record<string, string> = {};
  for (const [label, text] of SCENARIO) {
    cells[label] = inputCell(fake, label);
    const r = fake.typeInto(RETURN_SHEET, cells[label], text, { paste: true });
    if (!r.ok) throw new Error(`cannot type ${text} into ${cells[label]}: ${r.message}`);
  }
  fake.resetLog();
  return { fake, cells };
}
