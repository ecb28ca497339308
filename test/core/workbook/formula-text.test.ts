/** Formula text as hosts write it back: canonical comparison, moving rows, repeating a row's formula. */
import fc from 'fast-check';
import { canonicalFormula, matchesParts, moveRows, rowParts, sameFormula, translateFormula } from '../../../src/core/workbook/formula-text';
import { FormulaSyntaxError, tokenize } from '../../../src/core/workbook/formula';

test('spellings of the same formula compare equal', () => {
  const f = 'IF(COUNT(C8,D8)=2,IF(D8=0,"",C8/D8*100),"")';
  expect(sameFormula(f, '=if(count($C$8,D8)=2, IF(D8=0,"",C8/D8*100),"")')).toBe(true);
  expect(sameFormula('AND(A1=TRUE,B1)', 'AND(A1=TRUE(),B1)')).toBe(true); // LibreOffice writes TRUE()
  expect(sameFormula('_xlfn.STDEV.S(A1:A9)', 'STDEV.S(A1:A9)')).toBe(true);
  expect(sameFormula("SUM('学校 数据'!C8:C9)", 'SUM(学校 数据!C8:C9)')).toBe(true);
  // Text inside quotes is compared as written.
  expect(sameFormula('IF(A1>0,"达标","未达标")', 'IF(A1>0,"达 标","未达标")')).toBe(false);
  expect(sameFormula('C8/D8*100', 'C8/D8*100+5')).toBe(false);
  expect(canonicalFormula('="a b"&c1')).toBe('"a b"&C1');
});

test('moving rows changes references, never function names or text', () => {
  expect(moveRows('LOG10(C8)+SUM(C8:C9)+"C8"', (r) => r + 2)).toBe('LOG10(C10)+SUM(C10:C11)+"C8"');
  expect(moveRows('$C$8*ATAN2(1,2)', (r) => r + 1)).toBe('$C$9*ATAN2(1,2)');
});

const formulaArb = fc
  .array(
    fc.oneof(
      fc.constantFrom('SUM(', ')', ',', '+', '*', '/', '=', '"C8"', '"x""y"', 'LOG10(', 'IF(', 'ROUND('),
      fc.tuple(fc.constantFrom('', '$'), fc.constantFrom('A', 'C', 'AB', 'XFD'), fc.constantFrom('', '$'), fc.constantFrom(7, 8, 9, 80, 108)).map(([a, c, b, r]) => `${a}${c}${b}${r}`),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

test('repeating a row formula on another row equals moving its references', () => {
  fc.assert(
    fc.property(formulaArb, fc.integer({ min: 1, max: 100000 }), (f, R) => {
      const moved = moveRows(f, (x) => (x === 8 ? R : x));
      const parts = rowParts(f, 8);
      expect(parts.join(String(R))).toBe(moved);
      expect(matchesParts(moved, parts, String(R))).toBe(true);
      expect(matchesParts(`${moved}+1`, parts, String(R))).toBe(false);
    }),
  );
});

test('shared formulas move whole references: ranges, column and row ranges, off the grid is #REF!', () => {
  expect(translateFormula('SUM(A:B)+SUM(2:3)+$A1', 1, 1)).toBe('SUM(B:C)+SUM(3:4)+$A2');
  expect(translateFormula("SUM('学校 数据'!C8:C9)", 1, 0)).toBe("SUM('学校 数据'!C9:C10)");
  expect(translateFormula('XFD1+A1', 0, 1)).toBe('#REF!+B1');
  expect(translateFormula('Sheet1!A1', -1, 0)).toBe('Sheet1!#REF!');
});

test('formulas from files never throw: unreadable text is kept as it is', () => {
  for (const f of ['"unterminated', "'no bang'", 'A1+[1]Sheet!B2', 'Sheet1!#REF!+1', '@A1', '']) {
    expect(() => canonicalFormula(f)).not.toThrow();
    expect(moveRows(f, (r) => r + 1).length).toBeGreaterThanOrEqual(f.length);
    expect(tokenize(f, { lenient: true }).map((t) => t.text).join('')).toBe(f);
  }
  expect(() => tokenize('"unterminated')).toThrow(FormulaSyntaxError);
});
