/**
 * The preview grid renders a window of rows: the frozen rows, the first hundred (a whole form
 * sheet), and the rows around the scrolled position, never cutting a merge.
 */
import { renderedRows } from '../../src/taskpane/preview/GridView';

const rows = (n: number, h = 20) => new Array<number>(n).fill(h);
const noSpans = (n: number) => new Array<number>(n).fill(1);

describe('renderedRows', () => {
  test('at the top: the first hundred rows (or all of a short sheet)', () => {
    expect(renderedRows(rows(400), noSpans(400), 0, 0, 600)).toEqual({ start: 0, end: 99 });
    expect(renderedRows(rows(30), noSpans(30), 0, 0, 600)).toEqual({ start: 0, end: 29 });
  });

  test('scrolled far down: about three screens around the scroll position, in blocks of 50 rows, not the rows above', () => {
    const { start, end } = renderedRows(rows(400), noSpans(400), 2, 5000, 600);
    // 5000 px scrolled at 20 px a row: row 250 is at the top; one screen (30 rows) before, the visible one and one more after.
    expect(start).toBeGreaterThan(100);
    expect(start).toBeLessThanOrEqual(250 - 30);
    expect(end).toBeGreaterThanOrEqual(250 + 55);
    expect(end - start).toBeLessThan(160);
  });

  test('a merge crossing either end of the window is rendered whole', () => {
    const spans = noSpans(400);
    const plain = renderedRows(rows(400), spans, 0, 5000, 600);
    spans[plain.start - 3] = 10; // starts above the window, reaches into it
    spans[plain.end - 1] = 10; // starts inside, reaches past the end
    const merged = renderedRows(rows(400), spans, 0, 5000, 600);
    expect(merged.start).toBe(plain.start - 3);
    expect(merged.end).toBe(plain.end + 8);
  });

  test('unmeasured (no layout, as in jsdom): a screen of 800 px is assumed, the first hundred rows are there', () => {
    expect(renderedRows(rows(400), noSpans(400), 0, 0, 0)).toEqual({ start: 0, end: 99 });
  });
});
