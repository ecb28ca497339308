/**
 * `edu-indicators` command line. Each command lives in src/cli/commands/ and registers itself
 * here; help text is Chinese first, English second.
 */
import { Command, CommanderError } from 'commander';
import { both } from '../core/i18n/text';
import { CliError, guardStdio, ioErrorText } from './output';
import { PlanError } from '../core/plan/parse';
import { terminalSafe } from '../core/text/terminal';
import { registerPlans } from './commands/plans';
import { registerCatalog } from './commands/catalog';
import { registerEval } from './commands/eval';
import { registerTemplate } from './commands/template';
import { registerFill } from './commands/fill';
import { registerValidate } from './commands/validate';
import { registerConsolidate } from './commands/consolidate';
import { registerPlanDefinition } from './commands/plan-definition';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = (require('../../package.json') as { version: string }).version;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('edu-indicators')
    .description('教育发展规划指标：目录、模板、校验 / education development plan indicators: catalog, templates, validation')
    .version(VERSION, '-V, --version', '显示版本 / show the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .helpCommand('help [command]', '显示命令帮助 / help for a command')
    .showHelpAfterError('（用 --help 查看用法 / see --help for usage）')
    .exitOverride();
  registerPlans(program);
  registerCatalog(program);
  registerEval(program);
  registerTemplate(program);
  registerFill(program);
  registerValidate(program);
  registerConsolidate(program);
  registerPlanDefinition(program);
  return program;
}

/** Runs the CLI and resolves to the exit code (0 ok, 1 problems found, 2 usage or I/O error). */
export async function main(argv: string[]): Promise<number> {
  guardStdio();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version "errors" are normal exits; usage errors were already printed
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof CliError) {
      process.stderr.write(`${terminalSafe(both(e.text))}\n`);
      return e.exitCode;
    }
    if (e instanceof PlanError) {
      // A plan file given with --plan-file that is not a valid plan: each problem at its path, no stack trace.
      process.stderr.write(`${terminalSafe(`规划文件无效 / invalid plan file:\n${e.issues.map((i) => `  ${i.path}: ${i.message.zh} / ${i.message.en}`).join('\n')}`)}\n`);
      return 2;
    }
    // EISDIR, EACCES, ENOSPC, EPIPE …: one line, no stack trace (a stack is for bugs).
    const io = ioErrorText(e);
    if (io) {
      process.stderr.write(`${terminalSafe(both(io))}\n`);
      return 2;
    }
    throw e;
  }
}
