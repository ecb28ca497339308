/** Shared CLI plumbing: language choice, bilingual lines, JSON output. */
import { both, pick, toLang, type Bilingual, type Lang } from '../core/i18n/text';

/** --lang wins; otherwise the environment's locale decides; Chinese is the default. */
export function cliLang(option: string | undefined): Lang {
  if (option) return toLang(option);
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^en/i.test(env) ? 'en' : 'zh-CN';
}

export function say(text: Bilingual, lang: Lang | 'both' = 'both'): string {
  return lang === 'both' ? both(text) : pick(text, lang);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** An error that ends the command with a message and an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(
    readonly text: Bilingual,
    readonly exitCode = 1,
  ) {
    super(both(text));
    this.name = 'CliError';
  }
}
