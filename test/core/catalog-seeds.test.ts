/**
 * The shipped catalog: every plan passes the schema, ids are unique, and every citation
 * is found verbatim at its line of its file in seeds/sources/ (a drifting citation fails here).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { shippedPlanFiles, SOURCES_DIR } from '../../src/node/seeds';
import { parsePlanText } from '../../src/core/plan/parse';
import type { Plan } from '../../src/core/plan/schema';

const files = shippedPlanFiles();
const sourceLines = new Map<string, string[]>();
function linesOf(file: string): string[] | undefined {
  if (!sourceLines.has(file)) {
    const p = path.join(SOURCES_DIR, file);
    if (!fs.existsSync(p)) return undefined;
    sourceLines.set(file, fs.readFileSync(p, 'utf8').split('\n'));
  }
  return sourceLines.get(file);
}

/** Every {file, line, quote} anywhere in a plan, with a readable location. */
function citations(plan: Plan): Array<{ where: string; file: string; line: number; quote: string }> {
  const out: Array<{ where: string; file: string; line: number; quote: string }> = [];
  const visit = (v: unknown, where: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${where}[${i}]`));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.file === 'string' && typeof o.line === 'number' && typeof o.quote === 'string') {
        out.push({ where, file: o.file, line: o.line, quote: o.quote });
      }
      for (const [k, x] of Object.entries(o)) visit(x, `${where}.${k}`);
    }
  };
  visit(plan, plan.id);
  return out;
}

describe('shipped plans', () => {
  test('there are plans', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  const plans: Plan[] = [];
  for (const file of files) {
    test(`${path.basename(file)} passes the schema`, () => {
      const r = parsePlanText(fs.readFileSync(file, 'utf8'));
      if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message.zh}`).join('\n'));
      plans.push(r.plan);
      expect(path.basename(file)).toBe(`${r.plan.id}.json`);
    });
  }

  test('plan ids and indicator ids are unique across the catalog', () => {
    const planIds = plans.map((p) => p.id);
    expect(new Set(planIds).size).toBe(planIds.length);
    const seen = new Map<string, string>();
    for (const p of plans) {
      for (const s of p.sections) {
        for (const ind of s.indicators) {
          const key = `${p.id}/${ind.id}`;
          expect(seen.has(key)).toBe(false);
          seen.set(key, p.id);
        }
      }
    }
  });

  test('every seed citation is found verbatim at its line', () => {
    const bad: string[] = [];
    for (const p of plans) {
      for (const c of citations(p)) {
        const lines = linesOf(c.file);
        if (!lines) bad.push(`${c.where}: no such source file ${c.file}`);
        else if (c.line > lines.length) bad.push(`${c.where}: ${c.file} has no line ${c.line}`);
        else if (!lines[c.line - 1]!.includes(c.quote)) bad.push(`${c.where}: "${c.quote}" not on ${c.file}:${c.line}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('the sources are the seed documents, unchanged (their SHA-256 as recorded in seeds/sources.sha256.json)', () => {
    // The project's own copy is checked against digests committed beside it (recorded from the
    // seed documents the project was given, ../shared/seeds), so the test needs
    // nothing outside the repository and a changed, added or removed document fails it.
    const recorded = JSON.parse(fs.readFileSync(path.join(SOURCES_DIR, '..', 'sources.sha256.json'), 'utf8')) as Record<string, string>;
    const present = fs.readdirSync(SOURCES_DIR).sort();
    expect(present).toEqual(Object.keys(recorded).sort());
    expect(present.length).toBeGreaterThan(0);
    for (const f of present) expect([f, createHash('sha256').update(fs.readFileSync(path.join(SOURCES_DIR, f))).digest('hex')]).toEqual([f, recorded[f]]);
  });
});
