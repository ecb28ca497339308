/**
 * The library does what the README says: every name its "Library · 程序库" section promises is
 * exported by the built package (`lib/index.js`, what `require('edu-indicators')` loads), is
 * declared in `lib/index.d.ts`, and does its job when called once.
 *
 * The names are read from the README itself, so a name added to the README without an export (or
 * without a call below) fails this test.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { specToGrid } from '../core/validate/helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib', 'index.js');

/** Identifiers the README's library section names: the import line and every `name` or `name(…)` in backticks. */
export function readmeLibraryNames(readme: string): string[] {
  const start = readme.indexOf('## Library');
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = readme.slice(start + 3);
  const end = rest.indexOf('\n## ');
  const section = end === -1 ? rest : rest.slice(0, end);
  const names = new Set<string>();
  for (const m of section.matchAll(/import\s*\{([^}]*)\}\s*from\s*'edu-indicators'/g)) {
    for (const n of m[1]!.split(',')) if (n.trim()) names.add(n.trim().replace(/^type\s+/, ''));
  }
  for (const m of section.matchAll(/`([A-Za-z_$][\w$]*)(\([^`]*\))?`/g)) names.add(m[1]!);
  names.delete('require'); // `require('edu-indicators')` is how the package is loaded, not a name it exports
  return [...names].sort();
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require(LIB) as Record<string, unknown>;
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const names = readmeLibraryNames(readme);

type Fn = (...args: unknown[]) => unknown;
const fn = (name: string): Fn => lib[name] as Fn;

function shippedPlans(): Array<{ id: string; sections: Array<{ indicators: Array<{ id: string; code?: string }> }> }> {
  return fn('loadShippedPlans')() as ReturnType<typeof shippedPlans>;
}
const rawPlan = (id: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, 'seeds', 'plans', `${id}.json`), 'utf8'));
const indicatorOf = (planId: string, idOrCode: string) => {
  const plan = shippedPlans().find((p) => p.id === planId)!;
  return plan.sections.flatMap((s) => s.indicators).find((i) => i.id === idOrCode || i.code === idOrCode)!;
};

/** One meaningful call per README name; each returns what the call must show. */
const calls: Record<string, () => void> = {
  Plan: () => {
    const p = (lib.Plan as { parse(v: unknown): { id: string } }).parse(rawPlan('yangjiang-2021-2025'));
    expect(p.id).toBe('yangjiang-2021-2025');
  },
  parsePlan: () => expect((fn('parsePlan')(rawPlan('national-yzjh-2017')) as { id: string }).id).toBe('national-yzjh-2017'),
  safeParsePlan: () => {
    const r = fn('safeParsePlan')({ id: 'Bad Id' }) as { ok: boolean; issues: Array<{ path: string; message: { zh: string; en: string } }> };
    expect(r.ok).toBe(false);
    expect(r.issues.length).toBeGreaterThan(0);
  },
  parsePlanText: () => {
    const r = fn('parsePlanText')('{ not json') as { ok: boolean };
    expect(r.ok).toBe(false);
  },
  PlanRegistry: () => {
    const Registry = lib.PlanRegistry as new (plans: unknown[]) => { get(id: string): { id: string } | undefined };
    expect(new Registry(shippedPlans()).get('jiaoling-2023-2025')?.id).toBe('jiaoling-2023-2025');
  },
  loadShippedPlans: () => expect(shippedPlans().length).toBeGreaterThanOrEqual(7),
  catalogRows: () => {
    const rows = fn('catalogRows')(shippedPlans()) as Array<{ plan: string; id: string; source: unknown }>;
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((r) => r.source !== undefined)).toBe(true);
  },
  findConflicts: () => {
    const conflicts = fn('findConflicts')(shippedPlans()) as Array<{ plan: string }>;
    expect(conflicts.map((c) => c.plan)).toContain('jiaoling-2023-2025');
  },
  coerceNumber: () => {
    expect(fn('coerceNumber')('９５．５')).toMatchObject({ kind: 'number', value: 95.5 });
    expect(fn('coerceNumber')('不适用')).toMatchObject({ kind: 'missing' });
  },
  evaluate: () => {
    const e = fn('evaluate')(indicatorOf('national-yzjh-2017', 'B1'), 4.5, { level: '小学' }) as { status: string };
    expect(e.status).toBe('met');
  },
  gap: () => expect(fn('gap')(94.5, { op: '>=', value: 96 }, 1)).toBe(1.5),
  achievement: () => expect(fn('achievement')(95, 90, { op: '>=', value: 100 }, 1)).toBe(50),
  status: () => expect(fn('status')(96, { op: '>=', value: 96 })).toBe('met'),
  onTrack: () => {
    // 阳江 专科以上学历比例: 81.7 (2020) → 83 (2025); in 2023 the straight path expects 82.5
    const r = fn('onTrack')(indicatorOf('yangjiang-2021-2025', 'kg-teachers-junior-college-share'), 82.6, { year: 2023 });
    expect(r).toMatchObject({ ok: true, value: { expected: 82.5, onTrack: true } });
  },
  weightedDiffCoef: () => expect(fn('weightedDiffCoef')([10, 20, 30], [100, 200, 300], { per100: true })).toBe(0),
  balancedSchool: () => {
    const r = fn('balancedSchool')([4.3, 4.4, 0.95, 4.6, 2.1, 8, 2100], '小学') as { balanced: boolean | null; items: unknown[] };
    expect(r.items).toHaveLength(7);
    expect(typeof r.balanced === 'boolean' || r.balanced === null).toBe(true);
  },
  buildTemplate: () => {
    const plan = shippedPlans().find((p) => p.id === 'national-ppph-2020')!;
    const spec = fn('buildTemplate')(plan) as { sheets: unknown[] };
    expect(spec.sheets.length).toBeGreaterThan(0);
  },
  validate: () => {
    const plan = shippedPlans().find((p) => p.id === 'national-ppph-2020')!;
    const spec = fn('buildTemplate')(plan) as Parameters<typeof specToGrid>[0];
    const result = fn('validate')(specToGrid(spec), shippedPlans()) as { templates: Array<{ planId: string }>; issues: unknown[] };
    expect(result.templates.map((t) => t.planId)).toEqual(['national-ppph-2020']);
    expect(Array.isArray(result.issues)).toBe(true);
  },
  runChecks: () => {
    const plan = shippedPlans().find((p) => p.id === 'national-ppph-2020')!;
    const spec = fn('buildTemplate')(plan) as Parameters<typeof specToGrid>[0];
    // The table without the formula check: the run's template still has its input columns.
    const checks = (lib.DEFAULT_CHECKS as Array<{ id: string }>).filter((c) => c.id !== 'formula-cells');
    const run = fn('runChecks')(specToGrid(spec), shippedPlans(), {}, checks) as { templates: Array<{ summary: { planId: string }; context: { inputs(): { columns: Map<string, unknown> } } }> };
    expect(run.templates.map((t) => t.summary.planId)).toEqual(['national-ppph-2020']);
    expect(run.templates[0]!.context.inputs().columns.size).toBeGreaterThan(0);
  },
  DEFAULT_CHECKS: () => expect((lib.DEFAULT_CHECKS as Array<{ id: string }>).map((c) => c.id)).toContain('input-content'),
  resolvePlan: () => expect(fn('resolvePlan')(shippedPlans(), '阳江')).toMatchObject({ ok: true, value: { id: 'yangjiang-2021-2025' } }),
  resolveIndicator: () => {
    const plan = shippedPlans().find((p) => p.id === 'yangjiang-2021-2025');
    expect(fn('resolveIndicator')(plan, '九年义务教育巩固率')).toMatchObject({ ok: true, value: { indicator: { id: 'compulsory-retention-rate' } } });
  },
  readReturn: () => {
    const r = readReturnOfTemplate();
    expect(r.status).toBe('read');
  },
  consolidate: () => {
    const plans = shippedPlans();
    const c = fn('consolidate')([readReturnOfTemplate()], plans) as { plan: { id: string }; units: unknown[] };
    expect(c.plan.id).toBe('national-ppph-2020');
    expect(c.units.length).toBeGreaterThan(0);
  },
};

/** An unfilled 普及普惠 template for three kindergartens, as a reader would return it. */
function readReturnOfTemplate(): { status: string } {
  const plan = shippedPlans().find((p) => p.id === 'national-ppph-2020')!;
  const spec = fn('buildTemplate')(plan, { kind: 'units', units: ['甲园', '乙园', '丙园'] }) as Parameters<typeof specToGrid>[0];
  return fn('readReturn')({ file: '甲.xlsx', book: specToGrid(spec) }, shippedPlans()) as { status: string };
}

test('the README library section names the core functions (the parser reads it)', () => {
  for (const n of ['parsePlan', 'evaluate', 'catalogRows', 'findConflicts', 'buildTemplate', 'validate', 'PlanRegistry', 'consolidate']) expect(names).toContain(n);
});

test.each(names)('require("edu-indicators").%s exists and works', (name) => {
  expect(lib[name]).toBeDefined();
  const call = calls[name];
  if (call === undefined) throw new Error(`README names ${name}, but this test has no call for it: add one`);
  call();
});

test('lib/index.d.ts declares every README name with its type', () => {
  const dir = fs.mkdtempSync(path.join(ROOT, 'lib', '.types-check-'));
  try {
    const file = path.join(dir, 'use.ts');
    fs.writeFileSync(file, `import { ${names.join(', ')} } from '..';\nexport const used = [${names.join(', ')}];\n`);
    const program = ts.createProgram([file], {
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      target: ts.ScriptTarget.ES2022,
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
