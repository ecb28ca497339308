/**
 * The CLI tests spawn bin/edu-indicators.js, which runs the compiled lib/. `npm test` builds it
 * first; when jest runs alone, build it here if it is missing.
 */
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

module.exports = async () => {
  const root = path.join(__dirname, '..');
  if (!fs.existsSync(path.join(root, 'lib', 'cli', 'main.js'))) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.lib.json'], { cwd: root, stdio: 'inherit' });
  }
};
