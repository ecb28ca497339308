/**
 * Formulas of the fake workbook (the preview grid and the adapter tests see numbers, not formula
 * text): a thin adapter around @formulajs/formulajs, which implements Excel's functions.
 *
 * What is here and not in the library, and why:
 *  - reading the formula: the project's one tokenizer (core/workbook/formula.ts, shared with
 *    validation) into a small tree — sheet-qualified and quoted Chinese sheet names, whole
 *    columns, defined names, array constants, `EDU.目标值(…)`;
 *  - references: the grid lookup through `FormulaHost` (blank cells are null), relative
 *    references shifted for conditional formats and validation rules;
 *  - operators with Excel's coercion, applied element by element to ranges and arrays, as
 *    `SUMPRODUCT(C8:C9,--ISNUMBER(K8:K9))` (the 差异系数 formula) needs;
 *  - error values mapped both ways (the library's `Error('#DIV/0!')` singletons ↔ `ErrorValue`);
 *  - the functions the library lacks or computes differently from Excel and LibreOffice, each
 *    tested: ROUND (the core's `roundTo`, 15 significant digits as Excel reads them —
 *    formulajs rounds 69/120*100 = 57.49999999999999 to 57, Excel to 58), SUMPRODUCT (non-numbers
 *    count as 0, unequal sizes are #VALUE!), ROW/COLUMN (they need the reference), HYPERLINK;
 *  - the add-in's own functions (EDU.*) registered by the host, called as Excel calls them.
 *
 * fast-formula-parser was tried for the parsing and rejected: its operators take an array's first
 * element (so the 差异系数 formula is #VALUE!), function names must be ASCII, text compares
 * case-sensitively, and its ROUND, COUNTIF and IF(blank) differ from Excel (see README).
 *
 * Not a spreadsheet engine: no dynamic arrays (an array result shows its top-left value).
 */
import * as formulajs from '@formulajs/formulajs';
import { roundTo } from '../../core/evaluate/round';
import { FormulaSyntaxError, tokenize, type Token } from '../../core/workbook/formula';
import { MAX_COLS, MAX_ROWS, parseRefEnd, type RefEnd } from '../../core/workbook/address';
import { compare, ERR, errorOf, ErrorValue, toNumber, toText, type Scalar } from './values';


export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A reference, dereferenced lazily so ROW, COLUMN and the host see cells, not values. */
export interface RangeValue {
  kind: 'range';
  sheet: string;
  box: Box;
}

type Value = Scalar | RangeValue | Scalar[][];

/** What the evaluator needs from a workbook. */
export interface FormulaHost {
  /** The evaluated content of a cell (formulas evaluated, recursively). */
  cell(sheet: string, row: number, col: number): Scalar;
  /** The last used row/column of a sheet, to bound whole-column references. */
  extent(sheet: string): { rows: number; cols: number };
  /** Case-insensitive sheet lookup; undefined when there is no such sheet. */
  sheetName(name: string): string | undefined;
  /** A workbook defined name: a range, a constant, or undefined. */
  definedName(name: string): RangeValue | Scalar | undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading the formula (tokens from the core's tokenizer)

type Node =
  | { k: 'lit'; v: Scalar }
  | { k: 'ref'; sheet?: string; a: RefEnd; b: RefEnd }
  | { k: 'name'; name: string }
  | { k: 'fn'; name: string; args: Node[] }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'neg'; a: Node }
  | { k: 'pct'; a: Node }
  | { k: 'arr'; rows: Scalar[][] }
  | { k: 'missing' };

const LEVELS: readonly (readonly string[])[] = [['=', '<>', '<', '>', '<=', '>='], ['&'], ['+', '-'], ['*', '/'], ['^']];

function refEnd(text: string): RefEnd {
  const end = parseRefEnd(text);
  if (!end) throw new FormulaSyntaxError(`bad reference ${text}`, 0);
  return end;
}

class Parser {
  private i = 0;
  private readonly toks: Token[];
  constructor(src: string) {
    this.toks = tokenize(src).filter((t) => t.type !== 'space');
  }
  parse(): Node {
    const n = this.binary(0);
    const extra = this.toks[this.i];
    if (extra) throw new FormulaSyntaxError(`unexpected ${extra.text}`, extra.start);
    return n;
  }
  private next(): Token {
    const t = this.toks[this.i++];
    if (!t) throw new FormulaSyntaxError('unexpected end of formula', Number.MAX_SAFE_INTEGER);
    return t;
  }
  private opAhead(ops: readonly string[]): boolean {
    const t = this.toks[this.i];
    return t !== undefined && t.type === 'op' && ops.includes(t.text);
  }
  /** Left-associative binary operators by precedence level (comparison lowest, ^ highest). */
  private binary(level: number): Node {
    if (level === LEVELS.length) return this.unary();
    let a = this.binary(level + 1);
    while (this.opAhead(LEVELS[level])) a = { k: 'bin', op: this.next().text, a, b: this.binary(level + 1) };
    return a;
  }
  private unary(): Node {
    if (this.opAhead(['-', '+'])) return this.next().text === '-' ? { k: 'neg', a: this.unary() } : this.unary();
    let a = this.primary();
    while (this.opAhead(['%'])) {
      this.next();
      a = { k: 'pct', a };
    }
    return a;
  }
  private primary(): Node {
    const t = this.next();
    const local = () => t.text.slice((t.localStart ?? t.start) - t.start);
    switch (t.type) {
      case 'number':
        return { k: 'lit', v: Number(t.text) };
      case 'string':
        return { k: 'lit', v: t.text.slice(1, -1).replace(/""/g, '"') };
      case 'bool':
        return { k: 'lit', v: t.text.toUpperCase() === 'TRUE' };
      case 'error':
        // `#REF!G9` (a reference to a deleted sheet) is the error #REF!.
        return { k: 'lit', v: errorOf(/^#REF!/i.test(t.text) ? '#REF!' : t.text) };
      case 'ref': {
        const [x, y] = local().split(':');
        const a = refEnd(x);
        return { k: 'ref', sheet: t.sheet, a, b: y === undefined ? a : refEnd(y) };
      }
      case 'name':
        return { k: 'name', name: local() };
      case 'lparen': {
        const n = this.binary(0);
        if (this.next().type !== 'rparen') throw new FormulaSyntaxError('expected )', t.start);
        return n;
      }
      case 'func':
        return this.call(t);
      case 'lbrace':
        return this.arrayConstant();
      default:
        throw new FormulaSyntaxError(`unexpected ${t.text}`, t.start);
    }
  }
  private call(t: Token): Node {
    if (this.next().type !== 'lparen') throw new FormulaSyntaxError('expected (', t.end);
    const name = t.text.toUpperCase().replace(/^_XLFN\./, '');
    const args: Node[] = [];
    if (this.toks[this.i]?.type === 'rparen') {
      this.next();
      return { k: 'fn', name, args };
    }
    for (;;) {
      const p = this.toks[this.i];
      args.push(p && (p.type === 'comma' || p.type === 'rparen') ? { k: 'missing' } : this.binary(0));
      const sep = this.next();
      if (sep.type === 'rparen') return { k: 'fn', name, args };
      if (sep.type !== 'comma') throw new FormulaSyntaxError(`expected , or ) in ${t.text}`, sep.start);
    }
  }
  private arrayConstant(): Node {
    const rows: Scalar[][] = [[]];
    for (;;) {
      const item = this.unary();
      const v = item.k === 'lit' ? item.v : item.k === 'neg' && item.a.k === 'lit' && typeof item.a.v === 'number' ? -item.a.v : ERR.value;
      rows[rows.length - 1].push(v);
      const sep = this.next();
      if (sep.type === 'rbrace') return { k: 'arr', rows };
      if (sep.type === 'semicolon') rows.push([]);
      else if (sep.type !== 'comma') throw new FormulaSyntaxError('bad array constant', sep.start);
    }
  }
}

const parsed = new Map<string, Node | FormulaSyntaxError>();

function parseCached(formula: string): Node | FormulaSyntaxError {
  let n = parsed.get(formula);
  if (!n) {
    try {
      n = new Parser(formula).parse();
    } catch (e) {
      if (!(e instanceof FormulaSyntaxError)) throw e;
      n = e;
    }
    if (parsed.size > 20000) parsed.clear();
    parsed.set(formula, n);
  }
  return n;
}

/** True when Excel would accept the text as a formula (the fake refuses what it cannot read, as Excel does). */
export function isValidFormula(formula: string): boolean {
  return !(parseCached(formula) instanceof FormulaSyntaxError);
}

// ---------------------------------------------------------------------------------------------
// References and operators

interface Ctx {
  host: FormulaHost;
  sheet: string;
  /** Row/column offset for formulas relative to a range's top-left (conditional formats, validation). */
  dr: number;
  dc: number;
}

const isRange = (v: Value): v is RangeValue => typeof v === 'object' && v !== null && !(v instanceof ErrorValue) && !Array.isArray(v);

function resolveRef(node: Extract<Node, { k: 'ref' }>, ctx: Ctx): Value {
  const sheet = node.sheet === undefined ? ctx.sheet : ctx.host.sheetName(node.sheet);
  if (sheet === undefined) return ERR.ref;
  const shift = (p: RefEnd) => ({
    row: p.row === undefined ? undefined : p.rowAbs ? p.row : p.row + ctx.dr,
    col: p.col === undefined ? undefined : p.colAbs ? p.col : p.col + ctx.dc,
  });
  const a = shift(node.a);
  const b = shift(node.b);
  // Whole columns or rows end at the sheet's used extent (computing it is not free: only when needed).
  const whole = a.row === undefined || b.row === undefined || a.col === undefined || b.col === undefined;
  const ext = whole ? ctx.host.extent(sheet) : { rows: 1, cols: 1 };
  const [top, bottom] = [a.row ?? 1, b.row ?? Math.max(1, ext.rows)].sort((x, y) => x - y);
  const [left, right] = [a.col ?? 1, b.col ?? Math.max(1, ext.cols)].sort((x, y) => x - y);
  if (top < 1 || left < 1 || bottom > MAX_ROWS || right > MAX_COLS) return ERR.ref;
  return { kind: 'range', sheet, box: { top, bottom, left, right } };
}

/** A value with its reference read: a single cell as its value, a larger range as a grid. */
function deref(v: Value, ctx: Ctx): Scalar | Scalar[][] {
  if (!isRange(v)) return v;
  const { box, sheet } = v;
  if (box.top === box.bottom && box.left === box.right) return ctx.host.cell(sheet, box.top, box.left);
  const rows: Scalar[][] = [];
  for (let r = box.top; r <= box.bottom; r++) {
    const row: Scalar[] = [];
    for (let c = box.left; c <= box.right; c++) row.push(ctx.host.cell(sheet, r, c));
    rows.push(row);
  }
  return rows;
}

/**
 * `f` element by element over grids, a single value or a 1-wide side broadcast as Excel does
 * (an array formula's arithmetic); plain values stay plain.
 */
function elementwise(values: Array<Scalar | Scalar[][]>, f: (...xs: Scalar[]) => Scalar): Scalar | Scalar[][] {
  if (!values.some(Array.isArray)) return f(...(values as Scalar[]));
  const grids = values.map((v) => (Array.isArray(v) ? v : [[v]]));
  const rows = Math.max(...grids.map((g) => g.length));
  const cols = Math.max(...grids.map((g) => g[0]?.length ?? 0));
  const at = (g: Scalar[][], r: number, c: number): Scalar => g[g.length === 1 ? 0 : r]?.[(g[0]?.length ?? 0) === 1 ? 0 : c] ?? ERR.na;
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => f(...grids.map((g) => at(g, r, c)))));
}

function arithmetic(op: string, x: Scalar, y: Scalar): Scalar {
  const a = toNumber(x);
  if (a instanceof ErrorValue) return a;
  const b = toNumber(y);
  if (b instanceof ErrorValue) return b;
  if (op === '/' && b === 0) return ERR.div0;
  const r = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a ** b;
  return Number.isFinite(r) ? r : ERR.num;
}

const COMPARE: Readonly<Record<string, (c: number) => boolean>> = {
  '=': (c) => c === 0,
  '<>': (c) => c !== 0,
  '<': (c) => c < 0,
  '>': (c) => c > 0,
  '<=': (c) => c <= 0,
  '>=': (c) => c >= 0,
};

function operator(op: string, x: Scalar, y: Scalar): Scalar {
  if (x instanceof ErrorValue) return x;
  if (y instanceof ErrorValue) return y;
  const test = COMPARE[op];
  if (test) return test(compare(x, y));
  if (op === '&') {
    const s = toText(x);
    const t = toText(y);
    return s instanceof ErrorValue ? s : t instanceof ErrorValue ? t : s + t;
  }
  return arithmetic(op, x, y);
}

function evaluateNode(node: Node, ctx: Ctx): Value {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'missing':
      return null;
    case 'arr':
      return node.rows;
    case 'ref':
      return resolveRef(node, ctx);
    case 'name':
      return ctx.host.definedName(node.name) ?? ERR.name;
    case 'neg':
      return elementwise([deref(evaluateNode(node.a, ctx), ctx)], (x) => arithmetic('-', 0, x));
    case 'pct':
      return elementwise([deref(evaluateNode(node.a, ctx), ctx)], (x) => arithmetic('/', x, 100));
    case 'bin':
      return elementwise([deref(evaluateNode(node.a, ctx), ctx), deref(evaluateNode(node.b, ctx), ctx)], (x, y) => operator(node.op, x, y));
    case 'fn':
      return callFunction(node, ctx);
  }
}

// ---------------------------------------------------------------------------------------------
// Functions: @formulajs/formulajs, with errors and blanks mapped both ways

type LibFunction = (...args: unknown[]) => unknown;

/** Every function formulajs exports, by Excel name (`ERROR.TYPE` is `formulajs.ERROR.TYPE`). */
const LIBRARY = new Map<string, LibFunction>();
for (const [name, value] of Object.entries(formulajs)) {
  // Excel names only (not `utils`, nor the module's `default` namespace in a CommonJS build).
  if (!/^[A-Z][A-Z0-9]*$/.test(name)) continue;
  if (typeof value === 'function') LIBRARY.set(name, value as LibFunction);
  if ((typeof value === 'function' || typeof value === 'object') && value !== null) {
    for (const [sub, f] of Object.entries(value)) if (typeof f === 'function' && /^[A-Z0-9]+$/.test(sub)) LIBRARY.set(`${name}.${sub}`, f as LibFunction);
  }
}

/** The library's error singletons (its IS* functions compare by identity). */
const LIB_ERRORS = new Map<string, Error>(Object.values(formulajs.utils.errors).map((e: Error) => [e.message, e]));

function toLibrary(v: Scalar | Scalar[][]): unknown {
  if (Array.isArray(v)) return v.map((row) => row.map(toLibrary));
  return v instanceof ErrorValue ? (LIB_ERRORS.get(v.code) ?? new Error(v.code)) : v;
}

function fromLibrary(v: unknown): Scalar | Scalar[][] {
  if (Array.isArray(v)) return (Array.isArray(v[0]) ? (v as unknown[][]) : [v]).map((row) => row.map((x) => fromLibrary(x) as Scalar));
  if (v instanceof Error) return errorOf(v.message);
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : ERR.num;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  // Dates and other objects: the fake has no date cells (numbers are serials).
  return ERR.value;
}

/**
 * Functions whose parameters are single values: given a range or an array they apply to each
 * element (Excel's array evaluation), so `--ISNUMBER(K8:K9)` is a column of 1s and 0s.
 */
const ELEMENTWISE = new Set(
  'ABS INT TRUNC SIGN SQRT ROUND ROUNDUP ROUNDDOWN MOD POWER ISBLANK ISLOGICAL ISNUMBER ISTEXT ISNONTEXT ISERROR ISERR ISNA N NOT IF IFERROR IFNA LEN TRIM UPPER LOWER LEFT RIGHT MID EXACT VALUE'.split(' '),
);

type Fn = (args: Node[], ctx: Ctx) => Value;

const valuesOf = (args: Node[], ctx: Ctx) => args.map((a) => deref(evaluateNode(a, ctx), ctx));

/** Where Excel (and LibreOffice, which the templates are tested in) differs from formulajs, or formulajs has no such function. */
const OVERRIDES: Readonly<Record<string, Fn>> = {
  ROUND: (args, ctx) =>
    elementwise(valuesOf(args, ctx), (x, d = 0) => {
      const n = toNumber(x);
      const p = toNumber(d);
      return n instanceof ErrorValue ? n : p instanceof ErrorValue ? p : roundTo(n, p);
    }),
  SUMPRODUCT: (args, ctx) => {
    const grids = valuesOf(args, ctx).map((v) => (Array.isArray(v) ? v : [[v]]));
    const rows = grids[0]?.length ?? 0;
    const cols = grids[0]?.[0]?.length ?? 0;
    if (grids.length === 0 || grids.some((g) => g.length !== rows || (g[0]?.length ?? 0) !== cols)) return ERR.value;
    for (const g of grids) for (const row of g) for (const x of row) if (x instanceof ErrorValue) return x;
    const numeric = grids.map((g) => g.map((row) => row.map((x) => (typeof x === 'number' ? x : 0))));
    return fromLibrary(formulajs.SUMPRODUCT(...numeric));
  },
  ROW: (args, ctx) => position(args, ctx, 'top', ctx.dr),
  COLUMN: (args, ctx) => position(args, ctx, 'left', ctx.dc),
  HYPERLINK: (args, ctx) => {
    const [link, label] = valuesOf(args, ctx);
    return (args.length > 1 ? label : link) as Scalar;
  },
};

function position(args: Node[], ctx: Ctx, side: 'top' | 'left', offset: number): Value {
  if (args.length === 0) return offset + 1;
  const r = evaluateNode(args[0], ctx);
  return isRange(r) ? r.box[side] : ERR.value;
}

function callLibrary(f: LibFunction, name: string, args: Node[], ctx: Ctx): Value {
  const values = valuesOf(args, ctx);
  const call = (...xs: Array<Scalar | Scalar[][]>) => {
    try {
      return fromLibrary(f(...xs.map(toLibrary)));
    } catch {
      return ERR.value;
    }
  };
  if (ELEMENTWISE.has(name)) return elementwise(values, (...xs) => call(...xs) as Scalar);
  return call(...values);
}

function callFunction(node: Extract<Node, { k: 'fn' }>, ctx: Ctx): Value {
  const own = OVERRIDES[node.name];
  if (own) return own(node.args, ctx);
  const external = EXTERNAL.get(node.name);
  if (external) return callExternal(external, node.args, ctx);
  const lib = LIBRARY.get(node.name);
  return lib ? callLibrary(lib, node.name, node.args, ctx) : ERR.name;
}

// ---------------------------------------------------------------------------------------------
// Functions the host adds: in the preview, the add-in's own custom functions (EDU.*), so a formula
// typed into the preview grid runs the same implementation Excel runs.

/** Called as Excel calls a custom function: a range as a 2-D array, a cell as its value, an omitted argument as null. */
export type ExternalFunction = (...args: unknown[]) => unknown;

const EXTERNAL = new Map<string, ExternalFunction>();

/** Adds functions by name (`EDU.TARGET`, `EDU.目标值`); names are matched case-insensitively. */
export function registerExternalFunctions(fns: Readonly<Record<string, ExternalFunction>>): void {
  for (const [name, f] of Object.entries(fns)) EXTERNAL.set(name.toUpperCase(), f);
}

function callExternal(f: ExternalFunction, args: Node[], ctx: Ctx): Value {
  const values: unknown[] = [];
  for (const a of args) {
    const v = a.k === 'missing' ? null : deref(evaluateNode(a, ctx), ctx);
    if (v instanceof ErrorValue) return v;
    values.push(Array.isArray(v) ? v.map((row) => row.map((x) => (x instanceof ErrorValue ? { error: x.code } : x))) : v);
  }
  let out: unknown;
  try {
    out = f(...values);
  } catch (e) {
    // Excel errors thrown by the function (#VALUE!, #N/A … with a message) keep their code.
    const code = (e as { code?: unknown } | null)?.code;
    return typeof code === 'string' && code.startsWith('#') ? errorOf(code) : ERR.value;
  }
  // No spilling in the fake: a returned table shows its top-left value, as a one-cell formula does.
  while (Array.isArray(out)) out = out[0];
  if (out === undefined || out === null) return null;
  if (typeof out === 'number' || typeof out === 'string' || typeof out === 'boolean') return out;
  return ERR.value;
}

/** Function names the evaluator implements (tests check every template formula uses only these). */
export const SUPPORTED_FUNCTIONS: readonly string[] = [...new Set([...LIBRARY.keys(), ...Object.keys(OVERRIDES)])].sort();

/** Every function name a formula calls, upper-cased. */
export function functionsIn(formula: string): string[] {
  return tokenize(formula)
    .filter((t) => t.type === 'func')
    .map((t) => t.text.toUpperCase().replace(/^_XLFN\./, ''));
}

/**
 * Evaluates a formula (no leading `=`) on `sheet`. `offset` shifts relative references, for
 * formulas written relative to a range's top-left cell (conditional formats, validation).
 */
export function evaluateFormula(formula: string, host: FormulaHost, sheet: string, offset = { rows: 0, cols: 0 }): Scalar {
  const node = parseCached(formula);
  if (node instanceof FormulaSyntaxError) return ERR.name;
  const ctx: Ctx = { host, sheet, dr: offset.rows, dc: offset.cols };
  const v = deref(evaluateNode(node, ctx), ctx);
  const top = Array.isArray(v) ? (v[0]?.[0] ?? null) : v;
  return typeof top === 'number' && !Number.isFinite(top) ? ERR.num : top;
}
