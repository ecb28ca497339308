/** `fill`: a template's input cells from long records (unit, input, value), patched in place. */
import type { Plan } from '../core/plan/schema';
import type { DecodedTemplate } from '../core/workbook/cellmap';
import type { FillRecord } from '../core/fill/csv';
import { planFill, type FillOptions, type FillPlan } from '../core/fill/plan';
import { DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits } from './limits';
import { writeCells } from './patch';
import { readTemplateWorkbook } from './read';

export interface FillResult {
  bytes: Buffer;
  template: DecodedTemplate;
  plan: FillPlan;
  /** Problems reading the template's map (deleted names …), bilingual. */
  mapProblems: Array<{ zh: string; en: string }>;
}

/** Fills the (first) template of a workbook. `planOf` finds the plan by id for input kinds and names. */
export async function fillWorkbook(
  bytes: Uint8Array,
  records: FillRecord[],
  planOf: (id: string) => Plan | undefined,
  options: FillOptions = {},
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<FillResult> {
  const read = await readTemplateWorkbook(bytes, limits);
  const first = read.templates[0];
  if (!first) {
    const why = read.problems[0]?.message;
    throw new WorkbookReadError('not-xlsx', {
      zh: `该工作簿不是由本工具生成的模板（没有模板元数据）${why ? `：${why.zh}` : ''}`,
      en: `the workbook is not a template made by this tool (no template metadata)${why ? `: ${why.en}` : ''}`,
    });
  }
  const plan = planFill(first.cells, records, planOf(first.template.meta.planId), options);
  const out = await writeCells(bytes, [...plan.namedUnits, ...plan.assignments], limits);
  return { bytes: out, template: first.template, plan, mapProblems: [...read.problems, ...first.problems].map((p) => p.message) };
}
