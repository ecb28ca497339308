/**
 * The compiled library (lib/, built by scripts/bench.js) as the benchmarks load it: one place
 * that knows where modules live, so a move in src/ is followed here once.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const LIB = path.join(ROOT, 'lib');

/** `lib/<p>` (throws a clear error when lib/ is not built). */
function lib(p) {
  if (!fs.existsSync(path.join(LIB, 'index.js'))) throw new Error('lib/ is not built: run `npm run build:lib` (npm run bench does it).');
  return require(path.join(LIB, p));
}

/** A shipped plan by id; its absence is an error (catalog-ids.json requires it), never a skip. */
function shippedPlan(id) {
  const { loadShippedPlans } = lib('node/seeds');
  const plan = loadShippedPlans().find((p) => p.id === id);
  if (!plan) throw new Error(`shipped plan ${id} is missing from seeds/plans`);
  return plan;
}

module.exports = { ROOT, LIB, lib, shippedPlan };
