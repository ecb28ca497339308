#!/usr/bin/env node
/**
 * Validation benchmark, ids `validate.*` and `read.*` (uses the compiled lib/).
 *
 *   node scripts/bench/validate.js [--quick] [--core-only | --cli-only]
 *
 * 1. One workbook: a 优质均衡 unit table of 5,000 schools × 31 indicators, every input filled
 *    (a few planted problems), written as .xlsx by ExcelJS. Measured on that same file, in this
 *    run: an ExcelJS full read (`read.exceljs.5000`, what the core is compared with), our grid
 *    reader (`read.grid.5000`), and core `validate` on the grid it reads, issues and every value
 *    row (`validate.core.5000x31`); `validate.core.vs.exceljs` is their ratio. Its parts:
 *    `validate.checks.5000x31` (runChecks, values left in columns) and `….noformulas` (without
 *    comparing the 330,000 formula cells with the template).
 * 2. CLI: `edu-indicators validate` over 100 returned files (one template, filled differently),
 *    in one process, as a bureau runs it on a folder (`validate.cli.100`).
 * `--quick` uses 50 schools and 3 files (same ids: the runner's test checks shapes, not times).
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const ExcelJS = require('exceljs');
const { ROOT, lib, shippedPlan } = require('./support/lib');
const { best, now, msSince, options, ratio, result } = require('./support/measure');
const { cachedBytes } = require('./support/cache');

const { validate, runChecks } = lib('core/validate');
const { buildTemplate } = lib('core/template/build');
const { renderTemplateBuffer } = lib('xlsx/render');
const { readWorkbookGrid } = lib('xlsx/read');
const { writeCells } = lib('xlsx/patch');

/** Plausible school numbers: pupils 300–1,500 and resources per pupil near the 优质均衡 thresholds. */
function schoolValue(input, unit, kinds) {
  if (kinds.get(input) === 'boolean') return '是';
  const pupils = 300 + ((unit * 7919) % 1200);
  const per = { 'teachers-above-qualification': 0.05, 'backbone-teachers': 0.012, 'pe-art-teachers': 0.01, 'teaching-aux-area': 5, 'sports-area': 8, 'equipment-value': 2400, 'multimedia-rooms': 0.025 };
  if (input === 'pupils') return pupils;
  if (per[input] !== undefined) return Math.round(pupils * per[input] * (0.9 + ((unit * 31) % 20) / 100));
  return 1 + (unit % 5);
}

/** Each input id's kind (a direct indicator's own input takes its measure's kind). */
function kindsOf(plan) {
  const out = new Map(plan.inputs.map((i) => [i.id, i.kind]));
  for (const i of plan.sections.flatMap((s) => s.indicators)) if (i.compute.kind === 'direct' && !out.has(i.id)) out.set(i.id, i.kind === 'boolean' ? 'boolean' : 'amount');
  return out;
}

/** The 优质均衡 indicators first, then ratios, then the rest: 31 in all. */
function indicatorsFor(plan) {
  const all = plan.sections.flatMap((s) => s.indicators);
  const picked = [...(plan.balance ? plan.balance.indicators : [])];
  for (const i of all) if (picked.length < 31 && !picked.includes(i.id) && i.compute.kind === 'ratio') picked.push(i.id);
  for (const i of all) if (picked.length < 31 && !picked.includes(i.id)) picked.push(i.id);
  return picked;
}

/** The unit table as an .xlsx: the template's spec with every input cell typed, rendered by ExcelJS. */
async function unitTableFile(plan, units) {
  const names = Array.from({ length: units }, (_, i) => `学校${i + 1}`);
  const spec = buildTemplate(plan, { kind: 'units', units: names, level: '小学', year: 2025, indicators: indicatorsFor(plan), includeOverview: false });
  const kinds = kindsOf(plan);
  const planted = new Map([
    ['10\u0000pupils', '约八百'], // text where a count belongs
    ['20\u0000backbone-teachers', -3], // a negative count
    ['30\u0000equipment-value', 99999999], // an outlier
  ]);
  const cellRows = spec.hiddenMetadata.rows.filter((r) => r[0] === 'column' && !r[1].includes('#'));
  const unitRows = spec.hiddenMetadata.rows.filter((r) => r[0] === 'unit');
  const sheet = spec.sheets.find((s) => s.kind === 'units');
  for (const [, input, , , columnTop] of cellRows) {
    const col = columnTop.replace(/\d+$/, '');
    for (const [, index, , , , nameCell] of unitRows) {
      const address = `${col}${nameCell.replace(/^[A-Z]+/, '')}`;
      const u = Number(index);
      const value = planted.get(`${u}\u0000${input}`) ?? schoolValue(input, u, kinds);
      sheet.cells[address] = { ...(sheet.cells[address] ?? {}), value };
    }
  }
  // Cached between runs: keyed by the whole spec (every formula the builder makes) and the code that writes it.
  const key = [JSON.stringify(spec), units, fs.readFileSync(__filename, 'utf8'), fs.readFileSync(path.join(ROOT, 'lib', 'xlsx', 'render.js'), 'utf8')];
  return { spec, bytes: await cachedBytes('unit-table', key, () => renderTemplateBuffer(spec)) };
}

async function benchCore(plan, opts) {
  const UNITS = opts.quick ? 50 : 5000;
  const t0 = now();
  const { spec, bytes } = await unitTableFile(plan, UNITS);
  const setupMs = msSince(t0);
  const grid = await readWorkbookGrid(bytes);
  const runs = opts.quick ? 2 : 6;
  // Interleaved by kind, best of each: the machine is shared.
  const exceljs = await best(opts.quick ? 1 : 3, async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    return wb.worksheets.length;
  });
  const ours = await best(opts.quick ? 1 : 3, () => readWorkbookGrid(bytes));
  // The whole validation (issues and every value row, as the CLI and the pane get it), and its
  // parts: the checks alone (values kept in columns), and without the formula-cell comparison.
  const core = await best(runs, () => validate(grid, plan));
  const checks = await best(runs, () => runChecks(grid, plan));
  const noFormulas = await best(runs, () => runChecks(grid, plan, { formulas: false }));
  const r = core.out;
  console.log(`core: ${UNITS} units × ${spec.meta.indicators.length} indicators (${spec.meta.inputs.length} inputs per unit), file ${(bytes.length / 1024).toFixed(0)} KB`);
  console.log(`  template build + ExcelJS write or cache (setup) ${setupMs.toFixed(0)} ms`);
  console.log(`  ExcelJS full read                ${exceljs.ms.toFixed(0)} ms`);
  console.log(`  grid read (src/xlsx/read)        ${ours.ms.toFixed(0)} ms`);
  console.log(`  validate, best of ${runs}              ${core.ms.toFixed(1)} ms  median ${core.median.toFixed(1)} ms  worst ${core.runs[core.runs.length - 1].toFixed(0)} ms`);
  console.log(`  runChecks (values in columns)    ${checks.ms.toFixed(1)} ms`);
  console.log(`  runChecks, no formula cells      ${noFormulas.ms.toFixed(1)} ms`);
  console.log(`  issues ${r.issues.length} (errors ${r.counts.error}, warnings ${r.counts.warning}, notes ${r.counts.info}); values ${r.values.length}`);
  const v = result('validate.core.5000x31', core.ms, 'ms');
  const x = result('read.exceljs.5000', exceljs.ms, 'ms');
  console.log(`  validate / ExcelJS read          ${(v.value / x.value).toFixed(3)}`);
  const g = result('read.grid.5000', ours.ms, 'ms');
  return [
    v,
    result('validate.checks.5000x31', checks.ms, 'ms'),
    result('validate.checks.5000x31.noformulas', noFormulas.ms, 'ms'),
    x,
    g,
    ratio('validate.core.vs.exceljs', v, x),
    ratio('read.grid.vs.exceljs', g, x),
  ];
}

async function benchCli(plan, opts) {
  const FILES = opts.quick ? 3 : 100;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-bench-validate-'));
  try {
    const spec = buildTemplate(plan, { units: ['某学校'], level: '小学', year: 2025 });
    const blank = await renderTemplateBuffer(spec);
    const sheet = spec.sheets[0].name;
    const cellRows = spec.hiddenMetadata.rows.filter((r) => r[0] === 'cell' && !r[2].includes('#'));
    const kinds = kindsOf(plan);
    const indicators = plan.sections.flatMap((s) => s.indicators);
    // Totals and denominators large, parts smaller: a clean return; every tenth file gets a typo.
    const big = new Set([...plan.rules.map((r) => r.total), ...indicators.flatMap((i) => (i.compute.kind === 'ratio' ? i.compute.denominator : []))]);
    const valueOf = (id, f) => (kinds.get(id) === 'boolean' ? '是' : big.has(id) ? 1000 + f : 400 + ((f * 13) % 300));
    let t0 = now();
    for (let f = 0; f < FILES; f++) {
      const writes = cellRows.map((r, i) => ({ sheet, address: r[5], value: f % 10 === 3 && i === 0 ? '不是数字' : valueOf(r[2], f) }));
      fs.writeFileSync(path.join(dir, `return-${String(f).padStart(3, '0')}.xlsx`), await writeCells(blank, writes));
    }
    const makeMs = msSince(t0);
    t0 = now();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'edu-indicators.js'), 'validate', dir, '--json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const cliMs = msSince(t0);
    const summary = JSON.parse(r.stdout).summary; // a CLI that fails here fails the bench
    console.log(`cli: edu-indicators validate on ${FILES} returned files (${plan.id}, return template, ${blank.length} bytes each)`);
    console.log(`  files written (setup)            ${makeMs.toFixed(0)} ms`);
    console.log(`  validate ${FILES} files              ${cliMs.toFixed(0)} ms  (${(cliMs / FILES).toFixed(1)} ms per file, process start included)`);
    console.log(`  summary ${JSON.stringify(summary)}  exit ${r.status}`);
    return [result('validate.cli.100', cliMs, 'ms')];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Both benchmarks (the runner `npm run bench` calls this); `--core-only` / `--cli-only` when run directly. */
async function run(opts = options()) {
  const plan = shippedPlan('national-yzjh-2017');
  const direct = require.main === module;
  const out = [];
  if (!(direct && process.argv.includes('--cli-only'))) out.push(...(await benchCore(plan, opts)));
  if (!(direct && process.argv.includes('--core-only'))) out.push(...(await benchCli(plan, opts)));
  return out;
}

module.exports = { run, unitTableFile, indicatorsFor, kindsOf };
if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
