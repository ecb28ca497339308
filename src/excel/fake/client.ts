/**
 * The fake's proxy objects: the same deferred model as Office.js.
 *
 *  - Setting a property or calling a method only queues a command; `context.sync()` runs the
 *    queue in order against the model (commands before a failing one stay applied, as in Excel).
 *  - `load()` queues a read; the value is readable after the sync. Reading a property that was
 *    not loaded throws `PropertyNotLoaded` — so a missing `load` fails in the tests, not in Excel.
 *  - `getItemOrNullObject` and friends give an object whose `isNullObject` is known after a sync.
 *  - Every command names the ExcelApi version it needs; on a simulated older Excel the sync
 *    fails with `ApiNotFound`, as the host would.
 *  - Every call is recorded (`FakeCall`), every sync counted.
 */
import { macrotask } from '../../core/task/control';
import type {
  BorderIndex,
  ExcelApplication,
  ExcelBasicDataValidation,
  ExcelChart,
  ExcelChartCollection,
  ExcelChartTitle,
  ExcelCellProtection,
  ExcelConditionalFormat,
  ExcelConditionalFormatCollection,
  ExcelContext,
  ExcelDataValidation,
  ExcelDataValidationErrorAlert,
  ExcelDataValidationPrompt,
  ExcelDataValidationRule,
  ExcelNamedItem,
  ExcelNamedItemCollection,
  ExcelNoteCollection,
  ExcelHeaderFooter,
  ExcelPageLayout,
  ExcelPageLayoutZoom,
  ExcelRange,
  ExcelRangeBorder,
  ExcelRangeBorderCollection,
  ExcelRangeFill,
  ExcelRangeFont,
  ExcelRangeFormat,
  ExcelWorkbook,
  ExcelWorksheet,
  ExcelWorksheetCollection,
  ExcelWorksheetFreezePanes,
  ExcelWorksheetProtection,
  ExcelWorksheetProtectionOptions,
  SheetVisibility,
} from '../port';
import { COMMAND_OVERHEAD_BYTES, jsonSize } from '../payload';
import { FakeOfficeError, notLoaded } from './errors';
import { MAX_COLS, MAX_ROWS, splitSheetRef } from '../../core/workbook/address';
import {
  boxAddress,
  boxCols,
  boxRows,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  intersects,
  parseAddress,
  type Box,
  type FakeChart,
  type FakeConditionalFormat,
  type FakeName,
  type FakeSheet,
  type FakeValidation,
  type FakeWorkbook,
} from './model';

/** The address after `Sheet!` (or the whole text when it names no sheet). */
const localPart = (address: string): string => splitSheetRef(address)?.local ?? address;

// ---------------------------------------------------------------------------------------------
// Recording

export interface FakeCall {
  seq: number;
  kind: 'method' | 'set' | 'load';
  /** Office.js class, e.g. `Range`. */
  object: string;
  member: string;
  /** How the object was reached, e.g. `worksheets.getItem("模板").getRange("A1:C3")`. */
  path: string;
  args?: readonly unknown[];
}

export interface FakeSyncRecord {
  seq: number;
  commands: number;
  /** Approximate request size (JSON of every argument), the figure Excel on the web caps at 5 MB. */
  requestBytes: number;
  /** Approximate response size (JSON of every loaded value). */
  responseBytes: number;
  /** The flush `Excel.run` does itself after the batch function returns. */
  implicit: boolean;
  error?: string;
}

export interface Recorder {
  readonly model: FakeWorkbook;
  readonly calls: FakeCall[];
  readonly syncs: FakeSyncRecord[];
  apiVersion: string;
  /** Request/response size above which a sync fails, like Excel on the web (5 MB). */
  payloadLimit: number;
  nextSeq(): number;
  /** Called after every sync that changed the workbook (the preview grid re-renders). */
  changed(): void;
}

/** `1.10` ≥ `1.9`: compares dotted versions numerically. */
export function versionAtLeast(have: string, need: string): boolean {
  const a = have.split('.').map(Number);
  const b = need.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** Longest stretch the fake applies commands without letting the page run (ms). */
const FAKE_SLICE_MS = 40;

interface Command {
  label: string;
  need?: string;
  bytes: number;
  run: () => void;
}


export class FakeRequestContext implements ExcelContext {
  readonly workbook: WorkbookProxy;
  private queue: Command[] = [];
  closed = false;
  /** Bytes of values loaded during the running sync. */
  responseBytes = 0;

  constructor(readonly rec: Recorder) {
    this.workbook = new WorkbookProxy(this, 'workbook', Handle.bound(rec.model));
  }

  get pending(): number {
    return this.queue.length;
  }

  enqueue(label: string, run: () => void, need?: string, bytes = 0): void {
    if (this.closed) {
      throw new FakeOfficeError('InvalidObjectPath', `${label}: this object belongs to a finished Excel.run batch; get it again inside a new batch.`);
    }
    // Every command costs some envelope (object path, method name) besides its arguments.
    this.queue.push({ label, run, need, bytes: bytes + COMMAND_OVERHEAD_BYTES });
  }

  record(call: Omit<FakeCall, 'seq'>): void {
    this.rec.calls.push({ seq: this.rec.nextSeq(), ...call });
  }

  requireApi(need: string | undefined, label: string): void {
    if (need && !versionAtLeast(this.rec.apiVersion, need)) {
      throw new FakeOfficeError(
        'ApiNotFound',
        `The API you are trying to use could not be found. It may be available in a newer version of Excel (${label} needs ExcelApi ${need}; this Excel has ${this.rec.apiVersion}).`,
        label,
      );
    }
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    await this.flush(false);
    return passThroughValue as T;
  }

  async flush(implicit: boolean): Promise<void> {
    // A real sync is a round trip: never synchronous.
    await Promise.resolve();
    const batch = this.queue;
    this.queue = [];
    const requestBytes = batch.reduce((n, c) => n + c.bytes, 0);
    const record: FakeSyncRecord = { seq: this.rec.nextSeq(), commands: batch.length, implicit, requestBytes, responseBytes: 0 };
    this.rec.syncs.push(record);
    const before = this.rec.model.version;
    this.responseBytes = 0;
    try {
      if (requestBytes > this.rec.payloadLimit) {
        throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${requestBytes} bytes > ${this.rec.payloadLimit}).`);
      }
      // Real Excel applies a batch in its own process; the fake runs in the page (the preview), so
      // it applies a long batch in time slices and lets the pane paint and take clicks between them.
      let slice = Date.now();
      for (const cmd of batch) {
        if (Date.now() - slice > FAKE_SLICE_MS) {
          await macrotask();
          slice = Date.now();
        }
        this.requireApi(cmd.need, cmd.label);
        try {
          cmd.run();
        } catch (e) {
          if (e instanceof FakeOfficeError && !e.debugInfo.errorLocation) {
            throw new FakeOfficeError(e.code, e.message, cmd.label);
          }
          throw e;
        }
      }
      record.responseBytes = this.responseBytes;
      if (this.responseBytes > this.rec.payloadLimit) {
        throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${this.responseBytes} bytes > ${this.rec.payloadLimit}).`);
      }
    } catch (e) {
      record.error = e instanceof Error ? e.message : String(e);
      throw e;
    } finally {
      if (this.rec.model.version !== before) this.rec.changed();
    }
    // Screen updating resumes at the end of the sync that follows the suspension.
    this.rec.model.screenUpdatingSuspended = 0;
  }
}

/** Where a proxy points, known once the command that created it ran in a sync. */
class Handle<T> {
  private state: 'pending' | 'bound' | 'null' = 'pending';
  private value?: T;
  private constructor(private readonly source?: () => Handle<unknown>, private readonly derive?: (v: unknown) => T | null) {}

  static pending<T>(): Handle<T> {
    return new Handle<T>();
  }

  static bound<T>(v: T): Handle<T> {
    const h = new Handle<T>();
    h.bind(v);
    return h;
  }

  /** A handle computed from another (a range's worksheet, a cell of a range). */
  static derived<S, T>(parent: Handle<S>, f: (v: S) => T | null): Handle<T> {
    return new Handle<T>(
      () => parent as Handle<unknown>,
      (v) => f(v as S),
    );
  }

  bind(v: T | null): void {
    this.state = v === null ? 'null' : 'bound';
    this.value = v ?? undefined;
  }

  get status(): 'pending' | 'bound' | 'null' {
    if (this.source && this.derive) {
      const p = this.source();
      if (p.status !== 'bound') return p.status;
      return this.derive(p.get()) === null ? 'null' : 'bound';
    }
    return this.state;
  }

  get(): T {
    if (this.source && this.derive) {
      const v = this.derive(this.source().get());
      if (v === null) throw new FakeOfficeError('ItemNotFound', 'The requested resource doesn\u2019t exist (null object).');
      return v;
    }
    if (this.state === 'null') throw new FakeOfficeError('ItemNotFound', 'The requested resource doesn\u2019t exist (null object).');
    if (this.state === 'pending') throw new FakeOfficeError('InvalidObjectPath', 'fake: object used before the command creating it ran');
    return this.value as T;
  }
}

type LoadArg = string | string[] | undefined;

function loadPaths(names: LoadArg): string[] {
  if (names === undefined) return [];
  const list = Array.isArray(names) ? names : names.split(',');
  return list.map((s) => s.trim()).filter(Boolean);
}

/** The base of every proxy: loading, property reads, recording and queuing. */
abstract class FakeObject<T> {
  protected readonly loaded = new Map<string, unknown>();
  protected abstract readonly typeName: string;
  /** Scalar properties a plain `load()` reads. */
  protected abstract readonly scalars: readonly string[];
  /** ExcelApi version every command of this object needs. */
  protected readonly baseNeed?: string;
  /** ExcelApi versions of single properties. */
  protected readonly propNeed: Record<string, string> = {};

  constructor(
    readonly ctx: FakeRequestContext,
    readonly path: string,
    readonly handle: Handle<T>,
  ) {}

  get isNullObject(): boolean {
    const s = this.handle.status;
    if (s === 'pending') throw notLoaded(this.typeName, 'isNullObject');
    return s === 'null';
  }

  /** A property snapshot, computed while a sync runs. */
  protected abstract snapshot(prop: string, target: T): unknown;

  /** A navigation property (`format`, `fill`) by name, for nested load paths. */
  protected child(_name: string): FakeObject<unknown> | undefined {
    return undefined;
  }

  protected need(member: string): string | undefined {
    return this.propNeed[member] ?? this.baseNeed;
  }

  load(names?: LoadArg): this {
    this.ctx.record({ kind: 'load', object: this.typeName, member: 'load', path: this.path, args: names === undefined ? [] : [names] });
    const paths = loadPaths(names);
    this.ctx.enqueue(`${this.typeName}.load`, () => this.applyLoad(paths), this.baseNeed);
    return this;
  }

  applyLoad(paths: string[]): void {
    if (this.handle.status === 'null') return;
    const target = this.handle.get();
    for (const p of paths.length ? paths : this.scalars) {
      const [head, ...rest] = p.split('/');
      if (rest.length === 0 && this.scalars.includes(head)) {
        this.ctx.requireApi(this.need(head), `${this.typeName}.${head}`);
        const value = this.snapshot(head, target);
        this.ctx.responseBytes += jsonSize(value);
        this.loaded.set(head, value);
        continue;
      }
      const child = this.child(head);
      if (!child) throw new FakeOfficeError('InvalidArgument', `${this.typeName} has no property '${head}' to load`);
      this.ctx.requireApi(child.baseNeed, `${child.typeName}`);
      child.applyLoad(rest.length ? [rest.join('/')] : []);
    }
  }

  protected read<V>(prop: string): V {
    if (!this.loaded.has(prop)) throw notLoaded(this.typeName, prop);
    return this.loaded.get(prop) as V;
  }

  protected setProp(prop: string, value: unknown, apply: (target: T) => void): void {
    this.ctx.record({ kind: 'set', object: this.typeName, member: prop, path: this.path, args: [value] });
    this.ctx.enqueue(`${this.typeName}.${prop}`, () => apply(this.handle.get()), this.need(prop), jsonSize(value));
  }

  protected method(member: string, args: readonly unknown[], apply: (target: T) => void, need?: string): void {
    this.ctx.record({ kind: 'method', object: this.typeName, member, path: this.path, args });
    this.ctx.enqueue(`${this.typeName}.${member}`, () => apply(this.handle.get()), need ?? this.need(member), jsonSize(args));
  }

  /** A method returning a new object: the handle is bound when the command runs. */
  protected create<U>(member: string, args: readonly unknown[], bind: (target: T) => U | null, need?: string): Handle<U> {
    const h = Handle.pending<U>();
    this.ctx.record({ kind: 'method', object: this.typeName, member, path: this.path, args });
    this.ctx.enqueue(
      `${this.typeName}.${member}`,
      () => {
        if (this.handle.status === 'null') {
          h.bind(null);
          return;
        }
        h.bind(bind(this.handle.get()));
      },
      need ?? this.need(member),
      jsonSize(args),
    );
    return h;
  }
}

const q = (s: string) => JSON.stringify(s);

function liveSheet(sheet: FakeSheet): FakeSheet {
  if (sheet.deleted) throw new FakeOfficeError('ItemNotFound', `The worksheet ${q(sheet.name)} was deleted.`);
  return sheet;
}

// ---------------------------------------------------------------------------------------------
// Workbook and application

export class WorkbookProxy extends FakeObject<FakeWorkbook> implements ExcelWorkbook {
  protected readonly typeName = 'Workbook';
  protected readonly scalars = [] as const;
  private _worksheets?: WorksheetCollectionProxy;
  private _names?: NamedItemCollectionProxy;
  private _application?: ApplicationProxy;

  protected snapshot(): unknown {
    return undefined;
  }

  get worksheets(): WorksheetCollectionProxy {
    return (this._worksheets ??= new WorksheetCollectionProxy(this.ctx, 'worksheets', this.handle));
  }

  get names(): NamedItemCollectionProxy {
    return (this._names ??= new NamedItemCollectionProxy(this.ctx, 'names', this.handle));
  }

  get application(): ApplicationProxy {
    return (this._application ??= new ApplicationProxy(this.ctx, 'application', this.handle));
  }

  getSelectedRange(): RangeProxy {
    const h = this.create('getSelectedRange', [], (wb) => ({ sheet: wb.selection.sheet, box: { ...wb.selection.box } }));
    return new RangeProxy(this.ctx, 'getSelectedRange()', h);
  }
}

export class ApplicationProxy extends FakeObject<FakeWorkbook> implements ExcelApplication {
  protected readonly typeName = 'Application';
  protected readonly scalars = [] as const;
  protected snapshot(): unknown {
    return undefined;
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.method('suspendScreenUpdatingUntilNextSync', [], (wb) => wb.screenUpdatingSuspended++, '1.9');
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheets

export class WorksheetCollectionProxy extends FakeObject<FakeWorkbook> implements ExcelWorksheetCollection {
  protected readonly typeName = 'WorksheetCollection';
  protected readonly scalars = ['items'] as const;
  private _items?: WorksheetProxy[];

  protected snapshot(): unknown {
    return undefined;
  }

  get items(): WorksheetProxy[] {
    if (!this._items) throw notLoaded(this.typeName, 'items');
    return this._items;
  }

  override applyLoad(paths: string[]): void {
    const wb = this.handle.get();
    const itemPaths = paths.map((p) => p.replace(/^items\/?/, '')).filter(Boolean);
    this._items = wb.sheets.map((s) => {
      const ws = new WorksheetProxy(this.ctx, `worksheets.items[${q(s.name)}]`, Handle.bound(s));
      ws.applyLoad(itemPaths);
      return ws;
    });
  }

  add(name?: string): WorksheetProxy {
    const h = this.create('add', name === undefined ? [] : [name], (wb) => wb.addSheet(name));
    return new WorksheetProxy(this.ctx, `worksheets.add(${name === undefined ? '' : q(name)})`, h);
  }

  private lookup(wb: FakeWorkbook, key: string): FakeSheet | undefined {
    return wb.findSheet(key) ?? wb.sheetById(key);
  }

  getItem(key: string): WorksheetProxy {
    const h = this.create('getItem', [key], (wb) => {
      const s = this.lookup(wb, key);
      if (!s) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: worksheet ${q(key)}.`);
      return s;
    });
    return new WorksheetProxy(this.ctx, `worksheets.getItem(${q(key)})`, h);
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    const h = this.create('getItemOrNullObject', [key], (wb) => this.lookup(wb, key) ?? null, '1.4');
    return new WorksheetProxy(this.ctx, `worksheets.getItemOrNullObject(${q(key)})`, h);
  }

  getActiveWorksheet(): WorksheetProxy {
    const h = this.create('getActiveWorksheet', [], (wb) => wb.activeSheet);
    return new WorksheetProxy(this.ctx, 'worksheets.getActiveWorksheet()', h);
  }
}

export class WorksheetProxy extends FakeObject<FakeSheet> implements ExcelWorksheet {
  protected readonly typeName = 'Worksheet';
  protected readonly scalars = ['name', 'id', 'position', 'visibility', 'tabColor'] as const;
  protected override readonly propNeed: Record<string, string> = { tabColor: '1.7' };
  private _protection?: WorksheetProtectionProxy;
  private _freeze?: FreezePanesProxy;
  private _pageLayout?: PageLayoutProxy;
  private _notes?: NoteCollectionProxy;
  private _charts?: ChartCollectionProxy;

  private get model(): FakeWorkbook {
    return this.ctx.rec.model;
  }

  protected snapshot(prop: string, sheet: FakeSheet): unknown {
    switch (prop) {
      case 'name':
        return sheet.name;
      case 'id':
        return sheet.id;
      case 'position':
        return this.model.sheets.indexOf(sheet);
      case 'visibility':
        return sheet.visibility;
      default:
        return sheet.tabColor;
    }
  }

  protected override child(name: string): FakeObject<unknown> | undefined {
    return name === 'protection' ? (this.protection as FakeObject<unknown>) : undefined;
  }

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.setProp('name', v, (s) => this.model.renameSheet(liveSheet(s), v));
  }
  get id(): string {
    return this.read('id');
  }
  get position(): number {
    return this.read('position');
  }
  set position(v: number) {
    this.setProp('position', v, (s) => this.model.moveSheet(liveSheet(s), v));
  }
  get visibility(): SheetVisibility {
    return this.read('visibility');
  }
  set visibility(v: SheetVisibility) {
    this.ctx.record({ kind: 'set', object: this.typeName, member: 'visibility', path: this.path, args: [v] });
    this.ctx.enqueue('Worksheet.visibility', () => this.model.setVisibility(liveSheet(this.handle.get()), v), '1.2', jsonSize(v));
  }
  get tabColor(): string {
    return this.read('tabColor');
  }
  set tabColor(v: string) {
    this.setProp('tabColor', v, (s) => {
      liveSheet(s).tabColor = v === '' ? '' : normalizeColor(v);
      this.model.touch();
    });
  }

  get protection(): WorksheetProtectionProxy {
    return (this._protection ??= new WorksheetProtectionProxy(this.ctx, `${this.path}.protection`, this.handle));
  }
  get freezePanes(): FreezePanesProxy {
    return (this._freeze ??= new FreezePanesProxy(this.ctx, `${this.path}.freezePanes`, this.handle));
  }
  get pageLayout(): PageLayoutProxy {
    return (this._pageLayout ??= new PageLayoutProxy(this.ctx, `${this.path}.pageLayout`, this.handle));
  }
  get notes(): NoteCollectionProxy {
    return (this._notes ??= new NoteCollectionProxy(this.ctx, `${this.path}.notes`, this.handle));
  }

  get charts(): ChartCollectionProxy {
    return (this._charts ??= new ChartCollectionProxy(this.ctx, `${this.path}.charts`, this.handle));
  }

  getRange(address?: string): RangeProxy {
    const h = this.create('getRange', address === undefined ? [] : [address], (s) => ({
      sheet: liveSheet(s),
      box: address === undefined || address === '' ? { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS } : parseAddress(address),
    }));
    return new RangeProxy(this.ctx, `${this.path}.getRange(${address === undefined ? '' : q(address)})`, h);
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    const h = this.create(
      'getRangeByIndexes',
      [startRow, startColumn, rowCount, columnCount],
      (s) => {
        if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLS) {
          throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format (getRangeByIndexes).');
        }
        return { sheet: liveSheet(s), box: { top: startRow + 1, left: startColumn + 1, bottom: startRow + rowCount, right: startColumn + columnCount } };
      },
      '1.7',
    );
    return new RangeProxy(this.ctx, `${this.path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, h);
  }

  getUsedRange(valuesOnly?: boolean): RangeProxy {
    const h = this.create('getUsedRange', valuesOnly === undefined ? [] : [valuesOnly], (s) => ({
      sheet: liveSheet(s),
      box: s.usedBox(valuesOnly === true) ?? { top: 1, left: 1, bottom: 1, right: 1 },
    }));
    return new RangeProxy(this.ctx, `${this.path}.getUsedRange()`, h);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    const h = this.create(
      'getUsedRangeOrNullObject',
      valuesOnly === undefined ? [] : [valuesOnly],
      (s) => {
        const box = liveSheet(s).usedBox(valuesOnly === true);
        return box ? { sheet: s, box } : null;
      },
      '1.4',
    );
    return new RangeProxy(this.ctx, `${this.path}.getUsedRangeOrNullObject()`, h);
  }

  activate(): void {
    this.method('activate', [], (s) => this.model.activate(liveSheet(s)));
  }

  delete(): void {
    this.method('delete', [], (s) => this.model.deleteSheet(liveSheet(s)));
  }

  copy(positionType: 'None' | 'Before' | 'After' | 'Beginning' | 'End' = 'None'): WorksheetProxy {
    const h = this.create('copy', [positionType], (s) => this.model.copySheet(liveSheet(s), positionType), '1.7');
    return new WorksheetProxy(this.ctx, `${this.path}.copy(${q(positionType)})`, h);
  }
}

export class WorksheetProtectionProxy extends FakeObject<FakeSheet> implements ExcelWorksheetProtection {
  protected readonly typeName = 'WorksheetProtection';
  protected readonly scalars = ['protected', 'options'] as const;
  protected override readonly baseNeed = '1.2';

  protected snapshot(prop: string, sheet: FakeSheet): unknown {
    return prop === 'protected' ? sheet.protection.protected : { ...sheet.protection.options };
  }

  get protected(): boolean {
    return this.read('protected');
  }
  get options(): ExcelWorksheetProtectionOptions {
    return this.read('options');
  }

  protect(options?: ExcelWorksheetProtectionOptions, password?: string): void {
    const args = password === undefined ? (options === undefined ? [] : [options]) : [options, password];
    this.method('protect', args, (s) => this.ctx.rec.model.protect(liveSheet(s), options, password), password !== undefined ? '1.7' : '1.2');
  }

  unprotect(password?: string): void {
    this.method('unprotect', password === undefined ? [] : [password], (s) => this.ctx.rec.model.unprotect(liveSheet(s), password), password !== undefined ? '1.7' : '1.2');
  }
}

export class FreezePanesProxy extends FakeObject<FakeSheet> implements ExcelWorksheetFreezePanes {
  protected readonly typeName = 'WorksheetFreezePanes';
  protected readonly scalars = [] as const;
  protected override readonly baseNeed = '1.7';
  protected snapshot(): unknown {
    return undefined;
  }

  private set(rows: number | undefined, columns: number | undefined, member: string, args: unknown[]): void {
    this.method(member, args, (s) => {
      const f = liveSheet(s).freeze;
      s.freeze = { rows: rows ?? f.rows, columns: columns ?? f.columns };
      this.ctx.rec.model.touch();
    });
  }

  freezeRows(count = 1): void {
    this.set(count, 0, 'freezeRows', [count]);
  }
  freezeColumns(count = 1): void {
    this.set(0, count, 'freezeColumns', [count]);
  }
  freezeAt(frozenRange: string): void {
    const box = parseAddress(frozenRange);
    this.set(box.bottom, box.right, 'freezeAt', [frozenRange]);
  }
  unfreeze(): void {
    this.set(0, 0, 'unfreeze', []);
  }
}

export class PageLayoutProxy extends FakeObject<FakeSheet> implements ExcelPageLayout {
  protected readonly typeName = 'PageLayout';
  protected readonly scalars = ['orientation', 'paperSize', 'zoom'] as const;
  protected override readonly baseNeed = '1.9';

  protected snapshot(prop: string, sheet: FakeSheet): unknown {
    const p = sheet.pageLayout;
    return prop === 'orientation' ? p.orientation : prop === 'paperSize' ? p.paperSize : { ...p.zoom };
  }

  get orientation(): 'Portrait' | 'Landscape' {
    return this.read('orientation');
  }
  set orientation(v: 'Portrait' | 'Landscape') {
    this.setProp('orientation', v, (s) => (s.pageLayout.orientation = v));
  }
  get paperSize(): string {
    return this.read('paperSize');
  }
  set paperSize(v: string) {
    this.setProp('paperSize', v, (s) => (s.pageLayout.paperSize = v));
  }
  get zoom(): ExcelPageLayoutZoom {
    return this.read('zoom');
  }
  set zoom(v: ExcelPageLayoutZoom) {
    this.setProp('zoom', v, (s) => (s.pageLayout.zoom = { ...v }));
  }
  setPrintArea(printArea: string): void {
    this.method('setPrintArea', [printArea], (s) => {
      parseAddress(localPart(printArea));
      s.pageLayout.printArea = printArea;
    });
  }
  setPrintTitleRows(printTitleRows: string): void {
    this.method('setPrintTitleRows', [printTitleRows], (s) => {
      parseAddress(localPart(printTitleRows));
      s.pageLayout.printTitleRows = printTitleRows;
    });
  }
  setPrintTitleColumns(printTitleColumns: string): void {
    this.method('setPrintTitleColumns', [printTitleColumns], (s) => {
      parseAddress(localPart(printTitleColumns));
      s.pageLayout.printTitleColumns = printTitleColumns;
    });
  }
  private _headersFooters?: { defaultForAllPages: HeaderFooterProxy };
  get headersFooters(): { defaultForAllPages: HeaderFooterProxy } {
    return (this._headersFooters ??= { defaultForAllPages: new HeaderFooterProxy(this.ctx, `${this.path}.headersFooters.defaultForAllPages`, this.handle) });
  }
}

/** The footer all pages share; only the centre footer, which the templates number pages in. */
export class HeaderFooterProxy extends FakeObject<FakeSheet> implements ExcelHeaderFooter {
  protected readonly typeName = 'HeaderFooter';
  protected readonly scalars = ['centerFooter'] as const;
  protected override readonly baseNeed = '1.9';

  protected snapshot(_prop: string, sheet: FakeSheet): unknown {
    return sheet.pageLayout.centerFooter ?? '';
  }

  get centerFooter(): string {
    return this.read('centerFooter');
  }
  set centerFooter(v: string) {
    this.setProp('centerFooter', v, (s) => (s.pageLayout.centerFooter = v));
  }
}

export class NoteCollectionProxy extends FakeObject<FakeSheet> implements ExcelNoteCollection {
  protected readonly typeName = 'NoteCollection';
  protected readonly scalars = [] as const;
  protected override readonly baseNeed = '1.18';
  protected snapshot(): unknown {
    return undefined;
  }
  add(cellAddress: string, content: string): void {
    this.method('add', [cellAddress, content], (s) => {
      const box = parseAddress(localPart(cellAddress));
      this.ctx.rec.model.checkProtection(s, box, 'objects');
      const cell = s.at(box.top, box.left);
      if (cell.note !== undefined) throw new FakeOfficeError('InvalidOperation', 'The cell already has a note.');
      cell.note = content;
      this.ctx.rec.model.touch();
    });
  }
}

/** Charts: only what the add-in draws (a clustered bar chart over a range, its title and place). */
export class ChartCollectionProxy extends FakeObject<FakeSheet> implements ExcelChartCollection {
  protected readonly typeName = 'ChartCollection';
  protected readonly scalars = [] as const;
  protected override readonly baseNeed = '1.1';
  protected snapshot(): unknown {
    return undefined;
  }
  add(type: 'BarClustered', sourceData: ExcelRange, seriesBy: 'Auto' | 'Columns' | 'Rows' = 'Auto'): ChartProxy {
    if (!(sourceData instanceof RangeProxy)) throw new FakeOfficeError('InvalidArgument', 'fake: the chart source must be a range of this context');
    const source = sourceData;
    // The range is recorded by its path: the proxy itself holds the context (not serialisable).
    const h = this.create('add', [type, source.path, seriesBy], (s) => {
      const target = source.handle.get();
      if (target.sheet !== s) throw new FakeOfficeError('InvalidArgument', 'fake: charts are drawn from data on their own sheet');
      const chart: FakeChart = { name: `Chart ${s.charts.length + 1}`, type, source: { ...target.box }, seriesBy, title: '' };
      s.charts.push(chart);
      this.ctx.rec.model.touch();
      return chart;
    });
    return new ChartProxy(this.ctx, `${this.path}.add(${q(type)})`, h);
  }
}

export class ChartProxy extends FakeObject<FakeChart> implements ExcelChart {
  protected readonly typeName = 'Chart';
  protected readonly scalars = ['name'] as const;
  protected override readonly baseNeed = '1.1';
  private _title?: ChartTitleProxy;
  protected snapshot(_prop: string, chart: FakeChart): unknown {
    return chart.name;
  }
  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.setProp('name', v, (c) => {
      c.name = v;
      this.ctx.rec.model.touch();
    });
  }
  get title(): ChartTitleProxy {
    return (this._title ??= new ChartTitleProxy(this.ctx, `${this.path}.title`, this.handle));
  }
  setPosition(startCell: string, endCell?: string): void {
    this.method('setPosition', endCell === undefined ? [startCell] : [startCell, endCell], (c) => {
      c.position = { start: startCell, end: endCell };
      this.ctx.rec.model.touch();
    });
  }
}

export class ChartTitleProxy extends FakeObject<FakeChart> implements ExcelChartTitle {
  protected readonly typeName = 'ChartTitle';
  protected readonly scalars = ['text'] as const;
  protected override readonly baseNeed = '1.1';
  protected snapshot(_prop: string, chart: FakeChart): unknown {
    return chart.title;
  }
  get text(): string {
    return this.read('text');
  }
  set text(v: string) {
    this.setProp('text', v, (c) => {
      c.title = v;
      this.ctx.rec.model.touch();
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

interface RangeTarget {
  sheet: FakeSheet;
  box: Box;
}

const COLOR_NAMES: Record<string, string> = {
  white: '#FFFFFF',
  black: '#000000',
  red: '#FF0000',
  green: '#008000',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
  gray: '#808080',
};

function normalizeColor(v: string): string {
  if (typeof v !== 'string') throw new FakeOfficeError('InvalidArgument', 'a colour must be text');
  const named = COLOR_NAMES[v.toLowerCase()];
  if (named) return named;
  if (!/^#[0-9a-fA-F]{6}$/.test(v)) throw new FakeOfficeError('InvalidArgument', `The argument is invalid: colour ${q(v)}`);
  return v.toUpperCase();
}

export class RangeProxy extends FakeObject<RangeTarget> implements ExcelRange {
  protected readonly typeName = 'Range';
  protected readonly scalars = [
    'address',
    'values',
    'formulas',
    'numberFormat',
    'valueTypes',
    'text',
    'rowCount',
    'columnCount',
    'rowIndex',
    'columnIndex',
    'columnHidden',
    'cellCount',
  ] as const;
  protected override readonly propNeed: Record<string, string> = { columnHidden: '1.2' };
  private _format?: RangeFormatProxy;
  private _dv?: DataValidationProxy;
  private _cfs?: ConditionalFormatCollectionProxy;
  private _worksheet?: WorksheetProxy;

  private get model(): FakeWorkbook {
    return this.ctx.rec.model;
  }

  protected snapshot(prop: string, t: RangeTarget): unknown {
    const { sheet, box } = t;
    liveSheet(sheet);
    const m = this.model;
    const big = () => {
      if (boxRows(box) * boxCols(box) > 5_000_000) throw new FakeOfficeError('InvalidArgument', `fake: refusing to read ${prop} of a whole sheet; load a used range`);
    };
    switch (prop) {
      case 'address':
        return boxAddress(sheet, box);
      case 'values':
        big();
        return m.matrix(box, (r, c) => m.valueAt(sheet, r, c));
      case 'formulas':
        big();
        return m.matrix(box, (r, c) => m.formulaAt(sheet, r, c));
      case 'numberFormat':
        big();
        return m.matrix(box, (r, c) => sheet.get(r, c)?.numberFormat ?? 'General');
      case 'valueTypes':
        big();
        return m.matrix(box, (r, c) => m.valueTypeAt(sheet, r, c));
      case 'text':
        big();
        return m.matrix(box, (r, c) => m.textAt(sheet, r, c));
      case 'rowCount':
        return boxRows(box);
      case 'columnCount':
        return boxCols(box);
      case 'rowIndex':
        return box.top - 1;
      case 'columnIndex':
        return box.left - 1;
      case 'cellCount':
        return boxRows(box) * boxCols(box);
      default: {
        const all = Array.from({ length: boxCols(box) }, (_, i) => sheet.hiddenColumns.has(box.left + i));
        return all.every(Boolean) ? true : all.some(Boolean) ? null : false;
      }
    }
  }

  protected override child(name: string): FakeObject<unknown> | undefined {
    switch (name) {
      case 'format':
        return this.format as FakeObject<unknown>;
      case 'dataValidation':
        return this.dataValidation as FakeObject<unknown>;
      case 'conditionalFormats':
        return this.conditionalFormats as FakeObject<unknown>;
      case 'worksheet':
        return this.worksheet as FakeObject<unknown>;
      default:
        return undefined;
    }
  }

  get address(): string {
    return this.read('address');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  set values(v: unknown[][]) {
    this.setProp('values', v, (t) => this.model.writeEntries(liveSheet(t.sheet), t.box, v));
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  set formulas(v: unknown[][]) {
    this.setProp('formulas', v, (t) => this.model.writeEntries(liveSheet(t.sheet), t.box, v));
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.setProp('numberFormat', v, (t) => this.model.writeNumberFormats(liveSheet(t.sheet), t.box, v));
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }
  get text(): string[][] {
    return this.read('text');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get cellCount(): number {
    return this.read('cellCount');
  }
  get columnHidden(): boolean {
    return this.read('columnHidden');
  }
  set columnHidden(v: boolean) {
    this.setProp('columnHidden', v, (t) => {
      this.model.checkProtection(t.sheet, t.box, 'columns');
      for (let c = t.box.left; c <= t.box.right; c++) {
        if (v) t.sheet.hiddenColumns.add(c);
        else t.sheet.hiddenColumns.delete(c);
      }
      this.model.touch();
    });
  }

  get worksheet(): WorksheetProxy {
    return (this._worksheet ??= new WorksheetProxy(
      this.ctx,
      `${this.path}.worksheet`,
      Handle.derived(this.handle, (t) => t.sheet),
    ));
  }
  get format(): RangeFormatProxy {
    return (this._format ??= new RangeFormatProxy(this.ctx, `${this.path}.format`, this.handle));
  }
  get dataValidation(): DataValidationProxy {
    return (this._dv ??= new DataValidationProxy(this.ctx, `${this.path}.dataValidation`, this.handle));
  }
  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return (this._cfs ??= new ConditionalFormatCollectionProxy(this.ctx, `${this.path}.conditionalFormats`, this.handle));
  }

  getCell(row: number, column: number): RangeProxy {
    const h = this.create('getCell', [row, column], (t) => {
      const r = t.box.top + row;
      const c = t.box.left + column;
      if (row < 0 || column < 0 || r > MAX_ROWS || c > MAX_COLS) throw new FakeOfficeError('InvalidArgument', 'getCell outside the grid');
      return { sheet: t.sheet, box: { top: r, bottom: r, left: c, right: c } };
    });
    return new RangeProxy(this.ctx, `${this.path}.getCell(${row},${column})`, h);
  }

  select(): void {
    this.method('select', [], (t) => this.model.select(liveSheet(t.sheet), t.box));
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.method('clear', [applyTo], (t) => this.model.clear(liveSheet(t.sheet), t.box, applyTo));
  }

  merge(across = false): void {
    this.method('merge', [across], (t) => this.model.merge(liveSheet(t.sheet), t.box, across), '1.2');
  }

  copyFrom(sourceRange: RangeProxy | string | object, copyType: 'All' | 'Formulas' | 'Values' | 'Formats' | 'Link' = 'All', skipBlanks = false, transpose = false): void {
    if (!(sourceRange instanceof RangeProxy) || copyType !== 'All' || skipBlanks || transpose) {
      throw new FakeOfficeError('InvalidArgument', 'fake: copyFrom is modelled for a Range source, copyType All, no skipBlanks or transpose');
    }
    this.method(
      'copyFrom',
      [sourceRange.path, copyType],
      (t) => {
        const src = sourceRange.handle.get();
        this.model.copyRangeFrom(liveSheet(t.sheet), t.box, liveSheet(src.sheet), src.box);
      },
      '1.9',
    );
  }
}

const H_ALIGN = ['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed'];
const V_ALIGN = ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'];

export class RangeFormatProxy extends FakeObject<RangeTarget> implements ExcelRangeFormat {
  protected readonly typeName = 'RangeFormat';
  protected readonly scalars = ['columnWidth', 'rowHeight', 'useStandardWidth', 'useStandardHeight', 'horizontalAlignment', 'verticalAlignment', 'wrapText', 'indentLevel'] as const;
  protected override readonly propNeed: Record<string, string> = { columnWidth: '1.2', rowHeight: '1.2', indentLevel: '1.9' };
  private _fill?: RangeFillProxy;
  private _font?: RangeFontProxy;
  private _borders?: BorderCollectionProxy;
  private _protection?: CellProtectionProxy;

  private get model(): FakeWorkbook {
    return this.ctx.rec.model;
  }

  protected snapshot(prop: string, { sheet, box }: RangeTarget): unknown {
    const m = this.model;
    switch (prop) {
      case 'columnWidth': {
        const ws = Array.from({ length: boxCols(box) }, (_, i) => sheet.columnWidths.get(box.left + i) ?? DEFAULT_COLUMN_WIDTH);
        return ws.every((w) => w === ws[0]) ? ws[0] : null;
      }
      case 'useStandardWidth':
        return Array.from({ length: boxCols(box) }, (_, i) => box.left + i).every((c) => !sheet.columnWidths.has(c));
      case 'useStandardHeight':
        return [...sheet.rowHeights.keys()].every((r) => r < box.top || r > box.bottom);
      case 'rowHeight': {
        const hs = Array.from({ length: Math.min(boxRows(box), 100000) }, (_, i) => sheet.rowHeights.get(box.top + i) ?? DEFAULT_ROW_HEIGHT);
        return hs.every((h) => h === hs[0]) ? hs[0] : null;
      }
      case 'horizontalAlignment':
        return m.commonFormat(sheet, box, (c) => c?.hAlign ?? 'General');
      case 'verticalAlignment':
        return m.commonFormat(sheet, box, (c) => c?.vAlign ?? 'Bottom');
      case 'wrapText':
        return m.commonFormat(sheet, box, (c) => c?.wrap ?? false);
      default:
        return m.commonFormat(sheet, box, (c) => c?.indent ?? 0);
    }
  }

  protected override child(name: string): FakeObject<unknown> | undefined {
    const map: Record<string, FakeObject<unknown>> = {
      fill: this.fill as FakeObject<unknown>,
      font: this.font as FakeObject<unknown>,
      protection: this.protection as FakeObject<unknown>,
    };
    return map[name];
  }

  get fill(): RangeFillProxy {
    return (this._fill ??= new RangeFillProxy(this.ctx, `${this.path}.fill`, this.handle));
  }
  get font(): RangeFontProxy {
    return (this._font ??= new RangeFontProxy(this.ctx, `${this.path}.font`, this.handle));
  }
  get borders(): BorderCollectionProxy {
    return (this._borders ??= new BorderCollectionProxy(this.ctx, `${this.path}.borders`, this.handle));
  }
  get protection(): CellProtectionProxy {
    return (this._protection ??= new CellProtectionProxy(this.ctx, `${this.path}.protection`, this.handle));
  }

  get columnWidth(): number {
    return this.read('columnWidth');
  }
  set columnWidth(v: number) {
    this.setProp('columnWidth', v, ({ sheet, box }) => {
      if (!(v >= 0)) throw new FakeOfficeError('InvalidArgument', `bad column width ${v}`);
      this.model.checkProtection(sheet, box, 'columns');
      for (let c = box.left; c <= box.right; c++) sheet.columnWidths.set(c, v);
      this.model.touch();
    });
  }
  get rowHeight(): number {
    return this.read('rowHeight');
  }
  set rowHeight(v: number) {
    this.setProp('rowHeight', v, ({ sheet, box }) => {
      if (!(v >= 0 && v <= 409)) throw new FakeOfficeError('InvalidArgument', `bad row height ${v}`);
      this.model.checkProtection(sheet, box, 'rows');
      for (let r = box.top; r <= box.bottom; r++) sheet.rowHeights.set(r, v);
      this.model.touch();
    });
  }
  get useStandardWidth(): boolean {
    return this.read('useStandardWidth');
  }
  set useStandardWidth(v: boolean) {
    this.setProp('useStandardWidth', v, ({ sheet, box }) => {
      if (!v) return;
      this.model.checkProtection(sheet, box, 'columns');
      for (const c of [...sheet.columnWidths.keys()]) if (c >= box.left && c <= box.right) sheet.columnWidths.delete(c);
      this.model.touch();
    });
  }
  get useStandardHeight(): boolean {
    return this.read('useStandardHeight');
  }
  set useStandardHeight(v: boolean) {
    this.setProp('useStandardHeight', v, ({ sheet, box }) => {
      if (!v) return;
      this.model.checkProtection(sheet, box, 'rows');
      for (const r of [...sheet.rowHeights.keys()]) if (r >= box.top && r <= box.bottom) sheet.rowHeights.delete(r);
      this.model.touch();
    });
  }
  get horizontalAlignment(): string {
    return this.read('horizontalAlignment');
  }
  set horizontalAlignment(v: string) {
    this.setProp('horizontalAlignment', v, ({ sheet, box }) => {
      if (!H_ALIGN.includes(v)) throw new FakeOfficeError('InvalidArgument', `bad horizontalAlignment ${q(v)}`);
      this.model.formatCells(sheet, box, { hAlign: v === 'General' ? undefined : v });
    });
  }
  get verticalAlignment(): string {
    return this.read('verticalAlignment');
  }
  set verticalAlignment(v: string) {
    this.setProp('verticalAlignment', v, ({ sheet, box }) => {
      if (!V_ALIGN.includes(v)) throw new FakeOfficeError('InvalidArgument', `bad verticalAlignment ${q(v)}`);
      this.model.formatCells(sheet, box, { vAlign: v === 'Bottom' ? undefined : v });
    });
  }
  get wrapText(): boolean {
    return this.read('wrapText');
  }
  set wrapText(v: boolean) {
    this.setProp('wrapText', v, ({ sheet, box }) => this.model.formatCells(sheet, box, { wrap: v || undefined }));
  }
  get indentLevel(): number {
    return this.read('indentLevel');
  }
  set indentLevel(v: number) {
    this.setProp('indentLevel', v, ({ sheet, box }) => this.model.formatCells(sheet, box, { indent: v || undefined }));
  }
}

export class RangeFillProxy extends FakeObject<RangeTarget> implements ExcelRangeFill {
  protected readonly typeName = 'RangeFill';
  protected readonly scalars = ['color', 'pattern'] as const;
  protected override readonly propNeed: Record<string, string> = { pattern: '1.9' };

  protected snapshot(prop: string, { sheet, box }: RangeTarget): unknown {
    // Like Excel: an unfilled cell reports #FFFFFF; only `pattern` tells it from a white fill.
    if (prop === 'color') return this.ctx.rec.model.commonFormat(sheet, box, (c) => c?.fill ?? '#FFFFFF');
    return this.ctx.rec.model.commonFormat(sheet, box, (c) => (c?.fill ? 'Solid' : 'None'));
  }

  get color(): string {
    return this.read('color');
  }
  set color(v: string) {
    this.setProp('color', v, ({ sheet, box }) => this.ctx.rec.model.formatCells(sheet, box, { fill: normalizeColor(v) }));
  }
  get pattern(): string {
    return this.read('pattern');
  }
  set pattern(v: string) {
    this.setProp('pattern', v, ({ sheet, box }) => {
      if (v === 'None') this.ctx.rec.model.formatCells(sheet, box, { fill: undefined });
    });
  }
  clear(): void {
    this.method('clear', [], ({ sheet, box }) => this.ctx.rec.model.formatCells(sheet, box, { fill: undefined }));
  }
}

export class RangeFontProxy extends FakeObject<RangeTarget> implements ExcelRangeFont {
  protected readonly typeName = 'RangeFont';
  protected readonly scalars = ['name', 'bold', 'italic', 'color', 'size'] as const;

  protected snapshot(prop: string, { sheet, box }: RangeTarget): unknown {
    const m = this.ctx.rec.model;
    switch (prop) {
      case 'name':
        return m.commonFormat(sheet, box, (c) => c?.fontName ?? 'Calibri');
      case 'bold':
        return m.commonFormat(sheet, box, (c) => c?.bold ?? false);
      case 'italic':
        return m.commonFormat(sheet, box, (c) => c?.italic ?? false);
      case 'color':
        return m.commonFormat(sheet, box, (c) => c?.fontColor ?? '#000000');
      default:
        return m.commonFormat(sheet, box, (c) => c?.fontSize ?? 11);
    }
  }

  private patch(prop: string, v: unknown, p: () => Parameters<FakeWorkbook['formatCells']>[2]): void {
    this.setProp(prop, v, ({ sheet, box }) => this.ctx.rec.model.formatCells(sheet, box, p()));
  }

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.patch('name', v, () => ({ fontName: v }));
  }
  get bold(): boolean {
    return this.read('bold');
  }
  set bold(v: boolean) {
    this.patch('bold', v, () => ({ bold: v || undefined }));
  }
  get italic(): boolean {
    return this.read('italic');
  }
  set italic(v: boolean) {
    this.patch('italic', v, () => ({ italic: v || undefined }));
  }
  get color(): string {
    return this.read('color');
  }
  set color(v: string) {
    this.patch('color', v, () => ({ fontColor: normalizeColor(v) }));
  }
  get size(): number {
    return this.read('size');
  }
  set size(v: number) {
    this.patch('size', v, () => {
      if (!(v >= 1 && v <= 409)) throw new FakeOfficeError('InvalidArgument', `bad font size ${v}`);
      return { fontSize: v };
    });
  }
}

export class BorderCollectionProxy extends FakeObject<RangeTarget> implements ExcelRangeBorderCollection {
  protected readonly typeName = 'RangeBorderCollection';
  protected readonly scalars = [] as const;
  protected snapshot(): unknown {
    return undefined;
  }
  getItem(index: BorderIndex): BorderProxy {
    this.ctx.record({ kind: 'method', object: this.typeName, member: 'getItem', path: this.path, args: [index] });
    return new BorderProxy(this.ctx, `${this.path}.getItem(${q(index)})`, this.handle, index);
  }
}

export class BorderProxy extends FakeObject<RangeTarget> implements ExcelRangeBorder {
  protected readonly typeName = 'RangeBorder';
  protected readonly scalars = ['style', 'color'] as const;
  constructor(ctx: FakeRequestContext, path: string, handle: Handle<RangeTarget>, private readonly index: BorderIndex) {
    super(ctx, path, handle);
  }
  protected snapshot(prop: string, { sheet, box }: RangeTarget): unknown {
    const b = this.ctx.rec.model.readBorder(sheet, box, this.index);
    return prop === 'style' ? b.style : b.color;
  }
  get style(): string {
    return this.read('style');
  }
  set style(v: string) {
    this.setProp('style', v, ({ sheet, box }) => this.ctx.rec.model.setBorder(sheet, box, this.index, { style: v }));
  }
  get color(): string {
    return this.read('color');
  }
  set color(v: string) {
    this.setProp('color', v, ({ sheet, box }) => this.ctx.rec.model.setBorder(sheet, box, this.index, { color: normalizeColor(v) }));
  }
}

export class CellProtectionProxy extends FakeObject<RangeTarget> implements ExcelCellProtection {
  protected readonly typeName = 'CellProtection';
  protected readonly scalars = ['locked'] as const;
  protected override readonly baseNeed = '1.2';
  protected snapshot(_prop: string, { sheet, box }: RangeTarget): unknown {
    return this.ctx.rec.model.commonFormat(sheet, box, (c) => c?.locked !== false);
  }
  get locked(): boolean {
    return this.read('locked');
  }
  set locked(v: boolean) {
    // Changing locks is never allowed on a protected sheet.
    this.setProp('locked', v, ({ sheet, box }) => this.ctx.rec.model.formatCells(sheet, box, { locked: v ? undefined : false }, 'objects'));
  }
}

// ---------------------------------------------------------------------------------------------
// Data validation

function asFormula(v: string | number | object | undefined, what: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new FakeOfficeError('InvalidArgument', `${what}: not a finite number`);
    return `=${v}`;
  }
  if (typeof v === 'string') {
    if (v.startsWith('=')) return v;
    const n = Number(v);
    if (v.trim() !== '' && Number.isFinite(n)) return `=${n}`;
    throw new FakeOfficeError('InvalidArgument', `${what}: ${q(v)} is neither a number nor a formula`);
  }
  throw new FakeOfficeError('InvalidArgument', `${what}: the fake takes numbers and formulas, not Range objects`);
}

const OPERATORS = ['Between', 'NotBetween', 'EqualTo', 'NotEqualTo', 'GreaterThan', 'LessThan', 'GreaterThanOrEqualTo', 'LessThanOrEqualTo'];

function basicRule(type: FakeValidation['type'], b: ExcelBasicDataValidation): Partial<FakeValidation> {
  if (!OPERATORS.includes(b.operator)) throw new FakeOfficeError('InvalidArgument', `bad validation operator ${q(String(b.operator))}`);
  const between = b.operator === 'Between' || b.operator === 'NotBetween';
  if (between !== (b.formula2 !== undefined)) throw new FakeOfficeError('InvalidArgument', `operator ${b.operator} ${between ? 'needs' : 'takes no'} formula2`);
  return { type, operator: b.operator, formula1: asFormula(b.formula1, 'formula1'), formula2: asFormula(b.formula2, 'formula2') };
}

function ruleToModel(rule: ExcelDataValidationRule): Partial<FakeValidation> {
  const keys = Object.keys(rule).filter((k) => (rule as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1) throw new FakeOfficeError('InvalidArgument', 'A data validation rule takes exactly one type.');
  if (rule.wholeNumber) return basicRule('WholeNumber', rule.wholeNumber);
  if (rule.decimal) return basicRule('Decimal', rule.decimal);
  if (rule.textLength) return basicRule('TextLength', rule.textLength);
  if (rule.list) {
    const source = rule.list.source;
    if (typeof source !== 'string') throw new FakeOfficeError('InvalidArgument', 'the fake takes list sources as text');
    // Excel's limit on a list source typed inline (longer lists belong on a sheet).
    if (source.length > 255) throw new FakeOfficeError('InvalidArgument', `A list source is limited to 255 characters (got ${source.length}).`);
    return { type: 'List', source, inCellDropDown: rule.list.inCellDropDown };
  }
  if (rule.custom) {
    if (typeof rule.custom.formula !== 'string' || !rule.custom.formula.startsWith('=')) {
      throw new FakeOfficeError('InvalidArgument', 'A custom validation formula starts with =.');
    }
    return { type: 'Custom', formula: rule.custom.formula };
  }
  throw new FakeOfficeError('InvalidArgument', `unsupported validation type ${keys[0]}`);
}

function ruleFromModel(v: FakeValidation): ExcelDataValidationRule {
  const basic = (): ExcelBasicDataValidation => ({
    operator: v.operator ?? 'Between',
    formula1: v.formula1 ?? '',
    ...(v.formula2 !== undefined ? { formula2: v.formula2 } : {}),
  });
  switch (v.type) {
    case 'WholeNumber':
      return { wholeNumber: basic() };
    case 'Decimal':
      return { decimal: basic() };
    case 'TextLength':
      return { textLength: basic() };
    case 'List':
      return { list: { inCellDropDown: v.inCellDropDown ?? true, source: v.source ?? '' } };
    case 'Custom':
      return { custom: { formula: v.formula ?? '' } };
    default:
      return {};
  }
}

export class DataValidationProxy extends FakeObject<RangeTarget> implements ExcelDataValidation {
  protected readonly typeName = 'DataValidation';
  protected readonly scalars = ['rule', 'prompt', 'errorAlert', 'ignoreBlanks', 'type'] as const;
  protected override readonly baseNeed = '1.8';

  protected snapshot(prop: string, { sheet, box }: RangeTarget): unknown {
    const v = this.ctx.rec.model.readValidation(sheet, box);
    if (v === 'Inconsistent') return prop === 'type' ? 'Inconsistent' : null;
    switch (prop) {
      case 'type':
        return v?.type ?? 'None';
      case 'rule':
        return v ? ruleFromModel(v) : {};
      case 'prompt':
        return { showPrompt: false, title: '', message: '', ...(v?.prompt ?? {}) };
      case 'errorAlert':
        return { showAlert: true, style: 'Stop', title: '', message: '', ...(v?.errorAlert ?? {}) };
      default:
        return v?.ignoreBlanks ?? true;
    }
  }

  get type(): string {
    return this.read('type');
  }
  get rule(): ExcelDataValidationRule {
    return this.read('rule');
  }
  set rule(v: ExcelDataValidationRule) {
    this.setProp('rule', v, ({ sheet, box }) => this.ctx.rec.model.patchValidation(sheet, box, ruleToModel(v)));
  }
  get prompt(): ExcelDataValidationPrompt {
    return this.read('prompt');
  }
  set prompt(v: ExcelDataValidationPrompt) {
    this.setProp('prompt', v, ({ sheet, box }) => {
      // Excel's limits on an input message.
      if ((v.title ?? '').length > 32 || (v.message ?? '').length > 255) {
        throw new FakeOfficeError('InvalidArgument', `A validation prompt's title is limited to 32 characters and its message to 255.`);
      }
      this.ctx.rec.model.patchValidation(sheet, box, { prompt: { ...v } });
    });
  }
  get errorAlert(): ExcelDataValidationErrorAlert {
    return this.read('errorAlert');
  }
  set errorAlert(v: ExcelDataValidationErrorAlert) {
    this.setProp('errorAlert', v, ({ sheet, box }) => {
      if ((v.title ?? '').length > 32 || (v.message ?? '').length > 255) {
        throw new FakeOfficeError('InvalidArgument', `A validation alert's title is limited to 32 characters and its message to 255.`);
      }
      if (!['Stop', 'Warning', 'Information'].includes(v.style)) throw new FakeOfficeError('InvalidArgument', `bad alert style ${q(String(v.style))}`);
      this.ctx.rec.model.patchValidation(sheet, box, { errorAlert: { ...v } });
    });
  }
  get ignoreBlanks(): boolean {
    return this.read('ignoreBlanks');
  }
  set ignoreBlanks(v: boolean) {
    this.setProp('ignoreBlanks', v, ({ sheet, box }) => this.ctx.rec.model.patchValidation(sheet, box, { ignoreBlanks: v }));
  }
  clear(): void {
    this.method('clear', [], ({ sheet, box }) => this.ctx.rec.model.clearValidation(sheet, box));
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats

interface CfTarget {
  sheet: FakeSheet;
  cf: FakeConditionalFormat;
}

export class ConditionalFormatCollectionProxy extends FakeObject<RangeTarget> implements ExcelConditionalFormatCollection {
  protected readonly typeName = 'ConditionalFormatCollection';
  protected readonly scalars = ['items'] as const;
  protected override readonly baseNeed = '1.6';
  private _items?: ConditionalFormatProxy[];

  protected snapshot(): unknown {
    return undefined;
  }

  get items(): ConditionalFormatProxy[] {
    if (!this._items) throw notLoaded(this.typeName, 'items');
    return this._items;
  }

  override applyLoad(paths: string[]): void {
    const { sheet, box } = this.handle.get();
    const itemPaths = paths.map((p) => p.replace(/^items\/?/, '')).filter(Boolean);
    this._items = sheet.conditionalFormats
      .filter((cf) => intersects(cf.box, box))
      .sort((a, b) => a.priority - b.priority)
      .map((cf) => {
        const p = new ConditionalFormatProxy(this.ctx, `${this.path}.items[${cf.id}]`, Handle.bound({ sheet, cf }));
        p.applyLoad(itemPaths);
        return p;
      });
  }

  add(type: 'Custom'): ConditionalFormatProxy {
    const h = this.create('add', [type], ({ sheet, box }) => {
      if (type !== 'Custom') throw new FakeOfficeError('InvalidArgument', `fake: only Custom conditional formats are modelled (got ${q(type)})`);
      return { sheet, cf: this.ctx.rec.model.addConditionalFormat(liveSheet(sheet), box) };
    });
    return new ConditionalFormatProxy(this.ctx, `${this.path}.add(${q(type)})`, h);
  }

  clearAll(): void {
    this.method('clearAll', [], ({ sheet, box }) => {
      for (const cf of sheet.conditionalFormats.filter((x) => intersects(x.box, box))) this.ctx.rec.model.deleteConditionalFormat(sheet, cf);
    });
  }
}

export class ConditionalFormatProxy extends FakeObject<CfTarget> implements ExcelConditionalFormat {
  protected readonly typeName = 'ConditionalFormat';
  protected readonly scalars = ['type', 'priority', 'stopIfTrue', 'id'] as const;
  protected override readonly baseNeed = '1.6';
  private _custom?: CustomConditionalFormatProxy;

  protected snapshot(prop: string, { cf }: CfTarget): unknown {
    return prop === 'type' ? cf.type : prop === 'priority' ? cf.priority : prop === 'stopIfTrue' ? cf.stopIfTrue : cf.id;
  }

  protected override child(name: string): FakeObject<unknown> | undefined {
    return name === 'custom' ? (this.custom as FakeObject<unknown>) : undefined;
  }

  get type(): string {
    return this.read('type');
  }
  get id(): string {
    return this.read('id');
  }
  get priority(): number {
    return this.read('priority');
  }
  set priority(v: number) {
    this.setProp('priority', v, ({ sheet, cf }) => this.ctx.rec.model.setConditionalPriority(sheet, cf, v));
  }
  get stopIfTrue(): boolean {
    return this.read('stopIfTrue');
  }
  set stopIfTrue(v: boolean) {
    this.setProp('stopIfTrue', v, ({ cf }) => {
      cf.stopIfTrue = v;
      this.ctx.rec.model.touch();
    });
  }
  get custom(): CustomConditionalFormatProxy {
    return (this._custom ??= new CustomConditionalFormatProxy(this.ctx, `${this.path}.custom`, this.handle));
  }
  delete(): void {
    this.method('delete', [], ({ sheet, cf }) => this.ctx.rec.model.deleteConditionalFormat(sheet, cf));
  }
}

export class CustomConditionalFormatProxy extends FakeObject<CfTarget> {
  protected readonly typeName = 'CustomConditionalFormat';
  protected readonly scalars = [] as const;
  protected override readonly baseNeed = '1.6';
  readonly rule: CfRuleProxy;
  readonly format: CfFormatProxy;
  constructor(ctx: FakeRequestContext, path: string, handle: Handle<CfTarget>) {
    super(ctx, path, handle);
    this.rule = new CfRuleProxy(ctx, `${path}.rule`, handle);
    this.format = new CfFormatProxy(ctx, `${path}.format`, handle);
  }
  protected snapshot(): unknown {
    return undefined;
  }
  protected override child(name: string): FakeObject<unknown> | undefined {
    return name === 'rule' ? (this.rule as FakeObject<unknown>) : name === 'format' ? (this.format as FakeObject<unknown>) : undefined;
  }
}

export class CfRuleProxy extends FakeObject<CfTarget> {
  protected readonly typeName = 'ConditionalFormatRule';
  protected readonly scalars = ['formula'] as const;
  protected override readonly baseNeed = '1.6';
  protected snapshot(_p: string, { cf }: CfTarget): unknown {
    return cf.formula;
  }
  get formula(): string {
    return this.read('formula');
  }
  set formula(v: string) {
    this.setProp('formula', v, ({ cf }) => {
      if (typeof v !== 'string' || !v.startsWith('=')) throw new FakeOfficeError('InvalidArgument', 'A conditional-format formula starts with =.');
      cf.formula = v;
      this.ctx.rec.model.touch();
    });
  }
}

export class CfFormatProxy extends FakeObject<CfTarget> {
  protected readonly typeName = 'ConditionalRangeFormat';
  protected readonly scalars = [] as const;
  protected override readonly baseNeed = '1.6';
  readonly fill: CfFillProxy;
  readonly font: CfFontProxy;
  constructor(ctx: FakeRequestContext, path: string, handle: Handle<CfTarget>) {
    super(ctx, path, handle);
    this.fill = new CfFillProxy(ctx, `${path}.fill`, handle);
    this.font = new CfFontProxy(ctx, `${path}.font`, handle);
  }
  protected snapshot(): unknown {
    return undefined;
  }
  protected override child(name: string): FakeObject<unknown> | undefined {
    return name === 'fill' ? (this.fill as FakeObject<unknown>) : name === 'font' ? (this.font as FakeObject<unknown>) : undefined;
  }
}

export class CfFillProxy extends FakeObject<CfTarget> {
  protected readonly typeName = 'ConditionalRangeFill';
  protected readonly scalars = ['color'] as const;
  protected override readonly baseNeed = '1.6';
  protected snapshot(_p: string, { cf }: CfTarget): unknown {
    return cf.fill ?? null;
  }
  get color(): string {
    return this.read('color');
  }
  set color(v: string) {
    this.setProp('color', v, ({ cf }) => {
      cf.fill = normalizeColor(v);
      this.ctx.rec.model.touch();
    });
  }
}

export class CfFontProxy extends FakeObject<CfTarget> {
  protected readonly typeName = 'ConditionalRangeFont';
  protected readonly scalars = ['color', 'bold'] as const;
  protected override readonly baseNeed = '1.6';
  protected snapshot(p: string, { cf }: CfTarget): unknown {
    return p === 'color' ? (cf.fontColor ?? null) : (cf.bold ?? false);
  }
  get color(): string {
    return this.read('color');
  }
  set color(v: string) {
    this.setProp('color', v, ({ cf }) => {
      cf.fontColor = normalizeColor(v);
      this.ctx.rec.model.touch();
    });
  }
  get bold(): boolean {
    return this.read('bold');
  }
  set bold(v: boolean) {
    this.setProp('bold', v, ({ cf }) => {
      cf.bold = v;
      this.ctx.rec.model.touch();
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Defined names

export class NamedItemCollectionProxy extends FakeObject<FakeWorkbook> implements ExcelNamedItemCollection {
  protected readonly typeName = 'NamedItemCollection';
  protected readonly scalars = ['items'] as const;
  private _items?: NamedItemProxy[];

  protected snapshot(): unknown {
    return undefined;
  }

  get items(): NamedItemProxy[] {
    if (!this._items) throw notLoaded(this.typeName, 'items');
    return this._items;
  }

  override applyLoad(paths: string[]): void {
    const wb = this.handle.get();
    const itemPaths = paths.map((p) => p.replace(/^items\/?/, '')).filter(Boolean);
    this._items = [...wb.names.values()].map((n) => {
      const p = new NamedItemProxy(this.ctx, `names.items[${q(n.name)}]`, Handle.bound(n));
      p.applyLoad(itemPaths);
      return p;
    });
  }

  add(name: string, reference: string, comment?: string): NamedItemProxy {
    const args = comment === undefined ? [name, reference] : [name, reference, comment];
    const h = this.create('add', args, (wb) => wb.addName(name, reference, comment ?? ''), '1.4');
    return new NamedItemProxy(this.ctx, `names.add(${q(name)})`, h);
  }

  getItemOrNullObject(name: string): NamedItemProxy {
    const h = this.create('getItemOrNullObject', [name], (wb) => wb.findName(name) ?? null, '1.4');
    return new NamedItemProxy(this.ctx, `names.getItemOrNullObject(${q(name)})`, h);
  }
}

export class NamedItemProxy extends FakeObject<FakeName> implements ExcelNamedItem {
  protected readonly typeName = 'NamedItem';
  protected readonly scalars = ['name', 'formula', 'value', 'type', 'comment', 'visible'] as const;
  protected override readonly propNeed: Record<string, string> = { formula: '1.7', comment: '1.4' };

  protected snapshot(prop: string, n: FakeName): unknown {
    const wb = this.ctx.rec.model;
    switch (prop) {
      case 'name':
        return n.name;
      case 'formula':
        return wb.nameFormula(n);
      case 'value':
        return n.sheet ? wb.nameFormula(n).slice(1) : n.constant;
      case 'type':
        return wb.nameType(n);
      case 'comment':
        return n.comment;
      default:
        return n.visible;
    }
  }

  get name(): string {
    return this.read('name');
  }
  get formula(): unknown {
    return this.read('formula');
  }
  set formula(v: unknown) {
    this.setProp('formula', v, (n) => {
      const wb = this.ctx.rec.model;
      wb.deleteName(n);
      const fresh = wb.addName(n.name, String(v), n.comment);
      Object.assign(n, fresh);
      wb.names.set(n.name.toUpperCase(), n);
    });
  }
  get value(): unknown {
    return this.read('value');
  }
  get type(): string {
    return this.read('type');
  }
  get comment(): string {
    return this.read('comment');
  }
  set comment(v: string) {
    this.setProp('comment', v, (n) => (n.comment = v));
  }
  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.setProp('visible', v, (n) => (n.visible = v));
  }
  delete(): void {
    this.method('delete', [], (n) => this.ctx.rec.model.deleteName(n));
  }
  getRangeOrNullObject(): RangeProxy {
    const h = this.create('getRangeOrNullObject', [], (n) => (n.sheet && n.box && !n.broken && !n.sheet.deleted ? { sheet: n.sheet, box: n.box } : null), '1.4');
    return new RangeProxy(this.ctx, `${this.path}.getRangeOrNullObject()`, h);
  }
}
