/**
 * Plans written in a spreadsheet:
 *   `plan-template -o plan-definition.xlsx`       an empty, documented definition workbook
 *   `plan-export PLAN|plan.json -o plan.xlsx`      a plan written into one
 *   `plan-import plan.xlsx -o plan.json`           read back through the plan schema; every error by sheet and cell
 */
import * as fs from 'fs';
import type { Command } from 'commander';
import { formatDefinitionIssue, planToDefinition } from '../../core/plan-definition';
import { indicatorCount } from '../../core/plan/registry';
import { resolvePlan } from '../../core/plan/resolve';
import type { Plan } from '../../core/plan/schema';
import { WorkbookReadError } from '../../xlsx/limits';
import { DEFINITION_READ_LIMITS, readDefinition, renderDefinitionBuffer } from '../../xlsx/plan-definition';
import { cliLang, CliError, printJson } from '../output';
import { loadShippedPlans, readPlanFile } from '../../node/seeds';
import { checkOutput, writeAtomically } from './template';

interface OutOptions {
  output?: string;
  force?: boolean;
}

/** A shipped plan by id, or a plan file (a path ending in .json, or any existing file). */
function planArg(arg: string): Plan {
  if (/\.json$/i.test(arg) || fs.existsSync(arg)) {
    if (!fs.existsSync(arg)) throw new CliError({ zh: `找不到规划文件：${arg}`, en: `plan file not found: ${arg}` }, 2);
    return readPlanFile(arg);
  }
  const found = resolvePlan(loadShippedPlans(), arg);
  if (!found.ok) throw new CliError(found.message, 2);
  return found.value;
}

export function registerPlanDefinition(program: Command): void {
  program
    .command('plan-template')
    .description('写出空白的计划定义工作簿（带说明、下拉列表和列批注） / write an empty, documented plan definition workbook')
    .option('-o, --output <file>', '输出文件 / output file')
    .option('--force', '覆盖已有文件 / overwrite an existing file')
    .action(async (opts: OutOptions) => {
      const out = checkOutput(opts.output, opts.force);
      writeAtomically(out, await renderDefinitionBuffer(planToDefinition(null)));
      process.stdout.write(`已写出计划定义模板 ${out} / wrote the plan definition template ${out}\n`);
    });

  program
    .command('plan-export')
    .description('把规划写入计划定义工作簿，便于在表格中审阅和修改 / write a plan into a definition workbook')
    .argument('<plan>', '规划编号或规划 JSON 文件 / plan id or plan JSON file')
    .option('-o, --output <file>', '输出文件 / output file')
    .option('--force', '覆盖已有文件 / overwrite an existing file')
    .action(async (arg: string, opts: OutOptions) => {
      const plan = planArg(arg);
      const out = checkOutput(opts.output, opts.force);
      writeAtomically(out, await renderDefinitionBuffer(planToDefinition(plan)));
      process.stdout.write(`已写出 ${plan.id}（${indicatorCount(plan)} 个指标）到 ${out} / wrote ${plan.id} (${indicatorCount(plan)} indicators) to ${out}\n`);
    });

  program
    .command('plan-import')
    .description('读取计划定义工作簿，按计划格式校验后写出 JSON；每个错误注明工作表和单元格 / read a definition workbook into plan JSON; every error names its sheet and cell')
    .argument('<file>', '计划定义工作簿 .xlsx / definition workbook')
    .option('-o, --output <file>', '输出 JSON 文件（省略则输出到标准输出） / output JSON file (stdout when omitted)')
    .option('--force', '覆盖已有文件 / overwrite an existing file')
    .option('--json', '出错时以 JSON 输出问题列表 / print the problems as JSON')
    .option('--lang <lang>', '语言 zh-CN|en / language')
    .action(async (file: string, opts: OutOptions & { json?: boolean; lang?: string }) => {
      if (!fs.existsSync(file)) throw new CliError({ zh: `找不到文件：${file}`, en: `file not found: ${file}` }, 2);
      const out = opts.output ? checkOutput(opts.output, opts.force) : undefined;
      let result;
      try {
        result = await readDefinition(new Uint8Array(fs.readFileSync(file)), DEFINITION_READ_LIMITS);
      } catch (e) {
        if (e instanceof WorkbookReadError) throw new CliError(e.text, 2);
        throw e;
      }
      if (!result.ok) {
        if (opts.json) printJson(result.issues);
        else {
          const lang = opts.lang ? cliLang(opts.lang) : undefined;
          process.stderr.write(`${result.issues.map((i) => formatDefinitionIssue(i, lang)).join('\n')}\n`);
          process.stderr.write(`共 ${result.issues.length} 个问题 / ${result.issues.length} problems\n`);
        }
        process.exitCode = 1;
        return;
      }
      // The schema's key order (what zod returns), as a plan file is written.
      const json = `${JSON.stringify(result.plan, null, 2)}\n`;
      if (out) {
        writeAtomically(out, new TextEncoder().encode(json));
        process.stdout.write(`已写出 ${result.plan.id}（${indicatorCount(result.plan)} 个指标）到 ${out} / wrote ${result.plan.id} (${indicatorCount(result.plan)} indicators) to ${out}\n`);
      } else process.stdout.write(json);
    });
}
