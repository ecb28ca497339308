/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
/**
 * 汇总 in the pane: returned files picked (and dropped), read with the CLI's reader (in the pane
 * here: jsdom has no Web Worker), consolidated, and the summary written into the workbook with
 * its charts — new sheets only.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { buildTemplate } from '../../src/core/template/build';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { writeCells } from '../../src/xlsx/patch';
import { loadShippedPlans } from '../../src/node/seeds';
import { renderPane } from './helpers';
import { INPUTS, schoolData } from '../core/consolidate/county';

beforeEach(() => localStorage.clear());

/** jsdom's File lacks arrayBuffer(): read it the way older browsers do. */
function withBytes(name: string, bytes: Uint8Array): File {
  const f = new File([bytes as BlobPart], name, { lastModified: Date.UTC(2025, 8, 1) });
  Object.defineProperty(f, 'arrayBuffer', {
    value: () =>
      new Promise<ArrayBuffer>((resolve, reject) => {
        const r = new FileReader();
        r.onload = () => resolve(r.result as ArrayBuffer);
        r.onerror = () => reject(r.error);
        r.readAsArrayBuffer(f);
      }),
  });
  return f;
}

async function townFile(name: string, schools: string[], offset: number): Promise<File> {
  const plan = loadShippedPlans().find((p) => p.id === 'national-yzjh-2017')!;
  const spec = buildTemplate(plan, { kind: 'units', level: '小学', year: 2025, units: schools });
  const rows = spec.hiddenMetadata.rows;
  const col = new Map(rows.filter((r) => r[0] === 'column').map((r) => [r[1]!, /^[A-Z]+/.exec(r[4]!)![0]]));
  const unitRow = rows.filter((r) => r[0] === 'unit').map((r) => Number(/\d+/.exec(r[5]!)![0]));
  const sheet = spec.sheets[0]!.name;
  const writes = schools.flatMap((_, i) => INPUTS.map((id) => ({ sheet, address: `${col.get(id)}${unitRow[i]}`, value: schoolData(offset + i, '小学')[id] })));
  return withBytes(name, await writeCells(await renderTemplateBuffer(spec), writes));
}

test('pick files, read and consolidate them, write the summary and charts into the workbook', async () => {
  const { fake } = renderPane({ view: 'consolidate' });
  const input = await screen.findByLabelText('选择文件…', {}, { timeout: 15000 });
  const files = [await townFile('城关镇.xlsx', ['城关一小', '城关二小', '城关三小'], 1), await townFile('新铺镇.xlsx', ['新铺一小', '城关二小'], 10), withBytes('坏.xlsx', new Uint8Array([1, 2, 3]))];
  fireEvent.change(input, { target: { files } });
  expect(screen.getByText('已选择 3 个文件')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '读取并汇总' }));
  await waitFor(() => expect(screen.getByText(/计入汇总 4 个单位（3 个文件）/)).toBeTruthy(), { timeout: 30000 });
  const region = screen.getByTestId('consolidation');
  expect(region.textContent).toContain('重复提交（采用最新的）：1 · 城关二小');
  expect(region.textContent).toMatch(/无法读取：1 · 坏\.xlsx：/);
  expect(region.textContent).toContain('小学：');
  fireEvent.click(screen.getByRole('button', { name: '写入工作簿' }));
  await waitFor(() => expect(screen.getByText(/已写入 \d+ 个新工作表和 \d+ 个图表/)).toBeTruthy(), { timeout: 30000 });
  for (const name of ['汇总', '明细', '差异系数', '完整性', '问题', '来源', '上报·小学', '汇总图表']) expect(fake.sheet(name)).toBeTruthy();
  expect(fake.sheet('汇总图表').charts.length).toBeGreaterThan(0);
}, 60_000);

test('files dropped on the zone are taken like picked ones; nothing readable says why', async () => {
  renderPane({ view: 'consolidate' });
  const zone = await screen.findByTestId('drop-zone', {}, { timeout: 15000 });
  fireEvent.drop(zone, { dataTransfer: { files: [withBytes('说明.docx', new Uint8Array([1]))] } });
  expect(screen.getByText('已选择 1 个文件')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '读取并汇总' }));
  await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('没有可以汇总的文件'), { timeout: 30000 });
});
