/** `plans` (list plans) and `check-plan FILE.json` (validate a plan file). */
import * as fs from 'fs';
import type { Command } from 'commander';
import { parsePlanBytes, PLAN_LIMITS } from '../../core/plan/parse';
import { indicatorCount } from '../../core/plan/registry';
import { pick } from '../../core/i18n/text';
import { loadShippedPlans } from '../../node/seeds';
import { cliLang, CliError, printJson } from '../output';
import { renderTable } from '../table';

export function registerPlans(program: Command): void {
  program
    .command('plans')
    .description('列出内置规划（id、标题、指标数） / list the shipped plans (id, title, indicator count)')
    .option('--json', '输出 JSON / print JSON')
    .option('--lang <lang>', '语言 zh-CN|en / language')
    .action((opts: { json?: boolean; lang?: string }) => {
      const lang = cliLang(opts.lang);
      const plans = loadShippedPlans();
      const rows = plans.map((p) => ({
        id: p.id,
        version: p.version,
        title: p.title.zh,
        titleEn: p.title.en ?? null,
        issuer: p.issuer.zh,
        region: p.region.zh,
        period: `${p.period.from}–${p.period.to}`,
        indicators: indicatorCount(p),
      }));
      if (opts.json) return printJson(rows);
      process.stdout.write(
        `${renderTable(plans, [
          { header: 'id', get: (p) => p.id },
          { header: lang === 'en' ? 'title' : '标题', get: (p) => pick(p.title, lang), max: 48 },
          { header: lang === 'en' ? 'period' : '期间', get: (p) => `${p.period.from}–${p.period.to}` },
          { header: lang === 'en' ? 'indicators' : '指标数', get: (p) => String(indicatorCount(p)), align: 'right' },
        ])}\n`,
      );
    });

  program
    .command('check-plan')
    .description('校验规划文件（JSON），错误逐条标明路径 / validate a plan file, naming the path of each error')
    .argument('<file>', '规划 JSON 文件 / plan JSON file')
    .option('--json', '输出 JSON / print JSON')
    .action((file: string, opts: { json?: boolean }) => {
      if (!fs.existsSync(file)) {
        throw new CliError({ zh: `找不到文件：${file}`, en: `file not found: ${file}` }, 2);
      }
      const size = fs.statSync(file).size;
      if (size > PLAN_LIMITS.maxBytes) {
        throw new CliError({
          zh: `${file}：文件过大（${size} 字节，上限 ${PLAN_LIMITS.maxBytes}）`,
          en: `${file}: file too large (${size} bytes, limit ${PLAN_LIMITS.maxBytes})`,
        });
      }
      const result = parsePlanBytes(fs.readFileSync(file));
      if (opts.json) {
        printJson(result.ok ? { file, valid: true, plan: result.plan.id, indicators: indicatorCount(result.plan) } : { file, valid: false, issues: result.issues });
      } else if (result.ok) {
        process.stdout.write(
          `✓ ${file}：规划「${result.plan.title.zh}」（${result.plan.id} v${result.plan.version}）有效，共 ${indicatorCount(result.plan)} 个指标\n` +
            `  valid plan "${result.plan.title.en ?? result.plan.id}", ${indicatorCount(result.plan)} indicators\n`,
        );
      } else {
        process.stderr.write(`✗ ${file}：规划无效，${result.issues.length} 处错误 / invalid plan, ${result.issues.length} error(s)\n`);
        for (const issue of result.issues) {
          process.stderr.write(`  ${issue.path}: ${issue.message.zh}\n  ${' '.repeat(issue.path.length)}  ${issue.message.en}\n`);
        }
      }
      if (!result.ok) process.exitCode = 1;
    });
}
