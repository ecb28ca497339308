/**
 * Relative targets on the dashboard ("不低于上年", "不低于按编制标准应配备的教师数"): the dashboard
 * evaluates each indicator with the unit's reference value, as validation does. Without it, every
 * relative-target indicator of 河源 read 无数据 with no achievement although its data was there.
 */
import { loadShippedPlans } from '../../src/node/seeds';
import { PlanRegistry } from '../../src/core/plan/registry';
import { buildTemplate } from '../../src/core/template/build';
import { validate } from '../../src/core/validate/validate';
import { insertTemplate, readTemplateGrids } from '../../src/excel';
import { createFakeExcel } from '../../src/excel/fake';
import { resolveTemplates } from '../../src/core/workbook/cellmap';
import { dashboardModel } from '../../src/taskpane/views/dashboard/model';

test('every relative-target indicator of 河源 with its reference filled in gets a status and an achievement', async () => {
  const plans = loadShippedPlans();
  const plan = plans.find((p) => p.id === 'heyuan-2025-2035')!;
  const registry = new PlanRegistry(plans);
  const relative = plan.sections
    .flatMap((s) => s.indicators)
    .filter((i) => i.targets.some((t) => t.comparator === 'relative' && t.reference.input !== undefined));
  expect(relative.length).toBeGreaterThanOrEqual(4);

  const fake = createFakeExcel();
  await insertTemplate(fake.host, (existing) => buildTemplate(plan, { units: ['河源市第一中学'], year: 2025, existingSheetNames: existing.sheetNames }));
  // Every input filled: this year's figures at 100, last year's and the references at 90 (so "不低于" is met).
  const { templates } = resolveTemplates(await readTemplateGrids(fake.host));
  const cells = templates[0]!.cells;
  expect(cells.length).toBeGreaterThan(50);
  for (const c of cells) {
    const reference = /prev-year|required|civil-servant/.test(c.input);
    const typed = fake.typeInto(c.sheet, c.address, reference ? '90' : '100', { paste: true });
    expect(typed.ok).toBe(true);
  }
  const result = validate(await readTemplateGrids(fake.host), registry);
  const model = dashboardModel({ at: 0, result, warnings: [] }, registry, { tolerance: null })!;
  for (const ind of relative) {
    const row = model.sections.flatMap((s) => s.rows).find((r) => r.indicator.id === ind.id);
    expect({ id: ind.id, status: row?.status, achievement: row?.achievement ?? null }).toEqual({ id: ind.id, status: 'met', achievement: expect.any(Number) });
  }
  // The same with a band chosen in Settings: the dashboard re-decides through evaluate, still with the reference.
  const banded = dashboardModel({ at: 0, result, warnings: [] }, registry, { tolerance: { relative: 0.05 } })!;
  for (const ind of relative) expect(banded.sections.flatMap((s) => s.rows).find((r) => r.indicator.id === ind.id)?.status).toBe('met');
});
