/**
 * Checks an untrusted .xlsx before anything decompresses it: size, that it is a zip at all
 * (an encrypted workbook is an OLE compound file; an old .xls too), and the zip's own
 * declarations (entry count, total uncompressed size, compression ratio) so a zip bomb is
 * refused instead of exhausting memory. Reads the central directory by hand: it is a few
 * fixed-layout records, and trusting a zip library to stop early is what a bomb exploits.
 */
import type { Bilingual } from '../core/i18n/text';

export interface ReadLimits {
  /** Size of the file itself. */
  maxBytes: number;
  /** Sum of the entries' declared uncompressed sizes. */
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Largest uncompressed ÷ compressed ratio of one sizeable entry (XML compresses ~10–30×). */
  maxRatio: number;
  /** Non-empty cells over all sheets. */
  maxCells: number;
  maxSheets: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 300 * 1024 * 1024,
  maxEntries: 5000,
  maxRatio: 200,
  maxCells: 2_000_000,
  maxSheets: 200,
};

export type WorkbookErrorCode = 'not-found' | 'too-large' | 'not-xlsx' | 'encrypted' | 'zip-bomb' | 'corrupt' | 'too-many-cells';

/** A workbook that cannot be read, with a message saying why and what to do. */
export class WorkbookReadError extends Error {
  constructor(
    readonly code: WorkbookErrorCode,
    readonly text: Bilingual,
  ) {
    super(`${text.zh} / ${text.en}`);
    this.name = 'WorkbookReadError';
  }
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Throws WorkbookReadError when the bytes are not a zip within the limits. */
export function checkZip(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): void {
  if (bytes.length > limits.maxBytes) {
    throw new WorkbookReadError('too-large', {
      zh: `文件过大（${MB(bytes.length)}，上限 ${MB(limits.maxBytes)}）`,
      en: `file too large (${MB(bytes.length)}, limit ${MB(limits.maxBytes)})`,
    });
  }
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new WorkbookReadError('encrypted', {
      zh: '文件已加密（设置了打开密码）或为旧版 .xls：请取消打开密码并另存为 .xlsx 后再提交',
      en: 'the file is password-protected (encrypted) or an old .xls: remove the open password and save as .xlsx',
    });
  }
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new WorkbookReadError('not-xlsx', { zh: '不是 Excel 工作簿（.xlsx）', en: 'not an Excel workbook (.xlsx)' });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: the last record with signature PK\5\6 (a comment may follow it).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  const corrupt = () =>
    new WorkbookReadError('corrupt', { zh: '文件已损坏（zip 目录无法读取）', en: 'the file is corrupt (its zip directory cannot be read)' });
  if (eocd < 0) throw corrupt();
  const entries = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || dirOffset === 0xffffffff) {
    throw new WorkbookReadError('zip-bomb', { zh: '文件结构异常（ZIP64），拒绝读取', en: 'unusual file structure (ZIP64); refused' });
  }
  if (entries > limits.maxEntries) {
    throw new WorkbookReadError('zip-bomb', {
      zh: `文件包含的部件过多（${entries}），拒绝读取`,
      en: `too many parts in the file (${entries}); refused`,
    });
  }
  if (dirOffset + dirSize > bytes.length) throw corrupt();
  let total = 0;
  let p = dirOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw corrupt();
    const compressed = view.getUint32(p + 20, true);
    const uncompressed = view.getUint32(p + 24, true);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) {
      throw new WorkbookReadError('zip-bomb', { zh: '文件结构异常（ZIP64），拒绝读取', en: 'unusual file structure (ZIP64); refused' });
    }
    total += uncompressed;
    if (uncompressed > 1024 * 1024 && uncompressed / Math.max(1, compressed) > limits.maxRatio) {
      throw new WorkbookReadError('zip-bomb', {
        zh: `文件中有异常高压缩比的部件（${Math.round(uncompressed / Math.max(1, compressed))} 倍），疑似压缩炸弹，拒绝读取`,
        en: `a part of the file is compressed ${Math.round(uncompressed / Math.max(1, compressed))}×: a likely zip bomb; refused`,
      });
    }
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  if (total > limits.maxUncompressedBytes) {
    throw new WorkbookReadError('zip-bomb', {
      zh: `文件解压后过大（${MB(total)}，上限 ${MB(limits.maxUncompressedBytes)}），拒绝读取`,
      en: `the file would expand to ${MB(total)} (limit ${MB(limits.maxUncompressedBytes)}); refused`,
    });
  }
}
