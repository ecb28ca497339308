/**
 * What every benchmark module shares: timing, the result records `--json` prints, and the
 * options the runner (scripts/bench.js) passes in. A module is `run(opts) → results[]`, one
 * module per group of ids, so a real path (consolidation, the lean reader) plugs into its own
 * module without touching the others.
 */
'use strict';

/** One measured number: `{ id, value, unit }` (ms, KB, count, ops/s, ratio). */
function result(id, value, unit) {
  if (typeof id !== 'string' || !Number.isFinite(value)) throw new Error(`bench result ${id}: not a finite number (${value})`);
  return { id, value: Number(value.toPrecision(6)), unit };
}

/** A ratio of two results measured in the same run (unitless). */
function ratio(id, numerator, denominator) {
  return result(id, numerator.value / denominator.value, 'ratio');
}

const now = () => process.hrtime.bigint();
const msSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Runs `f` and returns its duration in ms and its output (awaits promises). */
async function time(f) {
  const t0 = now();
  const out = await f();
  return { ms: msSince(t0), out };
}

/** The fastest of `n` runs (the machine is shared: the minimum is the least disturbed). */
async function best(n, f) {
  let min = Infinity;
  const all = [];
  let out;
  for (let i = 0; i < n; i++) {
    const t = await time(f);
    out = t.out;
    all.push(t.ms);
    min = Math.min(min, t.ms);
  }
  all.sort((a, b) => a - b);
  return { ms: min, median: all[all.length >> 1], runs: all, out };
}

/** Options as the runner parses them; a module run directly reads its own argv the same way. */
function options(argv = process.argv.slice(2)) {
  return { quick: argv.includes('--quick'), json: argv.includes('--json') };
}

module.exports = { result, ratio, time, best, now, msSince, options };
