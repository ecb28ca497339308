/**
 * The CLI tests spawn bin/edu-indicators.js, which runs the compiled lib/. `npm test` builds it
 * first; when jest runs alone, build it here if it is missing or older than the sources.
 */
const path = require('path');
const { execFileSync } = require('child_process');
const { isStale } = require('../scripts/bench/support/fresh');

module.exports = async () => {
  const root = path.join(__dirname, '..');
  // Missing, or older than a source file (a targeted run after an edit must not test the old CLI).
  if (isStale(path.join(root, 'lib', 'cli', 'main.js'), [path.join(root, 'src'), path.join(root, 'tsconfig.lib.json')])) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.lib.json'], { cwd: root, stdio: 'inherit' });
  }
};
