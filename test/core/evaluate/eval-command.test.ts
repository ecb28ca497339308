/**
 * `edu-indicators eval` (src/cli/commands/eval.ts): the core evaluation as the CLI prints it.
 * Kept beside the evaluation tests; the spawned-process CLI tests live in test/cli/.
 */
import { Command } from 'commander';
import { registerEval, runEval } from '../../../src/cli/commands/eval';
import { CliError } from '../../../src/cli/output';
import { shippedPlan } from '../../helpers/shipped';
import { evalPlan } from './fixtures';

const plans = [evalPlan()];

describe('runEval', () => {
  test('prints target, gap, achievement and status (Chinese by default)', () => {
    const r = runEval({ plan: 'eval-test', indicator: 'retention', value: '95.5%', lang: 'zh-CN' }, plans);
    expect(r.output).toContain('目标：≥ 96%（2025年）');
    expect(r.output).toContain('差距：0.5 个百分点');
    expect(r.output).toContain('达成度：99.5%');
    expect(r.output).toContain('状态：接近');
    expect(r.output).toContain('说明：已规范化');
    expect(r.evaluation.status).toBe('near');
  });

  test('English, with on-track for a year', () => {
    const r = runEval({ plan: 'eval-test', indicator: 'dual-qualified', value: '64.5', year: '2023', lang: 'en' }, plans);
    expect(r.output).toMatch(/Target:\s+≥ 65%/);
    expect(r.output).toMatch(/Achievement:\s+62\.1%/);
    expect(r.output).toMatch(/Status:\s+Near/);
    expect(r.output).toContain('expected 64.47% in 2023: on track');
  });

  test('--json is the Evaluation object', () => {
    const r = runEval({ plan: 'eval-test', indicator: 'B1', value: '4.195', level: '小学', json: true }, plans);
    const j = JSON.parse(r.output) as { plan: string; status: string; rounded: number; gap: number; targetText: { zh: string } };
    expect(j).toMatchObject({ plan: 'eval-test', status: 'met', rounded: 4.2, gap: 0 });
    expect(j.targetText.zh).toBe('≥ 4.2人');
  });

  test('missing values, placeholders, relative targets', () => {
    expect(runEval({ plan: 'eval-test', indicator: 'retention', value: '不适用' }, plans).output).toContain('状态：无数据');
    expect(runEval({ plan: 'eval-test', indicator: 'placeholder-share', value: '50' }, plans).output).toContain('xx%以上（目标未定）');
    expect(runEval({ plan: 'eval-test', indicator: 'teacher-pay', value: '98500', reference: '100000' }, plans).evaluation.status).toBe('near');
  });

  test('usage errors are CliError with exit code 2', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof CliError) return e.exitCode;
      }
      return undefined;
    };
    expect(codeOf(() => runEval({ plan: 'nope', indicator: 'x', value: '1' }, plans))).toBe(2);
    expect(codeOf(() => runEval({ plan: 'eval-test', indicator: 'nope', value: '1' }, plans))).toBe(2);
    expect(codeOf(() => runEval({ plan: 'eval-test', indicator: 'retention', value: '1', year: 'soon' }, plans))).toBe(2);
    expect(codeOf(() => runEval({ plan: 'eval-test', indicator: 'b1', value: '1', level: '大学' }, plans))).toBe(2);
  });
});

describe('registerEval (commander)', () => {

  function run(args: string[]): { out: string; err: string; code: number | undefined } {
    const program = new Command().exitOverride();
    registerEval(program);
    let out = '';
    let err = '';
    const w1 = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    const w2 = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
    const before = process.exitCode;
    process.exitCode = undefined;
    try {
      program.parse(['node', 'edu-indicators', ...args]);
      return { out, err, code: typeof process.exitCode === 'number' ? process.exitCode : undefined };
    } finally {
      w1.mockRestore();
      w2.mockRestore();
      process.exitCode = before;
    }
  }

  test('eval against a shipped plan', () => {
    shippedPlan('yangjiang-2021-2025');
    const r = run(['eval', '--plan', 'yangjiang-2021-2025', '--indicator', 'compulsory-retention-rate', '--value', '97', '--json']);
    expect(JSON.parse(r.out)).toMatchObject({ plan: 'yangjiang-2021-2025', status: 'met', gap: 0 });
    expect(r.code).toBeUndefined();
    const bad = run(['eval', '--plan', 'yangjiang-2021-2025', '--indicator', 'compulsory-retention-rate', '--value', 'abc']);
    expect(bad.out).toContain('无数据');
    expect(bad.err).toContain('abc');
    expect(bad.code).toBe(2);
  });

  test('the options are required', () => {
    expect(() => run(['eval', '--plan', 'x'])).toThrow(/indicator/);
  });
});
