/**
 * Which ExcelApi requirement set each feature of the add-in needs, and what to tell a user whose
 * Excel is older. One table, so the task pane's start-up check, the renderer's degradation and
 * the messages never disagree.
 *
 * Versions are from the `[Api set: ExcelApi x.y]` remarks of @types/office-js.
 */
import type { Bilingual } from '../core/i18n/text';
import { ExcelTaskError } from './errors';

export const FEATURE_API = {
  /** `worksheet.charts.add`, chart titles and positions. */
  charts: '1.1',
  /** Inserting a template: defined names (`names.add`) and `getItemOrNullObject`. */
  insertTemplate: '1.4',
  /** Reading a template: `getUsedRangeOrNullObject`, names. */
  readTemplate: '1.4',
  conditionalFormats: '1.6',
  freezePanes: '1.7',
  tabColor: '1.7',
  /** `protect(options, password)`. */
  protectionPassword: '1.7',
  /** `NamedItem.formula`; older hosts give `value` for range names. */
  nameFormula: '1.7',
  dataValidation: '1.8',
  /** Updating a template in place: `worksheet.copy` (1.7) keeps the old sheets, `range.copyFrom` (1.9) puts them back on failure. */
  updateInPlace: '1.9',
  suspendScreenUpdating: '1.9',
  pageLayout: '1.9',
  indentLevel: '1.9',
  /** `fill.pattern`: tells "no fill" from a white fill. */
  fillPattern: '1.9',
  notes: '1.18',
} as const;

export type Feature = keyof typeof FEATURE_API;

/** `Office.context.requirements.isSetSupported`. */
export type IsSetSupported = (name: string, minVersion?: string) => boolean;

const FEATURE_NAME: Record<Feature, Bilingual> = {
  charts: { zh: '图表', en: 'charts' },
  insertTemplate: { zh: '插入模板', en: 'inserting a template' },
  readTemplate: { zh: '读取模板', en: 'reading a template' },
  conditionalFormats: { zh: '状态颜色（条件格式）', en: 'status colours (conditional formats)' },
  freezePanes: { zh: '冻结窗格', en: 'frozen panes' },
  tabColor: { zh: '工作表标签颜色', en: 'sheet tab colours' },
  protectionPassword: { zh: '工作表保护密码', en: 'sheet protection passwords' },
  nameFormula: { zh: '定义名称公式', en: 'defined-name formulas' },
  dataValidation: { zh: '数据验证（输入提示与限制）', en: 'data validation (input prompts and limits)' },
  updateInPlace: { zh: '原位更新模板（保留引用模板的公式）', en: 'updating a template in place (keeping formulas that refer to it)' },
  suspendScreenUpdating: { zh: '暂停屏幕刷新', en: 'suspending screen updates' },
  pageLayout: { zh: '打印设置', en: 'print setup' },
  indentLevel: { zh: '缩进', en: 'indents' },
  fillPattern: { zh: '区分无填充与白色填充', en: 'telling no fill from white fill' },
  notes: { zh: '单元格批注', en: 'cell notes' },
};

/** Which Excel to name for a requirement set (perpetual versions cap at a set; Microsoft 365 has them all). */
export function excelVersionFor(version: string): Bilingual {
  const [, minor] = version.split('.').map(Number);
  if (minor <= 8) return { zh: 'Excel 2019 或更高版本、Microsoft 365 或网页版 Excel', en: 'Excel 2019 or later, Microsoft 365 or Excel on the web' };
  if (minor <= 14) return { zh: 'Excel 2021 或更高版本、Microsoft 365 或网页版 Excel', en: 'Excel 2021 or later, Microsoft 365 or Excel on the web' };
  return { zh: 'Microsoft 365 或网页版 Excel 的较新版本', en: 'a recent Microsoft 365 or Excel on the web' };
}

/** "此 Excel 不支持 X（需要 ExcelApi 1.8：Excel 2019 …）". */
export function requirementMessage(feature: Feature, consequence?: Bilingual): Bilingual {
  const v = FEATURE_API[feature];
  const name = FEATURE_NAME[feature];
  const which = excelVersionFor(v);
  return {
    zh: `此 Excel 版本不支持${name.zh}（需要 ExcelApi ${v}：${which.zh}）${consequence ? `，${consequence.zh}` : ''}`,
    en: `this Excel does not support ${name.en} (needs ExcelApi ${v}: ${which.en})${consequence ? `; ${consequence.en}` : ''}`,
  };
}

/** A feature left out because the host is too old: what, why, and what it means for the user. */
export interface Degradation {
  feature: Feature;
  needs: string;
  message: Bilingual;
}

/** Feature checks against one host. */
export class Capabilities {
  constructor(private readonly isSetSupported: IsSetSupported) {}

  has(feature: Feature): boolean {
    return this.isSetSupported('ExcelApi', FEATURE_API[feature]);
  }

  /** Throws a bilingual `requirement` error when the feature is missing. */
  require(feature: Feature): void {
    if (!this.has(feature)) throw new ExcelTaskError('requirement', requirementMessage(feature));
  }

  /** True when present; otherwise records a degradation with its consequence. */
  degrade(feature: Feature, warnings: Degradation[], consequence: Bilingual): boolean {
    if (this.has(feature)) return true;
    if (!warnings.some((w) => w.feature === feature)) {
      warnings.push({ feature, needs: FEATURE_API[feature], message: requirementMessage(feature, consequence) });
    }
    return false;
  }

  /** Every feature the host lacks, for the task pane's start-up check. */
  missing(): Degradation[] {
    return (Object.keys(FEATURE_API) as Feature[])
      .filter((f) => !this.has(f))
      .map((f) => ({ feature: f, needs: FEATURE_API[f], message: requirementMessage(f) }));
  }
}
