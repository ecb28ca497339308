/** @jest-environment jsdom */
/**
 * 插入模板: plan, kind, units (typed or from the selection, several names asking before the kind
 * changes), the one-line summary in the sticky footer, insert into the fake workbook, the next
 * step; a second insert of the same plan asks (update in place carrying the typed values, or a
 * copy); a too-old Excel turns insert off with a message.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { indicatorCount } from '../../src/core/plan/registry';
import { createFakeExcel } from '../../src/excel/fake';
import { a1ToRowCol } from '../../src/core/workbook/address';
import { readTemplates } from '../../src/excel/read';
import { renderPane } from './helpers';

/** The template is built off the thread: the button is enabled once the spec is there. */
async function clickInsert() {
  await waitFor(() => expect(screen.getByRole('button', { name: '插入模板' })).toBeEnabled(), { timeout: 20000 });
  fireEvent.click(screen.getByRole('button', { name: '插入模板' }));
}

function rowCol(address: string): [number, number] {
  const { row, col } = a1ToRowCol(address);
  return [row, col];
}

const YJ = 'yangjiang-2021-2025';

beforeEach(() => localStorage.clear());

/** The insert view is loaded on demand: its plan picker appears once it has loaded. */
function view() {
  return screen.findByRole('combobox', { name: '选择计划' }, { timeout: 20000 });
}

test('previews and inserts a return for one unit into new sheets', async () => {
  const fake = createFakeExcel();
  fake.typeInto('Sheet1', 'A1', '已有数据');
  renderPane({ view: 'insert', planId: YJ, fake });
  expect((await view()).textContent).toContain('阳江市教育发展');
  expect(screen.getByRole('radio', { name: /单位填报表/ })).toBeChecked();
  fireEvent.change(screen.getByRole('textbox', { name: /填报单位名称/ }), { target: { value: '阳江市第一小学' } });
  // One line says what will be inserted; the sheets are listed behind the disclosure.
  const summary = screen.getByTestId('insert-summary');
  await waitFor(() => expect(summary.textContent).toMatch(/阳江市第一小学|单位填报表$/));
  expect(summary.textContent).toMatch(/^将插入：阳江市教育发展.* · 2025 年 · \d+ 个指标，\d+ 个填报项 · 单位填报表/);
  expect(screen.queryByRole('region', { name: '将新建的工作表' })).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: /^指标与工作表/ }));
  const preview = screen.getByRole('region', { name: '将新建的工作表' });
  await waitFor(() => expect(preview.textContent).toMatch(/指标填报：\d+ 行 × \d+ 列，\d+ 个填报格/));
  expect(preview.textContent).toContain('不会覆盖已有数据');

  await clickInsert();
  await waitFor(() => expect(screen.getByText(/已插入：指标填报、规划指标/)).toBeTruthy(), { timeout: 20000 });
  expect(fake.sheetNames()).toEqual(expect.arrayContaining(['Sheet1', '指标填报', '规划指标']));
  expect(fake.view('Sheet1', 1, 1).text).toBe('已有数据');
  expect(fake.view('指标填报', 2, 3).text).toBe('阳江市第一小学');
  expect(fake.model.activeSheet.name).toBe('指标填报');
  expect(screen.getByText('下一步：在黄色单元格中填写数据，然后校验。')).toBeTruthy();

  // A second insert of the same plan asks; 新增一份 gives numbered sheets beside the first.
  await clickInsert();
  const dialog = await screen.findByRole('dialog', {}, { timeout: 20000 });
  expect(dialog.textContent).toContain('工作簿中已有此计划的模板');
  expect(dialog.textContent).toContain('新增一份：新建工作表 指标填报 (2)、规划指标 (2)');
  // The dialog's own buttons (hidden: true: under a loaded machine jsdom may still see the modal's opening
  // state as aria-hidden; the Chromium e2e clicks and hit-tests the real dialog).
  fireEvent.click(within(dialog).getByRole('button', { name: '新增一份', hidden: true }));
  await waitFor(() => expect(screen.getByText(/已插入：指标填报 \(2\)/)).toBeTruthy(), { timeout: 20000 });

  // 去校验 goes to the validate view.
  fireEvent.click(screen.getByRole('button', { name: '去校验' }));
  expect(await screen.findByRole('button', { name: '校验' }, { timeout: 20000 })).toBeTruthy();
});

test('updating in place keeps every typed value and leaves one template', async () => {
  const fake = createFakeExcel();
  renderPane({ view: 'insert', planId: YJ, fake });
  await view();
  fireEvent.change(screen.getByRole('textbox', { name: /填报单位名称/ }), { target: { value: '阳江市第一小学' } });
  await clickInsert();
  await waitFor(() => expect(screen.getByText(/已插入：指标填报/)).toBeTruthy(), { timeout: 20000 });
  const read = await readTemplates(fake.host);
  const inputs = read.templates[0].cells.filter((c) => !c.input.endsWith('#note'));
  inputs.slice(0, 4).forEach((c, i) => expect(fake.typeInto(c.sheet, c.address, String(10 + i)).ok).toBe(true));

  await clickInsert();
  const dialog = await screen.findByRole('dialog', {}, { timeout: 20000 });
  expect(dialog.textContent).toContain('已填 4 个数值');
  expect(dialog.textContent).toContain('已填的 4 个数值按单位和填报项带入');
  fireEvent.click(within(dialog).getByRole('button', { name: '更新已有模板', hidden: true }));
  await waitFor(() => expect(screen.getByText(/已更新：指标填报、规划指标（带入 4 个已填数值）/)).toBeTruthy(), { timeout: 20000 });
  expect(fake.sheetNames().filter((n) => /指标填报|规划指标|_edu/.test(n))).toEqual(['指标填报', '规划指标', '_edu_meta']);
  const after = await readTemplates(fake.host);
  expect(after.templates).toHaveLength(1);
  for (const [i, c] of inputs.slice(0, 4).entries()) {
    const now = after.templates[0].cells.find((x) => x.input === c.input)!;
    expect(fake.view(now.sheet, ...rowCol(now.address)).value).toBe(10 + i);
  }
});

test('an update that would leave a typed value without a place is not offered, and says which', async () => {
  const fake = createFakeExcel();
  renderPane({ view: 'insert', planId: YJ, fake });
  await view();
  await clickInsert();
  await waitFor(() => expect(screen.getByText(/已插入：指标填报/)).toBeTruthy(), { timeout: 20000 });
  const read = await readTemplates(fake.host);
  const first = read.templates[0].cells.find((c) => !c.input.endsWith('#note'))!;
  expect(fake.typeInto(first.sheet, first.address, '1200').ok).toBe(true);
  // Leave every indicator out but one section, so that input has no place any more.
  fireEvent.click(screen.getByRole('button', { name: /^指标与工作表/ }));
  for (const box of screen.getAllByRole('checkbox', { name: /（已选 \d+ \/ \d+）/ }).slice(0, -1)) {
    if ((box as HTMLInputElement).checked || box.getAttribute('aria-checked') === 'mixed') fireEvent.click(box);
  }
  await clickInsert();
  const dialog = await screen.findByRole('dialog', {}, { timeout: 20000 });
  expect(dialog.textContent).toMatch(/无法更新：有 1 个已填数值在新模板中没有位置：'指标填报'!\w+\d+（1200，新模板不含此项）/);
  expect(within(dialog).getByRole('button', { name: '更新已有模板', hidden: true })).toBeDisabled();
  fireEvent.click(within(dialog).getByRole('button', { name: '取消', hidden: true }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(fake.sheetNames().filter((n) => n.startsWith('_edu'))).toEqual(['_edu_meta']);
});

test("an update names the user's formula whose template cell no longer exists, and keeps the one that still does", async () => {
  const fake = createFakeExcel();
  renderPane({ view: 'insert', planId: YJ, fake });
  await view();
  await clickInsert();
  await waitFor(() => expect(screen.getByText(/已插入：指标填报/)).toBeTruthy(), { timeout: 20000 });
  const read = await readTemplates(fake.host);
  const inputs = read.templates[0].cells.filter((c) => !c.input.endsWith('#note'));
  const [first, last] = [inputs[0], inputs[inputs.length - 1]];
  expect(fake.typeInto(last.sheet, last.address, '7').ok).toBe(true);
  // The user's own sheet points at an input the narrowed template drops, and at one it keeps.
  expect(fake.typeInto('Sheet1', 'A1', `='${first.sheet}'!${first.address}`).ok).toBe(true);
  expect(fake.typeInto('Sheet1', 'A2', `='${last.sheet}'!${last.address}*3`).ok).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: /^指标与工作表/ }));
  for (const box of screen.getAllByRole('checkbox', { name: /（已选 \d+ \/ \d+）/ }).slice(0, -1)) {
    if ((box as HTMLInputElement).checked || box.getAttribute('aria-checked') === 'mixed') fireEvent.click(box);
  }
  await clickInsert();
  const dialog = await screen.findByRole('dialog', {}, { timeout: 20000 });
  fireEvent.click(within(dialog).getByRole('button', { name: '更新已有模板', hidden: true }));
  await waitFor(() => expect(screen.getByText(/已更新：指标填报、规划指标（带入 1 个已填数值）/)).toBeTruthy(), { timeout: 20000 });
  const lost = screen.getByTestId('update-lost').textContent!;
  expect(lost).toMatch(/^1 个公式引用的模板单元格在新模板中已不存在，这些引用未能保留：'?Sheet1'?!A1（=/);
  expect(lost).toContain(`${first.address}`);
  expect(fake.view('Sheet1', 2, 1).value).toBe(21);
  expect(fake.view('Sheet1', 2, 1).error).toBeUndefined();
});

test('a unit table takes the units from the selected cells and refuses duplicates', async () => {
  const fake = createFakeExcel();
  ['甲校', '乙校', '丙校'].forEach((n, i) => fake.typeInto('Sheet1', `A${i + 1}`, n));
  fake.model.select(fake.model.sheets[0], { top: 1, left: 1, bottom: 3, right: 1 });
  renderPane({ view: 'insert', planId: 'national-yzjh-2017', fake });
  await view();
  // 优质均衡 targets differ by level: a level must be chosen, 小学 first.
  expect(screen.getByRole('combobox', { name: '学段' }).textContent).toBe('小学');
  // Several names while a return is chosen: the pane asks instead of switching the kind.
  fireEvent.click(screen.getByRole('button', { name: '读取所选区域' }));
  expect(await screen.findByText(/所选区域有 3 个名称（甲校、乙校、丙校）/)).toBeTruthy();
  expect(screen.getByRole('radio', { name: /单位填报表/ })).toBeChecked();
  fireEvent.click(screen.getByRole('button', { name: /保持当前（只用“甲校”）/ }));
  expect(screen.getByRole('radio', { name: /单位填报表/ })).toBeChecked();
  expect((screen.getByRole('textbox', { name: /填报单位名称/ }) as HTMLInputElement).value).toBe('甲校');
  fireEvent.click(screen.getByRole('button', { name: '读取所选区域' }));
  fireEvent.click(await screen.findByRole('button', { name: '改为单位表' }));
  expect(screen.getByRole('radio', { name: /多单位汇总表/ })).toBeChecked();
  const units = await screen.findByRole('textbox', { name: /填报单位（3 个单位）/ });
  expect((units as HTMLTextAreaElement).value).toBe('甲校\n乙校\n丙校');

  fireEvent.change(units, { target: { value: '甲校\n乙校\n甲校' } });
  expect(await screen.findByText('重复的单位：甲校')).toBeTruthy();
  expect(screen.getByRole('button', { name: '插入模板' })).toBeDisabled();

  fireEvent.change(units, { target: { value: '甲校，乙校、丙校' } });
  await waitFor(() => expect(screen.getByRole('button', { name: '插入模板' })).toBeEnabled());
  await clickInsert();
  await waitFor(() => expect(screen.getByText(/已插入：单位数据/)).toBeTruthy(), { timeout: 20000 });
  const sheet = fake.sheet('单位数据');
  const names = [...sheet.cells.values()].map((c) => c.value);
  expect(names).toEqual(expect.arrayContaining(['甲校', '乙校', '丙校']));
});

test('choosing indicators narrows the template; none chosen says so', async () => {
  const { registry } = renderPane({ view: 'insert', planId: YJ });
  await view();
  const total = indicatorCount(registry.get(YJ)!);
  fireEvent.click(screen.getByRole('button', { name: /^指标与工作表/ }));
  const label = () => screen.getByText(/指标（已选 \d+ \/ \d+）/).textContent;
  await waitFor(() => expect(label()).toContain(`已选 ${total} / ${total}`));
  const section = screen.getByRole('checkbox', { name: /^学前教育（已选 3 \/ 3）/ });
  fireEvent.click(section);
  await waitFor(() => expect(label()).toContain(`已选 ${total - 3} / ${total}`));
  for (const box of screen.getAllByRole('checkbox', { name: /（已选 \d+ \/ \d+）/ })) {
    if ((box as HTMLInputElement).checked || box.getAttribute('aria-checked') === 'mixed') fireEvent.click(box);
  }
  await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('请至少选择一个指标'));
  expect(screen.getByRole('button', { name: '插入模板' })).toBeDisabled();
});

test('an Excel without ExcelApi 1.4 cannot insert, and the pane says which Excel is needed', async () => {
  renderPane({ view: 'insert', planId: YJ, apiVersion: '1.3' });
  await view();
  expect(screen.getByRole('button', { name: '插入模板' })).toBeDisabled();
  expect(screen.getAllByText(/需要 ExcelApi 1\.4：Excel 2019 或更高版本/).length).toBeGreaterThan(0);
});

test('an Excel without ExcelApi 1.9 inserts, but offers no update in place and says which Excel is needed', async () => {
  const fake = createFakeExcel({ apiVersion: '1.8' });
  renderPane({ view: 'insert', planId: YJ, fake, apiVersion: '1.8' });
  await view();
  await clickInsert();
  await waitFor(() => expect(screen.getByText(/已插入：指标填报/)).toBeTruthy(), { timeout: 20000 });
  await clickInsert();
  const dialog = await screen.findByRole('dialog', {}, { timeout: 20000 });
  expect(dialog.textContent).toMatch(/此 Excel 版本不支持原位更新模板（保留引用模板的公式）（需要 ExcelApi 1\.9/);
  expect(within(dialog).getByRole('button', { name: '更新已有模板', hidden: true })).toBeDisabled();
  expect(within(dialog).getByRole('button', { name: '新增一份', hidden: true })).toBeEnabled();
});

test('the sheet-protection password from Settings is used and announced', async () => {
  const fake = createFakeExcel();
  renderPane({ view: 'insert', planId: YJ, fake, settings: { usePassword: true, password: 's3cret' } });
  await view();
  expect(screen.getByText('工作表将用设置中的密码保护。')).toBeTruthy();
  await act(async () => {
    await clickInsert();
  });
  await waitFor(() => expect(screen.getByText(/已插入/)).toBeTruthy(), { timeout: 20000 });
  expect(fake.sheet('指标填报').protection.password).toBe('s3cret');
});

test('in English the summary, the selection notice and the dialog have no Chinese punctuation', async () => {
  const fake = createFakeExcel();
  ['甲校', '乙校'].forEach((n, i) => fake.typeInto('Sheet1', `A${i + 1}`, n));
  fake.model.select(fake.model.sheets[0], { top: 1, left: 1, bottom: 2, right: 1 });
  renderPane({ view: 'insert', planId: YJ, fake, lang: 'en' });
  await screen.findByRole('combobox', { name: 'Choose a plan' }, { timeout: 20000 });
  const summary = screen.getByTestId('insert-summary');
  await waitFor(() => expect(summary.textContent).toMatch(/^Will insert: .+ · 2025 · \d+ indicators, \d+ inputs · return$/));
  fireEvent.click(screen.getByRole('button', { name: 'Use selected cells' }));
  const notice = await screen.findByText(/The selection holds 2 names/);
  expect(notice.textContent).not.toMatch(/[，。：（）、“”]/);
  fireEvent.click(screen.getByRole('button', { name: 'Switch to unit table' }));
  await waitFor(() => expect(screen.getByRole('button', { name: 'Insert template' })).toBeEnabled(), { timeout: 20000 });
  fireEvent.click(screen.getByRole('button', { name: 'Insert template' }));
  await waitFor(() => expect(screen.getByText(/^Inserted: /)).toBeTruthy(), { timeout: 20000 });
  expect(screen.getByText('Next: fill in the yellow cells, then validate.')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Insert template' }));
  const dialog = await screen.findByRole('dialog', {}, { timeout: 20000 });
  expect(dialog.textContent).toContain('This workbook already has a template of this plan');
  expect(dialog.textContent).not.toMatch(/[，。：（）、“”]/);
  expect(summary.textContent).not.toMatch(/[，。：（）、“”]/);
});
