/** The codec's addresses: areas as Office.js writes them, sheet-qualified references, the fast A1 path. */
import fc from 'fast-check';
import {
  a1,
  MAX_COLS,
  MAX_ROWS,
  parseArea,
  parseRefEnd,
  quoteSheet,
  sheetPrefix,
  splitSheetRef,
  tryA1ToRowCol,
} from '../../../src/core/workbook/address';

test('areas: cells, ranges, whole columns and rows; anything else is undefined', () => {
  expect(parseArea('$B$2:C3')).toEqual({ top: 2, left: 2, bottom: 3, right: 3 });
  expect(parseArea('C:A')).toEqual({ top: 1, left: 1, bottom: MAX_ROWS, right: 3 });
  expect(parseArea('$2:5')).toEqual({ top: 2, left: 1, bottom: 5, right: MAX_COLS });
  for (const bad of ['', 'A', '2', 'A1:B', 'A:1', 'A1:B2:C3', 'XFE1', 'A1048577', '1A']) expect(parseArea(bad)).toBeUndefined();
  expect(parseRefEnd('$7')).toEqual({ col: undefined, row: 7, colAbs: false, rowAbs: true });
  expect(parseRefEnd('C$7')).toEqual({ col: 3, row: 7, colAbs: false, rowAbs: true });
});

test('sheet-qualified references split into the unquoted sheet and the local part', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 31 }).filter((s) => !/[[\]:*?/\\]/.test(s)), (sheet) => {
      expect(splitSheetRef(`${quoteSheet(sheet)}!A1:B2`)).toEqual({ sheet, local: 'A1:B2' });
      expect(splitSheetRef(`=${sheetPrefix(sheet)}!C:C`)).toEqual({ sheet, local: 'C:C' });
    }),
  );
  expect(splitSheetRef('A1')).toBeUndefined();
  expect(splitSheetRef("'unterminated!A1")).toBeUndefined();
});

test('the fast A1 path agrees with the general one', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: MAX_COLS }), fc.integer({ min: 1, max: MAX_ROWS }), (col, row) => {
      expect(tryA1ToRowCol(a1(row, col))).toEqual({ row, col });
      expect(tryA1ToRowCol(`$${a1(row, col).toLowerCase()}`)).toEqual({ row, col });
    }),
  );
  expect(tryA1ToRowCol('c12')).toEqual({ row: 12, col: 3 });
  expect(tryA1ToRowCol('$C$12')).toEqual({ row: 12, col: 3 });
  for (const bad of ['C', '12', 'C0', 'C12D', 'C12345678', '']) expect(tryA1ToRowCol(bad)).toBeUndefined();
});
