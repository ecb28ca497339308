/**
 * Tests that cannot pass silently: no skipped or focused tests, no test chosen at run time
 * (`cond ? test : test.skip`, `maybe(…)`), no early `return` when something a test needs is
 * missing. A shipped plan, LibreOffice and Chromium are required; their absence fails.
 */
import * as fs from 'fs';
import * as path from 'path';

const TEST_DIR = path.join(__dirname, '..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|tsx|js)$/.test(e.name) ? [p] : [];
  });
}

// Built from pieces so this file does not match itself.
const DOT = '\\.';
const RULES: Array<{ what: string; re: RegExp }> = [
  { what: 'a skipped test', re: new RegExp(`\\b(test|it|describe)${DOT}skip\\b`) },
  { what: 'a skipped test (x-prefixed)', re: /\b(xit|xtest|xdescribe)\s*\(/ },
  { what: 'a focused test', re: new RegExp(`\\b(test|it|describe)${DOT}only\\b|\\bf(it|describe)\\s*\\(`) },
  { what: 'a test left to do', re: new RegExp(`\\b(test|it)${DOT}todo\\b`) },
  { what: 'a test chosen at run time', re: /\?\s*(test|it|describe)\s*:|\bmaybe\s*\(/ },
  // A bare return: a helper returning undefined is fine; a test quietly ending is not.
  { what: 'an early return when something is missing', re: /^\s*if\s*\(\s*!\s*[\w.$?]+\s*\)\s*return\s*;?\s*(\/\/.*)?$/ },
  { what: 'an error swallowed by a bare return', re: /catch\s*(\([^)]*\))?\s*\{\s*return\s*;?\s*\}/ },
];

test('no test in test/ can pass without checking anything', () => {
  const offenders: string[] = [];
  for (const file of files(TEST_DIR)) {
    if (file === __filename) continue;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const r of RULES) if (r.re.test(line)) offenders.push(`${path.relative(TEST_DIR, file)}:${i + 1}: ${r.what}: ${line.trim()}`);
    });
  }
  expect(offenders).toEqual([]);
});

test('the rules catch what they are for', () => {
  const caught = (line: string) => RULES.filter((r) => r.re.test(line)).map((r) => r.what);
  expect(caught(['test', 'skip("x", () => {});'].join('.'))).toEqual(['a skipped test']);
  expect(caught('  if (!plan) return;')).toEqual(['an early return when something is missing']);
  expect(caught('  if (!b) return; // not built')).toEqual(['an early return when something is missing']);
  expect(caught('  if (!grid) return [];')).toEqual([]);
  expect(caught('const run = ok ? describe : other;')).toEqual(['a test chosen at run time']);
  expect(caught('} catch { return; }')).toEqual(['an error swallowed by a bare return']);
  expect(caught('if (!plan) throw new Error("missing");')).toEqual([]);
});
