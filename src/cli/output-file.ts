/**
 * The one way every command writes its `-o` file (template, fill, consolidate, plan-export …):
 * only a regular file is ever written — a folder, a device (`/dev/null`, `/dev/sda`), a FIFO or
 * a socket is refused, `--force` or not (force only means "replace an existing regular file").
 * The bytes go to a temporary file in the same folder, then a rename puts them in place, so a
 * failed run (full disk, killed process, a bug) never leaves half a file where the old one was,
 * and the temporary file is removed on every failure.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CliError } from './output';

function notRegular(out: string, st: fs.Stats): CliError {
  const what = st.isDirectory()
    ? { zh: '是文件夹', en: 'is a folder' }
    : st.isFIFO()
      ? { zh: '是管道（FIFO）', en: 'is a pipe (FIFO)' }
      : st.isCharacterDevice() || st.isBlockDevice()
        ? { zh: '是设备', en: 'is a device' }
        : st.isSocket()
          ? { zh: '是套接字', en: 'is a socket' }
          : { zh: '不是普通文件', en: 'is not a regular file' };
  return new CliError(
    { zh: `输出路径${what.zh}：${out}（-o 只写入普通文件，加 --force 也不会写入）`, en: `the output path ${what.en}: ${out} (-o writes regular files only, --force included)` },
    2,
  );
}

/** Checks an `-o` path before any work: given, a regular file or absent (existing only with --force), in an existing folder. */
export function checkOutput(out: string | undefined, force: boolean | undefined): string {
  if (!out) throw new CliError({ zh: '请用 -o 指定输出文件', en: 'give the output file with -o' }, 2);
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(out);
  } catch {
    st = undefined;
  }
  if (st && !st.isFile()) throw notRegular(out, st);
  if (!st && /[\\/]$/.test(out)) throw new CliError({ zh: `输出路径应为文件而不是文件夹：${out}`, en: `the output path must be a file, not a folder: ${out}` }, 2);
  if (st && !force) {
    throw new CliError({ zh: `输出文件已存在：${out}（加 --force 覆盖）`, en: `output file exists: ${out} (use --force to overwrite)` }, 2);
  }
  const dir = path.dirname(path.resolve(out));
  let dirStat: fs.Stats | undefined;
  try {
    dirStat = fs.statSync(dir);
  } catch {
    dirStat = undefined;
  }
  if (!dirStat?.isDirectory()) throw new CliError({ zh: `输出目录不存在：${dir}`, en: `output directory does not exist: ${dir}` }, 2);
  return out;
}

function tempPath(file: string): string {
  const abs = path.resolve(file);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
}

/** Renames the finished temporary file into place, re-checking the target (it may have changed meanwhile). */
function commit(tmp: string, file: string): void {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file);
  } catch {
    st = undefined;
  }
  if (st && !st.isFile()) throw notRegular(file, st);
  fs.renameSync(tmp, file);
}

function removeQuietly(tmp: string): void {
  try {
    fs.unlinkSync(tmp);
  } catch {
    // already gone
  }
}

/** Writes bytes to `file` atomically (temporary file in the same folder, then rename). */
export function writeAtomically(file: string, bytes: Uint8Array): void {
  const tmp = tempPath(file);
  try {
    const fd = fs.openSync(tmp, 'wx', 0o644);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    commit(tmp, file);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
}

/**
 * Streams text into `file` atomically: `produce` gets a `write` that respects back-pressure (a
 * province's long table is never held whole). Resolves to what `produce` returns.
 */
export async function writeStreamAtomically<T>(file: string, produce: (write: (text: string) => Promise<void>) => Promise<T>): Promise<T> {
  const tmp = tempPath(file);
  const out = fs.createWriteStream(tmp, { flags: 'wx', encoding: 'utf8', mode: 0o644 });
  let failed: Error | undefined;
  out.on('error', (e) => (failed = e));
  const write = (s: string): Promise<void> => {
    if (failed) return Promise.reject(failed);
    return out.write(s)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          out.once('drain', resolve);
          out.once('error', reject);
        });
  };
  try {
    const result = await produce(write);
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e || failed ? reject(e ?? failed) : resolve())));
    commit(tmp, file);
    return result;
  } catch (e) {
    out.destroy();
    removeQuietly(tmp);
    throw e;
  }
}
