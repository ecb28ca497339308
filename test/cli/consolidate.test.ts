/**
 * `edu-indicators consolidate` as a county statistician runs it on a folder of real returns:
 * templates written by the ExcelJS renderer and filled by patching cells (as `fill` does), with
 * a duplicate, a renamed copy, an older version, a return with hard errors, a corrupt file, a
 * file from another plan, a .xls, a 九年一贯制 school in both stages, an expected list in
 * GB18030; then LibreOffice recalculates summary.xlsx (no error values, the numbers the core
 * computed), and the summary read back as a return gives a city the same totals.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadShippedPlans } from '../../src/node/seeds';
import { buildTemplate } from '../../src/core/template/build';
import type { TemplateSpec } from '../../src/core/template/spec';
import { Plan } from '../../src/core/plan/schema';
import { findSheet, gridValueAt, isGridError } from '../../src/core/workbook/grid';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { readWorkbookGrid } from '../../src/xlsx/read';
import { writeCells, type CellWrite } from '../../src/xlsx/patch';
import { runCli } from '../helpers/cli';
import { describeWithSoffice, recalculate } from '../helpers/libreoffice';
import { schoolData, INPUTS, type SchoolData } from '../core/consolidate/county';

const plans = loadShippedPlans();
const yzjh = plans.find((p) => p.id === 'national-yzjh-2017')!;
const ppph = plans.find((p) => p.id === 'national-ppph-2020')!;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-consolidate-cli-'));
const returns = path.join(dir, 'returns');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The cell of an input of a unit, from the spec's own map rows. */
function cellsOf(spec: TemplateSpec): (unitIndex: number, input: string) => { sheet: string; address: string } {
  const rows = spec.hiddenMetadata.rows;
  const unitRow = new Map(rows.filter((r) => r[0] === 'unit').map((r) => [Number(r[1]), Number(/\d+/.exec(r[5]!)![0])]));
  const column = new Map(rows.filter((r) => r[0] === 'column').map((r) => [r[1]!, { sheet: r[3]!, col: /^[A-Z]+/.exec(r[4]!)![0] }]));
  const cell = new Map(rows.filter((r) => r[0] === 'cell').map((r) => [`${r[1]}/${r[2]}`, { sheet: r[4]!, address: r[5]! }]));
  return (u, input) => {
    const c = cell.get(`${u}/${input}`);
    if (c) return c;
    const col = column.get(input)!;
    return { sheet: col.sheet, address: `${col.col}${unitRow.get(u)}` };
  };
}

async function unitsFile(name: string, level: '小学' | '初中', schools: Array<[string, SchoolData]>, mtime: number): Promise<string> {
  const spec = buildTemplate(yzjh, { kind: 'units', level, year: 2025, units: schools.map((s) => s[0]) });
  const at = cellsOf(spec);
  const writes: CellWrite[] = schools.flatMap(([, d], i) => INPUTS.map((id) => ({ ...at(i + 1, id), value: d[id] })));
  return save(name, await writeCells(await renderTemplateBuffer(spec), writes), mtime);
}

async function returnFile(name: string, unit: string, values: Record<string, number | string>, mtime: number, edit?: (spec: TemplateSpec) => CellWrite[], plan: Plan = yzjh): Promise<string> {
  const spec = buildTemplate(plan, { kind: 'return', level: '小学', year: 2025, units: [unit], indicators: ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7'], includeOverview: false });
  const at = cellsOf(spec);
  const writes: CellWrite[] = Object.entries(values).map(([id, value]) => ({ ...at(1, id), value }));
  return save(name, await writeCells(await renderTemplateBuffer(spec), [...writes, ...(edit?.(spec) ?? [])]), mtime);
}

function save(name: string, bytes: Uint8Array, mtime: number): string {
  const file = path.join(returns, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  fs.utimesSync(file, mtime / 1000, mtime / 1000);
  return file;
}

const T0 = Date.UTC(2025, 8, 1);
const A: Array<[string, SchoolData]> = [1, 2, 3, 4].map((k) => [`城关小学${k}`, schoolData(k, '小学')]);
A.push(['实验九年一贯制学校', schoolData(50, '小学')]);
const B: Array<[string, SchoolData]> = [5, 6, 7].map((k) => [`新铺小学${k}`, schoolData(k, '小学')]);
const dupA2: [string, SchoolData] = ['城关小学2', schoolData(90, '小学')];
const J: Array<[string, SchoolData]> = [1, 2, 3].map((k): [string, SchoolData] => [`第${k}中学`, schoolData(60 + k, '初中')]);
J.push(['实验九年一贯制学校', schoolData(51, '初中')]);
const OLD = schoolData(30, '小学');
/** What the county's 小学 figures must be built from: A (城关小学2 replaced by the newer copy), B, the old-version return. */
const PRIMARY: SchoolData[] = [...A.filter(([n]) => n !== '城关小学2').map(([, d]) => d), dupA2[1], ...B.map(([, d]) => d), OLD];

beforeAll(async () => {
  await unitsFile('城关镇/城关镇.xlsx', '小学', A, T0 + 1000);
  await unitsFile('新铺镇.xlsx', '小学', [...B, dupA2], T0 + 2000); // 城关小学2 again, saved later
  const copy = await unitsFile('新铺镇 - 副本.xlsx', '小学', B, T0 + 500); // an older copy of B
  expect(fs.existsSync(copy)).toBe(true);
  await unitsFile('初中.xlsx', '初中', J, T0 + 3000);
  // A template made from plan version 0.9.0 (carrying it): an older edition, migrated. (Editing
  // only the recorded version would be an error: 规划不是发布版本, test/corpus/school-edits.test.ts.)
  await returnFile('育才小学.xlsx', '育才小学', OLD, T0 + 4000, undefined, Plan.parse({ ...yzjh, version: '0.9.0' }));
  await returnFile('南山小学.xlsx', '南山小学', { ...schoolData(31, '小学'), pupils: '三十几' }, T0 + 5000);
  save('损坏.xlsx', new Uint8Array(Buffer.from('PK\u0003\u0004 not really a zip')), T0);
  save('旧格式.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), T0);
  const pre = buildTemplate(ppph, { kind: 'return', year: 2025, units: ['城关幼儿园'], includeOverview: false });
  save('幼儿园.xlsx', await renderTemplateBuffer(pre), T0);
  save('~$城关镇.xlsx', new Uint8Array([1, 2, 3]), T0); // an Office lock file: not a return
  const list = ['单位,学段', ...A.map(([n]) => `${n},小学`), ...B.map(([n]) => `${n},小学`), ...J.map(([n]) => `${n},初中`), '育才小学,小学', '南山小学,小学', '北坑小学,小学'].join('\r\n');
  fs.writeFileSync(path.join(dir, 'expected.csv'), gb18030(list));
}, 120_000);

/** GB18030 bytes of ASCII + CJK text (via the reverse of Node's decoder table for the characters used). */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    let bytes = table.get(ch);
    if (!bytes) {
      search: for (let hi = 0x81; hi <= 0xfe; hi++) {
        for (let lo = 0x40; lo <= 0xfe; lo++) {
          if (decoder.decode(new Uint8Array([hi, lo])) === ch) {
            bytes = [hi, lo];
            break search;
          }
        }
      }
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      table.set(ch, bytes);
    }
    out.push(...bytes);
  }
  return Buffer.from(out);
}

const summary = path.join(dir, 'summary.xlsx');
const long = path.join(dir, 'values.csv');
// The run every test below reads (summary, long table, JSON) is made once here, not by a test,
// so each test stands alone.
let first: ReturnType<typeof runCli>;
let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
beforeAll(() => {
  first = runCli(['consolidate', returns, '--expected', path.join(dir, 'expected.csv'), '-o', summary, '--long', long, '--json', '--name', '测试县']);
  json = JSON.parse(first.stdout);
});

test('consolidate a folder with an expected list: exit 0, every file accounted for, JSON as documented', () => {
  const r = first;
  expect(r.stderr).toBe(''); // no progress bar when stderr is not a terminal
  expect(r.code).toBe(0);
  expect(json.plan).toMatchObject({ id: 'national-yzjh-2017', version: yzjh.version });
  const status = Object.fromEntries(json.files.map((f: { file: string; status: string }) => [path.relative(returns, f.file), f.status]));
  expect(status).toEqual({
    '城关镇/城关镇.xlsx': 'partial',
    '新铺镇.xlsx': 'consolidated',
    '新铺镇 - 副本.xlsx': 'superseded',
    '初中.xlsx': 'consolidated',
    '育才小学.xlsx': 'migrated',
    '南山小学.xlsx': 'excluded',
    '损坏.xlsx': 'unreadable',
    '旧格式.xls': 'unreadable',
    '幼儿园.xlsx': 'other-plan',
    '~$城关镇.xlsx': 'skipped', // an Office lock file: accounted for, not a problem
  });
  for (const f of json.files) expect(f).toEqual(expect.objectContaining({ file: expect.any(String), status: expect.any(String), units: expect.any(Array), issues: expect.any(Array) }));
  const u = json.units.find((x: { unit: string }) => x.unit === '城关小学1');
  expect(u).toEqual(expect.objectContaining({ unit: '城关小学1', level: '小学', file: expect.stringContaining('城关镇.xlsx'), inputs: expect.objectContaining({ pupils: A[0]![1].pupils }) }));
  expect(u.indicators.b1).toEqual({ value: expect.any(Number), status: expect.any(String) });
  expect(u.balanced).toEqual({ met: expect.any(Number), below85: expect.any(Number), passes: expect.any(Boolean) });
  const b1 = json.aggregates.find((a: { indicator: string; level: string }) => a.indicator === 'b1' && a.level === '小学');
  expect(b1).toEqual(expect.objectContaining({ value: expect.any(Number), status: expect.any(String), diffCoef: expect.any(Number), diffCoefLimit: 0.5, diffCoefPasses: expect.any(Boolean) }));
  // Recomputed from summed parts, by hand.
  const T = PRIMARY.reduce((n, d) => n + d['teachers-above-qualification'], 0);
  const P = PRIMARY.reduce((n, d) => n + d.pupils, 0);
  expect(b1.value).toBeCloseTo((T * 100) / P, 9);
  const k = json.completeness;
  expect(k.expected).toBe(A.length + B.length + J.length + 3);
  expect(k.missing).toEqual([{ unit: '北坑小学', level: '小学' }]);
  expect(k.unknown).toEqual([]);
  expect(k.duplicates.map((d: { unit: string; kept: string }) => [d.unit, path.basename(d.kept)]).sort()).toEqual([
    ['城关小学2', '新铺镇.xlsx'],
    ['新铺小学5', '新铺镇.xlsx'],
    ['新铺小学6', '新铺镇.xlsx'],
    ['新铺小学7', '新铺镇.xlsx'],
  ]);
  expect(k.unread.map((x: { file: string }) => path.basename(x.file)).sort()).toEqual(['损坏.xlsx', '旧格式.xls']);
  expect(k.invalid).toEqual([expect.objectContaining({ unit: '南山小学', included: false })]);
  expect(json.units.filter((x: { unit: string }) => x.unit === '实验九年一贯制学校').map((x: { level: string }) => x.level)).toEqual(['小学', '初中']);
});

test('--json keeps every file\'s issues (another plan\'s too, its status saying so); summary.xlsx\'s 问题 lists only the files consolidated or excluded', async () => {
  const kinder = json.files.find((f: { file: string }) => path.basename(f.file) === '幼儿园.xlsx');
  expect(kinder.status).toBe('other-plan');
  expect(kinder.issues.length).toBeGreaterThan(0);
  const book = await readWorkbookGrid(fs.readFileSync(summary));
  const sheet = findSheet(book, '问题')!;
  const files = sheet.values.slice(3).map((row) => String(row[0] ?? '')).filter(Boolean);
  expect(files.some((f) => f.endsWith('南山小学.xlsx'))).toBe(true);
  expect(files.some((f) => f.endsWith('幼儿园.xlsx'))).toBe(false);
  const listed = json.files.filter((f: { status: string }) => ['consolidated', 'partial', 'migrated', 'excluded'].includes(f.status));
  expect(files).toHaveLength(listed.reduce((n: number, f: { issues: unknown[] }) => n + f.issues.length, 0));
  const completeness = findSheet(book, '完整性')!;
  expect(completeness.values.some((row) => String(row[0] ?? '').endsWith('幼儿园.xlsx') && String(row[4] ?? '').includes('national-ppph-2020'))).toBe(true);
});

test('the long table: unit,level,input,value,file,cell for every counted value', () => {
  const text = fs.readFileSync(long, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toBe('unit,level,input,value,file,cell');
  const counted = json.units.filter((u: { included: boolean }) => u.included).length;
  expect(lines).toHaveLength(1 + counted * INPUTS.length);
  expect(lines.some((l) => l.startsWith(`城关小学1,小学,pupils,${A[0]![1].pupils},`) && /!C\d+$/.test(l))).toBe(true);
});

test('the readable report names what needs a look; a second run into the same folder skips its own output', () => {
  const out = path.join(returns, 'summary.xlsx');
  const r = runCli(['consolidate', returns, '-o', out]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('城关小学2');
  expect(r.stdout).toContain('损坏.xlsx');
  expect(r.stdout).toContain('南山小学');
  const again = runCli(['consolidate', returns, '-o', out, '--force', '--json']);
  expect(JSON.parse(again.stdout).files.some((f: { file: string }) => f.file.endsWith('summary.xlsx'))).toBe(false);
  fs.rmSync(out);
});

test('--include-invalid counts the return with hard errors and says so', () => {
  const r = runCli(['consolidate', returns, '--include-invalid', '--json']);
  const j = JSON.parse(r.stdout);
  expect(j.includeInvalid).toBe(true);
  expect(j.completeness.invalid[0].included).toBe(true);
  expect(j.units.find((u: { unit: string }) => u.unit === '南山小学').included).toBe(true);
});

test('nothing to consolidate: exit 1 with the reasons', () => {
  const only = path.join(dir, 'bad');
  fs.mkdirSync(only, { recursive: true });
  fs.writeFileSync(path.join(only, 'x.xlsx'), 'not a workbook');
  const r = runCli(['consolidate', only, '-o', path.join(dir, 'nothing.xlsx')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('x.xlsx');
  expect(fs.existsSync(path.join(dir, 'nothing.xlsx'))).toBe(false);
});

test('the summary is a valid return one level up: a city consolidating it gets the same totals', () => {
  const v = runCli(['validate', summary, '--json']);
  expect(JSON.parse(v.stdout).summary.errors).toBe(0);
  const r = runCli(['consolidate', summary, '--json']);
  expect(r.code).toBe(0);
  const city = JSON.parse(r.stdout);
  expect(city.units.map((u: { unit: string; level: string }) => `${u.unit}/${u.level}`)).toEqual(['测试县/小学', '测试县/初中']);
  for (const a of json.aggregates) {
    const c = city.aggregates.find((x: { indicator: string; level: string }) => x.indicator === a.indicator && x.level === a.level);
    expect(c.numerator).toBe(a.numerator);
    expect(c.denominator).toBe(a.denominator);
    expect(c.value).toBeCloseTo(a.value, 9);
  }
});

describeWithSoffice('summary.xlsx in LibreOffice', () => {
  test('recalculates with no error value, and its figures are the core\'s', async () => {
    const out = await recalculate([{ name: 'summary.xlsx', bytes: fs.readFileSync(summary) }]);
    const book = await readWorkbookGrid(out.get('summary.xlsx')!);
    const errors: string[] = [];
    for (const s of book.sheets) s.values.forEach((row, r) => row.forEach((v, c) => isGridError(v) && errors.push(`${s.name}!R${r + 1}C${c + 1} ${v.error}`)));
    expect(errors).toEqual([]);
    expect(book.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['汇总', '明细', '差异系数', '完整性', '问题', '来源', '上报·小学', '上报·初中']));
    const sum = findSheet(book, '汇总')!;
    // Each aggregate row: find it by its indicator name and compare value (E) and coefficient (L).
    let checked = 0;
    for (let r = 1; r <= sum.values.length; r++) {
      const label = gridValueAt(sum, `B${r}`);
      if (typeof label !== 'string' || !/^B[1-7] /.test(label)) continue;
      const level = checked < 7 ? '小学' : '初中';
      const a = json.aggregates.find((x: { code: string; level: string }) => x.code === label.split(' ')[0] && x.level === level);
      expect(gridValueAt(sum, `E${r}`)).toBeCloseTo(a.value, 9);
      expect(gridValueAt(sum, `L${r}`)).toBeCloseTo(a.diffCoef, 9);
      expect(gridValueAt(sum, `N${r}`)).toBe(a.diffCoefPasses ? '达标' : '未达标');
      expect(gridValueAt(sum, `G${r}`)).toBe(a.statusLabel.zh);
      checked++;
    }
    expect(checked).toBe(14);
  }, 180_000);
});
