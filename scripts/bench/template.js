/**
 * Template benchmark: a 优质均衡 unit table of 1,000 schools — time to build the spec, render it
 * with ExcelJS, read it back, and fill it from a long CSV; the file sizes. Prints numbers only;
 * run by `npm run bench` (scripts/bench.js) or directly:
 *   npm run build:lib && node scripts/bench/template.js
 */
'use strict';
const { result, options } = require('./support/measure');

const { lib, shippedPlan } = require('./support/lib');

const { buildTemplate, cellCount } = lib('core/template/build');
const { renderTemplateBuffer } = lib('xlsx/render');
const { readTemplateWorkbook } = lib('xlsx/read');
const { fillWorkbook } = lib('xlsx/fill');

async function time(f) {
  const t = process.hrtime.bigint();
  const out = await f();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out };
}

async function run(opts = options()) {
  const plan = shippedPlan('national-yzjh-2017');
  const N = opts.quick ? 20 : 1000;
  const units = Array.from({ length: N }, (_, i) => `第${i + 1}小学`);
  const spec = await time(() => buildTemplate(plan, { kind: 'units', level: '小学', year: 2025, units }));
  console.log(`schools: ${N}`);
  console.log(`cells in the spec: ${cellCount(spec.out)}`);
  console.log(`buildTemplate ms: ${spec.ms.toFixed(1)}`);
  const render = await time(() => renderTemplateBuffer(spec.out));
  console.log(`ExcelJS render ms: ${render.ms.toFixed(1)}`);
  console.log(`template file bytes: ${render.out.length}`);
  const read = await time(() => readTemplateWorkbook(render.out));
  console.log(`read back ms: ${read.ms.toFixed(1)} (input cells mapped: ${read.out.templates[0].cells.length})`);
  const records = [];
  let line = 2;
  units.forEach((unit, i) => {
    const p = 300 + ((i * 37) % 2500);
    const values = { pupils: p, 'teachers-above-qualification': Math.round(p * 0.045), 'backbone-teachers': Math.round(p * 0.011), 'pe-art-teachers': Math.round(p * 0.01), 'teaching-aux-area': p * 4.6, 'sports-area': p * 7.7, 'equipment-value': p * 2100, 'multimedia-rooms': Math.round(p * 0.024) };
    for (const [input, value] of Object.entries(values)) records.push({ line: line++, unit, input, value: String(value) });
  });
  const fill = await time(() => fillWorkbook(render.out, records, () => plan));
  console.log(`fill ${records.length} values ms: ${fill.ms.toFixed(1)} (problems: ${fill.out.plan.problems.length})`);
  console.log(`filled file bytes: ${fill.out.bytes.length}`);
  const mem = process.memoryUsage();
  console.log(`heap used MB: ${(mem.heapUsed / 1024 / 1024).toFixed(1)}`);
  return [
    result('template.build.1000', spec.ms, 'ms'),
    result('template.render.1000', render.ms, 'ms'),
    result('template.readback.1000', read.ms, 'ms'),
    result('template.fill.1000', fill.ms, 'ms'),
    result('template.bytes.1000', render.out.length / 1024, 'KB'),
  ];
}

module.exports = { run };
if (require.main === module) run();
