/** terminalSafe: nothing in a cell acts on a terminal, nothing is lost, JSON stays valid and equal. */
import fc from 'fast-check';
import { isTerminalSafe, terminalSafe } from '../../src/core/text/terminal';

test('escape sequences, carriage returns, C1 and bidi controls become visible text', () => {
  // (`_x001B_` in a file is ESC once the reader decodes it: test/xlsx/safe-read.test.ts.)
  const cell = '\u001b[2J红\u001b]0;title\u0007\r\u009b31m\u202e';
  expect(terminalSafe(cell)).toBe('␛[2J红␛]0;title␇␍\\u009b31m\\u202e');
  expect(terminalSafe('行一\n\t行二')).toBe('行一\n\t行二');
});

test('property: the output is always terminal-safe, and JSON made safe parses to the same value', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      expect(isTerminalSafe(terminalSafe(s))).toBe(true);
      const json = JSON.stringify({ s });
      expect(JSON.parse(terminalSafe(json))).toEqual({ s });
    }),
  );
});
