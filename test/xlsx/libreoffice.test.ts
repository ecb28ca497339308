/**
 * Real spreadsheet: templates are generated, filled (through `fill`'s own code path) with random
 * and edge-case inputs, recalculated by LibreOffice headless in ONE batch, read back, and EVERY
 * formula cell is compared with what the core computes for the same inputs — values, gaps,
 * achievements, status texts, the 6-of-7 result, the weighted 差异系数 and the county totals.
 * No error value (#NAME?, #VALUE!, #DIV/0! …) may appear anywhere.
 */
import { shippedPlan } from '../helpers/shipped';
import type { Plan } from '../../src/core/plan/schema';
import { buildTemplate } from '../../src/core/template/build';
import type { FillRecord } from '../../src/core/fill/csv';
import { findSheet, gridFormulaAt, gridValueAt, isGridError, type WorkbookGrid } from '../../src/core/workbook/grid';
import type { TemplateOptions } from '../../src/core/template/options';
import type { TemplateSpec } from '../../src/core/template/spec';
import { fillWorkbook } from '../../src/xlsx/fill';
import { readWorkbookGrid } from '../../src/xlsx/read';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { comparatorPlan } from '../core/template/fixture-plan';
import { agrees, CoreOracle, type UnitInputs } from '../helpers/expected';
import { describeWithSoffice, recalculate } from '../helpers/libreoffice';

/** Deterministic PRNG (mulberry32), so a failure can be reproduced. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MISSING = ['不适用', '暂无数据', '—', null] as const;

interface Case {
  name: string;
  plan: Plan;
  options: TemplateOptions;
  units: UnitInputs[];
  unitNames?: string[];
}

function yzjhPlan(): Plan {
  return shippedPlan('national-yzjh-2017');
}

/** B1–B7 resources of a school near the 小学 thresholds: factor ≈ 1 ± spread. */
function yzjhSchool(r: () => number, pupils: number | string | null, level: '小学' | '初中'): UnitInputs {
  const t = level === '小学' ? [4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3] : [5.3, 1, 0.9, 5.8, 10.2, 2500, 2.4];
  const p = typeof pupils === 'number' ? pupils : 1000;
  const f = () => 0.7 + r() * 0.6;
  return {
    pupils,
    'teachers-above-qualification': Math.round((t[0] * p * f()) / 100),
    'backbone-teachers': Math.round((t[1] * p * f()) / 100),
    'pe-art-teachers': Math.round((t[2] * p * f()) / 100),
    'teaching-aux-area': Math.round(t[3] * p * f() * 10) / 10,
    'sports-area': Math.round(t[4] * p * f() * 10) / 10,
    'equipment-value': Math.round(t[5] * p * f()),
    'multimedia-rooms': Math.round((t[6] * p * f()) / 100),
  };
}

function yzjhCases(plan: Plan): Case[] {
  const r = rng(20250601);
  const schools: UnitInputs[] = [];
  for (let i = 0; i < 36; i++) schools.push(yzjhSchool(r, 200 + Math.round(r() * 2800), '小学'));
  // Edge cases: exactly at every threshold; at the 85 % floor; rounding onto the threshold;
  // missing codes; a zero and a missing enrolment; zero resources.
  schools.push({ pupils: 1000, 'teachers-above-qualification': 42, 'backbone-teachers': 10, 'pe-art-teachers': 9, 'teaching-aux-area': 4500, 'sports-area': 7500, 'equipment-value': 2000000, 'multimedia-rooms': 23 });
  schools.push({ pupils: 10000, 'teachers-above-qualification': 357, 'backbone-teachers': 100, 'pe-art-teachers': 90, 'teaching-aux-area': 45000, 'sports-area': 75000, 'equipment-value': 20000000, 'multimedia-rooms': 230 });
  schools.push({ pupils: 10000, 'teachers-above-qualification': 356, 'backbone-teachers': 100, 'pe-art-teachers': 90, 'teaching-aux-area': 45000, 'sports-area': 75000, 'equipment-value': 20000000, 'multimedia-rooms': 230 });
  schools.push({ pupils: 20000, 'teachers-above-qualification': 839, 'backbone-teachers': 199, 'pe-art-teachers': 179, 'teaching-aux-area': 89900, 'sports-area': 149900, 'equipment-value': 39990000, 'multimedia-rooms': 459 });
  schools.push({ ...yzjhSchool(r, 800, '小学'), 'backbone-teachers': '暂无数据', 'sports-area': '—' });
  schools.push({ ...yzjhSchool(r, 600, '小学'), pupils: '不适用' });
  schools.push({ ...yzjhSchool(r, 600, '小学'), pupils: 0 });
  schools.push({ pupils: 500, 'teachers-above-qualification': 0, 'backbone-teachers': 0, 'pe-art-teachers': 0, 'teaching-aux-area': 0, 'sports-area': 0, 'equipment-value': 0, 'multimedia-rooms': 0 });
  schools.push({});
  const names = schools.map((_, i) => (i === 1 ? '=第二小学' : i === 2 ? '+3小' : i === 3 ? '@四小' : i === 4 ? '-五小' : `第${i + 1}小学`));
  const junior: UnitInputs[] = [];
  for (let i = 0; i < 12; i++) junior.push(yzjhSchool(r, 300 + Math.round(r() * 1500), '初中'));
  // Every school identical: the coefficient must be 0.
  const equal: UnitInputs[] = [0, 1, 2, 3].map(() => ({ pupils: 800, 'teachers-above-qualification': 40, 'backbone-teachers': 9, 'pe-art-teachers': 8, 'teaching-aux-area': 4000, 'sports-area': 6400, 'equipment-value': 1800000, 'multimedia-rooms': 20 }));
  const ret = yzjhReturnInputs(plan, r);
  return [
    { name: 'yzjh-units-primary', plan, options: { kind: 'units', level: '小学', year: 2025 }, units: schools, unitNames: names },
    { name: 'yzjh-units-junior-en', plan, options: { kind: 'units', level: '初中', lang: 'en' }, units: junior, unitNames: junior.map((_, i) => `J${i + 1}`) },
    { name: 'yzjh-units-equal', plan, options: { kind: 'units', level: '小学' }, units: equal, unitNames: ['A', 'B', 'C', 'D'] },
    { name: 'yzjh-units-unnamed', plan, options: { kind: 'units', level: '小学', emptyRows: 5 }, units: schools.slice(0, 3), unitNames: ['新甲校', '新乙校', '新丙校'] },
    { name: 'yzjh-return', plan, options: { kind: 'return', level: '小学', year: 2025, units: ['=测试学校'] }, units: [ret] },
    { name: 'yzjh-return-blank', plan, options: { kind: 'return', level: '初中' }, units: [{}] },
  ];
}

/** Every input of the 优质均衡 plan for one return: counts, yes/no answers, missing codes. */
function yzjhReturnInputs(plan: Plan, r: () => number): UnitInputs {
  const out: UnitInputs = yzjhSchool(r, 1200, '小学');
  for (const i of plan.inputs) if (out[i.id] === undefined) out[i.id] = r() < 0.15 ? MISSING[Math.floor(r() * 3)] : Math.round(r() * 500);
  for (const ind of plan.sections.flatMap((s) => s.indicators)) {
    if (ind.compute.kind !== 'direct') continue;
    if (ind.kind === 'boolean' || ind.targets.every((t) => t.comparator === 'bool')) out[ind.id] = ['是', '否', '不适用', null][Math.floor(r() * 4)];
    else if (ind.kind === 'count') out[ind.id] = Math.round(r() * 3000);
    else if (ind.kind === 'coefficient') out[ind.id] = Math.round(r() * 60) / 100;
    else out[ind.id] = Math.round(r() * 150000) / 10;
  }
  out['civil-servant-average-salary'] = 98765.4;
  return out;
}

function fixtureUnit(r: () => number): UnitInputs {
  const enrolled = Math.round(200 + r() * 800);
  return {
    enrolled,
    'age-3-5': Math.round(enrolled * (0.9 + r() * 0.25)), // gross ratio around and above 100
    'public-enrolled': Math.round(enrolled * r()),
    pupils: Math.round(300 + r() * 1000),
    teachers: Math.round(15 + r() * 60),
    'part-a': Math.round(r() * 100),
    'part-b': Math.round(80 + r() * 40),
    area: Math.round(r() * 8000 * 10) / 10,
    pay: Math.round(80000 + r() * 40000),
    'civil-pay': Math.round(90000 + r() * 20000),
    'class-size': Math.round(40 + r() * 12),
    'strict-rate': Math.round((93 + r() * 4) * 10) / 10,
    exact: r() < 0.5 ? 100 : Math.round(r() * 1000) / 10,
    projects: Math.round(r() * 5),
    variation: Math.round(r() * 30) / 100,
    'has-plan': ['是', '否', '不适用', null, 'yes', 'no'][Math.floor(r() * 6)],
    'no-oversize': ['是', '否', null][Math.floor(r() * 3)],
    'note-text': r() < 0.5 ? '=1+1' : null,
  };
}

function fixtureCases(plan: Plan): Case[] {
  const r = rng(77);
  const units: UnitInputs[] = [];
  for (let i = 0; i < 24; i++) units.push(fixtureUnit(r));
  // At the thresholds: 100 % gross, strict bounds met by one step, ranges at both ends, pay equal.
  units.push({ enrolled: 500, 'age-3-5': 500, 'public-enrolled': 250, pupils: 170, teachers: 10, 'part-a': 80, 'part-b': 100, area: 765, pay: 100000, 'civil-pay': 100000, 'class-size': 45, 'strict-rate': 95.1, exact: 100, projects: 3, variation: 0.14, 'has-plan': '是', 'no-oversize': '否' });
  units.push({ enrolled: 500, 'age-3-5': 500, 'public-enrolled': 250, pupils: 169, teachers: 10, 'part-a': 90, 'part-b': 100, area: 764, pay: 110001, 'civil-pay': 100000, 'class-size': 46, 'strict-rate': 95, exact: 99.9, projects: 2, variation: 0.15, 'has-plan': '否', 'no-oversize': '是' });
  units.push({ enrolled: 600, 'age-3-5': 400, 'public-enrolled': 0, pupils: 0, teachers: 0, 'part-a': 0, 'part-b': 0, area: 0, pay: 0, 'civil-pay': 0, 'class-size': 0, 'strict-rate': 0, exact: 0, projects: 0, variation: 0 });
  units.push({ enrolled: '不适用', 'age-3-5': '暂无数据', pupils: '—', 'civil-pay': '不适用', 'has-plan': '不适用' });
  units.push({ 'part-a': 91, 'part-b': 100, pay: 100000, 'civil-pay': 100000.05, 'strict-rate': 95.04 });
  units.push({ 'part-a': 76, 'part-b': 100, 'class-size': 47, exact: 100.04 });
  units.push({});
  return [
    { name: 'fixture-units', plan, options: { kind: 'units', level: '小学', year: 2027 }, units, unitNames: units.map((_, i) => `单位${i + 1}`) },
    ...units.slice(-7).map((u, i): Case => ({ name: `fixture-return-${i}`, plan, options: { kind: 'return', level: '小学', year: 2025 }, units: [u] })),
    { name: 'fixture-return-en', plan, options: { kind: 'return', level: '初中', lang: 'en' }, units: [units[0]] },
  ];
}

/** The long records `fill` takes for a case. */
function records(c: Case): FillRecord[] {
  const out: FillRecord[] = [];
  let line = 2;
  c.units.forEach((u, i) => {
    const unit = c.unitNames?.[i] ?? '';
    for (const [input, v] of Object.entries(u)) {
      if (v === undefined) continue;
      out.push({ line: line++, unit, input, value: v === null ? '' : String(v) });
    }
  });
  return out;
}

interface Built {
  c: Case;
  spec: TemplateSpec;
  grid?: WorkbookGrid;
  /** The file as LibreOffice saved it. */
  recalculated?: Buffer;
}

describeWithSoffice('templates recalculated by LibreOffice agree with the core', () => {
  const built: Built[] = [];

  beforeAll(async () => {
    const cases = [...yzjhCases(yzjhPlan()), ...fixtureCases(comparatorPlan())];
    const files: Array<{ name: string; bytes: Uint8Array }> = [];
    for (const c of cases) {
      const units = c.options.kind === 'units' && c.options.emptyRows === undefined ? c.unitNames : c.options.units;
      const spec = buildTemplate(c.plan, { ...c.options, units });
      const bytes = await renderTemplateBuffer(spec);
      const known = new Set(spec.meta.inputs);
      const filled = await fillWorkbook(bytes, records(c).filter((x) => known.has(x.input)), () => c.plan);
      // A null in a case means "left empty": fill skips an empty value (with a warning) and the cell stays empty.
      expect(filled.plan.problems.filter((p) => p.code !== 'invalid-value' && p.code !== 'empty-skipped')).toEqual([]);
      files.push({ name: `${c.name}.xlsx`, bytes: filled.bytes });
      built.push({ c, spec });
    }
    const out = await recalculate(files);
    for (const b of built) {
      b.recalculated = out.get(`${b.c.name}.xlsx`)!;
      b.grid = await readWorkbookGrid(b.recalculated);
    }
  }, 300_000);

  test('the 优质均衡 plan is part of the run', () => {
    expect(built.some((b) => b.c.plan.id === 'national-yzjh-2017')).toBe(true);
    expect(built.length).toBeGreaterThan(0);
  });

  test('every formula cell of every template agrees with the core', () => {
    const failures: string[] = [];
    let compared = 0;
    for (const { c, spec, grid } of built) {
      const oracle = new CoreOracle(c.plan, spec.meta, c.units);
      for (const sheet of spec.sheets) {
        const g = findSheet(grid!, sheet.name);
        if (!g) {
          failures.push(`${c.name}: sheet ${sheet.name} missing`);
          continue;
        }
        for (const [address, cell] of Object.entries(sheet.cells)) {
          if (cell.formula === undefined) continue;
          const actual = gridValueAt(g, address);
          if (gridFormulaAt(g, address) === null) failures.push(`${c.name} ${sheet.name}!${address}: formula lost`);
          if (!cell.tag) {
            failures.push(`${c.name} ${sheet.name}!${address}: formula cell without a tag (not compared)`);
            continue;
          }
          if (cell.tag.what === 'unitsCount') {
            const n = (c.unitNames ?? []).length;
            if (typeof actual !== 'string' || !actual.endsWith(String(n))) failures.push(`${c.name} ${address}: unit count ${String(actual)} ≠ ${n}`);
            compared++;
            continue;
          }
          const expected = oracle.expected(cell.tag);
          compared++;
          if (!agrees(actual, expected)) {
            failures.push(`${c.name} ${sheet.name}!${address} ${JSON.stringify(cell.tag)}: LibreOffice ${JSON.stringify(actual)} ≠ core ${JSON.stringify(expected)}  [=${cell.formula.slice(0, 160)}]`);
          }
        }
      }
    }
    expect(failures.slice(0, 40)).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
    if (process.env.EDU_DEBUG) console.log("compared", compared, built.map((b) => b.c.name).join(","));
  });

  test('no error value anywhere in any sheet', () => {
    const errors: string[] = [];
    for (const { c, grid } of built) {
      for (const sheet of grid!.sheets) {
        sheet.values.forEach((row, r) =>
          row.forEach((v, col) => {
            if (isGridError(v)) errors.push(`${c.name} ${sheet.name} r${r + 1}c${col + 1}: ${v.error}`);
          }),
        );
      }
    }
    expect(errors).toEqual([]);
  });

  test('text that looks like a formula stays text (unit names, plan text)', () => {
    const b = built.find((x) => x.c.name === 'yzjh-units-primary');
    expect(b).toBeDefined();
    if (!b) throw new Error('the 优质均衡 unit table was not built');
    const sheet = findSheet(b.grid!, b.spec.sheets[0].name)!;
    const names = b.spec.hiddenMetadata.rows.filter((r) => r[0] === 'unit').map((r) => [r[5], r[2]] as const);
    for (const [address, name] of names) {
      expect(gridValueAt(sheet, address)).toBe(name);
      expect(gridFormulaAt(sheet, address)).toBeNull();
    }
    const fixture = built.find((x) => x.c.name === 'fixture-return-0')!;
    const rs = findSheet(fixture.grid!, fixture.spec.sheets[0].name)!;
    const texts = Object.entries(fixture.spec.sheets[0].cells).filter(([, cell]) => typeof cell.value === 'string' && /^[=+@-]/.test(cell.value));
    expect(texts.length).toBeGreaterThan(0);
    for (const [address, cell] of texts) {
      expect(gridValueAt(rs, address)).toBe(cell.value);
      expect(gridFormulaAt(rs, address)).toBeNull();
    }
  });

  test('a file LibreOffice saved can be filled again and still agrees (fill patches foreign XML)', async () => {
    const b = built.find((x) => x.c.name === 'fixture-units')!;
    // Change three units' numbers in the recalculated (LibreOffice-written) file and recalculate again.
    const r = rng(5);
    const units = b.c.units.map((u, i) => (i < 3 ? fixtureUnit(r) : u));
    const changed: Case = { ...b.c, name: 'fixture-units-round2', units };
    const refill = await fillWorkbook(b.recalculated!, records({ ...changed, units: units.slice(0, 3) }), () => changed.plan);
    expect(refill.mapProblems).toEqual([]);
    const out = await recalculate([{ name: 'round2.xlsx', bytes: refill.bytes }]);
    const grid = await readWorkbookGrid(out.get('round2.xlsx')!);
    const oracle = new CoreOracle(changed.plan, b.spec.meta, units);
    const g = findSheet(grid, b.spec.sheets[0].name)!;
    const failures: string[] = [];
    for (const [address, cell] of Object.entries(b.spec.sheets[0].cells)) {
      if (!cell.tag || cell.tag.what === 'unitsCount') continue;
      const expected = oracle.expected(cell.tag);
      if (!agrees(gridValueAt(g, address), expected)) failures.push(`${address} ${JSON.stringify(cell.tag)}: ${JSON.stringify(gridValueAt(g, address))} ≠ ${JSON.stringify(expected)}`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
  }, 120_000);

  test('the unit table computes the 6-of-7 result and the weighted 差异系数 for the 优质均衡 plan', () => {
    const b = built.find((x) => x.c.name === 'yzjh-units-primary');
    expect(b).toBeDefined();
    if (!b) throw new Error('the 优质均衡 unit table was not built');
    const cells = Object.values(b.spec.sheets[0].cells);
    expect(cells.filter((x) => x.tag?.what === 'balanceResult')).toHaveLength(b.c.units.length);
    expect(cells.filter((x) => x.tag?.what === 'diffCoef')).toHaveLength(7);
    expect(cells.filter((x) => x.tag?.what === 'diffCoefStatus')).toHaveLength(7);
    const eq = built.find((x) => x.c.name === 'yzjh-units-equal')!;
    const g = findSheet(eq.grid!, eq.spec.sheets[0].name)!;
    for (const [address, cell] of Object.entries(eq.spec.sheets[0].cells)) {
      if (cell.tag?.what === 'diffCoef') expect(Math.abs(gridValueAt(g, address) as number)).toBeLessThan(1e-6);
    }
  });
});
