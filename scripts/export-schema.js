/**
 * Writes seeds/plan.schema.json from the zod plan schema (src/core/plan/schema.ts, compiled in lib/),
 * so editors check plan files. `npm run schema` after changing the schema; a test fails when the
 * committed file is out of date.
 */
const fs = require('fs');
const path = require('path');
const { planJsonSchema } = require('../lib/core/plan/json-schema');

const out = path.join(__dirname, '..', 'seeds', 'plan.schema.json');
fs.writeFileSync(out, `${JSON.stringify(planJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), out)}`);
