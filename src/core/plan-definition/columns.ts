/**
 * The plan definition workbook's layout: which sheets it has and what each column holds.
 *
 * One table per sheet drives both directions (plan → rows in write.ts, rows → plan in read.ts),
 * so a column is added once and both the writer and the reader know it. A column's `path` is
 * where its value lives in the plan object of its row (`name.zh`, `baseline.value`,
 * `source.quote`); the few cells whose meaning depends on another (a target's value, a rule's
 * parts) are handled by name in write.ts / read.ts.
 *
 * Row 1 holds the Chinese header (with a note explaining the column), row 2 the column's key,
 * which is what the reader matches (so columns may be reordered); data starts on row 3.
 */
import { Attribute, IndicatorReporter, Input, InputKind, Level, MeasureKind, Relation, Reporter, Severity } from '../plan/schema';

/** How a cell is read and written. */
export type ValueType =
  | 'text' // free text, kept as typed
  | 'number' // a finite number (a text cell holding a plain number is accepted)
  | 'int' // a whole number
  | 'bool' // 是 / 否
  | 'id' // an id from the safe alphabet (checked by the schema)
  | 'ids' // ids separated by commas, 、 or spaces
  | 'enum'; // one of `vocab`

export interface Column {
  key: string;
  /** Chinese header. */
  zh: string;
  en: string;
  /** The header's note (批注), in Chinese: what to type and how it is used. */
  note: string;
  type: ValueType;
  vocab?: readonly string[];
  /** Where the value lives in the row's object; defaults to `key`. Empty: handled by name. */
  path?: string;
  /** An empty cell means '' rather than "not given" (an indicator's unit may be empty). */
  emptyIsBlank?: boolean;
  width: number;
  /** A list validation taken from a range of another sheet (ids defined there), `{sheet, column key}`. */
  listFrom?: { sheet: SheetKey; key: string };
  /** Indicator sheet: the column belongs to the target of the row, not to the indicator. */
  target?: boolean;
}

export const YES = '是';
export const NO = '否';
export const BOOL_VOCAB = [YES, NO] as const;

export const COMPARATORS = [...Relation.options, 'between', 'relative', 'bool', 'count'] as const;
export const COMPUTE_KINDS = ['direct', 'ratio', 'sum'] as const;
export const RULE_KINDS = ['partLeTotal', 'sumEquals'] as const;
export const SOURCE_KINDS = ['seed', 'standard', 'user'] as const;

/** The five columns of a citation (a seed line: file + line + quote; a document: document + article + quote). */
function citation(prefix: string, zhPrefix: string, enPrefix: string, target = false): Column[] {
  return [
    { key: `${prefix}.file`, zh: `${zhPrefix}文件`, en: `${enPrefix} file`, type: 'text', width: 14, target, note: 'seeds/sources/ 中的种子文件名（与“行号”“引文”一起使用）' },
    { key: `${prefix}.line`, zh: `${zhPrefix}行号`, en: `${enPrefix} line`, type: 'int', width: 7, target, note: '种子文件中的行号（从 1 开始）' },
    { key: `${prefix}.document`, zh: `${zhPrefix}文件名称`, en: `${enPrefix} document`, type: 'text', width: 18, target, note: '所引用的文件名称（国家标准、局发文件），不用种子文件时填写' },
    { key: `${prefix}.article`, zh: `${zhPrefix}条款`, en: `${enPrefix} article`, type: 'text', width: 10, target, note: '条款或附件编号，如“第五条”“附件B24”' },
    { key: `${prefix}.quote`, zh: `${zhPrefix}引文`, en: `${enPrefix} quote`, type: 'text', width: 30, target, note: '原文摘录（逐字），供核对' },
  ];
}

export type SheetKey = 'plan' | 'sections' | 'inputs' | 'indicators' | 'rules' | 'balance' | 'stageWeights';

/** Sheet names (Chinese, as a user sees them). */
export const SHEET_NAMES: Readonly<Record<SheetKey, string>> = {
  plan: '计划',
  sections: '分组',
  inputs: '输入项',
  indicators: '指标',
  rules: '规则',
  balance: '均衡',
  stageWeights: '学段权重',
};
export const SHEET_NAMES_EN: Readonly<Record<SheetKey, string>> = {
  plan: 'plan',
  sections: 'sections',
  inputs: 'inputs',
  indicators: 'indicators',
  rules: 'rules',
  balance: 'balance',
  stageWeights: 'stage weights',
};
/** The instructions sheet (first, read by people only) and the hidden sheet holding long lists. */
export const README_SHEET = '说明';
export const LISTS_SHEET = '_edu_lists';

/** First data row of a table sheet (row 1 Chinese headers, row 2 keys). */
export const FIRST_DATA_ROW = 3;
/** Rows the validations and list ranges cover below the data, so new rows get them too. */
export const SPARE_ROWS = 500;

// ---- key/value sheets (计划, 均衡): one row per field, columns 名称 | key | 值 | 说明 ----

export interface Field {
  key: string;
  zh: string;
  type: ValueType;
  vocab?: readonly string[];
  note: string;
}

export const PLAN_FIELDS: readonly Field[] = [
  { key: 'id', zh: '计划 id', type: 'id', note: '小写字母、数字、点、横线，如 yangjiang-2021-2025；全目录唯一' },
  { key: 'version', zh: '版本', type: 'text', note: '形如 1.0.0；修改指标后请递增' },
  { key: 'schemaVersion', zh: '格式版本', type: 'int', note: '计划格式版本，目前为 1' },
  { key: 'title.zh', zh: '标题（中文）', type: 'text', note: '文件标题' },
  { key: 'title.en', zh: '标题（英文）', type: 'text', note: '英文标题（可选）' },
  { key: 'issuer.zh', zh: '发文机关', type: 'text', note: '如 阳江市人民政府' },
  { key: 'issuer.en', zh: '发文机关（英文）', type: 'text', note: '可选' },
  { key: 'region.zh', zh: '地区', type: 'text', note: '如 阳江市；国家标准填“全国”' },
  { key: 'region.en', zh: '地区（英文）', type: 'text', note: '可选' },
  { key: 'reporter', zh: '目标层级', type: 'enum', vocab: Reporter.options, note: '计划目标针对的层级：county 县、city 市、province 省（留空按地区推定）' },
  { key: 'period.from', zh: '起始年份', type: 'int', note: '规划期第一年，如 2021' },
  { key: 'period.to', zh: '结束年份', type: 'int', note: '规划期最后一年，如 2025' },
  { key: 'source.kind', zh: '来源类型', type: 'enum', vocab: SOURCE_KINDS, note: 'seed = seeds/sources 中的种子文件；standard = 国家标准；user = 本局自订' },
  { key: 'source.file', zh: '来源文件', type: 'text', note: '来源类型为 seed 时：种子文件名' },
  { key: 'source.document', zh: '来源文件名称', type: 'text', note: '来源类型为 standard 时：文件名称及文号' },
  { key: 'source.title', zh: '来源标题', type: 'text', note: '来源文件的标题' },
  { key: 'tolerance.absolute', zh: '默认容差（绝对）', type: 'number', note: '未单独设容差的指标：差距在此范围内（指标单位）记为“接近”' },
  { key: 'tolerance.relative', zh: '默认容差（相对）', type: 'number', note: '目标值的比例，如 0.05 = 5%' },
  { key: '$schema', zh: 'JSON 架构', type: 'text', note: '编辑器补全用的 JSON Schema 路径（可选）' },
];

export const BALANCE_FIELDS: readonly Field[] = [
  { key: 'indicators', zh: '资源配置指标', type: 'ids', note: '参与“达标校”判定的指标 id，按顺序，逗号分隔（优质均衡 B1…B7）' },
  { key: 'minMeeting', zh: '至少达标项数', type: 'int', note: '每校至少达到标准的指标项数（国家标准：6）' },
  { key: 'floorRatio', zh: '未达标项下限', type: 'number', note: '其余指标不得低于标准的比例（国家标准：0.85）' },
  ...(['小学', '初中'] as const).map((level): Field => ({
    key: `cvLimit.${level}`,
    zh: `差异系数上限（${level}）`,
    type: 'number',
    note: `${level}各项指标校际差异系数不高于此值（国家标准：小学 0.50，初中 0.45）`,
  })),
  { key: 'source.file', zh: '出处文件', type: 'text', note: '种子文件名' },
  { key: 'source.line', zh: '出处行号', type: 'int', note: '种子文件中的行号' },
  { key: 'source.document', zh: '出处文件名称', type: 'text', note: '文件名称及文号' },
  { key: 'source.article', zh: '出处条款', type: 'text', note: '条款' },
  { key: 'source.quote', zh: '出处引文', type: 'text', note: '原文摘录' },
];

/** Other stages may carry a 差异系数 limit too: `cvLimit.<学段>` rows are read for every level. */
export const CV_LIMIT_PREFIX = 'cvLimit.';

// ---- table sheets ----

export const SECTION_COLUMNS: readonly Column[] = [
  { key: 'id', zh: '分组 id', en: 'section id', type: 'id', width: 22, note: '分组（章节）的 id，指标表“分组”列引用它' },
  { key: 'title.zh', zh: '分组名称', en: 'title', type: 'text', width: 30, note: '如 “学前教育”' },
  { key: 'title.en', zh: '分组名称（英文）', en: 'title (en)', type: 'text', width: 30, note: '可选' },
];

export const INPUT_COLUMNS: readonly Column[] = [
  { key: 'id', zh: '输入 id', en: 'input id', type: 'id', width: 26, note: '学校或区县填报的原始数（人数、金额、面积…）的 id；指标的计算引用它' },
  { key: 'name.zh', zh: '名称', en: 'name', type: 'text', width: 26, note: '填报表上显示的名称' },
  { key: 'name.en', zh: '名称（英文）', en: 'name (en)', type: 'text', width: 26, note: '可选' },
  { key: 'kind', zh: '类型', en: 'kind', type: 'enum', vocab: InputKind.options, width: 9, note: 'count 人数/个数（整数）；amount 金额/面积等；percent 百分数；boolean 是/否；text 文本' },
  { key: 'unit', zh: '单位', en: 'unit', type: 'text', width: 7, note: '如 人、元、平方米' },
  { key: 'min', zh: '最小值', en: 'min', type: 'number', width: 8, note: '低于此值为错误（通常 0）' },
  { key: 'max', zh: '最大值', en: 'max', type: 'number', width: 8, note: '高于此值为错误（可空）' },
  { key: 'allowMissing', zh: '允许缺失代码', en: 'allow missing', type: 'bool', vocab: BOOL_VOCAB, width: 8, note: '是：可填“不适用”“暂无数据”“—”（不计为 0）' },
  { key: 'required', zh: '必填', en: 'required', type: 'bool', vocab: BOOL_VOCAB, width: 7, note: '是：空白记为缺报' },
  { key: 'level', zh: '学段', en: 'level', type: 'enum', vocab: Level.options, width: 9, note: '此数据所属学段（九年一贯制学校按学段拆分时使用）' },
  { key: 'reportedBy', zh: '填报层级', en: 'reported by', type: 'enum', vocab: Reporter.options, width: 9, note: '最低一级掌握此数的单位：school 学校、county 区县、city 市、province 省（留空则自动推定）' },
  { key: 'stageSplit', zh: '分学段方式', en: 'stage split', type: 'enum', vocab: Input.shape.stageSplit.unwrap().options, width: 9, note: '九年一贯制等学校：collect 按学段分别填报（学生数）；split 填全校数后按学段权重拆分（教师、面积、设备）；留空自动推定' },
  { key: 'help.zh', zh: '口径说明', en: 'definition', type: 'text', width: 36, note: '统计口径：含哪些、不含哪些、按何时点统计' },
  { key: 'help.en', zh: '口径说明（英文）', en: 'definition (en)', type: 'text', width: 30, note: '可选' },
];

export const INDICATOR_COLUMNS: readonly Column[] = [
  { key: 'section', zh: '分组', en: 'section', type: 'id', path: '', width: 18, listFrom: { sheet: 'sections', key: 'id' }, note: '所属分组的 id（见“分组”表）' },
  { key: 'id', zh: '指标 id', en: 'indicator id', type: 'id', width: 30, note: '指标的 id；同一指标有多个目标（分学段、分年份）时，每个目标一行，id 相同且相邻' },
  { key: 'code', zh: '编号', en: 'code', type: 'text', width: 6, note: '文件中的编号，如 B1' },
  { key: 'name.zh', zh: '指标名称', en: 'name', type: 'text', width: 28, note: '文件中的指标名称' },
  { key: 'name.en', zh: '指标名称（英文）', en: 'name (en)', type: 'text', width: 28, note: '可选' },
  { key: 'unit', zh: '单位', en: 'unit', type: 'text', emptyIsBlank: true, width: 7, note: '如 %、人、元、所；无单位留空' },
  { key: 'kind', zh: '数值类型', en: 'kind', type: 'enum', vocab: MeasureKind.options, width: 11, note: 'rate 净比率(0–100)；grossRatio 毛比率(可超100)；count 个数；per100 每百名学生；perPupil 生均；ratio 比值；coefficient 系数；amount 数量金额；boolean 是否' },
  { key: 'precision', zh: '小数位', en: 'precision', type: 'int', width: 6, note: '显示和判定达标所用的小数位数（可空，按类型默认）' },
  { key: 'level', zh: '学段', en: 'level', type: 'enum', vocab: Level.options, width: 9, note: '指标所属学段或范围' },
  { key: 'attribute', zh: '属性', en: 'attribute', type: 'enum', vocab: Attribute.options, width: 7, note: '约束性 或 预期性（文件未注明则留空）' },
  { key: 'reportedBy', zh: '填报层级', en: 'reported by', type: 'enum', vocab: IndicatorReporter.options, width: 9, note: '由谁填报、对谁判定：school 学校、county 区县、city 市、province 省、consolidation 汇总时计算（如校际差异系数）；留空自动推定' },
  { key: 'target.level', path: 'level', target: true, zh: '目标学段', en: 'target level', type: 'enum', vocab: Level.options, width: 8, note: '此目标适用的学段（如优质均衡 B1：小学 4.2、初中 5.3 各一行）' },
  { key: 'target.comparator', path: 'comparator', target: true, zh: '比较', en: 'comparator', type: 'enum', vocab: COMPARATORS, width: 8, note: '>= 不低于；> 高于；<= 不超过；< 低于；= 等于；between 区间；relative 与另一数比较；bool 是否；count 至少若干个' },
  { key: 'target.value', path: '', target: true, zh: '目标值', en: 'target', type: 'number', width: 8, note: '数字（百分数写 96，不写 96%）；比较为 bool 时填 是/否；区间的下限；文件未给数时留空并填“占位”' },
  { key: 'target.high', path: '', target: true, zh: '目标上限', en: 'upper bound', type: 'number', width: 8, note: '仅比较为 between 时：区间上限' },
  { key: 'target.placeholder', path: 'placeholder', target: true, zh: '占位', en: 'placeholder', type: 'text', width: 7, note: '文件未给出数值时的原文占位，如 xx%（目标值留空）' },
  { key: 'target.year', path: 'year', target: true, zh: '目标年份', en: 'year', type: 'int', width: 7, note: '到哪一年达到（常设标准留空）' },
  { key: 'target.milestone', path: 'milestone', target: true, zh: '阶段目标', en: 'milestone', type: 'bool', vocab: BOOL_VOCAB, width: 7, note: '是：这是中途的阶段性目标（如 2025 年，终期 2035 年）' },
  { key: 'target.relation', path: 'relation', target: true, zh: '相对关系', en: 'relation', type: 'enum', vocab: Relation.options, width: 7, note: '比较为 relative 时：实际值与参照值的关系，如 >=' },
  { key: 'target.reference.name.zh', path: 'reference.name.zh', target: true, zh: '参照名称', en: 'reference', type: 'text', width: 18, note: '比较为 relative 时：参照的数，如“当地公务员平均工资收入水平”' },
  { key: 'target.reference.name.en', path: 'reference.name.en', target: true, zh: '参照名称（英文）', en: 'reference (en)', type: 'text', width: 18, note: '可选' },
  { key: 'target.reference.input', path: 'reference.input', target: true, zh: '参照输入', en: 'reference input', type: 'id', width: 14, listFrom: { sheet: 'inputs', key: 'id' }, note: '参照值由哪个输入项填报（输入 id）' },
  { key: 'target.reference.indicator', path: 'reference.indicator', target: true, zh: '参照指标', en: 'reference indicator', type: 'id', width: 14, note: '参照值为另一指标时：其 id' },
  { key: 'target.factor', path: 'factor', target: true, zh: '倍数', en: 'factor', type: 'number', width: 6, note: '比较为 relative 时：参照值乘以此倍数（默认 1）' },
  { key: 'target.per.zh', path: 'per.zh', target: true, zh: '每…', en: 'per', type: 'text', width: 12, note: '比较为 count 时的范围，如“每个乡镇”' },
  { key: 'target.per.en', path: 'per.en', target: true, zh: '每…（英文）', en: 'per (en)', type: 'text', width: 12, note: '可选' },
  { key: 'target.condition.zh', path: 'condition.zh', target: true, zh: '适用条件', en: 'condition', type: 'text', width: 16, note: '目标只适用于部分对象时，如“20万人口以上的县（区）”' },
  { key: 'target.condition.en', path: 'condition.en', target: true, zh: '适用条件（英文）', en: 'condition (en)', type: 'text', width: 16, note: '可选' },
  { key: 'target.note.zh', path: 'note.zh', target: true, zh: '目标备注', en: 'target note', type: 'text', width: 16, note: '关于此目标的说明' },
  { key: 'target.note.en', path: 'note.en', target: true, zh: '目标备注（英文）', en: 'target note (en)', type: 'text', width: 16, note: '可选' },
  ...citation('target.source', '目标出处', 'target source', true).map((c) => ({ ...c, path: c.key.slice('target.'.length) })),
  { key: 'baseline.value', zh: '基期值', en: 'baseline', type: 'number', width: 8, note: '基期（如 2020 年）的实际值' },
  { key: 'baseline.qualifier', zh: '基期限定', en: 'baseline qualifier', type: 'enum', vocab: Relation.options, width: 7, note: '文件写“>100”时填 >（基期值 100）；确数填 = 或留空' },
  { key: 'baseline.year', zh: '基期年份', en: 'baseline year', type: 'int', width: 7, note: '基期值的年份' },
  ...citation('baseline.source', '基期出处', 'baseline source'),
  { key: 'tolerance.absolute', zh: '容差（绝对）', en: 'tolerance (absolute)', type: 'number', width: 8, note: '差距在此范围内（指标单位，如 2 个百分点）记为“接近”' },
  { key: 'tolerance.relative', zh: '容差（相对）', en: 'tolerance (relative)', type: 'number', width: 8, note: '目标值的比例，如 0.05' },
  { key: 'compute.kind', zh: '计算方式', en: 'computation', type: 'enum', vocab: COMPUTE_KINDS, width: 9, note: 'direct 直接填报指标值；ratio 分子÷分母×系数；sum 各输入项求和' },
  { key: 'compute.numerator', zh: '分子', en: 'numerator', type: 'ids', width: 24, note: 'ratio：分子的输入 id（多个则相加，逗号分隔）' },
  { key: 'compute.denominator', zh: '分母', en: 'denominator', type: 'ids', width: 24, note: 'ratio：分母的输入 id（多个则相加）' },
  { key: 'compute.scale', zh: '系数', en: 'scale', type: 'number', width: 6, note: 'ratio：百分比、每百名学生填 100，生均填 1' },
  { key: 'compute.inputs', zh: '求和项', en: 'summed inputs', type: 'ids', width: 24, note: 'sum：相加的输入 id' },
  { key: 'range.min', zh: '合理下限', en: 'range min', type: 'number', width: 8, note: '低于此值提示核实' },
  { key: 'range.max', zh: '合理上限', en: 'range max', type: 'number', width: 8, note: '高于此值提示核实' },
  { key: 'range.plausibleMax', zh: '常见上限', en: 'plausible max', type: 'number', width: 8, note: '超过此值提示（如毛入学率 > 150）' },
  { key: 'range.maxChange', zh: '最大变动', en: 'max change', type: 'number', width: 8, note: '与基期或上年相比变动超过此值须说明' },
  { key: 'conflictsWith', zh: '冲突指标', en: 'conflicts with', type: 'ids', width: 18, note: '同一计划中同一事项阈值不同的另一指标 id（如正文 98% 与附件 95%）' },
  { key: 'implements.plan', zh: '上级计划', en: 'implements plan', type: 'id', width: 18, note: '此指标落实的上级计划或国家标准的 id（如 national-yzjh-2017）' },
  { key: 'implements.indicator', zh: '上级指标', en: 'implements indicator', type: 'id', width: 12, note: '上级计划中对应指标的 id（如 b24）；目录据此比较本地阈值是否更严' },
  ...citation('implements.source', '上级出处', 'link source'),
  { key: 'note.zh', zh: '备注', en: 'note', type: 'text', width: 24, note: '关于此指标的说明' },
  { key: 'note.en', zh: '备注（英文）', en: 'note (en)', type: 'text', width: 20, note: '可选' },
  ...citation('source', '出处', 'source'),
];

export const RULE_COLUMNS: readonly Column[] = [
  { key: 'id', zh: '规则 id', en: 'rule id', type: 'id', width: 26, note: '表内审核规则的 id' },
  { key: 'kind', zh: '类型', en: 'kind', type: 'enum', vocab: RULE_KINDS, width: 11, note: 'partLeTotal：各部分之和 ≤ 总数；sumEquals：各部分之和 = 总数' },
  { key: 'parts', zh: '部分项', en: 'parts', type: 'ids', path: '', width: 30, note: '部分的输入 id，逗号分隔（sumEquals 至少两个）' },
  { key: 'total', zh: '总数项', en: 'total', type: 'id', width: 22, listFrom: { sheet: 'inputs', key: 'id' }, note: '总数的输入 id' },
  { key: 'tolerance', zh: '允许误差', en: 'tolerance', type: 'number', width: 8, note: '仅 sumEquals：允许的绝对误差（默认 0）' },
  { key: 'severity', zh: '级别', en: 'severity', type: 'enum', vocab: Severity.options, width: 8, note: 'error 错误；warning 提示' },
];

export const STAGE_WEIGHT_COLUMNS: readonly Column[] = [
  { key: 'schoolType.zh', zh: '学校类型', en: 'school type', type: 'text', width: 16, note: '如 九年一贯制学校；每个学段一行' },
  { key: 'schoolType.en', zh: '学校类型（英文）', en: 'school type (en)', type: 'text', width: 22, note: '可选' },
  { key: 'level', zh: '学段', en: 'level', type: 'enum', vocab: Level.options, width: 9, path: '', note: '学段' },
  { key: 'weight', zh: '权重', en: 'weight', type: 'number', width: 8, path: '', note: '该学段学生的折算权重（正数）' },
];

export const TABLE_COLUMNS: Readonly<Record<Exclude<SheetKey, 'plan' | 'balance'>, readonly Column[]>> = {
  sections: SECTION_COLUMNS,
  inputs: INPUT_COLUMNS,
  indicators: INDICATOR_COLUMNS,
  rules: RULE_COLUMNS,
  stageWeights: STAGE_WEIGHT_COLUMNS,
};

export function pathOf(c: Column): string {
  return c.path ?? c.key;
}
