/**
 * `validate FILE… [--json] [--lang zh-CN|en]`: checks returned workbooks against their plan.
 *
 * Files and folders (recursively) are read in isolation (src/node/read-files: worker threads
 * with a memory cap and a time limit, across the cores), through the reader's limits (size, zip
 * bomb, encryption, corruption); a file that cannot be read gets its own clear error, a file that
 * is not an .xlsx (`.xls`, `.et`, `.ods`, `.csv` …) an entry saying what to do, and the other files
 * are still checked. Reports stream out in input order as files finish (`--json` too: the JSON is
 * written piece by piece, always complete). Exit 1 when any file has an error, cannot be read or
 * was skipped (Office lock files and hidden files aside), 0 otherwise; 2 for a usage problem.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { readFiles, type FileOutcome } from '../../node/read-files';
import type { SkipCode } from '../../node/list-files';
import { joinItems, pick, type Bilingual, type Lang } from '../../core/i18n/text';
import { PlanRegistry } from '../../core/plan/registry';
import { issueCountPhrases, issueSummaryText, SEVERITY_LABEL, validate, type PreviousValue, type ValidationIssue, type ValidationResult } from '../../core/validate';
import { decodeText, TextDecodeError } from '../../core/text/decode';
import { readWorkbookGridSync } from '../../xlsx/read';
import { DEFAULT_READ_LIMITS, type WorkbookErrorCode } from '../../xlsx/limits';
import { cliLang, CliError } from '../output';
import { loadPlans } from '../plan-registry';
import { repeatable } from '../repeatable';

interface ValidateCliOptions {
  json?: boolean;
  lang?: string;
  planFile?: string[];
  previous?: string;
  trustEmbedded?: boolean;
}

/** One file's outcome, as `--json` prints it. */
export interface FileReport {
  file: string;
  /** checked: read and validated; skipped: not a workbook we read (see `error`); unreadable: reading failed. */
  status: 'checked' | 'skipped' | 'unreadable';
  /** Why the file could not be checked at all (then `issues` and `values` are empty). */
  error?: { code: WorkbookErrorCode | SkipCode | 'unreadable' | 'timeout'; message: Bilingual };
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
  summary: ValidateSummary;
}

export interface ValidateSummary {
  files: number;
  /** Read and validated / not read (not an .xlsx …) / could not be read. */
  read: number;
  skipped: number;
  failed: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Files that could not be checked (skipped + failed). */
  unreadable: number;
  valid: number;
}


/** Last year's values from a report this command printed with --json. */
export function loadPrevious(file: string | undefined): PreviousValue[] | undefined {
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

function unreadable(file: string, code: NonNullable<FileReport['error']>['code'], message: Bilingual, status: FileReport['status'] = 'unreadable'): FileReport {
  return {
    file,
    status,
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

/** Checks one workbook's bytes (throws WorkbookReadError when they cannot be read). */
export function validateBytes(file: string, bytes: Uint8Array, plans: PlanRegistry, previous?: PreviousValue[], trustEmbedded = false): FileReport {
  const result: ValidationResult = validate(readWorkbookGridSync(bytes), plans, { previous, trustEmbedded });
  const t = result.templates[0];
  return {
    file,
    status: 'checked',
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

/** A read-files outcome as this command reports it. */
export function reportOf(o: FileOutcome<FileReport>): FileReport {
  if (o.status === 'read') return o.result;
  if (o.status === 'skipped') return unreadable(o.file, o.code, o.reason, 'skipped');
  return unreadable(o.file, o.code as NonNullable<FileReport['error']>['code'], o.reason);
}

/** Skipped files that are no one's mistake (an Office lock file, a hidden file): listed, never a failure. */
export function isIgnorable(r: FileReport): boolean {
  return r.status === 'skipped' && (r.error?.code === 'lock-file' || r.error?.code === 'hidden-file');
}

export function emptySummary(): ValidateSummary {
  return { files: 0, read: 0, skipped: 0, failed: 0, errors: 0, warnings: 0, infos: 0, unreadable: 0, valid: 0 };
}

/** Adds one file to the totals (a run keeps only these, not every report). */
export function addToSummary(s: ValidateSummary, r: FileReport): ValidateSummary {
  s.files++;
  if (r.status === 'checked') s.read++;
  else if (r.status === 'skipped') s.skipped++;
  else s.failed++;
  s.errors += r.counts.errors;
  s.warnings += r.counts.warnings;
  s.infos += r.counts.infos;
  if (r.error) s.unreadable++;
  if (r.valid) s.valid++;
  return s;
}

export function summarize(files: FileReport[]): ValidateSummary {
  const s = emptySummary();
  for (const f of files) addToSummary(s, f);
  return s;
}

const t = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);

function issueLine(i: ValidationIssue, lang: Lang): string {
  const sev = pick(SEVERITY_LABEL[i.severity], lang);
  const mark = i.severity === 'error' ? '✗' : i.severity === 'warning' ? '!' : '·';
  const where = i.cell ? (i.sheet ? `${i.sheet}!${i.cell}` : i.cell) : t(lang, '（整个文件）', '(workbook)');
  const explained = i.explained ? t(lang, `（已说明：${i.explanation ?? ''}）`, ` (explained: ${i.explanation ?? ''})`) : '';
  return `  ${mark} ${sev}  ${where}  ${pick(i.message, lang)}${explained}`;
}

/** One file's block of the readable report. */
export function renderFile(f: FileReport, lang: Lang): string {
  if (f.error) return `${f.status === 'skipped' ? '–' : '✗'} ${f.file}：${pick(f.error.message, lang)}\n`;
  const head = [
    f.plan ? t(lang, `规划 ${f.plan} v${f.planVersion}`, `plan ${f.plan} v${f.planVersion}`) : '',
    f.unit ? t(lang, `填报单位 ${f.unit}`, `unit ${f.unit}`) : f.units.length > 0 ? t(lang, `${f.units.length} 个单位`, `${f.units.length} units`) : '',
    issueSummaryText({ error: f.counts.errors, warning: f.counts.warnings, explained: f.issues.filter((i) => i.severity === 'warning' && i.explained).length, info: f.counts.infos }, lang) || t(lang, '无问题', 'no issues'),
  ].filter(Boolean);
  const lines = [`${f.valid ? '✓' : '✗'} ${f.file}  ${head.join(' · ')}`];
  for (const i of f.issues) lines.push(issueLine(i, lang));
  return `${lines.join('\n')}\n`;
}

/** The totals line. */
export function renderSummary(s: ValidateSummary, lang: Lang): string {
  const counts =
    s.skipped + s.failed > 0
      ? t(lang, `（读取 ${s.read}，跳过 ${s.skipped}，无法读取 ${s.failed}）`, ` (read ${s.read}, skipped ${s.skipped}, could not be read ${s.failed})`)
      : '';
  const issues = joinItems(issueCountPhrases({ error: s.errors, warning: s.warnings, info: 0 }, lang), lang) || t(lang, '无问题', 'no issues');
  return `${t(lang, `合计：${s.files} 个文件${counts}，${s.valid} 个通过；${issues}`, `Total: ${s.files} file(s)${counts}, ${s.valid} passed; ${issues}`)}\n`;
}

/** The readable report: one block per file, then the totals. */
export function renderReport(report: ValidateReport, lang: Lang): string {
  return report.files.map((f) => renderFile(f, lang)).join('') + renderSummary(report.summary, lang);
}

/**
 * Writes to stdout and resolves once the text is handed to the OS: bin/ calls process.exit right
 * after the command, which would cut a large report written to a pipe (`validate --json | jq`).
 */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

/** The compiled task each worker runs (validate-task.ts). */
const VALIDATE_TASK = path.join(__dirname, '..', 'validate-task');

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('校验回收的填报文件（可给文件夹），逐条指出问题所在单元格 / validate returned workbooks (or folders), each issue at its cell')
    .argument('<files...>', '填报文件 .xlsx 或文件夹（含子文件夹） / returned .xlsx files or folders (recursively)')
    .option('--json', '输出 JSON（files、summary） / print JSON (files, summary)')
    .option('--lang <lang>', '消息语言 zh-CN|en / message language')
    .option('--plan-file <file>', '另加规划 JSON 文件（自定义规划，可重复） / an extra plan JSON file (a bureau\'s own plan; repeatable)', repeatable)
    .option('--previous <file>', '上年 validate --json 的输出，用于同比检查 / last year\'s validate --json output, for year-on-year checks')
    .option('--trust-embedded', '规划不是发布版本时，按文件内嵌的规划校验（默认报错） / validate against the plan a return carries when it is not a released plan (default: an error)')
    .action(async (args: string[], opts: ValidateCliOptions) => {
      const lang = cliLang(opts.lang);
      // Checked here once for their usage errors (exit 2); each worker loads them again.
      loadPlans(opts.planFile);
      loadPrevious(opts.previous);
      const task = { module: VALIDATE_TASK, options: { planFiles: (opts.planFile ?? []).map((f) => path.resolve(f)), previous: opts.previous && path.resolve(opts.previous), trustEmbedded: opts.trustEmbedded === true } };
      const summary = emptySummary();
      let failing = false;
      let first = true;
      if (opts.json) await writeOut('{\n  "files": [');
      for await (const outcome of readFiles<FileReport>(args, { task, ordered: true })) {
        const r = reportOf(outcome);
        addToSummary(summary, r);
        if (!r.valid && !isIgnorable(r)) failing = true;
        if (opts.json) {
          await writeOut(`${first ? '' : ','}\n    ${JSON.stringify(r, null, 2).replace(/\n/g, '\n    ')}`);
        } else await writeOut(renderFile(r, lang));
        first = false;
      }
      if (summary.files === 0) {
        if (opts.json) await writeOut(`],\n  "summary": ${JSON.stringify(summary)}\n}\n`);
        throw new CliError({ zh: '没有要校验的文件（文件夹为空）', en: 'no files to validate (the folder is empty)' }, 2);
      }
      await writeOut(opts.json ? `${first ? '' : '\n  '}],\n  "summary": ${JSON.stringify(summary)}\n}\n` : renderSummary(summary, lang));
      if (failing) process.exitCode = 1;
    });
}
