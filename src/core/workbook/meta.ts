/**
 * What a template workbook says about itself: the metadata sheet's name, the template kinds,
 * the metadata record and the defined names that carry the input-cell map. Shared by the
 * template builder (which writes them) and the codec (which reads them back).
 */
import type { Lang } from '../i18n/text';
import type { Level, Reporter } from '../plan/schema';

/** Name of the `veryHidden` sheet carrying the template's metadata and input-cell map. */
export const META_SHEET = '_edu_meta';

export type TemplateKind = 'return' | 'units' | 'overview';
export const TEMPLATE_KINDS: readonly TemplateKind[] = ['return', 'units', 'overview'];

/** What a template is and what it was generated from; also written to the hidden metadata sheet. */
export interface TemplateMeta {
  planId: string;
  planVersion: string;
  templateVersion: string;
  /** Content hash of the plan (`planHash` in hash.ts), `sha256:<hex>`. */
  planHash: string;
  kind: TemplateKind;
  /** Stage the targets are read for (优质均衡: 小学 or 初中); undefined = the indicators' own levels. */
  level?: Level;
  /** Who fills it (`--for`); absent = the whole plan at the plan's own level. */
  reporter?: Reporter;
  /** Report year: picks each indicator's target for that year. */
  year?: number;
  lang: Lang;
  /** Reporting units (schools, kindergartens, towns) in row order; empty names are rows the filler names. */
  units: string[];
  /** Indicator ids included, in order (the whole plan unless the options picked some). */
  indicators: string[];
  /** Input ids collected, in order. */
  inputs: string[];
  /** Unit table: whether the county summary block is there (absent = true, the default). */
  summary?: boolean;
  /** A region's return carried up from a consolidation: counts may be fractional (TemplateOptions.carried). */
  carried?: boolean;
}

/** A workbook-scoped defined name (never sheet-scoped: those make Excel repair files). */
export interface DefinedNameSpec {
  name: string;
  /** Absolute reference with the sheet quoted: `'学校数据'!$C$7:$C$1006`. */
  ref: string;
  comment?: string;
}

/** The hidden metadata sheet, written as text cells row by row from A1 (see cellmap.ts). */
export interface HiddenMetadataSpec {
  sheetName: string; // META_SHEET
  rows: string[][];
}

/** `_edu_meta` for the first template of a workbook, `_edu_meta_2` … for more. */
export function metaSheetName(instance: number): string {
  return instance === 1 ? META_SHEET : `${META_SHEET}_${instance}`;
}

/**
 * Whether a sheet may be a template's metadata sheet. Sheet names are case-insensitive in
 * Excel (a host may report `_EDU_META`), so the match is too; the magic cell decides.
 */
export function isMetaSheetName(name: string): boolean {
  return name.toLowerCase().startsWith(META_SHEET.toLowerCase());
}

/**
 * The key a defined name is looked up by. Excel's defined names are case-insensitive
 * (`edu_t1_u1` is `EDU_T1_U1`), so every lookup of a name goes through here.
 */
export function definedNameKey(name: string): string {
  return name.toUpperCase();
}
