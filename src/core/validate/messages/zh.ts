/**
 * 中文提示：每条都说清 单元格、名称、数值、规则、怎么改。
 * Written for a county statistician: the words of 统计审核 (分项、总数、说明栏), no jargon.
 */
import type { Catalogue } from './catalogue';
import { joinNames, num, pickLang, reasonText, refName, shown, subject } from './format';

const EXPLAIN = '如数据属实，请在“说明”栏写明原因';

const INPUT_CELL_REASON = {
  'not-mapped': '模板信息中没有它的单元格',
  'sheet-missing': '所在工作表已被删除或改名',
  'name-missing': '定义名称已被删除，已按模板生成时的位置读取',
  'name-broken': '定义名称指向的区域已被删除，已按模板生成时的位置读取',
  deleted: '所在的行或列已被删除，此项未读取（不会用相邻单元格代替）',
} as const;

const PLAN_NOT_RELEASED = {
  'unknown-id': '不是发布的规划（规划库中没有这个编号）',
  'hash-differs': '与发布版本的内容不一致（内嵌规划或模板信息中的规划指纹被修改）',
  'version-differs': '的版本号与发布版本不一致（模板由旧版规划生成，或模板信息中的版本号被修改）',
  'embedded-differs': '内嵌的规划与发布版本不一致（被修改过）',
} as const;

export const zh: Catalogue = {
  'normalized-value': (i, c) =>
    `${subject(i, c, 'zh')}${shown(i.value, 'zh')} 已按数字 ${num(i.params.number)} 读取` +
    `${i.params.note ? `（${i.params.note.zh}）` : ''}：可接受建议，改为数字 ${num(i.params.number)}`,
  'type-error': (i, c) => {
    const why = reasonText(i.params.reason, i.params.text, 'zh');
    return `${subject(i, c, 'zh')}${shown(i.value, 'zh')} 不是数字${why ? `（${why}）` : ''}：请填写数字；没有数据时填“暂无数据”，不涉及时填“不适用”`;
  },
  'error-value': (i, c) =>
    `${subject(i, c, 'zh')}是错误值 ${i.params.error}：此处应直接填写数字，请删除公式或错误内容后重新填写`,
  'not-whole': (i, c) => `${subject(i, c, 'zh')}${num(i.params.number)} 不是整数：人数、个数须为整数，请核对`,
  'negative-count': (i, c) => `${subject(i, c, 'zh')}${num(i.params.number)} 小于 0：此项不能为负数，请核对`,
  'not-boolean': (i, c) => `${subject(i, c, 'zh')}${shown(i.value, 'zh')} 不是“是/否”：请填写“是”或“否”`,
  'date-value': (i, c) =>
    `${subject(i, c, 'zh')}是日期（${i.params.text}）：此处应填写数字，单元格可能被设成了日期格式，请改为常规格式后重填`,
  'required-missing': (i, c) => `${subject(i, c, 'zh')}未填写：此项必填；没有数据时填“暂无数据”，不涉及时填“不适用”`,
  'missing-code-not-allowed': (i, c) =>
    `${subject(i, c, 'zh')}填了“${i.params.missingCode}”：此项不允许缺报，请填写实际数字`,
  'out-of-range': (i, c) => {
    const { number, min, max, netRate } = i.params;
    const bound =
      max !== undefined && number > max ? `大于上限 ${num(max)}` : min !== undefined ? `小于下限 ${num(min)}` : '超出范围';
    const rule = netRate
      ? '净比率不能超过 100%，请核对分子是否大于分母'
      : `取值范围为 ${min !== undefined ? num(min) : '−∞'}–${max !== undefined ? num(max) : '∞'}，请核对`;
    return `${subject(i, c, 'zh')}${num(number)} ${bound}：${rule}`;
  },
  'gross-ratio-implausible': (i, c) =>
    `${subject(i, c, 'zh')}${num(i.params.number)} 超过合理上限 ${num(i.params.plausibleMax)}：毛入学（园）率可以超过 100，但此值明显偏高，请核对分子分母；${EXPLAIN}`,
  'part-exceeds-total': (i, c) => {
    const p = i.params;
    const total = `${refName(p.totalRef, c, 'zh')}${num(p.total)}`;
    // A warning is a doubt (转入学生 can make a cohort larger than at entry), not an impossibility.
    if (i.severity === 'warning') return `${subject(i, c, 'zh')}${num(p.part)} 大于 ${total}：通常不会大于（转入等情况可能使其超过），请核对；${EXPLAIN}`;
    if (p.parts.length === 1) {
      return `${subject(i, c, 'zh')}${num(p.part)} 大于 ${total}：分项不能大于总数，请核对这两个数`;
    }
    const names = joinNames(p.parts.map((r) => refName(r, c, 'zh')), 'zh');
    return `${names}合计 ${num(p.part)} 大于 ${total}：分项之和不能大于总数，请核对`;
  },
  'sum-mismatch': (i, c) => {
    const p = i.params;
    const names = joinNames(p.parts.map((r) => refName(r, c, 'zh')), 'zh');
    const tol = p.tolerance > 0 ? `，允许误差 ${num(p.tolerance)}` : '';
    return `${subject(i, c, 'zh')}${num(p.total)} 不等于分项之和 ${num(p.sum)}（${names}）：相差 ${num(Math.abs(p.total - p.sum))}${tol}；总数应等于各分项之和，请核对`;
  },
  'rate-mismatch': (i, c) =>
    `${subject(i, c, 'zh')}填的是 ${num(i.params.typed)}，按分子分母计算应为 ${num(i.params.computed, i.params.precision)}：比率须由公式自动计算，请恢复公式（或改正分子分母）`,
  'zero-denominator': (i, c) =>
    `${subject(i, c, 'zh')}无法计算：分母${joinNames(i.params.denominators.map((r) => refName(r, c, 'zh')), 'zh')}为 0，而分子为 ${num(i.params.numerator)}；请核对分母`,
  'change-from-baseline': (i, c) => {
    const p = i.params;
    return `${subject(i, c, 'zh')}${num(p.number)} 比基期（${p.baselineYear} 年）的 ${num(p.baseline)} 变化了 ${num(p.change)}，超过 ${num(p.maxChange)}：变化过大，请核对；${EXPLAIN}`;
  },
  'change-from-previous': (i, c) => {
    const p = i.params;
    return `${subject(i, c, 'zh')}${num(p.number)} 比上年的 ${num(p.previous)} 变化了 ${num(p.change)}，超过 ${num(p.maxChange)}：变化过大，请核对；${EXPLAIN}`;
  },
  'peer-outlier': (i, c) => {
    const p = i.params;
    return `${subject(i, c, 'zh')}${num(p.number)} 明显偏离同类 ${p.peers} 个单位（中位数 ${num(p.median)}，离群指数 ${num(p.score, 1)}，超过 ${num(p.threshold, 1)}）：请核对；${EXPLAIN}`;
  },
  'formula-overwritten': (i, c) =>
    `${subject(i, c, 'zh')}的公式被改成了固定值 ${shown(i.value, 'zh')}：此格由公式计算，请恢复公式 =${i.params.formula}（可从原模板复制）`,
  'formula-changed': (i, c) =>
    `${subject(i, c, 'zh')}的公式被改动（现为 =${i.params.found}，应为 =${i.params.formula}）：请恢复原公式`,
  'workbook-value-mismatch': (i, c) =>
    `${subject(i, c, 'zh')}表内计算结果 ${shown(i.params.workbook, 'zh')} 与校验计算的 ${i.params.computed === null ? '（无数据）' : num(i.params.computed)} 不一致：请重新计算工作簿（按 F9）后保存，或检查公式是否被改动`,
  'plan-version-mismatch': (i, c) =>
    `此表按规划${c.planTitle ? `「${c.planTitle.zh}」` : ''} ${i.params.template} 版生成，当前规划为 ${i.params.current} 版：目标值可能已调整，建议改用新模板填报`,
  'plan-hash-mismatch': (i, c) =>
    `此表记录的规划内容指纹与规划${c.planTitle ? `「${c.planTitle.zh}」` : ''} ${i.params.current} 版不符：模板的隐藏信息被改动，或所用规划被修改过；请用正式下发的模板重新填报`,
  'template-version-mismatch': (i) =>
    `此表的模板版本为 ${i.params.template}，当前为 ${i.params.current}：表格布局已更新，建议改用新模板填报`,
  'input-cell-missing': (i, c) => {
    // A unit's own name cell has no input: the unit is named instead.
    const name = i.input !== undefined ? (pickLang(c.inputName(i.input), 'zh') ?? i.input) : `单位「${i.unit ?? ''}」的名称单元格`;
    const unit = c.multiUnit && i.unit && i.input !== undefined ? `（${i.unit}）` : '';
    const fallback = i.params.reason === 'name-missing' || i.params.reason === 'name-broken';
    const deletedUnit = i.params.reason === 'deleted' && i.input === undefined;
    if (deletedUnit) return `单位「${i.unit ?? ''}」所在的行已被删除（${i.params.name ?? ''}），其数据未读取：请恢复该行（撤销删除）或用原模板重新填报`;
    return `${i.cell ?? ''}${i.input !== undefined ? `「${name}」` : name}${unit}${INPUT_CELL_REASON[i.params.reason]}${i.params.name ? `（${i.params.name}）` : ''}：${
      fallback ? '请核对该单元格是否仍是此项' : '请用原模板重新填报，不要删除或移动工作表、行列'
    }`;
  },
  'unit-added': (i) =>
    i.params.copyOf
      ? `${i.cell ?? ''}「${i.params.name}」在复制出的工作表「${i.params.copySheet ?? ''}」中，不是模板「${i.params.copyOf}」表里的单位，已按手工添加的单位读取：请确认；正式填报请在「${i.params.copyOf}」表中插入行填写`
      : `${i.cell ?? ''}「${i.params.name}」不是模板中的单位（手工插入的行），已按新单位读取：请确认该单位应当填报`,
  'column-added': (i) => {
    const n = i.params.cells.length;
    const list = `${i.params.cells.slice(0, 8).join('、')}${n > 8 ? ` 等 ${n} 处` : ''}`;
    return `${i.cell ?? ''}所在列${i.params.header ? `（表头「${i.params.header}」）` : ''}不是模板的填报列（手工插入或在表外填写），其中 ${n} 个数值未读取（${list}）：请删除该列，把数据填到模板原有的填报列中`;
  },
  'unplaced-value': (i) =>
    i.params.count !== undefined
      ? `工作表「${i.sheet ?? ''}」不是模板的工作表，其中 ${i.params.count} 个值未读取（${(i.params.cells ?? []).join('、')}${i.params.count > (i.params.cells ?? []).length ? ` 等 ${i.params.count} 处` : ''}）：如是要上报的数据，请填到模板对应的填报单元格；否则请删除`
      : `${i.cell ?? ''}${i.params.label ? `（「${i.params.label}」一行）` : ''}的 ${shown(i.value, 'zh')} 不在任何填报单元格中，未读取：如是要上报的数据，请填到模板对应的填报单元格；否则请删除`,
  'plan-not-released': (i) =>
    `此表内嵌的规划「${i.params.planId}」${PLAN_NOT_RELEASED[i.params.reason]}${
      i.params.template !== undefined ? `（此表为 ${i.params.template || '未知'} 版，发布版本为 ${i.params.current ?? ''} 版）` : ''
    }：规划不是发布版本。${
      i.params.trusted ? '已按 --trust-embedded 使用内嵌规划校验，结果仅供参考' : '请用正式下发的模板重新填报；确认可信时可加 --trust-embedded 按内嵌规划校验'
    }`,
  'external-link': (i, c) =>
    `${subject(i, c, 'zh')}是引用其他工作簿的公式（=${i.params.formula}）：外部链接在别的电脑上无法更新，请直接填写数值`,
  'unknown-plan': (i) =>
    `此表对应的规划「${i.params.planId}」（${i.params.planVersion || '版本未知'}）不在规划库中：请先导入该规划，或确认使用的是正式下发的模板`,
  'not-a-template': () => '此工作簿不是本工具生成的填报模板（找不到隐藏的模板信息）：请用下发的模板填报，不要复制到新工作簿',
  'metadata-invalid': (i) => `模板信息无法读取：${i.params.detail.zh}`,
  'duplicate-unit': (i) =>
    `${i.cell ?? ''}单位名称「${i.params.name}」与 ${i.params.firstCell} 重复：每个单位只填一行，请删除或合并重复行`,
  'unit-name-missing': (i) => `${i.cell ?? ''}未填写单位名称：请填写学校（单位）全称`,
  'unit-renamed': (i) =>
    `${i.cell ?? ''}单位名称现为「${i.params.found}」，模板中为「${i.params.name}」：单位行可能被移动或名称被修改，请恢复原名称和原行顺序`,
  'validation-failed': (i) => `此表未能完成校验（内部错误：${i.params.detail}）：请把文件发给技术支持；在此之前不要视为通过`,
};
