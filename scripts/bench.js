/**
 * `npm run bench`: every benchmark in scripts/bench/*.js, in one run, printing measured numbers
 * and ratios (never pass/fail thresholds: performance is watched here, not in timed tests).
 * Builds lib/ (and dist/ for the task-pane numbers) first when they are missing.
 */
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.lib.json'], { cwd: ROOT, stdio: 'inherit' });
}
if (!fs.existsSync(path.join(ROOT, 'dist', 'taskpane.html'))) {
  execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'inherit' });
}

async function main() {
  const dir = path.join(__dirname, 'bench');
  const only = process.argv.slice(2);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
    if (only.length && !only.some((o) => file.includes(o))) continue;
    console.log(`\n== ${file.replace(/\.js$/, '')}`);
    const mod = require(path.join(dir, file));
    if (typeof mod.run === 'function') await mod.run();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
