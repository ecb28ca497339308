/**
 * Updating a template in place keeps what the user built on it, on the fake that renames and
 * deletes sheets as Excel does (a deleted sheet's references become #REF! for good):
 *  - a formula on the user's own sheet that points into the template, and a user defined name,
 *    compute the same after an update with the same layout, after one that moves the unit's row
 *    (they follow the cell, as Excel follows a cut), and after one in the other language (the
 *    sheets are renamed, the references follow);
 *  - a reference to a cell the new template no longer has is named by the user's cell;
 *  - a formula typed into an input cell is carried as a formula (its references follow), or as its
 *    value when it points at a cell that no longer exists, and then named;
 *  - a write that fails leaves the workbook exactly as it was, the user's formulas included.
 */
import { buildTemplate } from '../../src/core/template';
import { describeLostFormulas, migrateValues } from '../../src/core/template/migrate';
import { rebuildOptions, verifiedOldSpec } from '../../src/core/template/relocate';
import { createFakeExcel, type FakeExcel } from '../../src/excel/fake';
import { findPlanTemplates, type ExistingTemplate } from '../../src/excel/existing';
import { readTemplates } from '../../src/excel/read';
import { insertTemplate } from '../../src/excel/render';
import { updateTemplate } from '../../src/excel/update';
import { a1ToRowCol, sheetPrefix } from '../../src/core/workbook/address';
import { isNoteInput } from '../../src/core/workbook/cellmap';
import { balancePlan, units } from './helpers';

const { plan, level } = balancePlan();
type Options = Parameters<typeof buildTemplate>[1];
const options = (extra: Options = {}): Options => ({ kind: 'units', units: units(5), level, year: 2025, ...extra });

function snapshot(fake: FakeExcel) {
  return JSON.stringify({
    sheets: fake.model.sheets.map((s) => ({ name: s.name, visibility: s.visibility, cells: [...s.cells.entries()].map(([k, c]) => [k, c.value, c.formula, c.numberFormat, c.locked]) })),
    names: [...fake.model.names.values()].map((n) => [n.name, fake.model.nameFormula(n)]).sort(),
  });
}

/** A template of 5 schools with a number typed into every numeric input, and the template as found again. */
async function filledWorkbook(extra: Options = {}): Promise<{ fake: FakeExcel; old: ExistingTemplate; inputs: string[] }> {
  const fake = createFakeExcel();
  await insertTemplate(fake.host, (existing) => buildTemplate(plan, { ...options(extra), existingSheetNames: existing.sheetNames }));
  const read = await readTemplates(fake.host);
  const t = read.templates[0];
  let k = 1;
  const inputs = [...new Set(t.cells.map((c) => c.input))].filter((i) => !isNoteInput(i));
  for (const c of t.cells) if (!isNoteInput(c.input)) expect(fake.typeInto(c.sheet, c.address, String(10 * k++), { paste: true }).ok).toBe(true);
  const [old] = await findPlanTemplates(fake.host, plan.id);
  return { fake, old, inputs };
}

/** The cell of `unit`'s `input` in the template as it is now. */
async function cellOf(fake: FakeExcel, unit: string, input: string): Promise<{ sheet: string; address: string }> {
  const [t] = await findPlanTemplates(fake.host, plan.id);
  const c = t.layout.cells.find((x) => x.unit === unit && x.input === input)!;
  return { sheet: c.sheet, address: c.address };
}

const ref = (c: { sheet: string; address: string }) => `'${c.sheet}'!${c.address}`;
/** As Excel writes a reference it rewrote: the sheet quoted only when it must be. */
const written = (c: { sheet: string; address: string }) => `${sheetPrefix(c.sheet)}!${c.address}`;

function typed(fake: FakeExcel, sheet: string, address: string, text: string) {
  const r = fake.typeInto(sheet, address, text);
  expect(r).toMatchObject({ ok: true });
}

function update(fake: FakeExcel, old: ExistingTemplate, extra: Options = {}) {
  let migration: ReturnType<typeof migrateValues> | undefined;
  const replace = { sheets: [...old.sheets, old.metaSheet], names: old.names } as Parameters<typeof updateTemplate>[2]['replace'];
  const run = updateTemplate(
    fake.host,
    (existing) => {
      migration = migrateValues(old.values, old.meta.kind, buildTemplate(plan, { ...options(extra), existingSheetNames: existing.sheetNames }), old.layout);
      replace.relocation = migration.relocation;
      return migration.spec;
    },
    { replace },
  );
  return run.then((r) => ({ ...r, migration: migration! }));
}

describe('the user formulas that point at a template survive its update in place', () => {
  test('same layout: the formula text, the name and the values are unchanged; 4 syncs', async () => {
    const { fake, old, inputs } = await filledWorkbook();
    const c = await cellOf(fake, '第2学校', inputs[0]);
    fake.typeInto('Sheet1', 'A1', `=${ref(c)}*2`);
    await fake.host.run(async (ctx) => {
      ctx.workbook.names.add('my_input', `=${ref(c)}`);
      await ctx.sync();
    });
    fake.typeInto('Sheet1', 'A2', '=my_input+1');
    const before = [fake.view('Sheet1', 1, 1).value, fake.view('Sheet1', 2, 1).value];
    expect(typeof before[0]).toBe('number');
    const r = await update(fake, old);
    expect(r.syncs).toBe(4);
    expect(fake.view('Sheet1', 1, 1).formula).toBe(`=${ref(c)}*2`);
    expect([fake.view('Sheet1', 1, 1).value, fake.view('Sheet1', 2, 1).value]).toEqual(before);
    expect(r.update).toEqual({ followed: 0, lost: [] });
    // One template, the sheets the same objects (the user's sheet still first), no copies left behind.
    expect((await readTemplates(fake.host)).templates).toHaveLength(1);
    expect(fake.sheetNames().filter((n) => n.startsWith('_edu_old') || n.startsWith('_edu_tmp'))).toEqual([]);
  });

  test('the unit moves to another row: the formula and the name follow its cell and compute the same', async () => {
    const { fake, old, inputs } = await filledWorkbook();
    const c = await cellOf(fake, '第2学校', inputs[0]);
    fake.typeInto('Sheet1', 'A1', `=${ref(c)}*2`);
    await fake.host.run(async (ctx) => {
      ctx.workbook.names.add('my_input', `=${ref(c)}`);
      await ctx.sync();
    });
    fake.typeInto('Sheet1', 'A2', '=my_input+1');
    const before = [fake.view('Sheet1', 1, 1).value, fake.view('Sheet1', 2, 1).value];
    const r = await update(fake, old, { units: ['新学校', '第5学校', '第4学校', '第3学校', '第2学校', '第1学校'] });
    const now = await cellOf(fake, '第2学校', inputs[0]);
    expect(a1ToRowCol(now.address).row).toBeGreaterThan(a1ToRowCol(c.address).row);
    expect(fake.view('Sheet1', 1, 1).formula).toBe(`=${written(now)}*2`);
    expect([fake.view('Sheet1', 1, 1).value, fake.view('Sheet1', 2, 1).value]).toEqual(before);
    expect(r.update.followed).toBe(2);
    expect(r.update.lost).toEqual([]);
  });

  test("a unit's computed cell (an indicator's value) follows the unit when the old template is verified by rebuilding it", async () => {
    const { fake, old } = await filledWorkbook();
    const oldSpec = verifiedOldSpec(buildTemplate(plan, rebuildOptions(old.meta)), old.layout);
    expect(oldSpec).toBeDefined();
    const tagged = (spec: ReturnType<typeof buildTemplate>, unit: number) =>
      spec.sheets.flatMap((sh) => Object.entries(sh.cells).filter(([, c]) => c.tag?.what === 'value' && c.tag.unit === unit).map(([address, c]) => ({ sheet: sh.name, address, indicator: c.tag!.indicator })));
    const [cell] = tagged(oldSpec!, 2);
    fake.typeInto('Sheet1', 'A1', `=${ref(cell)}`);
    const before = fake.view('Sheet1', 1, 1).value;
    expect(typeof before).toBe('number');
    const reordered = ['第5学校', '第4学校', '第3学校', '第2学校', '第1学校'];
    let migration: ReturnType<typeof migrateValues> | undefined;
    const replace = { sheets: [...old.sheets, old.metaSheet], names: old.names } as Parameters<typeof updateTemplate>[2]['replace'];
    const r = await updateTemplate(
      fake.host,
      (existing) => {
        migration = migrateValues(old.values, old.meta.kind, buildTemplate(plan, { ...options({ units: reordered }), existingSheetNames: existing.sheetNames }), { ...old.layout, spec: oldSpec });
        replace.relocation = migration.relocation;
        return migration.spec;
      },
      { replace },
    );
    const now = tagged(migration!.spec, 4).find((c) => c.indicator === cell.indicator)!;
    expect(now.address).not.toBe(cell.address);
    expect(fake.view('Sheet1', 1, 1).formula).toBe(`=${written(now)}`);
    expect(fake.view('Sheet1', 1, 1).value).toBe(before);
    expect(r.update).toEqual({ followed: 1, lost: [] });
  });

  test('without a verified rebuild, a computed cell of a unit that moved is named, never left pointing at another unit', async () => {
    const { fake, old } = await filledWorkbook();
    const spec = buildTemplate(plan, rebuildOptions(old.meta));
    const [sheet, address] = spec.sheets.flatMap((sh) => Object.entries(sh.cells).filter(([, c]) => c.tag?.what === 'value' && c.tag.unit === 2).map(([a]) => [sh.name, a]))[0];
    fake.typeInto('Sheet1', 'A1', `=${ref({ sheet, address })}`);
    const r = await update(fake, old, { units: ['第5学校', '第4学校', '第3学校', '第2学校', '第1学校'] });
    expect(r.update.followed).toBe(0);
    expect(r.update.lost.map((x) => [x.where, x.lost])).toEqual([[expect.stringMatching(/Sheet1'?!A1$/), [ref({ sheet, address })]]]);
  });

  test('a rebuild that is not what the workbook holds is not trusted (rows moved by hand)', async () => {
    const { old } = await filledWorkbook();
    const other = buildTemplate(plan, { ...rebuildOptions(old.meta), units: ['第2学校', '第1学校', '第3学校', '第4学校', '第5学校'] });
    expect(verifiedOldSpec(other, old.layout)).toBeUndefined();
  });

  test('the other language: the sheets are renamed and the references follow them', async () => {
    const { fake, old, inputs } = await filledWorkbook();
    const c = await cellOf(fake, '第3学校', inputs[1]);
    fake.typeInto('Sheet1', 'B5', `=${ref(c)}+0.5`);
    const before = fake.view('Sheet1', 5, 2).value;
    const r = await update(fake, old, { lang: 'en' });
    expect(r.sheets[0]).not.toBe(old.sheets[0]);
    expect(fake.sheetNames()).not.toContain(old.sheets[0]);
    const formula = fake.view('Sheet1', 5, 2).formula!;
    expect(formula).toContain(r.sheets[0]);
    expect(formula).not.toContain('#REF!');
    expect(fake.view('Sheet1', 5, 2).value).toBe(before);
  });

  test('a reference to a cell the new template no longer has is named by the user cell', async () => {
    const { fake, old, inputs } = await filledWorkbook({ units: units(6) });
    // 第6学校 has values: clear them so that a table without it has no value left out.
    const [t] = await findPlanTemplates(fake.host, plan.id);
    for (const c of t.layout.cells.filter((x) => x.unit === '第6学校')) fake.typeInto(c.sheet, c.address, '', { paste: true });
    const [again] = await findPlanTemplates(fake.host, plan.id);
    const gone = await cellOf(fake, '第6学校', inputs[0]);
    fake.typeInto('Sheet1', 'C3', `=${ref(gone)}`);
    const r = await update(fake, again, { units: units(5) });
    expect(r.update.lost).toEqual([{ where: `'Sheet1'!C3`.replace(/'/g, '') === 'Sheet1!C3' ? r.update.lost[0].where : '', formula: ref(gone), lost: [ref(gone)] }]);
    expect(r.update.lost[0].where).toMatch(/Sheet1'?!C3$/);
    const text = describeLostFormulas([], r.update.lost)!;
    expect(text.zh).toMatch(/^1 个公式引用的模板单元格在新模板中已不存在.*Sheet1'?!C3/);
    expect(text.en).toMatch(/^1 formula\(s\) refer to template cells that no longer exist.*Sheet1'?!C3/);
    void old;
  });
});

describe('formulas typed into input cells', () => {
  test('carried as formulas when their cells still exist (following them), as values otherwise, and named', async () => {
    const { fake, inputs } = await filledWorkbook({ units: units(6) });
    const [t0] = await findPlanTemplates(fake.host, plan.id);
    for (const c of t0.layout.cells.filter((x) => x.unit === '第6学校' && x.input !== inputs[0])) fake.typeInto(c.sheet, c.address, '', { paste: true });
    fake.typeInto('Sheet1', 'B1', '21');
    const own = await cellOf(fake, '第1学校', inputs[0]);
    const other = await cellOf(fake, '第4学校', inputs[1]);
    const toGone = await cellOf(fake, '第2学校', inputs[1]);
    const gone = await cellOf(fake, '第6学校', inputs[1]);
    typed(fake, own.sheet, own.address, '=Sheet1!B1*2');
    typed(fake, other.sheet, other.address, `=${own.address}+1`);
    // 第6学校 keeps one value (a formula on a cell the new table will not have): carried as its value.
    const g6 = await cellOf(fake, '第6学校', inputs[0]);
    fake.typeInto(g6.sheet, g6.address, '', { paste: true });
    typed(fake, toGone.sheet, toGone.address, `=${gone.address}+7`);
    const [old] = await findPlanTemplates(fake.host, plan.id);
    expect(old.values.filter((v) => v.formula !== undefined)).toHaveLength(3);
    const r = await update(fake, old, { units: ['第6学校x', '第4学校', '第3学校', '第2学校', '第1学校', '第5学校'] });
    const ownNow = await cellOf(fake, '第1学校', inputs[0]);
    const otherNow = await cellOf(fake, '第4学校', inputs[1]);
    const toGoneNow = await cellOf(fake, '第2学校', inputs[1]);
    expect(fake.view(ownNow.sheet, a1ToRowCol(ownNow.address).row, a1ToRowCol(ownNow.address).col).formula).toBe('=Sheet1!B1*2');
    expect(fake.view(otherNow.sheet, a1ToRowCol(otherNow.address).row, a1ToRowCol(otherNow.address).col).formula).toBe(`=${ownNow.address}+1`);
    expect(fake.view(otherNow.sheet, a1ToRowCol(otherNow.address).row, a1ToRowCol(otherNow.address).col).value).toBe(43);
    const v = fake.view(toGoneNow.sheet, a1ToRowCol(toGoneNow.address).row, a1ToRowCol(toGoneNow.address).col);
    expect(v.formula).toBeUndefined();
    expect(typeof v.value).toBe('number');
    expect(r.migration.formulas).toBe(2);
    expect(r.migration.asValues.map((x) => [x.unit, x.address, x.lost])).toEqual([['第2学校', toGone.address, [gone.address]]]);
    const text = describeLostFormulas(r.migration.asValues, [])!;
    expect(text.zh).toContain(`1 个填报单元格中的公式按其数值带入`);
    expect(text.zh).toContain(toGone.address);
    expect(text.en).toContain('carried as their values');
  });
});

describe('rollback', () => {
  test('cancelled while the update is queued, with the writes split over several syncs: the workbook is as it was', async () => {
    const { fake, old, inputs } = await filledWorkbook();
    const c = await cellOf(fake, '第2学校', inputs[0]);
    fake.typeInto('Sheet1', 'A1', `=${ref(c)}*2`);
    const before = snapshot(fake);
    const ctl = new AbortController();
    const replace = { sheets: [...old.sheets, old.metaSheet], names: old.names } as Parameters<typeof updateTemplate>[2]['replace'];
    const syncsBefore = fake.syncCount;
    // Cancel once two parts of the write have reached the workbook (look, used ranges, formulas, then writes).
    const stop = fake.subscribe(() => {
      if (fake.syncCount - syncsBefore >= 5) ctl.abort();
    });
    await expect(
      updateTemplate(
        fake.host,
        (existing) => {
          const m = migrateValues(old.values, old.meta.kind, buildTemplate(plan, { ...options({ units: ['第2学校', '第1学校', '第3学校', '第4学校', '第5学校'] }), existingSheetNames: existing.sheetNames }), old.layout);
          replace.relocation = m.relocation;
          return m.spec;
        },
        {
          replace,
          // A small request budget: part of the update reaches the workbook before the cancel.
          syncBudget: 20_000,
          sliceMs: 0,
          signal: ctl.signal,
        },
      ),
    ).rejects.toMatchObject({ name: 'TaskCancelled' });
    stop();
    // Some writes were synced before the cancel, so there was something to put back.
    expect(fake.syncCount - syncsBefore).toBeGreaterThan(5);
    expect(snapshot(fake)).toBe(before);
  });

  test('a write that fails leaves the workbook as it was: template, user formulas (rewritten ones too) and names', async () => {
    const { fake, old, inputs } = await filledWorkbook();
    const c = await cellOf(fake, '第2学校', inputs[0]);
    fake.typeInto('Sheet1', 'A1', `=${ref(c)}*2`);
    await fake.host.run(async (ctx) => {
      ctx.workbook.names.add('my_input', `=${ref(c)}`);
      await ctx.sync();
    });
    const before = snapshot(fake);
    const value = fake.view('Sheet1', 1, 1).value;
    let migration: ReturnType<typeof migrateValues> | undefined;
    const replace = { sheets: [...old.sheets, old.metaSheet], names: old.names } as Parameters<typeof updateTemplate>[2]['replace'];
    await expect(
      updateTemplate(
        fake.host,
        (existing) => {
          migration = migrateValues(old.values, old.meta.kind, buildTemplate(plan, { ...options({ units: ['第5学校', '第4学校', '第3学校', '第2学校', '第1学校'] }), existingSheetNames: existing.sheetNames }), old.layout);
          replace.relocation = migration.relocation;
          const spec = migration.spec;
          // A sheet Excel refuses, after the user formula was rewritten in the same batch.
          return { ...spec, sheets: [...spec.sheets, { ...spec.sheets[0], name: 'bad[name]' }] };
        },
        { replace },
      ),
    ).rejects.toBeInstanceOf(Error);
    expect(snapshot(fake)).toBe(before);
    expect(fake.view('Sheet1', 1, 1).value).toBe(value);
    const [back] = await findPlanTemplates(fake.host, plan.id);
    expect(back.values).toHaveLength(old.values.length);
  });
});
