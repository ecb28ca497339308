/** Runs `template` / `fill` in-process through commander, capturing what they print. */
import { Command } from 'commander';
import { registerFill } from '../../src/cli/commands/fill';
import { registerTemplate } from '../../src/cli/commands/template';

/** Runs the command line in-process; returns what it printed. */
export async function run(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const program = new Command().exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  registerTemplate(program);
  registerFill(program);
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  try {
    await program.parseAsync(['node', 'edu-indicators', ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = undefined;
  return { stdout, stderr, exitCode };
}

