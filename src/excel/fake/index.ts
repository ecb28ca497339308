/**
 * The recording fake of the Excel JavaScript API: an in-memory workbook behind the same proxy,
 * load and sync rules as Office.js, for the adapter tests and the browser preview host.
 *
 *   const fake = createFakeExcel({ apiVersion: '1.4' });   // an old Excel
 *   await insertTemplate(fake.host, spec);                  // code under test takes an ExcelHost
 *   fake.syncCount; fake.calls; fake.sheet('指标填报')       // what happened, what is there
 *
 * Product code (it ships in the preview), so no test-framework imports here.
 */
import type { ExcelContext, ExcelHost } from '../port';
import { EXCEL_PAYLOAD_LIMIT } from '../payload';
import { FakeRequestContext, versionAtLeast, type FakeCall, type FakeSyncRecord, type Recorder } from './client';
import { FakeOfficeError } from './errors';
import { evaluateFormula } from './formula';
import { ErrorValue } from './values';
import { FakeWorkbook, interpretEntry, parseAddress, type FakeCell, type FakeSheet, type FakeValidation } from './model';

export { FakeOfficeError } from './errors';
export type { FakeCall, FakeSyncRecord } from './client';
export { FakeWorkbook, FakeSheet, parseAddress, boxAddress, DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT } from './model';
export type { FakeCell, FakeChart, FakeConditionalFormat, FakeName, FakeValidation, Box } from './model';
export { evaluateFormula, SUPPORTED_FUNCTIONS, functionsIn, registerExternalFunctions, type ExternalFunction } from './formula';
export { formatNumber } from './number-format';
export { ErrorValue } from './values';

/** The newest ExcelApi the fake models; a plain fake behaves like a current Microsoft 365. */
export const LATEST_EXCEL_API = '1.18';

export interface FakeExcelOptions {
  /** Highest ExcelApi requirement set supported (simulates an older Excel). Default: latest. */
  apiVersion?: string;
  /** Sheets the workbook starts with. Default: one `Sheet1`. */
  sheets?: string[];
  /** Request/response size limit per sync in bytes. Default 5 MB, Excel on the web's limit. */
  payloadLimit?: number;
}


/** What the preview grid shows for one cell. */
export interface CellView {
  value: string | number | boolean | null;
  /** `#DIV/0!` … when the cell holds an error. */
  error?: string;
  /** Formula with its `=`, when the cell has one. */
  formula?: string;
  /** The value as Excel would display it with the cell's number format. */
  text: string;
  numberFormat: string;
  fill?: string;
  fontColor?: string;
  bold: boolean;
  italic: boolean;
  locked: boolean;
  hAlign?: string;
  wrap: boolean;
  /** Set when a conditional format applies (its fill/font override the cell's own). */
  conditional?: { fill?: string; fontColor?: string; bold?: boolean };
  validation?: FakeValidation;
  note?: string;
}

export interface TypeResult {
  ok: boolean;
  /** Why Excel refused the entry (protected cell, validation with a Stop alert). */
  reason?: 'protected' | 'validation';
  /** The alert a user would see (validation's own title/message when it has one). */
  message?: string;
  /** A validation Warning/Information alert: the entry was kept but Excel would have asked. */
  warning?: string;
}

export class FakeExcel implements Recorder {
  readonly model: FakeWorkbook;
  readonly calls: FakeCall[] = [];
  readonly syncs: FakeSyncRecord[] = [];
  apiVersion: string;
  payloadLimit: number;
  private seq = 0;
  private readonly listeners = new Set<() => void>();

  /** Pass to code under test: `Excel.run` and `Office.context.requirements.isSetSupported`. */
  readonly host: ExcelHost;

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? LATEST_EXCEL_API;
    this.payloadLimit = options.payloadLimit ?? EXCEL_PAYLOAD_LIMIT;
    this.model = new FakeWorkbook(options.sheets);
    this.host = {
      run: <T>(batch: (context: ExcelContext) => Promise<T>) => this.run(batch),
      isSetSupported: (name: string, minVersion?: string) => this.isSetSupported(name, minVersion),
    };
  }

  nextSeq(): number {
    return ++this.seq;
  }

  changed(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Called after each sync that changed the workbook and after `typeInto`. Returns an unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `Office.context.requirements.isSetSupported('ExcelApi', '1.8')`. */
  isSetSupported(name: string, minVersion?: string): boolean {
    if (name !== 'ExcelApi') return false;
    return minVersion === undefined || versionAtLeast(this.apiVersion, minVersion);
  }

  /** `Excel.run`: a fresh context; pending commands are flushed when the batch returns. */
  async run<T>(batch: (context: ExcelContext) => Promise<T>): Promise<T> {
    const ctx = new FakeRequestContext(this);
    try {
      const result = await batch(ctx);
      if (ctx.pending > 0) await ctx.flush(true);
      return result;
    } finally {
      ctx.closed = true;
    }
  }

  /** A context outside `run`, for tests that drive syncs by hand. */
  context(): ExcelContext {
    return new FakeRequestContext(this);
  }

  get syncCount(): number {
    return this.syncs.length;
  }

  /** Forgets recorded calls and syncs (e.g. after arranging a workbook, before the code under test). */
  resetLog(): void {
    this.calls.length = 0;
    this.syncs.length = 0;
  }

  /** Calls per `Object.member`, for benchmarks and assertions. */
  callSummary(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.calls) out[`${c.object}.${c.member}`] = (out[`${c.object}.${c.member}`] ?? 0) + 1;
    return out;
  }

  // -- inspection (tests, preview) -------------------------------------------------------------

  sheetNames(): string[] {
    return this.model.sheets.map((s) => s.name);
  }

  sheet(name: string): FakeSheet {
    const s = this.model.findSheet(name);
    if (!s) throw new FakeOfficeError('ItemNotFound', `no sheet ${JSON.stringify(name)}`);
    return s;
  }

  /** The raw cell record (undefined when the cell was never touched). */
  cell(sheet: string, address: string): FakeCell | undefined {
    const box = parseAddress(address);
    return this.sheet(sheet).get(box.top, box.left);
  }

  /** What the preview grid shows for a cell, conditional formats applied. */
  view(sheet: string, row: number, col: number): CellView {
    const s = this.sheet(sheet);
    const m = this.model;
    const cell = s.get(row, col);
    const v = m.evaluated(s, row, col);
    const out: CellView = {
      value: v instanceof ErrorValue ? null : v,
      text: m.textAt(s, row, col),
      numberFormat: cell?.numberFormat ?? 'General',
      bold: cell?.bold ?? false,
      italic: cell?.italic ?? false,
      locked: cell?.locked !== false,
      wrap: cell?.wrap ?? false,
    };
    if (v instanceof ErrorValue) out.error = v.code;
    if (cell?.formula !== undefined) out.formula = `=${cell.formula}`;
    if (cell?.fill) out.fill = cell.fill;
    if (cell?.fontColor) out.fontColor = cell.fontColor;
    if (cell?.hAlign) out.hAlign = cell.hAlign;
    if (cell?.validation) out.validation = cell.validation;
    if (cell?.note) out.note = cell.note;
    const cf = this.conditionalAt(s, row, col);
    if (cf) out.conditional = cf;
    return out;
  }

  private conditionalAt(s: FakeSheet, row: number, col: number): CellView['conditional'] {
    const applicable = s.conditionalFormats
      .filter((cf) => row >= cf.box.top && row <= cf.box.bottom && col >= cf.box.left && col <= cf.box.right && cf.formula)
      .sort((a, b) => a.priority - b.priority);
    let out: CellView['conditional'];
    for (const cf of applicable) {
      const r = evaluateFormula(cf.formula.slice(1), this.model, s.name, { rows: row - cf.box.top, cols: col - cf.box.left });
      if (r === true || (typeof r === 'number' && r !== 0)) {
        out = {
          fill: out?.fill ?? cf.fill,
          fontColor: out?.fontColor ?? cf.fontColor,
          bold: out?.bold ?? cf.bold,
        };
        if (cf.stopIfTrue) break;
      }
    }
    return out;
  }

  /**
   * A user typing into a cell (the preview grid): Excel's typing semantics, refused on a locked
   * cell of a protected sheet, and checked against the cell's data validation unless `paste`
   * (pasting bypasses validation in Excel too, which is why the add-in re-validates everything).
   */
  typeInto(sheet: string, address: string, text: string, options: { paste?: boolean } = {}): TypeResult {
    const s = this.sheet(sheet);
    const { top: row, left: col } = parseAddress(address);
    const cell = s.get(row, col);
    if (s.protection.protected && cell?.locked !== false) {
      return {
        ok: false,
        reason: 'protected',
        message: '您试图更改的单元格或图表位于受保护的工作表中。 / The cell or chart you are trying to change is on a protected sheet.',
      };
    }
    let warning: string | undefined;
    const dv = cell?.validation;
    if (dv && !options.paste && dv.type !== 'None') {
      const ok = this.passesValidation(s, row, col, dv, text, cell?.numberFormat);
      if (!ok) {
        const alert = dv.errorAlert ?? { showAlert: true, style: 'Stop', title: '', message: '' };
        const message = alert.message || '此值与此单元格定义的数据验证限制不匹配。 / This value doesn’t match the data validation restrictions defined for this cell.';
        if (alert.showAlert !== false && alert.style === 'Stop') return { ok: false, reason: 'validation', message };
        if (alert.showAlert !== false) warning = message;
      }
    }
    const wasProtected = s.protection;
    // The user's own typing goes through the same write path as the API, minus the lock check done above.
    s.protection = { protected: false, options: {} };
    try {
      this.model.writeEntries(s, { top: row, left: col, bottom: row, right: col }, [[text]]);
    } finally {
      s.protection = wasProtected;
    }
    this.changed();
    return warning ? { ok: true, warning } : { ok: true };
  }

  private passesValidation(s: FakeSheet, row: number, col: number, dv: FakeValidation, text: string, nf: string | undefined): boolean {
    if (text === '') return dv.ignoreBlanks;
    const entry = interpretEntry(text, nf);
    // A formula is checked by its result, as Excel does (an error result fails every rule).
    const result = entry.formula !== undefined ? evaluateFormula(entry.formula, this.model, s.name) : entry.value;
    if (result instanceof ErrorValue) return false;
    const value = result ?? undefined;
    const offset = { rows: row - dv.origin.row, cols: col - dv.origin.col };
    const bound = (f: string | undefined) => (f === undefined ? undefined : evaluateFormula(f.replace(/^=/, ''), this.model, s.name, offset));
    switch (dv.type) {
      case 'List':
        return (dv.source ?? '').split(',').map((x) => x.trim()).includes(String(value ?? text));
      case 'Custom': {
        // Excel checks a custom rule with the new value in place.
        const saved = s.get(row, col) ? { ...s.get(row, col) } : undefined;
        const cell = s.at(row, col);
        delete cell.formula;
        delete cell.error;
        cell.value = value ?? text;
        this.model.touch();
        const r = evaluateFormula((dv.formula ?? '=TRUE').slice(1), this.model, s.name, offset);
        s.cells.delete((row - 1) * 16384 + (col - 1));
        if (saved) Object.assign(s.at(row, col), saved);
        this.model.touch();
        return r === true || (typeof r === 'number' && r !== 0);
      }
      case 'WholeNumber':
      case 'Decimal':
      case 'TextLength': {
        const x = dv.type === 'TextLength' ? text.length : value;
        if (typeof x !== 'number') return false;
        if (dv.type === 'WholeNumber' && !Number.isInteger(x)) return false;
        const a = bound(dv.formula1);
        const b = bound(dv.formula2);
        const n1 = typeof a === 'number' ? a : NaN;
        const n2 = typeof b === 'number' ? b : NaN;
        switch (dv.operator) {
          case 'Between':
            return x >= n1 && x <= n2;
          case 'NotBetween':
            return x < n1 || x > n2;
          case 'EqualTo':
            return x === n1;
          case 'NotEqualTo':
            return x !== n1;
          case 'GreaterThan':
            return x > n1;
          case 'LessThan':
            return x < n1;
          case 'GreaterThanOrEqualTo':
            return x >= n1;
          default:
            return x <= n1;
        }
      }
      default:
        return true;
    }
  }
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  return new FakeExcel(options);
}
