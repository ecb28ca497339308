/** @jest-environment jsdom */
/** 设置: language follows Office and can be switched; the "close" band; the protection password; what this Excel lacks. */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { loadSettings } from '../../src/taskpane/app/settings';
import { parseBand } from '../../src/taskpane/views/settings/SettingsView';
import { renderPane } from './helpers';

beforeEach(() => localStorage.clear());

test('switching to English re-labels the pane and is remembered; "follow Office" goes back', async () => {
  renderPane({ view: 'settings' });
  fireEvent.click(await screen.findByRole('radio', { name: 'English' }, { timeout: 15000 }));
  await waitFor(() => expect(screen.getByRole('tab', { name: /Plans/ })).toBeTruthy());
  expect(document.documentElement.lang).toBe('en');
  expect(loadSettings().lang).toBe('en');
  fireEvent.click(screen.getByRole('radio', { name: /Follow Office \(Chinese\)/ }));
  await waitFor(() => expect(screen.getByRole('tab', { name: /计划库/ })).toBeTruthy());
});

test('the "close" band accepts numbers ≥ 0 and says so otherwise', async () => {
  renderPane({ view: 'settings' });
  const abs = await screen.findByRole('textbox', { name: /绝对差/ }, { timeout: 15000 });
  fireEvent.change(abs, { target: { value: '-1' } });
  fireEvent.blur(abs);
  expect(screen.getByText('请输入不小于 0 的数字。')).toBeTruthy();
  fireEvent.change(abs, { target: { value: '0.5' } });
  fireEvent.blur(abs);
  expect(loadSettings().tolerance).toEqual({ absolute: 0.5, relative: undefined });
  expect(parseBand('', '5%')).toEqual({ absolute: undefined, relative: 0.05 });
  expect(parseBand('', '')).toBeNull();
  expect(parseBand('x', '')).toBeUndefined();
  expect(parseBand('', '150')).toBeUndefined();
});

test('a protection password is asked for, kept for the session only', async () => {
  renderPane({ view: 'settings' });
  fireEvent.click(await screen.findByRole('switch', {}, { timeout: 15000 }));
  expect(screen.getByText('使用密码保护')).toBeTruthy();
  const pw = screen.getByLabelText('密码');
  fireEvent.change(pw, { target: { value: 'abc' } });
  expect(localStorage.getItem('edu-indicators.settings.v1')).not.toContain('abc');
});

test('an older Excel lists what templates will go without', async () => {
  renderPane({ view: 'settings', apiVersion: '1.7' });
  expect(await screen.findByText(/此 Excel 版本不支持数据验证/, {}, { timeout: 15000 })).toBeTruthy();
});
