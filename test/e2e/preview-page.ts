/**
 * The preview page every e2e suite opens: Debian's Chromium (never downloaded) on the built
 * preview.html, served locally, with page errors collected. `usePreviewPage` registers the
 * suite's hooks and hands back an object whose fields are set once the page is up.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { ensureBuilt, hasChromium, launchChromium, ROOT, serveDir, type StaticServer } from '../../scripts/bench/taskpane/browser';

export const SHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');

export interface PreviewPage {
  page: Page;
  /** The task pane (`data-testid="task-pane"`). */
  pane: Locator;
  /** Uncaught errors of the page; suites assert it stays empty. */
  pageErrors: string[];
  /** Saves `test-artifacts/screenshots/<prefix><name>.png`. */
  shot(name: string): Promise<Buffer>;
}

/** Chromium is required, never skipped: without it the suite fails saying what to install. */
export function requireChromium(): void {
  beforeAll(() => {
    if (!hasChromium()) throw new Error('Chromium is required by the e2e tests: apt-get install chromium (bash .ci/run installs it)');
  });
}

/** Opens the preview before the suite's tests (waiting for `ready`), closes it after. */
export function usePreviewPage(options: { shotPrefix: string; timeout: number; ready: (p: PreviewPage) => Promise<void> }): PreviewPage {
  let server: StaticServer | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const preview = { pageErrors: [] as string[] } as PreviewPage;
  preview.shot = (name) => preview.page.screenshot({ path: path.join(SHOTS, `${options.shotPrefix}${name}.png`) });

  beforeAll(async () => {
    ensureBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await serveDir();
    browser = await launchChromium();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => preview.pageErrors.push(e.message));
    page.setDefaultTimeout(options.timeout);
    await page.goto(`${server.url}/preview.html`);
    preview.page = page;
    preview.pane = page.getByTestId('task-pane');
    await options.ready(preview);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return preview;
}
