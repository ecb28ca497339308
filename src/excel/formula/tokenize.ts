/**
 * A tokenizer for Excel formulas (English function names, `,` separators, no leading `=`).
 *
 * Two users: the fake's evaluator (the preview grid computes what Excel would), and the renderer,
 * which rewrites sheet and defined-name references when it has to place a template on renamed
 * sheets. Both need the same answer to "is this piece a reference, a name, a string?" — string
 * literals in particular must never be rewritten — so there is one tokenizer.
 *
 * Every token keeps its `start`/`end` offsets so a caller can splice the source text.
 */

export type TokenType =
  | 'number'
  | 'string'
  | 'bool'
  | 'error'
  | 'ref' // A1, $A$1, A1:B2, A:B, 1:2, optionally sheet-qualified
  | 'name' // a defined name (possibly sheet-qualified)
  | 'func' // identifier directly followed by `(` (the paren is not part of it)
  | 'op'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'semicolon'
  | 'lbrace'
  | 'rbrace'
  | 'space';

export interface Token {
  type: TokenType;
  /** The source text of the whole token (including any sheet prefix). */
  text: string;
  start: number;
  end: number;
  /** Sheet prefix of a `ref`/`name` token, unquoted (`My sheet` for `'My sheet'!A1`). */
  sheet?: string;
  /** Offset where the part after `!` starts (or `start` when there is no sheet prefix). */
  localStart?: number;
}

export class FormulaSyntaxError extends Error {
  constructor(message: string, readonly at: number) {
    super(message);
    this.name = 'FormulaSyntaxError';
  }
}

const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d{1,7}`;
const COLS = String.raw`\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}`;
const ROWS = String.raw`\$?\d{1,7}:\$?\d{1,7}`;
// Sticky patterns matched in place (no slicing: tokenizing stays linear in the formula's length).
/** A reference right after `!`, or at the start of a bare reference. */
const LOCAL_REF = new RegExp(String.raw`(?:${CELL}(?::${CELL})?|${COLS}|${ROWS})(?![\p{L}\p{N}_.(])`, 'uy');
const WORD = /[\p{L}_\\][\p{L}\p{N}_.\\]*/uy;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
/** A plain number here (not the start of a row range such as `1:3`). */
const PLAIN_NUMBER = /\d+(?:\.\d*)?(?:[eE][+-]?\d+)?(?![:\d])/y;
const ERROR = /#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)/iy;
const SPACE = /\s+/y;
const OPERATORS = ['<=', '>=', '<>', '+', '-', '*', '/', '^', '&', '=', '<', '>', '%'];

function matchAt(re: RegExp, src: string, at: number): string | undefined {
  re.lastIndex = at;
  const m = re.exec(src);
  return m ? m[0] : undefined;
}

function readQuotedSheet(src: string, i: number): { name: string; end: number } {
  // src[i] is the opening quote; `''` inside is one quote.
  let name = '';
  let j = i + 1;
  for (; j < src.length; j++) {
    if (src[j] === "'") {
      if (src[j + 1] === "'") {
        name += "'";
        j++;
        continue;
      }
      return { name, end: j + 1 };
    }
    name += src[j];
  }
  throw new FormulaSyntaxError('unterminated sheet name', i);
}

/** Splits a formula into tokens; whitespace tokens are kept so the text can be rebuilt exactly. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (type: TokenType, end: number, extra: Partial<Token> = {}) => {
    tokens.push({ type, text: src.slice(i, end), start: i, end, ...extra });
    i = end;
  };
  /** The reference or name after a sheet prefix ending at `bang` (the `!`). */
  const qualified = (sheet: string, bang: number) => {
    const ref = matchAt(LOCAL_REF, src, bang + 1);
    const local = ref ?? matchAt(WORD, src, bang + 1);
    if (local === undefined) throw new FormulaSyntaxError('expected a reference after !', bang + 1);
    push(ref !== undefined ? 'ref' : 'name', bang + 1 + local.length, { sheet, localStart: bang + 1 });
  };
  while (i < src.length) {
    const ch = src[i];
    const space = matchAt(SPACE, src, i);
    if (space) {
      push('space', i + space.length);
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw new FormulaSyntaxError('unterminated string', i);
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      push('string', j + 1);
      continue;
    }
    if (ch === "'") {
      const { name, end } = readQuotedSheet(src, i);
      if (src[end] !== '!') throw new FormulaSyntaxError('expected ! after a quoted sheet name', end);
      qualified(name, end);
      continue;
    }
    const err = matchAt(ERROR, src, i);
    if (err) {
      push('error', i + err.length);
      continue;
    }
    const refHere = matchAt(LOCAL_REF, src, i);
    if (refHere && matchAt(PLAIN_NUMBER, src, i) === undefined) {
      push('ref', i + refHere.length, { localStart: i });
      continue;
    }
    const word = matchAt(WORD, src, i);
    if (word) {
      const end = i + word.length;
      if (src[end] === '!') {
        qualified(word, end);
        continue;
      }
      if (src[end] === '(') {
        push('func', end);
        continue;
      }
      if (/^(TRUE|FALSE)$/i.test(word)) {
        push('bool', end);
        continue;
      }
      push('name', end, { localStart: i });
      continue;
    }
    const num = matchAt(NUMBER, src, i);
    if (num) {
      push('number', i + num.length);
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      push('op', i + op.length);
      continue;
    }
    const single: Record<string, TokenType> = { '(': 'lparen', ')': 'rparen', ',': 'comma', ';': 'semicolon', '{': 'lbrace', '}': 'rbrace' };
    if (single[ch]) {
      push(single[ch], i + 1);
      continue;
    }
    throw new FormulaSyntaxError(`unexpected character ${JSON.stringify(ch)}`, i);
  }
  return tokens;
}

/** True when Excel would need the sheet name quoted in a reference. */
export function sheetNeedsQuotes(name: string): boolean {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) return true;
  // A name that reads as a cell (A1, XFD1048576) or an R1C1 reference must be quoted.
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]?\d*$/.test(name) || /^[Cc]\d*$/.test(name) || /^(TRUE|FALSE)$/i.test(name);
}

/** `Sheet1` or `'My sheet'` — quoted only when needed, the way Excel reports addresses. */
export function sheetPrefix(name: string): string {
  return sheetNeedsQuotes(name) ? `'${name.replace(/'/g, "''")}'` : name;
}

/**
 * Rebuilds a formula with sheet-qualified references and defined names rewritten. `renameSheet`
 * maps a sheet name to its new name (or undefined to keep it); `renameName` does the same for
 * defined names (bare or sheet-qualified). String literals are never touched.
 */
export function rewriteReferences(
  formula: string,
  renameSheet: (sheet: string) => string | undefined,
  renameName: (name: string) => string | undefined = () => undefined,
): string {
  const tokens = tokenize(formula);
  let out = '';
  for (const t of tokens) {
    if ((t.type === 'ref' || t.type === 'name') && t.localStart !== undefined) {
      const local = formula.slice(t.localStart, t.end);
      const newLocal = t.type === 'name' ? (renameName(local) ?? local) : local;
      if (t.sheet !== undefined) {
        const sheet = renameSheet(t.sheet);
        // A renamed sheet is always quoted (safe for any name, like the spec's own references).
        out += sheet === undefined ? formula.slice(t.start, t.localStart) + newLocal : `'${sheet.replace(/'/g, "''")}'!${newLocal}`;
      } else {
        out += newLocal;
      }
      continue;
    }
    out += t.text;
  }
  return out;
}
