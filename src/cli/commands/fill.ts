/**
 * `fill --data data.csv TEMPLATE.xlsx -o filled.xlsx`: fills a template's input cells from a long
 * CSV (unit,input,value), for bureaus that already hold the numbers in another system. Unknown
 * units or inputs, duplicates and unreadable values are reported (exit 1), never dropped silently.
 */
import * as fs from 'fs';
import type { Command } from 'commander';
import { CsvError, parseFillCsv } from '../../core/fill/csv';
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
    .option('--json', '输出 JSON 报告 / print a JSON report')
    .option('--lang <lang>', '消息语言 zh-CN|en / message language')
    .action(async (template: string, opts: FillCliOptions) => {
      if (!opts.data) throw new CliError({ zh: '请用 --data 指定 CSV 文件', en: 'give the CSV with --data' }, 2);
      const out = checkOutput(opts.output, opts.force);
      const lang = opts.lang ? cliLang(opts.lang) : 'both';
      const bytes = readInput(template, { zh: '模板文件', en: 'template' }, DEFAULT_READ_LIMITS.maxBytes);
      let records;
      try {
        records = parseFillCsv(readInput(opts.data, { zh: 'CSV 文件', en: 'CSV file' }, 20 * 1024 * 1024).toString('utf8'));
      } catch (e) {
        if (e instanceof CsvError) throw new CliError(e.text, 2);
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
        result = await fillWorkbook(bytes, records, (id) => plans.get(id));
      } catch (e) {
        if (e instanceof WorkbookReadError) throw new CliError({ zh: `${template}：${e.text.zh}`, en: `${template}: ${e.text.en}` }, 2);
        throw e;
      }
      writeAtomically(out, result.bytes);
      const { plan } = result;
      if (opts.json) {
        printJson({
          file: out,
          template,
          plan: result.template.meta.planId,
          records: records.length,
          written: plan.assignments.length,
          namedUnits: plan.namedUnits.map((u) => u.value),
          problems: plan.problems,
          mapProblems: result.mapProblems,
        });
      } else {
        process.stdout.write(
          `${say({ zh: `✓ ${out}：写入 ${plan.assignments.length} 个单元格（共 ${records.length} 条记录）`, en: `✓ ${out}: wrote ${plan.assignments.length} cells (${records.length} records)` }, lang)}\n`,
        );
        if (plan.namedUnits.length > 0) {
          process.stdout.write(`${say({ zh: `  新填单位：${plan.namedUnits.map((u) => u.value).join('、')}`, en: `  units named: ${plan.namedUnits.map((u) => u.value).join(', ')}` }, lang)}\n`);
        }
        for (const p of [...result.mapProblems.map((m) => ({ message: m })), ...plan.problems]) process.stderr.write(`  ⚠ ${say(p.message, lang)}\n`);
      }
      if (plan.problems.length > 0) process.exitCode = 1;
    });
}
