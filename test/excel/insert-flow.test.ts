/**
 * The insert flow on the recording fake: progress in cells that grows to the total, work sliced
 * into macrotasks while the syncs stay constant (10 and 1,000 units), cancel before and during the
 * write leaving the workbook as it was, and updating a template in place: same sheets, one
 * template (validation does not count it twice), every typed value carried by unit and input id,
 * refused with nothing changed when a value would have no place, restored when the write fails.
 */
import { buildTemplate } from '../../src/core/template';
import { isTaskCancelled, type TaskProgress } from '../../src/core/task/control';
import { migrateValues } from '../../src/core/template/migrate';
import { createFakeExcel, type FakeExcel } from '../../src/excel/fake';
import { findPlanTemplates } from '../../src/excel/existing';
import { readTemplates } from '../../src/excel/read';
import { contentCells, insertTemplate } from '../../src/excel/render';
import { updateTemplate } from '../../src/excel/update';
import { balancePlan, units, unitsSpec, workbookDifferences } from './helpers';

/** A snapshot of what a user would see of the workbook: sheets, their cells, the defined names. */
function snapshot(fake: FakeExcel) {
  return JSON.stringify({
    sheets: fake.model.sheets.map((s) => ({ name: s.name, visibility: s.visibility, cells: [...s.cells.entries()].map(([k, c]) => [k, c.value, c.formula]) })),
    names: [...fake.model.names.values()].map((n) => n.name).sort(),
  });
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the promise to reject');
}

const { plan, level } = balancePlan();
const build = (n: number, extra: Parameters<typeof buildTemplate>[1] = {}) => (existing: { sheetNames: string[] }) =>
  buildTemplate(plan, { kind: 'units', units: units(n), level, year: 2025, existingSheetNames: existing.sheetNames, ...extra });

describe('progress, slicing and cancel', () => {
  test('progress counts cells up to the total; 10 and 1,000 units take 2 syncs; large work yields to the page', async () => {
    const runs = [];
    for (const n of [10, 1000]) {
      const fake = createFakeExcel();
      const seen: TaskProgress[] = [];
      const spec = unitsSpec(n);
      const r = await insertTemplate(fake.host, spec, { onProgress: (p) => seen.push(p) });
      const cells = spec.sheets.reduce((k, s) => k + contentCells(s), 0);
      const prepare = seen.filter((p) => p.stage === 'prepare' && p.total > 0);
      expect(prepare.every((p) => p.of === 'cells' && p.total === cells)).toBe(true);
      for (let i = 1; i < prepare.length; i++) expect(prepare[i].done).toBeGreaterThanOrEqual(prepare[i - 1].done);
      expect(prepare[prepare.length - 1].done).toBe(cells);
      expect(seen.some((p) => p.stage === 'write')).toBe(true);
      expect(seen[seen.length - 1]).toEqual({ stage: 'done', done: cells, total: cells, of: 'cells' });
      expect(workbookDifferences(fake, spec)).toEqual([]);
      runs.push({ n, syncs: fake.syncCount, reported: r.syncs, updates: prepare.length });
    }
    expect(runs.map((r) => r.syncs)).toEqual([2, 2]);
    expect(runs.map((r) => r.reported)).toEqual([2, 2]);
    // Progress is reported per row queued: a 1,000-unit table moves the bar many times.
    expect(runs[1].updates).toBeGreaterThan(1000);
  });

  test('the queuing is sliced: every row of a 1,000-unit table can give the page a turn (slice 0 ms), the syncs stay 2', async () => {
    const fake = createFakeExcel();
    let turns = 0;
    let running = true;
    // The page: counts the turns it gets while the insert runs.
    const probe = (async () => {
      while (running) {
        await new Promise((r) => setTimeout(r, 0));
        turns++;
      }
    })();
    const r = await insertTemplate(fake.host, build(1000), { sliceMs: 0 });
    running = false;
    await probe;
    expect(r.yields).toBeGreaterThan(1000);
    expect(turns).toBeGreaterThan(10);
    expect(r.syncs).toBe(2);
  });

  test('cancelled before the write: nothing reaches the workbook (one sync, the look)', async () => {
    const fake = createFakeExcel();
    fake.typeInto('Sheet1', 'A1', '已有数据');
    const before = snapshot(fake);
    const ctl = new AbortController();
    const e = await rejection(
      insertTemplate(fake.host, build(200), {
        signal: ctl.signal,
        onProgress: (p) => {
          if (p.stage === 'prepare' && p.done > 100) ctl.abort();
        },
      }),
    );
    expect(isTaskCancelled(e)).toBe(true);
    expect(snapshot(fake)).toBe(before);
    expect(fake.syncCount).toBe(1);
  });

  test('cancelled while Excel writes: the sheets and names written are taken out again', async () => {
    const fake = createFakeExcel();
    fake.typeInto('Sheet1', 'A1', '已有数据');
    const before = snapshot(fake);
    const ctl = new AbortController();
    const e = await rejection(
      insertTemplate(fake.host, build(20), {
        signal: ctl.signal,
        onProgress: (p) => {
          if (p.stage === 'write') ctl.abort();
        },
      }),
    );
    expect(isTaskCancelled(e)).toBe(true);
    expect(snapshot(fake)).toBe(before);
  });
});

/** Types `value` into each input cell of the template instance `instance` (by input id) for the given units. */
async function fill(fake: FakeExcel, instance: number, values: (unit: string, input: string) => string | undefined): Promise<number> {
  const read = await readTemplates(fake.host);
  const t = read.templates.find((x) => x.template.instance === instance)!;
  let n = 0;
  for (const c of t.cells) {
    const v = values(c.unit, c.input);
    if (v === undefined) continue;
    const r = fake.typeInto(c.sheet, c.address, v, { paste: true });
    expect(r.ok).toBe(true);
    n++;
  }
  return n;
}

describe('update in place', () => {
  test('same sheets and tab, one template, every typed value carried by unit and input id', async () => {
    const fake = createFakeExcel();
    const first = await insertTemplate(fake.host, build(5));
    let k = 0;
    const typed = await fill(fake, 1, (unit, input) => ((unit === '第2学校' || unit === '第4学校') && !input.endsWith('#note') ? String(100 + k++) : undefined));
    expect(typed).toBeGreaterThan(5);
    const [old] = await findPlanTemplates(fake.host, plan.id);
    expect(old.values).toHaveLength(typed);
    const position = fake.model.sheets.findIndex((s) => s.name === first.sheets[0]);
    fake.typeInto('Sheet1', 'B2', '用户自己的表');

    // The new template lists the units in another order and one more: values follow their unit.
    const newUnits = ['第4学校', '新学校', '第1学校', '第2学校', '第3学校', '第5学校'];
    const r = await updateTemplate(
      fake.host,
      (existing) => migrateValues(old.values, old.meta.kind, buildTemplate(plan, { kind: 'units', units: newUnits, level, year: 2025, existingSheetNames: existing.sheetNames })).spec,
      { replace: { sheets: [...old.sheets, old.metaSheet], names: old.names } },
    );
    expect(r.sheets).toEqual(first.sheets);
    expect(r.metadataSheet).toBe(first.metadataSheet);
    expect(fake.model.sheets.findIndex((s) => s.name === first.sheets[0])).toBe(position);
    expect(fake.sheetNames().filter((n) => n.startsWith('_edu'))).toEqual(['_edu_meta']);
    expect(fake.view('Sheet1', 2, 2).text).toBe('用户自己的表');
    // 4 syncs: look, the user's used ranges, their formulas, write (the old sheets' copies go in the write).
    expect(r.syncs).toBe(4);

    const after = await readTemplates(fake.host);
    expect(after.templates).toHaveLength(1);
    const again = await findPlanTemplates(fake.host, plan.id);
    const key = (v: { unit: string; input: string; value: unknown }) => `${v.unit}|${v.input}|${String(v.value)}`;
    expect(again[0].values.map(key).sort()).toEqual(old.values.map((v) => ({ ...v, value: Number(v.value) })).map(key).sort());
    expect(again[0].meta.units).toEqual(newUnits);
  });

  test('syncs stay constant for 10 and 1,000 units (update: look + used ranges + formulas + write)', async () => {
    const counts = [];
    for (const n of [10, 1000]) {
      const fake = createFakeExcel();
      await insertTemplate(fake.host, build(n));
      await fill(fake, 1, (unit, input) => (unit === '第3学校' && !input.endsWith('#note') ? '7' : undefined));
      const [old] = await findPlanTemplates(fake.host, plan.id);
      const before = fake.syncCount;
      fake.typeInto('Sheet1', 'A1', `='${old.sheets[0]}'!A1`);
      await updateTemplate(fake.host, (existing) => migrateValues(old.values, old.meta.kind, build(n)(existing)).spec, {
        replace: { sheets: [...old.sheets, old.metaSheet], names: old.names },
      });
      counts.push(fake.syncCount - before);
    }
    expect(counts).toEqual([4, 4]);
  });

  test('a value with no place in the new template is named, and migrateValues keeps it out of the spec', async () => {
    const fake = createFakeExcel();
    await insertTemplate(fake.host, build(3));
    await fill(fake, 1, (unit, input) => (unit === '第3学校' && !input.endsWith('#note') ? '9' : undefined));
    const [old] = await findPlanTemplates(fake.host, plan.id);
    const m = migrateValues(old.values, old.meta.kind, build(2)({ sheetNames: [] }));
    expect(m.carried).toBe(0);
    expect(m.left.length).toBe(old.values.length);
    expect(m.left.every((v) => v.why === 'unit' && v.unit === '第3学校')).toBe(true);
  });

  test('a write that fails puts the old template back, values and names included', async () => {
    const fake = createFakeExcel();
    await insertTemplate(fake.host, build(4));
    await fill(fake, 1, (unit, input) => (unit === '第1学校' && !input.endsWith('#note') ? '5' : undefined));
    const [old] = await findPlanTemplates(fake.host, plan.id);
    const before = snapshot(fake);
    // A builder whose spec Excel refuses half-way (a sheet name Excel does not allow).
    const e = await rejection(
      updateTemplate(
        fake.host,
        (existing) => {
          const spec = build(4)(existing);
          return { ...spec, sheets: [...spec.sheets, { ...spec.sheets[0], name: 'bad[name]' }] };
        },
        { replace: { sheets: [...old.sheets, old.metaSheet], names: old.names } },
      ),
    );
    expect(e).toBeInstanceOf(Error);
    expect(snapshot(fake)).toBe(before);
    const [back] = await findPlanTemplates(fake.host, plan.id);
    expect(back.values).toHaveLength(old.values.length);
  });
});
