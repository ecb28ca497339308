/**
 * The port: the subset of the Excel JavaScript API the add-in uses, as structural types.
 *
 * Everything in `src/excel/` is written against these interfaces instead of the `Excel.*`
 * globals, so that:
 *  - the real `Excel.RequestContext` fits them (checked at compile time in
 *    `test/excel/port-compat.test.ts`: every member here exists in Office.js with a compatible
 *    type), and the task pane passes `Excel.run` straight in;
 *  - the recording fake (`./fake/`) implements them without loading Office.js, in jest and in the
 *    browser preview host;
 *  - `src/excel/` type-checks without `@types/office-js` (the library build has no DOM Office
 *    globals).
 *
 * Enumerations are typed as the string values Office.js accepts (`'VeryHidden'`), which its enums
 * are assignable to. Anything not listed here is not used by the add-in: add it here first.
 */

/** What a cell holds as Office.js reports it in `values` (errors come back as `#DIV/0!` text). */
export type ExcelScalar = string | number | boolean;

/** Every proxy object: `load` queues a read, `isNullObject` is known after `sync()`. */
export interface ExcelClientObject {
  readonly isNullObject: boolean;
}

export interface ExcelContext {
  readonly workbook: ExcelWorkbook;
  sync<T>(passThroughValue?: T): Promise<T>;
}

/** How the add-in reaches Excel: `Excel.run` and the requirement-set check. */
export interface ExcelHost {
  run<T>(batch: (context: ExcelContext) => Promise<T>): Promise<T>;
  /** `Office.context.requirements.isSetSupported('ExcelApi', '1.8')`. */
  isSetSupported(name: string, minVersion?: string): boolean;
}

export interface ExcelWorkbook {
  readonly worksheets: ExcelWorksheetCollection;
  readonly names: ExcelNamedItemCollection;
  readonly application: ExcelApplication;
  getSelectedRange(): ExcelRange;
}

export interface ExcelApplication {
  /** ExcelApi 1.9. */
  suspendScreenUpdatingUntilNextSync(): void;
}

export type SheetVisibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface ExcelWorksheetCollection extends ExcelClientObject {
  readonly items: ExcelWorksheet[];
  add(name?: string): ExcelWorksheet;
  getItem(key: string): ExcelWorksheet;
  /** ExcelApi 1.4. */
  getItemOrNullObject(key: string): ExcelWorksheet;
  getActiveWorksheet(): ExcelWorksheet;
  load(propertyNames?: string | string[]): ExcelWorksheetCollection;
}

export interface ExcelWorksheet extends ExcelClientObject {
  name: string;
  readonly id: string;
  position: number;
  /** Read 1.1, set 1.2. */
  visibility: SheetVisibility;
  /** ExcelApi 1.7; `''` = none. */
  tabColor: string;
  /** ExcelApi 1.2. */
  readonly protection: ExcelWorksheetProtection;
  /** ExcelApi 1.7. */
  readonly freezePanes: ExcelWorksheetFreezePanes;
  /** ExcelApi 1.9. */
  readonly pageLayout: ExcelPageLayout;
  /** ExcelApi 1.18 (notes, the classic 批注). */
  readonly notes: ExcelNoteCollection;
  /** ExcelApi 1.1. */
  readonly charts: ExcelChartCollection;
  getRange(address?: string): ExcelRange;
  /** ExcelApi 1.7; 0-based indexes. */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): ExcelRange;
  getUsedRange(valuesOnly?: boolean): ExcelRange;
  /** ExcelApi 1.4. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): ExcelRange;
  activate(): void;
  delete(): void;
  /** ExcelApi 1.7: a copy of the sheet (contents, formats, validation, protection), named `Name (2)`. */
  copy(positionType?: 'None' | 'Before' | 'After' | 'Beginning' | 'End'): ExcelWorksheet;
  load(propertyNames?: string | string[]): ExcelWorksheet;
}

export interface ExcelWorksheetProtectionOptions {
  allowAutoFilter?: boolean;
  allowDeleteColumns?: boolean;
  allowDeleteRows?: boolean;
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowInsertColumns?: boolean;
  allowInsertHyperlinks?: boolean;
  allowInsertRows?: boolean;
  allowPivotTables?: boolean;
  allowSort?: boolean;
}

export interface ExcelWorksheetProtection extends ExcelClientObject {
  readonly protected: boolean;
  readonly options: ExcelWorksheetProtectionOptions;
  /** Options 1.2, password 1.7. */
  protect(options?: ExcelWorksheetProtectionOptions, password?: string): void;
  unprotect(password?: string): void;
  load(propertyNames?: string | string[]): ExcelWorksheetProtection;
}

export interface ExcelWorksheetFreezePanes {
  freezeRows(count?: number): void;
  freezeColumns(count?: number): void;
  freezeAt(frozenRange: string): void;
  unfreeze(): void;
}

export interface ExcelPageLayoutZoom {
  horizontalFitToPages?: number;
  verticalFitToPages?: number;
  scale?: number;
}

export interface ExcelPageLayout {
  orientation: 'Portrait' | 'Landscape';
  paperSize: string;
  zoom: ExcelPageLayoutZoom;
  setPrintArea(printArea: string): void;
  setPrintTitleRows(printTitleRows: string): void;
  setPrintTitleColumns(printTitleColumns: string): void;
  readonly headersFooters: ExcelHeaderFooterGroup;
}

/** The footer text uses Excel's codes (`&P` page, `&N` pages). */
export interface ExcelHeaderFooter {
  centerFooter: string;
}

export interface ExcelHeaderFooterGroup {
  /** Used on every page while the group's state is the default (as on a new sheet). */
  readonly defaultForAllPages: ExcelHeaderFooter;
}

export interface ExcelNoteCollection {
  add(cellAddress: string, content: string): unknown;
}

export interface ExcelChartCollection {
  /** Only the chart types the add-in draws; `seriesBy` `Auto` lets Excel pick rows or columns. */
  add(type: 'BarClustered', sourceData: ExcelRange, seriesBy?: 'Auto' | 'Columns' | 'Rows'): ExcelChart;
}

export interface ExcelChart {
  name: string;
  readonly title: ExcelChartTitle;
  /** Places the chart over the cells from `startCell` to `endCell` (addresses). */
  setPosition(startCell: string, endCell?: string): void;
  load(propertyNames?: string | string[]): ExcelChart;
}

export interface ExcelChartTitle {
  text: string;
}

export type BorderIndex = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal';

export interface ExcelRange extends ExcelClientObject {
  /** `Sheet1!A1:B2` (the sheet quoted when Excel needs it). */
  readonly address: string;
  /** Typing semantics on write: `=…` is a formula, `'…` is text, numbers in text are parsed. */
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  /** `Empty`, `String`, `Double`, `Boolean`, `Error`, `Integer`, `Unknown`, `RichValue`. */
  readonly valueTypes: string[][];
  readonly text: string[][];
  readonly rowCount: number;
  readonly columnCount: number;
  readonly rowIndex: number;
  readonly columnIndex: number;
  /** ExcelApi 1.2. */
  columnHidden: boolean;
  readonly worksheet: ExcelWorksheet;
  readonly format: ExcelRangeFormat;
  /** ExcelApi 1.8. */
  readonly dataValidation: ExcelDataValidation;
  /** ExcelApi 1.6. */
  readonly conditionalFormats: ExcelConditionalFormatCollection;
  getCell(row: number, column: number): ExcelRange;
  select(): void;
  /** `All`, `Formats`, `Contents`. */
  clear(applyTo?: 'All' | 'Formats' | 'Contents'): void;
  /**
   * ExcelApi 1.9: pastes the source here (`All`: contents, formats, validation, conditional
   * formats, merges). The source is an ExcelRange (typed wider only so Office.js's Range | RangeAreas fits).
   */
  copyFrom(sourceRange: ExcelRange | string | object, copyType?: 'All' | 'Formulas' | 'Values' | 'Formats' | 'Link', skipBlanks?: boolean, transpose?: boolean): void;
  /** ExcelApi 1.2. */
  merge(across?: boolean): void;
  load(propertyNames?: string | string[]): ExcelRange;
}

export interface ExcelRangeFormat {
  readonly fill: ExcelRangeFill;
  readonly font: ExcelRangeFont;
  readonly borders: ExcelRangeBorderCollection;
  /** ExcelApi 1.2. */
  readonly protection: ExcelCellProtection;
  /** Points. ExcelApi 1.2. */
  columnWidth: number;
  /** Points. ExcelApi 1.2. */
  rowHeight: number;
  /** ExcelApi 1.2: set true to give the columns the sheet's standard width again. */
  useStandardWidth: boolean;
  /** ExcelApi 1.2: set true to give the rows the sheet's standard height again. */
  useStandardHeight: boolean;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  /** ExcelApi 1.9. */
  indentLevel: number;
  load(propertyNames?: string | string[]): ExcelRangeFormat;
}

export interface ExcelRangeFill {
  /** `#RRGGBB`; null when the range's cells differ; `#FFFFFF` also for no fill (see `pattern`). */
  color: string;
  /** ExcelApi 1.9: `None` tells "no fill" from a white fill. */
  pattern: string;
  clear(): void;
  load(propertyNames?: string | string[]): ExcelRangeFill;
}

export interface ExcelRangeFont {
  name: string;
  bold: boolean;
  italic: boolean;
  color: string;
  size: number;
  load(propertyNames?: string | string[]): ExcelRangeFont;
}

export interface ExcelRangeBorderCollection {
  getItem(index: BorderIndex): ExcelRangeBorder;
}

export interface ExcelRangeBorder {
  /** `Continuous`, `None` … */
  style: string;
  color: string;
}

export interface ExcelCellProtection {
  locked: boolean;
  load(propertyNames?: string | string[]): ExcelCellProtection;
}

/** `formula1`/`formula2` are written as numbers or `=…` formulas; Excel reports them as `=…`. */
export interface ExcelBasicDataValidation {
  formula1: string | number | object;
  formula2?: string | number | object;
  operator: string;
}

export interface ExcelDataValidationRule {
  wholeNumber?: ExcelBasicDataValidation;
  decimal?: ExcelBasicDataValidation;
  textLength?: ExcelBasicDataValidation;
  list?: { inCellDropDown: boolean; source: string | object };
  custom?: { formula: string };
}

export interface ExcelDataValidationPrompt {
  message: string;
  showPrompt: boolean;
  title: string;
}

export interface ExcelDataValidationErrorAlert {
  message: string;
  showAlert: boolean;
  style: string;
  title: string;
}

export interface ExcelDataValidation {
  rule: ExcelDataValidationRule;
  prompt: ExcelDataValidationPrompt;
  errorAlert: ExcelDataValidationErrorAlert;
  ignoreBlanks: boolean;
  /** `None`, `Inconsistent`, `MixedCriteria`, `WholeNumber`, `Decimal`, `List`, `Custom` … */
  readonly type: string;
  clear(): void;
  load(propertyNames?: string | string[]): ExcelDataValidation;
}

export interface ExcelConditionalFormatCollection {
  readonly items: ExcelConditionalFormat[];
  add(type: 'Custom'): ExcelConditionalFormat;
  clearAll(): void;
  load(propertyNames?: string | string[]): ExcelConditionalFormatCollection;
}

export interface ExcelConditionalRangeFormat {
  readonly fill: { color: string };
  readonly font: { bold: boolean; color: string };
}

export interface ExcelConditionalFormat {
  readonly type: string;
  priority: number;
  stopIfTrue: boolean;
  readonly custom: {
    readonly rule: { formula: string };
    readonly format: ExcelConditionalRangeFormat;
  };
  delete(): void;
  load(propertyNames?: string | string[]): ExcelConditionalFormat;
}

export interface ExcelNamedItemCollection extends ExcelClientObject {
  readonly items: ExcelNamedItem[];
  /** ExcelApi 1.4. A `reference` without a leading `=` is a text constant, not a reference. */
  add(name: string, reference: string, comment?: string): ExcelNamedItem;
  /** ExcelApi 1.4. */
  getItemOrNullObject(name: string): ExcelNamedItem;
  load(propertyNames?: string | string[]): ExcelNamedItemCollection;
}

export interface ExcelNamedItem extends ExcelClientObject {
  readonly name: string;
  /** ExcelApi 1.7: `=Sheet1!$A$1`. */
  formula: unknown;
  /** The reference without `=` for a range name, the constant otherwise. */
  readonly value: unknown;
  /** `Range`, `String`, `Double`, `Boolean`, `Error`, `Array`. */
  readonly type: string;
  comment: string;
  visible: boolean;
  delete(): void;
  /** ExcelApi 1.4. */
  getRangeOrNullObject(): ExcelRange;
  load(propertyNames?: string | string[]): ExcelNamedItem;
}
