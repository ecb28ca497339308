/** `catalog [--plan ID] [--json] [--conflicts] [--placeholders]`: every indicator with its target and source. */
import type { Command } from 'commander';
import { catalogRows, findConflicts, placeholderRows, type CatalogRow } from '../../core/plan/catalog';
import { resolvePlan } from '../../core/plan/resolve';
import { Level, type Citation } from '../../core/plan/schema';
import { loadShippedPlans } from '../../node/seeds';
import { cliLang, CliError, printJson } from '../output';
import { renderTable } from '../table';

function citationText(c: Citation): string {
  return 'file' in c ? `${c.file}:${c.line}` : `${c.document}${c.article ? ` ${c.article}` : ''}`;
}

/** Every threshold of the row; a single dated target keeps its year in brackets. */
function targetCell(r: CatalogRow): string {
  if (r.targets.length === 1 && r.targets[0]!.condition === null) return `${r.targetsText}${r.year ? ` (${r.year})` : ''}`;
  return r.targetsText;
}

export function registerCatalog(program: Command): void {
  program
    .command('catalog')
    .description('列出规划指标目录（基期值、目标、属性、出处） / list the indicator catalog (baseline, target, attribute, source)')
    .option('--plan <id>', '只列出此规划 / only this plan')
    .option('--json', '输出 JSON 数组，每个指标一项 / print a JSON array, one object per indicator')
    .option('--conflicts', '列出同一指标在不同处阈值不一致的冲突对 / list conflicting pairs')
    .option('--placeholders', '列出文件未给出数值的目标（如 xx%） / list targets the document leaves open (xx%)')
    .option('--level <level>', '只列出与此学段有关的指标及其目标，如 初中 / only indicators of this stage, with its targets')
    .option('--lang <lang>', '语言 zh-CN|en / language')
    .action((opts: { plan?: string; json?: boolean; conflicts?: boolean; placeholders?: boolean; level?: string; lang?: string }) => {
      const lang = cliLang(opts.lang);
      let level: Level | undefined;
      if (opts.level !== undefined) {
        const parsed = Level.safeParse(opts.level.trim());
        if (!parsed.success) {
          throw new CliError({ zh: `未知的学段「${opts.level}」。可选：${Level.options.join('、')}`, en: `unknown level "${opts.level}". Known: ${Level.options.join(', ')}` }, 2);
        }
        level = parsed.data;
      }
      let plans = loadShippedPlans();
      if (opts.plan) {
        const found = resolvePlan(plans, opts.plan);
        if (!found.ok) throw new CliError(found.message);
        plans = [found.value];
      }
      if (opts.conflicts) {
        const conflicts = findConflicts(plans);
        if (opts.json) return printJson(conflicts);
        const line = (r: CatalogRow) => `${r.id}「${r.name}」${r.targetText}（${citationText(r.source)}）`;
        process.stdout.write(
          conflicts.length === 0
            ? '没有冲突 / no conflicts\n'
            : `${conflicts.map((c) => `${c.plan}\n  ${line(c.a)}\n  ↔ ${line(c.b)}`).join('\n')}\n`,
        );
        return;
      }
      const rows = opts.placeholders ? placeholderRows(plans) : catalogRows(plans, { level });
      if (opts.json) return printJson(rows);
      const en = lang === 'en';
      process.stdout.write(
        `${renderTable(rows, [
          ...(opts.plan ? [] : [{ header: en ? 'plan' : '规划', get: (r: CatalogRow) => r.plan }]),
          ...(rows.some((r) => r.code !== null) ? [{ header: en ? 'code' : '编号', get: (r: CatalogRow) => r.code ?? '' }] : []),
          { header: 'id', get: (r) => r.id, max: 34 },
          { header: en ? 'indicator' : '指标', get: (r) => (en ? (r.nameEn ?? r.name) : r.name), max: en ? 50 : 36 },
          { header: en ? 'unit' : '单位', get: (r) => r.unit },
          { header: en ? 'level' : '学段', get: (r) => r.level },
          { header: en ? 'baseline' : '基期值', get: (r) => (r.baselineYear ? `${r.baselineText} (${r.baselineYear})` : ''), align: 'right' },
          { header: en ? 'target' : '目标', get: (r) => targetCell(r), max: 110 },
          { header: en ? 'attribute' : '属性', get: (r) => r.attribute ?? '' },
          { header: en ? 'source' : '出处', get: (r) => citationText(r.source), max: 30 },
        ])}\n${en ? `${rows.length} indicators` : `共 ${rows.length} 个指标`}\n`,
      );
    });
}
