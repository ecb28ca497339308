/**
 * End to end in real headless Chromium (Debian's, never downloaded): the preview host
 * (dist/preview.html — the real task pane at 320 px beside a grid view of the fake workbook), used
 * the way a statistician would: choose the 阳江 plan, insert a return, type values (some bad),
 * validate, click an issue and check the selected cell, accept a fix, see the dashboard change,
 * switch to English. Screenshots go to test-artifacts/screenshots/; axe-core checks every view
 * for serious or critical accessibility violations; the pane never overflows its 320 px.
 *
 * Chromium is required (never skipped): without /usr/bin/chromium the suite fails saying so (.ci/run installs it).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { AxeResults } from 'axe-core';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { ensureBuilt, hasChromium, launchChromium, ROOT, serveDir, type StaticServer } from '../../scripts/bench/taskpane/browser';

const SHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');
const run = describe;
beforeAll(() => {
  if (!hasChromium()) throw new Error('Chromium is required by the e2e tests: apt-get install chromium (bash .ci/run installs it)');
});

/** The values a filler types, by the label of their row; some are refused by Excel's data validation and pasted. */
const TYPED: Array<{ label: string; text: string; paste?: boolean }> = [
  { label: '在园幼儿总数', text: '1200' },
  { label: '3—5周岁适龄人口数', text: '1150' },
  { label: '规范化幼儿园在园幼儿数', text: '1250' }, // more than the total
  { label: '幼儿园专任教师数', text: '80' },
  { label: '专科及以上学历幼儿园专任教师数', text: '７０', paste: true }, // full-width digits
  { label: '初中毕业班学生数', text: '950' },
  { label: '该年级入小学一年级时学生数', text: '1000' }, // 巩固率 95 < 96 (binding)
  { label: '适龄残疾儿童少年数', text: 'abc', paste: true }, // not a number
];

/**
 * Fluent's focus manager (Tabster) puts `<i data-tabster-dummy aria-hidden tabindex="0">` guards
 * around tab lists; they pass focus on at once and are hidden from screen readers on purpose. axe
 * reports them as aria-hidden-focus: a known false positive (microsoft/tabster#288, suppressed the
 * same way by Accessibility Insights, accessibility-insights-web#7605). Only that rule on those nodes.
 */
function tabsterGuard(rule: string, html: string): boolean {
  return rule === 'aria-hidden-focus' && html.includes('data-tabster-dummy');
}

/**
 * The colours inside the workbook's cells are the template's (src/core/template/styles.ts), drawn
 * as Excel would; they are logged, not failed here, since the pane does not choose them.
 */
function templateColour(rule: string, html: string): boolean {
  return rule === 'color-contrast' && html.includes('data-address=');
}

// Each step drives a real browser on a 2-core machine that may be busy: give a step room, so a
// slow machine does not read as a broken pane (the waits inside still fail on a real hang).
jest.setTimeout(240_000);

run('the task pane in the preview host, in Chromium', () => {
  let server: StaticServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let pane: Locator;
  const cells: Record<string, string> = {};
  const pageErrors: string[] = [];
  const contrastNotes = new Set<string>();

  beforeAll(async () => {
    ensureBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await serveDir();
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.setDefaultTimeout(30_000);
  }, 900_000);

  afterAll(async () => {
    if (contrastNotes.size > 0) console.warn(`axe (not failed: template content): ${[...contrastNotes].join('; ')}`);
    await browser?.close();
    await server?.close();
  });

  async function shot(name: string) {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  }

  /** axe-core on the whole page: no serious or critical violation. */
  async function accessible(where: string) {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const result = await page.evaluate(() => (window as unknown as { axe: { run(ctx: Document): Promise<AxeResults> } }).axe.run(document));
    for (const v of result.violations) {
      const cells = v.nodes.filter((n) => templateColour(v.id, n.html)).map((n) => n.target.join(' '));
      if (cells.length > 0) contrastNotes.add(`${cells.length} workbook cells (${cells.slice(0, 3).join(', ')} …) below 4.5:1 in the template's own colours`);
    }
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !tabsterGuard(v.id, n.html) && !templateColour(v.id, n.html)) }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(bad).toEqual([]);
  }

  /** The pane is 320 px wide and nothing in it is wider (no horizontal scrolling, nothing cut off). */
  async function fitsPane() {
    const m = await page.evaluate(() => {
      const aside = document.querySelector('[data-testid="task-pane"]') as HTMLElement;
      const main = document.getElementById('pane-main') as HTMLElement;
      const right = aside.getBoundingClientRect().right;
      const sticking = [...aside.querySelectorAll<HTMLElement>('button, input, h1, h2, li, [role="tab"], [role="status"]')]
        .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > right + 1)
        .map((el) => el.outerHTML.slice(0, 80));
      // clientWidth: the pane itself, without the 1 px border that separates it from the sheet.
      return { width: aside.clientWidth, scroll: main.scrollWidth, client: main.clientWidth, sticking };
    });
    expect(m.width).toBe(320);
    expect(m.scroll).toBeLessThanOrEqual(m.client + 1);
    expect(m.sticking).toEqual([]);
  }

  /**
   * The pane is really visible (hit-testing, not the DOM): at points spread over the pane,
   * `elementFromPoint` returns pane content or the open popup (listbox, tooltip) — never a portal
   * layer, the page body or anything else painted over the pane. With a popup open, most points
   * must still reach the pane itself.
   */
  async function paneVisible(where: string) {
    const hits = await page.evaluate(() => {
      const aside = document.querySelector('[data-testid="task-pane"]') as HTMLElement;
      const r = aside.getBoundingClientRect();
      const out: Array<{ x: number; y: number; what: 'pane' | 'popup' | string }> = [];
      for (const fx of [0.1, 0.3, 0.5, 0.7, 0.9])
        for (const fy of [0.08, 0.25, 0.45, 0.65, 0.85, 0.97]) {
          const x = Math.round(r.left + r.width * fx);
          const y = Math.round(r.top + r.height * fy);
          const el = document.elementFromPoint(x, y);
          const popup = el?.closest('[role="listbox"], [role="tooltip"], [role="menu"], [role="dialog"]');
          const what = popup ? 'popup' : el && aside.contains(el) ? 'pane' : el ? `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}` : 'nothing';
          out.push({ x, y, what });
        }
      return out;
    });
    const covered = hits.filter((h) => h.what !== 'pane' && h.what !== 'popup').map((h) => `${where}: (${h.x},${h.y}) ${h.what}`);
    expect(covered).toEqual([]);
    expect(hits.filter((h) => h.what === 'pane').length).toBeGreaterThan(hits.length / 2);
  }

  /**
   * Opens a dropdown with the mouse, checks the list is there and the pane still visible, picks
   * `option` with the mouse and checks the dropdown now shows it (and the list has closed).
   */
  async function pickWithMouse(dropdown: Locator, option: string | RegExp, where: string, shotName?: string) {
    await dropdown.click();
    const list = page.getByRole('listbox');
    await list.waitFor();
    // The list is painted where the mouse can reach it: its centre hits the list itself.
    const box = (await list.boundingBox())!;
    expect(box.height).toBeGreaterThan(10);
    expect(await page.evaluate(([x, y]) => !!document.elementFromPoint(x, y)?.closest('[role="listbox"]'), [box.x + box.width / 2, box.y + Math.min(box.height / 2, 15)])).toBe(true);
    await paneVisible(`${where} (list open)`);
    if (shotName) await shot(shotName);
    await list.getByRole('option', { name: option }).first().click();
    await list.waitFor({ state: 'hidden' });
    await expect(dropdown.textContent()).resolves.toMatch(option);
    await paneVisible(`${where} (after picking)`);
  }

  /** Hovers the header's settings button: its tooltip shows, and the pane stays visible. */
  async function hoverTooltips(where: string) {
    const gear = pane.locator('header button').last();
    await gear.hover();
    const tip = page.getByRole('tooltip');
    await tip.waitFor();
    await expect(tip.textContent()).resolves.toMatch(/设置|Settings/);
    await paneVisible(`${where} (tooltip)`);
    await page.mouse.move(5, 5);
    await tip.waitFor({ state: 'hidden' });
    await paneVisible(`${where} (tooltip gone)`);
  }

  /** Address of the input cell on the grid row labelled `label`. */
  async function inputCell(label: string): Promise<string> {
    const address = await page.evaluate((text) => {
      const labelCell = [...document.querySelectorAll('td[data-address]')].find((td) => td.textContent === text);
      const row = labelCell?.parentElement;
      return row?.querySelector('td[data-locked="false"]')?.getAttribute('data-address') ?? null;
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

  async function pasteInto(address: string, text: string) {
    await page.locator(`td[data-address="${address}"]`).click();
    await page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document.querySelector('.grid-scroll')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  async function tile(status: string): Promise<number> {
    return Number(await pane.locator(`[data-status="${status}"] span`).first().textContent());
  }

  test('opens in Chinese, clearly labelled as a preview, with the pane at 320 px', async () => {
    const t0 = Date.now();
    await page.goto(`${server.url}/preview.html`);
    pane = page.getByTestId('task-pane');
    await pane.getByRole('tab', { name: '计划库' }).waitFor();
    console.log(`preview: first render after ${Date.now() - t0} ms`);
    await expect(page.locator('.pv-badge').textContent()).resolves.toContain('预览');
    expect(await page.title()).toContain('预览');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // Chinese text is drawn with a CJK font (not tofu): the heading's glyphs have width.
    const width = await page.evaluate(() => {
      const c = document.createElement('canvas').getContext('2d')!;
      c.font = "16px 'Noto Sans CJK SC', sans-serif";
      return c.measureText('教育规划指标').width;
    });
    expect(width).toBeGreaterThan(60);
    await fitsPane();
    await shot('01-library-zh');
    await accessible('library');
    await hoverTooltips('library');
  });

  test('chooses the 阳江 plan in the library', async () => {
    await pane.getByRole('searchbox', { name: '搜索计划' }).fill('阳江');
    await pane.getByRole('button', { name: /阳江市教育发展/ }).click();
    await pane.getByRole('heading', { name: /阳江市教育发展/ }).waitFor();
    await expect(pane.textContent()).resolves.toMatch(/基期 2020：/);
    await fitsPane();
    await shot('02-plan-yangjiang-zh');
    await accessible('plan detail');
    await pane.getByRole('button', { name: '用此计划插入模板' }).click();
  });

  test('every dropdown of the insert view opens with the mouse and picks an option', async () => {
    const planBox = pane.getByRole('combobox', { name: '选择计划' });
    await expect(planBox.textContent()).resolves.toContain('阳江');
    await hoverTooltips('insert');
    // A plan with targets per level (小学/初中) shows the level dropdown too.
    await pickWithMouse(planBox, /县域义务教育优质均衡发展督导评估办法/, 'insert: plan', '03a-plan-list-open-zh');
    await pickWithMouse(pane.getByRole('combobox', { name: /学段/ }), '初中', 'insert: level');
    // Who fills the return in (templates' 填报层级): a school's part of the plan, then the whole plan again.
    const reporter = pane.getByRole('combobox', { name: /填报层级/ });
    await pickWithMouse(reporter, /^学校/, 'insert: reporter');
    await pickWithMouse(reporter, /规划本级/, 'insert: reporter back');
    await pickWithMouse(pane.getByRole('combobox', { name: /报告年份|年份/ }), '2030', 'insert: year');
    await shot('03b-insert-popups-zh');
    await pickWithMouse(planBox, /阳江市教育发展/, 'insert: plan back');
    await pickWithMouse(pane.getByRole('combobox', { name: /报告年份|年份/ }), '2025', 'insert: year (阳江)');
  });

  test('inserts a return for one school into new sheets', async () => {
    await expect(pane.getByRole('combobox', { name: '选择计划' }).textContent()).resolves.toContain('阳江');
    await pane.getByRole('textbox', { name: /填报单位名称/ }).fill('阳江市第一小学');
    // The form is short: what will be inserted is one line in the sticky footer.
    await pane.getByTestId('insert-summary').getByText(/单位填报表/).waitFor();
    await fitsPane();
    await shot('03-insert-zh');
    await accessible('insert');
    await pane.getByRole('button', { name: '插入模板', exact: true }).click();
    await pane.getByText(/已插入：指标填报、规划指标/).waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: '指标填报' }).waitFor();
    expect(await page.getByRole('tab', { name: '指标填报' }).getAttribute('aria-selected')).toBe('true');
    // Sheet1 and its data are still there.
    await expect(page.getByRole('tab', { name: 'Sheet1' }).count()).resolves.toBe(1);
    await shot('04-inserted-zh');
  });

  test('types values into the grid; Excel-style validation refuses a bad entry, pasting bypasses it', async () => {
    for (const { label, text, paste } of TYPED) {
      cells[label] = await inputCell(label);
      if (paste) await pasteInto(cells[label], text);
      else await typeInto(cells[label], text);
      await expect(page.locator(`td[data-address="${cells[label]}"]`).textContent()).resolves.toBe(text);
    }
    // Typing text into a count cell is refused by the template's data validation, as in Excel.
    const disabled = await inputCell('接受义务教育的适龄残疾儿童少年数');
    await typeInto(disabled, '很多');
    await page.locator('.grid-status .grid-error').waitFor();
    await expect(page.locator(`td[data-address="${disabled}"]`).textContent()).resolves.toBe('');
    // Label cells are locked: the sheet is protected.
    await page.locator('td[data-address="B9"]').click();
    await page.keyboard.press('x');
    await page.keyboard.press('Enter');
    await page.locator('.grid-status').getByText(/受保护/).waitFor();
    await shot('05-typed-zh');
  });

  test('validates: issues grouped by severity, cells marked, review sheet written', async () => {
    await pane.getByRole('tab', { name: '校验' }).click();
    await pane.getByRole('button', { name: '校验', exact: true }).click();
    await pane.getByTestId('issues-summary').filter({ hasText: /\d+ 个错误/ }).waitFor({ timeout: 60_000 });
    // Only the counts that are not zero (never "0 个已说明").
    await expect(pane.getByTestId('issues-summary').textContent()).resolves.not.toMatch(/(^|[^\d])0 (个|条)|（0 /);
    await pane.getByRole('region', { name: /^强制（错误） \(\d+\)$/ }).waitFor();
    await pane.locator('li[data-issue-code="part-exceeds-total"]').first().waitFor();
    await pane.locator('li[data-issue-code="type-error"]').first().waitFor();
    await pane.getByText(/建议改为：70/).waitFor();
    await expect(page.getByRole('tab', { name: '审核结果' }).count()).resolves.toBe(1);
    // The bad cell is marked (the error fill), the typed value unchanged.
    const bad = page.locator(`td[data-address="${cells['适龄残疾儿童少年数']}"]`);
    await expect(bad.evaluate((td) => getComputedStyle(td).backgroundColor)).resolves.toBe('rgb(255, 199, 206)');
    await expect(bad.textContent()).resolves.toBe('abc');
    await fitsPane();
    await shot('06-validate-zh');
    await accessible('validate');
    await hoverTooltips('validate');
  });

  test('clicking an issue selects its cell in the workbook', async () => {
    const target = cells['规范化幼儿园在园幼儿数'];
    await pane.locator('li[data-issue-code="part-exceeds-total"] button').first().click();
    await expect(page.getByTestId('name-box').textContent()).resolves.toBe(target);
    await expect(page.locator(`td[data-address="${target}"]`).getAttribute('class')).resolves.toContain('active');
    await shot('07-issue-selected-zh');
  });

  let before: { met: number; unmet: number; noData: number; flag: string };

  test('the dashboard shows the progress and the data behind it', async () => {
    await pane.getByRole('tab', { name: '进度' }).click();
    await pane.getByRole('list', { name: '各状态指标数' }).waitFor();
    const chart = pane.getByRole('figure', { name: /学前教育：各指标达成度/ });
    await expect(chart.textContent()).resolves.toMatch(/幼儿园专任教师专科以上学历比例[\s\S]*数据待核实：1 条说明/);
    await expect(pane.getByRole('region', { name: '未达标的约束性指标' }).textContent()).resolves.toContain('九年义务教育巩固率');
    before = { met: await tile('met'), unmet: await tile('unmet'), noData: await tile('noData'), flag: (await chart.textContent()) ?? '' };
    await fitsPane();
    await shot('08-dashboard-zh');
    await accessible('dashboard');
    await hoverTooltips('dashboard');
  });

  test('accepting a fix changes the cell, the issue list and the dashboard', async () => {
    await pane.getByRole('tab', { name: '校验' }).click();
    const fixed = cells['专科及以上学历幼儿园专任教师数'];
    await pane.getByRole('button', { name: '接受修正' }).first().click();
    await pane.getByText(`已将 ${fixed} 改为 70。`).waitFor({ timeout: 60_000 });
    await expect(page.locator(`td[data-address="${fixed}"]`).textContent()).resolves.toBe('70');
    await expect(pane.getByRole('button', { name: '接受修正' }).count()).resolves.toBe(0);
    await shot('09-fix-accepted-zh');

    await pane.getByRole('tab', { name: '进度' }).click();
    const chart = pane.getByRole('figure', { name: /学前教育：各指标达成度/ });
    await expect(chart.textContent()).resolves.not.toContain('1 条说明');
    expect(await chart.textContent()).not.toBe(before.flag);

    // The filler corrects the part that exceeded its total; the ribbon's 校验 re-runs; 规范化幼儿园覆盖率 is now missed.
    await pane.getByRole('button', { name: '读取工作簿数据' }).waitFor();
    await page.getByRole('tab', { name: '指标填报' }).click();
    await typeInto(cells['规范化幼儿园在园幼儿数'], '1100');
    await page.getByRole('toolbar', { name: /功能区/ }).getByRole('button', { name: '校验' }).click();
    await pane.getByRole('tab', { name: '进度' }).click();
    await pane.getByRole('list', { name: '各状态指标数' }).waitFor();
    // Wait for this run's result itself: the summary's time stamp has one-second resolution, so a run
    // finishing within the same second as the last one left it unchanged and the wait timed out.
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="task-pane"] [data-status="unmet"] span')?.textContent) === n,
      before.unmet + 1,
      { timeout: 60_000 },
    );
    // Before the correction the part exceeded its total: 数据有误 (counted with 无数据), never 达标.
    // Corrected, the share is a real value below its target: 未达标.
    expect(await tile('met')).toBe(before.met);
    expect(await tile('unmet')).toBe(before.unmet + 1);
    expect(await tile('noData')).toBe(before.noData - 1);
    await shot('10-dashboard-after-fix-zh');
  });

  test('switches to English: the same pane, views and messages in English', async () => {
    await pane.getByRole('button', { name: '设置' }).click();
    await pane.getByRole('radio', { name: 'English' }).click();
    await pane.getByRole('tab', { name: 'Plans' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await fitsPane();
    await shot('11-settings-en');
    await accessible('settings (en)');
    await hoverTooltips('settings (en)');
    await pane.getByRole('tab', { name: 'Validate' }).click();
    await pane.getByRole('button', { name: 'Validate again' }).click();
    await pane.getByTestId('issues-summary').filter({ hasText: /\d+ errors?\b/ }).waitFor({ timeout: 60_000 });
    await expect(pane.getByTestId('issues-summary').textContent()).resolves.not.toMatch(/(^|[^\d])0 |\(0 /);
    await expect(pane.getByRole('region', { name: /^Errors \(must fix\)/ }).textContent()).resolves.toMatch(/[A-Za-z]{4,}/);
    await fitsPane();
    await shot('12-validate-en');
    await accessible('validate (en)');
    await pane.getByRole('tab', { name: 'Progress' }).click();
    await pane.getByRole('list', { name: 'Indicators by status' }).waitFor();
    // English has no Chinese punctuation (the unit names typed into the workbook are Chinese, and stay).
    expect(((await pane.textContent()) ?? '').match(/[，（）：、]/g) ?? []).toEqual([]);
    await fitsPane();
    await shot('13-dashboard-en');
    await pane.getByRole('tab', { name: 'Plans' }).click();
    await pane.getByRole('button', { name: /Yangjiang/ }).click();
    await fitsPane();
    await shot('14-plan-en');
    await accessible('plan (en)');
  });

  test('a unit table read from the selected cells: the unit dropdown of the dashboard opens with the mouse', async () => {
    await pane.getByRole('tab', { name: 'Template' }).click();
    // The four school names under the header on Sheet1.
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    await page.locator('td[data-address="A2"]').click();
    await page.locator('td[data-address="A5"]').click({ modifiers: ['Shift'] });
    await pane.getByRole('radio', { name: /Unit table/ }).click();
    await pane.getByRole('button', { name: 'Use selected cells' }).click();
    await expect(pane.getByRole('textbox', { name: /Reporting units/ }).inputValue()).resolves.toContain('阳东区第三中学');
    await pane.getByRole('button', { name: 'Insert template', exact: true }).click();
    // The workbook has a template of this plan (the return): the pane asks; a second one is wanted here.
    await page.getByRole('dialog').getByRole('button', { name: 'Add a copy' }).click();
    await pane.getByText(/Inserted/).first().waitFor({ timeout: 60_000 });
    await pane.getByRole('tab', { name: 'Progress' }).click();
    await pane.getByRole('button', { name: 'Read workbook data' }).click();
    // Two templates now: the dashboard lets the user choose which one it shows.
    await pickWithMouse(pane.getByRole('combobox', { name: 'Template' }), /4 units/, 'dashboard: template', '15-dashboard-template-list-en');
    const unitBox = pane.getByRole('combobox', { name: 'Unit' });
    await pickWithMouse(unitBox, '江城区实验学校', 'dashboard: unit', '16-dashboard-unit-list-en');
    await hoverTooltips('dashboard (en)');
    await shot('17-dashboard-unit-en');
  });

  test('no uncaught errors on the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
