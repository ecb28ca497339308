/**
 * Which files an argument list means: files as given, folders walked recursively, every file
 * found accounted for. A workbook we read (`.xlsx`, `.xlsm` — macros are never run: the reader
 * looks at cell parts only) is listed to read; anything else is listed with why it is not read
 * and what to do (`.xls` / `.et` / `.ods` → 另存为 .xlsx; `.csv` → fill a template …), so a
 * folder's summary counts every file in it.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Bilingual } from '../core/i18n/text';
import { skipByName, type FileSkipCode } from '../core/workbook/file-kind';

/** Why a file is not read: what its name or first bytes say (core/workbook/file-kind.ts), or what the file system said. */
export type SkipCode = FileSkipCode | 'not-found' | 'folder-unreadable' | 'too-deep';

/** A file the arguments name: to read, or skipped with a reason. */
export interface ListedFile {
  file: string;
  skip?: { code: SkipCode; reason: Bilingual };
}

const MAX_DEPTH = 32;

const skip = (code: SkipCode, zh: string, en: string): NonNullable<ListedFile['skip']> => ({ code, reason: { zh, en } });

/** Why a file of this name is not read, or undefined when it is a workbook to read (the same words as the task pane's). */
export function skipReason(file: string): ListedFile['skip'] {
  return skipByName(file);
}

/**
 * Files of the arguments in order (each folder's entries sorted), folders recursively. Symbolic
 * links are followed once (a folder already walked is not walked again); `exclude` paths (e.g. the
 * command's own output) are left out.
 */
export function listFiles(args: readonly string[], exclude: readonly string[] = []): ListedFile[] {
  const out: ListedFile[] = [];
  const excluded = new Set(exclude.map((e) => path.resolve(e)));
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const add = (file: string) => {
    const abs = path.resolve(file);
    if (seenFiles.has(abs) || excluded.has(abs)) return;
    seenFiles.add(abs);
    out.push({ file, skip: skipReason(file) });
  };
  const walk = (dir: string, depth: number) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      real = path.resolve(dir);
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    if (depth > MAX_DEPTH) {
      out.push({ file: dir, skip: skip('too-deep', `文件夹层级过深（超过 ${MAX_DEPTH} 层），其中的文件未读取`, `folder nested deeper than ${MAX_DEPTH} levels; its files were not read`) });
      return;
    }
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? String(e);
      out.push({ file: dir, skip: skip('folder-unreadable', `文件夹无法打开（${why}），其中的文件未读取`, `the folder cannot be opened (${why}); its files were not read`) });
      return;
    }
    for (const name of names) {
      const p = path.join(dir, name);
      let st: fs.Stats;
      try {
        st = fs.statSync(p);
      } catch {
        // A dangling link or a file removed meanwhile: still accounted for.
        out.push({ file: p, skip: skip('not-found', '无法打开（链接失效或文件已被移走）', 'cannot be opened (a broken link or a file moved away)') });
        continue;
      }
      if (st.isDirectory()) walk(p, depth + 1);
      else if (st.isFile()) add(p);
      else out.push({ file: p, skip: skip('not-workbook', '不是普通文件（设备、管道或套接字），未读取', 'not a regular file (a device, pipe or socket); not read') });
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
    else if (st) out.push({ file: arg, skip: skip('not-workbook', '不是普通文件（设备、管道或套接字），未读取', 'not a regular file (a device, pipe or socket); not read') });
    else out.push({ file: arg, skip: skip('not-found', '找不到文件', 'file not found') });
  }
  return out;
}
