/**
 * `template --plan ID [--kind return|units|overview] [--units "甲校,乙校" | --units-file F] [--level 小学]
 *  [--year 2025] [--lang zh-CN|en] [--password P] -o out.xlsx [--force]`: a standalone template file.
 */
import * as fs from 'fs';
import type { Command } from 'commander';
import { pick } from '../../core/i18n/text';
import { resolvePlan } from '../../core/plan/resolve';
import type { Plan } from '../../core/plan/schema';
import { buildTemplate, cellCount } from '../../core/template/build';
import { CsvError, parseCsv } from '../../core/fill/csv';
import { decodeText, TextDecodeError } from '../../core/text/decode';
import { TemplateError, type TemplateOptions } from '../../core/template/options';
import { TEMPLATE_KINDS, type TemplateKind } from '../../core/template/spec';
import { parseReportYear, splitList, yearProblem } from '../../core/user-input';
import { renderTemplateBuffer } from '../../xlsx/render';
import { cliLang, CliError, printJson } from '../output';
import { checkOutput, writeAtomically } from '../output-file';
import { loadShippedPlans, readPlanFile } from '../../node/seeds';

const MAX_UNITS_FILE = 5 * 1024 * 1024;

/** A units file's header cell (never a unit): 单位, 学校名称, 单位名称（盖章）, name … */
const UNITS_HEADER = /^(unit|units|unitname|name|school|schools|schoolname|单位|单位名称|填报单位|学校|学校名称|名称|校名|幼儿园|幼儿园名称|园所|园所名称)([(（].*[)）])?[:：]?$/i;

/**
 * Unit names from a file: a CSV with a header naming the unit column (unit / 单位 / 学校 / 单位名称),
 * or plain lines (one name per line, the first field of each).
 */
export function readUnitsFile(file: string): string[] {
  if (!fs.existsSync(file)) throw new CliError({ zh: `找不到单位清单文件：${file}`, en: `units file not found: ${file}` }, 2);
  const size = fs.statSync(file).size;
  if (size > MAX_UNITS_FILE) throw new CliError({ zh: `单位清单文件过大（${size} 字节）`, en: `units file too large (${size} bytes)` }, 2);
  let rows: string[][];
  try {
    // Windows saves unit lists as GBK or UTF-16 as often as UTF-8: the core's one decoder reads them all.
    rows = parseCsv(decodeText(fs.readFileSync(file), { zh: `单位清单文件 ${file} `, en: `units file ${file}` }).text).map((r) => r.fields);
  } catch (e) {
    if (e instanceof CsvError || e instanceof TextDecodeError) throw new CliError(e.text, 2);
    throw e;
  }
  if (rows.length === 0) return [];
  const header = rows[0].map((h) => h.normalize('NFKC').replace(/\s+/g, ''));
  const col = header.findIndex((h) => UNITS_HEADER.test(h));
  return (col >= 0 ? rows.slice(1) : rows).map((r) => (r[col >= 0 ? col : 0] ?? '').trim()).filter(Boolean);
}

function findPlan(id: string | undefined, file: string | undefined): Plan {
  if (file) {
    if (!fs.existsSync(file)) throw new CliError({ zh: `找不到规划文件：${file}`, en: `plan file not found: ${file}` }, 2);
    return readPlanFile(file);
  }
  if (!id) throw new CliError({ zh: '请用 --plan 指定规划编号（edu-indicators plans 可列出）', en: 'give the plan with --plan (edu-indicators plans lists them)' }, 2);
  const found = resolvePlan(loadShippedPlans(), id);
  if (!found.ok) throw new CliError(found.message, 2);
  return found.value;
}

// The one -o helper of every command (regular files only, atomic), re-exported for the commands that import it from here.
export { checkOutput, writeAtomically };

interface TemplateCliOptions {
  plan?: string;
  planFile?: string;
  kind?: string;
  units?: string;
  unitsFile?: string;
  level?: string;
  for?: string;
  year?: string;
  lang?: string;
  password?: string;
  indicators?: string;
  sections?: string;
  emptyRows?: string;
  summary?: boolean;
  overview?: boolean;
  output?: string;
  force?: boolean;
  json?: boolean;
}

function yearOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = parseReportYear(value);
  if (year === undefined) throw new CliError(yearProblem(value, '--year'), 2);
  return year;
}

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CliError({ zh: `${name} 须为整数：${value}`, en: `${name} must be a whole number: ${value}` }, 2);
  return n;
}

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description('生成填报模板（.xlsx，原生公式，无需加载项） / generate a template workbook (native formulas, no add-in needed)')
    .option('--plan <id>', '规划编号 / plan id')
    .option('--plan-file <file>', '或：规划 JSON 文件 / or: a plan JSON file')
    .option('--kind <kind>', '模板类型 return（单位填报表）| units（分单位汇总表）| overview（指标一览） / template kind')
    .option('--units <names>', '单位名称，逗号分隔 / unit names, comma-separated')
    .option('--units-file <file>', '单位清单文件（每行一个，或带表头 单位/unit 的 CSV） / units file (one per line, or CSV with a unit column)')
    .option('--level <level>', '学段，如 小学、初中（只含该学段的指标；不指定则各学段分别判定） / stage, e.g. 小学, 初中 (only that stage\'s items; without it each stage is judged on its own)')
    .option('--for <reporter>', '填报层级 school|county|city|province（学校/区县/市/省）：只含该层级填报和判定的项目（默认：规划本级，含全部指标） / who fills it: only what that level reports and is judged on (default: the plan\'s own level, whole plan)')
    .option('--year <year>', '报告年度（选取该年的目标） / report year (picks that year\'s targets)')
    .option('--lang <lang>', '模板语言 zh-CN|en（默认中文） / template language (default Chinese)')
    .option('--password <password>', '工作表保护密码（默认无密码保护） / sheet protection password (default: protected without one)')
    .option('--indicators <ids>', '只含这些指标（编号或代码，逗号分隔） / only these indicators (ids or codes)')
    .option('--sections <ids>', '只含这些分组 / only these sections')
    .option('--empty-rows <n>', '未给单位时的空行数（默认 30） / rows to leave when no units are given (default 30)')
    .option('--no-summary', '汇总表不含县域汇总区 / unit table without the county summary')
    .option('--no-overview', '不附“规划指标”工作表 / without the plan overview sheet')
    .option('-o, --output <file>', '输出文件 / output file')
    .option('--force', '覆盖已有文件 / overwrite an existing file')
    .option('--json', '输出 JSON 摘要 / print a JSON summary')
    .action(async (opts: TemplateCliOptions) => {
      const out = checkOutput(opts.output, opts.force);
      if (opts.units && opts.unitsFile) throw new CliError({ zh: '--units 与 --units-file 只能用一个', en: 'use either --units or --units-file' }, 2);
      const kind = opts.kind?.trim();
      if (kind !== undefined && !TEMPLATE_KINDS.includes(kind as TemplateKind)) {
        throw new CliError({ zh: `未知的模板类型「${kind}」（可选 ${TEMPLATE_KINDS.join('、')}）`, en: `unknown kind "${kind}" (one of ${TEMPLATE_KINDS.join(', ')})` }, 2);
      }
      const plan = findPlan(opts.plan, opts.planFile);
      const units = opts.unitsFile ? readUnitsFile(opts.unitsFile) : opts.units ? splitList(opts.units) : undefined;
      const options: TemplateOptions = {
        kind: kind as TemplateKind | undefined,
        units,
        level: opts.level,
        reporter: opts.for,
        year: yearOption(opts.year),
        // The template's language: Chinese unless asked (not the shell's locale: templates go to schools).
        lang: opts.lang ? cliLang(opts.lang) : 'zh-CN',
        password: opts.password,
        indicators: opts.indicators ? splitList(opts.indicators) : undefined,
        sections: opts.sections ? splitList(opts.sections) : undefined,
        emptyRows: intOption(opts.emptyRows, '--empty-rows'),
        includeSummary: opts.summary !== false,
        includeOverview: opts.overview !== false,
      };
      let spec;
      try {
        spec = buildTemplate(plan, options);
      } catch (e) {
        if (e instanceof TemplateError) throw new CliError(e.text, 2);
        throw e;
      }
      const bytes = await renderTemplateBuffer(spec);
      writeAtomically(out, bytes);
      const summary = {
        file: out,
        plan: plan.id,
        planVersion: plan.version,
        planHash: spec.meta.planHash,
        kind: spec.meta.kind,
        level: spec.meta.level ?? null,
        reporter: spec.meta.reporter ?? null,
        year: spec.meta.year ?? null,
        units: spec.meta.units.filter(Boolean).length,
        rows: spec.meta.units.length,
        indicators: spec.meta.indicators.length,
        inputs: spec.meta.inputs.length,
        sheets: spec.sheets.map((s) => s.name),
        cells: cellCount(spec),
        bytes: bytes.length,
      };
      if (opts.json) return printJson(summary);
      const kindName = { return: { zh: '单位填报表', en: 'return' }, units: { zh: '分单位汇总表', en: 'unit table' }, overview: { zh: '指标一览', en: 'overview' } }[spec.meta.kind];
      process.stdout.write(
        `✓ ${out}：${pick(plan.title, 'zh-CN')} ${kindName.zh}，${summary.indicators} 个指标，${summary.inputs} 个填报项` +
          `${spec.meta.kind === 'units' ? `，${summary.rows} 行单位` : ''}（工作表：${summary.sheets.join('、')}）\n` +
          `  ${kindName.en} of "${pick(plan.title, 'en')}": ${summary.indicators} indicators, ${summary.inputs} inputs` +
          `${spec.meta.kind === 'units' ? `, ${summary.rows} unit rows` : ''}\n`,
      );
    });
}
