#!/usr/bin/env node
/**
 * The lean reader alone, ids `read.300.*`, on the same 300 returns as consolidate.js:
 *
 *   read.300.lean           readReturnSource over every file: what consolidation reads of a return (zip by
 *                           hand, CRCs, byte-view tokenizer; the sheets a check reads — a single-unit
 *                           return's overview sheet 规划指标 is left for first use — and core.xml)
 *   read.300.grid           readWorkbookGridSync over every file: every sheet of the workbook
 *   read.300.floor          the unzip-and-scan floor of consolidate.js, measured again here
 *   read.300.lean.vs.floor  read.300.lean ÷ floor in this run; read.300.grid.vs.floor likewise
 *   read.300.lean.cpu, .grid.cpu, .floor.cpu and read.300.lean.cpu.vs.floor, read.300.grid.cpu.vs.floor:
 *                           the same rounds in CPU time (steadier on a busy machine)
 *   read.300.workers        the files on disk read through readFiles (worker threads, one per core)
 *
 * (Until the reader tokenized byte views, read.300.lean was what read.300.grid is now.)
 * Rounds are interleaved (floor, lean, grid, floor …) and the best of each kept: the machine is shared.
 *   node scripts/bench/read.js [--quick]
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { lib, shippedPlan } = require('./support/lib');
const { now, msSince, options, ratio, result } = require('./support/measure');
const { PATHS, returns } = require('./consolidate');

const { readWorkbookGridSync } = lib('xlsx/read');
const { readReturnSource } = lib('xlsx/returns');

async function run(opts = options()) {
  const plan = shippedPlan('national-yzjh-2017');
  const count = opts.quick ? 5 : 300;
  const files = (await returns(plan, count)).map((b) => new Uint8Array(b));
  const rounds = opts.quick ? 1 : 4;
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const wall = { floor: Infinity, lean: Infinity, grid: Infinity };
  const cpu = { floor: Infinity, lean: Infinity, grid: Infinity };
  let cells = 0;
  let read = 0;
  const paths = {
    floor: async () => PATHS.floor(files),
    lean: async () => {
      read = 0;
      for (let i = 0; i < files.length; i++) if ((await readReturnSource(files[i], `return-${i}.xlsx`)).book) read++;
    },
    grid: async () => {
      cells = 0;
      for (const bytes of files) for (const s of readWorkbookGridSync(bytes).sheets) cells += s.values.length;
    },
  };
  for (let r = 0; r < rounds; r++) {
    for (const [name, f] of Object.entries(paths)) {
      const c0 = cpuMs();
      const t0 = now();
      await f();
      wall[name] = Math.min(wall[name], msSince(t0));
      cpu[name] = Math.min(cpu[name], cpuMs() - c0);
    }
  }
  if (read !== count) throw new Error(`read.300.lean: ${count - read} of ${count} returns unreadable`);
  const out = [];
  const l = result('read.300.lean', wall.lean, 'ms');
  const g = result('read.300.grid', wall.grid, 'ms');
  const f = result('read.300.floor', wall.floor, 'ms');
  const lc = result('read.300.lean.cpu', cpu.lean, 'ms');
  const gc = result('read.300.grid.cpu', cpu.grid, 'ms');
  const fc = result('read.300.floor.cpu', cpu.floor, 'ms');
  out.push(l, g, f, ratio('read.300.lean.vs.floor', l, f), ratio('read.300.grid.vs.floor', g, f));
  out.push(lc, gc, fc, ratio('read.300.lean.cpu.vs.floor', lc, fc), ratio('read.300.grid.cpu.vs.floor', gc, fc));
  console.log(`${count} returns: lean (return) read ${wall.lean.toFixed(0)} ms, every sheet ${wall.grid.toFixed(0)} ms (${cells} rows), floor ${wall.floor.toFixed(0)} ms → ${(wall.lean / wall.floor).toFixed(2)}× and ${(wall.grid / wall.floor).toFixed(2)}× the floor`);
  console.log(`  CPU time of the same rounds: lean ${cpu.lean.toFixed(0)} ms, every sheet ${cpu.grid.toFixed(0)} ms, floor ${cpu.floor.toFixed(0)} ms → ${(cpu.lean / cpu.floor).toFixed(2)}× and ${(cpu.grid / cpu.floor).toFixed(2)}×`);
  let readFiles;
  try {
    ({ readFiles } = lib('node/read-files'));
  } catch {
    readFiles = undefined;
  }
  if (readFiles) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-bench-read-'));
    try {
      files.forEach((b, i) => fs.writeFileSync(path.join(dir, `return-${String(i).padStart(4, '0')}.xlsx`), b));
      const t0 = now();
      let read = 0;
      for await (const r of readFiles([dir])) if (r.status === 'read') read++;
      const ms = msSince(t0);
      out.push(result('read.300.workers', ms, 'ms'));
      console.log(`  readFiles (worker threads, ${os.cpus().length} cores) from disk: ${ms.toFixed(0)} ms, ${read} read`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

module.exports = { run };
if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
