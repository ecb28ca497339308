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

export type SkipCode = 'not-found' | 'old-format' | 'other-spreadsheet' | 'text-table' | 'lock-file' | 'hidden-file' | 'not-workbook' | 'folder-unreadable' | 'too-deep';

/** A file the arguments name: to read, or skipped with a reason. */
export interface ListedFile {
  file: string;
  skip?: { code: SkipCode; reason: Bilingual };
}

const WORKBOOK = /\.(xlsx|xlsm)$/i;
const MAX_DEPTH = 32;

const skip = (code: SkipCode, zh: string, en: string): NonNullable<ListedFile['skip']> => ({ code, reason: { zh, en } });

/** Why a file of this name is not read, or undefined when it is a workbook to read. */
export function skipReason(file: string): ListedFile['skip'] {
  const base = path.basename(file);
  if (base.startsWith('~$')) return skip('lock-file', 'Office 的临时锁定文件（文件正被打开时产生），未读取', 'an Office lock file (exists while the workbook is open); not read');
  if (WORKBOOK.test(base)) return undefined;
  if (base.startsWith('.')) return skip('hidden-file', '隐藏文件，未读取', 'a hidden file; not read');
  const ext = path.extname(base).toLowerCase();
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
      return skip('text-table', `文本表格（${ext}）不含模板的单元格映射，无法按模板读取：请把数据填进模板（或用 fill 命令从 CSV 填入）`, `a text table (${ext}) has no template cell map and cannot be read as a return: put the data into the template (or use the fill command)`);
    default:
      return skip('not-workbook', `不是 Excel 工作簿（${ext || '无扩展名'}），未读取`, `not an Excel workbook (${ext || 'no extension'}); not read`);
  }
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
