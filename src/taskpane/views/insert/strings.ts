/**
 * Texts of the insert view's flow (summary line, selection notice, update-or-copy dialog,
 * progress, next step). They live with the view, which is loaded on demand, so they add nothing
 * to the pane's first load. Chinese first; English without Chinese punctuation.
 */
import type { Bilingual } from '../../../core/i18n/text';

export const INSERT_STRINGS = {
  optionsToggle: { zh: '指标与工作表（已选 {n} / {total}）', en: 'Indicators and sheets ({n} of {total} selected)' },
  summaryKindReturn: { zh: '单位填报表', en: 'return' },
  summaryKindUnits: { zh: '单位表 {n} 个单位', en: 'unit table, {n} units' },
  summaryKindUnitsBlank: { zh: '单位表（单位由填报人填写）', en: 'unit table (fillers name the units)' },
  summaryKindOverview: { zh: '规划总览', en: 'plan overview' },
  summaryYear: { zh: '{year} 年', en: '{year}' },
  summaryCounts: { zh: '{indicators} 个指标，{inputs} 个填报项', en: '{indicators} indicators, {inputs} inputs' },
  summaryLabel: { zh: '将插入', en: 'Will insert' },
  // 读取所选区域
  selectionMany: {
    zh: '所选区域有 {n} 个名称（{names}）。多个单位需要“多单位汇总表”，当前是“单位填报表”（一个单位）。',
    en: 'The selection holds {n} names ({names}). Several units need a unit table; the current choice is a return (one unit).',
  },
  selectionToUnits: { zh: '改为单位表', en: 'Switch to unit table' },
  selectionKeep: { zh: '保持当前（只用“{first}”）', en: 'Keep the return (use "{first}" only)' },
  selectionRead: { zh: '已读取 {n} 个单位名称。', en: '{n} unit names read.' },
  // update or copy
  existsTitle: { zh: '工作簿中已有此计划的模板', en: 'This workbook already has a template of this plan' },
  existsBody: {
    zh: '已有模板：{sheets}（{units} 个单位行，已填 {values} 个数值）。再插入一份会出现两套相同的工作表，校验时会重复计算。',
    en: 'Existing template: {sheets} ({units} unit rows, {values} values filled). A second set of the same sheets would be counted twice by validation.',
  },
  existsMany: { zh: '共有 {n} 份，将更新最后插入的一份。', en: 'There are {n}; the last one inserted is updated.' },
  updateKeeps: {
    zh: '更新：按新的选项重建这些工作表（位置不变），已填的 {values} 个数值按单位和填报项带入，不会丢失；引用这些工作表的公式和名称仍然有效。',
    en: 'Update: rebuild these sheets with the new choices (same places); the {values} values filled are carried over by unit and input, none is lost; formulas and names that refer to these sheets keep working.',
  },
  updateBlocked: {
    zh: '无法更新：有 {n} 个已填数值在新模板中没有位置：{list}。可把相应指标或单位加入新模板，或新增一份。',
    en: 'Cannot update: {n} filled value(s) have no place in the new template: {list}. Add those indicators or units, or add a copy.',
  },
  copyMakes: { zh: '新增一份：新建工作表 {sheets}，原模板不变。', en: 'Add a copy: new sheets {sheets}; the existing template is unchanged.' },
  updateButton: { zh: '更新已有模板', en: 'Update it' },
  copyButton: { zh: '新增一份', en: 'Add a copy' },
  cancel: { zh: '取消', en: 'Cancel' },
  checking: { zh: '正在检查工作簿…', en: 'Checking the workbook…' },
  // progress
  progressPrepare: { zh: '正在准备单元格… {done} / {total}', en: 'Preparing cells… {done} of {total}' },
  progressWrite: { zh: 'Excel 正在写入 {total} 个单元格…', en: 'Excel is writing {total} cells…' },
  progressStart: { zh: '正在读取工作簿…', en: 'Reading the workbook…' },
  cancelled: { zh: '已取消，工作簿未作任何更改。', en: 'Cancelled; the workbook was not changed.' },
  // after inserting
  updated: { zh: '已更新：{sheets}（带入 {values} 个已填数值）', en: 'Updated: {sheets} ({values} filled values carried over)' },
  updatedFollowed: {
    zh: '{n} 个引用模板的公式或名称已随单元格的新位置更新。',
    en: '{n} formula(s) or name(s) referring to the template now point at the cells’ new places.',
  },
  nextStep: { zh: '下一步：在黄色单元格中填写数据，然后校验。', en: 'Next: fill in the yellow cells, then validate.' },
  goValidate: { zh: '去校验', en: 'Go to Validate' },
} as const satisfies Record<string, Bilingual>;

export type InsertStringKey = keyof typeof INSERT_STRINGS;
