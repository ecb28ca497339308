/**
 * Every text the task pane shows, in Chinese (the default) and English. Plan texts come from the
 * plans themselves and are picked with `pick`; messages from the core arrive already bilingual.
 * `{name}` placeholders are filled by `fill`.
 */
import type { Bilingual } from '../../core/i18n/text';

export const STRINGS = {
  appTitle: { zh: '教育规划指标', en: 'Edu Indicators' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  navLabel: { zh: '功能', en: 'Features' },
  viewLibrary: { zh: '计划库', en: 'Plans' },
  viewInsert: { zh: '插入模板', en: 'Template' },
  viewValidate: { zh: '校验', en: 'Validate' },
  viewDashboard: { zh: '进度', en: 'Progress' },
  viewConsolidate: { zh: '汇总', en: 'Collect' },
  viewSettings: { zh: '设置', en: 'Settings' },
  close: { zh: '关闭', en: 'Close' },
  back: { zh: '返回', en: 'Back' },
  retry: { zh: '重试', en: 'Retry' },

  // errors and start-up
  errorTitle: { zh: '出错了', en: 'Something went wrong' },
  errorHint: {
    zh: '面板遇到了问题，工作簿中的数据未受影响。可以重试，或关闭后重新打开面板。',
    en: 'The pane ran into a problem; the data in your workbook is untouched. Retry, or close and reopen the pane.',
  },
  errorDetails: { zh: '技术细节', en: 'Technical details' },
  officeTimeout: {
    zh: 'Office 未在 {seconds} 秒内就绪。请确认在 Excel 中打开本加载项，然后重新加载面板。',
    en: 'Office did not become ready within {seconds} seconds. Open this add-in inside Excel, then reload the pane.',
  },
  officeMissing: {
    zh: '未能加载 Office.js（可能离线或被网络策略阻止）。请检查网络后重新加载面板。',
    en: 'Office.js could not be loaded (offline or blocked by a network policy). Check the connection and reload the pane.',
  },
  notExcel: {
    zh: '本加载项只能在 Excel 中使用（当前宿主：{host}）。',
    en: 'This add-in works in Excel only (current host: {host}).',
  },

  // plan library
  searchPlans: { zh: '搜索计划或指标，如“蕉岭”“优质均衡”', en: 'Search plans or indicators, e.g. "Jiaoling"' },
  searchPlansLabel: { zh: '搜索计划', en: 'Search plans' },
  planCount: { zh: '共 {n} 个计划', en: '{n} plans' },
  noPlanMatch: { zh: '没有找到匹配“{q}”的计划或指标。', en: 'No plan or indicator matches "{q}".' },
  indicatorsN: { zh: '{n} 个指标', en: '{n} indicators' },
  matchesN: { zh: '{n} 个指标匹配', en: '{n} matching indicators' },
  period: { zh: '{from}–{to} 年', en: '{from}–{to}' },
  issuer: { zh: '发布', en: 'Issued by' },
  userPlan: { zh: '导入', en: 'Imported' },
  importPlan: { zh: '导入计划文件…', en: 'Import plan file…' },
  importHint: {
    zh: 'JSON 格式，按计划结构检查；导入的计划在插入模板时随工作簿保存。',
    en: 'JSON, checked against the plan schema; an imported plan travels inside the workbooks you insert it into.',
  },
  importOk: { zh: '已导入“{title}”（{n} 个指标）。', en: 'Imported "{title}" ({n} indicators).' },
  importReplaced: { zh: '已替换同编号的计划“{id}”。', en: 'Replaced the plan with the same id "{id}".' },
  importFailed: { zh: '“{file}”不是有效的计划文件：', en: '"{file}" is not a valid plan file:' },
  importMore: { zh: '另有 {n} 处问题未列出。', en: '{n} more problems not listed.' },
  useThisPlan: { zh: '用此计划插入模板', en: 'Insert a template for this plan' },
  baseline: { zh: '基期', en: 'Baseline' },
  target: { zh: '目标', en: 'Target' },
  sourceLabel: { zh: '出处：', en: 'Source: ' },
  line: { zh: '第 {n} 行', en: 'line {n}' },
  binding: { zh: '约束性', en: 'binding' },
  expected: { zh: '预期性', en: 'expected' },
  conflictNote: { zh: '同一指标另有阈值：{ids}', en: 'Same measure with another threshold: {ids}' },
  sectionIndicators: { zh: '{title}（{n}）', en: '{title} ({n})' },

  // insert template
  plan: { zh: '计划', en: 'Plan' },
  choosePlan: { zh: '选择计划', en: 'Choose a plan' },
  templateKind: { zh: '模板类型', en: 'Template kind' },
  kindReturn: { zh: '单位填报表（一个单位）', en: 'Indicator return (one unit)' },
  kindUnits: { zh: '多单位汇总表（每行一个单位）', en: 'Unit table (one row per unit)' },
  kindOverview: { zh: '规划总览（仅供查阅）', en: 'Plan overview (reference)' },
  indicators: { zh: '指标', en: 'Indicators' },
  selectedOf: { zh: '已选 {n} / {total}', en: '{n} of {total} selected' },
  level: { zh: '学段', en: 'Level' },
  levelAll: { zh: '按各指标自身学段', en: "Each indicator's own level" },
  reporter: { zh: '填报层级', en: 'Filled by' },
  reporterHint: { zh: '只含该层级填报和判定的项目', en: 'Only what that level reports and is judged on' },
  reporterWhole: { zh: '规划本级（全部指标）', en: "The plan's own level (all indicators)" },
  year: { zh: '报告年份', en: 'Report year' },
  units: { zh: '填报单位', en: 'Reporting units' },
  unitsHint: {
    zh: '每行一个（学校、幼儿园或乡镇），可直接粘贴；也可留空让填报人填写。',
    en: 'One per line (schools, kindergartens or towns); paste a list, or leave empty for fillers to type.',
  },
  unitsFromSelection: { zh: '读取所选区域', en: 'Use selected cells' },
  unitsCount: { zh: '{n} 个单位', en: '{n} units' },
  unitsFromSelectionNone: { zh: '所选区域没有文字。请先在工作表中选中单位名称。', en: 'The selected cells hold no text. Select the unit names in a sheet first.' },
  unitsDuplicate: { zh: '重复的单位：{names}', en: 'Duplicate units: {names}' },
  countySummary: { zh: '包含县域汇总', en: 'Include the county summary' },
  returnUnit: { zh: '填报单位名称', en: 'Reporting unit' },
  previewTitle: { zh: '将新建的工作表', en: 'Sheets to be created' },
  previewSheet: { zh: '{name}：{rows} 行 × {cols} 列，{inputs} 个填报格', en: '{name}: {rows} rows × {cols} columns, {inputs} input cells' },
  previewSafe: {
    zh: '只新建工作表（同名时自动加序号），不会覆盖已有数据。',
    en: 'Only new sheets are created (numbered when a name is taken); existing data is never overwritten.',
  },
  insert: { zh: '插入模板', en: 'Insert template' },
  inserted: { zh: '已插入：{sheets}', en: 'Inserted: {sheets}' },
  noIndicatorsChosen: { zh: '请至少选择一个指标。', en: 'Choose at least one indicator.' },
  buildFailed: { zh: '无法生成模板', en: 'Cannot build the template' },
  protectedWithPassword: { zh: '工作表将用设置中的密码保护。', en: 'Sheets will be protected with the password from Settings.' },

  // validate
  runValidation: { zh: '校验', en: 'Validate' },
  rerunValidation: { zh: '重新校验', en: 'Validate again' },
  validateIntro: {
    zh: '读取本工作簿中的模板，按计划检查已填数据，标记有问题的单元格并生成“审核结果”表。不会修改已填的数值。',
    en: 'Reads the templates in this workbook, checks the entered data against the plan, marks the cells with issues and writes the review sheet. Entered values are never changed.',
  },
  noTemplate: {
    zh: '本工作簿中还没有模板，先插入一个。',
    en: 'This workbook has no template yet; insert one first.',
  },
  unknownPlan: {
    zh: '模板所用的计划“{id}”不在计划库中。请先导入该计划文件。',
    en: 'The template uses plan "{id}", which is not in the library. Import that plan file first.',
  },
  noIssues: { zh: '没有发现问题。', en: 'No issues found.' },
  severityError: { zh: '强制（错误）', en: 'Errors (must fix)' },
  severityWarning: { zh: '提示（需说明）', en: 'Warnings (explain)' },
  severityExplained: { zh: '已说明', en: 'Explained' },
  severityInfo: { zh: '说明（已按规范读取）', en: 'Notes (read after normalising)' },
  explanationLabel: { zh: '说明：', en: 'Explanation: ' },
  filterAll: { zh: '全部', en: 'All' },
  filterErrors: { zh: '错误', en: 'Errors' },
  filterWarnings: { zh: '提示', en: 'Warnings' },
  filterIssues: { zh: '筛选问题', en: 'Filter issues' },
  filterSeverity: { zh: '按严重程度筛选', en: 'Filter by severity' },
  goTo: { zh: '定位到', en: 'Go to' },
  suggestedFix: { zh: '建议改为：{text}', en: 'Suggested value: {text}' },
  acceptFix: { zh: '接受修正', en: 'Accept fix' },
  fixApplied: { zh: '已将 {cell} 改为 {value}。', en: '{cell} changed to {value}.' },
  markLegend: { zh: '单元格标记', en: 'Cell marks' },
  markError: { zh: '错误', en: 'error' },
  markMissing: { zh: '未填', en: 'not filled in' },
  markWarning: { zh: '提示', en: 'warning' },
  markInfo: { zh: '说明', en: 'note' },
  clearMarks: { zh: '清除标记', en: 'Clear marks' },
  marksCleared: { zh: '已清除单元格标记（保留原有格式）。', en: 'Cell marks cleared (your own formatting is kept).' },
  reviewWritten: { zh: '审核结果已写入“{sheet}”工作表。', en: 'Results written to the "{sheet}" sheet.' },
  showMore: { zh: '再显示 {n} 条（还有 {rest} 条）', en: 'Show {n} more ({rest} left)' },
  missingTitle: { zh: '未填', en: 'Not filled in' },
  missingByUnit: { zh: '{name}：{n} 项未填', en: '{name}: {n} values missing' },
  missingByColumn: { zh: '{col} 列：{n} 个单位未填', en: 'Column {col}: {n} units missing' },
  validatedAt: { zh: '校验于 {time}', en: 'Validated at {time}' },

  // dashboard
  dashboardIntro: { zh: '按最近一次校验读取的数据计算。', en: 'Computed from the data read by the last validation.' },
  dashboardEmpty: { zh: '还没有数据。先运行一次校验。', en: 'No data yet. Run a validation first.' },
  loadData: { zh: '读取工作簿数据', en: 'Read workbook data' },
  binding_misses: { zh: '未达标的约束性指标', en: 'Binding targets missed' },
  noBindingMisses: { zh: '约束性指标全部达标或暂无数据。', en: 'No binding target missed.' },
  achievement: { zh: '达成度', en: 'Achievement' },
  onTrack: { zh: '按进度', en: 'On track' },
  offTrack: { zh: '落后于进度', en: 'Behind schedule' },
  expectedByYear: { zh: '{year} 年应达 {value}', en: 'Expected by {year}: {value}' },
  chartCaption: { zh: '{section}：各指标达成度（100%\u00a0=\u00a0达到目标）', en: '{section}: achievement per indicator (100%\u00a0=\u00a0target\u00a0met)' },
  chartCaptionUnits: { zh: '{section}：各指标的单位达标情况', en: '{section}: units by status per indicator' },
  expectedTick: { zh: '本年应达进度', en: 'expected by this year' },
  statusCounts: { zh: '各状态指标数', en: 'Indicators by status' },
  dataFlag: { zh: '数据待核实：{list}', en: 'Data to check: {list}' },
  dataSummary: { zh: '所依据数据的校验结果：{list}（详见“校验”）', en: 'Validation of the data behind these numbers: {list} (see Validate)' },
  dataClean: { zh: '所依据的数据没有校验问题。', en: 'The data behind these numbers has no validation issues.' },
  unitLabel: { zh: '单位', en: 'Unit' },
  templateLabel: { zh: '模板', en: 'Template' },
  allUnits: { zh: '全部单位', en: 'All units' },
  actual: { zh: '实际', en: 'Actual' },

  // settings
  language: { zh: '语言', en: 'Language' },
  langFollowOffice: { zh: '跟随 Office（{current}）', en: 'Follow Office ({current})' },
  langZh: { zh: '中文', en: 'Chinese' },
  langEn: { zh: 'English', en: 'English' },
  tolerance: { zh: '“接近”区间', en: '"Close" band' },
  toleranceHint: {
    zh: '未达标但差距在此范围内显示为“接近”。留空则使用计划自带的区间。',
    en: 'A miss within this band shows as "close". Leave empty to use the plan\'s own band.',
  },
  toleranceAbsolute: { zh: '绝对差（指标单位，如百分点）', en: 'Absolute (in the indicator unit, e.g. points)' },
  toleranceRelative: { zh: '相对差（目标的百分比）', en: 'Relative (% of the target)' },
  toleranceInvalid: { zh: '请输入不小于 0 的数字。', en: 'Enter a number ≥ 0.' },
  protection: { zh: '工作表保护', en: 'Sheet protection' },
  protectionHint: {
    zh: '模板默认无密码保护（填报人可自行撤销）。设置密码后请妥善保管，丢失无法找回。',
    en: 'Templates are protected without a password by default (fillers can unprotect). Keep a password safe: it cannot be recovered.',
  },
  usePassword: { zh: '使用密码保护', en: 'Protect with a password' },
  password: { zh: '密码', en: 'Password' },
  about: { zh: '关于', en: 'About' },
  version: { zh: '版本 {v}', en: 'Version {v}' },
  requirementSets: { zh: '支持的 Excel 功能', en: 'Supported Excel features' },
  allFeatures: { zh: '本 Excel 支持加载项的全部功能。', en: 'This Excel supports every feature of the add-in.' },
} as const satisfies Record<string, Bilingual>;

export type StringKey = keyof typeof STRINGS;
export type Params = Record<string, string | number>;

/** Params for a counted noun: `{n}` and, for English, the plural `{s}`. */
export function counted(n: number): Params {
  return { n, s: n === 1 ? '' : 's' };
}

/** Replaces `{name}` with params.name; unknown placeholders stay visible so a missing one is noticed. */
export function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** A string in both languages, filled (for errors, which are shown in whichever language is current). */
export function bilingual(key: StringKey, params?: Params): Bilingual {
  return { zh: fill(STRINGS[key].zh, params), en: fill(STRINGS[key].en, params) };
}
