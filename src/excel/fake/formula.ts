/**
 * A small Excel formula evaluator for the fake workbook, so the preview grid and the tests see
 * computed numbers instead of formula text. It covers the functions templates use (SUM, IF,
 * ROUND, IFERROR, SUMPRODUCT, COUNTIF …) with Excel's coercion, comparison and error rules; an
 * unknown function gives `#NAME?`, as in a spreadsheet without it. It is not a spreadsheet
 * engine: no dynamic arrays (an array result shows its top-left value), no dates beyond serials.
 */
import { FormulaSyntaxError, tokenize, type Token } from '../../core/workbook/formula';
import { parseRefEnd, type RefEnd } from '../../core/workbook/address';

import { MAX_COLS, MAX_ROWS } from '../../core/workbook/address';

export { MAX_ROWS, MAX_COLS };

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
};

export function errorOf(code: string): ErrorValue {
  return Object.values(ERR).find((e) => e.code === code.toUpperCase()) ?? new ErrorValue(code.toUpperCase());
}

/** A cell's evaluated content: null is a blank cell. */
export type Scalar = number | string | boolean | null | ErrorValue;

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A reference, dereferenced lazily so ISBLANK, ROW and the *IF functions see cells, not values. */
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
// Parsing

type RefPart = RefEnd;

type Node =
  | { k: 'lit'; v: Scalar }
  | { k: 'ref'; sheet?: string; a: RefPart; b: RefPart }
  | { k: 'name'; sheet?: string; name: string }
  | { k: 'fn'; name: string; args: Node[] }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'neg'; a: Node }
  | { k: 'pct'; a: Node }
  | { k: 'arr'; rows: Scalar[][] }
  | { k: 'missing' };

function parseRefPart(text: string): RefPart {
  const end = parseRefEnd(text);
  if (!end) throw new FormulaSyntaxError(`bad reference ${text}`, 0);
  return end;
}

function refNode(local: string, sheet?: string): Node {
  const [x, y] = local.split(':');
  const a = parseRefPart(x);
  return { k: 'ref', sheet, a, b: y === undefined ? a : parseRefPart(y) };
}

function unquoteString(text: string): string {
  return text.slice(1, -1).replace(/""/g, '"');
}

class Parser {
  private i = 0;
  private readonly toks: Token[];
  constructor(src: string) {
    this.toks = tokenize(src).filter((t) => t.type !== 'space');
  }
  private peek(): Token | undefined {
    return this.toks[this.i];
  }
  private next(): Token {
    const t = this.toks[this.i++];
    if (!t) throw new FormulaSyntaxError('unexpected end of formula', Number.MAX_SAFE_INTEGER);
    return t;
  }
  parse(): Node {
    const n = this.comparison();
    if (this.i < this.toks.length) throw new FormulaSyntaxError(`unexpected ${this.toks[this.i].text}`, this.toks[this.i].start);
    return n;
  }
  private isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t !== undefined && t.type === 'op' && ops.includes(t.text);
  }
  private comparison(): Node {
    let a = this.concat();
    while (this.isOp('=', '<>', '<', '>', '<=', '>=')) {
      const op = this.next().text;
      a = { k: 'bin', op, a, b: this.concat() };
    }
    return a;
  }
  private concat(): Node {
    let a = this.additive();
    while (this.isOp('&')) {
      this.next();
      a = { k: 'bin', op: '&', a, b: this.additive() };
    }
    return a;
  }
  private additive(): Node {
    let a = this.multiplicative();
    while (this.isOp('+', '-')) {
      const op = this.next().text;
      a = { k: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }
  private multiplicative(): Node {
    let a = this.power();
    while (this.isOp('*', '/')) {
      const op = this.next().text;
      a = { k: 'bin', op, a, b: this.power() };
    }
    return a;
  }
  private power(): Node {
    let a = this.unary();
    while (this.isOp('^')) {
      this.next();
      a = { k: 'bin', op: '^', a, b: this.unary() };
    }
    return a;
  }
  private unary(): Node {
    if (this.isOp('-')) {
      this.next();
      return { k: 'neg', a: this.unary() };
    }
    if (this.isOp('+')) {
      this.next();
      return this.unary();
    }
    return this.postfix();
  }
  private postfix(): Node {
    let a = this.primary();
    while (this.isOp('%')) {
      this.next();
      a = { k: 'pct', a };
    }
    return a;
  }
  private primary(): Node {
    const t = this.next();
    switch (t.type) {
      case 'number':
        return { k: 'lit', v: Number(t.text) };
      case 'string':
        return { k: 'lit', v: unquoteString(t.text) };
      case 'bool':
        return { k: 'lit', v: t.text.toUpperCase() === 'TRUE' };
      case 'error':
        return { k: 'lit', v: errorOf(t.text) };
      case 'ref':
        return refNode(t.text.slice((t.localStart ?? t.start) - t.start), t.sheet);
      case 'name':
        return { k: 'name', sheet: t.sheet, name: t.text.slice((t.localStart ?? t.start) - t.start) };
      case 'lparen': {
        const n = this.comparison();
        if (this.next().type !== 'rparen') throw new FormulaSyntaxError('expected )', t.start);
        return n;
      }
      case 'func': {
        if (this.next().type !== 'lparen') throw new FormulaSyntaxError('expected (', t.end);
        const args: Node[] = [];
        if (this.peek()?.type === 'rparen') {
          this.next();
          return { k: 'fn', name: t.text.toUpperCase(), args };
        }
        for (;;) {
          const p = this.peek();
          args.push(p && (p.type === 'comma' || p.type === 'rparen') ? { k: 'missing' } : this.comparison());
          const sep = this.next();
          if (sep.type === 'rparen') break;
          if (sep.type !== 'comma') throw new FormulaSyntaxError(`expected , or ) in ${t.text}`, sep.start);
        }
        return { k: 'fn', name: t.text.toUpperCase().replace(/^_XLFN\./, ''), args };
      }
      case 'lbrace': {
        const rows: Scalar[][] = [[]];
        for (;;) {
          const item = this.unary();
          const v = item.k === 'lit' ? item.v : item.k === 'neg' && item.a.k === 'lit' && typeof item.a.v === 'number' ? -item.a.v : ERR.value;
          rows[rows.length - 1].push(v);
          const sep = this.next();
          if (sep.type === 'rbrace') break;
          if (sep.type === 'semicolon') rows.push([]);
          else if (sep.type !== 'comma') throw new FormulaSyntaxError('bad array constant', sep.start);
        }
        return { k: 'arr', rows };
      }
      default:
        throw new FormulaSyntaxError(`unexpected ${t.text}`, t.start);
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

/** True when the text parses as a formula the evaluator understands syntactically. */
export function isValidFormula(formula: string): boolean {
  return !(parseCached(formula) instanceof FormulaSyntaxError);
}

// ---------------------------------------------------------------------------------------------
// Coercion and comparison (Excel's rules)

function isRange(v: Value): v is RangeValue {
  return typeof v === 'object' && v !== null && !(v instanceof ErrorValue) && !Array.isArray(v) && v.kind === 'range';
}

function toNumber(v: Scalar): number | ErrorValue {
  if (v instanceof ErrorValue) return v;
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim();
  if (t === '') return ERR.value;
  const pct = /%$/.test(t);
  const n = Number(t.replace(/%$/, '').replace(/,/g, ''));
  return Number.isFinite(n) ? (pct ? n / 100 : n) : ERR.value;
}

function toText(v: Scalar): string | ErrorValue {
  if (v instanceof ErrorValue) return v;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return formatGeneral(v);
  return v;
}

function toBool(v: Scalar): boolean | ErrorValue {
  if (v instanceof ErrorValue) return v;
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  return ERR.value;
}

/** Excel's General format for a number: up to 11 significant characters, no trailing zeros. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!';
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) return n.toExponential(5).replace(/\.?0+e/, 'E').replace('E+', 'E+');
  return String(Number(n.toPrecision(10)));
}

function typeRank(v: Scalar): number {
  if (typeof v === 'number' || v === null) return 0;
  if (typeof v === 'string') return 1;
  return 2;
}

function compare(a: Scalar, b: Scalar): number {
  // Blank compares as 0 against numbers, "" against text, FALSE against booleans.
  const x = a === null ? (typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0) : a;
  const y = b === null ? (typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0) : b;
  const rx = typeRank(x as Scalar);
  const ry = typeRank(y as Scalar);
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

/** Excel's ROUND: half away from zero, after trimming binary noise to 15 significant digits. */
export function excelRound(x: number, digits: number): number {
  const d = Math.trunc(digits);
  const f = 10 ** d;
  const y = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * Math.round(y)) / f;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

interface Ctx {
  host: FormulaHost;
  sheet: string;
  /** Row/column offset for formulas relative to a range's top-left (conditional formats, validation). */
  dr: number;
  dc: number;
}

function resolveBox(node: Extract<Node, { k: 'ref' }>, ctx: Ctx): Box | ErrorValue {
  const sheet = node.sheet ?? ctx.sheet;
  const shift = (p: RefPart) => ({
    row: p.row === undefined ? undefined : p.rowAbs ? p.row : p.row + ctx.dr,
    col: p.col === undefined ? undefined : p.colAbs ? p.col : p.col + ctx.dc,
  });
  const a = shift(node.a);
  const b = shift(node.b);
  // Only whole-column/row references need the sheet's extent (it is not free to compute).
  const ext = a.row === undefined || b.row === undefined || a.col === undefined || b.col === undefined ? ctx.host.extent(sheet) : { rows: 1, cols: 1 };
  const top = a.row ?? 1;
  const bottom = b.row ?? Math.max(1, ext.rows);
  const left = a.col ?? 1;
  const right = b.col ?? Math.max(1, ext.cols);
  const box = { top: Math.min(top, bottom), bottom: Math.max(top, bottom), left: Math.min(left, right), right: Math.max(left, right) };
  if (box.top < 1 || box.left < 1 || box.bottom > MAX_ROWS || box.right > MAX_COLS) return ERR.ref;
  return box;
}

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

/** A single value (a 1×1 range, or the top-left of an array: Excel's implicit intersection, simplified). */
function scalarOf(v: Value, ctx: Ctx): Scalar {
  const d = deref(v, ctx);
  if (Array.isArray(d)) return d[0]?.[0] ?? null;
  return d;
}

function flatten(values: Value[], ctx: Ctx): Array<{ v: Scalar; direct: boolean }> {
  const out: Array<{ v: Scalar; direct: boolean }> = [];
  for (const v of values) {
    const d = deref(v, ctx);
    if (Array.isArray(d)) for (const row of d) for (const x of row) out.push({ v: x, direct: false });
    else out.push({ v: d, direct: !isRange(v) });
  }
  return out;
}

function elementwise(a: Value, b: Value, ctx: Ctx, f: (x: Scalar, y: Scalar) => Scalar): Value {
  const x = deref(a, ctx);
  const y = deref(b, ctx);
  if (!Array.isArray(x) && !Array.isArray(y)) return f(x, y);
  const rowsOf = (m: Scalar | Scalar[][]) => (Array.isArray(m) ? m.length : 1);
  const colsOf = (m: Scalar | Scalar[][]) => (Array.isArray(m) ? (m[0]?.length ?? 0) : 1);
  const at = (m: Scalar | Scalar[][], r: number, c: number): Scalar => {
    if (!Array.isArray(m)) return m;
    const rr = m.length === 1 ? 0 : r;
    const cc = (m[0]?.length ?? 0) === 1 ? 0 : c;
    return m[rr]?.[cc] ?? ERR.na;
  };
  const rows = Math.max(rowsOf(x), rowsOf(y));
  const cols = Math.max(colsOf(x), colsOf(y));
  const out: Scalar[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Scalar[] = [];
    for (let c = 0; c < cols; c++) row.push(f(at(x, r, c), at(y, r, c)));
    out.push(row);
  }
  return out;
}

function mapValue(v: Value, ctx: Ctx, f: (x: Scalar) => Scalar): Value {
  const d = deref(v, ctx);
  return Array.isArray(d) ? d.map((row) => row.map(f)) : f(d);
}

function arith(op: string, x: Scalar, y: Scalar): Scalar {
  const a = toNumber(x);
  if (a instanceof ErrorValue) return a;
  const b = toNumber(y);
  if (b instanceof ErrorValue) return b;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? ERR.div0 : a / b;
    default: {
      const p = a ** b;
      return Number.isFinite(p) ? p : ERR.num;
    }
  }
}

function binary(op: string, a: Value, b: Value, ctx: Ctx): Value {
  if (op === '&') {
    return elementwise(a, b, ctx, (x, y) => {
      const s = toText(x);
      if (s instanceof ErrorValue) return s;
      const t = toText(y);
      return t instanceof ErrorValue ? t : s + t;
    });
  }
  if (['=', '<>', '<', '>', '<=', '>='].includes(op)) {
    return elementwise(a, b, ctx, (x, y) => {
      if (x instanceof ErrorValue) return x;
      if (y instanceof ErrorValue) return y;
      const c = compare(x, y);
      return op === '=' ? c === 0 : op === '<>' ? c !== 0 : op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
    });
  }
  return elementwise(a, b, ctx, (x, y) => arith(op, x, y));
}

function evaluateNode(node: Node, ctx: Ctx): Value {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'missing':
      return null;
    case 'arr':
      return node.rows;
    case 'ref': {
      const sheet = node.sheet === undefined ? ctx.sheet : ctx.host.sheetName(node.sheet);
      if (sheet === undefined) return ERR.ref;
      const box = resolveBox(node, { ...ctx, sheet });
      return box instanceof ErrorValue ? box : { kind: 'range', sheet, box };
    }
    case 'name': {
      const v = ctx.host.definedName(node.name);
      return v === undefined ? ERR.name : v;
    }
    case 'neg':
      return mapValue(evaluateNode(node.a, ctx), ctx, (x) => {
        const n = toNumber(x);
        return n instanceof ErrorValue ? n : -n;
      });
    case 'pct':
      return mapValue(evaluateNode(node.a, ctx), ctx, (x) => {
        const n = toNumber(x);
        return n instanceof ErrorValue ? n : n / 100;
      });
    case 'bin':
      return binary(node.op, evaluateNode(node.a, ctx), evaluateNode(node.b, ctx), ctx);
    case 'fn': {
      const fn = FUNCTIONS[node.name];
      if (fn) return fn(node.args, ctx);
      const ext = EXTERNAL.get(node.name);
      return ext ? callExternal(ext, node.args, ctx) : ERR.name;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Functions

type Fn = (args: Node[], ctx: Ctx) => Value;

const ev = (n: Node | undefined, ctx: Ctx): Value => (n === undefined ? null : evaluateNode(n, ctx));
const sc = (n: Node | undefined, ctx: Ctx): Scalar => scalarOf(ev(n, ctx), ctx);

function num(n: Node | undefined, ctx: Ctx): number | ErrorValue {
  return toNumber(sc(n, ctx));
}

function firstError(values: Array<{ v: Scalar }>): ErrorValue | undefined {
  return values.find((x) => x.v instanceof ErrorValue)?.v as ErrorValue | undefined;
}

/** The numbers an aggregate counts: numbers in ranges, and numbers/booleans/numeric text typed directly. */
function numbersOf(args: Node[], ctx: Ctx): number[] | ErrorValue {
  const vals = flatten(
    args.map((a) => ev(a, ctx)),
    ctx,
  );
  const err = firstError(vals);
  if (err) return err;
  const out: number[] = [];
  for (const { v, direct } of vals) {
    if (typeof v === 'number') out.push(v);
    else if (direct && v !== null) {
      const n = toNumber(v);
      if (n instanceof ErrorValue) return n;
      out.push(n);
    }
  }
  return out;
}

function aggregate(f: (xs: number[]) => Scalar): Fn {
  return (args, ctx) => {
    const xs = numbersOf(args, ctx);
    return xs instanceof ErrorValue ? xs : f(xs);
  };
}

function unaryMath(f: (x: number) => number): Fn {
  return (args, ctx) => {
    const x = num(args[0], ctx);
    if (x instanceof ErrorValue) return x;
    const y = f(x);
    return Number.isFinite(y) ? y : ERR.num;
  };
}

function roundWith(mode: 'round' | 'up' | 'down'): Fn {
  return (args, ctx) => {
    const x = num(args[0], ctx);
    if (x instanceof ErrorValue) return x;
    const d = args[1] ? num(args[1], ctx) : 0;
    if (d instanceof ErrorValue) return d;
    if (mode === 'round') return excelRound(x, d);
    const f = 10 ** Math.trunc(d);
    const y = Number((Math.abs(x) * f).toPrecision(15));
    return (Math.sign(x) * (mode === 'up' ? Math.ceil(y) : Math.floor(y))) / f;
  };
}

/** COUNTIF-style criteria: `">=5"`, `"<>"`, `"甲*"`, 5, TRUE. */
function matcher(crit: Scalar): (v: Scalar) => boolean {
  if (crit instanceof ErrorValue) return () => false;
  if (typeof crit === 'number' || typeof crit === 'boolean') return (v) => v !== null && !(v instanceof ErrorValue) && compare(v, crit) === 0 && typeRank(v) === typeRank(crit);
  const text = crit ?? '';
  const m = /^(<=|>=|<>|<|>|=)?(.*)$/s.exec(text)!;
  const op = m[1] ?? '=';
  const operand = m[2];
  const n = operand.trim() === '' ? NaN : Number(operand);
  if (Number.isFinite(n)) {
    return (v) => {
      if (typeof v !== 'number') return op === '<>';
      const c = v < n ? -1 : v > n ? 1 : 0;
      return op === '=' ? c === 0 : op === '<>' ? c !== 0 : op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
    };
  }
  if (operand === '') {
    return op === '<>' ? (v) => v !== null && v !== '' : (v) => v === null || v === '';
  }
  const re = new RegExp(`^${operand.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'is');
  const eq = (v: Scalar) => typeof v === 'string' && re.test(v);
  if (op === '=') return eq;
  if (op === '<>') return (v) => !eq(v);
  return (v) => typeof v === 'string' && (op === '<' ? compare(v, operand) < 0 : op === '>' ? compare(v, operand) > 0 : op === '<=' ? compare(v, operand) <= 0 : compare(v, operand) >= 0);
}

function grid(v: Value, ctx: Ctx): Scalar[][] {
  const d = deref(v, ctx);
  return Array.isArray(d) ? d : [[d]];
}

/** Cells of criteria ranges that all match; used by COUNTIFS/SUMIFS/AVERAGEIFS. */
function matchMask(pairs: Array<[Node, Node]>, ctx: Ctx): boolean[][] | ErrorValue {
  let mask: boolean[][] | undefined;
  for (const [rangeNode, critNode] of pairs) {
    const g = grid(ev(rangeNode, ctx), ctx);
    const crit = sc(critNode, ctx);
    const test = matcher(crit);
    const m = g.map((row) => row.map(test));
    if (mask && (mask.length !== m.length || (mask[0]?.length ?? 0) !== (m[0]?.length ?? 0))) return ERR.value;
    mask = mask ? mask.map((row, r) => row.map((x, c) => x && m[r][c])) : m;
  }
  return mask ?? [];
}

function sumMasked(values: Scalar[][], mask: boolean[][]): { sum: number; count: number } {
  let sum = 0;
  let count = 0;
  mask.forEach((row, r) =>
    row.forEach((ok, c) => {
      const v = values[r]?.[c];
      if (ok && typeof v === 'number') {
        sum += v;
        count++;
      }
    }),
  );
  return { sum, count };
}

function isErr(v: Scalar): v is ErrorValue {
  return v instanceof ErrorValue;
}

function predicate(f: (v: Scalar, isRef: boolean) => boolean): Fn {
  return (args, ctx) => {
    const raw = ev(args[0], ctx);
    return f(scalarOf(raw, ctx), isRange(raw));
  };
}

const FUNCTIONS: Record<string, Fn> = {
  SUM: aggregate((xs) => xs.reduce((s, x) => s + x, 0)),
  PRODUCT: aggregate((xs) => xs.reduce((s, x) => s * x, 1)),
  COUNT: aggregate((xs) => xs.length),
  AVERAGE: aggregate((xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : ERR.div0)),
  MIN: aggregate((xs) => (xs.length ? Math.min(...xs) : 0)),
  MAX: aggregate((xs) => (xs.length ? Math.max(...xs) : 0)),
  COUNTA: (args, ctx) => flatten(args.map((a) => ev(a, ctx)), ctx).filter(({ v }) => v !== null).length,
  COUNTBLANK: (args, ctx) => flatten([ev(args[0], ctx)], ctx).filter(({ v }) => v === null || v === '').length,
  SUMPRODUCT: (args, ctx) => {
    const grids = args.map((a) => grid(ev(a, ctx), ctx));
    const rows = grids[0]?.length ?? 0;
    const cols = grids[0]?.[0]?.length ?? 0;
    if (grids.some((g) => g.length !== rows || (g[0]?.length ?? 0) !== cols)) return ERR.value;
    let total = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        let p = 1;
        for (const g of grids) {
          const v = g[r][c];
          if (isErr(v)) return v;
          p *= typeof v === 'number' ? v : 0;
        }
        total += p;
      }
    }
    return total;
  },
  COUNTIF: (args, ctx) => {
    const mask = matchMask([[args[0], args[1]]], ctx);
    return mask instanceof ErrorValue ? mask : mask.flat().filter(Boolean).length;
  },
  COUNTIFS: (args, ctx) => {
    const pairs: Array<[Node, Node]> = [];
    for (let i = 0; i + 1 < args.length; i += 2) pairs.push([args[i], args[i + 1]]);
    const mask = matchMask(pairs, ctx);
    return mask instanceof ErrorValue ? mask : mask.flat().filter(Boolean).length;
  },
  SUMIF: (args, ctx) => {
    const mask = matchMask([[args[0], args[1]]], ctx);
    if (mask instanceof ErrorValue) return mask;
    return sumMasked(grid(ev(args[2] ?? args[0], ctx), ctx), mask).sum;
  },
  SUMIFS: (args, ctx) => {
    const pairs: Array<[Node, Node]> = [];
    for (let i = 1; i + 1 < args.length; i += 2) pairs.push([args[i], args[i + 1]]);
    const mask = matchMask(pairs, ctx);
    if (mask instanceof ErrorValue) return mask;
    return sumMasked(grid(ev(args[0], ctx), ctx), mask).sum;
  },
  AVERAGEIF: (args, ctx) => {
    const mask = matchMask([[args[0], args[1]]], ctx);
    if (mask instanceof ErrorValue) return mask;
    const { sum, count } = sumMasked(grid(ev(args[2] ?? args[0], ctx), ctx), mask);
    return count ? sum / count : ERR.div0;
  },
  IF: (args, ctx) => {
    const c = toBool(sc(args[0], ctx));
    if (c instanceof ErrorValue) return c;
    if (c) return args[1] === undefined ? true : ev(args[1], ctx);
    return args.length < 3 ? false : ev(args[2], ctx);
  },
  IFERROR: (args, ctx) => {
    const v = sc(args[0], ctx);
    return isErr(v) ? ev(args[1], ctx) : v;
  },
  IFNA: (args, ctx) => {
    const v = sc(args[0], ctx);
    return isErr(v) && v.code === '#N/A' ? ev(args[1], ctx) : v;
  },
  IFS: (args, ctx) => {
    for (let i = 0; i + 1 < args.length; i += 2) {
      const c = toBool(sc(args[i], ctx));
      if (c instanceof ErrorValue) return c;
      if (c) return ev(args[i + 1], ctx);
    }
    return ERR.na;
  },
  AND: (args, ctx) => {
    const vals = flatten(args.map((a) => ev(a, ctx)), ctx).filter(({ v, direct }) => direct || typeof v === 'number' || typeof v === 'boolean');
    const err = firstError(vals);
    if (err) return err;
    let all = true;
    for (const { v } of vals) {
      const b = toBool(v);
      if (b instanceof ErrorValue) return b;
      all = all && b;
    }
    return vals.length ? all : ERR.value;
  },
  OR: (args, ctx) => {
    const vals = flatten(args.map((a) => ev(a, ctx)), ctx).filter(({ v, direct }) => direct || typeof v === 'number' || typeof v === 'boolean');
    const err = firstError(vals);
    if (err) return err;
    let any = false;
    for (const { v } of vals) {
      const b = toBool(v);
      if (b instanceof ErrorValue) return b;
      any = any || b;
    }
    return vals.length ? any : ERR.value;
  },
  NOT: (args, ctx) => {
    const b = toBool(sc(args[0], ctx));
    return b instanceof ErrorValue ? b : !b;
  },
  ROUND: roundWith('round'),
  ROUNDUP: roundWith('up'),
  ROUNDDOWN: roundWith('down'),
  INT: unaryMath(Math.floor),
  TRUNC: unaryMath(Math.trunc),
  ABS: unaryMath(Math.abs),
  SIGN: unaryMath(Math.sign),
  SQRT: (args, ctx) => {
    const x = num(args[0], ctx);
    if (x instanceof ErrorValue) return x;
    return x < 0 ? ERR.num : Math.sqrt(x);
  },
  POWER: (args, ctx) => binary('^', sc(args[0], ctx), sc(args[1], ctx), ctx),
  MOD: (args, ctx) => {
    const a = num(args[0], ctx);
    const b = num(args[1], ctx);
    if (a instanceof ErrorValue) return a;
    if (b instanceof ErrorValue) return b;
    return b === 0 ? ERR.div0 : a - b * Math.floor(a / b);
  },
  ISNUMBER: predicate((v) => typeof v === 'number'),
  ISTEXT: predicate((v) => typeof v === 'string'),
  ISNONTEXT: predicate((v) => typeof v !== 'string'),
  ISLOGICAL: predicate((v) => typeof v === 'boolean'),
  ISBLANK: predicate((v, isRef) => isRef && v === null),
  ISERROR: predicate((v) => isErr(v)),
  ISERR: predicate((v) => isErr(v) && v.code !== '#N/A'),
  ISNA: predicate((v) => isErr(v) && v.code === '#N/A'),
  NA: () => ERR.na,
  N: (args, ctx) => {
    const v = sc(args[0], ctx);
    return typeof v === 'number' || isErr(v) ? v : v === true ? 1 : 0;
  },
  VALUE: (args, ctx) => {
    const v = sc(args[0], ctx);
    return typeof v === 'string' ? toNumber(v) : toNumber(v);
  },
  LEN: (args, ctx) => {
    const t = toText(sc(args[0], ctx));
    return t instanceof ErrorValue ? t : t.length;
  },
  TRIM: (args, ctx) => {
    const t = toText(sc(args[0], ctx));
    return t instanceof ErrorValue ? t : t.trim().replace(/ {2,}/g, ' ');
  },
  UPPER: (args, ctx) => {
    const t = toText(sc(args[0], ctx));
    return t instanceof ErrorValue ? t : t.toUpperCase();
  },
  LOWER: (args, ctx) => {
    const t = toText(sc(args[0], ctx));
    return t instanceof ErrorValue ? t : t.toLowerCase();
  },
  EXACT: (args, ctx) => {
    const a = toText(sc(args[0], ctx));
    const b = toText(sc(args[1], ctx));
    if (a instanceof ErrorValue) return a;
    if (b instanceof ErrorValue) return b;
    return a === b;
  },
  LEFT: (args, ctx) => {
    const t = toText(sc(args[0], ctx));
    const n = args[1] ? num(args[1], ctx) : 1;
    if (t instanceof ErrorValue) return t;
    if (n instanceof ErrorValue) return n;
    return [...t].slice(0, n).join('');
  },
  RIGHT: (args, ctx) => {
    const t = toText(sc(args[0], ctx));
    const n = args[1] ? num(args[1], ctx) : 1;
    if (t instanceof ErrorValue) return t;
    if (n instanceof ErrorValue) return n;
    return n <= 0 ? '' : [...t].slice(-n).join('');
  },
  MID: (args, ctx) => {
    const t = toText(sc(args[0], ctx));
    const s = num(args[1], ctx);
    const n = num(args[2], ctx);
    if (t instanceof ErrorValue) return t;
    if (s instanceof ErrorValue) return s;
    if (n instanceof ErrorValue) return n;
    return [...t].slice(s - 1, s - 1 + n).join('');
  },
  CONCATENATE: (args, ctx) => {
    let out = '';
    for (const a of args) {
      const t = toText(sc(a, ctx));
      if (t instanceof ErrorValue) return t;
      out += t;
    }
    return out;
  },
  CONCAT: (args, ctx) => {
    let out = '';
    for (const { v } of flatten(args.map((a) => ev(a, ctx)), ctx)) {
      const t = toText(v);
      if (t instanceof ErrorValue) return t;
      out += t;
    }
    return out;
  },
  TEXT: (args, ctx) => {
    const v = sc(args[0], ctx);
    const f = toText(sc(args[1], ctx));
    if (isErr(v)) return v;
    if (f instanceof ErrorValue) return f;
    return typeof v === 'number' ? formatNumber(v, f) : (toText(v) as string);
  },
  HYPERLINK: (args, ctx) => (args.length > 1 ? sc(args[1], ctx) : sc(args[0], ctx)),
  CHOOSE: (args, ctx) => {
    const i = num(args[0], ctx);
    if (i instanceof ErrorValue) return i;
    const pick = args[Math.trunc(i)];
    return i >= 1 && pick ? ev(pick, ctx) : ERR.value;
  },
  ROW: (args, ctx) => {
    if (!args.length) return ctx.dr + 1;
    const r = ev(args[0], ctx);
    return isRange(r) ? r.box.top : ERR.value;
  },
  COLUMN: (args, ctx) => {
    if (!args.length) return ctx.dc + 1;
    const r = ev(args[0], ctx);
    return isRange(r) ? r.box.left : ERR.value;
  },
  ROWS: (args, ctx) => grid(ev(args[0], ctx), ctx).length,
  COLUMNS: (args, ctx) => grid(ev(args[0], ctx), ctx)[0]?.length ?? 0,
  INDEX: (args, ctx) => {
    const g = grid(ev(args[0], ctx), ctx);
    const r = args[1] ? num(args[1], ctx) : 1;
    const c = args[2] ? num(args[2], ctx) : 1;
    if (r instanceof ErrorValue) return r;
    if (c instanceof ErrorValue) return c;
    const row = g.length === 1 && !args[2] ? 0 : r - 1;
    const col = g.length === 1 && !args[2] ? r - 1 : c - 1;
    const v = g[row]?.[col];
    return v === undefined ? ERR.ref : v;
  },
  MATCH: (args, ctx) => {
    const x = sc(args[0], ctx);
    const flat = grid(ev(args[1], ctx), ctx).flat();
    const type = args[2] ? num(args[2], ctx) : 1;
    if (type instanceof ErrorValue) return type;
    if (type === 0) {
      const test = typeof x === 'string' ? matcher(x) : (v: Scalar) => v !== null && compare(v, x) === 0;
      const i = flat.findIndex(test);
      return i < 0 ? ERR.na : i + 1;
    }
    let best = -1;
    flat.forEach((v, i) => {
      if (v !== null && !isErr(v) && (type > 0 ? compare(v, x) <= 0 : compare(v, x) >= 0)) best = i;
    });
    return best < 0 ? ERR.na : best + 1;
  },
};

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
    if (a.k === 'missing') {
      values.push(null);
      continue;
    }
    const v = deref(evaluateNode(a, ctx), ctx);
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
export const SUPPORTED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);

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
  const v = scalarOf(evaluateNode(node, ctx), ctx);
  if (typeof v === 'number' && !Number.isFinite(v)) return ERR.num;
  return v;
}

// ---------------------------------------------------------------------------------------------
// Number formats (display text for the preview grid and `range.text`)

/** Formats a number with the common codes templates use; anything else falls back to General. */
export function formatNumber(n: number, code: string): string {
  const section = code.split(';')[n < 0 && code.includes(';') ? 1 : 0] ?? code;
  const clean = section.replace(/_.|\\.|"[^"]*"|\[[^\]]*\]/g, '').trim();
  if (clean === '' || /^general$/i.test(clean) || clean === '@') return formatGeneral(n);
  const pct = clean.includes('%');
  const m = /([#0,]*0)(?:\.(0+|#+))?/.exec(clean);
  if (!m) return formatGeneral(n);
  const decimals = m[2]?.length ?? 0;
  const value = pct ? n * 100 : n;
  const abs = Math.abs(value);
  let s = excelRound(abs, decimals).toFixed(decimals);
  if (m[2]?.startsWith('#')) s = s.replace(/\.?0+$/, '');
  if (m[1].includes(',')) {
    const [int, frac] = s.split('.');
    s = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  const sign = value < 0 && !code.includes(';') && Number(s.replace(/,/g, '')) !== 0 ? '-' : '';
  // Quoted literals keep their side of the number: `"≥"0.0` shows ≥11.0, `0.0"%"` shows 11.0%.
  const quoted = [...section.matchAll(/"([^"]*)"/g)];
  const firstDigit = section.replace(/"[^"]*"/g, (q) => ' '.repeat(q.length)).search(/[#0]/);
  const before = quoted.filter((q) => q.index! < firstDigit).map((q) => q[1]).join('');
  const after = quoted.filter((q) => q.index! >= firstDigit).map((q) => q[1]).join('');
  return `${before}${sign}${s}${pct ? '%' : ''}${after}`;
}
