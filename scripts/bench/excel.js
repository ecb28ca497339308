/**
 * Office.js adapter benchmark, against the recording fake: for a 优质均衡 unit table of 10 and of
 * 1,000 schools, the Office.js calls and `context.sync()` round trips per insert, per read-back,
 * per marking of issue cells, with the largest request/response (Excel on the web refuses 5 MB).
 * Syncs must not grow with the schools; calls grow only with the defined names (one per school).
 * Prints numbers only; run by `npm run bench` (scripts/bench.js) or directly:
 *   npm run build:lib && node scripts/bench/excel.js
 */
'use strict';
const { lib, shippedPlan } = require('./support/lib');
const { result } = require('./support/measure');

const { buildTemplate, cellCount } = lib('core/template/build');
const { createFakeExcel } = lib('excel/fake/index');
const { insertTemplate, readTemplates, markCells, clearMarks } = lib('excel/index');

function kb(bytes) {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

async function measure(fake, f) {
  fake.resetLog();
  const t = process.hrtime.bigint();
  const out = await f();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return {
    out,
    ms,
    syncs: fake.syncCount,
    calls: fake.calls.length,
    request: Math.max(0, ...fake.syncs.map((s) => s.requestBytes)),
    response: Math.max(0, ...fake.syncs.map((s) => s.responseBytes)),
    summary: fake.callSummary(),
  };
}

function line(label, m, extra = '') {
  console.log(
    `${label.padEnd(22)} syncs ${String(m.syncs).padStart(2)}  calls ${String(m.calls).padStart(6)}  ` +
      `max request ${kb(m.request).padStart(8)}  max response ${kb(m.response).padStart(8)}  fake ms ${m.ms.toFixed(0).padStart(6)}${extra}`,
  );
}

/** Sync counts do not depend on the machine: quick mode measures the same sizes. */
async function run() {
  const plan = shippedPlan('national-yzjh-2017');
  const rows = [];
  for (const n of [10, 1000]) {
    const units = Array.from({ length: n }, (_, i) => `第${i + 1}小学`);
    const spec = buildTemplate(plan, { kind: 'units', level: '小学', year: 2025, units });
    const fake = createFakeExcel();
    console.log(`\n-- ${n} schools (${cellCount(spec)} cells in the spec, ${spec.definedNames.length} defined names)`);
    const insert = await measure(fake, () => insertTemplate(fake.host, spec));
    line('insertTemplate', insert);
    const top = Object.entries(insert.summary)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    console.log(`  most frequent calls: ${top}`);
    const read = await measure(fake, () => readTemplates(fake.host));
    const cells = read.out.templates[0].cells;
    line('readTemplates', read, `  (input cells mapped: ${cells.length})`);
    // One issue on every tenth input cell: the marks grow with the table, the syncs must not.
    const issues = cells.filter((_, i) => i % 10 === 0).map((c) => ({ sheet: c.sheet, cell: c.address, severity: 'error' }));
    const mark = await measure(fake, () => markCells(fake.host, issues));
    line(`markCells (${issues.length})`, mark);
    const clear = await measure(fake, () => clearMarks(fake.host));
    line('clearMarks', clear);
    rows.push({ n, insert, read, mark, clear });
  }
  const [small, large] = rows;
  console.log('\nsyncs 10 → 1,000 schools:');
  for (const k of ['insert', 'read', 'mark', 'clear']) console.log(`  ${k.padEnd(7)} ${small[k].syncs} → ${large[k].syncs}`);
  console.log(`insert calls per extra school: ${((large.insert.calls - small.insert.calls) / 990).toFixed(2)} (the cell map's defined names)`);
  const out = [];
  for (const k of ['insert', 'read', 'mark', 'clear']) for (const row of rows) out.push(result(`syncs.${k}.${row.n}`, row[k].syncs, 'count'));
  out.push(result('calls.insert.perschool', (large.insert.calls - small.insert.calls) / 990, 'count'));
  return out;
}

module.exports = { run };

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
