/**
 * `fill --data data.csv TEMPLATE.xlsx -o filled.xlsx`: fills a template's input cells from a long
 * CSV (unit,input,value), for bureaus that already hold the numbers in another system. Unknown
 * units or inputs, duplicates and unreadable values are reported (exit 1), never dropped silently.
 *
 * One meaning per sign: ✓ and exit 0 when every record was written (warnings — an empty value
 * skipped, control characters removed — are listed with `!`); ✗ and exit 1 when any record has an
 * error. A CSV that cannot be read as records (a row with the wrong number of fields, an encoding
 * that is not UTF-8/UTF-16/GBK) writes nothing.
 */
import * as fs from 'fs';
import type { Command } from 'commander';
import { CsvError, parseFillCsv } from '../../core/fill/csv';
import { decodeText, TextDecodeError } from '../../core/text/decode';
import { fillWorkbook } from '../../xlsx/fill';
import { DEFAULT_READ_LIMITS, WorkbookReadError } from '../../xlsx/limits';
import { cliLang, CliError, printJson, say } from '../output';
import { loadShippedPlans, readPlanFile } from '../../node/seeds';
import { checkOutput, writeAtomically } from './template';

interface FillCliOptions {
  data?: string;
  planFile?: string;
  output?: string;
  force?: boolean;
  json?: boolean;
  lang?: string;
  clearEmpty?: boolean;
}

function readInput(file: string, what: { zh: string; en: string }, limit: number): Buffer {
  if (!fs.existsSync(file)) throw new CliError({ zh: `找不到${what.zh}：${file}`, en: `${what.en} not found: ${file}` }, 2);
  const size = fs.statSync(file).size;
  if (size > limit) throw new CliError({ zh: `${what.zh}过大：${file}（${size} 字节）`, en: `${what.en} too large: ${file} (${size} bytes)` }, 2);
  return fs.readFileSync(file);
}

export function registerFill(program: Command): void {
  program
    .command('fill')
    .description('用长表 CSV（unit,input,value）填写模板的填报单元格 / fill a template\'s input cells from a long CSV (unit,input,value)')
    .argument('<template>', '模板文件（.xlsx） / the template workbook')
    .option('--data <file>', 'CSV 文件，列 unit,input,value（或 单位,数据项,值） / CSV with columns unit,input,value')
    .option('--plan-file <file>', '模板所用规划不是内置规划时，给出其 JSON 文件 / the plan JSON file when the template\'s plan is not a shipped one')
    .option('-o, --output <file>', '输出文件 / output file')
    .option('--force', '覆盖已有文件 / overwrite an existing file')
    .option('--clear-empty', 'CSV 中的空值清空对应单元格（默认跳过并提示） / an empty CSV value clears its cell (default: skipped with a warning)')
    .option('--json', '输出 JSON 报告 / print a JSON report')
    .option('--lang <lang>', '消息语言 zh-CN|en / message language')
    .action(async (template: string, opts: FillCliOptions) => {
      if (!opts.data) throw new CliError({ zh: '请用 --data 指定 CSV 文件', en: 'give the CSV with --data' }, 2);
      const out = checkOutput(opts.output, opts.force);
      const lang = opts.lang ? cliLang(opts.lang) : 'both';
      const bytes = readInput(template, { zh: '模板文件', en: 'template' }, DEFAULT_READ_LIMITS.maxBytes);
      let records;
      try {
        const bytes = readInput(opts.data, { zh: 'CSV 文件', en: 'CSV file' }, 20 * 1024 * 1024);
        records = parseFillCsv(decodeText(bytes, { zh: `CSV 文件 ${opts.data} `, en: `CSV file ${opts.data}` }).text);
      } catch (e) {
        // The data cannot be read as records: an error of the data (exit 1), and nothing is written.
        if (e instanceof CsvError || e instanceof TextDecodeError) throw new CliError(e.text, 1);
        throw e;
      }
      const plans = new Map(loadShippedPlans().map((p) => [p.id, p]));
      if (opts.planFile) {
        if (!fs.existsSync(opts.planFile)) throw new CliError({ zh: `找不到规划文件：${opts.planFile}`, en: `plan file not found: ${opts.planFile}` }, 2);
        const own = readPlanFile(opts.planFile);
        plans.set(own.id, own);
      }
      let result;
      try {
        result = await fillWorkbook(bytes, records, (id) => plans.get(id), { clearEmpty: opts.clearEmpty });
      } catch (e) {
        if (e instanceof WorkbookReadError) throw new CliError({ zh: `${template}：${e.text.zh}`, en: `${template}: ${e.text.en}` }, 2);
        throw e;
      }
      writeAtomically(out, result.bytes);
      const { plan } = result;
      const errors = plan.problems.filter((p) => p.severity === 'error');
      const warnings = plan.problems.filter((p) => p.severity === 'warning');
      if (opts.json) {
        printJson({
          file: out,
          template,
          plan: result.template.meta.planId,
          ok: errors.length === 0,
          records: records.length,
          written: plan.assignments.length,
          errors: errors.length,
          warnings: warnings.length,
          namedUnits: plan.namedUnits.map((u) => u.value),
          problems: plan.problems,
          mapProblems: result.mapProblems,
        });
      } else {
        const head =
          errors.length === 0
            ? { zh: `✓ ${out}：写入 ${plan.assignments.length} 个单元格（共 ${records.length} 条记录）`, en: `✓ ${out}: wrote ${plan.assignments.length} cells (${records.length} records)` }
            : {
                zh: `✗ ${out}：写入 ${plan.assignments.length} 个单元格（共 ${records.length} 条记录），${errors.length} 条记录有错误，请改正后重新填写`,
                en: `✗ ${out}: wrote ${plan.assignments.length} cells (${records.length} records); ${errors.length} record(s) have errors, fix them and fill again`,
              };
        if (warnings.length > 0) {
          head.zh += `；${warnings.length} 条提示`;
          head.en += `; ${warnings.length} warning(s)`;
        }
        process.stdout.write(`${say(head, lang)}\n`);
        if (plan.namedUnits.length > 0) {
          process.stdout.write(`${say({ zh: `  新填单位：${plan.namedUnits.map((u) => u.value).join('、')}`, en: `  units named: ${plan.namedUnits.map((u) => u.value).join(', ')}` }, lang)}\n`);
        }
        for (const m of result.mapProblems) process.stderr.write(`  ! ${say(m, lang)}\n`);
        for (const p of errors) process.stderr.write(`  ✗ ${say(p.message, lang)}\n`);
        for (const p of warnings) process.stderr.write(`  ! ${say(p.message, lang)}\n`);
      }
      if (errors.length > 0) process.exitCode = 1;
    });
}
