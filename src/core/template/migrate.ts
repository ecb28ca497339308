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
import { cellKey, type DecodedTemplate, type InputCell } from '../workbook/cellmap';
import { cellText, gridFormulaAt, gridValueAt, isGridError, type GridValue, type WorkbookGrid } from '../workbook/grid';
import { normalizeUnitName } from '../unit-name';
import { relocateFormula, relocation, specCells, type OldLayout, type Relocation } from './relocate';
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
  /** The formula the filler typed there (no `=`), when it is one. */
  formula?: string;
}

export interface LeftValue extends OldValue {
  why: 'input' | 'unit' | 'error';
}

/** A formula typed into an input cell that is carried as its value: it points at cells that no longer exist. */
export interface FormulaAsValue extends OldValue {
  /** Its references that cannot be kept, as written. */
  lost: string[];
}

export interface Migration {
  /** The spec with the carried values in its input cells (and unit names in rows left blank). */
  spec: TemplateSpec;
  /** Values carried (formulas included). */
  carried: number;
  /** Of those, formulas carried as formulas (their references moved with their cells). */
  formulas: number;
  /** Formulas carried as their values, each with the references it lost. */
  asValues: FormulaAsValue[];
  /** Values with no place in the new template. */
  left: LeftValue[];
  /** Where each cell of the old template goes (for the formulas that point at it). */
  relocation: Relocation;
}

/** Every non-blank input value of a template as read from the workbook. */
export function typedValues(cells: readonly InputCell[], book: WorkbookGrid): OldValue[] {
  const sheets = new Map(book.sheets.map((s) => [s.name.toLowerCase(), s]));
  const out: OldValue[] = [];
  for (const c of cells) {
    const grid = sheets.get(c.sheet.toLowerCase());
    if (!grid) continue;
    const value = gridValueAt(grid, c.address);
    const formula = gridFormulaAt(grid, c.address);
    if (formula === null && (value === null || (typeof value === 'string' && value.trim() === ''))) continue;
    out.push({ unit: c.unit, unitNamed: c.unitNamed, input: c.input, sheet: c.sheet, address: c.address, value, ...(formula !== null ? { formula } : {}) });
  }
  return out;
}

/** A cell value as the spec writes it (text stays text: renderers guard it, never a formula). */
function specValue(v: GridValue): CellSpec['value'] | undefined {
  if (v === null || isGridError(v)) return undefined;
  return v;
}

/** The layout of the old template as far as its values tell (when the caller has no more). */
function layoutOf(values: readonly OldValue[]): OldLayout {
  const sheets = [...new Set(values.map((v) => v.sheet))];
  return { sheets, cells: [], occupied: new Set() };
}

/**
 * Carries `values` (typedValues of the old template) into `spec`; the spec given is not changed.
 * `old` (the old template's sheets, input cells and filled cells) lets the relocation follow
 * every cell, not only the typed ones: formulas typed into input cells are carried as formulas
 * when every cell they point at still exists (or is on the user's own sheets), else as values.
 */
export function migrateValues(values: readonly OldValue[], oldKind: DecodedTemplate['meta']['kind'], spec: TemplateSpec, old: OldLayout = layoutOf(values)): Migration {
  const target = specCells(spec);
  const sheets = new Map(spec.sheets.map((s) => [s.name, { ...s, cells: { ...s.cells } }]));
  const put = (sheet: string, address: string, content: Pick<CellSpec, 'value' | 'formula'>) => {
    const s = sheets.get(sheet);
    const cell = s?.cells[address];
    if (!s || !cell) return false;
    const { value: _v, formula: _f, ...rest } = cell;
    s.cells[address] = { ...rest, ...content };
    return true;
  };
  const single = oldKind === 'return' && spec.meta.kind === 'return' && target.units.length === 1;
  // Old unit (by its name or row) → new unit index.
  const byName = new Map(target.units.filter((u) => u.name !== '').map((u) => [normalizeUnitName(u.name), u.index]));
  const free = target.units.filter((u) => u.name === '');
  const assigned = new Map<string, number>();
  const unitOf = (v: Pick<OldValue, 'unit' | 'unitNamed'>, withValues = true): number | undefined => {
    if (single) return target.units[0]!.index;
    const key = v.unitNamed ? normalizeUnitName(v.unit) : v.unit;
    if (assigned.has(key)) return assigned.get(key);
    let index = v.unitNamed ? byName.get(key) : undefined;
    if (index === undefined) {
      // A named unit without values that the new list leaves out has no place (nothing is lost).
      if (!withValues && v.unitNamed) return undefined;
      const slot = free.shift();
      if (!slot) return undefined;
      index = slot.index;
      // The filler's name goes into the row it now has.
      if (v.unitNamed) put(slot.sheet, slot.address, { value: v.unit });
    }
    assigned.set(key, index);
    return index;
  };
  if (single && values.some((v) => v.unitNamed)) {
    const u = target.units[0]!;
    const named = values.find((v) => v.unitNamed)!;
    if (u.name === '') put(u.sheet, u.address, { value: named.unit });
  }
  // Units first (values in their order, then the other rows of the old template), so that every
  // old cell knows its new place before any formula is relocated.
  const unitIndex = new Map<number, number>();
  const unitsOf = new Map<OldValue, number | undefined>();
  for (const v of values) unitsOf.set(v, unitOf(v));
  for (const c of old.cells) {
    const u = unitOf(c, false);
    if (u !== undefined) unitIndex.set(c.unitIndex, u);
  }
  const rel = relocation(old, spec, unitIndex);

  let carried = 0;
  let formulas = 0;
  const left: LeftValue[] = [];
  const asValues: FormulaAsValue[] = [];
  for (const v of values) {
    const unit = unitsOf.get(v);
    const at = unit === undefined ? undefined : target.at(unit, v.input);
    const relocated = v.formula === undefined ? undefined : relocateFormula(v.formula, v.sheet, rel);
    if (relocated && relocated.lost.length === 0 && at && put(at.sheet, at.address, { formula: relocated.formula })) {
      carried++;
      formulas++;
      continue;
    }
    const value = specValue(v.value);
    if (value === undefined) {
      left.push({ ...v, why: 'error' });
      continue;
    }
    if (unit === undefined) {
      left.push({ ...v, why: 'unit' });
      continue;
    }
    if (!at || !put(at.sheet, at.address, { value })) {
      left.push({ ...v, why: 'input' });
      continue;
    }
    if (relocated) asValues.push({ ...v, lost: relocated.lost });
    carried++;
  }
  return { spec: { ...spec, sheets: spec.sheets.map((s) => sheets.get(s.name)!) }, carried, formulas, asValues, left, relocation: rel };
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

/** A formula of the user (on a user sheet, or a defined name) that lost references in an update. */
export interface LostReference {
  /** `Sheet1!B2`, or a defined name. */
  where: string;
  formula: string;
  lost: string[];
}

function listed<T>(items: readonly T[], max: number, line: (x: T, lang: 'zh' | 'en') => string): Bilingual {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  const zh = shown.map((x) => line(x, 'zh')).join('；');
  const en = shown.map((x) => line(x, 'en')).join('; ');
  return { zh: more > 0 ? `${zh} 等 ${items.length} 处` : zh, en: more > 0 ? `${en} and ${more} more` : en };
}

/**
 * After an update: formulas typed into input cells that were carried as their values, and the
 * user's formulas whose references could not be kept, each named by its cell (first `max`).
 * Undefined when there is nothing to say.
 */
export function describeLostFormulas(asValues: readonly FormulaAsValue[], references: readonly LostReference[], max = 5): Bilingual | undefined {
  const parts: Bilingual[] = [];
  if (asValues.length > 0) {
    const l = listed(asValues, max, (v, lang) =>
      lang === 'zh'
        ? `${cellKey(v.sheet, v.address)}（=${v.formula} 引用的 ${v.lost.join('、')} 在新模板中已不存在）`
        : `${cellKey(v.sheet, v.address)} (=${v.formula}: ${v.lost.join(', ')} no longer exist in the new template)`,
    );
    parts.push({
      zh: `${asValues.length} 个填报单元格中的公式按其数值带入：${l.zh}。如仍需公式，请按新位置重新输入。`,
      en: `${asValues.length} formula(s) typed into input cells were carried as their values: ${l.en}. Type them again against the new cells if you still need them.`,
    });
  }
  if (references.length > 0) {
    const l = listed(references, max, (r, lang) =>
      lang === 'zh' ? `${r.where}（=${r.formula} 中的 ${r.lost.join('、')}）` : `${r.where} (${r.lost.join(', ')} in =${r.formula})`,
    );
    parts.push({
      zh: `${references.length} 个公式引用的模板单元格在新模板中已不存在，这些引用未能保留：${l.zh}。请改为引用新模板中的单元格。`,
      en: `${references.length} formula(s) refer to template cells that no longer exist in the new template, so those references could not be kept: ${l.en}. Point them at the new template's cells.`,
    });
  }
  if (parts.length === 0) return undefined;
  return { zh: parts.map((p) => p.zh).join(''), en: parts.map((p) => p.en).join(' ') };
}
