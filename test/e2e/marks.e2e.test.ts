/**
 * The cell marks of 校验 in the preview (real headless Chromium, the pane at 320 px): a wrong value,
 * a value not filled in and a doubtful one (a warning) are marked in three fills a filler tells
 * apart from each other and from the input yellow, and the pane's legend shows the same fills with
 * what they mean. Screenshots: test-artifacts/screenshots/marks-*.png.
 */
import { MARK_COLOR, type MarkKind } from '../../src/core/validate/marks';
import { COLORS } from '../../src/core/template/styles';
import { requireChromium, usePreviewPage } from './preview-page';

jest.setTimeout(300_000);
requireChromium();

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

describe('cell marks and their legend', () => {
  const preview = usePreviewPage({
    shotPrefix: 'marks-',
    timeout: 60_000,
    ready: async ({ pane }) => {
      await pane.getByRole('tab', { name: '计划库' }).waitFor();
    },
  });

  async function inputCell(label: string): Promise<string> {
    const address = await preview.page.evaluate((text) => {
      const labelCell = [...document.querySelectorAll('td[data-address]')].find((td) => td.textContent === text);
      return labelCell?.parentElement?.querySelector('td[data-locked="false"]')?.getAttribute('data-address') ?? null;
    }, label);
    if (!address) throw new Error(`no input cell on the row of ${label}`);
    return address;
  }

  async function paste(address: string, text: string) {
    await preview.page.locator(`td[data-address="${address}"]`).click();
    await preview.page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document.querySelector('.grid-scroll')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  const fill = (address: string) => preview.page.locator(`td[data-address="${address}"]`).evaluate((td) => getComputedStyle(td).backgroundColor);

  test('a wrong, a missing and a doubtful value get three distinct fills, explained by the legend', async () => {
    const { page, pane } = preview;
    await pane.getByRole('searchbox', { name: '搜索计划' }).fill('阳江');
    await pane.getByRole('button', { name: /阳江市教育发展/ }).click();
    await pane.getByRole('button', { name: '用此计划插入模板' }).click();
    await pane.getByRole('textbox', { name: /填报单位名称/ }).fill('阳江市第一小学');
    await pane.getByRole('button', { name: '插入模板', exact: true }).click();
    await page.getByRole('tab', { name: '指标填报' }).waitFor();
    const cells: Record<string, string> = {};
    for (const [label, text] of [
      ['在园幼儿总数', '3000'], // 3,000 children for 1,150 aged 3–5: 261 %, implausible (a warning)
      ['3—5周岁适龄人口数', '1150'],
      ['适龄残疾儿童少年数', 'abc'], // not a number (an error)
    ] as const) {
      cells[label] = await inputCell(label);
      await paste(cells[label], text);
    }
    const empty = await inputCell('幼儿园专任教师数'); // left empty (not filled in)
    const untouched = await inputCell('初中毕业班学生数');
    await pane.getByRole('tab', { name: '校验' }).click();
    await pane.getByRole('button', { name: '校验', exact: true }).click();
    const legend = pane.getByRole('list', { name: '单元格标记' });
    await legend.waitFor();
    const items = await legend.locator('[data-mark]').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-mark'), li.textContent, getComputedStyle(li.querySelector('span')!).backgroundColor]));
    expect(items).toEqual((['error', 'missing', 'warning'] as MarkKind[]).map((k) => [k, { error: '错误', missing: '未填', warning: '提示' }[k as 'error'], rgb(MARK_COLOR[k])]));
    // The sheet's cells have those fills; the input yellow stays on what is fine.
    await expect(fill(cells['适龄残疾儿童少年数']!)).resolves.toBe(rgb(MARK_COLOR.error));
    await expect(fill(empty)).resolves.toBe(rgb(MARK_COLOR.missing));
    await expect(fill(cells['在园幼儿总数']!)).resolves.toBe(rgb(MARK_COLOR.warning));
    await expect(fill(untouched)).resolves.not.toBe(rgb(MARK_COLOR.warning));
    expect(rgb(MARK_COLOR.warning)).not.toBe(rgb(COLORS.input));
    // The legend fits the 320 px pane.
    const width = await pane.evaluate((el) => el.clientWidth);
    expect(width).toBe(320);
    const legendBox = (await legend.boundingBox())!;
    const paneBox = (await pane.boundingBox())!;
    expect(legendBox.x + legendBox.width).toBeLessThanOrEqual(paneBox.x + paneBox.width);
    await page.locator(`td[data-address="${cells['在园幼儿总数']}"]`).scrollIntoViewIfNeeded();
    await preview.shot('validate-zh');
    expect(preview.pageErrors).toEqual([]);
  });
});
