/**
 * One reading of "is this a workbook, and if not what to do" for every surface: the CLI's folder
 * listing (node/list-files.ts), the task pane's picked files (views/consolidate/readFile.ts) and
 * the reader's first-bytes check (xlsx/zip.ts) say the same words, Chinese first.
 */
import { baseName, extensionOf, fileSkip, skipByContent, skipByName, OLE_MAGIC } from '../../../src/core/workbook/file-kind';
import { skipReason } from '../../../src/node/list-files';
import { readReturnBytes } from '../../../src/taskpane/views/consolidate/readFile';
import { readReturnSource } from '../../../src/xlsx/returns';
import { loadShippedPlans } from '../../../src/node/seeds';

const plans = loadShippedPlans();
const utf8 = (s: string) => new TextEncoder().encode(s);
const ole = () => {
  const b = new Uint8Array(4096);
  b.set(OLE_MAGIC);
  return b;
};

test('names: folders of either kind, extensions, hidden files', () => {
  expect(baseName('回收/城关镇/报表.XLS')).toBe('报表.XLS');
  expect(baseName('C:\\回收\\报表.xlsx')).toBe('报表.xlsx');
  expect(extensionOf('回收/报表.XLS')).toBe('.xls');
  expect(extensionOf('.profile')).toBe('');
  expect(extensionOf('README')).toBe('');
});

test.each([['城关镇.xlsx'], ['城关镇.XLSM'], ['回收/城关镇.xlsm']])('%s is a workbook to read', (name) => {
  expect(skipByName(name)).toBeUndefined();
  expect(skipReason(name)).toBeUndefined();
});

test.each([
  ['回收\\~$城关镇.xlsx', 'lock-file'],
  ['.DS_Store', 'hidden-file'],
  ['新铺镇.xls', 'old-format'],
  ['新铺镇.et', 'other-spreadsheet'],
  ['新铺镇.ods', 'other-spreadsheet'],
  ['新铺镇.xlsb', 'other-spreadsheet'],
  ['数据.csv', 'text-table'],
  ['说明.docx', 'not-workbook'],
  ['无扩展名', 'not-workbook'],
])('%s by its name: %s, the same words in the CLI and the pane', async (name, code) => {
  const s = skipByName(name)!;
  expect(s.code).toBe(code);
  expect(skipReason(name)).toEqual(s);
  // Chinese first, a fix named; English second.
  expect(s.reason.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(s.reason.en).toMatch(/^[ -~]+$/);
  // The pane lists the file with exactly these words: a lock or hidden file as skipped (not a return), the rest as unreadable.
  const read = await readReturnBytes(`回收/${name}`, utf8('whatever'), undefined, plans);
  expect(read).toMatchObject({ status: code === 'lock-file' || code === 'hidden-file' ? 'skipped' : 'unreadable', reason: s.reason });
});

test.each([
  ['an .xls renamed .xlsx, or an encrypted workbook', ole(), 'encrypted', /另存为/],
  ['a PDF', utf8('%PDF-1.7\n…'), 'not-xlsx', /PDF/],
  ['a CSV saved under a workbook name', utf8('单位,输入项,值\n城关一小,pupils,300\n'), 'not-xlsx', /文本文件/],
  ['an empty file', new Uint8Array(0), 'not-xlsx', /0 字节/],
  ['binary junk', new Uint8Array([1, 2, 3, 0, 255, 7, 8]), 'not-xlsx', /不是 Excel 工作簿/],
] as const)('%s by its first bytes, the same words from the reader, the CLI and the pane', async (_what, bytes, code, words) => {
  const s = skipByContent(bytes)!;
  expect(s.code).toBe(code);
  expect(s.reason.zh).toMatch(words);
  expect(s.reason.zh.startsWith('不是 Excel 工作簿') || s.reason.zh.startsWith('文件已加密')).toBe(true);
  expect(fileSkip('甲校.xlsx', bytes)).toEqual(s);
  // The reader (CLI workers and the pane's Web Worker alike) ends the file with the same reason.
  expect(await readReturnSource(bytes, '甲校.xlsx')).toEqual({ file: '甲校.xlsx', unreadable: s.reason });
  expect(await readReturnBytes('甲校.xlsx', bytes, undefined, plans)).toMatchObject({ status: 'unreadable', reason: s.reason });
});

test('a zip is left to the reader (it says what is wrong inside)', () => {
  expect(skipByContent(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBeUndefined();
  expect(skipByContent(new Uint8Array([0x50, 0x4b, 0x05, 0x06]))).toBeUndefined();
  // The name decides first: an .xls is never opened, whatever its bytes.
  expect(fileSkip('新铺镇.xls', new Uint8Array([0x50, 0x4b, 0x03, 0x04]))?.code).toBe('old-format');
});
