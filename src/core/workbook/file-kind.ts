/**
 * Whether a returned file is a workbook the reader takes (`.xlsx`, `.xlsm`), and when it is not,
 * why and what to do — in the same words wherever the file was given: a folder walked by the CLI
 * (`node/list-files.ts`), a file picked or dropped in the task pane, or bytes the reader opens
 * (`xlsx/zip.ts`). Judged by the name first (an Office lock file, a hidden file, an `.xls`, `.et`,
 * `.ods`, `.csv` …), then, for a name that says workbook, by the first bytes (an `.xls` renamed
 * `.xlsx`, an encrypted workbook, a PDF or a text table saved under a workbook's name).
 * Pure: names are split on `/` and `\` by hand (no Node path module), so the pane shares it.
 */
import type { Bilingual } from '../i18n/text';

export type FileSkipCode = 'old-format' | 'other-spreadsheet' | 'text-table' | 'lock-file' | 'hidden-file' | 'not-workbook' | 'encrypted' | 'not-xlsx';

export interface FileSkip {
  code: FileSkipCode;
  reason: Bilingual;
}

const WORKBOOK = /\.(xlsx|xlsm)$/i;

const skip = (code: FileSkipCode, zh: string, en: string): FileSkip => ({ code, reason: { zh, en } });

/** The file name without its folders (either separator). */
export function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i >= 0 ? file.slice(i + 1) : file;
}

/** `.xls` of `报表.xls` (lower case), '' when the name has none (`.profile` is a hidden file, not an extension). */
export function extensionOf(file: string): string {
  const base = baseName(file);
  const i = base.lastIndexOf('.');
  return i > 0 ? base.slice(i).toLowerCase() : '';
}

/** Why a file of this name is not read as a return, or undefined for a workbook (`.xlsx`, `.xlsm`) to read. */
export function skipByName(file: string): FileSkip | undefined {
  const base = baseName(file);
  if (base.startsWith('~$')) return skip('lock-file', 'Office 的临时锁定文件（文件正被打开时产生），未读取', 'an Office lock file (exists while the workbook is open); not read');
  if (WORKBOOK.test(base)) return undefined;
  if (base.startsWith('.')) return skip('hidden-file', '隐藏文件，未读取', 'a hidden file; not read');
  const ext = extensionOf(base);
  switch (ext) {
    case '.xls':
      return skip('old-format', '旧版 Excel 97-2003 工作簿（.xls）：请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再提交', 'an old Excel 97-2003 workbook (.xls): save it as an Excel workbook (.xlsx) in Excel or WPS');
    case '.et':
    case '.ett':
      return skip('other-spreadsheet', `WPS 表格文件（${ext}）：请在 WPS 中“另存为” Excel 工作簿（.xlsx）后再提交`, `a WPS spreadsheet (${ext}): save it as an Excel workbook (.xlsx) in WPS`);
    case '.ods':
    case '.fods':
      return skip('other-spreadsheet', `OpenDocument 表格（${ext}）：请在 WPS、LibreOffice 或 Excel 中“另存为” .xlsx 后再提交`, `an OpenDocument spreadsheet (${ext}): save it as .xlsx in WPS, LibreOffice or Excel`);
    case '.xlsb':
    case '.xltx':
    case '.xltm':
    case '.numbers':
      return skip('other-spreadsheet', `不是 .xlsx 工作簿（${ext}）：请“另存为” Excel 工作簿（.xlsx）后再提交`, `not an .xlsx workbook (${ext}): save it as an Excel workbook (.xlsx)`);
    case '.csv':
    case '.tsv':
    case '.txt':
      return skip('text-table', `文本表格（${ext}）不含模板的单元格映射，无法按模板读取：请把数据填进模板后提交（命令行可用 fill 从 CSV 填入）`, `a text table (${ext}) has no template cell map and cannot be read as a return: put the data into the template (on the command line, fill does it from a CSV)`);
    default:
      return skip('not-workbook', `不是 Excel 工作簿（${ext || '无扩展名'}），未读取`, `not an Excel workbook (${ext || 'no extension'}); not read`);
  }
}

/** The first bytes of an OLE compound file: an Excel 97-2003 .xls, or any encrypted Office file. */
export const OLE_MAGIC: readonly number[] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** Mostly printable text (a CSV saved as .xlsx): no NUL and few control bytes in the first KB. */
function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control / n < 0.02;
}

/**
 * Why bytes given under a workbook's name are not a workbook (undefined when they start like a
 * zip, i.e. could be one: the reader goes on and says what is wrong inside).
 */
export function skipByContent(bytes: Uint8Array): FileSkip | undefined {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return undefined;
  if (startsWith(bytes, OLE_MAGIC)) {
    return skip('encrypted', '文件已加密（设置了打开密码）或实为旧版 .xls：请取消打开密码，并在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再提交', 'the file is password-protected (encrypted) or really an old .xls: remove the open password and save it as an Excel workbook (.xlsx) in Excel or WPS');
  }
  if (bytes.length === 0) return skip('not-xlsx', '不是 Excel 工作簿（.xlsx）：文件是空的（0 字节），请重新保存或重新发送', 'not an Excel workbook (.xlsx): the file is empty (0 bytes); save or send it again');
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return skip('not-xlsx', '不是 Excel 工作簿（.xlsx），而是 PDF 文件：请提交填好的 Excel 模板', 'not an Excel workbook (.xlsx) but a PDF: send the filled-in Excel template');
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return skip('not-xlsx', '不是 Excel 工作簿（.xlsx），而是 RTF 文档：请提交填好的 Excel 模板', 'not an Excel workbook (.xlsx) but an RTF document: send the filled-in Excel template');
  if (looksLikeText(bytes)) {
    return skip('not-xlsx', '不是 Excel 工作簿（.xlsx），而是文本文件（如 CSV 或网页）：请提交填好的 Excel 模板', 'not an Excel workbook (.xlsx) but a text file (a CSV or a web page): send the filled-in Excel template');
  }
  return skip('not-xlsx', '不是 Excel 工作簿（.xlsx）：文件开头不是 .xlsx 的格式，可能已损坏或是其他类型的文件', 'not an Excel workbook (.xlsx): the file does not start as an .xlsx does; it may be damaged or of another kind');
}

/** By name, then (when the name says workbook and the bytes are there) by content. */
export function fileSkip(file: string, bytes?: Uint8Array): FileSkip | undefined {
  return skipByName(file) ?? (bytes ? skipByContent(bytes) : undefined);
}
