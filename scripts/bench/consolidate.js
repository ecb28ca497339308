#!/usr/bin/env node
/**
 * Consolidation benchmark, ids `consolidate.300*`: 300 returned files of one template (a school
 * return of 优质均衡, filled differently, every tenth with a typo), in one process. The three
 * headline figures are the same kind of work on the same bytes in memory, in ONE thread each, so
 * their ratios compare like with like:
 *
 *   consolidate.300          the consolidation: every file read (src/xlsx/read: zip by hand,
 *                            CRCs, streaming tokenizer), validated (core runChecks: every check),
 *                            reduced to its inputs (core readReturn), then consolidate() — one thread
 *   consolidate.300.exceljs  an ExcelJS full read of the same files (what a naive tool costs)
 *   consolidate.300.floor    unzip (fflate) + a raw scan of every sheet part and the shared
 *                            strings: no tool can read the files faster than this
 *   consolidate.300.vs.floor        consolidate ÷ floor (goal ≤ 2)
 *   consolidate.300.vs.exceljs      consolidate ÷ ExcelJS (goal ≤ 1/3)
 *   consolidate.300.exceljs.speedup ExcelJS ÷ consolidate (goal ≥ 3)
 *
 * and, beside them:
 *
 *   consolidate.300.workers  what `edu-indicators consolidate` does (minus writing the summary):
 *                            the files read from disk by worker threads across the cores (as many
 *                            as the CLI starts for 300 files: one per 100 files and idle core, so
 *                            one on a busy machine; fresh workers: their start and JIT warm-up
 *                            included), then consolidate()
 *   consolidate.300.workers.onethread  the same path with one worker thread (fresh, from disk):
 *                            what the parallel path is compared with, rounds interleaved with it
 *   consolidate.300.workers.speedup  onethread ÷ workers: what the cores bring (it depends on how
 *                            free they are: compare it within one run)
 *   consolidate.300.workers.vs.floor  workers ÷ the one-thread floor (parallel vs one thread:
 *                            it depends on how free the cores are, so it is not the goal's ratio)
 *   consolidate.300.summary  writing summary.xlsx for those 300 units (ExcelJS)
 *
 *   consolidate.300.cpu, .floor.cpu, .exceljs.cpu and consolidate.300.cpu.vs.floor,
 *   consolidate.300.cpu.exceljs.speedup: the same rounds in CPU time (steadier on a busy machine)
 *
 * Rounds interleave floor, consolidation and ExcelJS (the machine is shared) and keep the best of each.
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
const { workersFor } = lib('node/read-files');
const { renderTemplatesBuffer } = lib('xlsx/render');
const { buildTemplate } = lib('core/template/build');
const { renderTemplateBuffer } = lib('xlsx/render');
const { writeCells } = lib('xlsx/patch');

/** The paths measured; each takes the files' bytes and the plan, and returns something to check. */
const PATHS = {
  /** The consolidation in this thread, one file after the other, from memory (see the header). */
  async consolidate(files, plan) {
    const reads = [];
    for (let i = 0; i < files.length; i++) reads.push(readReturn(await readReturnSource(files[i], `return-${i}.xlsx`), plan));
    return consolidateReads(reads, plan).units.length;
  },
  /**
   * The CLI's path minus writing the summary: the returns on disk listed and read through
   * readReturns (src/cli/consolidate-read → read-files: worker threads across the cores, each file
   * reduced to its ReturnRead by core readReturn in its worker), then consolidate().
   */
  async workers(dir, plan, workers) {
    const reads = await readReturns(listReturnFiles([dir]), [plan], { workers });
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
  const files = (await returns(plan, count)).map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  const setupMs = msSince(t0);
  const rounds = opts.quick ? 1 : 3;
  // Wall time and CPU time (this process: these paths run in one thread, plus V8's own helpers)
  // of each round; on a busy machine the CPU times are the steadier ratio.
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const round = async (f) => {
    const c0 = cpuMs();
    const t = now();
    const out = await f();
    return { ms: msSince(t), cpu: cpuMs() - c0, out };
  };
  const min = { floor: Infinity, consolidate: Infinity, exceljs: Infinity };
  const cpu = { floor: Infinity, consolidate: Infinity, exceljs: Infinity };
  let cells = 0;
  let units = 0;
  for (let r = 0; r < rounds; r++) {
    for (const [name, f] of [
      ['floor', () => PATHS.floor(files)],
      ['consolidate', () => PATHS.consolidate(files, plan)],
      ['exceljs', () => PATHS.exceljs(files)],
    ]) {
      const m = await round(f);
      min[name] = Math.min(min[name], m.ms);
      cpu[name] = Math.min(cpu[name], m.cpu);
      if (name === 'floor') cells = m.out;
      if (name === 'consolidate') units = m.out;
    }
  }
  const floor = min.floor;
  const consolidate = min.consolidate;
  const exceljs = { ms: min.exceljs };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-bench-consolidate-'));
  const workers = { ms: Infinity, out: 0, count: 0 };
  const oneThread = { ms: Infinity, out: 0, count: 1 };
  try {
    files.forEach((b, i) => fs.writeFileSync(path.join(dir, `return-${String(i).padStart(4, '0')}.xlsx`), b));
    // Interleaved (the machine is shared): as many workers as the CLI would start now (one per
    // 100 files and idle core), then one worker; best of each.
    for (let r = 0; r < (opts.quick ? 1 : 3); r++) {
      for (const [into, n] of [
        [workers, workersFor(count)],
        [oneThread, 1],
      ]) {
        const m = await best(1, () => PATHS.workers(dir, plan, n));
        if (m.ms < into.ms) Object.assign(into, { ms: m.ms, out: m.out, count: n });
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const reads = [];
  for (let i = 0; i < files.length; i++) reads.push(readReturn(await readReturnSource(files[i], `return-${i}.xlsx`), plan));
  const consolidated = consolidateReads(reads, plan);
  const summary = await best(opts.quick ? 1 : 2, () => PATHS.summary(consolidated, plan));
  const bytes = files.reduce((a, f) => a + f.length, 0);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  console.log(`${count} returned files (${plan.id}, return template, ${(bytes / count / 1024).toFixed(0)} KB each); setup (written or cached) ${setupMs.toFixed(0)} ms; load average ${os.loadavg()[0].toFixed(1)} on ${cores} cores`);
  console.log(`  consolidate, one thread (read + validate + consolidate)  ${consolidate.toFixed(0)} ms  (${units} units)  ${(consolidate / floor).toFixed(2)}× the floor, ExcelJS ${(exceljs.ms / consolidate).toFixed(2)}× slower`);
  console.log(`  floor, one thread: unzip + scan                         ${floor.toFixed(0)} ms  (${cells} cells)`);
  console.log(`  ExcelJS full read, one thread                           ${exceljs.ms.toFixed(0)} ms`);
  console.log(`  CPU time of the same rounds: consolidate ${cpu.consolidate.toFixed(0)} ms, floor ${cpu.floor.toFixed(0)} ms (${(cpu.consolidate / cpu.floor).toFixed(2)}×), ExcelJS ${cpu.exceljs.toFixed(0)} ms (${(cpu.exceljs / cpu.consolidate).toFixed(2)}× slower)`);
  console.log(`  the CLI's path: worker threads from disk (${cores} cores)     ${workers.ms.toFixed(0)} ms  (${workers.out} units; ${workers.count} worker(s) started fresh: the CLI's choice with the machine this busy)`);
  console.log(`  the same with one worker thread                         ${oneThread.ms.toFixed(0)} ms  (${oneThread.out} units; the workers ${(oneThread.ms / workers.ms).toFixed(2)}× faster)`);
  console.log(`  summary.xlsx written                                    ${summary.ms.toFixed(0)} ms  (${(summary.out / 1024).toFixed(0)} KB)`);
  const c = result('consolidate.300', consolidate, 'ms');
  const x = result('consolidate.300.exceljs', exceljs.ms, 'ms');
  const f = result('consolidate.300.floor', floor, 'ms');
  const w = result('consolidate.300.workers', workers.ms, 'ms');
  const w1 = result('consolidate.300.workers.onethread', oneThread.ms, 'ms');
  return [
    c,
    x,
    f,
    ratio('consolidate.300.vs.floor', c, f),
    ratio('consolidate.300.vs.exceljs', c, x),
    ratio('consolidate.300.exceljs.speedup', x, c),
    ...(() => {
      const cc = result('consolidate.300.cpu', cpu.consolidate, 'ms');
      const cf = result('consolidate.300.floor.cpu', cpu.floor, 'ms');
      const cx = result('consolidate.300.exceljs.cpu', cpu.exceljs, 'ms');
      return [cc, cf, cx, ratio('consolidate.300.cpu.vs.floor', cc, cf), ratio('consolidate.300.cpu.exceljs.speedup', cx, cc)];
    })(),
    w,
    ratio('consolidate.300.workers.vs.floor', w, f),
    w1,
    ratio('consolidate.300.workers.speedup', w1, w),
    result('consolidate.300.summary', summary.ms, 'ms'),
  ];
}

module.exports = { run, PATHS, returns };
if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
