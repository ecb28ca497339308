/**
 * A returned file as consolidation takes it: the workbook's grid (through the reader's limits)
 * and when it was last saved — `docProps/core.xml` `dcterms:modified` (what Excel, WPS and
 * LibreOffice write on every save; copying or mailing the file does not change it), else the
 * file's own mtime. Never throws for a bad file: the reason comes back instead.
 *
 * Only the sheets validation and consolidation read are inflated and tokenized eagerly: the
 * template's overview (规划指标, the plan as the bureau chose it: nothing the school types) is
 * read only when a check could look at it (see `readLater`), else on first use.
 */
import { unzipSync } from 'fflate';
import type { ReturnSource } from '../core/consolidate/types';
import { isOverviewName } from '../core/validate/checks';
import { META_MAGIC } from '../core/workbook/cellmap';
import { cellText, type SheetGrid, type WorkbookGrid } from '../core/workbook/grid';
import { isMetaSheetName } from '../core/workbook/meta';
import { DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits } from './limits';
import { openWorkbook, type OpenWorkbook, type SheetInfo } from './read';

const MODIFIED = /<dcterms:modified\b[^>]*>([^<]{1,64})<\/dcterms:modified>/;
const CORE_PROPERTIES = 'docProps/core.xml';
const CORE_MAX = 1_000_000;

/** A save time from core.xml's text, when it says one. */
function modifiedOf(xml: string | undefined): number | undefined {
  if (!xml) return undefined;
  const m = MODIFIED.exec(xml);
  const t = m ? Date.parse(m[1]!.trim()) : NaN;
  // ExcelJS and some generators write 1970 or nothing meaningful: not a save time.
  return Number.isFinite(t) && t > Date.UTC(1990, 0, 1) ? t : undefined;
}

/** The workbook's own last-saved time (ms), when its core properties say it. */
export function workbookModified(bytes: Uint8Array): number | undefined {
  try {
    // Only the one small part is inflated (the filter runs before decompression).
    const parts = unzipSync(bytes, { filter: (f) => f.name === CORE_PROPERTIES && f.originalSize < CORE_MAX });
    const xml = parts[CORE_PROPERTIES];
    return xml ? modifiedOf(new TextDecoder().decode(xml)) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The sheets of a return that no check reads, given the others (read): the overview sheets
 * (规划指标 / Plan, as the foreign-sheet check names them) of a workbook whose every template is
 * a single-unit return that maps nothing there. Validation reads sheets by what the templates map
 * (their metadata, units, cells and columns — by sheet, or through a defined name), every visible
 * sheet no template made (values typed beside the return: the overview is left out by name), and,
 * for a unit table only, every visible sheet as a possible copy of its unit sheet. Anything else
 * (no metadata, metadata not ours or of another kind, an overview the metadata or a defined name
 * mentions) reads them all. The metadata is only looked over here (its kind, and a mention in
 * any cell of a map row), not decoded: validation decodes it.
 */
function readLater(candidates: readonly SheetInfo[], read: WorkbookGrid): Set<SheetInfo> {
  const later = new Set<SheetInfo>();
  const metas = read.sheets.filter((s) => isMetaSheetName(s.name));
  if (candidates.length === 0 || metas.length === 0) return later;
  const names = candidates.map((s) => s.name.toLowerCase());
  const mentioned = new Set<string>();
  for (const m of metas) {
    if (cellText(m.values[0]?.[0]) !== META_MAGIC) return later;
    let kinds = 0;
    for (const row of m.values) {
      const key = row?.[0];
      if (key === 'kind') {
        if (cellText(row![1]) !== 'return') return later;
        kinds++;
      } else if (key === 'unit' || key === 'column' || key === 'cell') {
        // A row of the map: the candidate's name in any of its cells (case-insensitive, as Excel names sheets).
        for (let i = 1; i < row!.length; i++) {
          const v = row![i];
          if (typeof v !== 'string') continue;
          const t = v.trim().toLowerCase();
          if (names.includes(t)) mentioned.add(t);
        }
      }
    }
    if (kinds !== 1) return later;
  }
  for (const s of candidates) {
    const name = s.name.toLowerCase();
    if (mentioned.has(name) || read.definedNames.some((n) => n.ref.toLowerCase().includes(name))) continue;
    later.add(s);
  }
  return later;
}

/**
 * A sheet read on first use of its cells. Nothing reads it by the rule above; should a check
 * come to, it gets the real cells (and an error reading them is that check's error).
 */
function onFirstUse(book: OpenWorkbook, info: SheetInfo): SheetGrid {
  let grid: SheetGrid | undefined;
  const read = () => (grid ??= book.readSheet(info));
  return {
    name: info.name,
    state: info.state,
    get values() {
      return read().values;
    },
    get formulas() {
      return read().formulas;
    },
  };
}

/** The return's grid: every sheet, in tab order; the ones no check reads are read on first use. */
export function readReturnBook(book: OpenWorkbook): WorkbookGrid {
  const candidates = book.sheets.filter((s) => s.state === 'visible' && isOverviewName(s.name));
  const grids = new Map<SheetInfo, SheetGrid>();
  // Tab order, the candidates last: errors and the cell budget go as in a full read.
  for (const s of book.sheets) if (!candidates.includes(s)) grids.set(s, book.readSheet(s));
  const later = readLater(candidates, { sheets: [...grids.values()], definedNames: book.definedNames });
  for (const s of candidates) grids.set(s, later.has(s) ? onFirstUse(book, s) : book.readSheet(s));
  return { sheets: book.sheets.map((s) => grids.get(s)!), definedNames: book.definedNames };
}

export async function readReturnSource(bytes: Uint8Array, file: string, mtimeMs?: number, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<ReturnSource> {
  try {
    const opened = openWorkbook(bytes, limits);
    const book = readReturnBook(opened);
    let saved: number | undefined;
    try {
      // The zip already listed: the one small part inflated through the same budget and checks.
      saved = modifiedOf(opened.partText(CORE_PROPERTIES, CORE_MAX));
    } catch {
      saved = undefined; // a damaged core.xml only loses the save time (the file's mtime stands in)
    }
    if (saved !== undefined) return { file, book, modified: saved, modifiedFrom: 'workbook' };
    return { file, book, modified: mtimeMs, modifiedFrom: mtimeMs === undefined ? undefined : 'file' };
  } catch (e) {
    if (e instanceof WorkbookReadError) return { file, unreadable: e.text };
    const why = e instanceof Error ? e.message : String(e);
    return { file, unreadable: { zh: `文件无法读取：${why}`, en: `the file cannot be read: ${why}` } };
  }
}
