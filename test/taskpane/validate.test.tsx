/** @jest-environment jsdom */
/**
 * 校验: run on the fake workbook, issues grouped by severity with counts, filter, click to
 * select the cell, accept a fix (and only then is a typed value changed), clear marks, re-run,
 * and the ribbon's 校验 command.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { requestNavigation } from '../../src/taskpane/app/nav';
import { MARK_COLOR, MARK_COLORS, type MarkKind } from '../../src/core/validate/marks';
import { renderPane } from './helpers';
import { RETURN_SHEET, yangjiangReturn } from './workbook';
import { loadShippedPlans } from '../../src/node/seeds';
import { buildTemplate } from '../../src/core/template/build';
import { insertTemplate } from '../../src/excel';
import { createFakeExcel } from '../../src/excel/fake';

// Each test validates a 91-indicator return (twice when a fix is accepted) and renders ~100 issues in jsdom.
jest.setTimeout(180_000);

beforeEach(() => localStorage.clear());

async function runValidation() {
  // The view is loaded on demand: wait for its button.
  fireEvent.click(await screen.findByRole('button', { name: '校验' }, { timeout: 20000 }));
  await waitFor(() => expect(screen.getByTestId('issues-summary').textContent).toMatch(/^\d+ 个错误/), { timeout: 30000 });
  // Only the counts that are not zero are said (never "0 个已说明", "0 条说明").
  expect(screen.getByTestId('issues-summary').textContent).not.toMatch(/(^|[^\d])0 (个|条)|（0 /);
}

async function runValidationStarted() {
  fireEvent.click(await screen.findByRole('button', { name: '校验' }, { timeout: 20000 }));
}

function group(name: RegExp) {
  return screen.getByRole('region', { name });
}

test('lists the issues grouped by severity, marks the cells and writes the review sheet', async () => {
  const { fake, cells } = await yangjiangReturn();
  renderPane({ view: 'validate', fake });
  expect(await screen.findByText(/不会修改已填的数值/, {}, { timeout: 20000 })).toBeTruthy();
  await runValidation();

  const errors = group(/^强制（错误） \(\d+\)$/);
  const part = within(errors).getAllByRole('listitem').find((li) => li.getAttribute('data-issue-code') === 'part-exceeds-total');
  expect(part?.textContent).toContain(cells['规范化幼儿园在园幼儿数']);
  expect(part?.textContent).toMatch(/1,250 大于 .*1,200/);
  const typeError = within(errors).getAllByRole('listitem').find((li) => li.getAttribute('data-issue-code') === 'type-error');
  expect(typeError?.getAttribute('data-cell')).toBe(cells['适龄残疾儿童少年数']);
  const notes = group(/^说明（已按规范读取） \(\d+\)$/);
  expect(within(notes).getByText(/建议改为：70/)).toBeTruthy();

  // Cells are marked, a review sheet is written, and no typed value changed.
  expect(fake.view(RETURN_SHEET, Number(cells['适龄残疾儿童少年数'].slice(1)), 7).fill).toBe('#FFC7CE');
  expect(fake.sheetNames()).toContain('审核结果');
  expect(screen.getByText(/审核结果已写入“审核结果”工作表/)).toBeTruthy();
  expect(fake.cell(RETURN_SHEET, cells['专科及以上学历幼儿园专任教师数'])?.value).toBe('７０');
});

test('clicking an issue selects its cell; accepting a fix writes the number and re-validates', async () => {
  const { fake, cells } = await yangjiangReturn();
  renderPane({ view: 'validate', fake });
  await runValidation();
  const target = cells['规范化幼儿园在园幼儿数'];
  fireEvent.click(screen.getAllByRole('button', { name: new RegExp(`定位到 ${RETURN_SHEET}!${target}`) })[0]);
  await waitFor(() => expect(fake.model.selection.sheet.name).toBe(RETURN_SHEET));
  const sel = fake.model.selection.box;
  expect(`G${sel.top}`).toBe(target);

  const fixCell = cells['专科及以上学历幼儿园专任教师数'];
  fireEvent.click(screen.getByRole('button', { name: '接受修正' }));
  await waitFor(() => expect(screen.getByText(`已将 ${fixCell} 改为 70。`)).toBeTruthy(), { timeout: 30000 });
  expect(fake.cell(RETURN_SHEET, fixCell)?.value).toBe(70);
  await waitFor(() => expect(screen.queryByRole('button', { name: '接受修正' })).toBeNull(), { timeout: 30000 });
});

test('filters by severity and by text', async () => {
  const { fake, cells } = await yangjiangReturn();
  // An implausible gross ratio (a warning), so there is a severity besides the errors to filter on.
  expect(fake.typeInto(RETURN_SHEET, cells['在园幼儿总数'], '3000', { paste: true }).ok).toBe(true);
  renderPane({ view: 'validate', fake });
  await runValidation();
  fireEvent.click(screen.getByRole('button', { name: /^提示 [1-9]\d*$/ }));
  expect(screen.queryByRole('region', { name: /^强制（错误）/ })).toBeNull();
  expect(screen.getAllByRole('listitem').filter((li) => li.hasAttribute('data-issue-code')).length).toBeGreaterThan(0);
  fireEvent.click(screen.getByRole('button', { name: /^全部 \d+$/ }));
  fireEvent.change(screen.getByRole('searchbox', { name: '筛选问题' }), { target: { value: '适龄残疾儿童少年数' } });
  // Every issue card left (the legend of the cell marks is not filtered; values not filled in are collapsed per unit).
  const items = screen.getAllByRole('listitem').filter((li) => li.hasAttribute('data-issue-code'));
  expect(items.length).toBeGreaterThan(0);
  for (const li of items) expect(li.textContent).toContain('适龄残疾儿童少年数');
  expect(screen.queryByText(/规范化幼儿园在园幼儿数/)).toBeNull();
});

test('clearing marks puts the cells back as they were', async () => {
  const { fake, cells } = await yangjiangReturn();
  const row = Number(cells['适龄残疾儿童少年数'].slice(1));
  const before = fake.view(RETURN_SHEET, row, 7).fill;
  renderPane({ view: 'validate', fake });
  await runValidation();
  expect(fake.view(RETURN_SHEET, row, 7).fill).not.toBe(before);
  fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
  await waitFor(() => expect(screen.getByText(/已清除单元格标记/)).toBeTruthy());
  expect(fake.view(RETURN_SHEET, row, 7).fill).toBe(before);
});

test('the ribbon 校验 command opens this view and runs validation', async () => {
  const { fake } = await yangjiangReturn();
  renderPane({ view: 'library', fake });
  act(() => requestNavigation({ view: 'validate', run: 'validate' }));
  expect(screen.getByRole('tab', { name: /校验/, selected: true })).toBeTruthy();
  await waitFor(() => expect(screen.getByTestId('issues-summary').textContent).toMatch(/^\d+ 个错误/), { timeout: 30000 });
});

test('a workbook without a template says so once, with the way to insert one', async () => {
  renderPane({ view: 'validate' });
  await runValidationStarted();
  await waitFor(() => expect(screen.getByText('本工作簿中还没有模板，先插入一个。')).toBeTruthy());
  expect(screen.getAllByText(/没有模板/)).toHaveLength(1);
  fireEvent.click(screen.getByRole('button', { name: '插入模板' }));
  expect(screen.getByRole('tab', { name: /插入模板/, selected: true })).toBeTruthy();
});

test('errors come first; values not filled in are collapsed per unit and open onto their cells', async () => {
  const { fake } = await yangjiangReturn();
  renderPane({ view: 'validate', fake });
  await runValidation();
  const regions = screen.getAllByRole('region').map((r) => r.getAttribute('aria-label') ?? '');
  expect(regions[0]).toMatch(/^强制（错误） \(\d+\)$/);
  expect(regions[1]).toMatch(/^未填 \(\d+\)$/);
  const errors = within(screen.getByRole('region', { name: /^强制（错误）/ })).getAllByRole('listitem');
  // Wrong values first, then numbers that disagree (part > total); no missing value among them.
  const codes = errors.map((li) => li.getAttribute('data-issue-code'));
  expect(codes).not.toContain('required-missing');
  expect(codes.indexOf('type-error')).toBeLessThan(codes.indexOf('part-exceeds-total'));
  // One cell reference per card.
  const card = errors.find((li) => li.getAttribute('data-issue-code') === 'part-exceeds-total')!;
  const cell = card.getAttribute('data-cell')!;
  expect(card.textContent!.split(cell).length - 1).toBe(1);
  // The missing values of the one school: one line, expandable onto each cell.
  const missing = within(screen.getByRole('region', { name: /^未填/ }));
  const head = missing.getByRole('button', { name: /阳江市第一小学：\d+ 项未填/ });
  expect(head.getAttribute('aria-expanded')).toBe('false');
  fireEvent.click(head);
  const goto = missing.getAllByRole('button', { name: /^定位到 指标填报!/ });
  expect(goto.length).toBeGreaterThan(0);
  fireEvent.click(goto[0]);
  await waitFor(() => expect(fake.model.selection.sheet.name).toBe(RETURN_SHEET));
});

test('in English the list and messages are English', async () => {
  const { fake } = await yangjiangReturn();
  renderPane({ view: 'validate', fake, lang: 'en' });
  fireEvent.click(await screen.findByRole('button', { name: 'Validate' }, { timeout: 20000 }));
  await waitFor(() => expect(screen.getByTestId('issues-summary').textContent).toMatch(/^\d+ errors?\b/), { timeout: 30000 });
  expect(screen.getByTestId('issues-summary').textContent).not.toMatch(/(^|[^\d])0 |\(0 /);
  expect(screen.getByRole('region', { name: /^Errors \(must fix\)/ }).textContent).toMatch(/greater than|exceed|more than/i);
});

test('the review sheet follows the template language: an English template gets "Review" in English, whatever the pane language', async () => {
  const plan = loadShippedPlans().find((p) => p.id === 'yangjiang-2021-2025')!;
  const fake = createFakeExcel();
  await insertTemplate(fake.host, (existing) => buildTemplate(plan, { units: ['School A'], year: 2025, lang: 'en', existingSheetNames: existing.sheetNames }));
  expect(fake.sheetNames()).toEqual(expect.arrayContaining(['Return', 'Plan']));
  renderPane({ view: 'validate', fake });
  await runValidation();
  expect(fake.sheetNames()).toContain('Review');
  expect(fake.sheetNames()).not.toContain('审核结果');
  expect(fake.sheet('Review').get(2, 1)?.value).toBe('No.');
});

test('a legend says what each cell mark means, in the colours the cells were given; none once the marks are cleared', async () => {
  const { fake, cells } = await yangjiangReturn();
  // 3,000 children in kindergarten for 1,150 aged 3–5: a gross ratio of 261 %, implausible (a warning).
  const total = cells['在园幼儿总数'];
  expect(fake.typeInto(RETURN_SHEET, total, '3000', { paste: true }).ok).toBe(true);
  renderPane({ view: 'validate', fake });
  await runValidation();
  const legend = screen.getByRole('list', { name: '单元格标记' });
  const items = within(legend).getAllByRole('listitem').filter((li) => li.hasAttribute('data-mark'));
  expect(items.map((li) => [li.getAttribute('data-mark'), li.textContent])).toEqual([
    ['error', '错误'],
    ['missing', '未填'],
    ['warning', '提示'],
  ]);
  // Each swatch is the fill the marks use (jsdom reports it as rgb()).
  const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
  for (const li of items) expect((li.querySelector('span') as HTMLElement).style.backgroundColor).toBe(rgb(MARK_COLOR[li.getAttribute('data-mark') as MarkKind]));
  // The implausible ratio marks the inputs it is made of with the warning fill.
  expect(fake.view(RETURN_SHEET, Number(total.slice(1)), 7).fill).toBe(MARK_COLORS.warning);
  expect(MARK_COLORS.warning).not.toBe('#FFEB9C'); // the old warning fill, too close to the input yellow
  fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
  await waitFor(() => expect(screen.getByText(/已清除单元格标记/)).toBeTruthy());
  expect(screen.queryByTestId('mark-legend')).toBeNull();
});

test('a severity with no issue gets no filter button; one appears when a run finds it', async () => {
  const { fake, cells } = await yangjiangReturn();
  renderPane({ view: 'validate', fake });
  await runValidation();
  const buttons = () => within(screen.getByRole('group', { name: '按严重程度筛选' })).getAllByRole('button').map((b) => b.textContent);
  expect(buttons()).toEqual([expect.stringMatching(/^全部 \d+$/), expect.stringMatching(/^错误 \d+$/)]);
  // An implausible gross ratio (3,000 children for 1,150 aged 3–5) is a warning: now there is one to filter.
  expect(fake.typeInto(RETURN_SHEET, cells['在园幼儿总数'], '3000', { paste: true }).ok).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: /^重新校验|^校验$/ }));
  await waitFor(() => expect(buttons()).toHaveLength(3));
  expect(buttons()[2]).toMatch(/^提示 [1-9]\d*$/);
});
