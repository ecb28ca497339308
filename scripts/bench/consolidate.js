#!/usr/bin/env node
/**
 * Consolidation benchmark, ids `consolidate.300*`: 300 returned files of one template (a school
 * return of 优质均衡, filled differently, every tenth with a typo), in one process.
 *
 *   consolidate.300          the consolidation path: read + validate + gather every file, consolidate
 *   consolidate.300.summary  writing summary.xlsx for those 300 units (ExcelJS)
 *   consolidate.300.exceljs  an ExcelJS full read of the same files (what a naive tool costs)
 *   consolidate.300.floor    unzip (fflate) + a raw scan of every sheet part: no tool can read
 *                            the files faster than this
 *   …vs.exceljs / …vs.floor  ratios of the above, measured in this run
 *
 * The path measured as `consolidate.300` is `PATHS.consolidate` below: today the read path that
 * exists (src/xlsx/read → core validate); the consolidation work plugs its real entry point in
 * there, and the lean reader its reader, without touching the other measurements.
 *   node scripts/bench/consolidate.js [--quick]      (--quick: 5 files, same ids)
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const ExcelJS = require('exceljs');
const { unzipSync } = require('fflate');
const { ROOT, lib, shippedPlan } = require('./support/lib');
const { best, now, msSince, options, ratio, result } = require('./support/measure');
const { cachedFiles } = require('./support/cache');

const { consolidate: consolidateReads, readReturn, buildSummarySpecs } = lib('core/consolidate');
const { readReturnSource } = lib('xlsx/returns');
const { listReturnFiles, readReturns } = lib('cli/consolidate-read');
const { renderTemplatesBuffer } = lib('xlsx/render');
const { buildTemplate } = lib('core/template/build');
const { renderTemplateBuffer } = lib('xlsx/render');
const { writeCells } = lib('xlsx/patch');

/** The paths measured; each takes the files' bytes and the plan, and returns something to check. */
const PATHS = {
  /**
   * The real consolidation path, as `edu-indicators consolidate` runs it minus writing the summary:
   * the returns on disk listed and read through readReturns (src/cli/consolidate-read → read-files:
   * worker threads across the cores, each file reduced to its ReturnRead by core readReturn in its
   * worker), then consolidate() over all of them.
   */
  async consolidate(dir, plan) {
    const reads = await readReturns(listReturnFiles([dir]), [plan]);
    return consolidateReads(reads, plan).units.length;
  },
  /** The same work in this thread, one file after the other (from memory): what the workers save. */
  async inProcess(files, plan) {
    const reads = [];
    for (let i = 0; i < files.length; i++) reads.push(readReturn(await readReturnSource(files[i], `return-${i}.xlsx`), plan));
    return consolidateReads(reads, plan).units.length;
  },
  /** Writing summary.xlsx from a consolidation (ExcelJS). */
  async summary(c, plan) {
    return (await renderTemplatesBuffer(buildSummarySpecs(c, plan))).length;
  },
  async exceljs(files) {
    let cells = 0;
    for (const bytes of files) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes);
      wb.eachSheet((ws) => (cells += ws.actualRowCount));
    }
    return cells;
  },
  /** Unzip and scan each worksheet part for its cells (`<c ` tags): the cost of touching the data. */
  floor(files) {
    let cells = 0;
    const decoder = new TextDecoder();
    for (const bytes of files) {
      const parts = unzipSync(bytes, { filter: (f) => f.name.startsWith('xl/worksheets/') || f.name === 'xl/sharedStrings.xml' });
      for (const [name, data] of Object.entries(parts)) {
        if (!name.endsWith('.xml')) continue;
        const xml = decoder.decode(data);
        for (let i = xml.indexOf('<c '); i >= 0; i = xml.indexOf('<c ', i + 3)) cells++;
      }
    }
    return cells;
  },
};

/** 300 returns of one school template, cached between runs. */
async function returns(plan, count) {
  // The unit's name is left for the filler (each file a different school, as in a real round).
  const spec = buildTemplate(plan, { units: [], level: '小学', year: 2025 });
  const key = [JSON.stringify(spec), count, fs.readFileSync(__filename, 'utf8'), fs.readFileSync(path.join(ROOT, 'lib', 'xlsx', 'patch.js'), 'utf8')];
  return cachedFiles('returns', key, async () => {
    const blank = await renderTemplateBuffer(spec);
    const sheet = spec.sheets[0].name;
    const cellRows = spec.hiddenMetadata.rows.filter((r) => r[0] === 'cell' && !r[2].includes('#'));
    const unitCell = spec.hiddenMetadata.rows.find((r) => r[0] === 'unit')[5];
    const kinds = new Map(plan.inputs.map((i) => [i.id, i.kind]));
    const indicators = plan.sections.flatMap((s) => s.indicators);
    // Totals and denominators large, parts smaller: a clean return; every tenth file has a typo.
    const big = new Set([...plan.rules.map((r) => r.total), ...indicators.flatMap((i) => (i.compute.kind === 'ratio' ? i.compute.denominator : []))]);
    const valueOf = (id, f) => (kinds.get(id) === 'boolean' || indicators.some((i) => i.id === id && i.kind === 'boolean') ? '是' : big.has(id) ? 1000 + f : 400 + ((f * 13) % 300));
    const files = [];
    for (let f = 0; f < count; f++) {
      const writes = cellRows.map((r, i) => ({ sheet, address: r[5], value: f % 10 === 3 && i === 0 ? '不是数字' : valueOf(r[2], f) }));
      writes.push({ sheet, address: unitCell, value: `第${f + 1}学校` });
      files.push(await writeCells(blank, writes));
    }
    return files;
  });
}

async function run(opts = options()) {
  const plan = shippedPlan('national-yzjh-2017');
  const count = opts.quick ? 5 : 300;
  const t0 = now();
  const files = await returns(plan, count);
  const setupMs = msSince(t0);
  const reps = opts.quick ? 1 : 2;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-bench-consolidate-'));
  files.forEach((b, i) => fs.writeFileSync(path.join(dir, `return-${String(i).padStart(4, '0')}.xlsx`), b));
  const floor = await best(reps, () => PATHS.floor(files));
  let consolidate;
  try {
    consolidate = await best(reps, () => PATHS.consolidate(dir, plan));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const inProcess = await best(reps, () => PATHS.inProcess(files, plan));
  const exceljs = await best(reps, () => PATHS.exceljs(files));
  const reads = [];
  for (let i = 0; i < files.length; i++) reads.push(readReturn(await readReturnSource(files[i], `return-${i}.xlsx`), plan));
  const consolidated = consolidateReads(reads, plan);
  const summary = await best(reps, () => PATHS.summary(consolidated, plan));
  const bytes = files.reduce((a, f) => a + f.length, 0);
  console.log(`${count} returned files (${plan.id}, return template, ${(bytes / count / 1024).toFixed(0)} KB each); setup (written or cached) ${setupMs.toFixed(0)} ms`);
  console.log(`  consolidate (read + consolidate) ${consolidate.ms.toFixed(0)} ms  (${consolidate.out} units; worker threads, ${os.cpus().length} cores)`);
  console.log(`  the same in one thread           ${inProcess.ms.toFixed(0)} ms`);
  console.log(`  summary.xlsx written             ${summary.ms.toFixed(0)} ms  (${(summary.out / 1024).toFixed(0)} KB)`);
  console.log(`  ExcelJS full read                ${exceljs.ms.toFixed(0)} ms`);
  console.log(`  floor: unzip + scan              ${floor.ms.toFixed(0)} ms  (${floor.out} cells)`);
  const c = result('consolidate.300', consolidate.ms, 'ms');
  const x = result('consolidate.300.exceljs', exceljs.ms, 'ms');
  const f = result('consolidate.300.floor', floor.ms, 'ms');
  return [c, x, f, ratio('consolidate.300.vs.exceljs', c, x), ratio('consolidate.300.vs.floor', c, f), result('consolidate.300.summary', summary.ms, 'ms'), result('consolidate.300.inprocess', inProcess.ms, 'ms')];
}

module.exports = { run, PATHS, returns };
if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
