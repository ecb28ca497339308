/**
 * Regression corpus, text files from Windows and hand-edited plans: `check-plan` on plans with
 * misspelt keys, numbers typed as text, encodings other than UTF-8; unit lists with a header row
 * in GBK. Runs the built CLI (bin → lib/) as a bureau does.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readUnitsFile } from '../../src/cli/commands/template';
import { runCli } from '../helpers/cli';
import { encodeGbk, encodeUtf16 } from '../helpers/gbk';
import { minimalPlan } from '../fixtures/plans';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-corpus-text-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

type Json = Record<string, unknown> & { sections: Array<{ indicators: Array<Record<string, unknown> & { targets: Array<Record<string, unknown>> }> }> };
const plan = () => minimalPlan() as unknown as Json;

describe('check-plan', () => {
  test('a misspelt top-level key (balanse for balance) is an error, never dropped', () => {
    const p = plan();
    p.balanse = { indicators: [] };
    const r = runCli(['check-plan', '--json', write('balanse.json', JSON.stringify(p))]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, issues: [{ path: '$', message: { zh: '未知字段：balanse' } }] });
  });

  test('misspelt keys inside a target, the period and a tolerance are errors too', () => {
    const p = plan();
    p.sections[0]!.indicators[0]!.targets[0]!.vaule = 5;
    (p.period as Record<string, unknown>).untill = 2030;
    const r = runCli(['check-plan', '--json', write('nested.json', JSON.stringify(p))]);
    expect(r.code).toBe(1);
    const text = JSON.stringify(JSON.parse(r.stdout).issues);
    expect(text).toContain('vaule');
    expect(text).toContain('untill');
  });

  test('a type mismatch says what was received: 文本 "95%", 带小数的 2020.5, an out-of-range number; never 应为数字，实际为数字', () => {
    const p = plan();
    p.sections[0]!.indicators[0]!.targets[0]!.value = '95%';
    (p.period as Record<string, unknown>).from = 2020.5;
    const r = runCli(['check-plan', write('types.json', JSON.stringify(p))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('应为数字，实际为文本 "95%"');
    expect(r.stderr).toContain('应为整数，实际为带小数的 2020.5');
    expect(r.stderr).not.toMatch(/应为(数字|整数)，实际为数字/);
    const inf = runCli(['check-plan', write('inf.json', JSON.stringify(plan()).replace(/"from":\d+/, '"from":1e400'))]);
    expect(inf.stderr).toContain('超出范围的数（Infinity）');
  });

  test.each([
    ['GBK', (s: string) => encodeGbk(s)],
    ['UTF-16 with BOM', (s: string) => encodeUtf16(s)],
    ['UTF-8 with BOM', (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)])],
  ])('a plan saved as %s on Windows is decoded', (_name, encode) => {
    const r = runCli(['check-plan', write(`enc-${_name}.json`, encode(JSON.stringify(minimalPlan())))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`「${(minimalPlan() as { title: { zh: string } }).title.zh}」`);
  });

  test('an undecodable plan file (UTF-16 without its BOM) is clearly refused, saying to save it as UTF-8', () => {
    const r = runCli(['check-plan', write('u16.json', Buffer.from(JSON.stringify(minimalPlan()), 'utf16le'))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/规划文件无法解码.*UTF-8/);
  });
});

describe('units files', () => {
  test.each([
    ['GBK with a 学校名称 header', encodeGbk('序号,学校名称\n1,城关小学\n2,实验小学\n')],
    ['UTF-16 with a 单位 header', encodeUtf16('单位\r\n城关小学\r\n实验小学\r\n')],
    ['GBK with a 单位名称（盖章） header', encodeGbk('单位名称（盖章）\n城关小学\n实验小学\n')],
    ['UTF-8 without a header', Buffer.from('城关小学\n实验小学\n')],
  ])('%s: the header is never a unit', (_name, bytes) => {
    expect(readUnitsFile(write(`units-${_name}.csv`, bytes))).toEqual(['城关小学', '实验小学']);
  });

  test('a units list naming one school twice, by width (甲校1 / 甲校１), is refused by template', () => {
    const wide = write('dup-wide.csv', encodeGbk('学校\n甲校1\n乙校\n甲校１\n'));
    const r = runCli(['template', '--plan', 'national-yzjh-2017', '--kind', 'units', '--level', '小学', '--units-file', wide, '-o', path.join(dir, 'dup.xlsx')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('甲校1 / 甲校１');
    expect(fs.existsSync(path.join(dir, 'dup.xlsx'))).toBe(false);
  });
});
