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
// Set the exit code and let Node exit by itself: process.exit() would cut output still being
// written to a pipe (`edu-indicators catalog --json | wc -c`).
cli.main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(2);
  },
);
