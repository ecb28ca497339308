/**
 * Regression corpus: workbooks mangled the way schools mangle them, by LibreOffice Calc itself
 * (a headless Basic macro, test/helpers/calc-edit.ts), then validated. Every edit is what Calc
 * really writes: defined names grown over inserted rows, `#REF!` after a deleted column, a
 * copied sheet, a formula linking another workbook, the hidden metadata edited.
 *
 * The rule under test: a value a school typed is either read or reported, and a plan that is not
 * the released one is an error. All cases run in ONE soffice batch (beforeAll).
 */
import { buildTemplate } from '../../src/core/template/build';
import { validate, type ValidationIssue, type ValidationResult } from '../../src/core/validate';
import { CellIndex, resolveTemplates } from '../../src/core/workbook/cellmap';
import type { TemplateSpec } from '../../src/core/template/spec';
import { loadShippedPlans } from '../../src/node/seeds';
import { readWorkbookGrid } from '../../src/xlsx/read';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { editWithCalc, type CalcEdit, type CalcJob } from '../helpers/calc-edit';
import { describeWithSoffice } from '../helpers/libreoffice';

jest.setTimeout(300_000);

const plans = loadShippedPlans();
const plan = plans.find((p) => p.id === 'national-yzjh-2017')!;
const UNITS = ['甲校', '乙校', '丙校'];

let unitsSpec: TemplateSpec;
let returnSpec: TemplateSpec;
const results = new Map<string, { result: ValidationResult; book: Awaited<ReturnType<typeof readWorkbookGrid>> }>();

/** The map's cell of a unit's input in the template as made. */
function cellOf(spec: TemplateSpec, unit: number, input: string): string {
  const column = spec.hiddenMetadata.rows.find((r) => r[0] === 'column' && r[1] === input);
  if (column) {
    const unitRow = spec.hiddenMetadata.rows.find((r) => r[0] === 'unit' && r[1] === String(unit))!;
    return `${column[4]!.replace(/\d+$/, '')}${unitRow[5]!.replace(/^[A-Z]+/, '')}`;
  }
  return spec.hiddenMetadata.rows.find((r) => r[0] === 'cell' && r[2] === input)![5]!;
}

function col(address: string): string {
  return address.replace(/\d+$/, '');
}
function row(address: string): number {
  return Number(address.replace(/^[A-Z]+/, ''));
}

/** Every school's every input, typed (Calc parses them as a user's typing). */
function typeAll(spec: TemplateSpec, sheet: string, rowShift = 0): CalcEdit[] {
  const edits: CalcEdit[] = [];
  const inputs = spec.meta.inputs.filter((i) => !i.includes('#'));
  UNITS.forEach((_, u) => {
    inputs.forEach((input, k) => {
      const at = cellOf(spec, u + 1, input);
      edits.push({ op: 'type', sheet, cell: `${col(at)}${row(at) + (u > 0 ? rowShift : 0)}`, text: String(input === 'pupils' ? 1000 + u : 20 + k) });
    });
  });
  return edits;
}

const issuesOf = (name: string, code?: string): ValidationIssue[] => results.get(name)!.result.issues.filter((i) => code === undefined || i.code === code);

describeWithSoffice('school edits made in LibreOffice Calc', () => {
  beforeAll(async () => {
    unitsSpec = buildTemplate(plan, { kind: 'units', level: '小学', units: UNITS, year: 2025 });
    returnSpec = buildTemplate(plan, { kind: 'return', level: '小学', units: ['城关小学'], year: 2025 });
    const units = await renderTemplateBuffer(unitsSpec);
    const ret = await renderTemplateBuffer(returnSpec);
    const S = unitsSpec.sheets.find((s) => s.kind === 'units')!.name;
    const R = returnSpec.sheets.find((s) => s.kind === 'return')!.name;
    const first = cellOf(unitsSpec, 1, 'pupils');
    const last = cellOf(unitsSpec, 3, 'pupils');
    const nameCol = col(unitsSpec.hiddenMetadata.rows.find((r) => r[0] === 'unit')![5]!);
    const pupilsCol = col(first);
    const teachersAt = cellOf(unitsSpec, 1, 'teachers-above-qualification');
    const retPupils = cellOf(returnSpec, 1, 'pupils');
    const retNext = cellOf(returnSpec, 1, 'teachers-above-qualification');
    const unprotect = (sheet: string): CalcEdit => ({ op: 'unprotect', sheet });
    const jobs: CalcJob[] = [
      { name: 'clean-units.xlsx', bytes: units, edits: [unprotect(S), ...typeAll(unitsSpec, S)] },
      {
        // A row inserted inside the block (between 乙校 and 丙校) and filled in.
        name: 'row-inside.xlsx',
        bytes: units,
        edits: [
          unprotect(S),
          ...typeAll(unitsSpec, S),
          { op: 'insertRows', sheet: S, before: row(last) },
          { op: 'text', sheet: S, cell: `${nameCol}${row(last)}`, text: '丁校' },
          { op: 'type', sheet: S, cell: `${pupilsCol}${row(last)}`, text: '777' },
        ],
      },
      {
        // A row inserted just below the block (after 丙校) and filled in.
        name: 'row-below.xlsx',
        bytes: units,
        edits: [
          unprotect(S),
          ...typeAll(unitsSpec, S),
          { op: 'insertRows', sheet: S, before: row(last) + 1 },
          { op: 'text', sheet: S, cell: `${nameCol}${row(last) + 1}`, text: '戊校' },
          { op: 'type', sheet: S, cell: `${pupilsCol}${row(last) + 1}`, text: '888' },
        ],
      },
      {
        // An input column inserted right of 在校生数, with numbers typed into it.
        name: 'column-inserted.xlsx',
        bytes: units,
        edits: [
          unprotect(S),
          ...typeAll(unitsSpec, S),
          { op: 'insertColumns', sheet: S, before: col(teachersAt) },
          { op: 'text', sheet: S, cell: `${col(teachersAt)}${row(first) - 1}`, text: '附设班人数' },
          { op: 'type', sheet: S, cell: `${col(teachersAt)}${row(first)}`, text: '45' },
          { op: 'type', sheet: S, cell: `${col(teachersAt)}${row(first) + 1}`, text: '46' },
        ],
      },
      {
        // The 高于规定学历教师数 column deleted after filling: its neighbour now sits in its place.
        name: 'column-deleted.xlsx',
        bytes: units,
        edits: [unprotect(S), ...typeAll(unitsSpec, S), { op: 'deleteColumns', sheet: S, column: col(teachersAt) }],
      },
      {
        // 单位数据 copied to add more schools; the copy's rows renamed and filled.
        name: 'sheet-copied.xlsx',
        bytes: units,
        edits: [
          unprotect(S),
          ...typeAll(unitsSpec, S),
          { op: 'copySheet', sheet: S, as: `${S}_2`, position: 1 },
          { op: 'unprotect', sheet: `${S}_2` },
          { op: 'text', sheet: `${S}_2`, cell: `${nameCol}${row(first)}`, text: '己校' },
          { op: 'text', sheet: `${S}_2`, cell: `${nameCol}${row(first) + 1}`, text: '庚校' },
          { op: 'text', sheet: `${S}_2`, cell: `${nameCol}${row(last)}`, text: '辛校' },
        ],
      },
      {
        // A number typed right of the table, on 甲校's row.
        name: 'outside-units.xlsx',
        bytes: units,
        edits: [unprotect(S), ...typeAll(unitsSpec, S), { op: 'type', sheet: S, cell: `AH${row(first)}`, text: '1500' }],
      },
      {
        // An external-link formula in an input cell.
        name: 'external-link.xlsx',
        bytes: units,
        edits: [unprotect(S), ...typeAll(unitsSpec, S), { op: 'formula', sheet: S, cell: first, formula: "='file:///tmp/台账.ods'#$Sheet1.A1" }],
      },
      {
        // planVersion edited in the hidden metadata sheet.
        name: 'version-edited.xlsx',
        bytes: units,
        edits: [unprotect(S), ...typeAll(unitsSpec, S), { op: 'text', sheet: '_edu_meta', cell: 'B3', text: '0.9.0' }],
      },
      {
        // planHash edited in the hidden metadata sheet.
        name: 'hash-edited.xlsx',
        bytes: units,
        edits: [unprotect(S), ...typeAll(unitsSpec, S), { op: 'text', sheet: '_edu_meta', cell: 'B5', text: `sha256:${'0'.repeat(64)}` }],
      },
      {
        // A look-alike plan id (the plan travels inside, but it is not the released one).
        name: 'id-lookalike.xlsx',
        bytes: units,
        edits: [unprotect(S), ...typeAll(unitsSpec, S), { op: 'text', sheet: '_edu_meta', cell: 'B2', text: 'national-yzjh-2017-v2' }],
      },
      {
        // A single-unit return: a row inserted between two inputs, a value typed on it.
        name: 'return-row.xlsx',
        bytes: ret,
        edits: [
          unprotect(R),
          { op: 'type', sheet: R, cell: retPupils, text: '1200' },
          { op: 'insertRows', sheet: R, before: row(retNext) },
          { op: 'text', sheet: R, cell: `B${row(retNext)}`, text: '附设班在校生数' },
          { op: 'type', sheet: R, cell: `${col(retPupils)}${row(retNext)}`, text: '300' },
          { op: 'type', sheet: R, cell: `${col(retNext)}${row(retNext) + 1}`, text: '40' },
        ],
      },
    ];
    const out = await editWithCalc(jobs);
    for (const [name, bytes] of out) {
      const book = await readWorkbookGrid(bytes);
      results.set(name, { book, result: validate(book, plans) });
    }
  });

  test('the clean table reads every school and has no loss issue', () => {
    const { result } = results.get('clean-units.xlsx')!;
    expect(result.templates[0]!.units.map((u) => u.name)).toEqual(UNITS);
    for (const code of ['unit-added', 'column-added', 'unplaced-value', 'input-cell-missing', 'plan-not-released', 'external-link']) expect(issuesOf('clean-units.xlsx', code)).toEqual([]);
  });

  test.each([
    ['row-inside.xlsx', '丁校', 777],
    ['row-below.xlsx', '戊校', 888],
  ])('%s: the inserted unit row is read as a new unit, with a 提示 that it was added by hand', (name, unit, pupils) => {
    const { result } = results.get(name)!;
    expect(result.templates[0]!.units.map((u) => u.name)).toEqual(expect.arrayContaining([...UNITS, unit]));
    const added = issuesOf(name, 'unit-added');
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ severity: 'warning', unit });
    expect(added[0]!.message.zh).toContain('手工插入');
    // Its value is read (the core computes its ratios like any school's).
    const read = resolveTemplates(results.get(name)!.book).templates[0]!;
    const index = new CellIndex(read.cells);
    const at = index.find(unit, 'pupils')!;
    expect(at).toBeDefined();
    const grid = results.get(name)!.book.sheets.find((s) => s.name === at.sheet)!;
    expect(grid.values[row(at.address) - 1]![at.address.charCodeAt(0) - 65]).toBe(pupils);
    // The original schools still read their own rows.
    expect(index.find('丙校', 'pupils')).toBeDefined();
    expect(result.values.some((v) => v.unit === unit)).toBe(true);
  });

  test('an inserted input column: its values are listed (error), never read as an input', () => {
    const issues = issuesOf('column-inserted.xlsx', 'column-added');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', params: { header: '附设班人数' } });
    expect((issues[0]!.params as { cells: string[] }).cells).toHaveLength(2);
    expect(issues[0]!.message.zh).toContain('未读取');
    // Every input still reads its own (moved) column: 甲校's 高于规定学历教师数 is what was typed.
    expect(results.get('column-inserted.xlsx')!.result.valid).toBe(false);
  });

  test('a deleted input column: an error naming the missing input; the neighbour is never read in its place', () => {
    const r = results.get('column-deleted.xlsx')!.result;
    const missing = issuesOf('column-deleted.xlsx', 'input-cell-missing');
    expect(missing.map((i) => [i.input, i.severity, (i.params as { reason: string }).reason])).toEqual([['teachers-above-qualification', 'error', 'deleted']]);
    expect(missing[0]!.message.zh).toContain('高于规定学历教师数');
    expect(missing[0]!.message.zh).toContain('不会用相邻单元格代替');
    // B1 (高于规定学历教师数 per 100 pupils) is not computed from the neighbour's number.
    expect(r.values.filter((v) => v.indicator === 'b1').map((v) => v.value)).toEqual([null, null, null]);
    expect(r.valid).toBe(false);
  });

  test('a copied data sheet: its schools are read as units added by hand, each with a 提示', () => {
    const { result } = results.get('sheet-copied.xlsx')!;
    const names = result.templates[0]!.units.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining([...UNITS, '己校', '庚校', '辛校']));
    const added = issuesOf('sheet-copied.xlsx', 'unit-added');
    expect(added.map((i) => i.unit).sort()).toEqual(['己校', '庚校', '辛校'].sort());
    expect(added[0]!.message.zh).toContain('复制');
  });

  test('a value typed outside the map is listed with its address', () => {
    const issues = issuesOf('outside-units.xlsx', 'column-added');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.cell).toMatch(/^AH\d+$/);
    expect(issues[0]!.message.zh).toContain('AH');
  });

  test('an external-link formula in an input cell is an error', () => {
    const issues = issuesOf('external-link.xlsx', 'external-link');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', input: 'pupils', unit: '甲校' });
  });

  test.each([
    // The carried plan is still consistent with itself: --trust-embedded may accept it.
    ['version-edited.xlsx', 'version-differs', true],
    // The id no longer matches the plan inside: nothing to trust, an error either way.
    ['id-lookalike.xlsx', 'unknown-id', false],
  ])('%s: 规划不是发布版本 (an error); --trust-embedded accepts only a consistent carried plan', (name, reason, trustable) => {
    const { book, result } = results.get(name)!;
    const issue = issuesOf(name, 'plan-not-released');
    expect(issue).toHaveLength(1);
    expect(issue[0]).toMatchObject({ severity: 'error', params: { reason } });
    expect(issue[0]!.message.zh).toContain('规划不是发布版本');
    expect(result.valid).toBe(false);
    const trusted = validate(book, plans, { trustEmbedded: true });
    expect(trusted.issues.find((i) => i.code === 'plan-not-released')).toMatchObject({ severity: trustable ? 'info' : 'error' });
  });

  test('hash-edited.xlsx: an edited plan hash is an error (the released registry decides)', () => {
    expect(issuesOf('hash-edited.xlsx').filter((i) => i.severity === 'error').map((i) => i.code)).toContain('plan-hash-mismatch');
    expect(results.get('hash-edited.xlsx')!.result.valid).toBe(false);
  });

  test('a single-unit return: a value on an inserted row is listed (never silently dropped), the inputs still read', () => {
    const issues = issuesOf('return-row.xlsx', 'unplaced-value');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.value).toBe(300);
    expect(issues[0]!.message.zh).toContain('附设班在校生数');
    const read = resolveTemplates(results.get('return-row.xlsx')!.book).templates[0]!;
    const index = new CellIndex(read.cells);
    const grid = results.get('return-row.xlsx')!.book.sheets.find((s) => s.name === index.find(1, 'pupils')!.sheet)!;
    const value = (address: string) => grid.values[row(address) - 1]![address.charCodeAt(0) - 65];
    expect(value(index.find(1, 'pupils')!.address)).toBe(1200);
    expect(value(index.find(1, 'teachers-above-qualification')!.address)).toBe(40);
  });
});
