/**
 * Definition workbook (as a WorkbookGrid, from ExcelJS or Office.js) → plan, through the zod
 * schema. Every problem is reported — not the first only — at its sheet and cell, in Chinese and
 * English: a cell that is not what its column wants (a text target, an unknown comparator, a
 * formula), and every schema issue (a missing input, a duplicate id …) mapped back from its JSON
 * path to the cell that holds the value. Workbooks are untrusted: rows, columns and text lengths
 * are limited before anything is built.
 */
import type { Bilingual, Lang } from '../i18n/text';
import { describeIssue, jsonPath, PLAN_LIMITS } from '../plan/parse';
import { Level, Plan } from '../plan/schema';
import { a1 } from '../workbook/address';
import type { GridValue, SheetGrid, WorkbookGrid } from '../workbook/grid';
import { fromCell } from './cells';
import {
  BALANCE_FIELDS,
  CV_LIMIT_PREFIX,
  FIRST_DATA_ROW,
  PLAN_FIELDS,
  SHEET_NAMES,
  SHEET_NAMES_EN,
  TABLE_COLUMNS,
  pathOf,
  type Column,
  type Field,
  type SheetKey,
} from './columns';
import { setPath } from './paths';

export const DEFINITION_LIMITS = {
  /** Rows per sheet (a plan has at most PLAN_LIMITS.maxIndicators indicators, a few targets each). */
  maxRows: 20_000,
  maxColumns: 120,
} as const;

export interface DefinitionIssue {
  sheet: string;
  /** A1 address of the cell at fault (the header or first cell of the row when the cell is missing). */
  cell: string;
  row: number;
  /** The column's Chinese header or the field's name. */
  column: string;
  /** The same in English (the column's key for header fields). */
  columnEn: string;
  message: Bilingual;
  /** The plan JSON path the cell maps to, when it maps to one. */
  path?: string;
}

export type DefinitionResult = { ok: true; plan: Plan } | { ok: false; issues: DefinitionIssue[] };

interface Loc {
  sheet: string;
  row: number;
  /** 0 when the column is missing from the sheet. */
  col: number;
  column: string;
  columnEn?: string;
}

type Path = Array<string | number>;

const cellOf = (loc: Loc) => a1(loc.row, Math.max(loc.col, 1));
const locKey = (loc: Loc) => `${loc.sheet}!${cellOf(loc)}`;

/** The value of a cell in a grid (rows may be ragged). */
function valueAt(grid: SheetGrid, row: number, col: number): GridValue {
  return grid.values[row - 1]?.[col - 1] ?? null;
}

/** One table row as read: each column's reading and where it is. */
interface RowRead {
  row: number;
  get(key: string): { value: unknown; given: boolean; loc: Loc };
  /** The same cell read as another type (a target's value is a number, or 是/否 for a yes/no target). */
  getAs(key: string, type: Column['type']): { value: unknown; given: boolean; loc: Loc };
}

class Reader {
  readonly issues: DefinitionIssue[] = [];
  private readonly cellsWithIssues = new Set<string>();
  private readonly locs = new Map<string, Loc>();
  /** Cells holding formulas: reported once, read as empty. */
  private readonly formulaCells = new Set<string>();

  constructor(private readonly book: WorkbookGrid) {}

  sheet(key: SheetKey): SheetGrid | undefined {
    const names = [SHEET_NAMES[key], SHEET_NAMES_EN[key]].map((n) => n.toLowerCase());
    return this.book.sheets.find((s) => names.includes(s.name.trim().toLowerCase()));
  }

  issue(loc: Loc, message: Bilingual, path?: Path): void {
    this.cellsWithIssues.add(locKey(loc));
    const missing = loc.col === 0 ? { zh: `（缺少“${loc.column}”列）`, en: ` (the column "${loc.column}" is missing)` } : { zh: '', en: '' };
    this.issues.push({
      sheet: loc.sheet,
      cell: cellOf(loc),
      row: loc.row,
      column: loc.column,
      columnEn: loc.columnEn ?? loc.column,
      message: { zh: message.zh + missing.zh, en: message.en + missing.en },
      ...(path ? { path: jsonPath(path) } : {}),
    });
  }

  hasIssue(loc: Loc): boolean {
    return this.cellsWithIssues.has(locKey(loc));
  }

  at(path: Path, loc: Loc): void {
    const key = path.join('.');
    if (!this.locs.has(key)) this.locs.set(key, loc);
  }

  /** The cell a schema path belongs to: the deepest registered prefix. */
  locOf(path: readonly PropertyKey[]): Loc | undefined {
    for (let n = path.length; n >= 0; n--) {
      const loc = this.locs.get(path.slice(0, n).map(String).join('.'));
      if (loc) return loc;
    }
    return undefined;
  }

  /** Formula cells anywhere on a definition sheet are refused: a definition is data, never code. */
  checkFormulas(grid: SheetGrid): void {
    grid.formulas.forEach((row, r) =>
      row.forEach((f, c) => {
        if (f === null || f === undefined) return;
        const loc: Loc = { sheet: grid.name, row: r + 1, col: c + 1, column: '' };
        this.formulaCells.add(locKey(loc));
        this.issue(loc, {
          zh: `单元格含公式「=${f.slice(0, 40)}」：计划定义只能填写数值和文字`,
          en: `the cell holds a formula (=${f.slice(0, 40)}): a plan definition holds values and text only`,
        });
      }),
    );
  }

  isFormula(loc: Loc): boolean {
    return this.formulaCells.has(locKey(loc));
  }

  /** Reads a cell as a column's type; a bad cell is reported and read as not given. */
  read(grid: SheetGrid, loc: Loc, type: Column['type'], vocab: readonly string[] | undefined, emptyIsBlank = false): { value: unknown; given: boolean } {
    if (loc.col === 0 || this.isFormula(loc)) return { value: undefined, given: false };
    const r = fromCell(valueAt(grid, loc.row, loc.col), type, vocab);
    if ('empty' in r) return { value: emptyIsBlank ? '' : undefined, given: false };
    if ('error' in r) {
      this.issue(loc, r.error);
      return { value: undefined, given: false };
    }
    return { value: r.value, given: true };
  }

  /** The data rows of a table sheet, with its header row 2 (keys) or row 1 (Chinese) matched to columns. */
  table(key: Exclude<SheetKey, 'plan' | 'balance'>): RowRead[] {
    const grid = this.sheet(key);
    if (!grid) return [];
    this.checkFormulas(grid);
    const columns = TABLE_COLUMNS[key];
    const width = Math.max(0, ...grid.values.slice(0, 2).map((r) => r.length));
    if (width > DEFINITION_LIMITS.maxColumns || grid.values.length > DEFINITION_LIMITS.maxRows + FIRST_DATA_ROW) {
      this.issue(
        { sheet: grid.name, row: 1, col: 1, column: '' },
        {
          zh: `工作表过大（${grid.values.length} 行、${width} 列；上限 ${DEFINITION_LIMITS.maxRows} 行、${DEFINITION_LIMITS.maxColumns} 列）`,
          en: `the sheet is too large (${grid.values.length} rows, ${width} columns; limits ${DEFINITION_LIMITS.maxRows} rows, ${DEFINITION_LIMITS.maxColumns} columns)`,
        },
      );
      return [];
    }
    const byKey = new Map(columns.map((c) => [c.key.toLowerCase(), c]));
    const byZh = new Map(columns.map((c) => [c.zh, c]));
    const at = new Map<string, number>();
    for (let col = 1; col <= width; col++) {
      const k = valueAt(grid, 2, col);
      const zh = valueAt(grid, 1, col);
      const c = (typeof k === 'string' ? byKey.get(k.trim().toLowerCase()) : undefined) ?? (typeof zh === 'string' ? byZh.get(zh.trim()) : undefined);
      if (c) {
        if (at.has(c.key)) {
          this.issue({ sheet: grid.name, row: 2, col, column: c.zh }, { zh: `列「${c.key}」重复（另见 ${a1(2, at.get(c.key)!)}）`, en: `the column "${c.key}" appears twice (see also ${a1(2, at.get(c.key)!)})` });
        } else at.set(c.key, col);
      } else if ((k !== null && k !== '') || (zh !== null && zh !== '')) {
        const label = String(k ?? zh);
        this.issue(
          { sheet: grid.name, row: 2, col, column: String(zh ?? '') },
          {
            zh: `未知的列「${label}」：其内容不会导入。请删除此列，或在第 2 行填写已知的 key（见第 1 行表头的批注）`,
            en: `unknown column "${label}": its contents would not be imported. Delete it, or put a known key in row 2`,
          },
        );
      }
    }
    const rows: RowRead[] = [];
    const known = new Set(at.values());
    for (let row = FIRST_DATA_ROW; row <= grid.values.length; row++) {
      const cells = grid.values[row - 1] ?? [];
      const hasData = cells.some((v, i) => v !== null && v !== '' && known.has(i + 1));
      const hasFormula = (grid.formulas[row - 1] ?? []).some((f) => f !== null && f !== undefined);
      if (!hasData && !hasFormula) continue;
      const cache = new Map<string, { value: unknown; given: boolean; loc: Loc }>();
      rows.push({
        row,
        get: (k: string) => {
          let hit = cache.get(k);
          if (!hit) {
            const c = columns.find((x) => x.key === k)!;
            const loc: Loc = { sheet: grid.name, row, col: at.get(k) ?? 0, column: c.zh, columnEn: c.en };
            hit = { ...this.read(grid, loc, c.type, c.vocab, c.emptyIsBlank), loc };
            cache.set(k, hit);
          }
          return hit;
        },
        getAs: (k: string, type: Column['type']) => {
          const c = columns.find((x) => x.key === k)!;
          const loc: Loc = { sheet: grid.name, row, col: at.get(k) ?? 0, column: c.zh, columnEn: c.en };
          return { ...this.read(grid, loc, type, undefined), loc };
        },
      });
    }
    return rows;
  }

  /** A key/value sheet (计划, 均衡): values by key, with their cells; unknown keys are errors. */
  fields(key: 'plan' | 'balance', fields: readonly Field[], extra?: (k: string) => Field | undefined): Map<string, { value: unknown; given: boolean; loc: Loc }> {
    const out = new Map<string, { value: unknown; given: boolean; loc: Loc }>();
    const grid = this.sheet(key);
    if (!grid) return out;
    this.checkFormulas(grid);
    if (grid.values.length > 1000) {
      this.issue({ sheet: grid.name, row: 1, col: 1, column: '' }, { zh: `工作表行数过多（${grid.values.length}）`, en: `too many rows (${grid.values.length})` });
      return out;
    }
    for (let row = 2; row <= grid.values.length; row++) {
      const k = valueAt(grid, row, 2);
      if (k === null || k === '') continue;
      const f = fields.find((x) => x.key === String(k).trim()) ?? extra?.(String(k).trim());
      if (!f) {
        this.issue(
          { sheet: grid.name, row, col: 2, column: 'key' },
          { zh: `未知的字段「${String(k)}」（第 2 列的 key 请勿修改）`, en: `unknown field "${String(k)}" (do not edit the keys in column B)` },
        );
        continue;
      }
      const loc: Loc = { sheet: grid.name, row, col: 3, column: f.zh, columnEn: f.key };
      if (out.has(f.key)) {
        this.issue(loc, { zh: `字段「${f.key}」重复`, en: `the field "${f.key}" appears twice` });
        continue;
      }
      out.set(f.key, { ...this.read(grid, loc, f.type, f.vocab), loc });
    }
    return out;
  }

  /** Maps the schema's issues to cells, skipping cells already reported. */
  schemaIssues(value: unknown): Plan | undefined {
    const r = Plan.safeParse(value, { reportInput: true });
    if (r.success) return r.data;
    const fallback: Loc = { sheet: SHEET_NAMES.plan, row: 1, col: 1, column: '' };
    for (const issue of r.error.issues) {
      const loc = this.locOf(issue.path) ?? fallback;
      if (this.hasIssue(loc) && !this.fresh.has(locKey(loc))) continue;
      this.fresh.add(locKey(loc));
      // "required object is missing" on the cell of its first field reads better as "empty".
      const msg =
        issue.code === 'invalid_type' && issue.input === undefined
          ? { zh: '必填项，尚未填写', en: 'required, but empty' }
          : describeIssue(issue);
      const where = loc === fallback ? jsonPath(issue.path) : '';
      this.issue(loc, where ? { zh: `${where}：${msg.zh}`, en: `${where}: ${msg.en}` } : msg, issue.path as Path);
    }
    return undefined;
  }
  // Cells the schema reported on (several schema issues on one cell are all kept).
  private readonly fresh = new Set<string>();
}

function sheetName(key: SheetKey): string {
  return SHEET_NAMES[key];
}

const DEFINITION_SHEETS = new Set([...Object.values(SHEET_NAMES), ...Object.values(SHEET_NAMES_EN)].map((n) => n.toLowerCase()));

/**
 * True for the name of a sheet the definition is read from (Chinese or English, as `Reader.sheet`
 * matches them), so a host reads only these and never the user's other, possibly large, sheets.
 */
export function isDefinitionSheetName(name: string): boolean {
  return DEFINITION_SHEETS.has(name.trim().toLowerCase());
}

/** True when the workbook looks like a plan definition (its 计划 and 指标 sheets are there). */
export function isPlanDefinition(book: WorkbookGrid): boolean {
  const names = new Set(book.sheets.map((s) => s.name.trim().toLowerCase()));
  return (['plan', 'indicators'] as const).every((k) => names.has(SHEET_NAMES[k].toLowerCase()) || names.has(SHEET_NAMES_EN[k].toLowerCase()));
}

type Obj = Record<string, unknown>;

/** Puts a row's values for `columns` into `obj`, registering each cell under `prefix`. */
function assign(reader: Reader, row: RowRead, columns: readonly Column[], obj: Obj, prefix: Path, locs?: Array<[Path, Loc]>): void {
  for (const c of columns) {
    const p = pathOf(c);
    if (p === '') continue;
    const { value, given, loc } = row.get(c.key);
    // The cell stands for its path and for the groups it opens (`name` for `name.zh`): the first
    // column of a group is where a problem with the whole group is shown.
    const segs = p.split('.');
    for (let k = 1; k <= segs.length; k++) {
      const path = [...prefix, ...segs.slice(0, k)];
      if (locs) locs.push([path, loc]);
      else reader.at(path, loc);
    }
    if (given || (c.emptyIsBlank && value === '')) setPath(obj, p, value);
  }
}

/** Drops empty objects left by optional groups (a note with no text is no note). */
function prune(obj: Obj, keys: readonly string[]): void {
  for (const k of keys) {
    const v = obj[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) delete obj[k];
  }
}

interface IndicatorDraft {
  obj: Obj;
  section: { value: unknown; given: boolean; loc: Loc };
  locs: Array<[Path, Loc]>;
  firstRow: RowRead;
  targets: Obj[];
}

const INDICATOR_OWN = TABLE_COLUMNS.indicators.filter((c) => !c.target && c.key !== 'section');
const TARGET_COLUMNS = TABLE_COLUMNS.indicators.filter((c) => c.target);

function readTarget(reader: Reader, row: RowRead, locs: Array<[Path, Loc]>, prefix: Path): Obj {
  const t: Obj = {};
  locs.push([prefix, row.get('target.comparator').loc]);
  assign(reader, row, TARGET_COLUMNS, t, prefix, locs);
  prune(t, ['condition', 'note', 'per', 'source']);
  if (t.reference && typeof t.reference === 'object') prune(t.reference as Obj, ['name']);
  prune(t, ['reference']);
  const comparator = t.comparator;
  const low = row.getAs('target.value', comparator === 'bool' ? 'bool' : comparator === undefined ? 'text' : 'number');
  const high = row.get('target.high');
  locs.push([[...prefix, 'value'], low.loc], [[...prefix, 'value', 0], low.loc], [[...prefix, 'value', 1], high.loc]);
  if (high.given && comparator !== 'between') {
    reader.issue(high.loc, { zh: '只有比较为 between 时才填写目标上限', en: 'an upper bound is only given when the comparator is between' });
  }
  if (comparator === 'between') t.value = [low.value, high.value];
  else if (comparator === 'bool') {
    if (low.given) t.value = low.value;
  } else if (comparator === 'relative') {
    if (low.given) reader.issue(low.loc, { zh: '比较为 relative 时不填目标值（填参照名称和倍数）', en: 'a relative target has no value: give the reference and factor' });
  } else if (comparator !== undefined) {
    // A cell already reported (a text target) is not "no number given": no second message about placeholders.
    if (low.given || !reader.hasIssue(low.loc)) t.value = low.given ? low.value : null;
  }
  return t;
}

/** Reads a definition workbook into a plan; all problems at once, by sheet and cell. */
export function definitionToPlan(book: WorkbookGrid): DefinitionResult {
  const reader = new Reader(book);
  for (const key of ['plan', 'indicators'] as const) {
    if (!reader.sheet(key)) {
      reader.issue({ sheet: sheetName(key), row: 1, col: 1, column: '' }, { zh: `缺少工作表「${sheetName(key)}」`, en: `the sheet "${sheetName(key)}" (${SHEET_NAMES_EN[key]}) is missing` });
    }
  }
  const plan: Obj = {};
  // 计划: header fields
  const header = reader.fields('plan', PLAN_FIELDS);
  for (const f of PLAN_FIELDS) {
    const hit = header.get(f.key);
    if (hit) {
      const segs = f.key.split('.');
      for (let k = 1; k <= segs.length; k++) reader.at(segs.slice(0, k), hit.loc);
      if (hit.given) setPath(plan, f.key, hit.value);
    }
  }
  prune(plan, ['tolerance', 'title', 'issuer', 'region']);
  // Inputs and rules
  const inputs: Obj[] = [];
  for (const row of reader.table('inputs')) {
    const obj: Obj = {};
    reader.at(['inputs', inputs.length], row.get('id').loc);
    assign(reader, row, TABLE_COLUMNS.inputs, obj, ['inputs', inputs.length]);
    prune(obj, ['help', 'name']);
    inputs.push(obj);
  }
  plan.inputs = inputs;
  const rules: Obj[] = [];
  for (const row of reader.table('rules')) {
    const obj: Obj = {};
    const i = rules.length;
    const parts = row.get('parts');
    reader.at(['rules', i], parts.loc);
    reader.at(['rules', i, 'part'], parts.loc);
    reader.at(['rules', i, 'parts'], parts.loc);
    assign(reader, row, TABLE_COLUMNS.rules, obj, ['rules', i]);
    if (parts.given) obj[obj.kind === 'sumEquals' ? 'parts' : 'part'] = parts.value;
    rules.push(obj);
  }
  plan.rules = rules;
  // Stage weights: one row per (school type, stage)
  const weights: Array<{ obj: Obj; key: string; levels: Map<string, number> }> = [];
  for (const row of reader.table('stageWeights')) {
    const zh = row.get('schoolType.zh');
    const en = row.get('schoolType.en');
    const key = `${String(zh.value ?? '')}\u0000${String(en.value ?? '')}`;
    let w = weights.find((x) => x.key === key);
    if (!w) {
      const obj: Obj = { weights: {} };
      w = { obj, key, levels: new Map() };
      const i = weights.length;
      assign(reader, row, TABLE_COLUMNS.stageWeights, obj, ['stageWeights', i]);
      prune(obj, ['schoolType']);
      reader.at(['stageWeights', i], zh.loc);
      weights.push(w);
    }
    const i = weights.indexOf(w);
    const level = row.get('level');
    const weight = row.get('weight');
    if (level.given) {
      const l = String(level.value);
      if (w.levels.has(l)) reader.issue(level.loc, { zh: `学段「${l}」重复（第 ${w.levels.get(l)} 行已有）`, en: `the stage "${l}" appears twice (row ${w.levels.get(l)})` });
      else {
        w.levels.set(l, row.row);
        reader.at(['stageWeights', i, 'weights', l], weight.loc);
        if (weight.given) (w.obj.weights as Obj)[l] = weight.value;
        else reader.issue(weight.loc, { zh: '缺少权重', en: 'the weight is missing' });
      }
    } else reader.issue(level.loc, { zh: '缺少学段', en: 'the stage is missing' });
  }
  if (weights.length > 0) plan.stageWeights = weights.map((w) => w.obj);
  // 均衡
  const balanceFields = reader.fields('balance', BALANCE_FIELDS, (k) =>
    k.startsWith(CV_LIMIT_PREFIX) ? { key: k, zh: `差异系数上限（${k.slice(CV_LIMIT_PREFIX.length)}）`, type: 'number', note: '' } : undefined,
  );
  if ([...balanceFields.values()].some((v) => v.given)) {
    const b: Obj = { cvLimit: {} };
    for (const [k, hit] of balanceFields) {
      if (k.startsWith(CV_LIMIT_PREFIX) && !Level.safeParse(k.slice(CV_LIMIT_PREFIX.length)).success) {
        reader.issue({ ...hit.loc, col: 2 }, { zh: `「${k}」中的学段不是已知学段`, en: `"${k}" does not name a known stage` });
        continue;
      }
      reader.at(['balance', ...k.split('.')], hit.loc);
      if (hit.given) setPath(b, k, hit.value);
    }
    const first = balanceFields.get('indicators');
    if (first) reader.at(['balance'], first.loc);
    prune(b, ['source']);
    plan.balance = b;
  }
  // 分组 and 指标
  const sections: Obj[] = [];
  const sectionAt = new Map<string, number>();
  for (const row of reader.table('sections')) {
    const obj: Obj = { indicators: [] };
    const i = sections.length;
    reader.at(['sections', i], row.get('id').loc);
    assign(reader, row, TABLE_COLUMNS.sections, obj, ['sections', i]);
    prune(obj, ['title']);
    if (typeof obj.id === 'string' && !sectionAt.has(obj.id)) sectionAt.set(obj.id, i);
    sections.push(obj);
  }
  const drafts: IndicatorDraft[] = [];
  const firstRowOf = new Map<string, number>();
  let current: IndicatorDraft | undefined;
  for (const row of reader.table('indicators')) {
    const id = row.get('id');
    const idText = typeof id.value === 'string' ? id.value : undefined;
    if (current && idText !== undefined && current.obj.id === idText) {
      // Another target of the same indicator: its own columns must be blank or agree with the first row.
      for (const c of [...INDICATOR_OWN, TABLE_COLUMNS.indicators[0]!]) {
        const here = row.get(c.key);
        const there = current.firstRow.get(c.key);
        if (here.given && JSON.stringify(here.value) !== JSON.stringify(there.value)) {
          reader.issue(here.loc, {
            zh: `与本指标第 ${current.firstRow.row} 行不一致：同一指标的多个目标行，指标本身的列只在第一行填写`,
            en: `differs from row ${current.firstRow.row} of this indicator: on the further target rows of an indicator leave its own columns blank`,
          });
        }
      }
      current.targets.push(readTarget(reader, row, current.locs, ['targets', current.targets.length]));
      continue;
    }
    if (idText !== undefined && firstRowOf.has(idText)) {
      reader.issue(id.loc, {
        zh: `指标 id「${idText}」重复（第 ${firstRowOf.get(idText)} 行已有；同一指标的多个目标行须相邻）`,
        en: `duplicate indicator id "${idText}" (already on row ${firstRowOf.get(idText)}; the target rows of one indicator must be adjacent)`,
      });
    } else if (idText !== undefined) firstRowOf.set(idText, row.row);
    const draft: IndicatorDraft = { obj: {}, section: row.get('section'), locs: [[[], id.loc]], firstRow: row, targets: [] };
    // A missing input of a computation is reported on the cell that names the inputs.
    const computeKind = row.get('compute.kind').value;
    draft.locs.push([['compute'], row.get(computeKind === 'sum' ? 'compute.inputs' : 'compute.numerator').loc]);
    assign(reader, row, INDICATOR_OWN, draft.obj, [], draft.locs);
    const link = draft.obj.implements as Obj | undefined;
    if (link) prune(link, ['source']);
    prune(draft.obj, ['name', 'note', 'tolerance', 'range', 'source', 'implements']);
    const base = draft.obj.baseline as Obj | undefined;
    if (base) prune(base, ['source']);
    prune(draft.obj, ['baseline']);
    draft.targets.push(readTarget(reader, row, draft.locs, ['targets', 0]));
    drafts.push(draft);
    current = draft;
  }
  for (const d of drafts) {
    d.obj.targets = d.targets;
    let s = typeof d.section.value === 'string' ? sectionAt.get(d.section.value) : undefined;
    if (s === undefined) {
      if (d.section.given) {
        reader.issue(d.section.loc, {
          zh: `分组「${String(d.section.value)}」未在“分组”表中定义`,
          en: `the section "${String(d.section.value)}" is not defined on the sections sheet`,
        });
      } else reader.issue(d.section.loc, { zh: '缺少分组', en: 'the section is missing' });
      // Still checked against the schema (in the first section, or one made up for it), so its other errors show too.
      if (sections.length === 0) sections.push({ id: 'section', title: { zh: '—' }, indicators: [] });
      s = 0;
    }
    const list = sections[s]!.indicators as Obj[];
    const prefix: Path = ['sections', s, 'indicators', list.length];
    for (const [p, loc] of d.locs) reader.at([...prefix, ...p], loc);
    list.push(d.obj);
  }
  plan.sections = sections;
  const noSection: Loc = { sheet: sheetName('sections'), row: FIRST_DATA_ROW, col: 1, column: '分组 id', columnEn: 'section id' };
  reader.at(['sections'], noSection);
  if (sections.length === 0) reader.issue(noSection, { zh: '至少需要一个分组（和其中的指标）', en: 'at least one section (with its indicators) is needed' });
  limitsOf(reader, plan);
  checkReferences(reader, plan);
  const parsed = reader.schemaIssues(plan);
  if (parsed && reader.issues.length === 0) return { ok: true, plan: parsed };
  return { ok: false, issues: sortIssues(book, reader.issues) };
}

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/**
 * Ids that must exist or be unique, checked here at their cells: the schema checks them too, but
 * only once everything else is valid, and a definition's author wants every problem at once.
 */
function checkReferences(reader: Reader, plan: Obj): void {
  const unique = (list: Obj[], path: string, what: Bilingual): Set<string> => {
    const seen = new Map<string, number>();
    list.forEach((o, i) => {
      if (typeof o.id !== 'string') return;
      const loc = reader.locOf([path, i, 'id']);
      if (seen.has(o.id) && loc) {
        const first = reader.locOf([path, seen.get(o.id)!, 'id']);
        reader.issue(loc, { zh: `重复的${what.zh} id「${o.id}」（第 ${first?.row ?? '?'} 行已有）`, en: `duplicate ${what.en} id "${o.id}" (already on row ${first?.row ?? '?'})` });
      } else seen.set(o.id, i);
    });
    return new Set(seen.keys());
  };
  const inputs = unique(plan.inputs as Obj[], 'inputs', { zh: '输入', en: 'input' });
  unique(plan.sections as Obj[], 'sections', { zh: '分组', en: 'section' });
  const indicators = new Set<string>();
  for (const s of plan.sections as Obj[]) for (const ind of s.indicators as Obj[]) if (typeof ind.id === 'string') indicators.add(ind.id);
  const need = (path: Path, refs: string[], known: Set<string>, what: Bilingual) => {
    const loc = reader.locOf(path);
    if (!loc) return;
    for (const ref of refs) {
      if (!known.has(ref)) reader.issue(loc, { zh: `${what.zh}「${ref}」未定义`, en: `${what.en} "${ref}" is not defined` }, path);
    }
  };
  const INPUT = { zh: '输入项', en: 'the input' };
  (plan.sections as Obj[]).forEach((s, si) =>
    (s.indicators as Obj[]).forEach((ind, ii) => {
      const at: Path = ['sections', si, 'indicators', ii];
      const c = (ind.compute ?? {}) as Obj;
      for (const k of ['numerator', 'denominator', 'inputs']) need([...at, 'compute', k], ids(c[k]), inputs, INPUT);
      need([...at, 'conflictsWith'], ids(ind.conflictsWith), indicators, { zh: '冲突指标', en: 'the conflicting indicator' });
      ((ind.targets ?? []) as Obj[]).forEach((t, ti) => {
        const ref = (t.reference ?? {}) as Obj;
        need([...at, 'targets', ti, 'reference', 'input'], ids(ref.input), inputs, INPUT);
      });
    }),
  );
  (plan.rules as Obj[]).forEach((r, i) => {
    need(['rules', i, r.kind === 'sumEquals' ? 'parts' : 'part'], ids(r.kind === 'sumEquals' ? r.parts : r.part), inputs, INPUT);
    need(['rules', i, 'total'], ids(r.total), inputs, INPUT);
  });
  const b = plan.balance as Obj | undefined;
  if (b) need(['balance', 'indicators'], ids(b.indicators), indicators, { zh: '指标', en: 'the indicator' });
}

function limitsOf(reader: Reader, plan: Obj): void {
  const n = (plan.sections as Obj[]).reduce((k, s) => k + (s.indicators as unknown[]).length, 0);
  if (n > PLAN_LIMITS.maxIndicators) {
    reader.issue({ sheet: sheetName('indicators'), row: 1, col: 1, column: '' }, { zh: `指标数 ${n} 超过上限 ${PLAN_LIMITS.maxIndicators}`, en: `${n} indicators exceed the limit of ${PLAN_LIMITS.maxIndicators}` });
  }
  if ((plan.inputs as unknown[]).length > PLAN_LIMITS.maxInputs) {
    reader.issue({ sheet: sheetName('inputs'), row: 1, col: 1, column: '' }, { zh: `输入项超过上限 ${PLAN_LIMITS.maxInputs}`, en: `more than ${PLAN_LIMITS.maxInputs} inputs` });
  }
}

function sortIssues(book: WorkbookGrid, issues: DefinitionIssue[]): DefinitionIssue[] {
  const order = new Map(book.sheets.map((s, i) => [s.name, i]));
  const key = (i: DefinitionIssue) => order.get(i.sheet) ?? -1;
  const col = (i: DefinitionIssue) => i.cell.replace(/\d+$/, '');
  return [...issues].sort((a, b) => key(a) - key(b) || a.row - b.row || col(a).length - col(b).length || col(a).localeCompare(col(b)));
}

/** One issue as a line: `指标!K7（第 7 行，比较）：… / indicators!K7 (row 7, comparator): …`. */
export function formatDefinitionIssue(issue: DefinitionIssue, lang?: Lang): string {
  const zh = `${issue.sheet}!${issue.cell}（第 ${issue.row} 行${issue.column ? `，${issue.column}` : ''}）：${issue.message.zh}`;
  const en = `${issue.sheet}!${issue.cell} (row ${issue.row}${issue.columnEn ? `, ${issue.columnEn}` : ''}): ${issue.message.en}`;
  if (lang === 'en') return en;
  if (lang === 'zh-CN') return zh;
  return `${zh} / ${en}`;
}
