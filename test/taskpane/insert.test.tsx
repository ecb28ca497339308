/** @jest-environment jsdom */
/**
 * 插入模板: plan, kind, units (typed or from the selection), preview, insert into the fake
 * workbook with progress; new sheets only; a too-old Excel turns insert off with a message.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { indicatorCount } from '../../src/core/plan/registry';
import { createFakeExcel } from '../../src/excel/fake';
import { renderPane } from './helpers';

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
  const preview = screen.getByRole('region', { name: '将新建的工作表' });
  await waitFor(() => expect(preview.textContent).toMatch(/指标填报：\d+ 行 × \d+ 列，\d+ 个填报格/));
  expect(preview.textContent).toContain('不会覆盖已有数据');

  fireEvent.click(screen.getByRole('button', { name: '插入模板' }));
  await waitFor(() => expect(screen.getByText(/已插入：指标填报、规划指标/)).toBeTruthy(), { timeout: 20000 });
  expect(fake.sheetNames()).toEqual(expect.arrayContaining(['Sheet1', '指标填报', '规划指标']));
  expect(fake.view('Sheet1', 1, 1).text).toBe('已有数据');
  expect(fake.view('指标填报', 2, 3).text).toBe('阳江市第一小学');
  expect(fake.model.activeSheet.name).toBe('指标填报');

  // A second insert never overwrites: the new sheets get numbered names.
  fireEvent.click(screen.getByRole('button', { name: '插入模板' }));
  await waitFor(() => expect(screen.getByText(/已插入：指标填报 \(2\)/)).toBeTruthy(), { timeout: 20000 });
});

test('a unit table takes the units from the selected cells and refuses duplicates', async () => {
  const fake = createFakeExcel();
  ['甲校', '乙校', '丙校'].forEach((n, i) => fake.typeInto('Sheet1', `A${i + 1}`, n));
  fake.model.select(fake.model.sheets[0], { top: 1, left: 1, bottom: 3, right: 1 });
  renderPane({ view: 'insert', planId: 'national-yzjh-2017', fake });
  await view();
  fireEvent.click(screen.getByRole('radio', { name: /多单位汇总表/ }));
  // 优质均衡 targets differ by level: a level must be chosen, 小学 first.
  expect(screen.getByRole('combobox', { name: '学段' }).textContent).toBe('小学');
  fireEvent.click(screen.getByRole('button', { name: '读取所选区域' }));
  const units = await screen.findByRole('textbox', { name: /填报单位（3 个单位）/ });
  expect((units as HTMLTextAreaElement).value).toBe('甲校\n乙校\n丙校');

  fireEvent.change(units, { target: { value: '甲校\n乙校\n甲校' } });
  expect(await screen.findByText('重复的单位：甲校')).toBeTruthy();
  expect(screen.getByRole('button', { name: '插入模板' })).toBeDisabled();

  fireEvent.change(units, { target: { value: '甲校，乙校、丙校' } });
  await waitFor(() => expect(screen.getByRole('button', { name: '插入模板' })).toBeEnabled());
  fireEvent.click(screen.getByRole('button', { name: '插入模板' }));
  await waitFor(() => expect(screen.getByText(/已插入：单位数据/)).toBeTruthy(), { timeout: 20000 });
  const sheet = fake.sheet('单位数据');
  const names = [...sheet.cells.values()].map((c) => c.value);
  expect(names).toEqual(expect.arrayContaining(['甲校', '乙校', '丙校']));
});

test('choosing indicators narrows the template; none chosen says so', async () => {
  const { registry } = renderPane({ view: 'insert', planId: YJ });
  await view();
  const total = indicatorCount(registry.get(YJ)!);
  const label = () => screen.getByText(/指标（已选 \d+ \/ \d+）/).textContent;
  expect(label()).toContain(`已选 ${total} / ${total}`);
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

test('the sheet-protection password from Settings is used and announced', async () => {
  const fake = createFakeExcel();
  renderPane({ view: 'insert', planId: YJ, fake, settings: { usePassword: true, password: 's3cret' } });
  await view();
  expect(screen.getByText('工作表将用设置中的密码保护。')).toBeTruthy();
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '插入模板' }));
  });
  await waitFor(() => expect(screen.getByText(/已插入/)).toBeTruthy(), { timeout: 20000 });
  expect(fake.sheet('指标填报').protection.password).toBe('s3cret');
});
