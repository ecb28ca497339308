/** `catalog [--plan ID] [--json] [--conflicts] [--placeholders]`: every indicator with its target and source. */
import type { Command } from 'commander';
import { catalogRows, findConflicts, placeholderRows, type CatalogRow } from '../../core/plan/catalog';
import { allLinks, compareLinks, STRICTNESS_LABEL, type LinkComparison } from '../../core/plan/links';
import { resolvePlan } from '../../core/plan/resolve';
import { Level, type Citation, type Plan } from '../../core/plan/schema';
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

function comparisonJson(c: LinkComparison) {
  return {
    plan: c.plan,
    indicator: c.indicator.id,
    code: c.indicator.code ?? null,
    name: c.indicator.name.zh,
    parentPlan: c.parentPlan,
    parentIndicator: c.parent.id,
    parentName: c.parent.name.zh,
    verdict: c.verdict,
    pairs: c.pairs,
    source: c.source ?? null,
  };
}

/** `catalog --compare A B`: the linked indicators side by side, with 更严 / 相同 / 更宽. */
function printComparison(args: string[], json: boolean, lang: 'zh-CN' | 'en'): void {
  if (args.length !== 2) throw new CliError({ zh: '--compare 需要两个规划（id 或名称）', en: '--compare takes two plans (ids or names)' }, 2);
  const plans = loadShippedPlans();
  const [a, b] = args.map((x) => {
    const r = resolvePlan(plans, x);
    if (!r.ok) throw new CliError(r.message, 2);
    return r.value;
  }) as [Plan, Plan];
  const rows = compareLinks(plans, a.id, b.id);
  if (json) return printJson(rows.map(comparisonJson));
  if (rows.length === 0) {
    process.stdout.write(`「${a.id}」与「${b.id}」之间没有关联的指标 / no linked indicators between ${a.id} and ${b.id}\n`);
    return;
  }
  const en = lang === 'en';
  const flat = rows.flatMap((c) => c.pairs.map((p, i) => ({ c, p, first: i === 0 })));
  const counts = (['stricter', 'equal', 'looser', 'different'] as const).map((v) => `${STRICTNESS_LABEL[v][en ? 'en' : 'zh']} ${rows.filter((c) => c.verdict === v).length}`);
  process.stdout.write(
    `${rows[0]!.plan} → ${rows[0]!.parentPlan}\n${renderTable(flat, [
      { header: en ? 'code' : '编号', get: (r) => (r.first ? (r.c.indicator.code ?? '') : '') },
      { header: en ? 'indicator' : '指标', get: (r) => (r.first ? r.c.indicator.name.zh : ''), max: 30 },
      { header: en ? 'for' : '适用', get: (r) => r.p.label, max: 24 },
      { header: rows[0]!.plan, get: (r) => r.p.local, max: 30 },
      { header: rows[0]!.parentPlan, get: (r) => r.p.parent, max: 30 },
      { header: en ? 'local is' : '本地', get: (r) => STRICTNESS_LABEL[r.p.verdict][en ? 'en' : 'zh'] },
    ])}\n${en ? `${rows.length} linked indicators: ` : `共 ${rows.length} 个关联指标：`}${counts.join(en ? ', ' : '，')}\n`,
  );
}

export function registerCatalog(program: Command): void {
  program
    .command('catalog')
    .description('列出规划指标目录（基期值、目标、属性、出处） / list the indicator catalog (baseline, target, attribute, source)')
    .option('--plan <id>', '只列出此规划 / only this plan')
    .option('--json', '输出 JSON 数组，每个指标一项 / print a JSON array, one object per indicator')
    .option('--conflicts', '列出同一指标在不同处阈值不一致的冲突对 / list conflicting pairs')
    .option('--placeholders', '列出文件未给出数值的目标（如 xx%） / list targets the document leaves open (xx%)')
    .option('--compare <plans...>', '并排比较两个规划中有关联的指标（本地阈值更严、相同或更宽），如 --compare jiaoling-2023-2025 national-yzjh-2017 / compare linked indicators of two plans side by side')
    .option('--level <level>', '只列出与此学段有关的指标及其目标，如 初中 / only indicators of this stage, with its targets')
    .option('--lang <lang>', '语言 zh-CN|en / language')
    .action((opts: { plan?: string; json?: boolean; conflicts?: boolean; placeholders?: boolean; level?: string; compare?: string[]; lang?: string }) => {
      const lang = cliLang(opts.lang);
      if (opts.compare) return printComparison(opts.compare, opts.json === true, lang);
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
        // Across plans: a linked indicator looser than the one it implements (a county below the national standard).
        const ids = new Set(plans.map((p) => p.id));
        const across = allLinks(loadShippedPlans()).filter((c) => c.verdict === 'looser' && (ids.has(c.plan) || ids.has(c.parentPlan)));
        const line = (r: CatalogRow) => `${r.id}「${r.name}」${r.targetText}（${citationText(r.source)}）`;
        process.stdout.write(
          conflicts.length === 0
            ? '没有冲突 / no conflicts\n'
            : `${conflicts.map((c) => `${c.plan}\n  ${line(c.a)}\n  ↔ ${line(c.b)}`).join('\n')}\n`,
        );
        process.stdout.write(
          across.length === 0
            ? '跨规划：没有比所落实的上级标准更宽的阈值 / across plans: no threshold looser than the standard it implements\n'
            : `跨规划（比上级标准更宽） / across plans (looser than the standard implemented)\n${across
                .map((c) => `  ${c.plan} ${c.indicator.id}「${c.indicator.name.zh}」${c.pairs.map((x) => x.local).join(' / ')}  ↔ ${c.parentPlan} ${c.parent.id} ${c.pairs.map((x) => x.parent).join(' / ')}`)
                .join('\n')}\n`,
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
