/**
 * Updating a template in place: the values a filler typed into the template already in the
 * workbook are carried into the new spec's input cells, matched by unit and **input id** (never by
 * position, so a template with other indicators, another layout or a newer plan version receives
 * each value where that input now is). Nothing typed is dropped silently: a value with no place
 * in the new template (its input left out, its unit not in the new list, an error value) is
 * returned in `left`, and the update is not made while there is one.
 *
 * Units: a return has one unit, so its values go to the new return whatever its name. In a unit
 * table a unit is matched by its normalised name; an old unit not named in the new list takes the
 * next row left for fillers to name (its name is written there too).
 */
import type { Bilingual } from '../i18n/text';
import { a1, a1ToRowCol } from '../workbook/address';
import { cellKey, decodeMetadata, type DecodedTemplate, type InputCell } from '../workbook/cellmap';
import { cellText, gridValueAt, isGridError, type GridValue, type WorkbookGrid } from '../workbook/grid';
import { normalizeUnitName } from '../unit-name';
import type { CellSpec, TemplateSpec } from './spec';

/** A typed value of the old template. */
export interface OldValue {
  unit: string;
  /** False while the unit's row had no name (then `unit` is `#<index>`). */
  unitNamed: boolean;
  input: string;
  sheet: string;
  address: string;
  value: GridValue;
}

export interface LeftValue extends OldValue {
  why: 'input' | 'unit' | 'error';
}

export interface Migration {
  /** The spec with the carried values in its input cells (and unit names in rows left blank). */
  spec: TemplateSpec;
  /** Values carried. */
  carried: number;
  /** Values with no place in the new template. */
  left: LeftValue[];
}

/** Every non-blank input value of a template as read from the workbook. */
export function typedValues(cells: readonly InputCell[], book: WorkbookGrid): OldValue[] {
  const sheets = new Map(book.sheets.map((s) => [s.name.toLowerCase(), s]));
  const out: OldValue[] = [];
  for (const c of cells) {
    const grid = sheets.get(c.sheet.toLowerCase());
    if (!grid) continue;
    const value = gridValueAt(grid, c.address);
    if (value === null || (typeof value === 'string' && value.trim() === '')) continue;
    out.push({ unit: c.unit, unitNamed: c.unitNamed, input: c.input, sheet: c.sheet, address: c.address, value });
  }
  return out;
}

interface NewUnit {
  index: number;
  name: string;
  sheet: string;
  address: string;
}

/** Where each input of each unit is in a spec, from the map the spec carries. */
function newCells(spec: TemplateSpec): { units: NewUnit[]; at: (unit: number, input: string) => { sheet: string; address: string } | undefined } {
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

/** A cell value as the spec writes it (text stays text: renderers guard it, never a formula). */
function specValue(v: GridValue): CellSpec['value'] | undefined {
  if (v === null || isGridError(v)) return undefined;
  return v;
}

/** Carries `values` (typedValues of the old template) into `spec`; the spec given is not changed. */
export function migrateValues(values: readonly OldValue[], oldKind: DecodedTemplate['meta']['kind'], spec: TemplateSpec): Migration {
  const target = newCells(spec);
  const sheets = new Map(spec.sheets.map((s) => [s.name, { ...s, cells: { ...s.cells } }]));
  const put = (sheet: string, address: string, value: CellSpec['value']) => {
    const s = sheets.get(sheet);
    const cell = s?.cells[address];
    if (!s || !cell) return false;
    s.cells[address] = { ...cell, value };
    return true;
  };
  const single = oldKind === 'return' && spec.meta.kind === 'return' && target.units.length === 1;
  // Old unit (by its name or row) → new unit index.
  const byName = new Map(target.units.filter((u) => u.name !== '').map((u) => [normalizeUnitName(u.name), u.index]));
  const free = target.units.filter((u) => u.name === '');
  const assigned = new Map<string, number>();
  const unitOf = (v: OldValue): number | undefined => {
    if (single) return target.units[0]!.index;
    const key = v.unitNamed ? normalizeUnitName(v.unit) : v.unit;
    if (assigned.has(key)) return assigned.get(key);
    let index = v.unitNamed ? byName.get(key) : undefined;
    if (index === undefined) {
      const slot = free.shift();
      if (!slot) return undefined;
      index = slot.index;
      // The filler's name goes into the row it now has.
      if (v.unitNamed) put(slot.sheet, slot.address, v.unit);
    }
    assigned.set(key, index);
    return index;
  };
  if (single && values.some((v) => v.unitNamed)) {
    const u = target.units[0]!;
    const named = values.find((v) => v.unitNamed)!;
    if (u.name === '') put(u.sheet, u.address, named.unit);
  }
  let carried = 0;
  const left: LeftValue[] = [];
  for (const v of values) {
    const value = specValue(v.value);
    if (value === undefined) {
      left.push({ ...v, why: 'error' });
      continue;
    }
    const unit = unitOf(v);
    if (unit === undefined) {
      left.push({ ...v, why: 'unit' });
      continue;
    }
    const at = target.at(unit, v.input);
    if (!at || !put(at.sheet, at.address, value)) {
      left.push({ ...v, why: 'input' });
      continue;
    }
    carried++;
  }
  return { spec: { ...spec, sheets: spec.sheets.map((s) => sheets.get(s.name)!) }, carried, left };
}

/** One line per value that has no place, for the pane and errors (first `max`, then a count). */
export function describeLeft(left: readonly LeftValue[], max = 5): Bilingual {
  const why = { input: { zh: '新模板不含此项', en: 'not in the new template' }, unit: { zh: '新模板不含此单位', en: 'unit not in the new template' }, error: { zh: '错误值', en: 'an error value' } };
  const shown = left.slice(0, max);
  const more = left.length - shown.length;
  // A unit row the filler never named is only its cell.
  const parts = (v: LeftValue, lang: 'zh' | 'en') => [...(v.unitNamed ? [v.unit] : []), cellText(isGridError(v.value) ? v.value.error : v.value), why[v.why][lang]];
  const zh = shown.map((v) => `${cellKey(v.sheet, v.address)}（${parts(v, 'zh').join('，')}）`).join('；');
  const en = shown.map((v) => `${cellKey(v.sheet, v.address)} (${parts(v, 'en').join(', ')})`).join('; ');
  return { zh: more > 0 ? `${zh} 等 ${left.length} 个` : zh, en: more > 0 ? `${en} and ${more} more` : en };
}
