/** The template specification: every kind for every plan, the conventions, and the options. */
import { shippedPlan } from '../../helpers/shipped';
import { loadShippedPlans } from '../../../src/node/seeds';
import { MISSING_CODES } from '../../../src/core/coerce';
import { parsePlan } from '../../../src/core/plan/parse';
import type { Plan } from '../../../src/core/plan/schema';
import { a1ToRowCol } from '../../../src/core/workbook/address';
import { decodeMetadata, noteInputId, resolveInputCells } from '../../../src/core/workbook/cellmap';
import { buildTemplate, cellCount } from '../../../src/core/template/build';
import { planHash } from '../../../src/core/workbook/hash';
import { TemplateError, type TemplateOptions } from '../../../src/core/template/options';
import { META_SHEET, TEMPLATE_KINDS, type SheetSpec, type TemplateSpec } from '../../../src/core/template/spec';
import { minimalPlan } from '../../fixtures/plans';
import { specProblems } from '../../helpers/spec-check';
import { comparatorPlan } from './fixture-plan';

/** A level that makes every target of the plan resolvable (the first per-level target's), if needed. */
function levelFor(plan: Plan): string | undefined {
  if (plan.balance) return '小学';
  for (const ind of plan.sections.flatMap((s) => s.indicators)) {
    const levels = new Set(ind.targets.map((t) => t.level).filter(Boolean));
    if (levels.size > 1) return [...levels][0];
  }
  return undefined;
}

/** The grid a renderer would produce from the metadata sheet (text rows from A1). */
function metaGrid(spec: TemplateSpec) {
  return { name: spec.hiddenMetadata.sheetName, values: spec.hiddenMetadata.rows.map((r) => [...r]), formulas: [] };
}

function inputCells(sheet: SheetSpec) {
  return Object.entries(sheet.cells).filter(([, c]) => c.role === 'input');
}

const plans: Plan[] = [comparatorPlan(), parsePlan(minimalPlan()), ...loadShippedPlans()];

describe.each(plans.map((p) => [p.id, p] as const))('plan %s', (_id, plan) => {
  test.each([...TEMPLATE_KINDS])('kind %s builds a valid template', (kind) => {
    const spec = buildTemplate(plan, { kind, level: levelFor(plan), units: kind === 'units' ? ['甲校', '乙校', '=丙校'] : undefined, year: 2025 });
    expect(specProblems(spec)).toEqual([]);
    expect(spec.meta).toMatchObject({ planId: plan.id, planVersion: plan.version, kind, planHash: planHash(plan) });
    const decoded = decodeMetadata(metaGrid(spec));
    expect(decoded && !('problem' in decoded) && decoded.meta).toEqual(spec.meta);
    // Every input cell of every sheet is in the map, and the map points only at input cells.
    const { cells, problems } = resolveInputCells(decoded as Exclude<typeof decoded, undefined | { problem: unknown }>, spec.definedNames.map((n) => ({ name: n.name, ref: n.ref })));
    expect(problems).toEqual([]);
    const mapped = new Set(cells.map((c) => `${c.sheet}!${c.address}`));
    const inputs = spec.sheets.flatMap((s) => inputCells(s).map(([a]) => `${s.name}!${a}`));
    for (const key of mapped) expect(inputs).toContain(key);
    const unitCells = new Set(cells.map((c) => `${c.unitCell.sheet}!${c.unitCell.address}`));
    for (const key of inputs) expect(mapped.has(key) || unitCells.has(key)).toBe(true);
  });

  test('is deterministic', () => {
    const o: TemplateOptions = { kind: 'units', level: levelFor(plan), units: ['甲', '乙'] };
    expect(buildTemplate(plan, o)).toEqual(buildTemplate(plan, o));
  });
});

describe('the 优质均衡 unit table', () => {
  const yzjh = shippedPlan('national-yzjh-2017');

  test('has per-school pass flags, the 6-of-7 result and a SUMPRODUCT 差异系数 per indicator with its limit', () => {
    const units = Array.from({ length: 25 }, (_, i) => `第${i + 1}小学`);
    const spec = buildTemplate(yzjh, { kind: 'units', level: '小学', units });
    const cells = Object.values(spec.sheets[0].cells);
    const count = (what: string) => cells.filter((c) => c.tag?.what === what).length;
    expect(count('status')).toBe(25 * 7 + 7); // per school and the county row
    expect(count('balanceResult')).toBe(25);
    expect(count('diffCoef')).toBe(7);
    for (const c of cells.filter((x) => x.tag?.what === 'diffCoef')) expect(c.formula).toMatch(/^IF\(SUMPRODUCT\(/);
    const limits = cells.filter((c) => c.value === 0.5 && c.role === 'reference');
    expect(limits).toHaveLength(7);
    expect(spec.meta.inputs).toEqual(['pupils', 'teachers-above-qualification', 'backbone-teachers', 'pe-art-teachers', 'teaching-aux-area', 'sports-area', 'equipment-value', 'multimedia-rooms']);
    // 初中 uses its own thresholds and limit.
    const junior = buildTemplate(yzjh, { kind: 'units', level: '初中', units });
    const jcells = Object.values(junior.sheets[0].cells);
    expect(jcells.some((c) => c.value === 0.45)).toBe(true);
    expect(jcells.some((c) => typeof c.formula === 'string' && c.formula.includes('5.3-ROUND('))).toBe(true);
  });

  test('without a level covers both stages, each against its own thresholds (stages.test.ts has the arithmetic)', () => {
    const spec = buildTemplate(yzjh, { kind: 'units', units: ['甲'] });
    const levels = Object.values(spec.sheets[0].cells).filter((c) => c.tag?.what === 'balanceResult').map((c) => c.tag!.level);
    expect(levels.sort()).toEqual(['初中', '小学']);
  });
});

describe('conventions', () => {
  const plan = comparatorPlan();

  test('input cells: unlocked, input colour, validated with the missing codes and a Chinese prompt', () => {
    const spec = buildTemplate(plan, { kind: 'return', level: '小学' });
    const sheet = spec.sheets[0];
    const inputs = inputCells(sheet);
    expect(inputs.length).toBeGreaterThan(10);
    for (const [address, cell] of inputs) {
      expect(cell.locked).toBe(false);
      expect(cell.style).toMatch(/^input/);
      const { row, col } = a1ToRowCol(address);
      const v = sheet.validations.find((x) => {
        const [a, b = a] = x.range.split(':');
        const p = a1ToRowCol(a);
        const q = a1ToRowCol(b);
        return row >= p.row && row <= q.row && col >= p.col && col <= q.col;
      });
      // Explanation (说明) and unit-name cells are free text; every data input is validated.
      if (cell.numFmt !== '@') {
        expect(v).toBeDefined();
        expect(v!.prompt?.text).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const numeric = sheet.validations.find((v) => v.rule.type === 'custom' && v.rule.formula.includes('ISNUMBER'))!;
    for (const code of MISSING_CODES) expect(JSON.stringify(numeric.rule)).toContain(code);
    const bool = sheet.validations.find((v) => v.rule.type === 'list')!;
    expect(bool.rule).toEqual({ type: 'list', values: ['是', '否', '不适用'] });
    // Computed and check cells are locked and coloured differently from inputs.
    for (const cell of Object.values(sheet.cells).filter((c) => c.role === 'computed' || c.role === 'check')) {
      expect(cell.locked).not.toBe(false);
      expect(cell.style).not.toMatch(/^input/);
    }
    expect(sheet.protection).toBeDefined();
    expect(sheet.protection!.password).toBeUndefined();
  });

  test('status is coloured by conditional formats, one per status, with a legend', () => {
    const spec = buildTemplate(plan, { kind: 'units', level: '小学', units: ['甲', '乙'] });
    const sheet = spec.sheets[0];
    const formulas = sheet.conditionalFormats.map((c) => c.formula);
    for (const word of ['达标', '接近', '未达标', '无数据', '目标未定']) {
      expect(formulas.some((f) => f.endsWith(`="${word}"`))).toBe(true);
      expect(Object.values(sheet.cells).some((c) => c.value === word && c.role === 'label')).toBe(true);
    }
  });

  test('a password protects every sheet when asked', () => {
    const spec = buildTemplate(plan, { kind: 'units', level: '小学', units: ['甲'], password: 'p@ss' });
    for (const s of spec.sheets) expect(s.protection?.password).toBe('p@ss');
  });

  test('plan and user text is a value, never a formula', () => {
    const spec = buildTemplate(plan, { kind: 'units', level: '小学', units: ['=1+1', '+86', '-5', '@home'] });
    const cells = Object.values(spec.sheets[0].cells);
    for (const name of ['=1+1', '+86', '-5', '@home']) {
      const cell = cells.find((c) => c.value === name);
      expect(cell).toBeDefined();
      expect(cell!.formula).toBeUndefined();
    }
    const ret = buildTemplate(plan, { kind: 'return', level: '小学' });
    const all = ret.sheets.flatMap((x) => Object.values(x.cells));
    expect(all.some((c) => typeof c.value === 'string' && c.value.includes('=是否建立机制') && c.formula === undefined)).toBe(true);
    for (const c of cells) if (c.formula !== undefined) expect(c.formula).not.toContain('=1+1');
  });

  test('explanation cells are in the map', () => {
    const spec = buildTemplate(plan, { kind: 'return', level: '小学' });
    const inputs = spec.hiddenMetadata.rows.filter((r) => r[0] === 'cell').map((r) => r[2]);
    expect(inputs).toContain(noteInputId('gross'));
    expect(inputs).toContain(noteInputId('enrolled'));
    expect(inputs).toContain('has-plan');
  });

  test('a second template in the same workbook gets its own sheet, metadata and names', () => {
    const first = buildTemplate(plan, { kind: 'return', level: '小学' });
    const second = buildTemplate(plan, { kind: 'return', level: '小学', existingSheetNames: [...first.sheets.map((s) => s.name), META_SHEET] });
    expect(second.hiddenMetadata.sheetName).toBe(`${META_SHEET}_2`);
    expect(second.sheets.map((s) => s.name)).not.toEqual(expect.arrayContaining(first.sheets.map((s) => s.name)));
    expect(second.definedNames.every((n) => n.name.startsWith('EDU_T2_'))).toBe(true);
    // Formulas refer to their own sheet only (no cross-sheet reference to rename).
    expect(specProblems(second)).toEqual([]);
  });

  test('English templates', () => {
    const spec = buildTemplate(plan, { kind: 'return', level: '小学', lang: 'en' });
    const texts = Object.values(spec.sheets[0].cells).map((c) => c.value);
    expect(texts).toEqual(expect.arrayContaining(['Indicator', 'Target', 'Status', 'Met']));
    expect(Object.values(spec.sheets[0].cells).some((c) => c.formula?.includes('"Not met"'))).toBe(true);
  });

  test('the year picks staged targets and the level per-level ones', () => {
    const s2025 = buildTemplate(plan, { kind: 'return', level: '小学', year: 2025 });
    const s2027 = buildTemplate(plan, { kind: 'return', level: '初中', year: 2027 });
    const formulas = (s: TemplateSpec) => Object.values(s.sheets[0].cells).map((c) => c.formula ?? '').join('\n');
    expect(formulas(s2025)).toContain('MAX(0,90-ROUND(');
    expect(formulas(s2027)).toContain('MAX(0,95-ROUND(');
    expect(formulas(s2025)).toContain('MAX(0,4.5-ROUND(');
    expect(formulas(s2027)).toContain('MAX(0,5.8-ROUND(');
  });
});

describe('options', () => {
  const plan = comparatorPlan();
  const error = (o: TemplateOptions) => {
    try {
      buildTemplate(plan, o);
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      return (e as TemplateError).text;
    }
    throw new Error('no error');
  };

  test('refuses what cannot be built, saying why in Chinese and English', () => {
    expect(error({ kind: 'units', level: '小学', units: ['甲', '乙', '甲'] }).zh).toContain('重复');
    expect(error({ kind: 'return', level: '小学', units: ['甲', '乙'] }).zh).toContain('--kind units');
    expect(error({ kind: 'return', level: '小学', indicators: ['nope'] }).en).toContain('nope');
    expect(error({ kind: 'return', level: '幼儿园' }).zh).toContain('学段');
    expect(error({ kind: 'return', level: '小学', year: 1800 }).en).toContain('year');
    expect(error({ kind: 'units', level: '小学', units: ['x'.repeat(101)] }).en).toContain('longer');
  });

  test('several units default to a unit table; blank names and control characters are dropped', () => {
    const spec = buildTemplate(plan, { level: '小学', units: [' 甲校 ', '', '乙\u0007校'] });
    expect(spec.meta.kind).toBe('units');
    expect(spec.meta.units).toEqual(['甲校', '乙校']);
  });

  test('a unit table without units leaves rows for the filler to name', () => {
    const spec = buildTemplate(plan, { kind: 'units', level: '小学', emptyRows: 7 });
    expect(spec.meta.units).toEqual(new Array(7).fill(''));
    const names = spec.hiddenMetadata.rows.filter((r) => r[0] === 'unit');
    expect(names).toHaveLength(7);
    for (const r of names) expect(spec.sheets[0].cells[r[5]]).toMatchObject({ role: 'input', locked: false });
  });

  test('indicators and sections can be chosen; summary and overview can be left out', () => {
    const spec = buildTemplate(plan, { kind: 'units', level: '小学', units: ['甲'], indicators: ['G1', 'between'], includeSummary: false, includeOverview: false });
    expect(spec.meta.indicators).toEqual(['gross', 'between']);
    expect(spec.meta.inputs).toEqual(['enrolled', 'age-3-5', 'part-a', 'part-b']);
    expect(spec.sheets).toHaveLength(1);
    expect(Object.values(spec.sheets[0].cells).some((c) => c.tag?.what === 'total')).toBe(false);
    const bySection = buildTemplate(plan, { kind: 'return', level: '小学', sections: ['relative'] });
    expect(bySection.meta.indicators).toEqual(['pay', 'pay-strict', 'pay-unreferenced', 'has-plan', 'no-oversize']);
  });

  test('1,000 units stay within Excel limits and a reasonable size', () => {
    const units = Array.from({ length: 1000 }, (_, i) => `学校${i + 1}`);
    const spec = buildTemplate(comparatorPlan(), { kind: 'units', level: '小学', units });
    expect(specProblems(spec)).toEqual([]);
    expect(cellCount(spec)).toBeLessThan(60_000);
  });
});
