/** @jest-environment jsdom */
/**
 * 导出计划到工作表 / 从工作表导入计划 in the pane, on the preview's fake workbook: a plan goes out
 * to definition sheets and comes back as an imported plan kept in the workbook; a broken sheet
 * lists its problems by sheet and cell.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { readStoredPlan, storePlanInWorkbook } from '../../src/excel/plan-definition';
import { createFakeExcel } from '../../src/excel/fake';
import { loadShippedPlans } from '../../src/node/seeds';
import { renderPane } from './helpers';

// Each test drives the whole pane (lazy views, plan export and import through the fake): give it room on a busy machine.
jest.setTimeout(180_000);

beforeEach(() => localStorage.clear());

test('export a plan to sheets, edit its title there, import it back: the library has it and the workbook keeps it', async () => {
  const { fake, registry } = renderPane();
  fireEvent.click(await screen.findByRole('button', { name: /县域学前教育普及普惠督导评估办法/ }, { timeout: 20000 }));
  fireEvent.click(screen.getByRole('button', { name: '导出计划到工作表' }));
  expect(await screen.findByText(/已写入 \d+ 张计划定义工作表/, undefined, { timeout: 20000 })).toBeTruthy();
  expect(fake.sheetNames()).toEqual(expect.arrayContaining(['计划', '指标', '输入项']));
  // a bureau adapts it: its own id and title
  await fake.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('计划');
    ws.getRange('C2').values = [['my-county-ppph']];
    ws.getRange('C5').values = [['本县学前教育普及普惠计划']];
  });
  fireEvent.click(screen.getByRole('button', { name: '返回' }));
  fireEvent.click(await screen.findByRole('button', { name: '从工作表导入计划' }, { timeout: 20000 }));
  expect(await screen.findByText(/已导入「本县学前教育普及普惠计划」/, undefined, { timeout: 20000 })).toBeTruthy();
  expect(registry.get('my-county-ppph')?.title.zh).toBe('本县学前教育普及普惠计划');
  expect((await readStoredPlan(fake.host))?.id).toBe('my-county-ppph');
});

test('a broken definition sheet lists every problem by sheet and cell; nothing is imported', async () => {
  const { fake, registry } = renderPane();
  fireEvent.click(await screen.findByRole('button', { name: /县域学前教育普及普惠督导评估办法/ }, { timeout: 20000 }));
  fireEvent.click(screen.getByRole('button', { name: '导出计划到工作表' }));
  await screen.findByText(/已写入/, undefined, { timeout: 20000 });
  await fake.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('计划');
    ws.getRange('C2').values = [['Bad Id']];
    ws.getRange('C3').values = [['']];
  });
  const before = registry.list().length;
  fireEvent.click(screen.getByRole('button', { name: '返回' }));
  fireEvent.click(await screen.findByRole('button', { name: '从工作表导入计划' }, { timeout: 20000 }));
  expect(await screen.findByText('计划定义有误，未导入', undefined, { timeout: 20000 })).toBeTruthy();
  const text = document.getElementById('pane-main')!.textContent!;
  expect(text).toContain('计划!C2（第 2 行，计划 id）');
  expect(text).toContain('计划!C3（第 3 行，版本）');
  await waitFor(() => expect(registry.list().length).toBe(before));
});

test('a workbook without definition sheets says how to make them', async () => {
  renderPane();
  fireEvent.click(await screen.findByRole('button', { name: '从工作表导入计划' }, { timeout: 20000 }));
  expect(await screen.findByText(/没有计划定义工作表/, undefined, { timeout: 20000 })).toBeTruthy();
});

test('a plan kept in the workbook joins the library when the pane opens', async () => {
  const fake = createFakeExcel();
  const plan = JSON.parse(JSON.stringify(loadShippedPlans().find((p) => p.id === 'national-ppph-2020')!)) as ReturnType<typeof loadShippedPlans>[number];
  plan.id = 'kept-in-workbook';
  plan.title = { zh: '工作簿中保存的计划', en: 'A plan kept in the workbook' };
  await storePlanInWorkbook(fake.host, plan);
  const { registry } = renderPane({ fake });
  await waitFor(() => expect(registry.get('kept-in-workbook')?.title.zh).toBe('工作簿中保存的计划'), { timeout: 20000 });
  expect(await screen.findByText('工作簿中保存的计划', undefined, { timeout: 20000 })).toBeTruthy();
});
