/**
 * The zip container of an untrusted .xlsx, read by hand: the central directory is a few
 * fixed-layout records, and inflating each entry ourselves (fflate's streaming Inflate, a small
 * compressed slice at a time) is what lets a running byte budget stop a bomb after at most one
 * slice's worth of output, whatever the directory claims. Declared sizes, CRCs and the entry
 * count are only claims: each entry's real output is counted, checked against its declared size
 * and CRC, and a lie ends the file with a plain bilingual error.
 *
 * No Node API here: the same code runs in a browser Web Worker (the add-in's 汇总 view).
 */
import { Inflate, inflateSync } from 'fflate';
import { skipByContent } from '../core/workbook/file-kind';
import { bytesToLatin1 } from './byte-text';
import { DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits } from './limits';

export interface ZipEntry {
  /** Path in the package, `/` separated. */
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  /** As declared by the central directory: a claim, checked while inflating. */
  size: number;
  localOffset: number;
}

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
/** Compressed bytes handed to the inflater at once: bounds one push's output to ~1,032 × this. */
const SLICE = 64 * 1024;

const corruptDir = () =>
  new WorkbookReadError('corrupt', {
    zh: '文件已损坏或不完整（zip 目录无法读取，可能传输时被截断）：请让填报单位重新保存后再发送',
    en: 'the file is damaged or incomplete (its zip directory cannot be read; it may have been cut off in transfer): ask the sender to save it again',
  });
const zip64 = () =>
  new WorkbookReadError('zip-bomb', { zh: '文件结构异常（ZIP64），拒绝读取', en: 'unusual file structure (ZIP64); refused' });

/** Fails fast on what is not a zip at all: an encrypted workbook and an old .xls are OLE files. */
function checkMagic(bytes: Uint8Array, limits: ReadLimits): void {
  if (bytes.length > limits.maxBytes) {
    throw new WorkbookReadError('too-large', {
      zh: `文件过大（${MB(bytes.length)}，上限 ${MB(limits.maxBytes)}）`,
      en: `file too large (${MB(bytes.length)}, limit ${MB(limits.maxBytes)})`,
    });
  }
  // What the first bytes say (an .xls or encrypted file, a PDF, a text table): core/workbook/file-kind.ts, the pane's words too.
  const content = skipByContent(bytes);
  if (content) throw new WorkbookReadError(content.code === 'encrypted' ? 'encrypted' : 'not-xlsx', content.reason);
  if (bytes.length < 22) throw new WorkbookReadError('not-xlsx', { zh: '不是 Excel 工作簿（.xlsx）：文件过短，可能已损坏', en: 'not an Excel workbook (.xlsx): the file is too short; it may be damaged' });
}

/**
 * The entries of the zip's central directory, after the declared-size checks (total size,
 * compression ratio, entry count) that refuse an obvious bomb before anything is inflated.
 */
export function listZip(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Map<string, ZipEntry> {
  checkMagic(bytes, limits);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: the last record with signature PK\5\6 (a comment may follow it).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corruptDir();
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (view.getUint16(eocd + 10, true) === 0xffff || dirOffset === 0xffffffff) throw zip64();
  if (dirOffset + dirSize > eocd) throw corruptDir();
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  let total = 0;
  // The record count in the EOCD is a claim too: walk the directory's bytes instead.
  for (let p = dirOffset; p < dirOffset + dirSize; ) {
    if (p + 46 > dirOffset + dirSize || view.getUint32(p, true) !== 0x02014b50) throw corruptDir();
    if (entries.size >= limits.maxEntries) {
      throw new WorkbookReadError('zip-bomb', {
        zh: `文件包含的部件过多（超过 ${limits.maxEntries} 个），拒绝读取`,
        en: `too many parts in the file (over ${limits.maxEntries}); refused`,
      });
    }
    const nameLen = view.getUint16(p + 28, true);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, '/'),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) throw zip64();
    total += entry.size;
    if (entry.size > 1024 * 1024 && entry.size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
      const ratio = Math.round(entry.size / Math.max(1, entry.compressedSize));
      throw new WorkbookReadError('zip-bomb', {
        zh: `文件中有异常高压缩比的部件（${ratio} 倍），疑似压缩炸弹，拒绝读取`,
        en: `a part of the file is compressed ${ratio}×: a likely zip bomb; refused`,
      });
    }
    if (!entries.has(entry.name)) entries.set(entry.name, entry);
    p += 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  if (total > limits.maxUncompressedBytes) throw tooBig(total, limits);
  return entries;
}

/** Throws WorkbookReadError when the bytes are not a zip within the limits (nothing is inflated). */
export function checkZip(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): void {
  listZip(bytes, limits);
}

function tooBig(total: number, limits: ReadLimits): WorkbookReadError {
  return new WorkbookReadError('zip-bomb', {
    zh: `文件解压后过大（超过 ${MB(Math.max(total, limits.maxUncompressedBytes))}，上限 ${MB(limits.maxUncompressedBytes)}），疑似压缩炸弹，拒绝读取`,
    en: `the file expands beyond ${MB(Math.max(total, limits.maxUncompressedBytes))} (limit ${MB(limits.maxUncompressedBytes)}): a likely zip bomb; refused`,
  });
}

/** CRC-32 tables for slicing-by-16 (sixteen bytes per step: the check costs little next to inflating). */
const CRC_TABLES = (() => {
  const t = new Int32Array(256 * 16);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) for (let k = 1; k < 16; k++) t[k * 256 + n] = t[(k - 1) * 256 + n] >>> 8 ^ t[t[(k - 1) * 256 + n] & 0xff];
  return t;
})();

/** Words read as they are laid out in memory must be little-endian for the word loop (every platform we run on; checked). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function crc32(crc: number, data: Uint8Array): number {
  const t = CRC_TABLES;
  let c = ~crc;
  let i = 0;
  // Four 32-bit words per step where the bytes are 4-aligned (the inflate buffers are): two loads
  // instead of eight per eight bytes.
  if (LITTLE_ENDIAN && (data.byteOffset & 3) === 0 && data.length >= 16) {
    const w = new Int32Array(data.buffer, data.byteOffset, data.length >> 2);
    const steps = data.length >> 4;
    for (let k = 0, j = 0; k < steps; k++, j += 4) {
      const a = c ^ w[j];
      const b = w[j + 1];
      const d = w[j + 2];
      const e = w[j + 3];
      c =
        t[3840 + (a & 0xff)] ^
        t[3584 + ((a >>> 8) & 0xff)] ^
        t[3328 + ((a >>> 16) & 0xff)] ^
        t[3072 + (a >>> 24)] ^
        t[2816 + (b & 0xff)] ^
        t[2560 + ((b >>> 8) & 0xff)] ^
        t[2304 + ((b >>> 16) & 0xff)] ^
        t[2048 + (b >>> 24)] ^
        t[1792 + (d & 0xff)] ^
        t[1536 + ((d >>> 8) & 0xff)] ^
        t[1280 + ((d >>> 16) & 0xff)] ^
        t[1024 + (d >>> 24)] ^
        t[768 + (e & 0xff)] ^
        t[512 + ((e >>> 8) & 0xff)] ^
        t[256 + ((e >>> 16) & 0xff)] ^
        t[e >>> 24];
    }
    i = steps << 4;
  }
  for (; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** Uncompressed bytes left for the whole file: every part inflated draws on it. */
export interface ByteBudget {
  remaining: number;
  /**
   * Worst-case inflating work (bytes) left for the one-shot path. A one-shot inflate into a
   * buffer of the declared size cannot stop early when the size is a lie (it decodes to the end,
   * discarding the excess), so it is only used while 1,032 × the compressed size — deflate's
   * largest expansion — fits in this allowance; beyond it every part is streamed.
   */
  oneShotWork: number;
}

export function newBudget(limits: ReadLimits = DEFAULT_READ_LIMITS): ByteBudget {
  return { remaining: limits.maxUncompressedBytes, oneShotWork: limits.maxUncompressedBytes };
}

/** Parts up to this size (declared) may be inflated in one shot. */
const ONE_SHOT_MAX = 4 * 1024 * 1024;
const DEFLATE_MAX_RATIO = 1032;

const damaged = (part: string, zh: string, en: string) =>
  new WorkbookReadError('corrupt', {
    zh: `文件已损坏：部件 ${part} ${zh}。请让填报单位用 Excel 或 WPS 重新打开、另存为 .xlsx 后再发送`,
    en: `the file is damaged: part ${part} ${en}. Ask the sender to open it in Excel or WPS, save as .xlsx and send it again`,
  });

/**
 * One buffer for the one-shot inflation of parts whose bytes are copied out at once (inflateBytesText):
 * 300 returns are 100 MB of short-lived buffers otherwise, each zeroed, then collected. Grown to
 * the largest part (at most ONE_SHOT_MAX); a nested use (never today) gets a fresh buffer.
 */
let scratchBuffer = new Uint8Array(0);
let scratchFree = true;

function takeScratch(size: number): Uint8Array | undefined {
  if (!scratchFree) return undefined;
  if (scratchBuffer.length < size) scratchBuffer = new Uint8Array(Math.max(size, Math.min(ONE_SHOT_MAX, scratchBuffer.length * 2)));
  scratchFree = false;
  return scratchBuffer;
}

/**
 * Inflates one entry, handing its bytes to `sink` slice by slice. Stops (throws) as soon as the
 * output passes the entry's declared size or the file's budget; checks the declared size and
 * the CRC at the end.
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: ByteBudget,
  sink: (chunk: Uint8Array) => void,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
  /** The sink is done with each chunk when it returns (it keeps no reference): one-shot parts may share a scratch buffer. */
  transient = false,
): void {
  const part = entry.name;
  if (entry.flags & 1) {
    throw new WorkbookReadError('encrypted', {
      zh: `文件的部件 ${part} 已加密：请取消密码并另存为 .xlsx 后再提交`,
      en: `part ${part} of the file is encrypted: remove the password and save as .xlsx`,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lo = entry.localOffset;
  if (lo + 30 > bytes.length || view.getUint32(lo, true) !== 0x04034b50) throw damaged(part, '的位置信息无效（文件可能不完整）', 'cannot be located (the file may be incomplete)');
  const start = lo + 30 + view.getUint16(lo + 26, true) + view.getUint16(lo + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw damaged(part, '不完整（文件在传输中被截断）', 'is incomplete (the file was cut off)');
  const data = bytes.subarray(start, end);
  if (entry.method === 8 && entry.size <= ONE_SHOT_MAX && entry.size <= budget.remaining && data.length * DEFLATE_MAX_RATIO <= budget.oneShotWork) {
    budget.oneShotWork -= data.length * DEFLATE_MAX_RATIO;
    let out: Uint8Array | undefined;
    const scratch = transient ? takeScratch(entry.size) : undefined;
    try {
      // Exactly the declared size either way: a fresh buffer, or that much of the scratch one.
      out = inflateSync(data, { out: scratch ? scratch.subarray(0, entry.size) : new Uint8Array(entry.size) });
    } catch {
      out = undefined;
    }
    try {
      if (out && out.length === entry.size && crc32(0, out) === entry.crc) {
        budget.remaining -= out.length;
        sink(out);
        return;
      }
    } finally {
      if (scratch) scratchFree = true;
    }
    // Something is wrong: the streaming path below stops at the first excess byte and says what.
  }
  let produced = 0;
  let crc = 0;
  const take = (chunk: Uint8Array) => {
    if (chunk.length === 0) return;
    produced += chunk.length;
    if (produced > entry.size) {
      throw new WorkbookReadError('zip-bomb', {
        zh: `文件的部件 ${part} 解压后超过其声明的大小（${entry.size} 字节），文件已损坏或为压缩炸弹，已停止读取`,
        en: `part ${part} expands beyond its declared size (${entry.size} bytes): the file is damaged or a zip bomb; reading stopped`,
      });
    }
    if (produced > budget.remaining) throw tooBig(limits.maxUncompressedBytes + 1, limits);
    crc = crc32(crc, chunk);
    sink(chunk);
  };
  if (entry.method === 0) {
    take(data);
  } else if (entry.method === 8) {
    const inflater = new Inflate((chunk) => take(chunk));
    try {
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
      for (let p = 0; p < data.length; p += SLICE) inflater.push(data.subarray(p, p + SLICE), p + SLICE >= data.length);
    } catch (e) {
      if (e instanceof WorkbookReadError) throw e;
      throw damaged(part, '的压缩数据已损坏，无法解压', 'holds damaged compressed data and cannot be inflated');
    }
  } else {
    throw damaged(part, `使用了不支持的压缩方式（${entry.method}）`, `uses an unsupported compression method (${entry.method})`);
  }
  budget.remaining -= produced;
  if (produced !== entry.size) throw damaged(part, `的实际大小（${produced} 字节）与目录记载（${entry.size} 字节）不符`, `is ${produced} bytes where its directory says ${entry.size}`);
  if (crc !== entry.crc) throw damaged(part, '的校验码（CRC）不符，内容已被改动或损坏', 'fails its checksum (CRC): its content is damaged');
}

/**
 * An entry's bytes as text, slice by slice into `onText` (a streaming consumer), as a byte view
 * (byte-text.ts: one character per byte; the consumer turns the texts it keeps into Unicode). When
 * `onText` returns true the rest is still inflated and checked, but no longer handed over.
 */
export function inflateBytesText(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: ByteBudget,
  onText: (text: string) => boolean | void,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): void {
  let done = false;
  // The view is a copy made before the sink returns: chunks are transient.
  inflateEntry(
    bytes,
    entry,
    budget,
    (chunk) => {
      if (!done) done = onText(bytesToLatin1(chunk)) === true;
    },
    limits,
    true,
  );
}
