/** The CLI as a user runs it: a spawned process, its exit code and what it prints. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';
import { minimalPlan } from '../fixtures/plans';
import { loadShippedPlans } from '../../src/node/seeds';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writePlan(name: string, value: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

test('--help is bilingual and lists the commands', () => {
  const r = runCli(['--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('教育发展规划指标');
  expect(r.stdout).toContain('education development plan indicators');
  for (const cmd of ['plans', 'check-plan', 'catalog']) expect(r.stdout).toContain(cmd);
});

test('an unknown command is a usage error (exit 2)', () => {
  expect(runCli(['frobnicate']).code).toBe(2);
});

test('plans lists every shipped plan with its indicator count', () => {
  const r = runCli(['plans', '--json']);
  expect(r.code).toBe(0);
  const rows = JSON.parse(r.stdout) as Array<{ id: string; title: string; indicators: number }>;
  const shipped = loadShippedPlans();
  expect(rows.map((x) => x.id)).toEqual(shipped.map((p) => p.id));
  for (const row of rows) expect(row.indicators).toBeGreaterThan(0);
  const table = runCli(['plans']);
  expect(table.code).toBe(0);
  for (const p of shipped) expect(table.stdout).toContain(p.id);
});

test('check-plan accepts a good plan', () => {
  const r = runCli(['check-plan', writePlan('good.json', minimalPlan())]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('有效');
  expect(r.stdout).toContain('valid plan');
});

test('check-plan rejects a broken plan naming each path, exit 1', () => {
  const bad = JSON.parse(JSON.stringify(minimalPlan()));
  bad.sections[0].indicators[0].unit = 5;
  delete bad.version;
  const r = runCli(['check-plan', writePlan('bad.json', bad)]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('$.version');
  expect(r.stderr).toContain('$.sections[0].indicators[0].unit');
  expect(r.stderr).toContain('类型错误');
  expect(r.stderr).toContain('expected string');
  const json = runCli(['check-plan', '--json', writePlan('bad2.json', bad)]);
  expect(json.code).toBe(1);
  expect(JSON.parse(json.stdout).issues.map((i: { path: string }) => i.path)).toEqual(
    expect.arrayContaining(['$.version', '$.sections[0].indicators[0].unit']),
  );
});

test('check-plan on a file that is not JSON, and on a missing file', () => {
  const r = runCli(['check-plan', writePlan('junk.json', 'PK\u0003\u0004 not json')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('不是有效的 JSON');
  const missing = runCli(['check-plan', path.join(tmp, 'nope.json')]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('找不到文件');
});

test('every shipped plan passes check-plan', () => {
  for (const p of loadShippedPlans()) {
    const r = runCli(['check-plan', path.join(__dirname, '..', '..', 'seeds', 'plans', `${p.id}.json`)]);
    expect(r.code).toBe(0);
  }
});
