/**
 * `validate FILE… [--json] [--lang zh-CN|en]`: checks returned workbooks against their plan.
 *
 * Each file is read through the xlsx reader's limits (size, zip bomb, encryption, corruption);
 * a file that cannot be read gets its own clear error and the other files are still checked.
 * A folder argument means the .xlsx files in it. Exit 1 when any file has an error (or cannot be
 * read), 0 otherwise; 2 for a usage problem.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { pick, type Bilingual, type Lang } from '../../core/i18n/text';
import { PlanError } from '../../core/plan/parse';
import { PlanRegistry } from '../../core/plan/registry';
import { SEVERITY_LABEL, validate, type PreviousValue, type ValidationIssue, type ValidationResult } from '../../core/validate';
import { decodeText, TextDecodeError } from '../../core/text/decode';
import { readWorkbookGrid } from '../../xlsx/read';
import { DEFAULT_READ_LIMITS, WorkbookReadError, type WorkbookErrorCode } from '../../xlsx/limits';
import { cliLang, CliError } from '../output';
import { loadShippedPlans, readPlanFile } from '../../node/seeds';

interface ValidateCliOptions {
  json?: boolean;
  lang?: string;
  planFile?: string[];
  previous?: string;
}

/** One file's outcome, as `--json` prints it. */
export interface FileReport {
  file: string;
  /** Why the file could not be checked at all (then `issues` and `values` are empty). */
  error?: { code: WorkbookErrorCode | 'not-found' | 'unreadable'; message: Bilingual };
  plan: string | null;
  planVersion: string | null;
  kind: string | null;
  /** The reporting unit of a return (null for a unit table: see `units`). */
  unit: string | null;
  units: string[];
  valid: boolean;
  counts: { errors: number; warnings: number; infos: number };
  issues: ValidationIssue[];
  values: Array<{ unit: string; indicator: string; value: number | null; workbookValue: unknown; status?: string; cell?: string }>;
}

export interface ValidateReport {
  files: FileReport[];
  summary: { files: number; errors: number; warnings: number; infos: number; unreadable: number; valid: number };
}

/** FILE… with folders expanded to the .xlsx files they hold (Office lock files `~$…` skipped). */
function expandFiles(args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(arg);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const inDir = fs
        .readdirSync(arg)
        .filter((f) => /\.xlsx$/i.test(f) && !f.startsWith('~$'))
        .sort()
        .map((f) => path.join(arg, f));
      out.push(...inDir);
    } else out.push(arg);
  }
  return out;
}

function loadPlans(planFiles: string[] | undefined): PlanRegistry {
  const registry = new PlanRegistry(loadShippedPlans());
  for (const file of planFiles ?? []) {
    if (!fs.existsSync(file)) throw new CliError({ zh: `找不到规划文件：${file}`, en: `plan file not found: ${file}` }, 2);
    try {
      registry.add(readPlanFile(file));
    } catch (e) {
      if (e instanceof PlanError) throw new CliError({ zh: `规划文件无效：${file}\n${e.message}`, en: `invalid plan file: ${file}` }, 2);
      throw e;
    }
  }
  return registry;
}

/** Last year's values from a report this command printed with --json. */
function loadPrevious(file: string | undefined): PreviousValue[] | undefined {
  if (!file) return undefined;
  const bad = (why: string) => new CliError({ zh: `上年数据文件无法读取：${file}（${why}）`, en: `cannot read last year's values: ${file} (${why})` }, 2);
  if (!fs.existsSync(file)) throw bad('not found');
  if (fs.statSync(file).size > DEFAULT_READ_LIMITS.maxBytes) throw bad('too large');
  let data: unknown;
  try {
    data = JSON.parse(decodeText(fs.readFileSync(file)).text);
  } catch (e) {
    if (e instanceof TextDecodeError) throw bad(e.text.en);
    throw bad('not JSON');
  }
  const files = (data as { files?: unknown }).files;
  if (!Array.isArray(files)) throw bad('no "files" array: use the output of validate --json');
  const out: PreviousValue[] = [];
  for (const f of files) {
    const values = (f as { values?: unknown }).values;
    if (!Array.isArray(values)) continue;
    for (const v of values) {
      const { unit, indicator, value } = v as { unit?: unknown; indicator?: unknown; value?: unknown };
      if (typeof unit === 'string' && typeof indicator === 'string' && (typeof value === 'number' || value === null)) out.push({ unit, indicator, value });
    }
  }
  return out;
}

function unreadable(file: string, code: NonNullable<FileReport['error']>['code'], message: Bilingual): FileReport {
  return {
    file,
    error: { code, message },
    plan: null,
    planVersion: null,
    kind: null,
    unit: null,
    units: [],
    valid: false,
    counts: { errors: 1, warnings: 0, infos: 0 },
    issues: [],
    values: [],
  };
}

/** Reads at most `limit + 1` bytes: a huge file is refused without loading it. */
function readBounded(file: string): Uint8Array | { tooLarge: number } {
  const size = fs.statSync(file).size;
  if (size > DEFAULT_READ_LIMITS.maxBytes) return { tooLarge: size };
  return fs.readFileSync(file);
}

/** Checks one file; never throws for a bad file (only for a bug). */
export async function validateFile(file: string, plans: PlanRegistry, previous?: PreviousValue[]): Promise<FileReport> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return unreadable(file, 'not-found', { zh: '找不到文件', en: 'file not found' });
  }
  let result: ValidationResult;
  try {
    const bytes = readBounded(file);
    if ('tooLarge' in bytes) {
      const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
      return unreadable(file, 'too-large', {
        zh: `文件过大（${mb(bytes.tooLarge)}，上限 ${mb(DEFAULT_READ_LIMITS.maxBytes)}）`,
        en: `file too large (${mb(bytes.tooLarge)}, limit ${mb(DEFAULT_READ_LIMITS.maxBytes)})`,
      });
    }
    const book = await readWorkbookGrid(bytes);
    result = validate(book, plans, { previous });
  } catch (e) {
    if (e instanceof WorkbookReadError) return unreadable(file, e.code, e.text);
    const why = e instanceof Error ? e.message : String(e);
    return unreadable(file, 'unreadable', { zh: `文件无法读取：${why}`, en: `the file cannot be read: ${why}` });
  }
  const t = result.templates[0];
  return {
    file,
    plan: t?.planId ?? null,
    planVersion: t?.planVersion ?? null,
    kind: t?.kind ?? null,
    unit: t && t.kind === 'return' ? (t.units[0]?.name ?? null) : null,
    units: result.templates.flatMap((x) => x.units.map((u) => u.name)),
    valid: result.valid,
    counts: { errors: result.counts.error, warnings: result.counts.warning, infos: result.counts.info },
    issues: result.issues,
    values: result.values.map((v) => ({ unit: v.unit, indicator: v.indicator, value: v.value, workbookValue: v.workbookValue, status: v.status, cell: v.cell })),
  };
}

export function summarize(files: FileReport[]): ValidateReport['summary'] {
  const sum = (f: (r: FileReport) => number) => files.reduce((n, r) => n + f(r), 0);
  return {
    files: files.length,
    errors: sum((r) => r.counts.errors),
    warnings: sum((r) => r.counts.warnings),
    infos: sum((r) => r.counts.infos),
    unreadable: files.filter((r) => r.error).length,
    valid: files.filter((r) => r.valid).length,
  };
}

const t = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);

function issueLine(i: ValidationIssue, lang: Lang): string {
  const sev = pick(SEVERITY_LABEL[i.severity], lang);
  const mark = i.severity === 'error' ? '✗' : i.severity === 'warning' ? '!' : '·';
  const where = i.cell ? (i.sheet ? `${i.sheet}!${i.cell}` : i.cell) : t(lang, '（整个文件）', '(workbook)');
  const explained = i.explained ? t(lang, `（已说明：${i.explanation ?? ''}）`, ` (explained: ${i.explanation ?? ''})`) : '';
  return `  ${mark} ${sev}  ${where}  ${pick(i.message, lang)}${explained}`;
}

/** The readable report: one block per file, then the totals. */
export function renderReport(report: ValidateReport, lang: Lang): string {
  const lines: string[] = [];
  for (const f of report.files) {
    if (f.error) {
      lines.push(`✗ ${f.file}：${pick(f.error.message, lang)}`);
      continue;
    }
    const head = [
      f.plan ? t(lang, `规划 ${f.plan} v${f.planVersion}`, `plan ${f.plan} v${f.planVersion}`) : '',
      f.unit ? t(lang, `填报单位 ${f.unit}`, `unit ${f.unit}`) : f.units.length > 0 ? t(lang, `${f.units.length} 个单位`, `${f.units.length} units`) : '',
      f.counts.errors + f.counts.warnings + f.counts.infos === 0
        ? t(lang, '无问题', 'no issues')
        : t(lang, `${f.counts.errors} 个错误，${f.counts.warnings} 个提示，${f.counts.infos} 条说明`, `${f.counts.errors} error(s), ${f.counts.warnings} warning(s), ${f.counts.infos} note(s)`),
    ].filter(Boolean);
    lines.push(`${f.valid ? '✓' : '✗'} ${f.file}  ${head.join(' · ')}`);
    for (const i of f.issues) lines.push(issueLine(i, lang));
  }
  const s = report.summary;
  lines.push(
    t(
      lang,
      `合计：${s.files} 个文件，${s.valid} 个通过；${s.errors} 个错误，${s.warnings} 个提示${s.unreadable > 0 ? `；${s.unreadable} 个文件无法读取` : ''}`,
      `Total: ${s.files} file(s), ${s.valid} passed; ${s.errors} error(s), ${s.warnings} warning(s)${s.unreadable > 0 ? `; ${s.unreadable} file(s) could not be read` : ''}`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Writes to stdout and resolves once the text is handed to the OS: bin/ calls process.exit right
 * after the command, which would cut a large report written to a pipe (`validate --json | jq`).
 */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('校验回收的填报文件（可给文件夹），逐条指出问题所在单元格 / validate returned workbooks (or folders), each issue at its cell')
    .argument('<files...>', '填报文件 .xlsx 或文件夹 / returned .xlsx files or folders')
    .option('--json', '输出 JSON（files、summary） / print JSON (files, summary)')
    .option('--lang <lang>', '消息语言 zh-CN|en / message language')
    .option('--plan-file <file...>', '另加规划 JSON 文件（自定义规划） / extra plan JSON files (a bureau\'s own plans)')
    .option('--previous <file>', '上年 validate --json 的输出，用于同比检查 / last year\'s validate --json output, for year-on-year checks')
    .action(async (args: string[], opts: ValidateCliOptions) => {
      const lang = cliLang(opts.lang);
      const plans = loadPlans(opts.planFile);
      const previous = loadPrevious(opts.previous);
      const files = expandFiles(args);
      if (files.length === 0) throw new CliError({ zh: '没有要校验的 .xlsx 文件', en: 'no .xlsx files to validate' }, 2);
      const reports: FileReport[] = [];
      for (const file of files) reports.push(await validateFile(file, plans, previous));
      const report: ValidateReport = { files: reports, summary: summarize(reports) };
      await writeOut(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, lang));
      if (report.files.some((f) => !f.valid)) process.exitCode = 1;
    });
}
