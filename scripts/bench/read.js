#!/usr/bin/env node
/**
 * Reading returned workbooks, the cost of consolidation (uses the compiled lib/).
 *
 *   node scripts/bench/read.js [--files 300]
 *
 * On the same generated returns (a 优质均衡 return template, each filled differently), in one run:
 *   - lean:    the lean reader (`readWorkbookGridSync`: fflate + streaming tokenizer, every sheet)
 *   - exceljs: a full ExcelJS load (`workbook.xlsx.load`)
 *   - floor:   fflate unzip of the same parts + UTF-8 decode + a raw scan counting `<c ` tags
 *   - workers: the lean reader over the files on disk through `readFiles` (worker threads)
 * Rounds are interleaved and the best of each is kept (the machine may be busy). Returns the
 * figures (ms) so a runner can frame them; prints them with the ratios.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib');
if (!fs.existsSync(path.join(LIB, 'xlsx', 'read.js'))) throw new Error('lib/ is not built: run `npm run build:lib` first.');
const lib = (p) => require(path.join(LIB, p));

function arg(name, dflt) {
  const i = require.main === module ? process.argv.indexOf(`--${name}`) : -1;
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const now = () => process.hrtime.bigint();
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/** `files` returns of one template, each filled with different numbers. */
async function makeReturns(files) {
  const { buildTemplate } = lib('core/template/build');
  const { renderTemplateBuffer } = lib('xlsx/render');
  const { writeCells } = lib('xlsx/patch');
  const { loadShippedPlans } = lib('cli/seeds');
  const plan = loadShippedPlans().find((p) => p.id === 'national-yzjh-2017');
  const spec = buildTemplate(plan, { units: ['某学校'], level: '小学', year: 2025 });
  const blank = await renderTemplateBuffer(spec);
  const sheet = spec.sheets[0].name;
  const cellRows = spec.hiddenMetadata.rows.filter((r) => r[0] === 'cell' && !String(r[2]).includes('#'));
  const out = [];
  for (let f = 0; f < files; f++) {
    const writes = cellRows.map((r, i) => ({ sheet, address: r[5], value: 100 + ((f * 37 + i * 11) % 900) }));
    out.push(new Uint8Array(await writeCells(blank, writes)));
  }
  return out;
}

/** The floor: inflate the parts a reader needs and touch every cell tag, nothing more. */
function floorRead(bytes, fflate) {
  const parts = fflate.unzipSync(bytes, { filter: (f) => f.name === 'xl/workbook.xml' || f.name.endsWith('.rels') || f.name === 'xl/sharedStrings.xml' || f.name.startsWith('xl/worksheets/') });
  const decoder = new TextDecoder();
  let cells = 0;
  for (const name of Object.keys(parts)) {
    const text = decoder.decode(parts[name]);
    for (let i = text.indexOf('<c '); i >= 0; i = text.indexOf('<c ', i + 3)) cells++;
  }
  return cells;
}

async function run() {
  const FILES = arg('files', 300);
  const ExcelJS = require('exceljs');
  const fflate = require('fflate');
  const { readWorkbookGridSync } = lib('xlsx/read');
  let t0 = now();
  const returns = await makeReturns(FILES);
  const setup = ms(t0);
  const size = returns.reduce((n, b) => n + b.length, 0);
  const best = { lean: Infinity, exceljs: Infinity, floor: Infinity };
  const ROUNDS = 3;
  for (let round = 0; round < ROUNDS; round++) {
    t0 = now();
    for (const b of returns) floorRead(b, fflate);
    best.floor = Math.min(best.floor, ms(t0));
    t0 = now();
    for (const b of returns) readWorkbookGridSync(b);
    best.lean = Math.min(best.lean, ms(t0));
    if (round < 2) {
      t0 = now();
      for (const b of returns) await new ExcelJS.Workbook().xlsx.load(b);
      best.exceljs = Math.min(best.exceljs, ms(t0));
    }
  }
  let workers;
  const readFilesPath = path.join(LIB, 'node', 'read-files.js');
  if (fs.existsSync(readFilesPath)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-bench-read-'));
    try {
      returns.forEach((b, i) => fs.writeFileSync(path.join(dir, `return-${String(i).padStart(4, '0')}.xlsx`), b));
      const { readFiles } = require(readFilesPath);
      t0 = now();
      let read = 0;
      for await (const r of readFiles([dir], { task: 'grid' })) if (r.status === 'read') read++;
      workers = { ms: ms(t0), read, workers: Math.max(1, Math.min(os.cpus().length, 8)) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const f = (n) => `${n.toFixed(0)} ms`.padStart(9);
  console.log(`read: ${FILES} returns of national-yzjh-2017 (${Math.round(size / FILES / 1024)} KB each; generated in ${setup.toFixed(0)} ms)`);
  console.log(`  lean reader (all sheets)       ${f(best.lean)}  (${(best.lean / FILES).toFixed(2)} ms per file)`);
  console.log(`  ExcelJS full load              ${f(best.exceljs)}  → lean is ${(best.exceljs / best.lean).toFixed(1)}× faster`);
  console.log(`  floor (fflate unzip + scan)    ${f(best.floor)}  → lean is ${(best.lean / best.floor).toFixed(2)}× the floor`);
  if (workers) console.log(`  readFiles, ${workers.workers} worker(s), from disk ${f(workers.ms)}  (${workers.read} read)`);
  return { files: FILES, leanMs: best.lean, exceljsMs: best.exceljs, floorMs: best.floor, workersMs: workers?.ms };
}

module.exports = { run };
if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
