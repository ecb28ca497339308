/**
 * `buildTemplate(plan, options) → TemplateSpec`: the one place a template's content is decided.
 * Both renderers (ExcelJS for files, Office.js for the open workbook) draw exactly this.
 */
import type { Plan } from '../plan/schema';
import { encodeMetadata, type CellMapModel } from '../workbook/cellmap';
import { planHash } from '../workbook/hash';
import { buildOverviewSheet } from './kinds/overview';
import { buildReturnSheet } from './kinds/return';
import { buildUnitsSheet } from './kinds/units';
import { label } from './labels';
import { fitRowHeights } from './layout';
import { carriedInputModels, templateModel } from './model';
import { normalizeOptions, uniqueSheetName, type TemplateOptions } from './options';

export type { TemplateOptions } from './options';
import type { SheetSpec, TemplateMeta, TemplateSpec } from './spec';
import { TEMPLATE_VERSION } from './spec';
import { TEMPLATE_STYLES } from './styles';

export function buildTemplate(plan: Plan, options: TemplateOptions = {}): TemplateSpec {
  const opts = normalizeOptions(plan, options);
  const lang = opts.lang;
  const built = templateModel(plan, opts.indicators, opts.year, opts.level, opts.kind !== 'overview', opts.contributions, opts.kind !== 'overview');
  const model = opts.carried ? { ...built, inputs: carriedInputModels(built.inputs) } : built;
  const taken = new Set(opts.existingSheetNames.map((n) => n.toLowerCase()));
  const sheets: SheetSpec[] = [];
  let map: CellMapModel = { planId: plan.id, units: [], columns: [], cells: [] };
  const columnBottoms = new Map<string, number>();

  if (opts.kind === 'return') {
    const built = buildReturnSheet(plan, model, opts, uniqueSheetName(label('returnSheet', lang), taken));
    sheets.push(built.builder.sheet);
    map = built.map;
  } else if (opts.kind === 'units') {
    const built = buildUnitsSheet(plan, model, opts, uniqueSheetName(label('unitsSheet', lang), taken));
    sheets.push(built.builder.sheet);
    map = built.map;
    for (const c of map.columns) columnBottoms.set(c.definedName, built.layout.lastRow);
  }
  if (opts.kind === 'overview' || opts.includeOverview) {
    sheets.push(buildOverviewSheet(plan, model, opts, uniqueSheetName(label('overviewSheet', lang), taken)).sheet);
  }

  const meta: TemplateMeta = {
    planId: plan.id,
    planVersion: plan.version,
    templateVersion: TEMPLATE_VERSION,
    planHash: planHash(plan),
    kind: opts.kind,
    level: opts.level,
    ...(opts.reporter ? { reporter: opts.reporter } : {}),
    year: opts.year,
    lang,
    units: opts.units,
    indicators: model.indicators.map((m) => m.indicator.id),
    inputs: model.inputs.map((i) => i.id),
    ...(opts.kind === 'units' && !opts.includeSummary ? { summary: false } : {}),
    ...(opts.carried ? { carried: true } : {}),
  };
  const { hidden, names } = encodeMetadata(meta, map, opts.instance, columnBottoms, plan);
  // Printed pages never cut wrapped text off: rows grow to what their text needs.
  for (const sheet of sheets) fitRowHeights(sheet, TEMPLATE_STYLES);
  return { meta, styles: { ...TEMPLATE_STYLES }, sheets, definedNames: names, hiddenMetadata: hidden };
}

/** The cell count of a spec (for limits and the benchmark). */
export function cellCount(spec: TemplateSpec): number {
  return spec.sheets.reduce((n, s) => n + Object.keys(s.cells).length, 0);
}
