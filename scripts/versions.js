/**
 * `npm run versions`: records new plan versions and template versions in seeds/versions.json.
 * Refuses to rewrite a recorded one: a plan changed under the same version needs a new `version`
 * in its JSON, a template layout changed under the same TEMPLATE_VERSION (src/core/template/spec.ts)
 * a new TEMPLATE_VERSION. Returns already sent out depend on both.
 */
const fs = require('fs');
const path = require('path');
const { compareVersions } = require('../lib/core/template/fingerprint');
const { loadShippedPlans } = require('../lib/node/seeds');

const file = path.join(__dirname, '..', 'seeds', 'versions.json');
const record = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { plans: {}, templates: {} };
const { problems, next } = compareVersions(loadShippedPlans(), record);
const changed = problems.filter((p) => p.kind !== 'unrecorded');
for (const p of changed) {
  console.error(
    p.kind === 'plan-changed'
      ? `${p.key}: 规划内容已改动但版本号未变，请提高其 version / the plan changed under the same version: raise its version`
      : `${p.key}: 模板内容已改动但 TEMPLATE_VERSION 未变，请在 src/core/template/spec.ts 提高它 / the templates changed under the same TEMPLATE_VERSION: raise it`,
  );
}
if (changed.length > 0) process.exit(1);
fs.writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
console.log(`recorded ${problems.length} new version(s) in ${path.relative(process.cwd(), file)}`);
