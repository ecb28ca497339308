#!/usr/bin/env node
/**
 * The lean reader alone, ids `read.300.*`, on the same 300 returns as consolidate.js:
 *
 *   read.300.lean           readWorkbookGridSync over every file (zip by hand + streaming tokenizer, all sheets)
 *   read.300.floor          the unzip-and-scan floor of consolidate.js, measured again here
 *   read.300.lean.vs.floor  their ratio in this run (goal ≤ 2)
 *   read.300.workers        the files on disk read through readFiles (worker threads, one per core)
 *
 * Rounds are interleaved (floor, lean, floor, lean …) and the best of each kept: the machine is shared.
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

async function run(opts = options()) {
  const plan = shippedPlan('national-yzjh-2017');
  const count = opts.quick ? 5 : 300;
  const files = (await returns(plan, count)).map((b) => new Uint8Array(b));
  const rounds = opts.quick ? 1 : 4;
  let lean = Infinity;
  let floor = Infinity;
  let cells = 0;
  for (let r = 0; r < rounds; r++) {
    let t0 = now();
    PATHS.floor(files);
    floor = Math.min(floor, msSince(t0));
    t0 = now();
    cells = 0;
    for (const bytes of files) for (const s of readWorkbookGridSync(bytes).sheets) cells += s.values.length;
    lean = Math.min(lean, msSince(t0));
  }
  const out = [];
  const l = result('read.300.lean', lean, 'ms');
  const f = result('read.300.floor', floor, 'ms');
  out.push(l, f, ratio('read.300.lean.vs.floor', l, f));
  console.log(`${count} returns: lean reader ${lean.toFixed(0)} ms (${cells} rows), floor ${floor.toFixed(0)} ms → ${(lean / floor).toFixed(2)}× the floor`);
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
