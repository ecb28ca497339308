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
import { a1, a1ToRowCol, onSheet, parseSheetRef, sheetRef, splitSheetRef, type RangeBox } from './address';
import type { DefinedNameGrid, GridValue, SheetGrid, WorkbookGrid } from './grid';
import { gridValueAt, isGridError } from './grid';
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
import { joinPlanChunks, PLAN_JSON_KEY, planJsonChunks } from './embedded';
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
}

export interface MapProblem {
  code: 'name-missing' | 'name-broken' | 'metadata-invalid' | 'unit-renamed';
  name?: string;
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
  /** The plan's raw JSON value carried in the metadata (untrusted: read it with `embeddedPlanOf`). */
  embeddedPlan?: unknown;
  /** Why the carried plan could not be read (too large, not JSON). */
  embeddedPlanProblem?: Bilingual;
}

function text(v: GridValue | undefined): string {
  if (v === null || v === undefined || isGridError(v)) return '';
  return String(v);
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
  const carried = planChunks.length > 0 ? joinPlanChunks(planChunks) : undefined;
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
    },
    instance: Number(kv.get('instance')) || 1,
    metaSheet: grid.name,
    model,
    ...(carried && 'value' in carried ? { embeddedPlan: carried.value } : {}),
    ...(carried && 'problem' in carried ? { embeddedPlanProblem: carried.problem } : {}),
  };
}

/** Every template in a workbook (normally one), and problems with metadata sheets that are ours but broken. */
export function findTemplates(book: WorkbookGrid): { templates: DecodedTemplate[]; problems: MapProblem[] } {
  const templates: DecodedTemplate[] = [];
  const problems: MapProblem[] = [];
  for (const sheet of book.sheets) {
    if (!isMetaSheetName(sheet.name)) continue;
    const d = decodeMetadata(sheet);
    if (!d) continue;
    if ('problem' in d) problems.push(d.problem);
    else templates.push(d);
  }
  return { templates, problems };
}

/** The current box of a defined name, or a problem saying why the stored address is used instead. */
function resolveName(
  names: Map<string, string>,
  name: string,
  fallback: { sheet: string; address: string },
  problems: MapProblem[],
): { sheet: string; box: RangeBox } {
  const ref = names.get(definedNameKey(name));
  const fb = () => {
    const { row, col } = a1ToRowCol(fallback.address);
    return { sheet: fallback.sheet, box: { top: row, left: col, bottom: row, right: col } };
  };
  if (ref === undefined) {
    problems.push({
      code: 'name-missing',
      name,
      message: {
        zh: `定义名称「${name}」已被删除，按模板生成时的位置 ${cellKey(fallback.sheet, fallback.address)} 读取`,
        en: `defined name "${name}" was deleted; reading ${cellKey(fallback.sheet, fallback.address)}, its original place`,
      },
    });
    return fb();
  }
  const parsed = parseSheetRef(ref);
  if (!parsed) {
    problems.push({
      code: 'name-broken',
      name,
      message: {
        zh: `定义名称「${name}」指向无效区域（${ref}），可能删除了行或列；按原位置 ${cellKey(fallback.sheet, fallback.address)} 读取`,
        en: `defined name "${name}" is broken (${ref}), rows or columns may have been deleted; reading ${cellKey(fallback.sheet, fallback.address)}`,
      },
    });
    return fb();
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

/**
 * Resolves a template's units, columns and single cells against the workbook's defined names
 * (following rows and columns the filler inserted). Units whose name was left for the filler get
 * the text of their name cell (or `#<index>` when still blank).
 */
export function resolveMap(template: DecodedTemplate, definedNames: DefinedNameGrid[], book?: WorkbookGrid): ResolvedMap {
  const names = new Map(definedNames.map((n) => [definedNameKey(n.name), n.ref]));
  const problems: MapProblem[] = [];
  const units: ResolvedUnit[] = [];
  for (const u of template.model.units) {
    const r = resolveName(names, u.definedName, u, problems);
    let name = u.name;
    if (book) {
      const grid = book.sheets.find((s) => s.name === r.sheet);
      const typed = text(grid ? gridValueAt(grid, a1(r.box.top, r.box.left)) : null).trim();
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
  for (const c of template.model.columns) {
    const r = resolveName(names, c.definedName, c, problems);
    columns.push({ input: c.input, sheet: r.sheet, col: checkedColumn(r.box.left) });
  }
  const cells: ResolvedCell[] = [];
  for (const c of template.model.cells) {
    const r = resolveName(names, c.definedName, c, problems);
    cells.push({ unitIndex: c.unitIndex, input: c.input, sheet: r.sheet, row: r.box.top, col: checkedColumn(r.box.left) });
  }
  return { units, columns, cells, problems };
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
  const map = resolveMap(template, definedNames, book);
  const plan = template.model.planId;
  const unitLoc = new Map(map.units.map((u) => [u.index, u]));
  const cells: InputCell[] = [];
  const unitCell = (loc: ResolvedUnit) => ({ sheet: loc.sheet, address: a1(loc.row, loc.col) });
  for (const c of map.columns) {
    for (const u of map.units) {
      const loc = unitLoc.get(u.index)!; // (repeated indices in damaged metadata: the last one)
      if (loc.sheet !== c.sheet) continue;
      cells.push({ plan, unitIndex: loc.index, unit: loc.name, unitNamed: loc.named, input: c.input, sheet: c.sheet, address: a1(loc.row, c.col), unitCell: unitCell(loc) });
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
