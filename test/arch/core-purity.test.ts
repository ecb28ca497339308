/**
 * src/core must not touch a host: no Office.js, no ExcelJS, no Node I/O, no adapter folder.
 * ESLint enforces the same on every edit; this test makes it part of `jest` too, so a rule
 * switched off in the lint config still fails here.
 */
import * as fs from 'fs';
import * as path from 'path';

const CORE = path.join(__dirname, '..', '..', 'src', 'core');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const FORBIDDEN_MODULES = /^(node:)?(fs|path|os|child_process|crypto|zlib|http|https|stream|worker_threads)$|^exceljs$|^react|^@fluentui|office-js|^commander$/;
const FORBIDDEN_PATHS = /(^|\/)(excel|xlsx|cli|taskpane|functions|commands|node|runtime)(\/|$)/;

test('src/core imports nothing host-specific', () => {
  const offenders: string[] = [];
  for (const file of files(CORE)) {
    const text = fs.readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
      (m) => m[1] ?? m[2] ?? m[3] ?? '',
    );
    for (const spec of specs) {
      const resolved = spec.startsWith('.') ? path.relative(CORE, path.resolve(path.dirname(file), spec)) : spec;
      if (FORBIDDEN_MODULES.test(spec) || (spec.startsWith('.') && (resolved.startsWith('..') || FORBIDDEN_PATHS.test(resolved)))) {
        offenders.push(`${path.relative(CORE, file)} imports ${spec}`);
      }
    }
    if (/\bExcel\.run\b|\bOffice\.(onReady|context)\b/.test(text)) offenders.push(`${path.relative(CORE, file)} uses Office.js globals`);
  }
  expect(offenders).toEqual([]);
});
