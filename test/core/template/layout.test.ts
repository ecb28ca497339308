/** Renderer-facing views of a sheet: 2-D content from A1 and rectangular runs by style or lock. */
import { parseRange } from '../../../src/core/workbook/address';
import { buildTemplate } from '../../../src/core/template/build';
import { emptyGrid, gridFormula, gridValue, isGridError, setGridCell } from '../../../src/core/workbook/grid';
import { contentMatrix, contentSteps, placedCells, runsBy, runsSteps, sheetBox } from '../../../src/core/template/layout';
import { needsTextGuard, type SheetSpec } from '../../../src/core/template/spec';
import { comparatorPlan } from './fixture-plan';

describe('layout', () => {
  const spec = buildTemplate(comparatorPlan(), { kind: 'units', level: '小学', units: ['甲', '=乙', '丙'] });
  const sheet = spec.sheets[0];

  test('content matrix: formulas with =, literals, text flags and number formats', () => {
    const m = contentMatrix(sheet);
    expect(m.box).toEqual(sheetBox(sheet));
    for (const p of placedCells(sheet)) {
      const v = m.formulas[p.row - 1][p.col - 1];
      if (p.cell.formula !== undefined) expect(v).toBe(`=${p.cell.formula}`);
      else expect(v).toBe(p.cell.value ?? null);
      expect(m.isText[p.row - 1][p.col - 1]).toBe(typeof p.cell.value === 'string' && p.cell.formula === undefined);
      expect(m.numberFormats[p.row - 1][p.col - 1]).toBe(p.cell.numFmt ?? 'General');
    }
    const guarded = placedCells(sheet).filter((p) => m.isText[p.row - 1][p.col - 1] && needsTextGuard(String(p.cell.value)));
    expect(guarded.map((p) => p.cell.value)).toContain('=乙');
  });

  test('runs cover every keyed cell exactly once, each run uniform', () => {
    for (const keyOf of [(c: SheetSpec['cells'][string]) => c.style, (c: SheetSpec['cells'][string]) => (c.locked === false ? 'unlocked' : undefined)]) {
      const runs = runsBy(sheet, keyOf);
      const covered = new Map<string, string>();
      for (const run of runs) {
        const b = parseRange(run.range);
        expect(b).toEqual(run.box);
        for (let r = b.top; r <= b.bottom; r++) {
          for (let c = b.left; c <= b.right; c++) {
            const address = `${String.fromCharCode(64 + c)}${r}`;
            if (c > 26) continue; // single letters are enough to check uniformity here
            expect(covered.has(address)).toBe(false);
            covered.set(address, run.key);
            expect(keyOf(sheet.cells[address])).toBe(run.key);
          }
        }
      }
      const keyed = placedCells(sheet).filter((p) => p.col <= 26 && keyOf(p.cell) !== undefined);
      expect(covered.size).toBe(keyed.length);
      expect(runs.length).toBeLessThan(keyed.length);
    }
  });

  test('in steps (the pane yields between them): pauses every few cells, the same runs as in one piece', () => {
    const big = buildTemplate(comparatorPlan(), { kind: 'units', level: '小学', units: Array.from({ length: 200 }, (_, i) => `第${i + 1}校`) }).sheets[0];
    const cells = placedCells(big);
    const keyOf = (c: SheetSpec['cells'][string]) => c.style;
    const steps = runsSteps(big, keyOf, cells, 16);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    // At least one pause per 16 cells read; the result does not depend on the pauses.
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(cells.length / 16));
    expect(step.value).toEqual(runsBy(big, keyOf, cells));
    // The content matrix too.
    const content = contentSteps(big, cells, 16);
    let contentPauses = 0;
    let c = content.next();
    for (; !c.done; c = content.next()) contentPauses++;
    expect(contentPauses).toBeGreaterThanOrEqual(Math.floor(cells.length / 16));
    expect(c.value).toEqual(contentMatrix(big, cells));
  });
});

describe('grid', () => {
  test('ragged rows read as null outside; errors are distinct from text', () => {
    const g = emptyGrid('S');
    setGridCell(g, 3, 2, { error: '#DIV/0!' }, 'A1/0');
    setGridCell(g, 1, 1, '#DIV/0!');
    expect(gridValue(g, 3, 2)).toEqual({ error: '#DIV/0!' });
    expect(isGridError(gridValue(g, 3, 2))).toBe(true);
    expect(isGridError(gridValue(g, 1, 1))).toBe(false);
    expect(gridFormula(g, 3, 2)).toBe('A1/0');
    expect(gridValue(g, 2, 5)).toBeNull();
    expect(gridValue(g, 99, 1)).toBeNull();
    expect(gridFormula(g, 1, 1)).toBeNull();
  });
});
