/**
 * Custom functions you can try without Excel: in real headless Chromium (Debian's, never
 * downloaded), formulas typed into the preview grid call EDU.* — English and Chinese names —
 * through the implementations Excel runs: a target, a gap, pass/fail, a 差异系数 over a range and
 * an indicator given by its Chinese name; beside them, the library-backed functions templates use.
 * The values shown are checked, and a screenshot kept.
 *
 * Chromium is required (never skipped): without /usr/bin/chromium the suite fails saying so.
 */
import type { Page } from 'playwright-core';
import { requireChromium, usePreviewPage } from './preview-page';

jest.setTimeout(240_000);

requireChromium();

describe('EDU functions in the preview grid, in Chromium', () => {
  const preview = usePreviewPage({ shotPrefix: '', timeout: 30_000, ready: (p) => p.page.locator('td[data-address="A1"]').waitFor() });
  let page: Page;
  beforeAll(() => {
    page = preview.page;
  });
  const pageErrors = preview.pageErrors;

  async function typeInto(address: string, text: string) {
    await page.locator(`td[data-address="${address}"]`).click();
    await page.keyboard.press('F2');
    await page.getByRole('textbox', { name: `编辑 ${address} / Edit ${address}` }).fill(text);
    await page.keyboard.press('Enter');
  }

  const shown = (address: string) => page.locator(`td[data-address="${address}"]`).textContent();

  test('target, gap, pass/fail, 差异系数 over a range, a Chinese-named indicator', async () => {
    // Column F onwards: the preview's sample schools are in column A.
    await typeInto('F1', '=EDU.目标值("阳江","九年义务教育巩固率")');
    await typeInto('F2', '95');
    await typeInto('F3', '=EDU.GAP(F2,"阳江/九年义务教育巩固率")');
    await typeInto('F4', '=EDU.是否达标(F2,F1)');
    await typeInto('F5', '=EDU.TARGET("优质均衡","B1",,"初中")');
    for (const [i, v] of [30, 20, 10].entries()) await typeInto(`G${i + 1}`, String(v));
    for (const [i, v] of [600, 500, 400].entries()) await typeInto(`H${i + 1}`, String(v));
    await typeInto('F6', '=ROUND(EDU.DIFFCOEF(G1:G3,H1:H3),3)');
    await typeInto('F7', '=EDU.TARGET("阳江","巩固律")');
    await expect(shown('F1')).resolves.toBe('96');
    await expect(shown('F3')).resolves.toBe('1');
    await expect(shown('F4')).resolves.toBe('FALSE');
    await expect(shown('F5')).resolves.toBe('5.3');
    const cv = Number(await shown('F6'));
    expect(cv).toBeGreaterThan(0);
    expect(cv).toBeLessThan(1);
    await expect(shown('F7')).resolves.toBe('#VALUE!');
    // The grid's other functions run through @formulajs/formulajs behind the fake's adapter, with the
    // template's array arithmetic (the 差异系数 formula's --ISNUMBER over a range) and Excel's ROUND.
    await typeInto('F8', '=SUMPRODUCT(H1:H3,--ISNUMBER(G1:G3))');
    await typeInto('F9', '=ROUND(69/120*100,0)&"|"&COUNTIF(G1:G3,">=20")&"|"&IF(ISBLANK(Z1),"空","")');
    await expect(shown('F8')).resolves.toBe('1500');
    await expect(shown('F9')).resolves.toBe('58|2|空');
    await preview.shot('functions-preview');
    expect(pageErrors).toEqual([]);
  });
});
