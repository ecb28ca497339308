/**
 * Limits on an untrusted .xlsx: the file's size, what its zip may expand to, and what its sheets
 * may hold. Every reader (the lean path in read.ts, fill's patcher) draws on the same numbers.
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
  /** Highest row number and column (Excel's own: 1,048,576 × 16,384). */
  maxRows: number;
  maxColumns: number;
  /** Array slots the grids may allocate (empty rows and padding before a cell count too). */
  maxGridSlots: number;
  /** Open XML elements at once; characters in one tag; characters of one text. */
  maxDepth: number;
  maxTagLength: number;
  maxTextLength: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 300 * 1024 * 1024,
  maxEntries: 5000,
  maxRatio: 200,
  maxCells: 2_000_000,
  maxSheets: 200,
  maxRows: 1_048_576,
  maxColumns: 16_384,
  maxGridSlots: 20_000_000,
  maxDepth: 64,
  maxTagLength: 64 * 1024,
  maxTextLength: 256 * 1024,
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

