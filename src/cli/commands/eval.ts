/**
 * `eval --plan ID --indicator ID --value X [--year Y] [--level L] [--reference R] [--tolerance W]
 *  [--json] [--lang zh-CN|en]`: target, gap, achievement, status (and on-track with --year) of one
 * value, through the same core the add-in and the templates use.
 */
import type { Command } from 'commander';
import { pick, type Bilingual, type Lang } from '../../core/i18n/text';
import { MISSING_LABEL } from '../../core/coerce';
import { REGRESSED_LABEL } from '../../core/evaluate/achievement';
import { evaluate, type Evaluation } from '../../core/evaluate/evaluate';
import { resolveIndicator, resolvePlan } from '../../core/plan/resolve';
import type { Level, Plan } from '../../core/plan/schema';
import { levelProblem, parseLevelName, parseReportYear, yearProblem } from '../../core/user-input';
import { loadShippedPlans } from '../../node/seeds';
import { cliLang, CliError } from '../output';

export interface EvalOptions {
  plan: string;
  indicator: string;
  value: string;
  year?: string;
  level?: string;
  reference?: string;
  tolerance?: string;
  json?: boolean;
  lang?: string;
}

export interface EvalRun {
  evaluation: Evaluation;
  plan: Plan;
  /** What the command prints (text or JSON). */
  output: string;
}

function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const y = parseReportYear(text);
  if (y === undefined) throw new CliError(yearProblem(text, '--year'), 2);
  return y;
}

function parseLevel(text: string | undefined): Level | undefined {
  if (text === undefined) return undefined;
  const level = parseLevelName(text);
  if (!level) throw new CliError(levelProblem(text, '--level'), 2);
  return level;
}

function parseTolerance(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const w = Number(text.trim());
  if (!Number.isFinite(w) || w < 0) throw new CliError({ zh: `--tolerance 无效：${text}`, en: `invalid --tolerance: ${text}` }, 2);
  return w;
}

function num(x: number | null, digits?: number): string {
  if (x === null) return '—';
  return digits === undefined ? String(x) : x.toFixed(digits);
}

function render(ev: Evaluation, plan: Plan, lang: Lang): string {
  const t = (b: Bilingual) => pick(b, lang);
  const en = lang === 'en';
  const lines: string[] = [];
  const label = (zh: string, e: string) => (en ? `${e}:`.padEnd(13) : `${zh}：`);
  lines.push(`${label('规划', 'Plan')}${pick(plan.title, lang)}（${plan.id}）`);
  lines.push(`${label('指标', 'Indicator')}${pick(ev.name, lang)}（${ev.code ? `${ev.code} ` : ''}${ev.indicatorId}）${ev.attribute ? ` ${ev.attribute}` : ''}`);
  const actual =
    ev.actual !== null
      ? `${ev.actual}${ev.unit}${ev.rounded !== ev.actual ? (en ? ` (decided at ${ev.precision} decimals: ${ev.rounded})` : `（按 ${ev.precision} 位小数判定：${ev.rounded}）`) : ''}`
      : ev.missing
        ? t(MISSING_LABEL[ev.missing])
        : '—';
  lines.push(`${label('实际值', 'Actual')}${actual}`);
  if (ev.note) lines.push(`${label('说明', 'Note')}${t(ev.note)}`);
  const when = [ev.year !== undefined ? (en ? `year ${ev.year}` : `${ev.year}年`) : '', ev.level ?? ''].filter(Boolean).join(en ? ', ' : '，');
  const targetYear = ev.target?.year !== undefined ? (en ? ` (by ${ev.target.year})` : `（${ev.target.year}年）`) : '';
  lines.push(`${label('目标', 'Target')}${t(ev.targetText)}${targetYear}${when ? (en ? ` [${when}]` : ` [${when}]`) : ''}`);
  // A gap of a rate is in percentage points (百分点), not percent of the target.
  const points = ev.unit === '%' ? (en ? ' percentage points' : ' 个百分点') : ev.unit;
  lines.push(`${label('差距', 'Gap')}${ev.gap === null ? '—' : `${num(ev.gap)}${points}`}`);
  lines.push(
    `${label('达成度', 'Achievement')}${ev.achievement === null ? '—' : `${num(ev.achievement, 1)}%`}${ev.regressed ? (en ? ` (${REGRESSED_LABEL.en})` : `（${REGRESSED_LABEL.zh}）`) : ''}`,
  );
  lines.push(`${label('状态', 'Status')}${t(ev.statusLabel)}${ev.status === 'near' ? (en ? ` (within ${ev.band}${points})` : `（差距在 ${ev.band}${points} 以内）`) : ''}`);
  if (ev.onTrack) {
    const o = ev.onTrack;
    lines.push(
      `${label('进度', 'On track')}${en ? `expected ${o.expected}${ev.unit} in ${o.year}: ${o.onTrack ? 'on track' : 'behind'}` : `${o.year}年应达 ${o.expected}${ev.unit}：${o.onTrack ? '按期' : '滞后'}`}`,
    );
  }
  if (ev.issue) lines.push(`${label('问题', 'Issue')}${t(ev.issue.message)}`);
  return `${lines.join('\n')}\n`;
}

/** Evaluates one value; throws CliError for an unknown plan/indicator or a bad option. */
export function runEval(opts: EvalOptions, plans: readonly Plan[]): EvalRun {
  const lang = cliLang(opts.lang);
  const found = resolvePlan(plans, opts.plan);
  if (!found.ok) throw new CliError(found.message, 2);
  const plan = found.value;
  const resolved = resolveIndicator(plan, opts.indicator);
  if (!resolved.ok) throw new CliError(resolved.message, 2);
  const ref = resolved.value;
  const evaluation = evaluate(ref.indicator, opts.value, {
    plan,
    year: parseYear(opts.year),
    level: parseLevel(opts.level),
    reference: opts.reference,
    tolerance: parseTolerance(opts.tolerance),
  });
  const output = opts.json ? `${JSON.stringify({ plan: plan.id, planTitle: plan.title, ...evaluation }, null, 2)}\n` : render(evaluation, plan, lang);
  return { evaluation, plan, output };
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('按规划指标评估一个数值：目标、差距、达成度、状态 / evaluate one value against a plan indicator: target, gap, achievement, status')
    .requiredOption('--plan <id>', '规划 id 或名称（如 阳江、优质均衡） / plan id or name')
    .requiredOption('--indicator <id>', '指标 id、编号（如 B1）或中文名称（如 九年义务教育巩固率） / indicator id, code or Chinese name')
    .requiredOption('--value <x>', '实际值（可写 95%、１２３、不适用 …） / actual value (95%, full-width digits, 不适用 … accepted)')
    .option('--year <y>', '年份（取该年应达目标，并计算进度） / year (picks the target due, and reports on-track)')
    .option('--level <l>', '学段，如 小学、初中 / level, e.g. 小学')
    .option('--reference <r>', '相对目标的参照值 / reference value of a relative target')
    .option('--tolerance <w>', '“接近”区间宽度（指标单位） / width of the "near" band, in the indicator unit')
    .option('--json', '输出 JSON / print JSON')
    .option('--lang <lang>', '语言 zh-CN|en / language')
    .action((opts: EvalOptions) => {
      const run = runEval(opts, loadShippedPlans());
      process.stdout.write(run.output);
      // An issue (invalid value, level needed, reference missing …) means the command must change: exit 2.
      const issue = run.evaluation.issue;
      if (issue) {
        if (!opts.json) process.stderr.write(`${pick(issue.message, cliLang(opts.lang))}\n`);
        process.exitCode = 2;
      }
    });
}
