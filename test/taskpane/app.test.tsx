/** @jest-environment jsdom */
/**
 * The pane's shell: never blank (an error boundary, a visible start-up failure), the ribbon
 * commands route the shared-runtime pane, features an old Excel lacks are turned off with the
 * Excel version to get, and the pure helpers the views rely on.
 */
import { act, render, screen } from '@testing-library/react';
import { installDomShims, renderPane } from './helpers';
import { ErrorBoundary } from '../../src/taskpane/app/ErrorBoundary';
import { BootFailure } from '../../src/taskpane/app/BootFailure';
import { waitForOffice } from '../../src/taskpane/host/office';
import { requestNavigation, takePendingNavigation } from '../../src/taskpane/app/nav';
import { duplicateUnits, unitsFromCells } from '../../src/taskpane/views/insert/units';
import { splitList as parseUnits } from '../../src/core/user-input';
import { searchPlans } from '../../src/taskpane/views/library/search';
import { loadShippedPlans } from '../../src/node/seeds';
import { errorMessage, PaneError } from '../../src/taskpane/app/errors';
import { LangProvider } from '../../src/taskpane/i18n/text';

type Globals = { Office?: unknown; Excel?: unknown };
const g = globalThis as unknown as Globals;

afterEach(() => {
  delete g.Office;
  delete g.Excel;
});

function Boom(): never {
  throw new Error('视图出错 / the view broke');
}

test('a view that throws shows the error in the pane with a retry, not a blank pane', () => {
  installDomShims();
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  render(
    <LangProvider lang="zh-CN">
      <ErrorBoundary>
        <Boom />
      </ErrorBoundary>
    </LangProvider>,
  );
  expect(screen.getByRole('alert').textContent).toContain('出错了');
  expect(screen.getByRole('alert').textContent).toContain('视图出错');
  expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  expect(screen.getByText(/工作簿中的数据未受影响/)).toBeTruthy();
});

test('without Office.js the pane says so instead of waiting forever', async () => {
  await expect(waitForOffice(50)).rejects.toBeInstanceOf(PaneError);
  g.Office = { onReady: () => new Promise(() => undefined), HostType: { Excel: 'Excel' } };
  const err = await waitForOffice(50).catch((e: unknown) => e);
  expect(errorMessage(err, 'zh-CN')).toMatch(/Office 未在 0 秒内就绪/);
  render(<BootFailure error={err} />);
  expect(screen.getByRole('alert').textContent).toMatch(/Office (未在|did not)/);
});

test('outside Excel the pane names the host it found', async () => {
  g.Office = { onReady: () => Promise.resolve({ host: 'Word' }), HostType: { Excel: 'Excel' } };
  const err = await waitForOffice(1000).catch((e: unknown) => e);
  expect(errorMessage(err, 'en')).toBe('This add-in works in Excel only (current host: Word).');
});

test('inside Excel: display language, requirement sets and the Excel host', async () => {
  const run = jest.fn();
  g.Office = {
    onReady: () => Promise.resolve({ host: 'Excel' }),
    HostType: { Excel: 'Excel' },
    context: { displayLanguage: 'en-US', requirements: { isSetSupported: (_: string, v?: string) => Number(v?.split('.')[1]) <= 3 } },
  };
  g.Excel = { run };
  const info = await waitForOffice(1000);
  expect(info.lang).toBe('en');
  expect(info.capabilities.can).toEqual({ insert: false, validate: false, update: false });
  expect(info.capabilities.blocked.insert?.zh).toMatch(/需要 ExcelApi 1\.4/);
});

test('ribbon commands show the pane and route it; the event is completed even on failure', async () => {
  const associate = jest.fn();
  const showAsTaskpane = jest.fn().mockResolvedValue(undefined);
  g.Office = { actions: { associate }, addin: { showAsTaskpane } };
  let commands: typeof import('../../src/commands/commands') | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    commands = require('../../src/commands/commands');
  });
  expect(associate.mock.calls.map((c) => c[0]).sort()).toEqual(['insertTemplate', 'validateWorkbook']);
  const completed = jest.fn();
  await commands!.validateWorkbook({ completed } as unknown as Office.AddinCommands.Event);
  expect(showAsTaskpane).toHaveBeenCalled();
  expect(completed).toHaveBeenCalled();
  expect(takePendingNavigation()).toEqual({ view: 'validate', run: 'validate' });

  showAsTaskpane.mockRejectedValueOnce(new Error('no shared runtime'));
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const completed2 = jest.fn();
  await commands!.insertTemplate({ completed: completed2 } as unknown as Office.AddinCommands.Event);
  expect(completed2).toHaveBeenCalled();
  // The route is kept: the pane opens on it when the user opens it.
  expect(takePendingNavigation()).toEqual({ view: 'insert' });
});

test('a route requested before the pane mounted is taken on mount', () => {
  requestNavigation({ view: 'insert' });
  renderPane({ view: 'library' });
  expect(screen.getByRole('tab', { name: /插入模板/, selected: true })).toBeTruthy();
});

test('an old Excel gets a banner naming the Excel it needs', () => {
  renderPane({ apiVersion: '1.3' });
  expect(screen.getAllByText(/需要 ExcelApi 1\.4：Excel 2019 或更高版本/).length).toBe(2);
});

test('a stray rejected promise is shown, not swallowed', async () => {
  renderPane();
  await act(async () => {
    const e = new Event('unhandledrejection') as Event & { reason?: unknown };
    e.reason = new Error('出了意外 / something unexpected');
    window.dispatchEvent(e);
  });
  expect(screen.getByText('出了意外')).toBeTruthy();
});

test('units are read from typed, pasted and selected text', () => {
  expect(parseUnits('甲校\n乙校\r\n\n 丙校 ')).toEqual(['甲校', '乙校', '丙校']);
  expect(parseUnits('甲校\t乙校')).toEqual(['甲校', '乙校']);
  expect(parseUnits('甲校，乙校、丙校;丁校')).toEqual(['甲校', '乙校', '丙校', '丁校']);
  expect(parseUnits('  ')).toEqual([]);
  expect(duplicateUnits(['a', 'b', 'a', 'a'])).toEqual(['a']);
  expect(unitsFromCells([['学校', 3], ['', '乙校'], [true, ' 丙校 ']])).toEqual(['学校', '乙校', '丙校']);
});

test('library search: plan texts, then indicators; full-width and case folded', () => {
  const plans = loadShippedPlans();
  expect(searchPlans(plans, '').length).toBe(plans.length);
  expect(searchPlans(plans, 'YANGJIANG').map((h) => h.plan.id)).toEqual(['yangjiang-2021-2025']);
  const byInd = searchPlans(plans, '巩固率');
  expect(byInd.length).toBeGreaterThan(0);
  expect(byInd.every((h) => h.byIndicator && h.indicators.every((i) => i.name.zh.includes('巩固率')))).toBe(true);
  expect(searchPlans(plans, 'Ｂ１').some((h) => h.plan.id === 'national-yzjh-2017')).toBe(true);
});
