/**
 * The one tokenizer for Excel formulas (English function names, `,` separators, no leading `=`).
 *
 * Users: the fake's evaluator (the preview grid computes what Excel would), the comparison of
 * formula text as hosts write it back (formula-text.ts: validation), and the expansion of shared
 * formulas when a file is read (`translateFormula`). All need the same answer to "is this piece
 * a reference, a name, a string?" — string literals in particular must never be rewritten.
 *
 * Every token keeps its `start`/`end` offsets so a caller can splice the source text.
 * `lenient` is for formulas from files (untrusted): instead of throwing, what cannot be read is
 * kept as `unknown` tokens, so the text still rebuilds exactly.
 */

import { readQuotedSheet } from './address';

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
  | 'space'
  | 'unknown'; // lenient mode only: a character that starts no token

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

export interface TokenizeOptions {
  /** Never throw: unreadable characters become `unknown` tokens, an unterminated string runs to the end. */
  lenient?: boolean;
}

/** Splits a formula into tokens; whitespace tokens are kept so the text can be rebuilt exactly. */
export function tokenize(src: string, options: TokenizeOptions = {}): Token[] {
  const lenient = options.lenient === true;
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
  /** Reads the token at `i`. */
  const step = (): void => {
    const ch = src[i];
    const space = matchAt(SPACE, src, i);
    if (space) {
      push('space', i + space.length);
      return;
    }
    if (ch === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= src.length) {
          if (!lenient) throw new FormulaSyntaxError('unterminated string', i);
          push('string', src.length);
          return;
        }
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
      return;
    }
    if (ch === "'") {
      const quoted = readQuotedSheet(src, i);
      if (!quoted) throw new FormulaSyntaxError('unterminated sheet name', i);
      const { name, end } = quoted;
      if (src[end] !== '!') throw new FormulaSyntaxError('expected ! after a quoted sheet name', end);
      qualified(name, end);
      return;
    }
    const err = matchAt(ERROR, src, i);
    if (err) {
      // `#REF!G9`: what Excel leaves of `'Deleted sheet'!G9` once the sheet is gone; one error value.
      const lost = /^#REF!$/i.test(err) ? matchAt(LOCAL_REF, src, i + err.length) : undefined;
      push('error', i + err.length + (lost?.length ?? 0));
      return;
    }
    const refHere = matchAt(LOCAL_REF, src, i);
    if (refHere && matchAt(PLAIN_NUMBER, src, i) === undefined) {
      push('ref', i + refHere.length, { localStart: i });
      return;
    }
    const word = matchAt(WORD, src, i);
    if (word) {
      const end = i + word.length;
      if (src[end] === '!') {
        qualified(word, end);
        return;
      }
      if (src[end] === '(') {
        push('func', end);
        return;
      }
      if (/^(TRUE|FALSE)$/i.test(word)) {
        push('bool', end);
        return;
      }
      push('name', end, { localStart: i });
      return;
    }
    const num = matchAt(NUMBER, src, i);
    if (num) {
      push('number', i + num.length);
      return;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      push('op', i + op.length);
      return;
    }
    const single: Record<string, TokenType> = { '(': 'lparen', ')': 'rparen', ',': 'comma', ';': 'semicolon', '{': 'lbrace', '}': 'rbrace' };
    if (single[ch]) {
      push(single[ch], i + 1);
      return;
    }
    throw new FormulaSyntaxError(`unexpected character ${JSON.stringify(ch)}`, i);
  };
  while (i < src.length) {
    if (!lenient) {
      step();
      continue;
    }
    try {
      step();
    } catch (e) {
      if (!(e instanceof FormulaSyntaxError)) throw e;
      push('unknown', i + 1);
    }
  }
  return tokens;
}
