/**
 * A broken definition workbook gets one message per error, each naming its sheet, cell and row,
 * in Chinese and English — all of them, not the first only.
 */
import { definitionToPlan, formatDefinitionIssue, planToDefinition, type DefinitionIssue } from '../../../src/core/plan-definition';
import { loadShippedPlans } from '../../../src/node/seeds';
import { colLetter } from '../../../src/core/workbook/address';
import { bookToGrid, colOf, setCell } from './helpers';

const yzjh = loadShippedPlans().find((p) => p.id === 'national-yzjh-2017')!;
const IND = '指标';

function broken(edit: (g: ReturnType<typeof bookToGrid>) => void): DefinitionIssue[] {
  const grid = bookToGrid(planToDefinition(yzjh));
  edit(grid);
  const r = definitionToPlan(grid);
  if (r.ok) throw new Error('expected errors');
  return r.issues;
}

test('a text target, an unknown comparator, a missing input and a duplicate id are all reported at their cells', () => {
  let g!: ReturnType<typeof bookToGrid>;
  const issues = broken((grid) => {
    g = grid;
    setCell(grid, IND, 3, colOf(grid, IND, 'target.value'), '≥4.2人'); // text target
    setCell(grid, IND, 4, colOf(grid, IND, 'target.comparator'), '至少'); // unknown comparator
    setCell(grid, IND, 5, colOf(grid, IND, 'compute.numerator'), 'no-such-input'); // missing input
    setCell(grid, IND, 9, colOf(grid, IND, 'id'), 'b1'); // duplicate id, not adjacent
  });
  const at = (col: string, row: number) => issues.filter((i) => i.sheet === IND && i.cell === `${col}${row}`);
  const letter = (key: string) => colLetter(colOf(g, IND, key));
  expect(at(letter('target.value'), 3)[0]!.message.zh).toContain('应为数字');
  expect(at(letter('target.value'), 3)[0]!.message.en).toContain('expected a number');
  expect(at(letter('target.comparator'), 4)[0]!.message.zh).toContain('不在可选值中');
  expect(at(letter('compute.numerator'), 5)[0]!.message.zh).toContain('no-such-input');
  expect(at(letter('id'), 9).map((i) => i.message.zh).join()).toContain('重复');
  for (const i of issues) {
    expect(i.row).toBeGreaterThan(0);
    expect(formatDefinitionIssue(i)).toMatch(new RegExp(`^${i.sheet}!${i.cell}（第 ${i.row} 行.*）：.* / ${i.sheet}!${i.cell} \\(row ${i.row}`));
  }
  expect(issues.length).toBeGreaterThanOrEqual(4);
});

test('the first indicator row is B1 of the national standard (the layout the other tests assume)', () => {
  const grid = bookToGrid(planToDefinition(yzjh));
  expect(grid.sheets.find((s) => s.name === IND)!.values[2]![colOf(grid, IND, 'code') - 1]).toBe('B1');
});

test('formula cells are refused, text that looks like a formula is kept as text', () => {
  const issues = broken((grid) => {
    setCell(grid, IND, 3, colOf(grid, IND, 'name.zh'), 5, 'SUM(1,4)');
    setCell(grid, '分组', 3, 2, 12, 'HYPERLINK("http://x","y")');
  });
  expect(issues.filter((i) => i.message.zh.includes('公式'))).toHaveLength(2);
  const grid = bookToGrid(planToDefinition(yzjh));
  setCell(grid, IND, 3, colOf(grid, IND, 'note.zh'), '=1+1 是文字');
  const r = definitionToPlan(grid);
  expect(r.ok && r.plan.sections[0]!.indicators[0]!.note?.zh).toBe('=1+1 是文字');
});

test('unknown columns and unknown header fields are errors, not silently dropped', () => {
  const issues = broken((grid) => {
    const s = grid.sheets.find((x) => x.name === IND)!;
    const w = s.values[1]!.length;
    setCell(grid, IND, 1, w + 1, '我的备注');
    setCell(grid, IND, 2, w + 1, 'myNote');
    setCell(grid, '计划', 30, 2, 'owner');
    setCell(grid, '计划', 30, 3, '张三');
  });
  expect(issues.find((i) => i.sheet === IND && i.row === 2)!.message.zh).toContain('未知的列「myNote」');
  expect(issues.find((i) => i.sheet === '计划' && i.cell === 'B30')!.message.en).toContain('unknown field "owner"');
});

test('a missing required value names the empty cell; ids outside the safe alphabet are refused', () => {
  const issues = broken((grid) => {
    setCell(grid, IND, 3, colOf(grid, IND, 'name.zh'), null);
    setCell(grid, '输入项', 3, colOf(grid, '输入项', 'id'), '教师 数');
    setCell(grid, '计划', 2, 3, 'Bad/Id');
  });
  const letter = colLetter;
  const grid = bookToGrid(planToDefinition(yzjh));
  expect(issues.some((i) => i.sheet === IND && i.cell === `${letter(colOf(grid, IND, 'name.zh'))}3` && i.message.zh.includes('必填'))).toBe(true);
  expect(issues.some((i) => i.sheet === '输入项' && i.cell === 'A3')).toBe(true);
  expect(issues.some((i) => i.sheet === '计划' && i.cell === 'C2')).toBe(true);
});

test('the target rows of one indicator must agree on its own columns', () => {
  const issues = broken((grid) => {
    // row 4 is B1's second target (初中): give it another unit
    setCell(grid, IND, 4, colOf(grid, IND, 'unit'), '个');
  });
  expect(issues).toHaveLength(1);
  expect(issues[0]!.message.zh).toContain('与本指标第 3 行不一致');
});

test('limits: an oversized sheet and overlong text are refused before anything is built', () => {
  const issues = broken((grid) => {
    setCell(grid, IND, 3, colOf(grid, IND, 'note.zh'), 'x'.repeat(5000));
    setCell(grid, '规则', 30_000, 1, 'r');
  });
  expect(issues.some((i) => i.message.zh.includes('文字过长'))).toBe(true);
  expect(issues.some((i) => i.sheet === '规则' && i.message.zh.includes('工作表过大'))).toBe(true);
});

test('the empty template reads back as "nothing filled in yet", naming the required header cells', () => {
  const r = definitionToPlan(bookToGrid(planToDefinition(null)));
  expect(r.ok).toBe(false);
  if (r.ok) return;
  const cells = r.issues.map((i) => `${i.sheet}!${i.cell}`);
  expect(cells).toContain('计划!C2'); // id
  expect(cells).toContain('计划!C3'); // version
});
