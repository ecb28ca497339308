/**
 * 汇总's reading can be stopped: the files read so far are said, the rest is not read, and
 * reading never touches the workbook. (Node has no Web Worker: the same reader runs in place.)
 */
import { isTaskCancelled } from '../../src/core/task/control';
import { buildTemplate } from '../../src/core/template/build';
import { loadShippedPlans } from '../../src/node/seeds';
import { readPickedFiles, type PickedFile } from '../../src/taskpane/views/consolidate/reader';
import { renderTemplateBuffer } from '../../src/xlsx/render';

async function file(name: string, unit: string): Promise<PickedFile> {
  const plan = loadShippedPlans().find((p) => p.id === 'national-yzjh-2017')!;
  const bytes = await renderTemplateBuffer(buildTemplate(plan, { kind: 'return', level: '小学', year: 2025, units: [unit] }));
  return { name, bytes: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}

test('cancelled after the first file: the others are not read, and the message counts what was', async () => {
  const plans = loadShippedPlans();
  const files = [await file('甲.xlsx', '甲校'), await file('乙.xlsx', '乙校'), await file('丙.xlsx', '丙校')];
  const ctl = new AbortController();
  const seen: number[] = [];
  const e = await readPickedFiles(files, plans, (done) => {
    seen.push(done);
    if (done === 1) ctl.abort();
  }, ctl.signal).catch((x: unknown) => x);
  expect(isTaskCancelled(e)).toBe(true);
  expect(seen).toEqual([1]);
  expect((e as { text: { zh: string } }).text.zh).toBe('已取消读取（已读 1 / 3 个文件），工作簿未作任何更改');

  // Without a cancel every file is read, with progress after each.
  const all: number[] = [];
  const reads = await readPickedFiles(files, plans, (done) => all.push(done));
  expect(all).toEqual([1, 2, 3]);
  expect(reads.map((r) => r.file)).toEqual(['甲.xlsx', '乙.xlsx', '丙.xlsx']);
});
