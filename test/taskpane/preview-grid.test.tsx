/** @jest-environment jsdom */
/**
 * The preview host's grid view of the fake workbook: cells with their formats, typing with
 * Excel's rules (locked cells refused, data validation alerts, paste bypassing validation),
 * selection shared with the add-in (读取所选区域, clicking an issue), sheet tabs.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { GridView } from '../../src/taskpane/preview/GridView';
import { buildGridView } from '../../src/taskpane/preview/gridModel';
import { createFakeExcel, type FakeExcel } from '../../src/excel/fake';
import { installDomShims } from './helpers';
import { RETURN_SHEET, inputCell, yangjiangReturn } from './workbook';

function Harness({ fake }: { fake: FakeExcel }) {
  const [v, setV] = useState(0);
  useEffect(() => fake.subscribe(() => setV((x) => x + 1)), [fake]);
  return <GridView fake={fake} version={v} onChanged={() => setV((x) => x + 1)} />;
}

function cell(address: string): HTMLElement {
  return document.querySelector(`td[data-address="${address}"]`) as HTMLElement;
}

beforeAll(installDomShims);

test('typing into a cell stores it with Excel typing rules and shows it', () => {
  const fake = createFakeExcel();
  render(<Harness fake={fake} />);
  fireEvent.mouseDown(cell('B2'));
  const grid = screen.getByRole('region', { name: /工作表 Sheet1/ });
  fireEvent.keyDown(grid, { key: '4' });
  const editor = screen.getByRole('textbox', { name: /编辑 B2/ });
  fireEvent.change(editor, { target: { value: '42' } });
  fireEvent.keyDown(editor, { key: 'Enter' });
  expect(fake.cell('Sheet1', 'B2')?.value).toBe(42);
  expect(cell('B2').textContent).toBe('42');
  expect(screen.getByTestId('name-box').textContent).toBe('B3');
  // The formula bar shows a formula, the cell its result.
  fireEvent.mouseDown(cell('C2'));
  fireEvent.keyDown(grid, { key: 'F2' });
  const e2 = screen.getByRole('textbox', { name: /编辑 C2/ });
  fireEvent.change(e2, { target: { value: '=B2*2' } });
  fireEvent.keyDown(e2, { key: 'Enter' });
  expect(cell('C2').textContent).toBe('84');
  fireEvent.mouseDown(cell('C2'));
  expect((screen.getByRole('textbox', { name: /编辑栏/ }) as HTMLInputElement).value).toBe('=B2*2');
});

test('a template: locked cells refuse typing, validation alerts a bad entry, paste goes through', async () => {
  const { fake } = await yangjiangReturn();
  render(<Harness fake={fake} />);
  const grid = screen.getByRole('region', { name: new RegExp(`工作表 ${RETURN_SHEET}`) });
  const view = buildGridView(fake, fake.sheet(RETURN_SHEET));
  expect(view.protected).toBe(true);
  // A label cell is locked.
  fireEvent.mouseDown(cell('B9'));
  fireEvent.keyDown(grid, { key: 'x' });
  fireEvent.keyDown(screen.getByRole('textbox', { name: /编辑 B9/ }), { key: 'Enter' });
  expect(screen.getByRole('status').textContent).toMatch(/受保护/);
  expect(fake.view(RETURN_SHEET, 9, 2).text).toBe('在园幼儿总数');
  // An input refuses text that is no number (its data validation), but a paste bypasses it, as in Excel.
  const total = inputCell(fake, '在园幼儿总数');
  fireEvent.mouseDown(cell(total));
  fireEvent.keyDown(grid, { key: 'F2' });
  const editor = screen.getByRole('textbox', { name: new RegExp(`编辑 ${total}`) });
  fireEvent.change(editor, { target: { value: 'abc' } });
  fireEvent.keyDown(editor, { key: 'Enter' });
  expect(fake.cell(RETURN_SHEET, total)?.value).toBe(1200);
  expect(screen.getByRole('status').textContent).not.toBe('');
  fireEvent.mouseDown(cell(total));
  act(() => {
    const e = new Event('paste', { bubbles: true }) as Event & { clipboardData?: unknown };
    e.clipboardData = { getData: () => '１２３４\n' };
    grid.dispatchEvent(e);
  });
  expect(fake.cell(RETURN_SHEET, total)?.value).toBe('１２３４');
  // Input cells look like input cells (unlocked, filled).
  expect(cell(total).getAttribute('data-locked')).toBe('false');
  expect(cell(total).style.background).not.toBe('');
});

test('sheet tabs switch sheets; the add-in selecting a cell moves the grid selection', async () => {
  const { fake } = await yangjiangReturn();
  render(<Harness fake={fake} />);
  fireEvent.click(screen.getByRole('tab', { name: '规划指标' }));
  expect(fake.model.activeSheet.name).toBe('规划指标');
  expect(screen.getByRole('tab', { name: '规划指标' }).getAttribute('aria-selected')).toBe('true');
  await act(async () => {
    await fake.host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(RETURN_SHEET).activate();
      ctx.workbook.worksheets.getItem(RETURN_SHEET).getRange('G11').select();
      await ctx.sync();
    });
    fake.changed();
  });
  expect(screen.getByTestId('name-box').textContent).toBe('G11');
  expect(cell('G11').className).toContain('active');
  // The metadata sheet is very hidden: no tab.
  expect(screen.queryByRole('tab', { name: /_edu_meta/ })).toBeNull();
});
