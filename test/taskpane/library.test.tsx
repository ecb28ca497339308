/** @jest-environment jsdom */
/**
 * 计划库: the list with search (plans and indicators), a plan's indicators with baseline, target,
 * 属性 and source, and importing a plan file (checked, errors named by JSON path).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { minimalPlan } from '../fixtures/plans';
import { renderPane } from './helpers';
import { encodeGbk } from '../helpers/gbk';

beforeEach(() => localStorage.clear());

test('lists every shipped plan with region, period, issuer and indicator count', async () => {
  const { registry } = renderPane();
  // The library is its own chunk (loaded while Office starts): it arrives after the shell.
  const list = await screen.findByRole('list', { name: '计划库' }, { timeout: 20000 });
  const items = within(list).getAllByRole('listitem');
  expect(items).toHaveLength(registry.list().length);
  expect(list.textContent).toContain('阳江市教育发展“十四五”规划');
  expect(list.textContent).toMatch(/2021–2025 年/);
  expect(list.textContent).toMatch(/\d+ 个指标/);
});

test('search matches plans by region and by indicator name', async () => {
  renderPane();
  const box = await screen.findByRole('searchbox', { name: '搜索计划' }, { timeout: 20000 });
  fireEvent.change(box, { target: { value: '阳江' } });
  let items = within(screen.getByRole('list', { name: '计划库' })).getAllByRole('listitem');
  expect(items).toHaveLength(1);
  fireEvent.change(box, { target: { value: '毛入园率' } });
  items = within(screen.getByRole('list', { name: '计划库' })).getAllByRole('listitem');
  expect(items.length).toBeGreaterThan(1);
  expect(items[0].textContent).toMatch(/个指标匹配/);
  fireEvent.change(box, { target: { value: '不存在的指标名zzz' } });
  expect(screen.getByRole('status').textContent).toContain('没有找到');
});

test('a plan shows its indicators with baseline, target, 属性 and source quote, and leads to insert', async () => {
  renderPane();
  fireEvent.click(await screen.findByRole('button', { name: /阳江市教育发展/ }));
  expect(screen.getByRole('heading', { name: /阳江市教育发展/ })).toBeTruthy();
  const main = document.getElementById('pane-main')!;
  expect(main.textContent).toContain('学前教育毛入园率');
  expect(main.textContent).toMatch(/基期 2020：/);
  expect(main.textContent).toMatch(/目标 2025：≥100%/);
  expect(main.textContent).toContain('预期性');
  expect(main.textContent).toMatch(/出处：.*第 \d+ 行：「/);
  fireEvent.click(screen.getByRole('button', { name: '用此计划插入模板' }));
  expect(screen.getByRole('tab', { name: /插入模板/, selected: true })).toBeTruthy();
  expect((await screen.findByRole('combobox', { name: '选择计划' }, { timeout: 20000 })).textContent).toContain('阳江');
});

async function upload(content: string | Uint8Array, name = 'plan.json') {
  const input = (await screen.findByLabelText('导入计划文件…', { selector: 'input' })) as HTMLInputElement;
  const bytes = new Uint8Array(typeof content === 'string' ? new TextEncoder().encode(content) : content);
  const file = new File([bytes], name, { type: 'application/json' });
  // jsdom's File has no arrayBuffer(); the pane reads the bytes (it decodes UTF-8, UTF-16 and GBK itself).
  if (!('arrayBuffer' in file)) Object.defineProperty(file, 'arrayBuffer', { value: () => Promise.resolve(bytes.slice().buffer) });
  fireEvent.change(input, { target: { files: [file] } });
}

test('imports a valid plan file and lists it as imported', async () => {
  const { registry } = renderPane({ plans: [] });
  await upload(JSON.stringify(minimalPlan()));
  await waitFor(() => expect(screen.getByText(/已导入“测试规划”（2 个指标）/)).toBeTruthy());
  expect(registry.get('test-plan')).toBeDefined();
  expect(screen.getByRole('button', { name: /测试规划/ }).textContent).toContain('导入');
});

test('a broken plan file is refused with each problem at its JSON path', async () => {
  const bad = minimalPlan() as unknown as { sections: Array<{ indicators: Array<{ targets: unknown }> }> };
  bad.sections[0].indicators[0].targets = [];
  renderPane({ plans: [] });
  await upload(JSON.stringify(bad), 'broken.json');
  await waitFor(() => expect(screen.getByText(/“broken.json”不是有效的计划文件/)).toBeTruthy());
  expect(screen.getByText('$.sections[0].indicators[0].targets')).toBeTruthy();
  await upload('{ not json', 'syntax.json');
  await waitFor(() => expect(screen.getByText(/不是有效的 JSON/)).toBeTruthy());
});

test('a plan file saved as GBK on Windows is decoded, not refused as broken JSON', async () => {
  const { registry } = renderPane({ plans: [] });
  // What Notepad's "ANSI" writes on a Chinese Windows.
  const gbk = encodeGbk(JSON.stringify(minimalPlan()));
  expect(gbk.includes(Buffer.from('测试规划'))).toBe(false);
  await upload(new Uint8Array(gbk), 'gbk.json');
  await waitFor(() => expect(screen.getByText(/已导入“测试规划”/)).toBeTruthy());
  expect(registry.get('test-plan')?.title.zh).toBe('测试规划');
});

test('English follows Office: the same library in English', async () => {
  renderPane({ lang: 'en' });
  expect(screen.getByRole('tab', { name: /Plans/ })).toBeTruthy();
  expect((await screen.findByRole('list', { name: 'Plans' })).textContent).toContain('Yangjiang');
});

test('opening a plan puts focus on its title; 返回 puts it back on the card it came from', async () => {
  renderPane();
  const card = await screen.findByRole('button', { name: /阳江市教育发展/ }, { timeout: 20000 });
  fireEvent.click(card);
  const title = await screen.findByRole('heading', { name: /阳江市教育发展/ });
  await waitFor(() => expect(document.activeElement).toBe(title));
  fireEvent.click(screen.getByRole('button', { name: '返回' }));
  await waitFor(() => expect(document.activeElement?.getAttribute('data-plan-id')).toBe('yangjiang-2021-2025'));
});

test('moving to another view puts focus where its content starts', async () => {
  renderPane();
  await screen.findByRole('list', { name: '计划库' }, { timeout: 20000 });
  fireEvent.click(screen.getByRole('button', { name: '设置' }));
  const heading = await screen.findByRole('heading', { name: '设置' }, { timeout: 20000 });
  await waitFor(() => expect(document.activeElement).toBe(heading));
});
