/**
 * The Node side of consolidation's reading: which files an argument list means (folders
 * recursively) and each file read into what it contributes. One file at a time, and only its
 * small ReturnRead is kept (the grid is dropped), so memory is bounded by the largest file.
 * A bad file never stops the run: it comes back with its reason.
 *
 * This is the seam for the reader's multi-file runner (worker isolation, many cores): swapping
 * `readReturns` for it is the only change the command needs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { notWorkbookReason, readReturn, type ReturnRead } from '../core/consolidate';
import type { PlanSource } from '../core/consolidate/checks';
import { DEFAULT_READ_LIMITS } from '../xlsx/limits';
import { readReturnSource } from '../xlsx/returns';

/** A file the arguments name, or why it is not a workbook to read. */
export interface ListedFile {
  file: string;
  skip?: { zh: string; en: string };
}

/** Files of the arguments, folders walked recursively (Office lock files `~$…` and dotfiles skipped), sorted. */
export function listReturnFiles(args: readonly string[], exclude: readonly string[] = []): ListedFile[] {
  const out: ListedFile[] = [];
  const skipPaths = new Set(exclude.map((e) => path.resolve(e)));
  const seen = new Set<string>();
  const add = (file: string) => {
    const abs = path.resolve(file);
    if (seen.has(abs) || skipPaths.has(abs)) return;
    seen.add(abs);
    const base = path.basename(file);
    if (base.startsWith('~$') || base.startsWith('.')) return;
    const skip = notWorkbookReason(base);
    out.push(skip ? { file, skip } : { file });
  };
  const walk = (dir: string, depth: number) => {
    if (depth > 20) return;
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const p = path.join(dir, name);
      let st: fs.Stats;
      try {
        st = fs.statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p, depth + 1);
      else if (st.isFile()) add(p);
    }
  };
  for (const arg of args) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(arg);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) walk(arg, 0);
    else if (st?.isFile()) add(arg);
    else out.push({ file: arg, skip: { zh: '找不到文件', en: 'file not found' } });
  }
  return out;
}

/** Reads one listed file into what it contributes (never throws for the file's sake). */
export async function readReturnFile(listed: ListedFile, plans: PlanSource): Promise<ReturnRead> {
  const { file } = listed;
  if (listed.skip) return readReturn({ file, unreadable: listed.skip }, plans);
  let bytes: Uint8Array;
  let mtime: number | undefined;
  try {
    const st = fs.statSync(file);
    mtime = st.mtimeMs;
    if (st.size > DEFAULT_READ_LIMITS.maxBytes) {
      const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
      return readReturn({ file, unreadable: { zh: `文件过大（${mb(st.size)}，上限 ${mb(DEFAULT_READ_LIMITS.maxBytes)}）`, en: `file too large (${mb(st.size)}, limit ${mb(DEFAULT_READ_LIMITS.maxBytes)})` } }, plans);
    }
    bytes = fs.readFileSync(file);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return readReturn({ file, unreadable: { zh: `文件无法打开：${why}`, en: `the file cannot be opened: ${why}` } }, plans);
  }
  return readReturn(await readReturnSource(bytes, file, mtime), plans);
}

/** Every listed file in order, reporting progress after each. */
export async function readReturns(files: readonly ListedFile[], plans: PlanSource, onProgress?: (done: number, total: number) => void): Promise<ReturnRead[]> {
  const out: ReturnRead[] = [];
  for (const f of files) {
    out.push(await readReturnFile(f, plans));
    onProgress?.(out.length, files.length);
  }
  return out;
}
