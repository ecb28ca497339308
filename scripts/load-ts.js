/**
 * Lets the build (webpack.config.js) call the core's own TypeScript at build time — the plan
 * parser — so the bundles carry plans exactly as `parsePlan` returns them and an invalid seed
 * fails the build. Each .ts file under src/ is transpiled (no type check: tsc does that) when
 * first required; nothing is written to disk.
 */
const fs = require('fs');
const path = require('path');
const Module = require('module');
const ts = require('typescript');

const SRC = path.join(__dirname, '..', 'src') + path.sep;

function register() {
  if (Module._extensions['.ts']) return; // a test runner (ts-jest) or an earlier call did it
  Module._extensions['.ts'] = (module, filename) => {
    if (!filename.startsWith(SRC)) throw new Error(`load-ts: only src/ is loaded this way (${filename})`);
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    });
    module._compile(outputText, filename);
  };
}

/** require() of a TypeScript module under src/, e.g. requireTs('core/plan/parse'). */
function requireTs(relative) {
  register();
  return require(path.join(SRC, relative));
}

module.exports = { requireTs };
