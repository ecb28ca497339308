/**
 * Regression corpus, integrity through the CLI: a return made from a plan that is not released
 * (a bureau's own plan file the validating machine was not given) is an error by default, and
 * `--trust-embedded` accepts it explicitly, saying so.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';
import { minimalPlan } from '../fixtures/plans';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-corpus-integrity-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('validate: 规划不是发布版本 by default (exit 1); --trust-embedded validates against the carried plan; --plan-file makes it released', () => {
  const planFile = path.join(dir, 'own.json');
  fs.writeFileSync(planFile, JSON.stringify(minimalPlan()));
  const tpl = path.join(dir, 'own.xlsx');
  expect(runCli(['template', '--plan-file', planFile, '-o', tpl]).code).toBe(0);

  const refused = runCli(['validate', '--json', tpl]);
  expect(refused.code).toBe(1);
  const r1 = JSON.parse(refused.stdout).files[0];
  expect(r1.issues.map((i: { code: string; severity: string }) => [i.code, i.severity])).toEqual([['plan-not-released', 'error']]);
  expect(runCli(['validate', tpl]).stdout).toContain('规划不是发布版本');

  const trusted = JSON.parse(runCli(['validate', '--json', '--trust-embedded', tpl]).stdout).files[0];
  expect(trusted.plan).toBe('test-plan');
  expect(trusted.issues.find((i: { code: string }) => i.code === 'plan-not-released')).toMatchObject({ severity: 'info', params: { trusted: true } });

  const released = JSON.parse(runCli(['validate', '--json', tpl, '--plan-file', planFile]).stdout).files[0];
  expect(released.issues.map((i: { code: string }) => i.code)).not.toContain('plan-not-released');
});

test('--plan-file takes one file per use and never swallows the returns after it (validate and consolidate)', () => {
  const planFile = path.join(dir, 'own2.json');
  fs.writeFileSync(planFile, JSON.stringify(minimalPlan()));
  const a = path.join(dir, 'a.xlsx');
  const b = path.join(dir, 'b.xlsx');
  expect(runCli(['template', '--plan-file', planFile, '-o', a]).code).toBe(0);
  fs.copyFileSync(a, b);
  // Before: `<file...>` read a.xlsx and b.xlsx as plan files and validated nothing.
  const v = runCli(['validate', '--json', '--plan-file', planFile, a, b]);
  const files = JSON.parse(v.stdout).files as { file: string; issues: { code: string }[] }[];
  expect(files.map((f) => path.basename(f.file))).toEqual(['a.xlsx', 'b.xlsx']);
  for (const f of files) expect(f.issues.map((i) => i.code)).not.toContain('plan-not-released');
  // Repeated: both files are loaded (the same plan twice is accepted as the same plan).
  expect(runCli(['validate', '--json', '--plan-file', planFile, '--plan-file', planFile, a]).code).not.toBe(2);
  const c = runCli(['consolidate', '--json', '--plan-file', planFile, a, b, '-o', path.join(dir, 'sum.xlsx')]);
  expect(JSON.parse(c.stdout).files.map((f: { file: string }) => path.basename(f.file)).sort()).toEqual(['a.xlsx', 'b.xlsx']);
});

test('a plan file that is not a plan ends with its problems, never a stack trace', () => {
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, '{"id": 1');
  const r = runCli(['template', '--plan-file', bad, '-o', path.join(dir, 'never.xlsx')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('不是有效的 JSON');
  expect(r.stderr).not.toMatch(/\n\s+at /);
});
