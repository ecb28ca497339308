/**
 * Which pane features the running Excel supports, from its ExcelApi requirement sets. A feature
 * the host lacks is turned off with a message naming the Excel version it needs, instead of
 * failing half-way through an operation.
 */
import type { Bilingual } from '../../core/i18n/text';
import type { StringKey } from '../i18n/strings';

export type Feature = 'insert' | 'validate' | 'charts' | 'protection';

export interface Requirement {
  set: 'ExcelApi';
  version: string;
  /** Label of the feature in the pane. */
  label: StringKey;
}

/**
 * The newest API each feature's Office.js calls use: data validation (1.8) and freeze panes
 * (1.7) for templates; format reads/writes and named items (1.4) for marking and clearing cells;
 * chart series formatting (1.7); worksheet protection options (1.2).
 */
export const REQUIREMENTS: Record<Feature, Requirement> = {
  insert: { set: 'ExcelApi', version: '1.8', label: 'featureInsert' },
  validate: { set: 'ExcelApi', version: '1.4', label: 'featureValidate' },
  charts: { set: 'ExcelApi', version: '1.7', label: 'featureCharts' },
  protection: { set: 'ExcelApi', version: '1.2', label: 'featureProtection' },
};

export const FEATURES = Object.keys(REQUIREMENTS) as Feature[];

export type Capabilities = Record<Feature, boolean>;

export const ALL_CAPABILITIES: Capabilities = { insert: true, validate: true, charts: true, protection: true };

export function checkCapabilities(isSetSupported: (set: string, version: string) => boolean): Capabilities {
  const out = { ...ALL_CAPABILITIES };
  for (const f of FEATURES) out[f] = isSetSupported(REQUIREMENTS[f].set, REQUIREMENTS[f].version);
  return out;
}

/** The Excel release that first ships an ExcelApi version (perpetual licences; Microsoft 365 has them all). */
export function excelVersionFor(version: string): Bilingual {
  const minor = Number(version.split('.')[1] ?? '0');
  if (minor <= 1) return { zh: 'Excel 2016 或更高版本', en: 'Excel 2016 or later' };
  if (minor <= 8) return { zh: 'Excel 2019 或 Microsoft 365', en: 'Excel 2019 or Microsoft 365' };
  if (minor <= 14) return { zh: 'Excel 2021 或 Microsoft 365', en: 'Excel 2021 or Microsoft 365' };
  if (minor <= 17) return { zh: 'Excel 2024 或 Microsoft 365', en: 'Excel 2024 or Microsoft 365' };
  return { zh: 'Microsoft 365 版 Excel', en: 'Excel for Microsoft 365' };
}
