/**
 * `edu-indicators validate` as a user runs it: real .xlsx files written by the ExcelJS renderer
 * and filled by patching cells (as `fill` does), plus files that are not workbooks at all. Runs
 * the built CLI (bin → lib/).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { buildTemplate } from '../../src/core/template/build';
import { renderTemplateBuffer } from '../../src/xlsx/render';
import { writeCells, type CellWrite } from '../../src/xlsx/patch';
import { loadShippedPlans } from '../../src/node/seeds';
import type { TemplateSpec } from '../../src/core/template/spec';
import { runCli } from '../helpers/cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-validate-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const plan = loadShippedPlans().find((p) => p.id === 'jiedong-2023-2025')!;
let spec: TemplateSpec;
let blank: Buffer;

/** The cell of an input in the return (from the template's own map rows). */
function cellOf(id: string): string {
  return spec.hiddenMetadata.rows.find((r) => r[0] === 'cell' && r[2] === id)![5]!;
}

/** A value for every input that satisfies every rule: totals and denominators 1000, parts 400, yes/no 是, typed rates 96. */
function cleanWrites(): CellWrite[] {
  const sheet = spec.sheets[0]!.name;
  const inputs = new Map(plan.inputs.map((i) => [i.id, i]));
  const indicators = new Map(plan.sections.flatMap((s) => s.indicators).map((i) => [i.id, i]));
  const denominators = [...indicators.values()].flatMap((i) => (i.compute.kind === 'ratio' ? i.compute.denominator : []));
  const totals = new Set([...plan.rules.map((r) => r.total), ...denominators]);
  return spec.meta.inputs.map((id) => {
    const input = inputs.get(id);
    const direct = indicators.get(id);
    let value: number | string;
    if (input) value = input.kind === 'percent' ? 50 : totals.has(id) ? 1000 : 400;
    else value = direct?.kind === 'boolean' ? '是' : direct?.kind === 'rate' || direct?.kind === 'grossRatio' ? 96 : 1;
    return { sheet, address: cellOf(id), value };
  });
}

async function write(name: string, writes: CellWrite[]): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, await writeCells(blank, writes));
  return file;
}

beforeAll(async () => {
  spec = buildTemplate(plan, { units: ['甲区'], year: 2025 });
  blank = await renderTemplateBuffer(spec);
});

async function cleanFile(name: string): Promise<string> {
  return write(name, cleanWrites());
}

test('a correct return passes clean (exit 0), with values in the JSON', async () => {
  const file = await cleanFile('clean.xlsx');
  const r = runCli(['validate', file, '--json']);
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout);
  expect(out.files[0]).toMatchObject({ file, plan: 'jiedong-2023-2025', planVersion: plan.version, unit: '甲区', valid: true, issues: [] });
  expect(out.files[0].values.length).toBe(spec.meta.indicators.length);
  expect(out.files[0].values[0]).toEqual(expect.objectContaining({ unit: '甲区', indicator: expect.any(String), value: expect.anything() }));
  expect(out.summary).toMatchObject({ files: 1, errors: 0, warnings: 0 });
  expect(r.code).toBe(0);
});

test('a badly filled return: every planted problem at its cell, readable in Chinese, exit 1', async () => {
  const sheet = spec.sheets[0]!.name;
  const planted: CellWrite[] = [
    { sheet, address: cellOf('kg-children-total'), value: 1200 },
    { sheet, address: cellOf('kg-children-public'), value: 1250 }, // part > total (and part + inclusive > total)
    { sheet, address: cellOf('population-age-3-5'), value: '约一千' }, // not a number
    { sheet, address: cellOf('schools-culture-good-or-above'), value: 12.5 }, // not whole
    { sheet, address: cellOf('migrant-children-total'), value: '１,０００' }, // normalised, accepted
  ];
  const file = await write(
    'bad.xlsx',
    cleanWrites()
      .filter((w) => !planted.some((p) => p.address === w.address))
      .concat(planted),
  );
  const json = runCli(['validate', file, '--json']);
  expect(json.code).toBe(1);
  const issues = JSON.parse(json.stdout).files[0].issues as Array<{ code: string; cell: string; severity: string }>;
  expect(issues.map((i) => [i.code, i.cell]).sort()).toEqual(
    [
      ['part-exceeds-total', cellOf('kg-children-public')],
      ['part-exceeds-total', cellOf('kg-children-public')],
      ['type-error', cellOf('population-age-3-5')],
      ['not-whole', cellOf('schools-culture-good-or-above')],
      ['normalized-value', cellOf('migrant-children-total')],
    ].sort(),
  );
  const text = runCli(['validate', file]);
  expect(text.code).toBe(1);
  expect(text.stdout).toContain(`${cellOf('kg-children-public')}「公办幼儿园在园幼儿数」1,250 大于 ${cellOf('kg-children-total')}「在园幼儿总数」1,200：分项不能大于总数`);
  expect(text.stdout).toContain('“约一千” 不是数字');
  expect(text.stdout).toMatch(/合计：1 个文件，0 个通过/);
  const en = runCli(['validate', file, '--lang', 'en']);
  expect(en.stdout).toContain('is greater than');
  expect(en.stdout).toMatch(/Total: 1 file\(s\), 0 passed/);
});

test('broken files get their own error and the others are still checked', async () => {
  const good = await cleanFile('good.xlsx');
  const notXlsx = path.join(dir, 'notes.xlsx');
  fs.writeFileSync(notXlsx, '这不是工作簿');
  const encrypted = path.join(dir, 'encrypted.xlsx');
  fs.writeFileSync(encrypted, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
  const corrupt = path.join(dir, 'corrupt.xlsx');
  fs.writeFileSync(corrupt, blank.subarray(0, Math.floor(blank.length / 2)));
  const bomb = path.join(dir, 'bomb.xlsx');
  const zip = new JSZip();
  zip.file('xl/workbook.xml', '<workbook/>');
  zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1024 * 1024));
  fs.writeFileSync(bomb, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
  const missing = path.join(dir, 'missing.xlsx');

  const r = runCli(['validate', notXlsx, encrypted, good, corrupt, bomb, missing, '--json']);
  expect(r.code).toBe(1);
  const out = JSON.parse(r.stdout);
  const byFile = new Map<string, { error?: { code: string }; valid: boolean }>(out.files.map((f: { file: string }) => [f.file, f]));
  expect(byFile.get(notXlsx)!.error!.code).toBe('not-xlsx');
  expect(byFile.get(encrypted)!.error!.code).toBe('encrypted');
  expect(byFile.get(corrupt)!.error!.code).toBe('corrupt');
  expect(byFile.get(bomb)!.error!.code).toBe('zip-bomb');
  expect(byFile.get(missing)!.error!.code).toBe('not-found');
  expect(byFile.get(good)).toMatchObject({ valid: true });
  expect(out.summary).toMatchObject({ files: 6, unreadable: 5, valid: 1 });

  const text = runCli(['validate', notXlsx, encrypted, good]);
  expect(text.stdout).toContain('不是 Excel 工作簿');
  expect(text.stdout).toContain('文件已加密');
  expect(text.stdout).toContain(`✓ ${good}`);
});

test('a folder is validated file by file; a workbook that is not a template says so', async () => {
  const folder = path.join(dir, 'returns');
  fs.mkdirSync(folder);
  fs.copyFileSync(await cleanFile('one.xlsx'), path.join(folder, 'a.xlsx'));
  fs.copyFileSync(await cleanFile('two.xlsx'), path.join(folder, 'b.xlsx'));
  fs.writeFileSync(path.join(folder, '~$a.xlsx'), 'lock file');
  const r = runCli(['validate', folder, '--json']);
  const out = JSON.parse(r.stdout);
  // Every file is accounted for; the Office lock file is listed as skipped and fails nothing.
  expect(out.files.map((f: { file: string; status: string }) => `${path.basename(f.file)} ${f.status}`)).toEqual(['a.xlsx checked', 'b.xlsx checked', '~$a.xlsx skipped']);
  expect(out.summary).toMatchObject({ files: 3, read: 2, skipped: 1, failed: 0 });
  expect(r.code).toBe(0);

  // A plain workbook without the template's hidden data.
  const zipped = await JSZip.loadAsync(blank);
  const wbXml = await zipped.file('xl/workbook.xml')!.async('string');
  zipped.file('xl/workbook.xml', wbXml.replace(/<sheet [^>]*name="_edu_meta"[^>]*\/>/, ''));
  const plain = path.join(dir, 'plain.xlsx');
  fs.writeFileSync(plain, await zipped.generateAsync({ type: 'nodebuffer' }));
  const p = runCli(['validate', plain]);
  expect(p.code).toBe(1);
  expect(p.stdout).toContain('不是本工具生成的填报模板');
});

test('last year\'s values (--previous) flag a jump beyond the tolerance', async () => {
  const file = await cleanFile('this-year.xlsx');
  const first = JSON.parse(runCli(['validate', file, '--json']).stdout);
  const value = first.files[0].values.find((v: { indicator: string }) => v.indicator === 'public-kindergarten-enrolment-share');
  const last = { files: [{ values: [{ ...value, value: value.value - 30 }] }] };
  const prev = path.join(dir, 'last-year.json');
  fs.writeFileSync(prev, JSON.stringify(last));
  const r = runCli(['validate', file, '--previous', prev, '--json']);
  const issues = JSON.parse(r.stdout).files[0].issues;
  expect(issues.map((i: { code: string }) => i.code)).toEqual(['change-from-previous']);
  expect(r.code).toBe(0); // a warning only
});

test('usage errors exit 2', () => {
  expect(runCli(['validate']).code).toBe(2);
  expect(runCli(['validate', dir, '--previous', path.join(dir, 'nope.json')]).code).toBe(2);
});

test('as a new user: template → fill with a bad CSV → validate names every planted problem at its cell', () => {
  const tpl = path.join(dir, 'journey-template.xlsx');
  const filled = path.join(dir, 'journey-filled.xlsx');
  const csv = path.join(dir, 'journey.csv');
  expect(runCli(['template', '--plan', 'jiedong-2023-2025', '--units', '甲区', '--year', '2025', '-o', tpl]).code).toBe(0);
  const clean = cleanWrites();
  const idOf = (address: string) => spec.meta.inputs.find((id) => cellOf(id) === address)!;
  const planted: Record<string, string | number> = {
    'kg-children-total': 1200,
    'kg-children-public': 1250,
    'kg-children-private-inclusive': 0,
    'population-age-3-5': '约一千',
    'schools-culture-good-or-above': 12.5,
    'compulsory-quality-balanced-county': '大概',
  };
  const rows = clean.map((w) => {
    const id = idOf(w.address);
    return `甲区,${id},${id in planted ? planted[id] : w.value}`;
  });
  fs.writeFileSync(csv, ['unit,input,value', ...rows].join('\n'));
  expect(runCli(['fill', '--data', csv, tpl, '-o', filled]).code).toBe(1); // fill itself warns about the three unreadable values
  const r = runCli(['validate', filled, '--json']);
  expect(r.code).toBe(1);
  const issues = JSON.parse(r.stdout).files[0].issues as Array<{ code: string; cell: string }>;
  expect(issues.map((i) => `${i.code}@${i.cell}`).sort()).toEqual(
    [
      `part-exceeds-total@${cellOf('kg-children-public')}`,
      `part-exceeds-total@${cellOf('kg-children-public')}`,
      `type-error@${cellOf('population-age-3-5')}`,
      `not-whole@${cellOf('schools-culture-good-or-above')}`,
      `not-boolean@${cellOf('compulsory-quality-balanced-county')}`,
    ].sort(),
  );
  // The same file, corrected, passes.
  fs.writeFileSync(csv, ['unit,input,value', ...clean.map((w) => `甲区,${idOf(w.address)},${w.value}`)].join('\n'));
  const fixed = path.join(dir, 'journey-fixed.xlsx');
  expect(runCli(['fill', '--data', csv, tpl, '-o', fixed]).code).toBe(0);
  const ok = runCli(['validate', fixed]);
  expect(ok.stdout).toContain('无问题');
  expect(ok.code).toBe(0);
});

test('the readable report says only the counts that are not zero (the validation summary line the pane and the review sheet say)', async () => {
  const { renderFile, renderSummary } = await import('../../src/cli/commands/validate');
  const warning = { code: 'peer-outlier', severity: 'warning', sheet: '数据', cell: 'D20', explained: true, explanation: '新建校区', message: { zh: '偏离同类', en: 'an outlier' } };
  const file = { file: 'a.xlsx', status: 'checked', plan: 'p', planVersion: '1.0.0', kind: 'return', unit: '甲校', units: ['甲校'], valid: true, counts: { errors: 0, warnings: 2, infos: 0 }, issues: [warning, { ...warning, cell: 'D21', explained: false }], values: [] };
  const zh = renderFile(file as unknown as Parameters<typeof renderFile>[0], 'zh-CN').split('\n')[0]!;
  expect(zh).toContain('2 个提示（1 个已说明）');
  expect(zh).not.toMatch(/(^|[^\d.])0 (个|条)/);
  const en = renderFile(file as unknown as Parameters<typeof renderFile>[0], 'en').split('\n')[0]!;
  expect(en).toContain('2 warnings (1 explained)');
  expect(en).not.toMatch(/(^|[^\d.])0 (error|note)/);
  const total = { files: 2, read: 2, skipped: 0, failed: 0, errors: 0, warnings: 3, infos: 0, unreadable: 0, valid: 2 };
  expect(renderSummary(total, 'zh-CN')).toBe('合计：2 个文件，2 个通过；3 个提示\n');
  expect(renderSummary(total, 'en')).toBe('Total: 2 file(s), 2 passed; 3 warnings\n');
  expect(renderSummary({ ...total, warnings: 0 }, 'zh-CN')).toBe('合计：2 个文件，2 个通过；无问题\n');
});
