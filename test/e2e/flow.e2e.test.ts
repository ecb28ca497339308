/**
 * The whole flow with the mouse in real headless Chromium (Debian's, never downloaded), on the
 * preview host with the pane at 320 px: validate an empty workbook (one message, a button to
 * 插入模板) → choose the 阳江 plan → insert a return → fill it (a gross ratio far above plausible,
 * a part above its total) → validate → the marks sit on the input cells, never on the locked
 * formula cell → click a 未填 (missing) card's cell button and the selection moves there → the
 * dashboard (tiles say what they count, labelled numbers, a legend, no column of empty bars) →
 * English (no Chinese punctuation in the pane, an English template gets English sheet names,
 * the 汇总 view too). Screenshots: test-artifacts/screenshots/flow-*.png.
 */
import type { Locator, Page } from 'playwright-core';
import { MARK_COLOR } from '../../src/core/validate/marks';
import { requireChromium, usePreviewPage } from './preview-page';

jest.setTimeout(300_000);

requireChromium();

/** The mark colours as the grid paints them (one table in core: src/core/validate/marks.ts), as CSS reports them. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const ERROR_FILL = rgb(MARK_COLOR.error);
const WARNING_FILL = rgb(MARK_COLOR.warning);
const MISSING_FILL = rgb(MARK_COLOR.missing);
const CHINESE_PUNCTUATION = /[，（）：、；。]/g;

describe('plan → insert → fill → validate → go to a cell → dashboard → English, with the mouse at 320 px', () => {
  const preview = usePreviewPage({ shotPrefix: 'flow-', timeout: 60_000, ready: (p) => p.pane.getByRole('tab', { name: '计划库' }).waitFor() });
  let page: Page;
  let pane: Locator;
  beforeAll(() => {
    ({ page, pane } = preview);
  });
  const pageErrors = preview.pageErrors;
  const cells: Record<string, string> = {};

  afterEach(() => expect(pageErrors).toEqual([]));

  const shot = preview.shot;

  /** The pane is 320 px and nothing in it is wider. */
  async function fitsPane() {
    const m = await page.evaluate(() => {
      const aside = document.querySelector('[data-testid="task-pane"]') as HTMLElement;
      const main = document.getElementById('pane-main') as HTMLElement;
      return { width: aside.clientWidth, scroll: main.scrollWidth, client: main.clientWidth };
    });
    expect(m.width).toBe(320);
    expect(m.scroll).toBeLessThanOrEqual(m.client + 1);
  }

  async function inputCell(label: string): Promise<string> {
    const address = await page.evaluate((text) => {
      const labelCell = [...document.querySelectorAll('td[data-address]')].find((td) => td.textContent === text);
      return labelCell?.parentElement?.querySelector('td[data-locked="false"]')?.getAttribute('data-address') ?? null;
    }, label);
    if (!address) throw new Error(`no input cell on the row of ${label}`);
    return address;
  }

  async function typeInto(address: string, text: string) {
    await page.locator(`td[data-address="${address}"]`).click();
    await page.keyboard.press('F2');
    await page.getByRole('textbox', { name: `编辑 ${address} / Edit ${address}` }).fill(text);
    await page.keyboard.press('Enter');
  }

  /** Locked cells of the sheet shown painted in a mark colour (the template's own legend has some). */
  const lockedInMarkColours = () =>
    page.evaluate((fills) => {
      return [...document.querySelectorAll<HTMLElement>('td[data-address]')]
        .filter((td) => fills.includes(getComputedStyle(td).backgroundColor) && td.getAttribute('data-locked') === 'true')
        .map((td) => td.getAttribute('data-address')!);
    }, [ERROR_FILL, WARNING_FILL, MISSING_FILL]);
  let lockedBefore: string[] = [];

  const fillOf = (address: string) => page.locator(`td[data-address="${address}"]`).evaluate((td) => getComputedStyle(td).backgroundColor);

  /** The search box's placeholder is drawn whole inside the box (not cut off at 320 px). */
  async function placeholderFits(box: Locator) {
    const m = await box.evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const c = document.createElement('canvas').getContext('2d')!;
      c.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return { text: c.measureText(input.placeholder).width, room: input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
    });
    expect(m.text).toBeGreaterThan(10);
    expect(m.text).toBeLessThanOrEqual(m.room);
  }

  /** Pane text without what users typed or plans quote (unit and sheet names are Chinese and stay). */
  async function paneText(): Promise<string> {
    return (await pane.textContent()) ?? '';
  }

  test('an empty workbook: 校验 says once that there is no template, and its button goes to 插入模板', async () => {
    await pane.getByRole('tab', { name: '校验' }).click();
    await pane.getByRole('button', { name: '校验', exact: true }).click();
    const message = pane.getByText('本工作簿中还没有模板，先插入一个。');
    await message.waitFor();
    expect(await pane.getByText(/没有模板/).count()).toBe(1);
    // Nothing else competes with it: no issue cards, no filter.
    expect(await pane.locator('li[data-issue-code]').count()).toBe(0);
    expect(await pane.getByRole('searchbox').count()).toBe(0);
    await fitsPane();
    await shot('01-no-template-zh');
    await pane.getByRole('button', { name: '插入模板', exact: true }).click();
    await expect(pane.getByRole('tab', { name: '插入模板' }).getAttribute('aria-selected')).resolves.toBe('true');
  });

  test('chooses the 阳江 plan and inserts a return for one school', async () => {
    await pane.getByRole('tab', { name: '计划库' }).click();
    await pane.getByRole('searchbox', { name: '搜索计划' }).fill('阳江');
    await pane.getByRole('button', { name: /阳江市教育发展/ }).click();
    await pane.getByRole('heading', { name: /阳江市教育发展/ }).waitFor();
    await pane.getByRole('button', { name: '用此计划插入模板' }).click();
    await expect(pane.getByRole('combobox', { name: '选择计划' }).textContent()).resolves.toContain('阳江');
    await pane.getByRole('textbox', { name: /填报单位名称/ }).fill('阳江市第一小学');
    await pane.getByRole('button', { name: '插入模板', exact: true }).click();
    await pane.getByText(/已插入：指标填报、规划指标/).waitFor({ timeout: 60_000 });
    await expect(page.getByRole('tab', { name: '指标填报' }).getAttribute('aria-selected')).resolves.toBe('true');
    await shot('02-inserted-zh');
  });

  test('fills: a gross ratio far above plausible, a part above its total, text where a count belongs', async () => {
    for (const [label, text] of [
      ['在园幼儿总数', '1200'],
      ['3—5周岁适龄人口数', '500'], // 毛入园率 240 %: implausible, though each count is fine
      ['初中毕业班学生数', '1100'],
      ['该年级入小学一年级时学生数', '1000'], // more graduates than entrants: a relation (warning) between two cells
    ] as const) {
      cells[label] = await inputCell(label);
      await typeInto(cells[label], text);
      await expect(page.locator(`td[data-address="${cells[label]}"]`).textContent()).resolves.toBe(text);
    }
    // Pasted (Excel's own validation does not stop a paste): text in a count cell.
    cells['适龄残疾儿童少年数'] = await inputCell('适龄残疾儿童少年数');
    await page.locator(`td[data-address="${cells['适龄残疾儿童少年数']}"]`).click();
    await page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document.querySelector('.grid-scroll')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, 'abc');
    lockedBefore = await lockedInMarkColours();
    await shot('03-filled-zh');
  });

  test('validates: each card names its cell once, Chinese lines keep words whole, the filter fits; marks sit on input cells', async () => {
    await pane.getByRole('tab', { name: '校验' }).click();
    await pane.getByRole('button', { name: '重新校验' }).click();
    await pane.locator('li[data-issue-code="type-error"]').first().waitFor({ timeout: 60_000 });
    const cards = pane.locator('li[data-issue-code]');
    expect(await cards.count()).toBeGreaterThan(1);
    for (const card of await cards.all()) {
      const cell = await card.getAttribute('data-cell');
      if (!cell) continue;
      const text = (await card.textContent()) ?? '';
      expect(text.split(cell).length - 1).toBe(1);
      // The message breaks between phrases, not inside a Chinese word.
      await expect(card.locator('button > span').last().evaluate((el) => getComputedStyle(el).wordBreak)).resolves.toBe('keep-all');
    }
    await placeholderFits(pane.getByRole('searchbox', { name: '筛选问题' }));
    await fitsPane();

    // The implausible ratio is shown at its formula cell (locked), but the marks are on its two inputs.
    const ratio = pane.locator('li[data-issue-code="gross-ratio-implausible"]').first();
    await ratio.waitFor();
    const computed = (await ratio.getAttribute('data-cell'))!;
    await expect(page.locator(`td[data-address="${computed}"]`).getAttribute('data-locked')).resolves.toBe('true');
    expect(await fillOf(cells['3—5周岁适龄人口数'])).toBe(WARNING_FILL);
    // More graduates than entrants (a warning rule of 阳江): both cells of the relation carry the mark.
    await pane.locator('li[data-issue-code="part-exceeds-total"]').first().waitFor();
    expect(await fillOf(cells['初中毕业班学生数'])).toBe(WARNING_FILL);
    expect(await fillOf(cells['该年级入小学一年级时学生数'])).toBe(WARNING_FILL);
    expect([ERROR_FILL, WARNING_FILL, MISSING_FILL]).not.toContain(await fillOf(computed));
    // Every cell validation marked is an input cell: no locked cell took a mark colour it did not have before.
    expect((await lockedInMarkColours()).filter((a) => !lockedBefore.includes(a))).toEqual([]);
    await shot('04-validate-zh');
  });

  test('with the mouse, a 未填 card\'s cell button moves the selection to that cell', async () => {
    // Start from another sheet, so the selection has to move across sheets.
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    await page.locator('td[data-address="C3"]').click();
    const missing = pane.getByTestId('missing');
    await missing.scrollIntoViewIfNeeded();
    await missing.getByRole('button', { name: /阳江市第一小学：\d+ 项未填/ }).click();
    const cellButton = missing.getByRole('button', { name: /^定位到 指标填报!/ }).first();
    await cellButton.waitFor();
    const label = (await cellButton.getAttribute('aria-label'))!;
    const address = label.replace(/^.*!/, '');
    // A real mouse click at the button's centre (what the user does), not a synthetic event.
    const box = (await cellButton.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('name-box').textContent()).resolves.toBe(address);
    await expect(page.getByRole('tab', { name: '指标填报' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.locator(`td[data-address="${address}"]`).getAttribute('class')).resolves.toContain('active');
    // The empty input cell carries the 未填 mark.
    expect(await fillOf(address)).toBe(MISSING_FILL);
    await shot('05-missing-cell-selected-zh');
  });

  test('the dashboard: tiles say what they count, every number labelled, a legend, no column of empty bars', async () => {
    await pane.getByRole('tab', { name: '进度' }).click();
    await pane.getByRole('list', { name: '各状态指标数' }).waitFor();
    await expect(pane.getByTestId('tiles-count').textContent()).resolves.toMatch(/^按指标计：共 \d+ 个指标$/);
    const chart = pane.getByRole('figure', { name: /学前教育：各指标达成度/ });
    const text = (await chart.textContent()) ?? '';
    expect(text).not.toMatch(/\d%\s*\/\s*[≥≤]/);
    expect(text).toMatch(/实际 [\d.]+%? · 目标 [≥≤]/);
    await expect(chart.getByRole('list', { name: '图例' }).textContent()).resolves.toContain('目标（100%）');
    const empty = chart.getByTestId('empty-indicators');
    await expect(empty.getByRole('button').getAttribute('aria-expanded')).resolves.toBe('false');
    await fitsPane();
    await shot('06-dashboard-zh');
    await empty.getByRole('button').click();
    await expect(empty.getByRole('button').getAttribute('aria-expanded')).resolves.toBe('true');
    await empty.scrollIntoViewIfNeeded();
    await shot('07-dashboard-empty-open-zh');
  });

  test('English: no Chinese punctuation in validate, dashboard and 汇总; an English template gets English sheet names', async () => {
    await pane.getByRole('button', { name: '设置' }).click();
    await pane.getByRole('radio', { name: 'English' }).click();
    await pane.getByRole('tab', { name: 'Plans' }).waitFor();

    await pane.getByRole('tab', { name: 'Validate' }).click();
    await pane.getByRole('button', { name: 'Validate again' }).click();
    await pane.locator('li[data-issue-code="type-error"]').first().waitFor({ timeout: 60_000 });
    await placeholderFits(pane.getByRole('searchbox', { name: 'Filter issues' }));
    expect((await paneText()).match(CHINESE_PUNCTUATION) ?? []).toEqual([]);
    await fitsPane();
    await shot('08-validate-en');

    await pane.getByRole('tab', { name: 'Progress' }).click();
    await pane.getByRole('list', { name: 'Indicators by status' }).waitFor();
    await expect(pane.getByTestId('tiles-count').textContent()).resolves.toMatch(/^Counted per indicator: \d+ indicators$/);
    const text = await paneText();
    expect(text.match(CHINESE_PUNCTUATION) ?? []).toEqual([]);
    // Targets carry English units (no 万人, 元, 所 after a number).
    expect(text).not.toMatch(/\d(万人|人|元|所|个)/);
    await fitsPane();
    await shot('09-dashboard-en');

    await pane.getByRole('tab', { name: 'Collect' }).click();
    await expect(pane.getByRole('tab', { name: 'Collect' }).getAttribute('aria-selected')).resolves.toBe('true');
    await pane.locator('input[type="file"]').first().waitFor({ state: 'attached' });
    expect((await paneText()).match(CHINESE_PUNCTUATION) ?? []).toEqual([]);
    await fitsPane();
    await shot('10-consolidate-en');

    // A template inserted in English: its sheets are named in English.
    await pane.getByRole('tab', { name: 'Template' }).click();
    await pane.getByRole('textbox', { name: /Reporting unit/ }).fill('School B');
    await pane.getByTestId('insert-summary').getByText(/School B|91 indicators/).first().waitFor();
    expect((await paneText()).match(CHINESE_PUNCTUATION) ?? []).toEqual([]);
    await pane.getByRole('button', { name: 'Insert template', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Add a copy' }).click();
    await pane.getByText(/Inserted: Return, Plan/).waitFor({ timeout: 60_000 });
    await expect(page.getByRole('tab', { name: 'Return' }).getAttribute('aria-selected')).resolves.toBe('true');
    expect(await page.getByRole('tab', { name: 'Plan', exact: true }).count()).toBe(1);
    // Its own labels are English too: no full-width colon after "Reporting unit".
    await expect(page.locator('td[data-address="A2"]').textContent()).resolves.toBe('Reporting unit:');
    await shot('11-english-template');
  });
});
