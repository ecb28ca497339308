/**
 * The insert flow end to end in real headless Chromium (Debian's, never downloaded) on the preview
 * host at 320 px, every step with the mouse: the short form with its one-line summary and the
 * 插入模板 button in reach (sticky) however many sections are open; 读取所选区域 on three names
 * asks instead of switching the kind; insert, the next step and 去校验; a second insert of the same
 * plan asks in a dialog (hit-tested: nothing else covers the pane) and updates in place keeping a
 * typed value; updating in English and back keeps a formula on the user's sheet that points at the
 * template (the sheets are renamed, not replaced) and a formula typed into an input cell; a 3,000-unit
 * table shows progress in cells and 取消 leaves the workbook as it was.
 * Screenshots in test-artifacts/screenshots/insert-*.png.
 */
import type { Locator, Page } from 'playwright-core';
import { requireChromium, usePreviewPage } from './preview-page';

jest.setTimeout(300_000);

requireChromium();

describe('the insert flow with the mouse, in Chromium at 320 px', () => {
  const preview = usePreviewPage({ shotPrefix: 'insert-', timeout: 60_000, ready: (p) => p.pane.getByRole('tab', { name: '计划库' }).waitFor() });
  let page: Page;
  let pane: Locator;
  beforeAll(() => {
    ({ page, pane } = preview);
  });
  const pageErrors = preview.pageErrors;

  afterEach(() => expect(pageErrors).toEqual([]));

  const shot = preview.shot;

  /** The element is inside the pane's visible area (not scrolled away, not under the bottom edge). */
  async function inView(target: Locator) {
    const box = (await target.boundingBox())!;
    const paneBox = (await page.locator('#pane-main').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(paneBox.y - 1);
    expect(box.y + box.height).toBeLessThanOrEqual(paneBox.y + paneBox.height + 1);
    // And it is what the mouse reaches there.
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('button')?.textContent ?? '', [box.x + box.width / 2, box.y + box.height / 2]);
    expect(hit).toBe(await target.textContent());
  }

  /** With a dialog open, points over the pane reach the dialog or its backdrop's pane, never a blank layer. */
  async function dialogReachable() {
    const dialog = page.getByRole('dialog');
    const box = (await dialog.boundingBox())!;
    expect(box.width).toBeGreaterThan(200);
    expect(box.width).toBeLessThanOrEqual(1280);
    const hits = await page.evaluate(([x, y, w, h]) => {
      const out: string[] = [];
      for (const fx of [0.2, 0.5, 0.8]) for (const fy of [0.2, 0.5, 0.8]) out.push(document.elementFromPoint(x + w * fx, y + h * fy)?.closest('[role="dialog"]') ? 'dialog' : 'other');
      return out;
    }, [box.x, box.y, box.width, box.height]);
    expect(hits.every((h) => h === 'dialog')).toBe(true);
  }

  async function typeInto(address: string, text: string) {
    await page.locator(`td[data-address="${address}"]`).click();
    await page.keyboard.press('F2');
    await page.getByRole('textbox', { name: `编辑 ${address} / Edit ${address}` }).fill(text);
    await page.keyboard.press('Enter');
  }

  async function sheetTabs(): Promise<string[]> {
    return page.locator('.sheet-tabs [role="tab"]').allTextContents();
  }

  test('short form, summary line, the button in reach however long the form', async () => {
    expect(await pane.evaluate((el) => el.clientWidth)).toBe(320);
    await pane.getByRole('tab', { name: '插入模板' }).click();
    const summary = pane.getByTestId('insert-summary');
    // Built in the template worker: the line fills in once the spec is there.
    await summary.filter({ hasText: /个填报项/ }).waitFor();
    await expect(summary.textContent()).resolves.toMatch(/^将插入：.+ · \d{4} 年 · \d+ 个指标，\d+ 个填报项 · 单位填报表$/);
    const button = pane.getByRole('button', { name: '插入模板', exact: true });
    await inView(button);
    await shot('01-short-form');
    // Open the indicators and every section: the form grows, the button stays at the bottom of the pane.
    await pane.getByRole('button', { name: /^指标与工作表/ }).click();
    for (const header of await pane.locator('.fui-AccordionHeader__button').all()) await header.click();
    const main = page.locator('#pane-main');
    expect(await main.evaluate((el) => el.scrollHeight > el.clientHeight * 2)).toBe(true);
    await main.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    await inView(button);
    await shot('02-long-form-sticky-footer');
    await main.evaluate((el) => el.scrollTo({ top: 0 }));
    await pane.getByRole('button', { name: /^指标与工作表/ }).click();
  });

  test('读取所选区域 with three names asks; 保持当前 keeps the return', async () => {
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    for (const [i, name] of ['甲校', '乙校', '丙校'].entries()) await typeInto(`A${i + 1}`, name);
    await page.locator('td[data-address="A1"]').click();
    await page.locator('td[data-address="A3"]').click({ modifiers: ['Shift'] });
    await pane.getByRole('button', { name: '读取所选区域' }).click();
    await pane.getByText(/所选区域有 3 个名称（甲校、乙校、丙校）/).waitFor();
    expect(await pane.getByRole('radio', { name: /单位填报表/ }).isChecked()).toBe(true);
    await shot('03-selection-notice');
    await pane.getByRole('button', { name: /保持当前（只用“甲校”）/ }).click();
    expect(await pane.getByRole('radio', { name: /单位填报表/ }).isChecked()).toBe(true);
    await expect(pane.getByRole('textbox', { name: /填报单位名称/ }).inputValue()).resolves.toBe('甲校');
  });

  test('inserts; the next step is one line with 去校验', async () => {
    await pane.getByRole('button', { name: '插入模板', exact: true }).click();
    await pane.getByText(/已插入：指标填报、规划指标/).waitFor();
    await pane.getByText('下一步：在黄色单元格中填写数据，然后校验。').waitFor();
    await inView(pane.getByRole('button', { name: '去校验' }));
    await shot('04-inserted-next-step');
  });

  test('a second insert asks; 更新已有模板 keeps the typed value and leaves one template', async () => {
    const input = (await page.locator('td[data-locked="false"]').first().getAttribute('data-address'))!;
    await typeInto(input, '1234');
    await pane.getByRole('button', { name: '插入模板', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('已填 1 个数值');
    await dialogReachable();
    await page.waitForTimeout(500); // the dialog's opening animation
    await shot('05-update-or-copy-dialog');
    await dialog.getByRole('button', { name: '更新已有模板' }).click();
    await pane.getByText(/已更新：指标填报、规划指标（带入 1 个已填数值）/).waitFor();
    expect((await sheetTabs()).filter((n) => /指标填报|规划指标/.test(n))).toEqual(['指标填报', '规划指标']);
    await page.getByRole('tab', { name: '指标填报' }).click();
    await expect(page.locator(`td[data-address="${input}"]`).textContent()).resolves.toBe('1234');
    await shot('06-updated');
  });

  test('updating in the other language and back: a formula on Sheet1 pointing at the template keeps its value, a formula typed into an input cell stays a formula', async () => {
    await page.getByRole('tab', { name: '指标填报' }).click();
    const input = (await page.locator('td[data-locked="false"]').first().getAttribute('data-address'))!;
    const column = input.replace(/\d+$/, '');
    const cells = await page.locator('td[data-locked="false"]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-address') ?? ''));
    const second = cells.find((a) => a !== input && a.replace(/\d+$/, '') === column)!;
    expect(second).toBeDefined();
    // The user's own sheet: a number, and a formula on the template's input cell.
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    await typeInto('D1', '5');
    await typeInto('C1', `='指标填报'!${input}*2`);
    await expect(page.locator('td[data-address="C1"]').textContent()).resolves.toBe('2468');
    // A formula typed into a second input cell, pointing at the user's sheet.
    await page.getByRole('tab', { name: '指标填报' }).click();
    await typeInto(second, '=Sheet1!D1*10');
    await expect(page.locator(`td[data-address="${second}"]`).textContent()).resolves.toBe('50');

    // English: the template is updated in place; its sheets are renamed, the user's formula follows.
    await pane.getByRole('button', { name: '设置' }).click();
    await pane.getByRole('radio', { name: 'English' }).click();
    await pane.getByRole('tab', { name: 'Template' }).click();
    await pane.getByRole('button', { name: 'Insert template', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Update it' }).click();
    await pane.getByText(/Updated: Return, Plan \(2 filled values carried over\)/).waitFor();
    expect((await sheetTabs()).filter((n) => /指标填报|规划指标|Return|Plan/.test(n))).toEqual(['Return', 'Plan']);
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    await expect(page.locator('td[data-address="C1"]').textContent()).resolves.toBe('2468');
    await page.locator('td[data-address="C1"]').click();
    await expect(page.getByRole('textbox', { name: '编辑栏 / Formula bar' }).inputValue()).resolves.toBe(`=Return!${input}*2`);
    await shot('06b-updated-english-user-formula');
    await page.getByRole('tab', { name: 'Return' }).click();
    await page.locator(`td[data-address="${second}"]`).click();
    await expect(page.getByRole('textbox', { name: '编辑栏 / Formula bar' }).inputValue()).resolves.toBe('=Sheet1!D1*10');
    await expect(page.locator(`td[data-address="${second}"]`).textContent()).resolves.toBe('50');
    // The formula carried still computes: the user changes D1, the input follows.
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    await typeInto('D1', '6');
    await page.getByRole('tab', { name: 'Return' }).click();
    await expect(page.locator(`td[data-address="${second}"]`).textContent()).resolves.toBe('60');
    await shot('06c-updated-english-input-formula');

    // And back to Chinese: the same sheets renamed again, nothing broken.
    await pane.getByRole('button', { name: 'Settings' }).click();
    await pane.getByRole('radio', { name: '中文' }).click();
    await pane.getByRole('tab', { name: '插入模板' }).click();
    await pane.getByRole('button', { name: '插入模板', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '更新已有模板' }).click();
    await pane.getByText(/已更新：指标填报、规划指标（带入 2 个已填数值）/).waitFor();
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    await expect(page.locator('td[data-address="C1"]').textContent()).resolves.toBe('2468');
    await page.locator('td[data-address="C1"]').click();
    await expect(page.getByRole('textbox', { name: '编辑栏 / Formula bar' }).inputValue()).resolves.toBe(`=指标填报!${input}*2`);
    expect(await page.locator('td').filter({ hasText: '#REF!' }).count()).toBe(0);
    await shot('06d-updated-back-user-formula');
  });

  test('a 3,000-unit table: progress in cells, 取消 leaves the workbook as it was', async () => {
    // 优质均衡 for 小学: about 20 cells per school, so 3,000 schools are some 60,000 cells.
    await pane.getByRole('combobox', { name: '选择计划' }).click();
    await page.getByRole('listbox').getByRole('option', { name: /县域义务教育优质均衡发展督导评估办法/ }).click();
    await pane.getByRole('radio', { name: /多单位汇总表/ }).click();
    const names = Array.from({ length: 3000 }, (_, i) => `第${i + 1}学校`).join('\n');
    await pane.getByRole('textbox', { name: /填报单位/ }).fill(names);
    await pane.getByTestId('insert-summary').getByText(/单位表 3000 个单位/).waitFor();
    const before = await sheetTabs();
    // Long tasks while the insert runs (the page's own measure of a stalled pane).
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(Math.round(e.duration)))).observe({ type: 'longtask' });
    });
    await pane.getByRole('button', { name: '插入模板', exact: true }).click();
    const status = pane.getByText(/正在准备单元格… [\d,]+ \/ [\d,]+|Excel 正在写入/);
    await status.waitFor();
    await shot('07-progress');
    await pane.getByRole('button', { name: '取消' }).click();
    const text = await pane.locator('.fui-Field__validationMessage').first().textContent().catch(() => '');
    console.log(`progress seen: ${text}`);
    await shot('08-cancelled');
    await pane.getByText('已取消，工作簿未作任何更改').waitFor();
    expect(await sheetTabs()).toEqual(before);
    const long = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(`long tasks during the cancelled insert (ms): ${long.join(', ') || 'none'}`);
  });

  test('去校验 goes to the validate view', async () => {
    await pane.getByRole('combobox', { name: '选择计划' }).click();
    await page.getByRole('listbox').getByRole('option', { name: /百县千镇万村/ }).click();
    await pane.getByRole('radio', { name: /单位填报表/ }).click();
    await pane.getByRole('textbox', { name: /填报单位名称/ }).fill('乙校');
    await pane.getByRole('button', { name: '插入模板', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '新增一份' }).click();
    await pane.getByText(/已插入：指标填报 \(2\)/).waitFor();
    await pane.getByRole('button', { name: '去校验' }).click();
    await pane.getByRole('button', { name: '校验', exact: true }).waitFor();
    await shot('09-validate-after-next-step');
  });
});
