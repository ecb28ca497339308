/**
 * Plan → definition workbook (book.ts). `planToDefinition(null)` is the empty, documented
 * workbook of `plan-template`; with a plan it is `plan-export`. Every value of the plan lands in
 * exactly one cell, so read.ts gives the same plan back (tested for every shipped plan).
 */
import { a1, rangeA1, sheetRef } from '../workbook/address';
import type { Indicator, Plan, Section, Target } from '../plan/schema';
import type { DefinitionBook, DefinitionCell, DefinitionSheet, DefinitionValidation } from './book';
import { toCell } from './cells';
import {
  BALANCE_FIELDS,
  CV_LIMIT_PREFIX,
  FIRST_DATA_ROW,
  INDICATOR_COLUMNS,
  LISTS_SHEET,
  PLAN_FIELDS,
  README_SHEET,
  SHEET_NAMES,
  SPARE_ROWS,
  TABLE_COLUMNS,
  pathOf,
  type Column,
  type Field,
  type SheetKey,
} from './columns';
import { getPath } from './paths';

/** Excel refuses inline lists longer than this (and repairs the file); longer ones go to LISTS_SHEET. */
const MAX_INLINE_LIST = 255;

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** Collects the long lists that need a place on the hidden sheet. */
class Lists {
  readonly columns: string[][] = [];
  source(values: readonly string[]): DefinitionValidation['list'] {
    if (utf8Length(values.join(',')) <= MAX_INLINE_LIST) return { values };
    this.columns.push([...values]);
    const col = this.columns.length;
    return { ref: sheetRef(LISTS_SHEET, { top: 1, left: col, bottom: values.length, right: col }) };
  }
}

function listError(header: string): { title: string; text: string } {
  return { title: header.slice(0, 32), text: `请从下拉列表中选择（${header}） / choose from the list` };
}

function tableSheet(
  key: Exclude<SheetKey, 'plan' | 'balance'>,
  rows: DefinitionCell[][],
  lists: Lists,
  dataRowsByKey: Partial<Record<SheetKey, number>>,
  freezeColumns: number,
): DefinitionSheet {
  const columns = TABLE_COLUMNS[key];
  const lastRow = FIRST_DATA_ROW + Math.max(rows.length, 1) - 1 + SPARE_ROWS;
  const notes: Record<string, string> = {};
  const validations: DefinitionValidation[] = [];
  const textColumns: number[] = [];
  columns.forEach((c, i) => {
    const col = i + 1;
    notes[a1(1, col)] = `${c.zh}（${c.key}）\n${c.note}`;
    if (c.type !== 'number' && c.type !== 'int') textColumns.push(col);
    const range = rangeA1({ top: FIRST_DATA_ROW, left: col, bottom: lastRow, right: col });
    if (c.vocab) validations.push({ range, list: lists.source(c.vocab), error: listError(c.zh) });
    else if (c.listFrom) {
      const n = FIRST_DATA_ROW + Math.max(dataRowsByKey[c.listFrom.sheet] ?? 0, 1) - 1 + SPARE_ROWS;
      const at = TABLE_COLUMNS[c.listFrom.sheet as Exclude<SheetKey, 'plan' | 'balance'>].findIndex((x) => x.key === c.listFrom!.key) + 1;
      const ref = sheetRef(SHEET_NAMES[c.listFrom.sheet], { top: FIRST_DATA_ROW, left: at, bottom: n, right: at });
      validations.push({ range, list: { ref }, error: listError(c.zh) });
    }
  });
  return {
    name: SHEET_NAMES[key],
    state: 'visible',
    rows: [columns.map((c) => c.zh), columns.map((c) => c.key), ...rows],
    widths: columns.map((c) => c.width),
    notes,
    headerRows: 2,
    freezeColumns,
    textColumns,
    lastRow,
    validations,
  };
}

function fieldSheet(key: 'plan' | 'balance', fields: readonly Field[], values: Record<string, unknown> | undefined, lists: Lists): DefinitionSheet {
  const rows: DefinitionCell[][] = [['名称', 'key', '值', '说明']];
  const validations: DefinitionValidation[] = [];
  fields.forEach((f, i) => {
    const row = i + 2;
    rows.push([f.zh, f.key, values ? toCell(values[f.key], f.type) : null, f.note]);
    if (f.vocab) validations.push({ range: a1(row, 3), list: lists.source(f.vocab), error: listError(f.zh) });
  });
  return {
    name: SHEET_NAMES[key],
    state: 'visible',
    rows,
    widths: [20, 18, 40, 60],
    notes: { C1: '在此列填写；第 2 列（key）供程序识别，请勿修改' },
    headerRows: 1,
    freezeColumns: 0,
    textColumns: [3],
    lastRow: rows.length,
    validations,
  };
}

/** Header values of a plan by field key (`title.zh` …). */
function planValues(plan: Plan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of PLAN_FIELDS) out[f.key] = f.key === '$schema' ? plan.$schema : getPath(plan, f.key);
  return out;
}

function balanceFields(plan: Plan | null): { fields: Field[]; values: Record<string, unknown> | undefined } {
  const b = plan?.balance;
  const levels = Object.keys(b?.cvLimit ?? {});
  const fields = [...BALANCE_FIELDS];
  // A plan may limit other stages too: one more row per stage, after the standard ones.
  for (const level of levels) {
    if (!fields.some((f) => f.key === `${CV_LIMIT_PREFIX}${level}`)) {
      const at = fields.findIndex((f) => f.key.startsWith('source.'));
      fields.splice(at, 0, { key: `${CV_LIMIT_PREFIX}${level}`, zh: `差异系数上限（${level}）`, type: 'number', note: `${level}校际差异系数上限` });
    }
  }
  if (!b) return { fields, values: undefined };
  const values: Record<string, unknown> = {};
  for (const f of fields) values[f.key] = getPath(b, f.key.startsWith(CV_LIMIT_PREFIX) ? `cvLimit.${f.key.slice(CV_LIMIT_PREFIX.length)}` : f.key);
  return { fields, values };
}

function columnCells(columns: readonly Column[], of: (c: Column) => unknown): DefinitionCell[] {
  return columns.map((c) => toCell(of(c), c.type));
}

/** A target's value in the 目标值 / 目标上限 cells. */
function targetCells(t: Target, key: string): unknown {
  if (key === 'target.value') {
    if (t.comparator === 'between') return t.value[0];
    if (t.comparator === 'relative') return undefined;
    if (t.comparator === 'bool') return t.value ? '是' : '否';
    return t.value;
  }
  if (key === 'target.high') return t.comparator === 'between' ? t.value[1] : undefined;
  return undefined;
}

/** Columns repeated on every target row of an indicator, so a filtered or sorted sheet stays readable. */
const REPEATED = new Set(['section', 'id', 'code', 'name.zh']);

function indicatorRows(section: Section, ind: Indicator): DefinitionCell[][] {
  return ind.targets.map((t, i) =>
    columnCells(INDICATOR_COLUMNS, (c) => {
      if (c.target) return pathOf(c) === '' ? targetCells(t, c.key) : getPath(t, pathOf(c));
      if (i > 0 && !REPEATED.has(c.key)) return undefined;
      if (c.key === 'section') return section.id;
      return getPath(ind, pathOf(c));
    }),
  );
}

const README_ROWS: string[][] = [
  ['计划定义工作簿 · plan definition workbook'],
  [''],
  ['用法：每张工作表填写计划的一部分；第 1 行是中文表头（批注说明填写方法），第 2 行是程序识别用的 key，请勿修改；数据从第 3 行开始。'],
  ['Usage: each sheet holds one part of the plan; row 1 is the Chinese header (its note explains the column), row 2 the key the program reads (do not edit); data starts on row 3.'],
  [''],
  ['计划：计划 id、版本、标题、发文机关、地区、规划期、来源。'],
  ['分组：指标的分组（章节），指标表“分组”列引用其 id。'],
  ['输入项：学校或区县实际填报的原始数（人数、金额…）及其口径说明。'],
  ['指标：每个指标一行；同一指标有多个目标（分学段、分年份）时每个目标一行，指标 id 相同且相邻，指标自身的列只在第一行填写。'],
  ['规则：输入项之间的表内审核关系（部分 ≤ 总数，部分之和 = 总数）。'],
  ['均衡、学段权重：县域义务教育优质均衡的达标校规则、差异系数上限和九年一贯制等学校的学段权重（没有则留空）。'],
  [''],
  ['导入：edu-indicators plan-import 本文件.xlsx -o plan.json（或在加载项中“从工作表导入计划”）。所有错误按工作表和单元格列出。'],
  ['Import: edu-indicators plan-import this.xlsx -o plan.json (or 从工作表导入计划 in the add-in). Every error is listed by sheet and cell.'],
  ['单元格中不能有公式；以 = + - @ 开头的文字按文字保存。 / No formulas: text starting with = + - @ is kept as text.'],
];

/** The definition workbook of a plan, or the empty one (`null`). */
export function planToDefinition(plan: Plan | null): DefinitionBook {
  const lists = new Lists();
  const sections = plan?.sections ?? [];
  const sectionRows = sections.map((s) => columnCells(TABLE_COLUMNS.sections, (c) => getPath(s, pathOf(c))));
  const inputRows = (plan?.inputs ?? []).map((input) => columnCells(TABLE_COLUMNS.inputs, (c) => getPath(input, pathOf(c))));
  const indRows = sections.flatMap((s) => s.indicators.flatMap((ind) => indicatorRows(s, ind)));
  const ruleRows = (plan?.rules ?? []).map((r) =>
    columnCells(TABLE_COLUMNS.rules, (c) => (c.key === 'parts' ? (r.kind === 'partLeTotal' ? r.part : r.parts) : getPath(r, pathOf(c)))),
  );
  const weightRows = (plan?.stageWeights ?? []).flatMap((w) =>
    Object.entries(w.weights).map(([level, weight]) =>
      columnCells(TABLE_COLUMNS.stageWeights, (c) => (c.key === 'level' ? level : c.key === 'weight' ? weight : getPath(w, pathOf(c)))),
    ),
  );
  const counts: Partial<Record<SheetKey, number>> = { sections: sectionRows.length, inputs: inputRows.length };
  const balance = balanceFields(plan);
  const emptyPlan: Record<string, unknown> = { schemaVersion: 1, 'source.kind': 'user' };
  const sheets: DefinitionSheet[] = [
    {
      name: README_SHEET,
      state: 'visible',
      rows: README_ROWS,
      widths: [120],
      notes: {},
      headerRows: 1,
      freezeColumns: 0,
      textColumns: [],
      lastRow: README_ROWS.length,
      validations: [],
    },
    fieldSheet('plan', PLAN_FIELDS, plan ? planValues(plan) : emptyPlan, lists),
    tableSheet('sections', sectionRows, lists, counts, 1),
    tableSheet('inputs', inputRows, lists, counts, 1),
    tableSheet('indicators', indRows, lists, counts, 2),
    tableSheet('rules', ruleRows, lists, counts, 1),
    fieldSheet('balance', balance.fields, balance.values, lists),
    tableSheet('stageWeights', weightRows, lists, counts, 1),
  ];
  if (lists.columns.length > 0) {
    const height = Math.max(...lists.columns.map((c) => c.length));
    const rows: DefinitionCell[][] = [];
    for (let r = 0; r < height; r++) rows.push(lists.columns.map((c) => c[r] ?? null));
    sheets.push({
      name: LISTS_SHEET,
      state: 'veryHidden',
      rows,
      widths: lists.columns.map(() => 16),
      notes: {},
      headerRows: 0,
      freezeColumns: 0,
      textColumns: lists.columns.map((_, i) => i + 1),
      lastRow: height,
      validations: [],
    });
  }
  return { sheets };
}
