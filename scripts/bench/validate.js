#!/usr/bin/env node
/**
 * Validation benchmark (uses the compiled lib/: run `npm run build:lib` first).
 *
 *   node scripts/bench/validate.js [--units 5000] [--files 100]
 *
 * 1. Core: `validate` over a 优质均衡 unit table of 5,000 schools × 31 indicators, every input
 *    filled (a few planted problems), read as the grid every host produces.
 * 2. CLI: `edu-indicators validate` over 100 returned files (one template, filled differently),
 *    in one process, as a bureau runs it on a folder.
 * Prints numbers (milliseconds, rates); exits 0.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib');
if (!fs.existsSync(path.join(LIB, 'core', 'validate', 'index.js'))) {
  throw new Error('lib/ is not built: run `npm run build:lib` first.');
}
const lib = (p) => require(path.join(LIB, p));
const { validate } = lib('core/validate');
const { buildTemplate } = lib('core/template/build');
const { findTemplates, resolveInputCells } = lib('core/workbook/cellmap');
const { a1ToRowCol } = lib('core/workbook/address');
const { setGridCell } = lib('core/workbook/grid');
const { renderTemplateBuffer } = lib('xlsx/render');
const { writeCells } = lib('xlsx/patch');
const { loadShippedPlans } = lib('cli/seeds');

function arg(name, dflt) {
  const i = require.main === module ? process.argv.indexOf(`--${name}`) : -1;
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const UNITS = arg('units', 5000);
const FILES = arg('files', 100);
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const now = () => process.hrtime.bigint();

/** A spec as a freshly rendered workbook read back: literals, formulas (no cached results), metadata, names. */
function specToGrid(spec) {
  const sheets = spec.sheets.map((s) => {
    const grid = { name: s.name, state: 'visible', values: [], formulas: [] };
    for (const [address, cell] of Object.entries(s.cells)) {
      const { row, col } = a1ToRowCol(address);
      if (cell.formula !== undefined) setGridCell(grid, row, col, null, cell.formula);
      else if (cell.value !== undefined && cell.value !== null) setGridCell(grid, row, col, cell.value);
    }
    return grid;
  });
  sheets.push({ name: spec.hiddenMetadata.sheetName, state: 'veryHidden', values: spec.hiddenMetadata.rows.map((r) => [...r]), formulas: [] });
  // Through JSON, as a reader hands it over: plain arrays and flat strings (the spec's formulas
  // are built by concatenation, which V8 would otherwise flatten on first comparison).
  return JSON.parse(JSON.stringify({ sheets, definedNames: spec.definedNames.map((n) => ({ name: n.name, ref: n.ref })) }));
}

/** Plausible school numbers: pupils 300–1,500 and resources per pupil near the 优质均衡 thresholds. */
function schoolValue(input, unit, plan) {
  const kinds = schoolValue.kinds ?? (schoolValue.kinds = kindsOf(plan));
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

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function indicatorsFor(plan) {
  const all = plan.sections.flatMap((s) => s.indicators);
  const picked = [...(plan.balance ? plan.balance.indicators : [])];
  for (const i of all) if (picked.length < 31 && !picked.includes(i.id) && i.compute.kind === 'ratio') picked.push(i.id);
  for (const i of all) if (picked.length < 31 && !picked.includes(i.id)) picked.push(i.id);
  return picked;
}

async function benchCore(plan) {
  const units = Array.from({ length: UNITS }, (_, i) => `学校${i + 1}`);
  const indicators = indicatorsFor(plan);
  let t0 = now();
  const spec = buildTemplate(plan, { kind: 'units', units, level: '小学', year: 2025, indicators, includeOverview: false });
  const buildMs = ms(t0);
  const book = specToGrid(spec);
  const t = findTemplates(book).templates[0];
  const cells = resolveInputCells(t, book.definedNames, book).cells;
  const sheet = book.sheets[0];
  for (const c of cells) {
    if (c.input.includes('#')) continue;
    const { row, col } = a1ToRowCol(c.address);
    setGridCell(sheet, row, col, schoolValue(c.input, c.unitIndex, plan));
  }
  // Planted problems: text, a negative count, an outlier.
  const planted = [
    ['pupils', 10, '约八百'],
    ['backbone-teachers', 20, -3],
    ['equipment-value', 30, 99999999],
  ];
  for (const [input, unit, value] of planted) {
    const c = cells.find((x) => x.unitIndex === unit && x.input === input);
    const { row, col } = a1ToRowCol(c.address);
    setGridCell(sheet, row, col, value);
  }
  // Interleaved runs (full / without formula and status checks), best of each: the machine may be busy.
  const runs = [];
  const noFormulas = [];
  let result;
  for (let i = 0; i < 6; i++) {
    t0 = now();
    result = validate(book, plan);
    runs.push(ms(t0));
    t0 = now();
    validate(book, plan, { formulas: false, status: false });
    noFormulas.push(ms(t0));
  }
  const best = Math.min(...runs);
  console.log(`core: ${UNITS} units × ${spec.meta.indicators.length} indicators (${spec.meta.inputs.length} inputs per unit)`);
  console.log(`  template build (setup)           ${buildMs.toFixed(0)} ms`);
  console.log(`  validate, first run              ${runs[0].toFixed(0)} ms`);
  console.log(`  validate, best of ${runs.length}              ${best.toFixed(0)} ms  median ${median(runs).toFixed(0)} ms  (${Math.round((UNITS * spec.meta.indicators.length) / (best / 1000)).toLocaleString('en-US')} unit-indicators/s)`);
  console.log(`  validate, no formula/status check ${Math.min(...noFormulas).toFixed(0)} ms`);
  console.log(`  issues ${result.issues.length} (errors ${result.counts.error}, warnings ${result.counts.warning}, notes ${result.counts.info}); values ${result.values.length}`);
}

async function benchCli(plan) {
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
    const makeMs = ms(t0);
    t0 = now();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'edu-indicators.js'), 'validate', dir, '--json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const cliMs = ms(t0);
    let summary = {};
    try {
      summary = JSON.parse(r.stdout).summary;
    } catch {
      console.log(`  CLI failed (exit ${r.status}): ${r.stderr.slice(0, 400)}`);
    }
    console.log(`cli: edu-indicators validate on ${FILES} returned files (${plan.id}, return template, ${blank.length} bytes each)`);
    console.log(`  files written (setup)            ${makeMs.toFixed(0)} ms`);
    console.log(`  validate ${FILES} files              ${cliMs.toFixed(0)} ms  (${(cliMs / FILES).toFixed(1)} ms per file, process start included)`);
    console.log(`  summary ${JSON.stringify(summary)}  exit ${r.status}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Both benchmarks (the runner `npm run bench` calls this); `--core-only` / `--cli-only` when run directly. */
async function run() {
  const plan = loadShippedPlans().find((p) => p.id === 'national-yzjh-2017');
  if (!plan) {
    console.log('national-yzjh-2017 is not in seeds/plans: skipped');
    return;
  }
  const direct = require.main === module;
  if (!(direct && process.argv.includes('--cli-only'))) await benchCore(plan);
  if (!(direct && process.argv.includes('--core-only'))) await benchCli(plan);
}

module.exports = { run };
if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
