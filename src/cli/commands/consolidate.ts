/**
 * `consolidate RETURNS… [--expected units.csv|.xlsx] [--include-invalid] -o summary.xlsx [--json]
 * [--long values.csv]`: many returned workbooks (files and folders, recursively) into one summary.
 *
 * Exit 0 when something was consolidated (warnings, unreadable files, missing units allowed),
 * 1 when nothing could be, 2 for a usage problem. A progress bar on stderr only on a terminal.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { pick, type Lang } from '../../core/i18n/text';
import type { Plan } from '../../core/plan/schema';
import { decodeText, TextDecodeError } from '../../core/text/decode';
import { parseCsv, CsvError } from '../../core/fill/csv';
import { parseReportYear, yearProblem } from '../../core/user-input';
import {
  buildSummarySpecs,
  consolidate,
  ConsolidateError,
  expectedFromRows,
  ExpectedListError,
  longCsvLine,
  longRows,
  LONG_HEADER,
  REGIONS_NOTE,
  type Consolidation,
  type ExpectedUnit,
} from '../../core/consolidate';
import { renderTemplatesBuffer } from '../../xlsx/render';
import { readWorkbookGrid } from '../../xlsx/read';
import { WorkbookReadError } from '../../xlsx/limits';
import { cliLang, CliError } from '../output';
import { terminalSafe } from '../../core/text/terminal';
import { jsonPieces } from '../../core/text/json-pieces';
import { loadPlans } from '../plan-registry';
import { listReturnFiles, readReturns } from '../consolidate-read';
import { checkOutput, writeAtomically, writeStreamAtomically } from '../output-file';
import { repeatable } from '../repeatable';

interface ConsolidateCliOptions {
  expected?: string;
  includeInvalid?: boolean;
  output?: string;
  json?: boolean;
  long?: string;
  plan?: string;
  planFile?: string[];
  name?: string;
  year?: string;
  lang?: string;
  force?: boolean;
  workers?: string;
}


/** The expected list from a CSV (UTF-8, UTF-16 or GB18030) or the first sheet of an .xlsx. */
export async function readExpected(file: string): Promise<ExpectedUnit[]> {
  const bad = (why: string, en = why) => new CliError({ zh: `应填单位名单无法读取：${file}（${why}）`, en: `cannot read the expected list ${file} (${en})` }, 2);
  if (!fs.existsSync(file)) throw bad('找不到文件', 'not found');
  const bytes = fs.readFileSync(file);
  try {
    if (/\.xlsx$/i.test(file)) {
      const book = await readWorkbookGrid(bytes);
      const sheet = book.sheets.find((s) => s.state !== 'veryHidden' && s.state !== 'hidden') ?? book.sheets[0];
      return expectedFromRows(sheet?.values ?? []);
    }
    return expectedFromRows(parseCsv(decodeText(bytes, { zh: '应报单位清单', en: 'expected list' }).text).map((r) => r.fields));
  } catch (e) {
    if (e instanceof ExpectedListError || e instanceof CsvError || e instanceof WorkbookReadError || e instanceof TextDecodeError) throw bad(e.text.zh, e.text.en);
    throw e;
  }
}

/** Streams the long table to a file (a province's rows are never all held as text), atomically. */
async function writeLong(file: string, c: Consolidation): Promise<number> {
  return writeStreamAtomically(file, async (write) => {
    // A BOM so Excel opens the UTF-8 CSV with its Chinese intact.
    await write(`\uFEFF${LONG_HEADER.join(',')}\r\n`);
    let n = 0;
    for (const row of longRows(c)) {
      await write(`${longCsvLine(row)}\r\n`);
      n++;
    }
    return n;
  });
}

const t = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);

/** The readable report: what was counted and everything that needs a look. */
export function renderConsolidation(c: Consolidation, lang: Lang, output?: string): string {
  const k = c.completeness;
  const counted = c.units.filter((u) => u.included).length;
  const lines: string[] = [];
  lines.push(
    t(lang, `规划 ${c.plan.id} v${c.plan.version}${c.year ? `，${c.year} 年` : ''}：${c.files.length} 个文件，${counted} 个单位计入汇总`, `plan ${c.plan.id} v${c.plan.version}${c.year ? `, ${c.year}` : ''}: ${c.files.length} file(s), ${counted} unit(s) consolidated`),
  );
  for (const v of c.verdicts) {
    const verdict = v.passes === true ? t(lang, '达标', 'met') : v.passes === false ? t(lang, '未达标', 'not met') : t(lang, '未能判定', 'undecided');
    lines.push(
      t(
        lang,
        `  ${v.level}：${v.schoolsPassing}/${v.schools} 所学校 6 项达标且余项≥85%，差异系数 ${v.coefficientsPassing}/${v.coefficients} 项达标 → ${verdict}`,
        `  ${v.level}: ${v.schoolsPassing}/${v.schools} schools pass 6-of-7, ${v.coefficientsPassing}/${v.coefficients} coefficients within limit → ${verdict}`,
      ),
    );
  }
  if (c.units.some((u) => u.region)) lines.push(`  ${pick(REGIONS_NOTE, lang)}`);
  if (k.expected > 0) lines.push(t(lang, `  应报 ${k.expected}，未报 ${k.missing.length}：${k.missing.map((m) => m.unit + (m.level ? `（${m.level}）` : '')).join('、') || '无'}`, `  expected ${k.expected}, missing ${k.missing.length}: ${k.missing.map((m) => m.unit).join(', ') || 'none'}`));
  if (k.unknown.length) lines.push(t(lang, `  不在名单中：${k.unknown.map((u) => u.unit).join('、')}`, `  not on the list: ${k.unknown.map((u) => u.unit).join(', ')}`));
  for (const d of k.duplicates) lines.push(t(lang, `  重复：${d.unit}${d.level ? `（${d.level}）` : ''} 见于 ${d.files.join('、')}，采用 ${d.kept}`, `  duplicate: ${d.unit} in ${d.files.join(', ')}; kept ${d.kept}`));
  for (const u of k.unread) lines.push(`  ✗ ${u.file}：${pick(u.reason, lang)}`);
  for (const u of k.invalid) {
    lines.push(
      t(
        lang,
        `  ✗ ${u.unit}（${u.file}）：${u.errors} 个强制性错误，${u.included ? '已按 --include-invalid 计入' : '未计入（--include-invalid 可计入）'}`,
        `  ✗ ${u.unit} (${u.file}): ${u.errors} error(s), ${u.included ? 'counted (--include-invalid)' : 'not counted (--include-invalid to count)'}`,
      ),
    );
  }
  for (const o of k.otherPlan) lines.push(t(lang, `  其他规划：${o.file}（${o.planId} v${o.planVersion}），未计入`, `  another plan: ${o.file} (${o.planId} v${o.planVersion}), not counted`));
  for (const o of k.otherVersion) lines.push(`  ✗ ${o.file}：${pick(o.reason, lang)}`);
  for (const m of k.migrated) lines.push(t(lang, `  旧版本：${m.file}（${m.from} → ${m.to}）已按单元格映射读取`, `  older version: ${m.file} (${m.from} → ${m.to}) read through its cell map`));
  if (output) lines.push(t(lang, `已写入 ${output}`, `written to ${output}`));
  return `${lines.join('\n')}\n`;
}

function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

/**
 * `--json`: the consolidation written member by member (files, units, aggregates …), the same
 * text as JSON.stringify(c, null, 2), never held whole (a province's is hundreds of MB). Pieces
 * are gathered to about 64 KB per write, and each write waits for the pipe.
 */
async function writeJson(c: Consolidation): Promise<void> {
  let buffer = '';
  for (const piece of jsonPieces(c)) {
    buffer += piece;
    if (buffer.length >= 65536) {
      await writeOut(buffer);
      buffer = '';
    }
  }
  await writeOut(`${buffer}\n`);
}

export function registerConsolidate(program: Command): void {
  program
    .command('consolidate')
    .description('把回收的填报文件（可给文件夹）汇总成一个汇总工作簿：完整性、重新计算的汇总值、差异系数、来源 / consolidate returned workbooks (or folders) into one summary workbook')
    .argument('<returns...>', '填报文件 .xlsx 或文件夹（递归） / returned .xlsx files or folders (recursively)')
    .option('--expected <file>', '应填单位名单 CSV 或 .xlsx（表头 单位/学校，可选 学段） / expected units, CSV or .xlsx (header 单位/学校, optional 学段)')
    .option('--include-invalid', '计入含强制性错误的填报 / count returns with hard errors')
    .option('-o, --output <file>', '汇总工作簿 summary.xlsx / the summary workbook')
    .option('--json', '输出 JSON / print JSON')
    .option('--long <file>', '另存长表 CSV（unit,level,input,value,file,cell） / also write the long table as CSV')
    .option('--plan <id>', '只汇总此规划（默认：多数文件的规划） / the plan to consolidate (default: the one most returns are on)')
    .option('--plan-file <file>', '另加规划 JSON 文件（可重复） / an extra plan JSON file (repeatable)', repeatable)
    .option('--name <name>', '本级单位名称（汇总表作为上一级的填报） / this region\'s name as a unit one level up')
    .option('--year <year>', '报告年度（默认取自填报文件） / report year (default: from the returns)')
    .option('--lang <lang>', '语言 zh-CN|en / language')
    .option('--force', '覆盖已有文件 / overwrite existing output files')
    .option('--workers <n>', '读取线程数（默认按 CPU 核数和文件数；0 = 不另开线程） / reader threads (default: from the cores and the number of files; 0 = in this thread)')
    .action(async (args: string[], opts: ConsolidateCliOptions) => {
      const lang = cliLang(opts.lang);
      if (!opts.output && !opts.json && !opts.long) throw new CliError({ zh: '请用 -o 指定汇总工作簿（或用 --json / --long）', en: 'give the summary workbook with -o (or use --json / --long)' }, 2);
      const output = opts.output ? checkOutput(opts.output, opts.force) : undefined;
      const long = opts.long ? checkOutput(opts.long, opts.force) : undefined;
      const year = opts.year !== undefined ? parseReportYear(opts.year) : undefined;
      if (opts.year !== undefined && year === undefined) throw new CliError(yearProblem(opts.year, '--year'), 2);
      const workers = opts.workers === undefined ? undefined : /^\d{1,2}$/.test(opts.workers.trim()) ? Number(opts.workers) : NaN;
      if (Number.isNaN(workers)) throw new CliError({ zh: `--workers 应为 0 到 99 的整数，收到「${terminalSafe(opts.workers ?? '')}」`, en: `--workers takes a whole number from 0 to 99, got "${terminalSafe(opts.workers ?? '')}"` }, 2);
      const plans = loadPlans(opts.planFile);
      const expected = opts.expected ? await readExpected(opts.expected) : undefined;
      // Never read our own outputs back as returns (a second run into the same folder).
      const files = listReturnFiles(args, [output, long].filter((x): x is string => x !== undefined));
      if (files.length === 0) throw new CliError({ zh: '没有要汇总的文件', en: 'no files to consolidate' }, 2);

      const bar = process.stderr.isTTY ? new SingleBar({ format: `${t(lang, '读取', 'reading')} [{bar}] {value}/{total} {file}`, stream: process.stderr, hideCursor: true }) : undefined;
      bar?.start(files.length, 0, { file: '' });
      const reads = await readReturns(files, plans.list(), { workers, onProgress: (done, _total, file) => bar?.update(done, { file: terminalSafe(path.basename(file)) }) });
      bar?.stop();

      let c: Consolidation;
      try {
        c = consolidate(reads, plans, { expected, includeInvalid: opts.includeInvalid, planId: opts.plan, year });
      } catch (e) {
        if (!(e instanceof ConsolidateError)) throw e;
        const unread = reads.filter((r) => r.status !== 'read').map((r) => `  ✗ ${r.file}：${r.reason ? pick(r.reason, lang) : ''}`);
        if (opts.json) await writeOut(`${JSON.stringify({ error: e.text, files: reads.map((r) => ({ file: r.file, status: r.status, reason: r.reason })) }, null, 2)}\n`);
        else process.stderr.write(`${[pick(e.text, lang), ...unread].join('\n')}\n`);
        process.exitCode = 1;
        return;
      }
      const plan = plans.get(c.plan.id) as Plan;
      if (output) {
        const specs = buildSummarySpecs(c, plan, { lang, region: opts.name });
        writeAtomically(output, await renderTemplatesBuffer(specs));
      }
      if (long) await writeLong(long, c);
      if (opts.json) await writeJson(c);
      else await writeOut(renderConsolidation(c, lang, output));
      if (!c.units.some((u) => u.included)) process.exitCode = 1;
    });
}
