/**
 * The template specification: one renderer-neutral description of a template workbook.
 *
 * `buildTemplate(plan, options)` produces it; `src/xlsx/` (ExcelJS) renders it into a file and
 * `src/excel/` (Office.js) into the open workbook. Everything is plain data so both renderers
 * map it 1:1 onto their API:
 *
 *  - addresses are A1 strings on the sheet they belong to (`C7`, `C7:C1006`);
 *  - formulas are native Excel formulas in English function names with `,` separators and NO
 *    leading `=` (Office.js `range.formulas` wants `=`+formula, ExcelJS `{formula}` wants it bare);
 *  - a string `value` is always text, even when it starts with `=`, `+`, `-` or `@`
 *    (see `needsTextGuard`): plan and user text is never executed;
 *  - styles are ids into `TemplateSpec.styles`, so each renderer converts a style once;
 *  - validations and conditional formats are range-level, their formulas relative to the
 *    top-left cell of their range (Excel's own rule, shared by ExcelJS, Office.js, LibreOffice);
 *  - colours are `#RRGGBB`;
 *  - no Excel tables (ListObjects): their pitfalls in ExcelJS make Excel repair files, and
 *    defined names (cellmap.ts) give the same robustness to inserted rows.
 *
 * Keep this file stable: other modules and the Office.js renderer are written against it.
 */
import {
  META_SHEET,
  TEMPLATE_KINDS,
  type DefinedNameSpec,
  type HiddenMetadataSpec,
  type TemplateKind,
  type TemplateMeta,
} from '../workbook/meta';
import type { Level } from '../plan/schema';

// What the workbook codec reads back is part of the specification too (one definition, in core/workbook).
export { META_SHEET, TEMPLATE_KINDS, type DefinedNameSpec, type HiddenMetadataSpec, type TemplateKind, type TemplateMeta };

/**
 * Bumped when the layout of a template kind changes (old returns are then recognised as old).
 * 1.2.0: the sign-off boxes are unlocked input space; a doubtful input (warning rule) is marked in
 * validation's warning amber, not the 接近 yellow.
 */
export const TEMPLATE_VERSION = '1.2.0';

/** A cell's literal content. Strings are text, always. */
export type CellValue = string | number | boolean | null;

/** What a cell is for; drives colour, locking, and what validation reads back. */
export type CellRole =
  | 'title'
  | 'label'
  | 'header'
  | 'input' // typed by the filler: unlocked, input colour, validated
  | 'computed' // a formula deriving a value (rate, total, gap …)
  | 'check' // a formula deciding pass/fail or a status
  | 'reference' // plan data shown for reference (target, baseline, source)
  | 'sign'; // a sign-off box: typed (unlocked) or handwritten by the filler, not data the workbook carries

export interface CellSpec {
  /** Literal content; ignored when `formula` is set. */
  value?: CellValue;
  /** Native Excel formula without the leading `=`. */
  formula?: string;
  /** Excel number format code (`0.00`, `0.0%`, `@`). */
  numFmt?: string;
  /** Id into `TemplateSpec.styles`. */
  style?: string;
  /** Defaults to true (Excel's default); input cells are `false`. */
  locked?: boolean;
  role?: CellRole;
  /** A cell comment (批注), plain text. */
  note?: string;
  /** What a formula cell computes, for readers comparing the workbook with the core. */
  tag?: CellTag;
}

/** What a computed or check cell means (renderers ignore it). */
export type CellMeaning =
  | 'value' // an indicator's value (per unit, or the county's from summed parts when `unit` is absent)
  | 'target' // a relative target's value, from its reference input
  | 'gap'
  | 'achievement'
  | 'status'
  | 'balanceMeeting' // 6-of-7 rule: indicators meeting their threshold
  | 'balanceBelowFloor' // … below 85 % of it
  | 'balanceMissing' // … without a value
  | 'balanceResult' // … the school's result
  | 'total' // Σ of an input over the units
  | 'diffCoef' // the weighted 校际差异系数 of an indicator
  | 'diffCoefStatus'
  | 'unitsMeeting' // units whose status is 达标 (for `indicator`, or the balance result without one)
  | 'unitsCount'
  | 'stageShare'; // a combined school's share of shared resources in `level` (balance/stage.ts)

export interface CellTag {
  what: CellMeaning;
  /** 1-based unit index; absent for county (summary) cells. */
  unit?: number;
  indicator?: string;
  input?: string;
  /** The stage of a per-stage cell, in a template covering several stages. */
  level?: Level;
}

export type HAlign = 'left' | 'center' | 'right';
export type VAlign = 'top' | 'middle' | 'bottom';

/** A named cell style. Maps onto Office.js `range.format` and ExcelJS `cell.style`. */
/** The font of every template cell unless a style sets a size: a Chinese UI font present in Office on Windows. */
export const DEFAULT_FONT = { name: 'Microsoft YaHei', size: 10 } as const;

export interface StyleSpec {
  fill?: string; // #RRGGBB
  font?: { bold?: boolean; italic?: boolean; color?: string; size?: number };
  align?: { horizontal?: HAlign; vertical?: VAlign; wrap?: boolean; indent?: number };
  /** Thin border on all four edges in this colour. */
  border?: string;
}

/** Data validation over a range. `formula` (for `custom`) is relative to the range's top-left cell. */
export interface ValidationSpec {
  range: string;
  rule:
    | { type: 'custom'; formula: string }
    | { type: 'list'; values: string[] } // ≤ 255 characters joined (checked by buildTemplate)
    | { type: 'decimal' | 'whole'; min?: number; max?: number };
  allowBlank: boolean;
  prompt?: { title: string; text: string }; // titles ≤ 32 chars, texts ≤ 255 (Excel's limits)
  error?: { title: string; text: string; style: 'stop' | 'warning' | 'information' };
}

/** A formula-based conditional format (Office.js `custom`, ExcelJS `expression`). */
export interface ConditionalFormatSpec {
  range: string;
  /** Relative to the range's top-left cell, no leading `=`. */
  formula: string;
  /** Only fill and font colour/bold are honoured (what every host supports in a conditional format). */
  style: string;
  /** Lower first; ties in array order. */
  priority: number;
  stopIfTrue?: boolean;
}

export interface ColumnSpec {
  /** 1-based column index. */
  index: number;
  width: number; // in Excel character units
  hidden?: boolean;
}

export interface RowSpec {
  index: number; // 1-based
  height: number; // points
}

export interface ProtectionSpec {
  /** Empty or absent → protected without a password (the default). */
  password?: string;
  allowFormatColumns: boolean;
  allowFormatRows: boolean;
  allowInsertRows: boolean;
  allowSort: boolean;
  allowAutoFilter: boolean;
}

export interface PrintSpec {
  orientation: 'portrait' | 'landscape';
  paperSize: 'A4' | 'A3';
  /** Fit to this many pages wide (0 = no constraint). */
  fitToWidth: number;
  fitToHeight: number;
  /** Rows repeated at the top of each page, e.g. `1:6`. */
  titleRows?: string;
  /** Columns repeated at the left of each page of a wide table, e.g. `A:B` (the unit's number and name). */
  titleColumns?: string;
  printArea?: string;
  /** Centre footer with Excel's codes (`第 &P 页，共 &N 页`). */
  footer?: string;
}

export interface SheetSpec {
  name: string;
  kind: TemplateKind | 'legend';
  /** Cells by A1 address. Addresses absent here are empty. */
  cells: Record<string, CellSpec>;
  columns: ColumnSpec[];
  rows: RowSpec[];
  merges: string[];
  /** Rows/columns frozen at the top/left (0 = none). */
  freeze?: { rows: number; columns: number };
  /** Absent → not protected. */
  protection?: ProtectionSpec;
  validations: ValidationSpec[];
  conditionalFormats: ConditionalFormatSpec[];
  print?: PrintSpec;
  /** Right-to-left never; tab colour for orientation. */
  tabColor?: string;
}

export interface TemplateSpec {
  meta: TemplateMeta;
  styles: Record<string, StyleSpec>;
  sheets: SheetSpec[];
  definedNames: DefinedNameSpec[];
  hiddenMetadata: HiddenMetadataSpec;
}

/**
 * True when a text would be taken for a formula (or a signed number) by a host that parses
 * what is typed: Office.js `range.values`, CSV import, WPS. Renderers that parse must guard
 * such text (Office.js: prefix `'`, or set the cell's number format to `@` first).
 */
export function needsTextGuard(text: string): boolean {
  return /^[=+\-@]/.test(text);
}
