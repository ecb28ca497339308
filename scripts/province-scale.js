#!/usr/bin/env node
/**
 * How far one machine goes: `node scripts/province-scale.js [N] [--workdir DIR]` writes N returned
 * files of one template (the bench's generator: a 优质均衡 school return, each a different school,
 * every tenth with a typo) into a folder, then runs the real CLI on them —
 * `edu-indicators consolidate DIR --json --long values.csv` — under /usr/bin/time, and prints the
 * wall time, the CPU time and the peak resident memory of the whole process (worker threads
 * included), with the load average so the figures can be read against how busy the machine was.
 * Not part of `npm run bench` (minutes, not seconds). The generated files are cached.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { ROOT, shippedPlan } = require('./bench/support/lib');
const { returns } = require('./bench/consolidate');

async function main() {
  const argv = process.argv.slice(2);
  const n = Number(argv.find((a) => /^\d+$/.test(a)) ?? 3000);
  const wi = argv.indexOf('--workdir');
  const work = wi >= 0 ? argv[wi + 1] : path.join(os.tmpdir(), `edu-province-${n}`);
  const dir = path.join(work, 'returns');
  const plan = shippedPlan('national-yzjh-2017');
  if (!fs.existsSync(path.join(dir, `return-${String(n - 1).padStart(5, '0')}.xlsx`))) {
    console.error(`writing ${n} returns into ${dir} …`);
    fs.mkdirSync(dir, { recursive: true });
    const files = await returns(plan, n);
    files.forEach((b, i) => fs.writeFileSync(path.join(dir, `return-${String(i).padStart(5, '0')}.xlsx`), b));
  }
  const bytes = fs.readdirSync(dir).reduce((a, f) => a + fs.statSync(path.join(dir, f)).size, 0);
  const long = path.join(work, 'values.csv');
  const json = path.join(work, 'consolidation.json');
  const load = os.loadavg()[0];
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, path.join(ROOT, 'bin', 'edu-indicators.js'), 'consolidate', dir, '--json', '--long', long, '--force'], {
    encoding: 'utf8',
    maxBuffer: 4 * 1024 * 1024 * 1024,
    stdio: ['ignore', fs.openSync(json, 'w'), 'pipe'],
  });
  const last = run.stderr.trim().split('\n').pop() ?? '';
  const [wall, user, sys, rssKb] = last.split(' ').map(Number);
  const units = (fs.readFileSync(long, 'utf8').match(/\n/g) ?? []).length - 1;
  const out = {
    files: n,
    mb: Math.round(bytes / 1024 / 1024),
    exit: run.status,
    wallS: wall,
    cpuS: Number((user + sys).toFixed(1)),
    peakRssMb: Math.round(rssKb / 1024),
    longRows: units,
    jsonMb: Math.round(fs.statSync(json).size / 1024 / 1024),
    loadAverage: Number(load.toFixed(1)),
    cores: os.cpus().length,
  };
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
