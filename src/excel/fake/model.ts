/**
 * The fake's in-memory workbook: sheets of sparse cells with values, formulas, formats,
 * protection, data validation, conditional formats, defined names and a selection.
 *
 * It enforces what the real Excel enforces where getting it wrong would hide a bug in the add-in:
 *  - writes use Excel's typing semantics: `=…` becomes a formula, `'…` is text, `12%`, `1,234`
 *    and `TRUE` are parsed (so unguarded plan text is caught as a formula or a number);
 *  - a protected sheet rejects writes to locked cells and format changes (AccessDenied);
 *  - sheet names and defined names follow Excel's rules (length, characters, uniqueness);
 *  - 2-D writes must match the range's size; NaN and Infinity are rejected.
 *
 * Proxies (`client.ts`) call into this model only while a `sync()` executes their queue.
 */
import { absRangeA1, MAX_COLS, MAX_ROWS, parseArea, rangeA1, sheetPrefix, splitSheetRef, type RangeBox } from '../../core/workbook/address';
import type {
  ExcelDataValidationErrorAlert,
  ExcelDataValidationPrompt,
  ExcelScalar,
  ExcelWorksheetProtectionOptions,
  SheetVisibility,
} from '../port';
import { FakeOfficeError } from './errors';
import { deleteSheetInFormula, renameSheetInFormula } from '../../core/workbook/formula-refs';
import { evaluateFormula, isValidFormula, type FormulaHost, type RangeValue } from './formula';
import { formatNumber } from './number-format';
import { ErrorValue, errorOf, formatGeneral, type Scalar } from './values';

export type Box = RangeBox;

export type Edge = 'top' | 'bottom' | 'left' | 'right';

export interface FakeBorder {
  style: string;
  color: string;
}

export interface FakeValidation {
  type: 'None' | 'WholeNumber' | 'Decimal' | 'TextLength' | 'List' | 'Custom';
  operator?: string;
  /** As Excel reports them: `=10`, `=A1`. */
  formula1?: string;
  formula2?: string;
  /** List source (`a,b,c` or `=$A$1:$A$3`). */
  source?: string;
  inCellDropDown?: boolean;
  /** Custom formula, with its leading `=`. */
  formula?: string;
  prompt?: ExcelDataValidationPrompt;
  errorAlert?: ExcelDataValidationErrorAlert;
  ignoreBlanks: boolean;
  /** Top-left cell of the range the rule was set on: relative references are relative to it. */
  origin: { row: number; col: number };
}

export interface FakeCell {
  value?: ExcelScalar;
  /** An error value typed or pasted as a constant (`#N/A`). */
  error?: string;
  /** Formula without the leading `=`. */
  formula?: string;
  /** Entered with a leading apostrophe: shown and read without it, always text. */
  quotePrefix?: boolean;
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  hAlign?: string;
  vAlign?: string;
  wrap?: boolean;
  indent?: number;
  /** Undefined = locked (Excel's default). */
  locked?: boolean;
  borders?: Partial<Record<Edge, FakeBorder>>;
  validation?: FakeValidation;
  note?: string;
}

export interface FakeConditionalFormat {
  id: string;
  box: Box;
  type: 'Custom';
  /** With its leading `=`, relative to the top-left of `box`. */
  formula: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  priority: number;
  stopIfTrue: boolean;
}

export interface FakeName {
  name: string;
  /** A range on a sheet, or a constant (a reference written without `=`, or a number). */
  sheet?: FakeSheet;
  box?: Box;
  constant?: ExcelScalar;
  /** The reference no longer exists (its sheet was deleted). */
  broken?: boolean;
  comment: string;
  visible: boolean;
}

export interface FakePageLayout {
  orientation: 'Portrait' | 'Landscape';
  paperSize: string;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printArea?: string;
  printTitleRows?: string;
  printTitleColumns?: string;
  /** `headersFooters.defaultForAllPages.centerFooter`. */
  centerFooter?: string;
}

/** Excel's defaults, in points (8.43 characters of Calibri 11 = 64 px = 48 pt; rows 15 pt). */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

const key = (row: number, col: number) => (row - 1) * MAX_COLS + (col - 1);

/** A chart as `worksheet.charts.add` made it: its data is the source box on its own sheet. */
export interface FakeChart {
  name: string;
  type: string;
  source: Box;
  seriesBy: string;
  title: string;
  /** The cells it was placed over (`setPosition`), when placed. */
  position?: { start: string; end?: string };
}

export class FakeSheet {
  readonly cells = new Map<number, FakeCell>();
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly rowHeights = new Map<number, number>();
  readonly merges: Box[] = [];
  readonly conditionalFormats: FakeConditionalFormat[] = [];
  readonly charts: FakeChart[] = [];
  freeze = { rows: 0, columns: 0 };
  protection: { protected: boolean; options: ExcelWorksheetProtectionOptions; password?: string } = { protected: false, options: {} };
  visibility: SheetVisibility = 'Visible';
  tabColor = '';
  pageLayout: FakePageLayout = { orientation: 'Portrait', paperSize: 'Letter', zoom: { scale: 100 } };
  deleted = false;

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  get(row: number, col: number): FakeCell | undefined {
    return this.cells.get(key(row, col));
  }

  /** The cell record, created when absent. */
  at(row: number, col: number): FakeCell {
    const k = key(row, col);
    let c = this.cells.get(k);
    if (!c) this.cells.set(k, (c = {}));
    return c;
  }

  /** Cells in a box that exist, with their positions (for sparse scans). */
  *existing(box: Box): Generator<{ row: number; col: number; cell: FakeCell }> {
    const area = (box.bottom - box.top + 1) * (box.right - box.left + 1);
    if (area <= this.cells.size) {
      for (let row = box.top; row <= box.bottom; row++) {
        for (let col = box.left; col <= box.right; col++) {
          const cell = this.get(row, col);
          if (cell) yield { row, col, cell };
        }
      }
      return;
    }
    for (const [k, cell] of this.cells) {
      const row = Math.floor(k / MAX_COLS) + 1;
      const col = (k % MAX_COLS) + 1;
      if (row >= box.top && row <= box.bottom && col >= box.left && col <= box.right) yield { row, col, cell };
    }
  }

  /** The used box: cells with content (valuesOnly) or also with formats; undefined when empty. */
  usedBox(valuesOnly: boolean): Box | undefined {
    let box: Box | undefined;
    for (const [k, c] of this.cells) {
      const hasContent = c.value !== undefined || c.formula !== undefined || c.error !== undefined;
      if (valuesOnly ? !hasContent : !hasContent && Object.keys(c).length === 0) continue;
      const row = Math.floor(k / MAX_COLS) + 1;
      const col = (k % MAX_COLS) + 1;
      if (!box) box = { top: row, bottom: row, left: col, right: col };
      else {
        box.top = Math.min(box.top, row);
        box.bottom = Math.max(box.bottom, row);
        box.left = Math.min(box.left, col);
        box.right = Math.max(box.right, col);
      }
    }
    return box;
  }
}

/** A box as an address on its sheet, the way Office.js reports `range.address`. */
export function boxAddress(sheet: FakeSheet, box: Box, absolute = false): string {
  return `${sheetPrefix(sheet.name)}!${absolute ? absRangeA1(box) : rangeA1(box)}`;
}

/** `A1`, `A1:B2`, `A:C`, `2:5` (with or without `$`) on a sheet; no sheet prefix. */
export function parseAddress(address: string): Box {
  const box = parseArea(address);
  if (!box) throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: address ${address}`);
  return box;
}

export function boxRows(box: Box): number {
  return box.bottom - box.top + 1;
}
export function boxCols(box: Box): number {
  return box.right - box.left + 1;
}

/** Per-cell writes above this size are refused: the add-in never needs them, and a bug would hang. */
const MAX_WRITE_CELLS = 2_000_000;

function assertWritable(box: Box): void {
  if (boxRows(box) * boxCols(box) > MAX_WRITE_CELLS) {
    throw new FakeOfficeError('InvalidArgument', `fake: refusing a per-cell write over ${boxRows(box) * boxCols(box)} cells`);
  }
}

const INVALID_SHEET_CHARS = /[:\\/?*[\]]/;

export function checkSheetName(name: string): void {
  if (name.length < 1 || name.length > 31 || INVALID_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'") || /^history$/i.test(name)) {
    throw new FakeOfficeError('InvalidArgument', `The sheet name is invalid: ${JSON.stringify(name)}`);
  }
}

/** Excel's defined-name rules: letter/underscore/backslash first, no spaces, not a cell reference. */
export function checkDefinedName(name: string): void {
  const ok =
    name.length >= 1 &&
    name.length <= 255 &&
    /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d{1,7}$/.test(name) &&
    !/^[Rr](\d*)?([Cc]\d*)?$/.test(name) &&
    !/^[Cc]\d*$/.test(name);
  if (!ok) throw new FakeOfficeError('InvalidArgument', `The name is invalid: ${JSON.stringify(name)}`);
}

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_TEXT = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PERCENT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)%$/;
const DATE_TEXT = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const ERROR_TEXT = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)$/i;

/** Serial number of a date in Excel's 1900 system. */
function dateSerial(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const date = new Date(t);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** What Excel stores when a value is entered the way a user types it (Office.js `values`/`formulas`). */
export function interpretEntry(input: unknown, numberFormat: string | undefined): Partial<FakeCell> & { clear?: true } {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new FakeOfficeError('InvalidArgument', `The argument is invalid: ${input} is not a finite number`);
    return { value: input };
  }
  if (typeof input === 'boolean') return { value: input };
  if (typeof input !== 'string') throw new FakeOfficeError('InvalidArgument', `The argument is invalid: cannot write ${typeof input} into a cell`);
  if (input === '') return { clear: true };
  // A Text-formatted cell takes what is typed literally.
  if (numberFormat === '@') return { value: input };
  if (input.startsWith("'")) return { value: input.slice(1), quotePrefix: true };
  if (input.startsWith('=') && input.length > 1) return { formula: input.slice(1) };
  const t = input.trim();
  if (NUMBER_TEXT.test(t)) return { value: Number(t) };
  if (GROUPED_TEXT.test(t)) return { value: Number(t.replace(/,/g, '')), ...(isGeneral(numberFormat) ? { numberFormat: '#,##0' } : {}) };
  if (PERCENT_TEXT.test(t)) return { value: Number(t.slice(0, -1)) / 100, ...(isGeneral(numberFormat) ? { numberFormat: '0%' } : {}) };
  if (/^(true|false)$/i.test(t)) return { value: /^true$/i.test(t) };
  if (ERROR_TEXT.test(t)) return { error: t.toUpperCase() };
  const d = DATE_TEXT.exec(t);
  if (d) {
    const serial = dateSerial(Number(d[1]), Number(d[2]), Number(d[3]));
    if (serial !== undefined) return { value: serial, ...(isGeneral(numberFormat) ? { numberFormat: 'yyyy/m/d' } : {}) };
  }
  // Excel reads a leading + - or @ as the start of a formula (`-abc` becomes `=-abc`, #NAME?).
  if (/^[+\-@]/.test(input)) return { formula: input.startsWith('@') ? input.slice(1) : input };
  return { value: input };
}

/** General (or `''`, which resets a number format to General, as in Office.js). */
function isGeneral(nf: string | undefined): boolean {
  return nf === undefined || nf === '' || /^general$/i.test(nf);
}

function sameValidation(a: FakeValidation | undefined, b: FakeValidation | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const { origin: _a, ...x } = a;
  const { origin: _b, ...y } = b;
  return JSON.stringify(x) === JSON.stringify(y);
}

/** Reads of format properties over a range: the common value, or null when cells differ (as Office.js). */
function common<T>(values: Iterable<T>): T | null {
  let first = true;
  let out: T | null = null;
  for (const v of values) {
    if (first) {
      out = v;
      first = false;
    } else if (v !== out) return null;
  }
  return out;
}

export interface ProtectionNeed {
  kind: 'contents' | 'format' | 'columns' | 'rows' | 'objects';
}

export class FakeWorkbook implements FormulaHost {
  readonly sheets: FakeSheet[] = [];
  readonly names = new Map<string, FakeName>();
  activeSheet: FakeSheet;
  selection: { sheet: FakeSheet; box: Box };
  /** Incremented by every change: evaluation caches are valid for one version. */
  version = 0;
  screenUpdatingSuspended = 0;
  private nextSheetId = 1;
  private nextCfId = 1;
  private evalCache = new Map<string, Scalar>();
  private evalVersion = -1;
  private evaluating = new Set<string>();
  private extents = new Map<string, { rows: number; cols: number }>();
  private extentVersion = -1;

  constructor(sheetNames: string[] = ['Sheet1']) {
    for (const n of sheetNames.length ? sheetNames : ['Sheet1']) this.addSheet(n);
    this.activeSheet = this.sheets[0];
    this.selection = { sheet: this.sheets[0], box: { top: 1, left: 1, bottom: 1, right: 1 } };
  }

  touch(): void {
    this.version++;
  }

  // -- sheets ----------------------------------------------------------------------------------

  findSheet(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  addSheet(name?: string): FakeSheet {
    let n = name;
    if (n === undefined || n === '') {
      let i = this.sheets.length + 1;
      while (this.findSheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    checkSheetName(n);
    if (this.findSheet(n)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${JSON.stringify(n)} already exists.`);
    const sheet = new FakeSheet(`{fake-sheet-${this.nextSheetId++}}`, n);
    this.sheets.push(sheet);
    this.touch();
    return sheet;
  }

  renameSheet(sheet: FakeSheet, name: string): void {
    checkSheetName(name);
    const other = this.findSheet(name);
    if (other && other !== sheet) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${JSON.stringify(name)} already exists.`);
    const from = sheet.name;
    sheet.name = name;
    // As Excel: every formula naming the sheet follows it (names and charts hold the sheet itself).
    if (from !== name) this.rewriteFormulas((f) => renameSheetInFormula(f, from, name));
    this.touch();
  }

  /**
   * Applies `edit` to every formula of the workbook (without its `=`): cells, conditional formats
   * and validation rules, as Excel rewrites them when a sheet is renamed or deleted.
   */
  private rewriteFormulas(edit: (formula: string) => string): void {
    const withEq = (f: string | undefined) => (f !== undefined && f.startsWith('=') ? `=${edit(f.slice(1))}` : f);
    const rules = new Set<FakeValidation>();
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) {
        if (cell.formula !== undefined) cell.formula = edit(cell.formula);
        if (cell.validation) rules.add(cell.validation);
      }
      for (const cf of s.conditionalFormats) cf.formula = withEq(cf.formula) ?? cf.formula;
    }
    for (const v of rules) {
      v.formula = withEq(v.formula);
      v.formula1 = withEq(v.formula1);
      v.formula2 = withEq(v.formula2);
      v.source = withEq(v.source);
    }
  }

  visibleSheets(): FakeSheet[] {
    return this.sheets.filter((s) => s.visibility === 'Visible');
  }

  setVisibility(sheet: FakeSheet, v: SheetVisibility): void {
    if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) throw new FakeOfficeError('InvalidArgument', `bad visibility ${v}`);
    if (v !== 'Visible' && sheet.visibility === 'Visible' && this.visibleSheets().length === 1) {
      throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
    }
    sheet.visibility = v;
    if (v !== 'Visible' && this.activeSheet === sheet) this.activate(this.visibleSheets()[0]);
    this.touch();
  }

  moveSheet(sheet: FakeSheet, position: number): void {
    const from = this.sheets.indexOf(sheet);
    const to = Math.max(0, Math.min(this.sheets.length - 1, position));
    this.sheets.splice(from, 1);
    this.sheets.splice(to, 0, sheet);
    this.touch();
  }

  deleteSheet(sheet: FakeSheet): void {
    if (sheet.visibility === 'Visible' && this.visibleSheets().length === 1) {
      throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    sheet.deleted = true;
    for (const n of this.names.values()) if (n.sheet === sheet) n.broken = true;
    // As Excel: references to the sheet become `#REF!G9` and stay broken, even if a sheet of the
    // same name is added later (the update-in-place bug this models).
    this.rewriteFormulas((f) => deleteSheetInFormula(f, sheet.name));
    if (this.activeSheet === sheet) this.activate(this.visibleSheets()[0]);
    this.touch();
  }

  /**
   * `worksheet.copy(position)`: a new sheet named `Name (2)` with the same cells, formats,
   * validation, conditional formats, merges, sizes, protection and view. Formulas are copied as
   * text (a reference to another sheet still points there), as in Excel.
   */
  copySheet(sheet: FakeSheet, position: 'None' | 'Before' | 'After' | 'Beginning' | 'End' = 'None', relativeTo?: FakeSheet): FakeSheet {
    let name = '';
    for (let k = 2; ; k++) {
      const base = sheet.name.slice(0, 31 - ` (${k})`.length);
      name = `${base} (${k})`;
      if (!this.findSheet(name)) break;
    }
    const copy = new FakeSheet(`{fake-sheet-${this.nextSheetId++}}`, name);
    copyCells(sheet, copy, { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS }, 0, 0);
    for (const [c, w] of sheet.columnWidths) copy.columnWidths.set(c, w);
    for (const c of sheet.hiddenColumns) copy.hiddenColumns.add(c);
    for (const [r, h] of sheet.rowHeights) copy.rowHeights.set(r, h);
    copy.freeze = { ...sheet.freeze };
    copy.protection = { ...sheet.protection, options: { ...sheet.protection.options } };
    copy.visibility = sheet.visibility === 'VeryHidden' ? 'Hidden' : sheet.visibility;
    copy.tabColor = sheet.tabColor;
    copy.pageLayout = { ...sheet.pageLayout, zoom: { ...sheet.pageLayout.zoom } };
    const at = relativeTo ? this.sheets.indexOf(relativeTo) : -1;
    const index =
      position === 'Beginning' || position === 'None' ? 0 : position === 'Before' && at >= 0 ? at : position === 'After' && at >= 0 ? at + 1 : this.sheets.length;
    this.sheets.splice(index, 0, copy);
    this.touch();
    return copy;
  }

  /**
   * `range.copyFrom(source, 'All')` onto the same position of another sheet (what the add-in
   * does: putting a sheet's saved copy back). The target box is replaced by the source's cells,
   * merges and conditional formats; whole columns carry their widths and hidden state, whole
   * rows their heights. Another position would shift relative references: not modelled, refused.
   */
  copyRangeFrom(target: FakeSheet, box: Box, source: FakeSheet, sourceBox: Box): void {
    if (box.top !== sourceBox.top || box.left !== sourceBox.left || boxRows(box) !== boxRows(sourceBox) || boxCols(box) !== boxCols(sourceBox)) {
      throw new FakeOfficeError('InvalidArgument', 'fake: copyFrom is modelled onto the same cells of another sheet only');
    }
    this.checkProtection(target, box, 'format');
    for (const { row, col } of [...target.existing(box)]) target.cells.delete(key(row, col));
    for (let i = target.merges.length - 1; i >= 0; i--) if (intersects(target.merges[i], box)) target.merges.splice(i, 1);
    for (let i = target.conditionalFormats.length - 1; i >= 0; i--) if (contains(box, target.conditionalFormats[i].box)) target.conditionalFormats.splice(i, 1);
    copyCells(source, target, box, 0, 0);
    for (const m of source.merges) if (contains(box, m)) target.merges.push({ ...m });
    for (const cf of source.conditionalFormats) {
      if (contains(box, cf.box)) target.conditionalFormats.push({ ...cf, id: `{fake-cf-${this.nextCfId++}}`, box: { ...cf.box } });
    }
    if (box.top === 1 && box.bottom === MAX_ROWS) {
      for (const c of [...target.columnWidths.keys()]) if (c >= box.left && c <= box.right) target.columnWidths.delete(c);
      for (const [c, w] of source.columnWidths) if (c >= box.left && c <= box.right) target.columnWidths.set(c, w);
      for (const c of [...target.hiddenColumns]) if (c >= box.left && c <= box.right) target.hiddenColumns.delete(c);
      for (const c of source.hiddenColumns) if (c >= box.left && c <= box.right) target.hiddenColumns.add(c);
    }
    if (box.left === 1 && box.right === MAX_COLS) {
      for (const r of [...target.rowHeights.keys()]) if (r >= box.top && r <= box.bottom) target.rowHeights.delete(r);
      for (const [r, h] of source.rowHeights) if (r >= box.top && r <= box.bottom) target.rowHeights.set(r, h);
    }
    this.touch();
  }

  activate(sheet: FakeSheet): void {
    if (sheet.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', 'Cannot activate a hidden worksheet.');
    this.activeSheet = sheet;
    if (this.selection.sheet !== sheet) this.selection = { sheet, box: { top: 1, left: 1, bottom: 1, right: 1 } };
  }

  select(sheet: FakeSheet, box: Box): void {
    this.activate(sheet);
    this.selection = { sheet, box: { ...box } };
  }

  // -- protection ----------------------------------------------------------------------------

  checkProtection(sheet: FakeSheet, box: Box | undefined, need: ProtectionNeed['kind']): void {
    const p = sheet.protection;
    if (!p.protected) return;
    const deny = () => {
      throw new FakeOfficeError('AccessDenied', `The cell or chart you're trying to change is on a protected sheet (${sheet.name}).`);
    };
    switch (need) {
      case 'contents':
        if (box) for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) if (sheet.get(r, c)?.locked !== false) deny();
        return;
      case 'format':
        if (!p.options.allowFormatCells) deny();
        return;
      case 'columns':
        if (!p.options.allowFormatColumns) deny();
        return;
      case 'rows':
        if (!p.options.allowFormatRows) deny();
        return;
      case 'objects':
        deny();
    }
  }

  protect(sheet: FakeSheet, options: ExcelWorksheetProtectionOptions | undefined, password: string | undefined): void {
    if (sheet.protection.protected) throw new FakeOfficeError('InvalidOperation', 'The worksheet is already protected.');
    sheet.protection = { protected: true, options: { ...(options ?? {}) }, password: password || undefined };
    this.touch();
  }

  unprotect(sheet: FakeSheet, password: string | undefined): void {
    const p = sheet.protection;
    if (!p.protected) return;
    if (p.password !== undefined && p.password !== password) throw new FakeOfficeError('InvalidArgument', 'The password you supplied is not correct.');
    sheet.protection = { protected: false, options: {} };
    this.touch();
  }

  // -- contents ------------------------------------------------------------------------------

  /** `range.values = …` / `range.formulas = …`: typing semantics, `null` leaves a cell unchanged. */
  writeEntries(sheet: FakeSheet, box: Box, matrix: unknown): void {
    const rows = boxRows(box);
    const cols = boxCols(box);
    if (!Array.isArray(matrix) || matrix.length !== rows || matrix.some((r) => !Array.isArray(r) || r.length !== cols)) {
      throw new FakeOfficeError(
        'InvalidArgument',
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`,
      );
    }
    assertWritable(box);
    const changed: Box[] = [];
    (matrix as unknown[][]).forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined) changed.push({ top: box.top + r, bottom: box.top + r, left: box.left + c, right: box.left + c });
      }),
    );
    for (const b of changed) this.checkProtection(sheet, b, 'contents');
    // Excel refuses a formula it cannot parse (the whole write fails, nothing is half-written).
    const entries = (matrix as unknown[][]).map((row, r) =>
      row.map((v, c) => {
        if (v === null || v === undefined) return undefined;
        const e = interpretEntry(v, sheet.get(box.top + r, box.left + c)?.numberFormat);
        if (e.formula !== undefined && !isValidFormula(e.formula) && typeof v === 'string' && v.startsWith('=')) {
          throw new FakeOfficeError('InvalidArgument', `The formula is not valid: ${v.slice(0, 80)}`);
        }
        return e;
      }),
    );
    entries.forEach((row, r) =>
      row.forEach((e, c) => {
        if (e === undefined) return;
        const cell = sheet.at(box.top + r, box.left + c);
        delete cell.value;
        delete cell.formula;
        delete cell.error;
        delete cell.quotePrefix;
        if (e.clear) return;
        if (e.value !== undefined) cell.value = e.value;
        if (e.formula !== undefined) cell.formula = e.formula;
        if (e.error !== undefined) cell.error = e.error;
        if (e.quotePrefix) cell.quotePrefix = true;
        if (e.numberFormat !== undefined) cell.numberFormat = e.numberFormat;
      }),
    );
    this.touch();
  }

  writeNumberFormats(sheet: FakeSheet, box: Box, matrix: unknown): void {
    const rows = boxRows(box);
    const cols = boxCols(box);
    if (!Array.isArray(matrix) || matrix.length !== rows || matrix.some((r) => !Array.isArray(r) || r.length !== cols)) {
      throw new FakeOfficeError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size of the range (${rows}×${cols}).`);
    }
    assertWritable(box);
    this.checkProtection(sheet, box, 'format');
    (matrix as unknown[][]).forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        if (typeof v !== 'string') throw new FakeOfficeError('InvalidArgument', `numberFormat must be text, got ${typeof v}`);
        const cell = sheet.at(box.top + r, box.left + c);
        if (isGeneral(v)) delete cell.numberFormat;
        else cell.numberFormat = v;
      }),
    );
    this.touch();
  }

  clear(sheet: FakeSheet, box: Box, applyTo: 'All' | 'Formats' | 'Contents'): void {
    this.checkProtection(sheet, box, applyTo === 'Contents' ? 'contents' : 'format');
    const formatKeys: Array<keyof FakeCell> = ['numberFormat', 'fill', 'bold', 'italic', 'fontColor', 'fontSize', 'fontName', 'hAlign', 'vAlign', 'wrap', 'indent', 'borders'];
    for (const { row, col, cell } of [...sheet.existing(box)]) {
      if (applyTo !== 'Formats') {
        delete cell.value;
        delete cell.formula;
        delete cell.error;
        delete cell.quotePrefix;
      }
      if (applyTo !== 'Contents') for (const k of formatKeys) delete cell[k];
      // Clear All takes the notes too, as 清除全部 does in Excel.
      if (applyTo === 'All') {
        delete cell.validation;
        delete cell.note;
      }
      if (Object.keys(cell).length === 0) sheet.cells.delete(key(row, col));
    }
    if (applyTo !== 'Contents') {
      for (let i = sheet.merges.length - 1; i >= 0; i--) if (intersects(sheet.merges[i], box)) sheet.merges.splice(i, 1);
    }
    if (applyTo === 'All') {
      for (let i = sheet.conditionalFormats.length - 1; i >= 0; i--) if (contains(box, sheet.conditionalFormats[i].box)) sheet.conditionalFormats.splice(i, 1);
    }
    this.touch();
  }

  /** Applies a format patch to every cell of a box. */
  formatCells(sheet: FakeSheet, box: Box, patch: Partial<FakeCell>, need: ProtectionNeed['kind'] = 'format'): void {
    assertWritable(box);
    this.checkProtection(sheet, box, need);
    // The patch's entries once, not per cell: a format over a whole unit table is 60,000 cells.
    const entries = Object.entries(patch) as Array<[keyof FakeCell, unknown]>;
    for (let r = box.top; r <= box.bottom; r++) {
      for (let c = box.left; c <= box.right; c++) {
        const cell = sheet.at(r, c);
        for (let i = 0; i < entries.length; i++) {
          const [k, v] = entries[i];
          if (v === undefined) delete cell[k];
          else (cell as Record<string, unknown>)[k] = v;
        }
      }
    }
    this.touch();
  }

  setBorder(sheet: FakeSheet, box: Box, index: string, border: Partial<FakeBorder>): void {
    this.checkProtection(sheet, box, 'format');
    const apply = (r: number, c: number, edge: Edge) => {
      const cell = sheet.at(r, c);
      const b = { ...(cell.borders ?? {}) };
      b[edge] = { style: border.style ?? b[edge]?.style ?? 'Continuous', color: border.color ?? b[edge]?.color ?? '#000000' };
      cell.borders = b;
    };
    for (let r = box.top; r <= box.bottom; r++) {
      for (let c = box.left; c <= box.right; c++) {
        if (index === 'EdgeTop' && r === box.top) apply(r, c, 'top');
        if (index === 'EdgeBottom' && r === box.bottom) apply(r, c, 'bottom');
        if (index === 'EdgeLeft' && c === box.left) apply(r, c, 'left');
        if (index === 'EdgeRight' && c === box.right) apply(r, c, 'right');
        if (index === 'InsideHorizontal' && r < box.bottom) apply(r, c, 'bottom');
        if (index === 'InsideHorizontal' && r > box.top) apply(r, c, 'top');
        if (index === 'InsideVertical' && c < box.right) apply(r, c, 'right');
        if (index === 'InsideVertical' && c > box.left) apply(r, c, 'left');
      }
    }
    this.touch();
  }

  readBorder(sheet: FakeSheet, box: Box, index: string): FakeBorder {
    const edge: Edge = index === 'EdgeTop' ? 'top' : index === 'EdgeBottom' ? 'bottom' : index === 'EdgeLeft' ? 'left' : 'right';
    const cells: Array<FakeBorder | undefined> = [];
    for (let r = box.top; r <= box.bottom; r++) {
      for (let c = box.left; c <= box.right; c++) {
        const onEdge = edge === 'top' ? r === box.top : edge === 'bottom' ? r === box.bottom : edge === 'left' ? c === box.left : c === box.right;
        if (onEdge) cells.push(sheet.get(r, c)?.borders?.[edge]);
      }
    }
    const style = common(cells.map((b) => b?.style ?? 'None'));
    const color = common(cells.map((b) => b?.color ?? '#000000'));
    return { style: style ?? '', color: color ?? '' };
  }

  merge(sheet: FakeSheet, box: Box, across: boolean): void {
    this.checkProtection(sheet, box, 'format');
    const boxes = across ? Array.from({ length: boxRows(box) }, (_, i) => ({ ...box, top: box.top + i, bottom: box.top + i })) : [box];
    for (const b of boxes) {
      if (boxRows(b) === 1 && boxCols(b) === 1) continue;
      for (let i = sheet.merges.length - 1; i >= 0; i--) if (intersects(sheet.merges[i], b)) sheet.merges.splice(i, 1);
      sheet.merges.push({ ...b });
      // Excel keeps only the top-left value of a merged area.
      for (const { row, col, cell } of sheet.existing(b)) {
        if (row === b.top && col === b.left) continue;
        delete cell.value;
        delete cell.formula;
        delete cell.error;
      }
    }
    this.touch();
  }

  // -- validation ----------------------------------------------------------------------------

  patchValidation(sheet: FakeSheet, box: Box, patch: Partial<FakeValidation>): void {
    this.checkProtection(sheet, box, 'objects');
    assertWritable(box);
    const replaced = new Map<FakeValidation | undefined, FakeValidation>();
    for (let r = box.top; r <= box.bottom; r++) {
      for (let c = box.left; c <= box.right; c++) {
        const cell = sheet.at(r, c);
        let next = replaced.get(cell.validation);
        if (!next) {
          next = {
            ...(cell.validation ?? { type: 'None', ignoreBlanks: true }),
            ...patch,
            origin: patch.type !== undefined || !cell.validation ? { row: box.top, col: box.left } : cell.validation.origin,
          };
          replaced.set(cell.validation, next);
        }
        cell.validation = next;
      }
    }
    this.touch();
  }

  clearValidation(sheet: FakeSheet, box: Box): void {
    this.checkProtection(sheet, box, 'objects');
    for (const { cell } of sheet.existing(box)) delete cell.validation;
    this.touch();
  }

  /** The validation shared by every cell of a box, `Inconsistent` when they differ. */
  readValidation(sheet: FakeSheet, box: Box): FakeValidation | 'Inconsistent' | undefined {
    let first: FakeValidation | undefined;
    let seen = false;
    for (let r = box.top; r <= box.bottom; r++) {
      for (let c = box.left; c <= box.right; c++) {
        const v = sheet.get(r, c)?.validation;
        if (!seen) {
          first = v;
          seen = true;
        } else if (!sameValidation(first, v)) return 'Inconsistent';
      }
    }
    return first;
  }

  // -- conditional formats -----------------------------------------------------------------

  addConditionalFormat(sheet: FakeSheet, box: Box): FakeConditionalFormat {
    this.checkProtection(sheet, box, 'objects');
    // A new conditional format takes the top priority (0), as in Excel.
    for (const cf of sheet.conditionalFormats) cf.priority++;
    const cf: FakeConditionalFormat = { id: `{fake-cf-${this.nextCfId++}}`, box: { ...box }, type: 'Custom', formula: '', priority: 0, stopIfTrue: false };
    sheet.conditionalFormats.push(cf);
    this.touch();
    return cf;
  }

  setConditionalPriority(sheet: FakeSheet, cf: FakeConditionalFormat, priority: number): void {
    const list = sheet.conditionalFormats.filter((x) => x !== cf).sort((a, b) => a.priority - b.priority);
    list.splice(Math.max(0, Math.min(list.length, priority)), 0, cf);
    list.forEach((x, i) => (x.priority = i));
    this.touch();
  }

  deleteConditionalFormat(sheet: FakeSheet, cf: FakeConditionalFormat): void {
    this.checkProtection(sheet, cf.box, 'objects');
    const i = sheet.conditionalFormats.indexOf(cf);
    if (i >= 0) sheet.conditionalFormats.splice(i, 1);
    this.touch();
  }

  // -- defined names -------------------------------------------------------------------------

  findName(name: string): FakeName | undefined {
    return this.names.get(name.toUpperCase());
  }

  /** `names.add(name, reference)`: `=Sheet!$A$1` is a reference; text without `=` is a constant. */
  addName(name: string, reference: string, comment = ''): FakeName {
    checkDefinedName(name);
    if (this.findName(name)) {
      throw new FakeOfficeError('ItemAlreadyExists', `The name ${JSON.stringify(name)} already exists.`);
    }
    const item: FakeName = { name, comment, visible: true };
    if (typeof reference !== 'string') throw new FakeOfficeError('InvalidArgument', 'reference must be a string');
    if (reference.startsWith('=')) {
      const target = this.parseSheetReference(reference.slice(1));
      if (!target) throw new FakeOfficeError('InvalidReference', `The reference is not valid: ${reference}`);
      item.sheet = target.sheet;
      item.box = target.box;
    } else {
      const n = Number(reference);
      item.constant = reference.trim() !== '' && Number.isFinite(n) ? n : reference;
    }
    this.names.set(name.toUpperCase(), item);
    this.touch();
    return item;
  }

  deleteName(item: FakeName): void {
    this.names.delete(item.name.toUpperCase());
    this.touch();
  }

  /** `'My sheet'!$A$1:$B$2` or `Sheet1!A1` → sheet and box (the sheet must exist). */
  parseSheetReference(ref: string): { sheet: FakeSheet; box: Box } | undefined {
    const split = splitSheetRef(ref);
    const sheet = split && this.findSheet(split.sheet);
    const box = split && parseArea(split.local);
    return sheet && box ? { sheet, box } : undefined;
  }

  /** `=Sheet1!$A$1:$B$2` as Excel reports a name's formula (`=#REF!…` once its sheet is gone). */
  nameFormula(item: FakeName): string {
    if (item.sheet && item.box) {
      if (item.broken) return `=#REF!${absRangeA1(item.box)}`;
      return `=${boxAddress(item.sheet, item.box, true)}`;
    }
    return typeof item.constant === 'string' ? `="${item.constant.replace(/"/g, '""')}"` : `=${String(item.constant)}`;
  }

  nameType(item: FakeName): string {
    if (item.sheet) return item.broken ? 'Error' : 'Range';
    return typeof item.constant === 'number' ? 'Double' : typeof item.constant === 'boolean' ? 'Boolean' : 'String';
  }

  // -- reading -------------------------------------------------------------------------------

  /** The evaluated content of a cell: null blank, ErrorValue for errors. */
  evaluated(sheet: FakeSheet, row: number, col: number): Scalar {
    const cell = sheet.get(row, col);
    if (!cell) return null;
    if (cell.error !== undefined) return errorOf(cell.error);
    if (cell.formula === undefined) return cell.value ?? null;
    if (this.evalVersion !== this.version) {
      this.evalCache.clear();
      this.evalVersion = this.version;
    }
    const k = `${sheet.id}:${row}:${col}`;
    const cached = this.evalCache.get(k);
    if (cached !== undefined) return cached;
    // A circular reference shows 0 in Excel (with a warning); so does the fake.
    if (this.evaluating.has(k)) return 0;
    this.evaluating.add(k);
    try {
      const v = evaluateFormula(cell.formula, this, sheet.name);
      this.evalCache.set(k, v);
      return v;
    } finally {
      this.evaluating.delete(k);
    }
  }

  /** `range.values` for one cell: errors as their text, blanks as ''. */
  valueAt(sheet: FakeSheet, row: number, col: number): ExcelScalar {
    const v = this.evaluated(sheet, row, col);
    if (v === null) return '';
    return v instanceof ErrorValue ? v.code : v;
  }

  formulaAt(sheet: FakeSheet, row: number, col: number): ExcelScalar {
    const cell = sheet.get(row, col);
    if (!cell) return '';
    if (cell.formula !== undefined) return `=${cell.formula}`;
    if (cell.error !== undefined) return cell.error;
    return cell.value ?? '';
  }

  valueTypeAt(sheet: FakeSheet, row: number, col: number): string {
    const v = this.evaluated(sheet, row, col);
    if (v === null) return 'Empty';
    if (v instanceof ErrorValue) return 'Error';
    return typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String';
  }

  textAt(sheet: FakeSheet, row: number, col: number): string {
    const v = this.evaluated(sheet, row, col);
    if (v === null) return '';
    if (v instanceof ErrorValue) return v.code;
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (typeof v === 'number') return formatNumber(v, sheet.get(row, col)?.numberFormat ?? 'General');
    return v;
  }

  matrix<T>(box: Box, f: (row: number, col: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = box.top; r <= box.bottom; r++) {
      const row: T[] = [];
      for (let c = box.left; c <= box.right; c++) row.push(f(r, c));
      out.push(row);
    }
    return out;
  }

  /** A format property over a box: common value or null. */
  commonFormat<T>(sheet: FakeSheet, box: Box, f: (cell: FakeCell | undefined) => T): T | null {
    const values: T[] = [];
    for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) values.push(f(sheet.get(r, c)));
    return common(values);
  }

  // -- FormulaHost ---------------------------------------------------------------------------

  cell(sheetName: string, row: number, col: number): Scalar {
    const sheet = this.findSheet(sheetName);
    return sheet ? this.evaluated(sheet, row, col) : null;
  }

  extent(sheetName: string): { rows: number; cols: number } {
    const sheet = this.findSheet(sheetName);
    if (!sheet) return { rows: 1, cols: 1 };
    if (this.extentVersion !== this.version) {
      this.extents.clear();
      this.extentVersion = this.version;
    }
    let e = this.extents.get(sheet.id);
    if (!e) {
      const box = sheet.usedBox(true);
      e = { rows: box?.bottom ?? 1, cols: box?.right ?? 1 };
      this.extents.set(sheet.id, e);
    }
    return e;
  }

  sheetName(name: string): string | undefined {
    return this.findSheet(name)?.name;
  }

  definedName(name: string): RangeValue | Scalar | undefined {
    const item = this.findName(name);
    if (!item) return undefined;
    if (item.sheet && item.box) return item.broken ? errorOf('#REF!') : { kind: 'range', sheet: item.sheet.name, box: item.box };
    return item.constant ?? null;
  }
}

/** Copies the cells of `box` (every property, validation rules kept shared as they were) shifted by (dr, dc). */
function copyCells(from: FakeSheet, to: FakeSheet, box: Box, dr: number, dc: number): void {
  const rules = new Map<FakeValidation, FakeValidation>();
  for (const { row, col, cell } of from.existing(box)) {
    const c: FakeCell = { ...cell };
    if (cell.borders) c.borders = { ...cell.borders };
    if (cell.validation) {
      let v = rules.get(cell.validation);
      if (!v) rules.set(cell.validation, (v = { ...cell.validation, origin: { row: cell.validation.origin.row + dr, col: cell.validation.origin.col + dc } }));
      c.validation = v;
    }
    to.cells.set(key(row + dr, col + dc), c);
  }
}

export function intersects(a: Box, b: Box): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function contains(outer: Box, inner: Box): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}

/** General-format display of a scalar, for tests and the preview. */
export function displayScalar(v: ExcelScalar): string {
  return typeof v === 'number' ? formatGeneral(v) : String(v);
}
