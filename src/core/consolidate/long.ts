/**
 * The tidy long table (`unit, level, input, value, file, cell`): one row per counted input value,
 * for other tools. A generator, so a province's millions of rows stream without being held twice.
 */
import type { Consolidation } from './types';

export interface LongRow {
  unit: string;
  level: string;
  input: string;
  value: number | null;
  file: string;
  cell: string;
}

export const LONG_HEADER: readonly (keyof LongRow)[] = ['unit', 'level', 'input', 'value', 'file', 'cell'];

export function* longRows(c: Consolidation): Generator<LongRow> {
  for (const u of c.units) {
    if (!u.included) continue;
    for (const input of c.inputs) {
      if (!(input in u.inputs)) continue;
      yield { unit: u.unit, level: u.level, input, value: u.inputs[input] ?? null, file: u.file, cell: u.cells[input] ?? '' };
    }
  }
}

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is prefixed with '. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const guarded = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function longCsvLine(r: LongRow): string {
  return LONG_HEADER.map((k) => csvField(r[k])).join(',');
}
