/**
 * The plan definition workbook as renderer-neutral data: sheets of literal cells from A1, the
 * header notes, list validations and column widths. `src/xlsx/plan-definition.ts` (ExcelJS) and
 * `src/excel/plan-definition.ts` (Office.js) draw it; readers hand back the usual WorkbookGrid.
 */
export type DefinitionCell = string | number | boolean | null;

export interface DefinitionValidation {
  /** A1 range on the sheet, e.g. `K3:K600`. */
  range: string;
  /** Inline values (joined ≤ 255 characters) or a reference to a range holding them. */
  list: { values: readonly string[] } | { ref: string };
  /** Shown when a value outside the list is typed. */
  error: { title: string; text: string };
  prompt?: { title: string; text: string };
}

export interface DefinitionSheet {
  name: string;
  state: 'visible' | 'veryHidden';
  /** Row-major cells from A1; strings are text, always (never parsed as formulas). */
  rows: DefinitionCell[][];
  /** Width per column (Excel character units), index 0 = column A. */
  widths: number[];
  /** Header notes (批注) by A1 address. */
  notes: Record<string, string>;
  /** Rows at the top styled as headers and frozen. */
  headerRows: number;
  /** Columns frozen at the left. */
  freezeColumns: number;
  /** 1-based columns whose cells are text (`@`), from the first data row to `lastRow`. */
  textColumns: number[];
  /** Last row the validations and text formats cover (data rows plus spare rows). */
  lastRow: number;
  validations: DefinitionValidation[];
  /** Rows (1-based) of a key/value sheet's section titles, styled apart. */
  groupRows?: number[];
}

export interface DefinitionBook {
  sheets: DefinitionSheet[];
}
