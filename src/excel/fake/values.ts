/**
 * What a cell of the fake workbook evaluates to, and Excel's rules for operators on those values
 * (coercion of text and blanks, comparison across types). Shared by the formula adapter
 * (formula.ts) and the workbook model; functions themselves come from @formulajs/formulajs.
 */
export class ErrorValue {
  constructor(readonly code: string) {}
  toString(): string {
    return this.code;
  }
}

export const ERR = {
  div0: new ErrorValue('#DIV/0!'),
  value: new ErrorValue('#VALUE!'),
  ref: new ErrorValue('#REF!'),
  name: new ErrorValue('#NAME?'),
  num: new ErrorValue('#NUM!'),
  na: new ErrorValue('#N/A'),
  null: new ErrorValue('#NULL!'),
};

export function errorOf(code: string): ErrorValue {
  return Object.values(ERR).find((e) => e.code === code.toUpperCase()) ?? new ErrorValue(code.toUpperCase());
}

/** A cell's evaluated content: null is a blank cell. */
export type Scalar = number | string | boolean | null | ErrorValue;

/** Excel's General format for a number: up to 11 significant characters, no trailing zeros. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!';
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) return n.toExponential(5).replace(/\.?0+e/, 'E');
  return String(Number(n.toPrecision(10)));
}

/** `+ - * / ^` and unary minus read text as a number when it is one (`"12%"`, `"1,234"`), else #VALUE!. */
export function toNumber(v: Scalar): number | ErrorValue {
  if (v instanceof ErrorValue) return v;
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim();
  if (t === '') return ERR.value;
  const pct = t.endsWith('%');
  const n = Number(t.replace(/%$/, '').replace(/,/g, ''));
  return Number.isFinite(n) ? (pct ? n / 100 : n) : ERR.value;
}

/** `&` joins numbers as General shows them and booleans as TRUE/FALSE. */
export function toText(v: Scalar): string | ErrorValue {
  if (v instanceof ErrorValue) return v;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return formatGeneral(v);
  return v;
}

function typeRank(v: Scalar): number {
  if (typeof v === 'number' || v === null) return 0;
  if (typeof v === 'string') return 1;
  return 2;
}

/**
 * `= <> < > <= >=`: a blank is 0 against a number, "" against text and FALSE against a boolean;
 * numbers < text < booleans; text compares case-insensitively.
 */
export function compare(a: Scalar, b: Scalar): number {
  const x = a === null ? (typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0) : a;
  const y = b === null ? (typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0) : b;
  const rx = typeRank(x);
  const ry = typeRank(y);
  if (rx !== ry) return rx - ry;
  if (typeof x === 'string' && typeof y === 'string') {
    const lx = x.toLowerCase();
    const ly = y.toLowerCase();
    return lx < ly ? -1 : lx > ly ? 1 : 0;
  }
  const nx = Number(x);
  const ny = Number(y);
  return nx < ny ? -1 : nx > ny ? 1 : 0;
}
