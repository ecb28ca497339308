/**
 * An English template is English: its sheet names, labels, headers, units, prompts and error
 * texts carry no Chinese punctuation and no Chinese measurement unit (`Actual (10k persons)`,
 * never `Actual（万人）`). What stays Chinese on purpose is quoted from the plan: its source
 * citations, its placeholders (`xx个`), its Chinese terms given in brackets, the document's
 * article numbers (三(一)) and the missing codes a filler types (暂无数据, 不适用, 是/否).
 */
import { loadShippedPlans } from '../../../src/node/seeds';
import { buildTemplate } from '../../../src/core/template/build';
import type { Plan } from '../../../src/core/plan/schema';
import { TEMPLATE_KINDS, type SheetSpec } from '../../../src/core/template/spec';
import { unitText, withUnit } from '../../../src/core/i18n/units';
import { colon, paren } from '../../../src/core/i18n/text';

const CHINESE_PUNCTUATION = /[，（）：、；。【】！？]/;

/** Text the plan itself carries in Chinese (quotes, titles, placeholders), removed before looking. */
function quotedFromPlan(plan: Plan): string[] {
  const out = new Set<string>();
  const walk = (o: unknown, key = '') => {
    if (typeof o === 'string') {
      if (['quote', 'title', 'placeholder', 'document', 'article', 'zh'].includes(key) || key === 'file') out.add(o);
      return;
    }
    if (Array.isArray(o)) o.forEach((x) => walk(x, key));
    else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, k);
  };
  walk(plan);
  // Longest first, so a quote is removed before a shorter piece of it.
  return [...out].filter((s) => /[\u4e00-\u9fff]/.test(s)).sort((a, b) => b.length - a.length);
}

function textsOf(sheet: SheetSpec): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [{ where: 'sheet name', text: sheet.name }];
  for (const [address, cell] of Object.entries(sheet.cells)) {
    if (typeof cell.value === 'string') out.push({ where: address, text: cell.value });
    if (cell.formula) out.push({ where: `${address} formula`, text: cell.formula });
    if (cell.note) out.push({ where: `${address} note`, text: cell.note });
  }
  for (const v of sheet.validations ?? []) {
    if (v.prompt) out.push({ where: `${v.range} prompt`, text: `${v.prompt.title} ${v.prompt.text}` });
    if (v.error) out.push({ where: `${v.range} error`, text: `${v.error.title} ${v.error.text}` });
  }
  return out;
}

test('units and punctuation by language: one definition', () => {
  expect(unitText('万人', 'en')).toBe('10k persons');
  expect(paren(unitText('万人', 'en'), 'en')).toBe(' (10k persons)');
  expect(paren('万人', 'zh-CN')).toBe('（万人）');
  expect(withUnit(2000, '元', 'en')).toBe('2000 yuan');
  expect(withUnit(2000, '元', 'zh-CN')).toBe('2000元');
  expect(withUnit(95, '%', 'en')).toBe('95%');
  expect(colon('Met', '1', 'en')).toBe('Met: 1');
});

test.each(loadShippedPlans().map((p) => [p.id, p] as const))('%s: English templates have English sheet names, no Chinese punctuation and no Chinese units', (_id, plan) => {
  const quoted = quotedFromPlan(plan);
  const problems: string[] = [];
  for (const kind of TEMPLATE_KINDS) {
    const level = plan.balance ? '小学' : undefined;
    const spec = buildTemplate(plan, { kind, lang: 'en', units: kind === 'units' ? ['School A', 'School B'] : ['School A'], year: 2025, ...(level ? { level } : {}) });
    for (const sheet of spec.sheets) {
      if (sheet.name === spec.hiddenMetadata.sheetName || sheet.name.startsWith('_')) continue;
      if (/[\u4e00-\u9fff]/.test(sheet.name)) problems.push(`${kind}: sheet name ${sheet.name}`);
      for (const { where, text } of textsOf(sheet)) {
        // A citation ("…, line 12: quote") is the document's own words.
        let rest = text.replace(/, line \d+: .*/s, '');
        for (const q of quoted) rest = rest.split(q).join('');
        // Chinese terms given in quotes or brackets after their English, and the article numbers.
        rest = rest.replace(/"[^"]*[\u4e00-\u9fff][^"]*"/g, '').replace(/\([^()]*[\u4e00-\u9fff][^()]*\)/g, '');
        if (CHINESE_PUNCTUATION.test(rest)) problems.push(`${kind} ${sheet.name}!${where}: ${text.slice(0, 120)}`);
        if (/\d(人|万人|所|个|元|万元|间|项|班|级|份|门)(?![\u4e00-\u9fff])/.test(rest)) problems.push(`${kind} ${sheet.name}!${where} (unit): ${text.slice(0, 120)}`);
      }
    }
  }
  expect(problems).toEqual([]);
});
