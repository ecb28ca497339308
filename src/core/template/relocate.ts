/**
 * Where each cell of a template goes when the template is updated in place, and what that does
 * to formulas pointing at it: the user's own formulas on other sheets (`='指标填报'!G9`), user
 * defined names, and formulas typed into the template's input cells.
 *
 * The update writes each new sheet into the old sheet it replaces (pairs, in tab order), so a
 * reference keeps its sheet whatever the sheet is called now (Excel follows a rename). What can
 * move is the cell: an input of a unit (by unit and input id, as values are carried) and a unit's
 * name cell are found where the new template has them; any other cell keeps its address, unless
 * the old one held something and the new template has nothing there (it no longer exists). A
 * reference to a cell that no longer exists, to a sheet the new template does not have, or a
 * range whose corners no longer move together, cannot be kept: the caller names it.
 */
import { a1, a1ToRowCol, colLetter, MAX_COLS, MAX_ROWS, parseRefEnd, sheetPrefix } from '../workbook/address';
import { decodeMetadata, type DecodedTemplate, type InputCell } from '../workbook/cellmap';
import { rewriteRefs } from '../workbook/formula-refs';
import { normalizeUnitName } from '../unit-name';
import type { TemplateMeta } from '../workbook/meta';
import type { TemplateOptions } from './options';
import type { CellTag, TemplateSpec } from './spec';

/** What an update needs to know of the template it replaces, besides its typed values. */
export interface OldLayout {
  /** Its sheets in tab order: input sheets, then its overview (not the metadata sheet). */
  sheets: string[];
  /** Every input cell, typed or blank, with its unit's name cell. */
  cells: ReadonlyArray<Pick<InputCell, 'unitIndex' | 'unit' | 'unitNamed' | 'input' | 'sheet' | 'address' | 'unitCell'>>;
  /** Cells of those sheets that hold a value or a formula, as `cellId(sheet, row, col)`. */
  occupied: ReadonlySet<string>;
  /**
   * The old template rebuilt from its metadata, when it is exactly what is in the workbook (see
   * `rebuiltOldSpec`): its computed cells' tags (an indicator's value, gap, status … of a unit) let
   * those cells follow their unit too, not only the inputs.
   */
  spec?: TemplateSpec;
}

export interface CellPlace {
  sheet: string;
  row: number;
  col: number;
}

export interface SheetPair {
  /** The old template sheet (its name before the update). */
  from: string;
  /** The new template sheet written into it (its name after). */
  to: string;
}

export interface Relocation {
  /** Old sheet → the new sheet written into it, in the new template's order. */
  pairs: SheetPair[];
  /** Old sheets the new template has no place for (the update deletes them). */
  dropped: string[];
  /** New sheets with no old sheet to take (the update adds them). */
  added: string[];
  /**
   * Where an old template cell is after the update: undefined when `sheet` is not a sheet of the
   * old template, null when the cell no longer exists.
   */
  place(sheet: string, row: number, col: number): CellPlace | null | undefined;
}

/** A stable key of a cell (sheet names compare case-insensitively, as in Excel). */
export function cellId(sheet: string, row: number, col: number): string {
  return `${sheet.toLowerCase()}!${row}:${col}`;
}

/** Where each input of each unit is in a spec, and its units' name cells, from the map the spec carries. */
export function specCells(spec: TemplateSpec): {
  units: Array<{ index: number; name: string; sheet: string; address: string }>;
  at: (unit: number, input: string) => { sheet: string; address: string } | undefined;
} {
  const decoded = decodeMetadata({ name: spec.hiddenMetadata.sheetName, values: spec.hiddenMetadata.rows, formulas: [] });
  if (!decoded || 'problem' in decoded) throw new Error('a built template always carries its map');
  const model = (decoded as DecodedTemplate).model;
  const units = model.units.map((u) => ({ index: u.index, name: u.name, sheet: u.sheet, address: u.address }));
  const map = new Map<string, { sheet: string; address: string }>();
  for (const c of model.columns) {
    const col = a1ToRowCol(c.address).col;
    for (const u of units) if (u.sheet === c.sheet) map.set(`${u.index}\u0000${c.input}`, { sheet: c.sheet, address: a1(a1ToRowCol(u.address).row, col) });
  }
  for (const c of model.cells) map.set(`${c.unitIndex}\u0000${c.input}`, { sheet: c.sheet, address: c.address });
  return { units, at: (unit, input) => map.get(`${unit}\u0000${input}`) };
}

const rc = (address: string) => a1ToRowCol(address.replace(/\$/g, ''));

/**
 * The relocation of an update: `old` the template replaced, `spec` the new one, `units` old unit
 * index → new unit index (as the values were carried; a unit left out has none).
 */
export function relocation(old: OldLayout, spec: TemplateSpec, units: ReadonlyMap<number, number>): Relocation {
  const pairs: SheetPair[] = [];
  const n = Math.min(old.sheets.length, spec.sheets.length);
  for (let i = 0; i < n; i++) pairs.push({ from: old.sheets[i], to: spec.sheets[i].name });
  const dropped = old.sheets.slice(n);
  const added = spec.sheets.slice(n).map((s) => s.name);
  const pairOf = new Map(pairs.map((p) => [p.from.toLowerCase(), p.to]));
  const droppedSet = new Set(dropped.map((s) => s.toLowerCase()));
  const newSheets = new Map(spec.sheets.map((s) => [s.name, s]));

  // Cells with an identity (a unit's input, a unit's name) go where the new template has them.
  const target = specCells(spec);
  const newUnit = new Map(target.units.map((u) => [u.index, u]));
  const moved = new Map<string, CellPlace | null>();
  const put = (sheet: string, address: string, to: { sheet: string; address: string } | undefined) => {
    const from = rc(address);
    const key = cellId(sheet, from.row, from.col);
    if (moved.get(key)) return;
    moved.set(key, to ? { sheet: to.sheet, ...rc(to.address) } : null);
  };
  // A unit's row in a table: the new row of the same unit (null when it has none).
  const unitRows = new Map<string, { sheet: string; row: number } | null>();
  for (const c of old.cells) {
    const u = units.get(c.unitIndex);
    put(c.sheet, c.address, u === undefined ? undefined : target.at(u, c.input));
    const nu = u === undefined ? undefined : newUnit.get(u);
    put(c.unitCell.sheet, c.unitCell.address, nu && { sheet: nu.sheet, address: nu.address });
    unitRows.set(`${c.unitCell.sheet.toLowerCase()}!${rc(c.unitCell.address).row}`, nu ? { sheet: nu.sheet, row: rc(nu.address).row } : null);
  }

  // Computed cells known by their meaning (both templates tag them): found where the new one has them.
  if (old.spec && old.spec.sheets.length === old.sheets.length) {
    const tagKey = (t: CellTag, unit: number | undefined) => `${t.what}|${unit ?? ''}|${t.indicator ?? ''}|${t.input ?? ''}|${t.level ?? ''}`;
    const fresh = new Map<string, CellPlace>();
    for (const sh of spec.sheets) {
      for (const [address, cell] of Object.entries(sh.cells)) if (cell.tag) fresh.set(tagKey(cell.tag, cell.tag.unit), { sheet: sh.name, ...rc(address) });
    }
    old.spec.sheets.forEach((sh, i) => {
      for (const [address, cell] of Object.entries(sh.cells)) {
        const t = cell.tag;
        if (!t) continue;
        const unit = t.unit === undefined ? undefined : units.get(t.unit);
        const to = t.unit !== undefined && unit === undefined ? undefined : fresh.get(tagKey(t, unit));
        const from = rc(address);
        const key = cellId(old.sheets[i], from.row, from.col);
        if (!moved.has(key)) moved.set(key, to ?? null);
      }
    });
  }

  return {
    pairs,
    dropped,
    added,
    place(sheet, row, col) {
      const lower = sheet.toLowerCase();
      if (droppedSet.has(lower)) return null;
      const to = pairOf.get(lower);
      if (to === undefined) return undefined;
      const id = cellId(sheet, row, col);
      const m = moved.get(id);
      if (m !== undefined) return m;
      // Another cell of a unit's row whose unit moved or left: which of the new cells it was is
      // not known (no tags), so it cannot be kept rather than silently pointing at another unit.
      const unitRow = unitRows.get(`${lower}!${row}`);
      if (unitRow === null || (unitRow && (unitRow.row !== row || unitRow.sheet !== to))) return null;
      // Any other cell keeps its address, unless it held something that the new template no longer has.
      const cell = newSheets.get(to)?.cells[a1(row, col)];
      const filled = cell !== undefined && (cell.formula !== undefined || (cell.value !== undefined && cell.value !== null && cell.value !== ''));
      if (!filled && old.occupied.has(id)) return null;
      return { sheet: to, row, col };
    },
  };
}

/** What became of a formula's references. */
export interface RelocatedFormula {
  /** The formula (no `=`) with the new sheet names and addresses. */
  formula: string;
  /** Some reference now points at another cell (not only another sheet name). */
  moved: boolean;
  /** References that cannot be kept, as written (`'指标填报'!G30`). */
  lost: string[];
}

/** `$G$9` with its `$` kept, at a new row and column. */
function endAt(text: string, row: number, col: number): string {
  const end = parseRefEnd(text)!;
  return `${end.colAbs ? '$' : ''}${colLetter(col)}${end.rowAbs ? '$' : ''}${row}`;
}

/**
 * Relocates a formula that sits on sheet `home` (a user sheet, or an old template sheet for a
 * formula typed into an input cell): its references into the old template follow their cells.
 */
export function relocateFormula(formula: string, home: string, rel: Relocation): RelocatedFormula {
  let moved = false;
  const lost: string[] = [];
  const homeTo = rel.pairs.find((p) => p.from.toLowerCase() === home.toLowerCase())?.to;
  const text = rewriteRefs(formula, (r) => {
    const sheet = r.sheet ?? home;
    const lower = sheet.toLowerCase();
    const pair = rel.pairs.find((p) => p.from.toLowerCase() === lower);
    if (rel.dropped.some((d) => d.toLowerCase() === lower)) {
      lost.push(r.token.text);
      return undefined;
    }
    if (!pair) return undefined;
    const qualify = (local: string, to = pair.to) => (r.sheet === undefined && to === homeTo ? local : `${sheetPrefix(to)}!${local}`);
    const box = r.box;
    // A name on the sheet, or whole rows or columns: only the sheet's name changes.
    if (!box || (box.top === 1 && box.bottom === MAX_ROWS) || (box.left === 1 && box.right === MAX_COLS)) return qualify(r.local);
    const tl = rel.place(sheet, box.top, box.left);
    const br = rel.place(sheet, box.bottom, box.right);
    if (!tl || !br || tl.sheet !== br.sheet || tl.row - box.top !== br.row - box.bottom || tl.col - box.left !== br.col - box.right) {
      lost.push(r.token.text);
      return undefined;
    }
    if (tl.sheet === pair.to && tl.row === box.top && tl.col === box.left) return qualify(r.local);
    moved = true;
    const [x, y] = r.local.split(':');
    const local = y === undefined ? endAt(x, tl.row, tl.col) : `${endAt(x, tl.row, tl.col)}:${endAt(y, br.row, br.col)}`;
    return qualify(local, tl.sheet);
  });
  return { formula: text, moved, lost };
}

/**
 * The old template's spec rebuilt from `build` (its metadata's options), kept only when it is what
 * the workbook holds: the same sheets and every input cell of every unit where the workbook has it.
 * Anything else (another template version, rows inserted by a filler) gives undefined: then
 * computed cells keep their addresses and only inputs and unit names follow.
 */
export function verifiedOldSpec(rebuilt: TemplateSpec, old: OldLayout): TemplateSpec | undefined {
  // Sheets by position: the names a rebuild picks depend on what else the workbook had then.
  if (rebuilt.sheets.length !== old.sheets.length) return undefined;
  const index = (names: readonly string[]) => new Map(names.map((n, i) => [n.toLowerCase(), i]));
  const rebuiltAt = index(rebuilt.sheets.map((s) => s.name));
  const oldAt = index(old.sheets);
  const cells = specCells(rebuilt);
  const names = new Map(cells.units.map((u) => [u.index, normalizeUnitName(u.name)]));
  let n = 0;
  for (const c of old.cells) {
    // A unit given when the template was made is in the same row of the rebuild.
    const name = names.get(c.unitIndex);
    if (name === undefined || (name !== '' && (!c.unitNamed || normalizeUnitName(c.unit) !== name))) return undefined;
    const at = cells.at(c.unitIndex, c.input);
    if (!at || at.address !== c.address || rebuiltAt.get(at.sheet.toLowerCase()) !== oldAt.get(c.sheet.toLowerCase())) return undefined;
    n++;
  }
  return n > 0 ? rebuilt : undefined;
}

/** The options an old template was built with, as its metadata records them (for `verifiedOldSpec`). */
export function rebuildOptions(meta: TemplateMeta): TemplateOptions {
  const named = meta.units.filter((u) => u !== '');
  return {
    kind: meta.kind,
    level: meta.level,
    reporter: meta.reporter,
    year: meta.year,
    lang: meta.lang,
    units: named,
    ...(named.length === 0 && meta.kind === 'units' ? { emptyRows: meta.units.length } : {}),
    indicators: meta.indicators,
    includeSummary: meta.summary ?? true,
    carried: meta.carried,
  };
}
