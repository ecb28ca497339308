/**
 * Evaluation engine benchmark: evaluations per second (evaluate() on messy text input, through
 * coercion, target resolution, gap, achievement, status) and the weighted 校际差异系数 over
 * 10 000 schools. Prints numbers only; run by `npm run bench` (scripts/bench.js) or directly:
 *   npm run build:lib && node scripts/bench/evaluate.js
 */
'use strict';
const path = require('path');
const { result, options } = require('./support/measure');

const core = require(path.join(__dirname, '..', '..', 'lib', 'core', 'index.js'));

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function fixturePlan() {
  return core.parsePlan({
    schemaVersion: 1,
    id: 'bench',
    version: '1.0.0',
    title: { zh: '基准', en: 'Bench' },
    issuer: { zh: '基准', en: 'Bench' },
    region: { zh: '基准', en: 'Bench' },
    period: { from: 2021, to: 2025 },
    source: { kind: 'user', title: 'bench' },
    tolerance: { absolute: 1 },
    sections: [
      {
        id: 's',
        title: { zh: '指标', en: 'Indicators' },
        indicators: [
          {
            id: 'retention',
            name: { zh: '九年义务教育巩固率', en: 'retention' },
            unit: '%',
            kind: 'rate',
            level: '义务教育',
            baseline: { value: 98.7, year: 2020 },
            targets: [{ comparator: '>=', value: 96, year: 2025 }],
            source: { document: 'bench' },
          },
          {
            id: 'b1',
            name: { zh: '每百名学生拥有高于规定学历教师数', en: 'B1' },
            unit: '人',
            kind: 'per100',
            level: '义务教育',
            targets: [
              { comparator: '>=', value: 4.2, level: '小学' },
              { comparator: '>=', value: 5.3, level: '初中' },
            ],
            source: { document: 'bench' },
          },
        ],
      },
    ],
  });
}

function time(f) {
  const t0 = process.hrtime.bigint();
  const out = f();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, out };
}

function run(opts = options()) {
  const plan = fixturePlan();
  const retention = core.findIndicator(plan, 'retention').indicator;
  const b1 = core.findIndicator(plan, 'b1').indicator;
  const rand = rng(42);

  // evaluate(): mixed inputs (numbers, "95.5%", full-width, missing codes), with and without a year
  const N = opts.quick ? 5000 : 200000;
  const inputs = [];
  for (let i = 0; i < 1000; i++) {
    const v = 90 + rand() * 10;
    inputs.push([v, `${v.toFixed(1)}%`, '９６．５', '不适用', String(v.toFixed(2))][i % 5]);
  }
  for (let i = 0; i < 2000; i++) core.evaluate(retention, inputs[i % inputs.length], { plan }); // warm-up
  const e = time(() => {
    let met = 0;
    for (let i = 0; i < N; i++) {
      const ev = i % 2 === 0 ? core.evaluate(retention, inputs[i % inputs.length], { plan, year: 2023 }) : core.evaluate(b1, inputs[i % inputs.length], { plan, level: '小学' });
      if (ev.status === 'met') met++;
    }
    return met;
  });
  console.log(`evaluations: ${N}`);
  console.log(`evaluate() per second: ${Math.round((N / e.ms) * 1000)}`);

  // the weighted coefficient over 10 000 schools
  const S = opts.quick ? 500 : 10000;
  const amounts = new Array(S);
  const pupils = new Array(S);
  for (let i = 0; i < S; i++) {
    pupils[i] = 50 + Math.floor(rand() * 2500);
    amounts[i] = (pupils[i] * (3 + rand() * 3)) / 100;
  }
  core.weightedDiffCoef(amounts, pupils, { per100: true }); // warm-up
  const REPS = opts.quick ? 2 : 50;
  const c = time(() => {
    let cv = 0;
    for (let r = 0; r < REPS; r++) cv = core.weightedDiffCoef(amounts, pupils, { per100: true });
    return cv;
  });
  console.log(`schools: ${S}`);
  console.log(`weighted diff coefficient: ${c.out.toFixed(6)}`);
  console.log(`weightedDiffCoef ms per 10000 schools: ${(c.ms / REPS).toFixed(3)}`);

  // 10 000 schools through the 6-of-7 rule
  const values = [];
  for (let i = 0; i < S; i++) values.push([4 + rand(), 0.9 + rand() * 0.3, 0.8 + rand() * 0.2, 4.3 + rand(), 7.2 + rand(), 1900 + rand() * 300, 2.2 + rand() * 0.3]);
  const b = time(() => values.filter((v) => core.balancedSchool(v, '小学').balanced === true).length);
  console.log(`balancedSchool ms per 10000 schools: ${b.ms.toFixed(1)}`);
  console.log(`balanced schools: ${b.out}`);
  return [
    result('evaluate.persecond', (N / e.ms) * 1000, 'ops/s'),
    result('balance.diffcoef.10000', c.ms / REPS, 'ms'),
    result('balance.school.10000', b.ms, 'ms'),
  ];
}

module.exports = { run };
if (require.main === module) run();
