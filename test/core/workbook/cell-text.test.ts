/**
 * A unit name or label read from a cell: a host may hand over values the grid type does not
 * promise (a Date, `{}`, an array). They read as no text, never as "[object Object]" in a message
 * (a counterexample fast-check found in properties.test.ts: `{}` typed into a unit's name cell).
 */
import { cellText } from '../../../src/core/workbook/grid';

test('strings, numbers and booleans are text; empties, errors and foreign objects are not', () => {
  expect(cellText('甲校')).toBe('甲校');
  expect(cellText(12)).toBe('12');
  expect(cellText(true)).toBe('true');
  expect(cellText(null)).toBe('');
  expect(cellText(undefined)).toBe('');
  expect(cellText({ error: '#REF!' })).toBe('');
  expect(cellText({})).toBe('');
  expect(cellText([])).toBe('');
  expect(cellText(new Date(0))).toBe('');
  expect(cellText(NaN)).toBe('');
});
