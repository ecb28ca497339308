/**
 * Planning `fill`: which input cell of a template each `unit,input,value` record goes to, and
 * what is written there. Values are read with the core's coercion (so "1,234", "95%", full-width
 * digits and missing codes mean what they mean everywhere), and written as a number, as the
 * canonical missing code, or — when unreadable — as the text itself, reported, for validation
 * to flag. Nothing is dropped silently: unknown units and inputs and duplicates are problems.
 *
 * An empty value never clears a cell by accident (a CSV exported with gaps would wipe what the
 * school already typed): it is skipped with a warning, unless `clearEmpty` asks for it. Text
 * XML cannot carry (control characters) is stripped with a warning, so the output always opens.
 */
import type { Bilingual } from '../i18n/text';
import { coerceBoolean, coerceCount, coerceNumber, type Coerced } from '../coerce';
import type { Plan } from '../plan/schema';
import { LEVELS } from '../plan/levels';
import { stageInputId, stageInputName } from '../template/model';
import { isNoteInput, notedId, type InputCell } from '../workbook/cellmap';
import type { FillRecord } from './csv';
import { describeXmlInvalid, hasXmlInvalid, stripXmlInvalid } from '../text/xml-chars';
import { normalizeUnitName } from '../unit-name';

export type FillProblemCode =
  | 'unknown-unit'
  | 'unknown-input'
  | 'duplicate'
  | 'invalid-value'
  | 'no-units-left'
  /** An empty value: the cell is left as it is (warning). */
  | 'empty-skipped'
  /** Control characters removed from the text (warning). */
  | 'control-stripped';

/** error: the record was not written as given (exit 1); warning: written, or skipped on purpose. */
export type FillSeverity = 'error' | 'warning';

export interface FillProblem {
  line: number;
  code: FillProblemCode;
  severity: FillSeverity;
  unit: string;
  input: string;
  value?: string;
  message: Bilingual;
}

/** A value to write: a number, text (always stored as text), or null to clear the cell. */
export interface FillAssignment {
  sheet: string;
  address: string;
  value: number | string | null;
  unit: string;
  input: string;
  line: number;
}

export interface FillPlan {
  assignments: FillAssignment[];
  /** Names written into unnamed unit rows, in row order. */
  namedUnits: FillAssignment[];
  problems: FillProblem[];
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

export interface FillOptions {
  /** An empty value clears the cell (default: skipped with a warning). */
  clearEmpty?: boolean;
}

/** The written form of a missing code ('blank' clears the cell). */
function missingValue(c: Extract<Coerced, { kind: 'missing' }>): string | null {
  return c.code === 'blank' ? null : c.code;
}

function convert(raw: string, kind: string | undefined, unit: string | undefined): { value: number | string | null; error?: Bilingual } {
  if (kind === 'text') return { value: raw.trim() === '' ? null : raw };
  if (kind === undefined) {
    // The plan is unknown here: a number is written as a number, anything else as the text itself.
    const c = coerceNumber(raw);
    return { value: c.kind === 'number' ? c.value : c.kind === 'missing' ? missingValue(c) : raw };
  }
  if (kind === 'boolean') {
    const b = coerceBoolean(raw);
    if (b.kind === 'boolean') return { value: b.value ? '是' : '否' };
    if (b.kind === 'missing') return { value: b.code === 'blank' ? null : b.code };
    return { value: raw, error: b.message };
  }
  const c = kind === 'count' ? coerceCount(raw, { unit }) : coerceNumber(raw, { unit });
  if (c.kind === 'number') return { value: c.value };
  if (c.kind === 'missing') return { value: missingValue(c) };
  return { value: raw, error: c.message };
}

/**
 * Matches records to the template's input cells. `plan` (when known) gives input kinds and
 * names, so the input column may hold an id or a name; unnamed unit rows take new unit names in
 * the order they first appear.
 */
export function planFill(cells: InputCell[], records: FillRecord[], plan?: Plan, options: FillOptions = {}): FillPlan {
  const problems: FillProblem[] = [];
  const assignments = new Map<string, FillAssignment>();
  const namedUnits: FillAssignment[] = [];
  const inputIds = new Set(cells.map((c) => c.input));
  const inputByKey = new Map<string, string>();
  for (const id of inputIds) inputByKey.set(norm(id), id);
  for (const i of plan?.inputs ?? []) {
    if (!inputIds.has(i.id)) continue;
    inputByKey.set(norm(i.name.zh), i.id);
    if (i.name.en) inputByKey.set(norm(i.name.en), i.id);
  }
  // A stage's part of an input (pupils.primary) by the header the template shows: 在校生数（小学）.
  for (const i of plan?.inputs ?? []) {
    for (const stage of LEVELS) {
      const id = stageInputId(i.id, stage);
      if (!inputIds.has(id)) continue;
      const name = stageInputName(i.name, stage);
      inputByKey.set(norm(name.zh), id);
      inputByKey.set(norm(name.en), id);
    }
  }
  for (const ind of plan?.sections.flatMap((s) => s.indicators) ?? []) {
    if (inputIds.has(ind.id)) {
      inputByKey.set(norm(ind.name.zh), ind.id);
      if (ind.code) inputByKey.set(norm(ind.code), ind.id);
    }
  }
  for (const k of ['说明', 'note', 'explanation', '#note']) if (inputIds.has('#note')) inputByKey.set(k, '#note');

  // Units: named ones by name; unnamed rows are handed out in order.
  const unitByName = new Map<string, number>();
  const unnamed: number[] = [];
  const nameCell = new Map<number, InputCell['unitCell']>();
  for (const c of cells) {
    nameCell.set(c.unitIndex, c.unitCell);
    if (c.unitNamed) unitByName.set(normalizeUnitName(c.unit), c.unitIndex);
    else if (!unnamed.includes(c.unitIndex)) unnamed.push(c.unitIndex);
  }
  unnamed.sort((a, b) => a - b);
  const singleUnit = new Set(cells.map((c) => c.unitIndex)).size === 1;
  const cellOf = new Map(cells.map((c) => [`${c.unitIndex}\u0000${c.input}`, c]));
  const kindOf = new Map((plan?.inputs ?? []).map((i) => [i.id, { kind: i.kind as string, unit: i.unit }]));
  // A stage's part (pupils.primary) is read as its input is.
  for (const i of plan?.inputs ?? []) for (const stage of LEVELS) kindOf.set(stageInputId(i.id, stage), { kind: i.kind, unit: i.unit });
  for (const ind of plan?.sections.flatMap((s) => s.indicators) ?? []) {
    if (!kindOf.has(ind.id) && ind.compute.kind === 'direct') {
      const bool = ind.kind === 'boolean' || ind.targets.every((t) => t.comparator === 'bool');
      kindOf.set(ind.id, { kind: bool ? 'boolean' : ind.kind === 'count' ? 'count' : 'amount', unit: ind.unit });
    }
  }

  const report = (severity: FillSeverity) => (r: FillRecord, code: FillProblemCode, zh: string, en: string) =>
    problems.push({ line: r.line, code, severity, unit: r.unit, input: r.input, value: r.value, message: { zh: `第 ${r.line} 行：${zh}`, en: `line ${r.line}: ${en}` } });
  const problem = report('error');
  const warning = report('warning');

  for (const given of records) {
    let r = given;
    if (hasXmlInvalid(r.unit) || hasXmlInvalid(r.input) || hasXmlInvalid(r.value)) {
      const what = describeXmlInvalid(r.unit + r.input + r.value);
      r = { line: r.line, unit: stripXmlInvalid(r.unit).trim(), input: stripXmlInvalid(r.input).trim(), value: stripXmlInvalid(r.value) };
      warning(r, 'control-stripped', `含有表格文件不能保存的控制字符（${what}），已删除`, `control characters a workbook cannot hold (${what}) were removed`);
    }
    let unitIndex = unitByName.get(normalizeUnitName(r.unit));
    if (unitIndex === undefined && singleUnit && r.unit === '') {
      // A return has one unit: an empty unit column means it. Another unit's name is reported below.
      unitIndex = cells[0]?.unitIndex;
    }
    if (unitIndex === undefined) {
      if (r.unit === '') {
        problem(r, 'unknown-unit', '缺少单位名称', 'the unit is missing');
        continue;
      }
      const next = unnamed.shift();
      if (next === undefined) {
        problem(r, 'unknown-unit', `模板中没有单位「${r.unit}」`, `the template has no unit "${r.unit}"`);
        continue;
      }
      unitIndex = next;
      unitByName.set(normalizeUnitName(r.unit), next);
      const cell = nameCell.get(next)!;
      namedUnits.push({ sheet: cell.sheet, address: cell.address, value: normalizeUnitName(r.unit), unit: normalizeUnitName(r.unit), input: '', line: r.line });
    }
    let input = inputByKey.get(norm(r.input));
    if (input === undefined && isNoteInput(r.input)) input = inputByKey.get(norm(notedId(r.input))) ? `${inputByKey.get(norm(notedId(r.input)))}#note` : undefined;
    const target = input === undefined ? undefined : cellOf.get(`${unitIndex}\u0000${input}`);
    if (!target || input === undefined) {
      problem(r, 'unknown-input', `模板中没有数据项「${r.input}」`, `the template has no input "${r.input}"`);
      continue;
    }
    if (r.value.trim() === '' && !options.clearEmpty) {
      warning(r, 'empty-skipped', `值为空，未写入（单元格保持原样；要清空请加 --clear-empty）`, `empty value, not written (the cell is left as it is; use --clear-empty to clear it)`);
      continue;
    }
    const k = isNoteInput(input) ? { kind: 'text', unit: '' } : kindOf.get(input);
    const { value, error } = convert(r.value, k?.kind, k?.unit);
    if (error) {
      // The value once: coercion's message usually quotes it already (无法识别为数字：「四百五十左右」).
      const quoted = r.value !== '' && error.zh.includes(r.value);
      problem(r, 'invalid-value', `${quoted ? '' : `「${r.value}」`}${error.zh}；已按文字写入，请核对`, `${quoted ? '' : `"${r.value}": `}${error.en}; written as text, check it`);
    }
    const key = `${target.sheet}!${target.address}`;
    const prev = assignments.get(key);
    if (prev) {
      const same = prev.value === value;
      (same ? warning : problem)(
        r,
        'duplicate',
        same ? `与第 ${prev.line} 行重复（${r.unit} / ${r.input}），值相同` : `与第 ${prev.line} 行重复（${r.unit} / ${r.input}）且值不同（${String(prev.value)} / ${String(value)}），以本行为准，请核对`,
        same ? `duplicates line ${prev.line} (${r.unit} / ${r.input}), same value` : `duplicates line ${prev.line} (${r.unit} / ${r.input}) with another value (${String(prev.value)} / ${String(value)}); this line wins, check it`,
      );
    }
    assignments.set(key, { sheet: target.sheet, address: target.address, value, unit: target.unit, input, line: r.line });
  }
  return { assignments: [...assignments.values()], namedUnits, problems };
}
