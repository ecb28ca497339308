/**
 * A returned file as consolidation takes it: the workbook's grid (through the reader's limits)
 * and when it was last saved — `docProps/core.xml` `dcterms:modified` (what Excel, WPS and
 * LibreOffice write on every save; copying or mailing the file does not change it), else the
 * file's own mtime. Never throws for a bad file: the reason comes back instead.
 */
import { unzipSync } from 'fflate';
import type { ReturnSource } from '../core/consolidate/types';
import { DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits } from './limits';
import { readWorkbookGrid } from './read';

const MODIFIED = /<dcterms:modified\b[^>]*>([^<]{1,64})<\/dcterms:modified>/;

/** The workbook's own last-saved time (ms), when its core properties say it. */
export function workbookModified(bytes: Uint8Array): number | undefined {
  try {
    // Only the one small part is inflated (the filter runs before decompression).
    const parts = unzipSync(bytes, { filter: (f) => f.name === 'docProps/core.xml' && f.originalSize < 1_000_000 });
    const xml = parts['docProps/core.xml'];
    if (!xml) return undefined;
    const m = MODIFIED.exec(new TextDecoder().decode(xml));
    const t = m ? Date.parse(m[1]!.trim()) : NaN;
    // ExcelJS and some generators write 1970 or nothing meaningful: not a save time.
    return Number.isFinite(t) && t > Date.UTC(1990, 0, 1) ? t : undefined;
  } catch {
    return undefined;
  }
}

export async function readReturnSource(bytes: Uint8Array, file: string, mtimeMs?: number, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<ReturnSource> {
  try {
    const book = await readWorkbookGrid(bytes, limits);
    const saved = workbookModified(bytes);
    if (saved !== undefined) return { file, book, modified: saved, modifiedFrom: 'workbook' };
    return { file, book, modified: mtimeMs, modifiedFrom: mtimeMs === undefined ? undefined : 'file' };
  } catch (e) {
    if (e instanceof WorkbookReadError) return { file, unreadable: e.text };
    const why = e instanceof Error ? e.message : String(e);
    return { file, unreadable: { zh: `文件无法读取：${why}`, en: `the file cannot be read: ${why}` } };
  }
}
