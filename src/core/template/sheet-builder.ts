/** A small mutable helper that assembles one SheetSpec cell by cell (used by the template kinds). */
import { a1, rangeA1, type RangeBox } from '../workbook/address';
import type { CellSpec, ConditionalFormatSpec, PrintSpec, ProtectionSpec, SheetSpec, TemplateKind, ValidationSpec } from './spec';
import type { StyleId } from './styles';

export class SheetBuilder {
  readonly sheet: SheetSpec;

  constructor(name: string, kind: TemplateKind | 'legend') {
    this.sheet = { name, kind, cells: {}, columns: [], rows: [], merges: [], validations: [], conditionalFormats: [] };
  }

  get name(): string {
    return this.sheet.name;
  }

  /** Sets a cell (replacing what was there). */
  set(row: number, col: number, cell: CellSpec): string {
    const address = a1(row, col);
    this.sheet.cells[address] = cell;
    return address;
  }

  /** Text (or a number) with a style; locked, role label unless given. */
  text(row: number, col: number, value: string | number | null, style: StyleId = 'label', extra: Partial<CellSpec> = {}): string {
    return this.set(row, col, { value, style, role: 'label', ...extra });
  }

  formula(row: number, col: number, formula: string, style: StyleId, extra: Partial<CellSpec> = {}): string {
    return this.set(row, col, { formula, style, role: 'computed', ...extra });
  }

  /** An unlocked input cell. */
  input(row: number, col: number, style: StyleId = 'input', extra: Partial<CellSpec> = {}): string {
    return this.set(row, col, { value: null, style, locked: false, role: 'input', ...extra });
  }

  /** Styles the empty cells of a box (so borders and fills are continuous), leaving set cells alone. */
  fill(box: RangeBox, style: StyleId, extra: Partial<CellSpec> = {}): void {
    for (let r = box.top; r <= box.bottom; r++) {
      for (let c = box.left; c <= box.right; c++) {
        const address = a1(r, c);
        if (!this.sheet.cells[address]) this.sheet.cells[address] = { value: null, style, ...extra };
      }
    }
  }

  merge(box: RangeBox): void {
    if (box.top !== box.bottom || box.left !== box.right) this.sheet.merges.push(rangeA1(box));
  }

  column(index: number, width: number, hidden = false): void {
    this.sheet.columns = this.sheet.columns.filter((c) => c.index !== index);
    this.sheet.columns.push(hidden ? { index, width, hidden } : { index, width });
    this.sheet.columns.sort((a, b) => a.index - b.index);
  }

  row(index: number, height: number): void {
    this.sheet.rows = this.sheet.rows.filter((r) => r.index !== index);
    this.sheet.rows.push({ index, height });
    this.sheet.rows.sort((a, b) => a.index - b.index);
  }

  validate(v: ValidationSpec): void {
    this.sheet.validations.push(v);
  }

  conditional(cf: Omit<ConditionalFormatSpec, 'priority'>): void {
    this.sheet.conditionalFormats.push({ ...cf, priority: this.sheet.conditionalFormats.length + 1 });
  }

  freeze(rows: number, columns: number): void {
    this.sheet.freeze = { rows, columns };
  }

  protect(protection: ProtectionSpec): void {
    this.sheet.protection = protection;
  }

  print(print: PrintSpec): void {
    this.sheet.print = print;
  }
}
