/**
 * The Office.js renderer: draws a TemplateSpec (the same one the ExcelJS renderer writes to a
 * file) into the open workbook.
 *
 *  - Constant syncs: one to look at the workbook, one to write everything. Contents and number
 *    formats go in 2-D blocks, styles in rectangular runs, so the work grows with the template's
 *    layout, not per cell; a second write sync happens only past Excel's 5 MB request limit.
 *  - Never overwrites: sheets are added (Excel refuses a duplicate name rather than replacing),
 *    a spec whose sheet or defined names are taken is refused or handed to `onConflict`; pass a
 *    builder (`existing => buildTemplate(plan, {existingSheetNames})`) to get `模板 (2)`-style
 *    names. If writing fails half-way, the sheets and names this insert created are removed.
 *  - Text is guarded (see cells.ts); formulas are the spec's, with `=`.
 *  - Older Excel: features beyond its requirement sets are skipped with a bilingual warning
 *    (conditional formats < 1.6, validation < 1.8, print setup < 1.9 …); below ExcelApi 1.4
 *    (defined names) the insert is refused with a message naming the Excel needed.
 */
import { boxAt, columnsA1, rangeA1, rowsA1, type RangeBox } from '../core/workbook/address';
import { boxOfPlaced, contentSteps, runsSteps, type PlacedCell, type Run } from '../core/template/layout';
import { a1ToRowCol } from '../core/workbook/address';
import { DEFAULT_FONT, type CellSpec, type ConditionalFormatSpec, type SheetSpec, type StyleSpec, type TemplateSpec, type ValidationSpec } from '../core/template/spec';
import { literalEntry, columnWidthPoints } from './cells';
import { ExcelTaskError, hostError } from './errors';
import { jsonSize } from './payload';
import type {
  BorderIndex,
  ExcelContext,
  ExcelDataValidationRule,
  ExcelRange,
  ExcelWorksheet,
  ExcelWorksheetProtectionOptions,
} from './port';
import type { Capabilities, Degradation } from './requirements';
import { capabilitiesOf, SyncBudget, withContext, type ExcelTarget, type TargetOptions } from './session';
import { isTaskCancelled, TaskCancelled, TaskControl, type TaskProgress } from '../core/task/control';

/** What is in the workbook before the insert, for a spec builder to avoid. */
export interface ExistingWorkbook {
  sheetNames: string[];
  definedNames: string[];
}

export interface InsertConflict {
  /** Sheet names of the spec that already exist. */
  sheets: string[];
  /** Defined names of the spec that already exist. */
  names: string[];
}

/**
 * Progress of an insert, in cells: `prepare` while the cells are queued (nothing has reached the
 * workbook), `write` while Excel applies them in the write sync, `done`.
 */
export type InsertProgress = TaskProgress;

export interface InsertOptions extends TargetOptions {
  /**
   * Called when the spec's names are taken: return another spec (checked again) or `'cancel'`.
   * Without it a conflict is an error (`code: 'conflict'`); nothing is written either way.
   */
  onConflict?: (conflict: InsertConflict) => Promise<TemplateSpec | 'cancel'> | TemplateSpec | 'cancel';
  /** Activate the first template sheet afterwards (default true). */
  activate?: boolean;
  onProgress?: (progress: InsertProgress) => void;
  /**
   * Stops the insert. Before the write sync nothing has been sent to Excel; during it, the sheets
   * and names it created are removed again afterwards. Either way the workbook is left as it was
   * and a TaskCancelled is thrown.
   */
  signal?: AbortSignal;
  /** Longest work between two yields to the page, ms (default DEFAULT_SLICE_MS). */
  sliceMs?: number;
  /** Bytes per sync before the writes are split (default: under Excel on the web's 5 MB). */
  syncBudget?: number;
}

export interface InsertResult {
  /** Template sheets as created, in order. */
  sheets: string[];
  metadataSheet: string;
  definedNames: string[];
  /** Features left out on this Excel, each with a bilingual message for the pane. */
  warnings: Degradation[];
  /** `context.sync()` calls this insert made. */
  syncs: number;
  /** Times the insert let the page run (paint, take clicks) while it queued the writes. */
  yields: number;
}

/** The font both renderers give every template cell; defined once in the spec. */
export const TEMPLATE_FONT = DEFAULT_FONT;

/** Rows per contents write: small enough that the sync budget can split a huge sheet between them. */
const MAX_BLOCK_BYTES = 512 * 1024;

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;
const ALERT_STYLE = { stop: 'Stop', warning: 'Warning', information: 'Information' } as const;

const DOING = { zh: '插入模板', en: 'Inserting the template' };

export function lower(names: Iterable<string>): Set<string> {
  return new Set([...names].map((n) => n.toLowerCase()));
}

/** The spec's names that the workbook already has (case-insensitive, as Excel compares them). */
export function findConflicts(spec: TemplateSpec, existing: ExistingWorkbook): InsertConflict {
  const sheets = lower(existing.sheetNames);
  const names = lower(existing.definedNames);
  return {
    sheets: [...spec.sheets.map((s) => s.name), spec.hiddenMetadata.sheetName].filter((n) => sheets.has(n.toLowerCase())),
    names: spec.definedNames.map((n) => n.name).filter((n) => names.has(n.toLowerCase())),
  };
}

function conflictError(c: InsertConflict): ExcelTaskError {
  const list = [...c.sheets, ...c.names].join('、');
  return new ExcelTaskError('conflict', {
    zh: `工作簿中已有同名的工作表或名称（${list}），为避免覆盖现有数据，未插入模板`,
    en: `the workbook already has sheets or names called ${[...c.sheets, ...c.names].join(', ')}; nothing was inserted so that no existing data is overwritten`,
  });
}

async function inspect(ctx: ExcelContext): Promise<ExistingWorkbook & { positions: Map<string, number> }> {
  // Names only: their references are not needed to avoid them (and need ExcelApi 1.7).
  const sheets = ctx.workbook.worksheets.load('items/name,items/position');
  const names = ctx.workbook.names.load('items/name');
  await ctx.sync();
  return {
    sheetNames: sheets.items.map((s) => s.name),
    definedNames: names.items.map((n) => n.name),
    positions: new Map(sheets.items.map((s) => [s.name.toLowerCase(), s.position])),
  };
}

/** Consecutive row blocks of a matrix, each under `maxBytes` of JSON (pausing every 256 rows, see `drain`). */
function* rowBlocks<T>(matrix: T[][], maxBytes: number): Generator<void, Array<{ start: number; rows: T[][] }>, void> {
  const out: Array<{ start: number; rows: T[][] }> = [];
  let start = 0;
  let size = 0;
  for (let r = 0; r < matrix.length; r++) {
    if (r % 256 === 255) yield;
    const s = jsonSize(matrix[r]);
    if (r > start && size + s > maxBytes) {
      out.push({ start, rows: matrix.slice(start, r) });
      start = r;
      size = 0;
    }
    size += s;
  }
  if (matrix.length > start) out.push({ start, rows: matrix.slice(start) });
  return out;
}

/** A stepped computation run to its end at once (small inputs: the metadata sheet). */
function whole<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Writes one sheet of a spec into a worksheet (insert and update in place share it). */
export class SheetWriter {
  constructor(
    private readonly ws: ExcelWorksheet,
    private readonly spec: TemplateSpec,
    private readonly sheet: SheetSpec,
    private readonly caps: Capabilities,
    private readonly budget: SyncBudget,
    private readonly warnings: Degradation[],
    private readonly control: TaskControl,
  ) {}

  /** The sheet's cells with their rows and columns, computed once (in slices) for every pass below. */
  private placed: PlacedCell[] = [];

  private range(address: string): ExcelRange {
    return this.ws.getRange(address);
  }

  /** Parses every cell address once, yielding to the pane every few thousand cells. */
  async place(): Promise<void> {
    const entries = Object.entries(this.sheet.cells);
    const placed: PlacedCell[] = new Array<PlacedCell>(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const [address, cell] = entries[i];
      const { row, col } = a1ToRowCol(address);
      placed[i] = { row, col, address, cell };
      if (i % 2048 === 2047) await this.control.tick();
    }
    this.placed = placed;
    await this.control.tick();
  }

  async contents(): Promise<void> {
    const m = await this.drain(contentSteps(this.sheet, this.placed));
    // Fresh cells are General, so every string gets the apostrophe guard; null leaves a cell alone.
    // Row by row, in time slices: progress is the cells queued so far.
    const entries: (string | number | boolean | null)[][] = [];
    for (let r = 0; r < m.formulas.length; r++) {
      const row = m.formulas[r];
      let filled = 0;
      entries.push(
        row.map((v, c) => {
          if (v === null) return null;
          filled++;
          return m.isText[r][c] ? literalEntry(v as string) : v;
        }),
      );
      this.control.advance(filled);
      await this.control.tick();
    }
    for (const block of await this.drain(rowBlocks(entries, MAX_BLOCK_BYTES))) {
      if (block.rows.every((row) => row.every((v) => v === null))) continue;
      const box = { top: block.start + 1, bottom: block.start + block.rows.length, left: 1, right: m.box.right };
      await this.budget.spend(jsonSize(block.rows));
      this.range(rangeA1(box)).formulas = block.rows;
    }
    // Number formats after the formulas: Excel gives a General formula cell the format of the
    // cells it refers to, and the spec's format must win.
    for (const block of await this.drain(rowBlocks(m.numberFormats, MAX_BLOCK_BYTES))) {
      if (block.rows.every((row) => row.every((v) => v === 'General'))) continue;
      const box = { top: block.start + 1, bottom: block.start + block.rows.length, left: 1, right: m.box.right };
      await this.budget.spend(jsonSize(block.rows));
      this.range(rangeA1(box)).numberFormat = block.rows;
    }
  }

  /** The sheet's cells grouped into runs by `keyOf`, yielding to the pane between steps (no sync). */
  private runs(keyOf: (cell: CellSpec) => string | undefined): Promise<Run[]> {
    return this.drain(runsSteps(this.sheet, keyOf, this.placed));
  }

  /** Runs a stepped computation of core/template/layout to its end, yielding to the pane between steps. */
  private async drain<T>(steps: Generator<void, T, void>): Promise<T> {
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await this.control.tick();
    }
  }

  async styles(): Promise<void> {
    if (Object.keys(this.sheet.cells).length > 0) {
      await this.budget.spend(80);
      const font = this.range(rangeA1(boxOfPlaced(this.placed))).format.font;
      font.name = TEMPLATE_FONT.name;
      font.size = TEMPLATE_FONT.size;
    }
    for (const run of await this.runs((c: CellSpec) => c.style)) {
      const style = this.spec.styles[run.key];
      if (style) await this.applyStyle(this.range(run.range), style);
      await this.control.tick();
    }
    // Borders by colour rather than by style: most styles share one border colour, so the
    // rectangles are fewer and larger (inside edges included).
    await this.control.tick();
    for (const run of await this.runs((c: CellSpec) => (c.style ? this.spec.styles[c.style]?.border : undefined))) {
      await this.applyBorder(this.range(run.range), run.key, run.box);
      await this.control.tick();
    }
    await this.control.tick();
    for (const run of await this.runs((c: CellSpec) => (c.locked === false ? 'unlocked' : undefined))) {
      await this.budget.spend(60);
      this.range(run.range).format.protection.locked = false;
      await this.control.tick();
    }
  }

  private async applyStyle(r: ExcelRange, s: StyleSpec): Promise<void> {
    await this.budget.spend(400);
    const f = r.format;
    if (s.fill) f.fill.color = s.fill;
    if (s.font?.bold !== undefined) f.font.bold = s.font.bold;
    if (s.font?.italic !== undefined) f.font.italic = s.font.italic;
    if (s.font?.color) f.font.color = s.font.color;
    if (s.font?.size !== undefined) f.font.size = s.font.size;
    if (s.align?.horizontal) f.horizontalAlignment = H_ALIGN[s.align.horizontal];
    if (s.align?.vertical) f.verticalAlignment = V_ALIGN[s.align.vertical];
    if (s.align?.wrap !== undefined) f.wrapText = s.align.wrap;
    if (s.align?.indent && this.caps.degrade('indentLevel', this.warnings, { zh: '缩进未设置', en: 'indents were left out' })) {
      f.indentLevel = s.align.indent;
    }
  }

  /** A thin border on every edge of every cell of the box, in one colour. */
  private async applyBorder(r: ExcelRange, color: string, box: RangeBox): Promise<void> {
    await this.budget.spend(600);
    const edges: BorderIndex[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    if (box.bottom > box.top) edges.push('InsideHorizontal');
    if (box.right > box.left) edges.push('InsideVertical');
    for (const e of edges) {
      const b = r.format.borders.getItem(e);
      b.style = 'Continuous';
      b.color = color;
    }
  }

  async layout(): Promise<void> {
    for (const m of this.sheet.merges) {
      await this.budget.spend(60);
      this.range(m).merge(false);
    }
    for (const c of this.sheet.columns) {
      await this.budget.spend(80);
      const col = this.range(columnsA1(c.index));
      col.format.columnWidth = columnWidthPoints(c.width);
      if (c.hidden) col.columnHidden = true;
    }
    for (const r of this.sheet.rows) {
      await this.budget.spend(60);
      this.range(rowsA1(r.index)).format.rowHeight = r.height;
      await this.control.tick();
    }
  }

  async validations(): Promise<void> {
    if (this.sheet.validations.length === 0) return;
    const consequence = { zh: '输入提示和输入限制未写入（校验功能仍会检查全部数据）', en: 'input prompts and limits were left out (validation still checks every value)' };
    if (!this.caps.degrade('dataValidation', this.warnings, consequence)) return;
    for (const v of this.sheet.validations) {
      await this.budget.spend(jsonSize(v) + 200);
      const dv = this.range(v.range).dataValidation;
      const rule = validationRule(v);
      if (rule) dv.rule = rule;
      dv.ignoreBlanks = v.allowBlank;
      if (v.prompt) dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.text };
      dv.errorAlert = v.error
        ? { showAlert: true, style: ALERT_STYLE[v.error.style], title: v.error.title, message: v.error.text }
        : { showAlert: false, style: 'Stop', title: '', message: '' };
      await this.control.tick();
    }
  }

  async conditionalFormats(): Promise<void> {
    if (this.sheet.conditionalFormats.length === 0) return;
    const consequence = { zh: '状态颜色未设置（状态文字仍会计算）', en: 'status colours were left out (the status text is still computed)' };
    if (!this.caps.degrade('conditionalFormats', this.warnings, consequence)) return;
    // Office.js puts each new conditional format first; adding from the last to the first
    // leaves them in the spec's priority order without reordering calls.
    const ordered = [...this.sheet.conditionalFormats].map((cf, i) => ({ cf, i })).sort((a, b) => a.cf.priority - b.cf.priority || a.i - b.i);
    for (const { cf } of ordered.reverse()) {
      await this.conditionalFormat(cf);
      await this.control.tick();
    }
  }

  private async conditionalFormat(cf: ConditionalFormatSpec): Promise<void> {
    await this.budget.spend(jsonSize(cf) + 300);
    const style = this.spec.styles[cf.style] ?? {};
    const c = this.range(cf.range).conditionalFormats.add('Custom');
    c.custom.rule.formula = `=${cf.formula}`;
    if (style.fill) c.custom.format.fill.color = style.fill;
    if (style.font?.color) c.custom.format.font.color = style.font.color;
    if (style.font?.bold !== undefined) c.custom.format.font.bold = style.font.bold;
    if (cf.stopIfTrue) c.stopIfTrue = true;
  }

  async notes(): Promise<void> {
    const notes = Object.entries(this.sheet.cells).filter(([, c]) => c.note);
    if (notes.length > 0 && this.caps.degrade('notes', this.warnings, { zh: '单元格批注未写入', en: 'cell notes were left out' })) {
      for (const [address, c] of notes) {
        await this.budget.spend(jsonSize(c.note) + 60);
        this.ws.notes.add(address, c.note as string);
        await this.control.tick();
      }
    }
  }

  async view(): Promise<void> {
    const f = this.sheet.freeze;
    if (f && (f.rows > 0 || f.columns > 0) && this.caps.degrade('freezePanes', this.warnings, { zh: '表头未冻结', en: 'headers are not frozen' })) {
      await this.budget.spend(60);
      if (f.rows > 0 && f.columns > 0) this.ws.freezePanes.freezeAt(rangeA1(boxAt(1, 1, f.rows, f.columns)));
      else if (f.rows > 0) this.ws.freezePanes.freezeRows(f.rows);
      else this.ws.freezePanes.freezeColumns(f.columns);
    }
    if (this.sheet.tabColor && this.caps.has('tabColor')) this.ws.tabColor = this.sheet.tabColor;
    const p = this.sheet.print;
    if (p && this.caps.degrade('pageLayout', this.warnings, { zh: '打印设置未写入', en: 'print setup was left out' })) {
      await this.budget.spend(300);
      const pl = this.ws.pageLayout;
      pl.orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      pl.paperSize = p.paperSize;
      if (p.fitToWidth > 0 || p.fitToHeight > 0) {
        pl.zoom = {
          ...(p.fitToWidth > 0 ? { horizontalFitToPages: p.fitToWidth } : {}),
          ...(p.fitToHeight > 0 ? { verticalFitToPages: p.fitToHeight } : {}),
        };
      }
      // Absolute references (`$1:$6`, `$A:$B`), as Excel stores print titles.
      if (p.titleRows) pl.setPrintTitleRows(p.titleRows.replace(/(\d+)/g, '$$$1'));
      if (p.titleColumns) pl.setPrintTitleColumns(p.titleColumns.replace(/([A-Za-z]+)/g, '$$$1'));
      if (p.printArea) pl.setPrintArea(p.printArea);
      // The same centre footer the ExcelJS renderer writes as `&C…` (a new sheet's state is the default one).
      if (p.footer) pl.headersFooters.defaultForAllPages.centerFooter = p.footer;
    }
  }

  /** Last: a protected sheet would refuse the writes above. */
  async protect(): Promise<void> {
    const p = this.sheet.protection;
    if (!p) return;
    await this.budget.spend(200);
    const options: ExcelWorksheetProtectionOptions = {
      allowFormatColumns: p.allowFormatColumns,
      allowFormatRows: p.allowFormatRows,
      allowInsertRows: p.allowInsertRows,
      allowSort: p.allowSort,
      allowAutoFilter: p.allowAutoFilter,
    };
    const withPassword =
      p.password &&
      this.caps.degrade('protectionPassword', this.warnings, {
        zh: '工作表已保护，但未能设置密码',
        en: 'the sheets are protected, but without the password',
      });
    if (withPassword) this.ws.protection.protect(options, p.password);
    else this.ws.protection.protect(options);
  }
}

/** A spec validation as an Office.js rule (undefined: no restriction, prompt only). */
export function validationRule(v: ValidationSpec): ExcelDataValidationRule | undefined {
  const r = v.rule;
  switch (r.type) {
    case 'custom':
      return { custom: { formula: `=${r.formula}` } };
    case 'list':
      return { list: { inCellDropDown: true, source: r.values.join(',') } };
    default: {
      const key = r.type === 'whole' ? 'wholeNumber' : 'decimal';
      if (r.min !== undefined && r.max !== undefined) return { [key]: { operator: 'Between', formula1: r.min, formula2: r.max } };
      if (r.min !== undefined) return { [key]: { operator: 'GreaterThanOrEqualTo', formula1: r.min } };
      if (r.max !== undefined) return { [key]: { operator: 'LessThanOrEqualTo', formula1: r.max } };
      return undefined;
    }
  }
}

export async function writeMetadata(ctx: ExcelContext, spec: TemplateSpec, budget: SyncBudget): Promise<void> {
  const meta = spec.hiddenMetadata;
  const ws = ctx.workbook.worksheets.add(meta.sheetName);
  const width = Math.max(1, ...meta.rows.map((r) => r.length));
  if (meta.rows.length > 0) {
    const pad = <T>(row: T[], fill: T | null) => [...row, ...new Array<T | null>(width - row.length).fill(fill)];
    const values = meta.rows.map((row) => pad(row.map((t) => literalEntry(t)), null));
    // Text format as well, as the ExcelJS renderer does: the metadata is text whoever edits it.
    const formats = meta.rows.map((row) => pad(row.map(() => '@'), null));
    for (const block of whole(rowBlocks(values, MAX_BLOCK_BYTES))) {
      await budget.spend(jsonSize(block.rows));
      ws.getRange(rangeA1({ top: block.start + 1, bottom: block.start + block.rows.length, left: 1, right: width })).values = block.rows;
    }
    await budget.spend(jsonSize(formats));
    ws.getRange(rangeA1({ top: 1, bottom: meta.rows.length, left: 1, right: width })).numberFormat = formats;
  }
  ws.visibility = 'VeryHidden';
}

/**
 * One template sheet drawn into its worksheet, every step in order: a new sheet (insert) and an
 * old one cleared for an update alike.
 */
export async function drawSheet(w: SheetWriter): Promise<void> {
  await w.place();
  await w.contents();
  await w.styles();
  await w.layout();
  await w.validations();
  await w.conditionalFormats();
  await w.notes();
  await w.view();
  await w.protect();
}

/** The template's hidden metadata sheet and its defined names, each recorded for a rollback. */
export async function writeMetadataAndNames(ctx: ExcelContext, spec: TemplateSpec, budget: SyncBudget, undo: { created: string[]; names: string[] }): Promise<void> {
  undo.created.push(spec.hiddenMetadata.sheetName);
  await writeMetadata(ctx, spec, budget);
  for (const n of spec.definedNames) {
    await budget.spend(jsonSize(n));
    ctx.workbook.names.add(n.name, `=${n.ref}`, n.comment);
    undo.names.push(n.name);
  }
}

/** What a failed or cancelled insert takes back out: its own sheets and names. */
interface Undo {
  created: string[];
  names: string[];
}

async function rollback(ctx: ExcelContext, undo: Undo): Promise<boolean> {
  try {
    const sheets = undo.created.map((n) => ctx.workbook.worksheets.getItemOrNullObject(n));
    const items = undo.names.map((n) => ctx.workbook.names.getItemOrNullObject(n));
    await ctx.sync();
    for (const n of items) if (!n.isNullObject) n.delete();
    for (const s of sheets) if (!s.isNullObject) s.delete();
    await ctx.sync();
    return true;
  } catch {
    // The original failure is what the user needs to see; a failed clean-up leaves new sheets only.
    return false;
  }
}

/** A sheet name that is free (an update's saved copies and temporary names). */
export function freeName(base: string, taken: Set<string>): string {
  for (let k = 1; ; k++) {
    const name = `${base}${k}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/** Checks names against the workbook, asking `onConflict` when they are taken. */
export async function settleSpec(
  build: TemplateSpec | SpecBuilder,
  existing: ExistingWorkbook,
  onConflict: InsertOptions['onConflict'],
): Promise<TemplateSpec> {
  let spec = typeof build === 'function' ? await build(existing) : build;
  let conflict = findConflicts(spec, existing);
  if (conflict.sheets.length + conflict.names.length === 0) return spec;
  if (!onConflict) throw conflictError(conflict);
  const answer = await onConflict(conflict);
  if (answer === 'cancel') throw new ExcelTaskError('cancelled', { zh: '已取消插入模板', en: 'inserting the template was cancelled' });
  spec = answer;
  conflict = findConflicts(spec, existing);
  if (conflict.sheets.length + conflict.names.length > 0) throw conflictError(conflict);
  return spec;
}

/** Cells with something written into them (a value or a formula): what progress counts. */
export function contentCells(sheet: SheetSpec): number {
  let n = 0;
  for (const c of Object.values(sheet.cells)) if (c.formula !== undefined || (c.value !== undefined && c.value !== null)) n++;
  return n;
}

/** Builds the spec once the workbook's names are known (may build elsewhere: a Web Worker). */
export type SpecBuilder = (existing: ExistingWorkbook) => TemplateSpec | Promise<TemplateSpec>;

/**
 * Inserts a template into the open workbook. `spec` is a TemplateSpec, or a builder given the
 * workbook's current sheet and defined names (so it can pick free names), e.g.
 * `existing => buildTemplate(plan, { ...options, existingSheetNames: existing.sheetNames })`.
 *
 * To update a template already there in place, see update.ts (`updateTemplate`).
 *
 * Syncs: 2 (inspect, write), plus one per 5 MB of requests.
 */
export async function insertTemplate(
  target: ExcelTarget,
  spec: TemplateSpec | SpecBuilder,
  options: InsertOptions = {},
): Promise<InsertResult> {
  const caps = capabilitiesOf(target, options);
  caps.require('insertTemplate');
  const warnings: Degradation[] = [];
  const control = new TaskControl({ signal: options.signal, onProgress: options.onProgress, sliceMs: options.sliceMs });
  return withContext(target, async (ctx) => {
    let syncs = 0;
    control.report({ stage: 'prepare', done: 0, total: 0, of: 'cells' });
    control.throwIfCancelled();
    let inspected: Awaited<ReturnType<typeof inspect>>;
    try {
      inspected = await inspect(ctx);
      syncs++;
    } catch (e) {
      throw hostError(DOING, e);
    }
    const existing: ExistingWorkbook = { sheetNames: inspected.sheetNames, definedNames: inspected.definedNames };
    // Building a large template takes a while: let the pane paint first.
    await control.pause();
    const final = await settleSpec(spec, existing, options.onConflict);
    await control.pause();
    const total = final.sheets.reduce((n, s) => n + contentCells(s), 0);
    control.report({ stage: 'prepare', done: 0, total, of: 'cells' });
    const undo: Undo = { created: [], names: [] };
    const budget = new SyncBudget(ctx, options.syncBudget);
    try {
      if (caps.has('suspendScreenUpdating')) ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
      for (const sheet of final.sheets) {
        await budget.spend(jsonSize(sheet.name));
        const ws = ctx.workbook.worksheets.add(sheet.name);
        undo.created.push(sheet.name);
        await drawSheet(new SheetWriter(ws, final, sheet, caps, budget, warnings, control));
      }
      await writeMetadataAndNames(ctx, final, budget, undo);
      if (options.activate !== false && final.sheets.length > 0) {
        ctx.workbook.worksheets.getItem(final.sheets[0].name).activate();
      }
      // The last moment to stop with nothing sent: the queued commands are dropped with the batch.
      control.throwIfCancelled();
      control.report({ stage: 'write', done: total, total, of: 'cells' });
      await ctx.sync();
      syncs += 1 + budget.extraSyncs;
    } catch (e) {
      // Commands already synced (a split write, or the write sync itself) are undone; a cancel
      // before any of them reached Excel needs nothing undone.
      if (budget.extraSyncs > 0 || !isTaskCancelled(e)) await rollback(ctx, undo);
      if (isTaskCancelled(e)) throw e;
      throw hostError(DOING, e);
    }
    if (control.cancelled) {
      // Stopped while Excel was writing: everything is there, so take it all back out.
      const restored = await rollback(ctx, undo);
      throw new TaskCancelled(
        restored
          ? undefined
          : {
              zh: `已取消，但未能撤回已写入的工作表：${undo.created.join('、')}`,
              en: `Cancelled, but the sheets already written could not be removed: ${undo.created.join(', ')}`,
            },
      );
    }
    control.report({ stage: 'done', done: total, total, of: 'cells' });
    return {
      sheets: final.sheets.map((s) => s.name),
      metadataSheet: final.hiddenMetadata.sheetName,
      definedNames: undo.names,
      warnings,
      syncs,
      yields: control.yields,
    };
  });
}
