/**
 * The one codec for `sheet!A1 ↔ {plan, unit, input}`: which cell of a template holds which
 * input of which reporting unit. Everyone (fill, validation, consolidation, the add-in) reads
 * input cells through here and nothing else invents its own encoding.
 *
 * It is carried in the workbook itself, twice:
 *  - workbook defined names that the spreadsheet moves when a user inserts rows or columns:
 *    one per unit (`EDU_T1_U7` → the unit's name cell) and one per input (`EDU_T1_I3` → the
 *    input's column in a unit table, or its single cell in a return);
 *  - the hidden `_edu_meta` sheet, which says what each name means (unit name, input id) and
 *    where it pointed when the template was made (the fallback when a name was deleted).
 *
 * A unit table's input cell is the intersection of its unit's row and its input's column; a
 * return's input cell is the input's own name. Names are resolved at read time, so rows
 * inserted by a filler do not shift the map.
 */
import type { Bilingual } from '../i18n/text';
import { a1, a1ToRowCol, colLetter, onSheet, parseSheetRef, sheetRef, splitSheetRef, tryA1ToRowCol, type RangeBox, type RowCol } from './address';
import { beyondReturn, beyondUnitTable } from './beyond-map';
import type { DefinedNameGrid, GridValue, SheetGrid, WorkbookGrid } from './grid';
import { cellText, gridValue } from './grid';
import {
  definedNameKey,
  isMetaSheetName,
  metaSheetName,
  TEMPLATE_KINDS,
  type DefinedNameSpec,
  type HiddenMetadataSpec,
  type TemplateKind,
  type TemplateMeta,
} from './meta';
import type { Level, Plan, Reporter } from '../plan/schema';

const REPORTER_VALUES: readonly string[] = ['school', 'county', 'city', 'province'];
import { toLang } from '../i18n/text';
import { joinPlanText, PLAN_JSON_KEY, planJsonChunks } from './embedded';
import { normalizeUnitName } from '../unit-name';

/** First cell of the metadata sheet: identifies a template and the metadata format version. */
export const META_MAGIC = 'edu-indicators/template';
export const META_FORMAT = '1';

/** A unit's row, located by its name cell. */
export interface MapUnit {
  /** 1-based position in `TemplateMeta.units`. */
  index: number;
  /** As given when the template was made; '' when the filler types it (then read the name cell). */
  name: string;
  definedName: string;
  sheet: string;
  /** The name cell when the template was made. */
  address: string;
}

/** An input's column in a unit table: every unit row of the same sheet has this input there. */
export interface MapColumn {
  input: string;
  definedName: string;
  sheet: string;
  /** Top cell of the column range when the template was made. */
  address: string;
}

/** A single input cell (a return: one unit). */
export interface MapCell {
  unitIndex: number;
  input: string;
  definedName: string;
  sheet: string;
  address: string;
}

export interface CellMapModel {
  planId: string;
  units: MapUnit[];
  columns: MapColumn[];
  cells: MapCell[];
}

/** Where one input of one unit is, resolved against the workbook's current defined names. */
export interface InputCell {
  plan: string;
  unitIndex: number;
  /** The unit's name (from the metadata, or read from its name cell when the filler typed it). */
  unit: string;
  /** False while the unit's row has no name yet (`unit` is then `#<index>`). */
  unitNamed: boolean;
  input: string;
  sheet: string;
  address: string;
  /** The unit's name cell (where validation points for unit-level issues). */
  unitCell: { sheet: string; address: string };
  /**
   * A unit the map does not hold: a row inserted inside or typed just below a unit table, or a
   * row of a copied unit sheet (beyond-map.ts). Its index follows the template's units.
   */
  added?: true;
}

export interface MapProblem {
  /**
   * name-missing / name-broken: a defined name deleted or pointing nowhere (`located` says
   * whether its original place was read instead — only when nothing moved, never a neighbour);
   * unit-added: a unit row beyond the map, read (`sheet`/`address` its name cell);
   * column-added: an inserted column among the inputs holding values that are not read.
   */
  code: 'name-missing' | 'name-broken' | 'metadata-invalid' | 'unit-renamed' | 'unit-added' | 'column-added' | 'unplaced-value';
  name?: string;
  /** name-missing / name-broken: the original place was read (nothing had moved); else the item is not read. */
  located?: boolean;
  sheet?: string;
  address?: string;
  unitIndex?: number;
  unit?: string;
  /** unit-added from a copied sheet: the sheet it copies. */
  copyOf?: string;
  /** column-added: the column's header text and the cells holding values. */
  header?: string;
  cells?: string[];
  /** unplaced-value: what the cell holds. */
  value?: GridValue;
  message: Bilingual;
}

/** Defined-name prefix of one template instance in a workbook (`EDU_T1_`). */
export function namePrefix(instance: number): string {
  return `EDU_T${instance}_`;
}

/** Whether a defined name is one this tool writes (`EDU_T<n>_…`, in any case, as Excel matches names). */
export function isTemplateDefinedName(name: string): boolean {
  return /^EDU_T\d+_/.test(definedNameKey(name));
}

export function unitName(instance: number, unitIndex: number): string {
  return `${namePrefix(instance)}U${unitIndex}`;
}

/** Name of a single input cell (a return). */
export function inputName(instance: number, cellIndex: number): string {
  return `${namePrefix(instance)}I${cellIndex}`;
}

/** Name of an input column over a unit table's rows. */
export function columnName(instance: number, columnIndex: number): string {
  return `${namePrefix(instance)}C${columnIndex}`;
}

/**
 * Explanation (说明) cells are in the map too, so validation can see a warning was explained.
 * Their input id is the explained input's or indicator's id followed by `#note` (`#` cannot occur
 * in a plan id); a unit table's per-unit explanation column is `#note` alone.
 */
export const NOTE_SUFFIX = '#note';
export function noteInputId(id = ''): string {
  return `${id}${NOTE_SUFFIX}`;
}
export function isNoteInput(input: string): boolean {
  return input.endsWith(NOTE_SUFFIX);
}
/** The input or indicator id an explanation belongs to ('' for a unit's own explanation). */
export function notedId(input: string): string {
  return input.slice(0, -NOTE_SUFFIX.length);
}

/** `'学校数据'!C7` — the printable key of a cell. */
export function cellKey(sheet: string, address: string): string {
  return onSheet(sheet, address);
}

export function parseCellKey(key: string): { sheet: string; address: string } | undefined {
  const r = parseSheetRef(key);
  if (!r || r.box.top !== r.box.bottom || r.box.left !== r.box.right) return undefined;
  return { sheet: r.sheet, address: a1(r.box.top, r.box.left) };
}

// ---------------------------------------------------------------------------------------------
// Encoding (template generation)

/**
 * The map rows of the metadata sheet: after the row's kind, these fields in this order. One
 * definition for writing (encodeMetadata), reading (decodeMetadata) and renaming a sheet.
 */
const MAP_ROWS = {
  unit: ['index', 'name', 'definedName', 'sheet', 'address'],
  column: ['input', 'definedName', 'sheet', 'address'],
  cell: ['unitIndex', 'input', 'definedName', 'sheet', 'address'],
} as const;
type MapRowKind = keyof typeof MAP_ROWS;
type MapRowFields<K extends MapRowKind> = Record<(typeof MAP_ROWS)[K][number], string>;

function mapRow<K extends MapRowKind>(kind: K, entry: Record<(typeof MAP_ROWS)[K][number], string | number>): string[] {
  return [kind, ...MAP_ROWS[kind].map((f: (typeof MAP_ROWS)[K][number]) => String(entry[f]))];
}

function mapFields<K extends MapRowKind>(kind: K, row: readonly string[]): MapRowFields<K> {
  return Object.fromEntries(MAP_ROWS[kind].map((f, i) => [f, row[i + 1] ?? ''])) as MapRowFields<K>;
}

function refOf(sheet: string, address: string, bottomRow?: number): string {
  const { row, col } = a1ToRowCol(address);
  return sheetRef(sheet, { top: row, left: col, bottom: Math.max(row, bottomRow ?? row), right: col });
}

/**
 * The metadata sheet's rows and the defined names of a template. `columnBottoms` gives, per
 * column entry, the last unit row (so the column name spans the unit rows).
 */
export function encodeMetadata(
  meta: TemplateMeta,
  model: CellMapModel,
  instance: number,
  columnBottoms: Map<string, number>,
  plan?: Plan,
): { hidden: HiddenMetadataSpec; names: DefinedNameSpec[] } {
  const rows: string[][] = [
    [META_MAGIC, META_FORMAT],
    ['planId', meta.planId],
    ['planVersion', meta.planVersion],
    ['templateVersion', meta.templateVersion],
    ['planHash', meta.planHash],
    ['kind', meta.kind],
    ['level', meta.level ?? ''],
    ...(meta.reporter ? [['reporter', meta.reporter]] : []),
    ['year', meta.year === undefined ? '' : String(meta.year)],
    ['lang', meta.lang],
    ['instance', String(instance)],
  ];
  if (meta.summary === false) rows.push(['summary', '0']);
  if (meta.carried) rows.push(['carried', '1']);
  for (const id of meta.indicators) rows.push(['indicator', id]);
  for (const id of meta.inputs) rows.push(['input', id]);
  const names: DefinedNameSpec[] = [];
  for (const u of model.units) {
    rows.push(mapRow('unit', u));
    names.push({ name: u.definedName, ref: refOf(u.sheet, u.address) });
  }
  for (const c of model.columns) {
    rows.push(mapRow('column', c));
    names.push({ name: c.definedName, ref: refOf(c.sheet, c.address, columnBottoms.get(c.definedName)) });
  }
  for (const c of model.cells) {
    rows.push(mapRow('cell', c));
    names.push({ name: c.definedName, ref: refOf(c.sheet, c.address) });
  }
  // The plan travels with the workbook (embedded.ts), last so the map rows stay where they were.
  if (plan) for (const chunk of planJsonChunks(plan)) rows.push([PLAN_JSON_KEY, chunk]);
  return { hidden: { sheetName: metaSheetName(instance), rows }, names };
}

/**
 * Moves a template's map from sheet `from` to sheet `to` (a spec whose sheet is renamed before it
 * is written): the defined names pointing at the sheet and the metadata rows naming it.
 */
export function renameSheetInMap(names: DefinedNameSpec[], hidden: HiddenMetadataSpec, from: string, to: string): void {
  for (const n of names) {
    const split = splitSheetRef(n.ref);
    if (split && split.sheet === from) n.ref = onSheet(to, split.local);
  }
  for (const row of hidden.rows) {
    const kind = row[0];
    if (kind !== 'unit' && kind !== 'column' && kind !== 'cell') continue;
    const at = 1 + (MAP_ROWS[kind] as readonly string[]).indexOf('sheet');
    if (row[at] === from) row[at] = to;
  }
}

// ---------------------------------------------------------------------------------------------
// Decoding (reading a returned file)

export interface DecodedTemplate {
  meta: TemplateMeta;
  instance: number;
  metaSheet: string;
  model: CellMapModel;
  /** The plan's JSON text carried in the metadata (untrusted: read it with `embeddedPlanOf`). */
  embeddedPlanText?: string;
  /** Why the carried plan could not be read (too large). */
  embeddedPlanProblem?: Bilingual;
}

function text(v: GridValue | undefined): string {
  return cellText(v);
}

/** Reads a metadata sheet's grid; undefined when it is not one of ours. */
export function decodeMetadata(grid: SheetGrid): DecodedTemplate | { problem: MapProblem } | undefined {
  const rows = grid.values.map((r) => r.map(text));
  if (rows[0]?.[0] !== META_MAGIC) return undefined;
  if (rows[0][1] !== META_FORMAT) {
    return {
      problem: {
        code: 'metadata-invalid',
        message: {
          zh: `模板元数据格式版本「${rows[0][1]}」不受支持，请用新版工具重新生成模板`,
          en: `unsupported template metadata format "${rows[0][1]}"; regenerate the template with a current version`,
        },
      },
    };
  }
  const kv = new Map<string, string>();
  const indicators: string[] = [];
  const inputs: string[] = [];
  const planChunks: string[] = [];
  const model: CellMapModel = { planId: '', units: [], columns: [], cells: [] };
  for (const r of rows.slice(1)) {
    switch (r[0]) {
      case 'indicator':
        indicators.push(r[1] ?? '');
        break;
      case 'input':
        inputs.push(r[1] ?? '');
        break;
      case PLAN_JSON_KEY:
        planChunks.push(r[1] ?? '');
        break;
      case 'unit': {
        const f = mapFields('unit', r);
        model.units.push({ ...f, index: Number(f.index) });
        break;
      }
      case 'column':
        model.columns.push(mapFields('column', r));
        break;
      case 'cell': {
        const f = mapFields('cell', r);
        model.cells.push({ ...f, unitIndex: Number(f.unitIndex) });
        break;
      }
      default:
        if (r[0]) kv.set(r[0], r[1] ?? '');
    }
  }
  const kind = kv.get('kind') as TemplateKind;
  const planId = kv.get('planId') ?? '';
  if (!planId || !TEMPLATE_KINDS.includes(kind)) {
    return {
      problem: {
        code: 'metadata-invalid',
        message: { zh: '模板元数据不完整（缺少计划编号或模板类型）', en: 'template metadata is incomplete (plan id or kind missing)' },
      },
    };
  }
  model.planId = planId;
  const year = Number(kv.get('year'));
  const units = [...model.units].sort((a, b) => a.index - b.index).map((u) => u.name);
  const carried = planChunks.length > 0 ? joinPlanText(planChunks) : undefined;
  return {
    meta: {
      planId,
      planVersion: kv.get('planVersion') ?? '',
      templateVersion: kv.get('templateVersion') ?? '',
      planHash: kv.get('planHash') ?? '',
      kind,
      level: (kv.get('level') || undefined) as Level | undefined,
      ...(REPORTER_VALUES.includes(kv.get('reporter') ?? '') ? { reporter: kv.get('reporter') as Reporter } : {}),
      year: kv.get('year') && Number.isInteger(year) ? year : undefined,
      lang: toLang(kv.get('lang')),
      units,
      indicators,
      inputs,
      ...(kv.get('summary') === '0' ? { summary: false } : {}),
      ...(kv.get('carried') === '1' ? { carried: true } : {}),
    },
    instance: Number(kv.get('instance')) || 1,
    metaSheet: grid.name,
    model,
    ...(carried && 'text' in carried ? { embeddedPlanText: carried.text } : {}),
    ...(carried && 'problem' in carried ? { embeddedPlanProblem: carried.problem } : {}),
  };
}

/** Every template in a workbook (normally one), and problems with metadata sheets that are ours but broken. */
export function findTemplates(book: WorkbookGrid): { templates: DecodedTemplate[]; problems: MapProblem[] } {
  const templates: DecodedTemplate[] = [];
  const problems: MapProblem[] = [];
  for (const sheet of book.sheets) {
    if (!isMetaSheetName(sheet.name)) continue;
    const d = decodedMetadata(sheet);
    if (!d) continue;
    if ('problem' in d) problems.push(d.problem);
    else templates.push(d);
  }
  return { templates, problems };
}

/**
 * Metadata sheets already decoded, with the exact content they were decoded from (the sheet's
 * name and every cell's text). The 300 returns of one template carry the same sheet: decoded
 * once, they share one DecodedTemplate object, so what depends only on the template (its rebuilt
 * cells, parsed addresses, indicator plans …) is cached on that object (WeakMaps elsewhere). A
 * sheet is matched cell by cell against the few kept (no key string built per file); one differing
 * character decodes it afresh. The object is frozen: no file's reading can change what the next
 * one sees. A few templates per run, the most recent first.
 */
interface DecodedEntry {
  name: string;
  texts: string[][];
  decoded: ReturnType<typeof decodeMetadata>;
}
const decodedCache: DecodedEntry[] = [];
const DECODED_CACHE_SIZE = 8;

function sameContent(grid: SheetGrid, e: DecodedEntry): boolean {
  if (grid.name !== e.name || grid.values.length !== e.texts.length) return false;
  for (let r = 0; r < e.texts.length; r++) {
    const row = grid.values[r];
    const texts = e.texts[r]!;
    if (!Array.isArray(row) || row.length !== texts.length) return false;
    for (let c = 0; c < texts.length; c++) {
      const v = row[c];
      if (v !== texts[c] && text(v) !== texts[c]) return false; // (the same text: no call)
    }
  }
  return true;
}

function decodedMetadata(grid: SheetGrid): ReturnType<typeof decodeMetadata> {
  if (text(grid.values[0]?.[0]) !== META_MAGIC) return undefined;
  for (let i = 0; i < decodedCache.length; i++) {
    const e = decodedCache[i]!;
    if (!sameContent(grid, e)) continue;
    if (i > 0) decodedCache.unshift(...decodedCache.splice(i, 1));
    return e.decoded;
  }
  const d = decodeMetadata(grid);
  if (!grid.values.every((r) => Array.isArray(r))) return d; // (a damaged grid: never shared)
  if (d && !('problem' in d)) deepFreeze(d);
  decodedCache.unshift({ name: grid.name, texts: grid.values.map((r) => Array.from(r, text)), decoded: d });
  if (decodedCache.length > DECODED_CACHE_SIZE) decodedCache.pop();
  return d;
}

function deepFreeze<T>(x: T): T {
  if (typeof x !== 'object' || x === null || Object.isFrozen(x)) return x;
  for (const v of Object.values(x)) deepFreeze(v);
  return Object.freeze(x);
}

/**
 * Whether any of the template's names now points somewhere else than when it was made: rows or
 * columns were inserted or deleted, so a stored address no longer means what it meant.
 */
function mapMoved(template: DecodedTemplate, names: Map<string, string>): boolean {
  const { entries, keys, made } = mapEntries(template);
  for (let i = 0; i < entries.length; i++) {
    const n = entries[i]!;
    const ref = names.get(keys[i]!);
    if (ref === undefined) continue;
    const parsed = parsedRef(ref);
    if (!parsed) return true; // a deleted row or column
    const was = made[i] ?? a1ToRowCol(n.address); // (not an address: throws, as it always did)
    if (parsed.sheet !== n.sheet || parsed.box.top !== was.row || parsed.box.left !== was.col) return true;
  }
  return false;
}

/**
 * A template's map entries (units, columns, cells) with their defined names' lookup keys and the
 * places they were made at: the same for every return of the template, worked out once per
 * (frozen, shared) decoded template.
 */
interface MapEntries {
  entries: ReadonlyArray<{ definedName: string; sheet: string; address: string }>;
  keys: readonly string[];
  made: ReadonlyArray<RowCol | undefined>;
}
const entriesOf = new WeakMap<DecodedTemplate, MapEntries>();

function mapEntries(template: DecodedTemplate): MapEntries {
  let e = entriesOf.get(template);
  if (!e) {
    const entries = [...template.model.units, ...template.model.columns, ...template.model.cells];
    e = { entries, keys: entries.map((n) => definedNameKey(n.definedName)), made: entries.map((n) => tryA1ToRowCol(n.address)) };
    entriesOf.set(template, e);
  }
  return e;
}

/**
 * `parseSheetRef` of a defined name's reference, remembered by its text (every return of a
 * template has the same 150 references): a pure function of the string, its results frozen so a
 * caller cannot change what the next file reads. Bounded: cleared when full.
 */
const parsedRefs = new Map<string, Readonly<{ sheet: string; box: Readonly<RangeBox> }> | null>();
const PARSED_REFS_SIZE = 20_000;

function parsedRef(ref: string): Readonly<{ sheet: string; box: Readonly<RangeBox> }> | undefined {
  let p = parsedRefs.get(ref);
  if (p === undefined) {
    const parsed = parseSheetRef(ref);
    p = parsed ? Object.freeze({ sheet: parsed.sheet, box: Object.freeze(parsed.box) }) : null;
    if (parsedRefs.size >= PARSED_REFS_SIZE) parsedRefs.clear();
    parsedRefs.set(ref, p);
  }
  return p ?? undefined;
}

/**
 * The current box of a defined name. A deleted name is read at its original place only when
 * nothing in the map moved; a name pointing nowhere (`#REF!`: its row or column was deleted) is
 * never read elsewhere — the original place now holds a neighbour's value.
 */
function resolveName(
  names: Map<string, string>,
  name: string,
  key: string,
  fallback: { sheet: string; address: string },
  moved: boolean,
  problems: MapProblem[],
): { sheet: string; box: Readonly<RangeBox> } | undefined {
  const ref = names.get(key);
  if (ref === undefined) {
    const original = cellKey(fallback.sheet, fallback.address);
    if (moved) {
      problems.push({
        code: 'name-missing',
        name,
        located: false,
        message: {
          zh: `定义名称「${name}」已被删除，且行列已有移动，无法确定其单元格：未读取（不按原位置 ${original} 读取，那里可能已是别的数据）`,
          en: `defined name "${name}" was deleted and rows or columns moved, so its cell cannot be located: not read (its original place ${original} may now hold other data)`,
        },
      });
      return undefined;
    }
    problems.push({
      code: 'name-missing',
      name,
      located: true,
      message: {
        zh: `定义名称「${name}」已被删除，按模板生成时的位置 ${original} 读取`,
        en: `defined name "${name}" was deleted; reading ${original}, its original place`,
      },
    });
    const { row, col } = a1ToRowCol(fallback.address);
    return { sheet: fallback.sheet, box: { top: row, left: col, bottom: row, right: col } };
  }
  const parsed = parsedRef(ref);
  if (!parsed) {
    problems.push({
      code: 'name-broken',
      name,
      located: false,
      message: {
        zh: `定义名称「${name}」指向的区域已被删除（${ref}）：其所在的行或列已删除，未读取（不读相邻单元格）`,
        en: `defined name "${name}" points nowhere (${ref}): its row or column was deleted; not read (never a neighbouring cell)`,
      },
    });
    return undefined;
  }
  return parsed;
}

/** A unit's name cell where it is now, with the unit's name. */
export interface ResolvedUnit {
  index: number;
  sheet: string;
  row: number;
  col: number;
  /** From the metadata, or read from the name cell when the filler types it; `#<index>` while blank. */
  name: string;
  named: boolean;
  /** A unit row the map does not hold, found by beyond-map.ts (read as a unit added by hand). */
  added?: true;
}

/** A unit table's input column where it is now: every unit row on `sheet` has the input at `col`. */
export interface ResolvedColumn {
  input: string;
  sheet: string;
  col: number;
}

/** A single input cell where it is now (a return). */
export interface ResolvedCell {
  unitIndex: number;
  input: string;
  sheet: string;
  row: number;
  col: number;
}

/**
 * A template's map resolved against the workbook without expanding units × columns: what the
 * columnar validation reads (5,000 unit rows and 44 columns, not 220,000 cell objects).
 * `resolveInputCells` expands it; both follow the same names.
 */
export interface ResolvedMap {
  /** In metadata order. */
  units: ResolvedUnit[];
  columns: ResolvedColumn[];
  cells: ResolvedCell[];
  problems: MapProblem[];
}

/** A1 columns end at XFD; a name pointing beyond it cannot be read as a cell. */
function checkedColumn(col: number): number {
  if (!Number.isInteger(col) || col < 1 || col > 16384) throw new RangeError(`column out of range: ${col}`);
  return col;
}

/** One map entry resolved against the names: where it is now (none: not read) and the problems found. */
interface EntryResolved<E, R> {
  entry: E;
  at?: { sheet: string; box: Readonly<RangeBox> };
  problems: readonly MapProblem[];
  resolved?: R;
}

interface NamesResolution {
  units: Array<EntryResolved<MapUnit, undefined>>;
  columns: Array<EntryResolved<MapColumn, ResolvedColumn>>;
  cells: Array<EntryResolved<MapCell, Readonly<ResolvedCell>>>;
}

/**
 * The last defined names each (shared, frozen) template was resolved against, and the outcome:
 * the 300 returns of a round carry the same 150 names, so they are resolved once. Only a list
 * equal name by name and reference by reference reuses it (the outcome is a function of the
 * template and that list); anything else — one name moved, deleted, broken — is resolved in full.
 * What the workbook's cells say (typed unit names, rows beyond the map) is read per file.
 */
const resolvedByTemplate = new WeakMap<DecodedTemplate, { names: string[]; refs: string[]; resolution: NamesResolution }>();

function sameNames(list: readonly DefinedNameGrid[], names: readonly string[], refs: readonly string[]): boolean {
  if (list.length !== names.length) return false;
  for (let i = 0; i < list.length; i++) if (list[i]!.name !== names[i] || list[i]!.ref !== refs[i]) return false;
  return true;
}

function namesResolved(template: DecodedTemplate, definedNames: readonly DefinedNameGrid[]): NamesResolution {
  const shared = Object.isFrozen(template.model);
  const last = shared ? resolvedByTemplate.get(template) : undefined;
  if (last && sameNames(definedNames, last.names, last.refs)) return last.resolution;
  const resolution = resolveNames(template, definedNames);
  if (shared) resolvedByTemplate.set(template, { names: definedNames.map((n) => n.name), refs: definedNames.map((n) => n.ref), resolution });
  return resolution;
}

function resolveNames(template: DecodedTemplate, definedNames: readonly DefinedNameGrid[]): NamesResolution {
  const names = new Map<string, string>();
  for (const n of definedNames) names.set(definedNameKey(n.name), n.ref);
  const moved = mapMoved(template, names);
  const { keys } = mapEntries(template);
  let k = 0;
  const one = <E extends { definedName: string; sheet: string; address: string }>(entry: E) => {
    const problems: MapProblem[] = [];
    const at = resolveName(names, entry.definedName, keys[k++]!, entry, moved, problems);
    return { entry, at, problems };
  };
  const units = template.model.units.map((u) => ({ ...one(u), resolved: undefined }));
  const columns = template.model.columns.map((c) => {
    const e = one(c);
    return { ...e, resolved: e.at ? Object.freeze({ input: c.input, sheet: e.at.sheet, col: checkedColumn(e.at.box.left) }) : undefined };
  });
  const cells = template.model.cells.map((c) => {
    const e = one(c);
    return { ...e, resolved: e.at ? Object.freeze({ unitIndex: c.unitIndex, input: c.input, sheet: e.at.sheet, row: e.at.box.top, col: checkedColumn(e.at.box.left) }) : undefined };
  });
  return { units, columns, cells };
}

/**
 * Resolves a template's units, columns and single cells against the workbook's defined names
 * (following rows and columns the filler inserted). Units whose name was left for the filler get
 * the text of their name cell (or `#<index>` when still blank).
 */
export function resolveMap(template: DecodedTemplate, definedNames: DefinedNameGrid[], book?: WorkbookGrid): ResolvedMap {
  const resolution = namesResolved(template, definedNames);
  const problems: MapProblem[] = [];
  const units: ResolvedUnit[] = [];
  for (const { entry: u, at: r, problems: found } of resolution.units) {
    for (const p of found) problems.push({ ...p });
    if (!r) continue; // the unit's row was deleted: none of its cells is read
    let name = u.name;
    if (book) {
      const grid = book.sheets.find((s) => s.name === r.sheet);
      const typed = text(grid ? gridValue(grid, r.box.top, r.box.left) : null).trim();
      if (!name) name = typed;
      else if (normalizeUnitName(typed) !== normalizeUnitName(name)) {
        // The bureau named this row; a different name in the cell means rows were moved or edited.
        problems.push({
          code: 'unit-renamed',
          name: u.definedName,
          message: {
            zh: `${cellKey(r.sheet, a1(r.box.top, r.box.left))} 的单位名称「${typed}」与模板中的「${name}」不一致（行被移动或名称被修改？）`,
            en: `${cellKey(r.sheet, a1(r.box.top, r.box.left))}: unit name "${typed}" differs from "${name}" in the template (rows moved or renamed?)`,
          },
        });
      }
    }
    units.push({ index: u.index, sheet: r.sheet, row: r.box.top, col: r.box.left, name: name || `#${u.index}`, named: name !== '' });
  }
  const columns: ResolvedColumn[] = [];
  const boxes: RangeBox[] = [];
  for (const { at: r, problems: found, resolved } of resolution.columns) {
    for (const p of found) problems.push({ ...p });
    if (!r || !resolved) continue; // the input's column was deleted: never read the neighbour now in its place
    columns.push({ ...resolved });
    boxes.push(r.box);
  }
  const cells: ResolvedCell[] = [];
  for (const { problems: found, resolved } of resolution.cells) {
    for (const p of found) problems.push({ ...p });
    if (resolved) cells.push(resolved);
  }
  const map: ResolvedMap = { units, columns, cells, problems };
  if (book && columns.length > 0) addBeyondUnitTable(template, book, map, boxes);
  if (book && columns.length === 0 && cells.length > 0) addBeyondReturn(book, map);
  return map;
}

/**
 * Every input cell of a template, resolved (`resolveMap` expanded: each column at each unit row
 * on its sheet, then the single cells).
 */
export function resolveInputCells(
  template: DecodedTemplate,
  definedNames: DefinedNameGrid[],
  book?: WorkbookGrid,
): { cells: InputCell[]; problems: MapProblem[] } {
  return expandInputCells(template, resolveMap(template, definedNames, book));
}

/** A resolved map's input cells (each column at each unit row on its sheet, then the single cells). */
export function expandInputCells(template: DecodedTemplate, map: ResolvedMap): { cells: InputCell[]; problems: MapProblem[] } {
  const plan = template.model.planId;
  const unitLoc = new Map(map.units.map((u) => [u.index, u]));
  const cells: InputCell[] = [];
  const unitCell = (loc: ResolvedUnit) => ({ sheet: loc.sheet, address: a1(loc.row, loc.col) });
  for (const c of map.columns) {
    for (const u of map.units) {
      const loc = unitLoc.get(u.index)!; // (repeated indices in damaged metadata: the last one)
      if (loc.sheet !== c.sheet) continue;
      cells.push({ plan, unitIndex: loc.index, unit: loc.name, unitNamed: loc.named, input: c.input, sheet: c.sheet, address: a1(loc.row, c.col), unitCell: unitCell(loc), ...(loc.added ? { added: true as const } : {}) });
    }
  }
  for (const c of map.cells) {
    const loc = unitLoc.get(c.unitIndex);
    cells.push({
      plan,
      unitIndex: c.unitIndex,
      unit: loc?.name ?? `#${c.unitIndex}`,
      unitNamed: loc?.named ?? false,
      input: c.input,
      sheet: c.sheet,
      address: a1(c.row, c.col),
      unitCell: loc ? unitCell(loc) : { sheet: c.sheet, address: a1(c.row, c.col) },
    });
  }
  return { cells, problems: map.problems };
}

/** Unit rows and columns of a unit table that the map does not hold (beyond-map.ts), into the map. */
function addBeyondUnitTable(template: DecodedTemplate, book: WorkbookGrid, map: ResolvedMap, boxes: readonly RangeBox[]): void {
  const sheet = map.columns[0]!.sheet;
  const here = map.units.filter((u) => u.sheet === sheet);
  const nameCol = here[0]?.col ?? a1ToRowCol(template.model.units[0]?.address ?? 'B1').col;
  const columns = new Map<string, number>();
  let top = Infinity;
  let bottom = -Infinity;
  map.columns.forEach((c, k) => {
    if (c.sheet !== sheet) return;
    columns.set(c.input, c.col);
    top = Math.min(top, boxes[k]!.top);
    bottom = Math.max(bottom, boxes[k]!.bottom);
  });
  for (const u of here) {
    top = Math.min(top, u.row);
    bottom = Math.max(bottom, u.row);
  }
  if (!Number.isFinite(top)) return;
  const mappedSheets = new Set<string>([sheet, ...map.cells.map((c) => c.sheet), template.metaSheet]);
  const found = beyondUnitTable(book, { sheet, nameCol, unitRows: here.map((u) => u.row), columns, blockTop: top, blockBottom: bottom }, mappedSheets);
  let next = Math.max(0, ...template.model.units.map((u) => u.index));
  const copies = new Set<string>();
  for (const u of found.units) {
    const unitIndex = ++next;
    const nameAt = a1(u.row, u.nameCol);
    const name = u.name || `#${unitIndex}`;
    const where = cellKey(u.sheet, nameAt);
    map.units.push({ index: unitIndex, sheet: u.sheet, row: u.row, col: u.nameCol, name, named: u.name !== '', added: true });
    if (u.sheet !== sheet) copies.add(u.sheet);
    map.problems.push({
      code: 'unit-added',
      sheet: u.sheet,
      address: nameAt,
      unitIndex,
      unit: name,
      ...(u.copyOf !== undefined ? { copyOf: u.copyOf } : {}),
      message: u.copyOf
        ? {
            zh: `${where}「${name}」在复制出的工作表「${u.sheet}」中（模板的单位表是「${u.copyOf}」），已按手工添加的单位读取`,
            en: `${where} "${name}" is on "${u.sheet}", a copy of the unit sheet "${u.copyOf}"; read as a unit added by hand`,
          }
        : {
            zh: `${where}「${name}」不是模板中的单位（手工插入的行），已按新单位读取`,
            en: `${where} "${name}" is not a unit of the template (a row inserted by hand); read as a new unit`,
          },
    });
  }
  // A copied sheet has the same input columns as the sheet it copies.
  for (const copy of copies) for (const [input, col] of columns) map.columns.push({ input, sheet: copy, col });
  for (const c of found.columns) {
    const letter = colLetter(c.col);
    const header = c.header ? `（表头「${c.header}」）` : '';
    const list = `${c.cells.slice(0, 8).join('、')}${c.cells.length > 8 ? ` 等 ${c.cells.length} 处` : ''}`;
    map.problems.push({
      code: 'column-added',
      sheet: c.sheet,
      address: c.cells[0],
      header: c.header,
      cells: c.cells,
      message: {
        zh: `第 ${letter} 列${header}不是模板的填报列（手工插入或在表外填写），其中的 ${c.cells.length} 个数值未读取：${list}`,
        en: `column ${letter}${c.header ? ` ("${c.header}")` : ''} is not an input column of the template (inserted by hand, or typed outside the table); its ${c.cells.length} value(s) are not read: ${c.cells.slice(0, 8).join(', ')}${c.cells.length > 8 ? ` and ${c.cells.length - 8} more` : ''}`,
      },
    });
  }
}

/** Values on a return's rows that no input maps to (a row inserted between the inputs). */
function addBeyondReturn(book: WorkbookGrid, map: ResolvedMap): void {
  for (const v of beyondReturn(book, map.cells)) {
    const where = cellKey(v.sheet, v.address);
    map.problems.push({
      code: 'unplaced-value',
      sheet: v.sheet,
      address: v.address,
      value: v.value,
      ...(v.label ? { header: v.label } : {}),
      message: {
        zh: `${where}${v.label ? `（行「${v.label}」）` : ''}不是模板的填报单元格（手工插入的行？），其中的值未读取`,
        en: `${where}${v.label ? ` (row "${v.label}")` : ''} is not an input cell of the template (a row inserted by hand?); its value is not read`,
      },
    });
  }
}

/** Lookup both ways over resolved input cells. */
export class CellIndex {
  private readonly byKey = new Map<string, InputCell>();
  private readonly byUnitInput = new Map<string, InputCell>();

  constructor(readonly cells: InputCell[]) {
    for (const c of cells) {
      this.byKey.set(cellKey(c.sheet, c.address), c);
      this.byUnitInput.set(`${c.unitIndex}\u0000${c.input}`, c);
    }
  }

  /** `sheet!A1 → {plan, unit, input}`. */
  at(sheet: string, address: string): InputCell | undefined {
    return this.byKey.get(cellKey(sheet, address.replace(/\$/g, '').toUpperCase()));
  }

  /** `{unit, input} → sheet!A1`; the unit by its index or its name. */
  find(unit: number | string, input: string): InputCell | undefined {
    if (typeof unit === 'number') return this.byUnitInput.get(`${unit}\u0000${input}`);
    const wanted = normalizeUnitName(unit);
    return this.cells.find((c) => c.input === input && normalizeUnitName(c.unit) === wanted);
  }

  units(): Array<{ index: number; name: string }> {
    const seen = new Map<number, string>();
    for (const c of this.cells) if (!seen.has(c.unitIndex)) seen.set(c.unitIndex, c.unit);
    return [...seen].map(([index, name]) => ({ index, name })).sort((a, b) => a.index - b.index);
  }
}

/** Every template of a workbook with its input cells resolved: what both readers return. */
export interface TemplatesInBook {
  book: WorkbookGrid;
  templates: Array<{ template: DecodedTemplate; cells: InputCell[]; problems: MapProblem[] }>;
  problems: MapProblem[];
}

/** Finds the templates of a read workbook and resolves their input cells (shared by the ExcelJS and Office.js readers). */
export function resolveTemplates(book: WorkbookGrid): TemplatesInBook {
  const found = findTemplates(book);
  return {
    book,
    templates: found.templates.map((template) => ({ template, ...resolveInputCells(template, book.definedNames, book) })),
    problems: found.problems,
  };
}
