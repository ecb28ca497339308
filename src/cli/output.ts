/** Shared CLI plumbing: language choice, bilingual lines, JSON output. */
import { both, pick, toLang, type Bilingual, type Lang } from '../core/i18n/text';
import { terminalSafe } from '../core/text/terminal';

/** --lang wins; otherwise the environment's locale decides; Chinese is the default. */
export function cliLang(option: string | undefined): Lang {
  if (option) return toLang(option);
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^en/i.test(env) ? 'en' : 'zh-CN';
}

export function say(text: Bilingual, lang: Lang | 'both' = 'both'): string {
  return lang === 'both' ? both(text) : pick(text, lang);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** An error that ends the command with a message and an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(
    readonly text: Bilingual,
    readonly exitCode = 1,
  ) {
    super(both(text));
    this.name = 'CliError';
  }
}

/** System errors a command can meet while reading or writing files, said in one line (never a stack trace). */
const IO_ERRORS: Record<string, Bilingual> = {
  EPIPE: { zh: '输出管道已关闭（如 | head），已停止', en: 'the output pipe was closed (e.g. | head); stopped' },
  EISDIR: { zh: '是文件夹而不是文件', en: 'is a folder, not a file' },
  ENOTDIR: { zh: '路径中有一段不是文件夹', en: 'a part of the path is not a folder' },
  ENOENT: { zh: '找不到文件或文件夹', en: 'no such file or folder' },
  EACCES: { zh: '没有权限', en: 'permission denied' },
  EPERM: { zh: '不允许此操作', en: 'operation not permitted' },
  ENOSPC: { zh: '磁盘空间不足', en: 'no space left on the disk' },
  EROFS: { zh: '文件系统只读', en: 'read-only file system' },
  EEXIST: { zh: '文件已存在', en: 'the file already exists' },
  EMFILE: { zh: '同时打开的文件过多', en: 'too many open files' },
  EBUSY: { zh: '文件正被占用', en: 'the file is busy' },
  EXDEV: { zh: '不能跨磁盘移动文件', en: 'cannot move a file across disks' },
};

/** A one-line bilingual message for a system error (`EISDIR`, `EPIPE` …), or undefined for anything else (a bug). */
export function ioErrorText(e: unknown): Bilingual | undefined {
  const err = e as NodeJS.ErrnoException | null;
  if (!err || typeof err.code !== 'string' || !(err.code in IO_ERRORS)) return undefined;
  const what = IO_ERRORS[err.code]!;
  const where = err.path ? `${err.path}：` : '';
  const whereEn = err.path ? `${err.path}: ` : '';
  return { zh: `${where}${what.zh}（${err.code}）`, en: `${whereEn}${what.en} (${err.code})` };
}

let guarded = false;

/**
 * Every line the CLI prints goes through one sanitizer (terminalSafe: escape sequences, carriage
 * returns and bidi controls from cell text never act on the terminal), and a closed output pipe
 * (`… --json | head`) ends the run with one line on stderr instead of an unhandled EPIPE.
 */
export function guardStdio(): void {
  if (guarded) return;
  guarded = true;
  const write = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk, ...rest)) as typeof process.stdout.write;
  let closed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    const text = ioErrorText(e) ?? { zh: `无法输出：${e.message}`, en: `cannot write the output: ${e.message}` };
    try {
      process.stderr.write(`${terminalSafe(both(text))}\n`);
    } catch {
      // stderr gone too: nothing left to tell.
    }
    process.exit(2);
  });
}
