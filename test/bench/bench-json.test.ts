/**
 * `npm run bench -- --json` speaks one JSON object on stdout, with the ids the issue names and a
 * finite number for each. Run in quick mode (small sizes, same ids): this checks the shape and
 * the ids, never timings (performance is read from the bench, not asserted in tests).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

const REQUIRED: Record<string, string> = {
  'validate.core.5000x31': 'ms',
  'read.exceljs.5000': 'ms',
  'validate.core.vs.exceljs': 'ratio',
  'consolidate.300': 'ms',
  'consolidate.300.exceljs': 'ms',
  'consolidate.300.floor': 'ms',
  'consolidate.300.vs.exceljs': 'ratio',
  'consolidate.300.vs.floor': 'ratio',
  'consolidate.300.exceljs.speedup': 'ratio',
  'consolidate.300.workers': 'ms',
  'consolidate.300.workers.vs.floor': 'ratio',
  'consolidate.300.workers.onethread': 'ms',
  'consolidate.300.workers.speedup': 'ratio',
  'taskpane.firstload.gz': 'KB',
  'syncs.insert.10': 'count',
  'syncs.insert.1000': 'count',
  // The pane's long tasks while the preview inserts a unit table (issue 15: no task of 500 ms).
  'taskpane.insert.longtask.max.1000': 'ms',
  'taskpane.insert.longtask.max.3000': 'ms',
  'taskpane.insert.longtask.count.1000': 'count',
  'taskpane.insert.longtask.count.3000': 'count',
};

test('bench --json --quick prints one object {results:[{id,value,unit}]} with every required id', () => {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench.js'), '--json', '--quick'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 600_000,
  });
  expect(run.error).toBeUndefined();
  expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr.slice(-2000) }).toEqual({ status: 0, stderr: '' });
  // Nothing else on stdout: the whole of it parses as one object.
  const out = JSON.parse(run.stdout) as { results: Array<{ id: string; value: number; unit: string }>; quick?: boolean };
  expect(Object.keys(out).sort()).toEqual(['quick', 'results']);
  expect(out.quick).toBe(true);
  for (const r of out.results) {
    expect(Object.keys(r).sort()).toEqual(['id', 'unit', 'value']);
    expect(typeof r.id).toBe('string');
    expect(Number.isFinite(r.value)).toBe(true);
    expect(typeof r.unit).toBe('string');
  }
  const ids = out.results.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  const units = Object.fromEntries(out.results.map((r) => [r.id, r.unit]));
  for (const [id, unit] of Object.entries(REQUIRED)) expect([id, units[id]]).toEqual([id, unit]);
  // Counts of syncs are exact, and do not grow with the table.
  const value = (id: string) => out.results.find((r) => r.id === id)!.value;
  expect(Number.isInteger(value('syncs.insert.10'))).toBe(true);
  expect(value('syncs.insert.1000')).toBe(value('syncs.insert.10'));
  // A ratio is the quotient of the two numbers it names, from the same run.
  expect(value('consolidate.300.vs.floor')).toBeCloseTo(value('consolidate.300') / value('consolidate.300.floor'), 3);
  expect(value('consolidate.300.exceljs.speedup')).toBeCloseTo(value('consolidate.300.exceljs') / value('consolidate.300'), 3);
  expect(value('consolidate.300.workers.speedup')).toBeCloseTo(value('consolidate.300.workers.onethread') / value('consolidate.300.workers'), 3);
  expect(value('validate.core.vs.exceljs')).toBeCloseTo(value('validate.core.5000x31') / value('read.exceljs.5000'), 3);
}, 600_000);
