#!/usr/bin/env node
'use strict';
// The CLI is compiled to lib/ by `npm install` (the package's prepare script runs `npm run build:lib`).
let cli;
try {
  cli = require('../lib/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /lib[\\/]cli[\\/]main/.test(e.message)) {
    console.error('edu-indicators 尚未编译：请先运行 npm install（或 npm run build:lib）。');
    console.error('edu-indicators is not built yet: run npm install (or npm run build:lib) first.');
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(2);
  },
);
