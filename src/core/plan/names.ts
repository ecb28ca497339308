/**
 * Names that tell indicators apart. A plan may state the same measure twice (蕉岭: 蕉岭中学桂岭校区
 * 新增班数 in the body text and again in annex 3's task table); wherever a name is shown or typed
 * (template rows, `fill` input names, messages) the two must differ, so a repeated name gets the
 * part of the document it comes from: （正文三（二））, （附件3）.
 */
import type { Indicator, Plan, Section, Text } from './schema';

const cache = new WeakMap<Plan, Map<string, Text>>();

/** Where in the document a section is: 附件3, or 正文 with its article number. */
function sectionPlace(section: Section): Text {
  const zh = section.title.zh.trim();
  const annex = /^附件\s*[0-9一二三四五六七八九十]+/.exec(zh);
  if (annex) return { zh: annex[0].replace(/\s+/g, ''), en: `annex ${annex[0].replace(/^附件\s*/, '')}` };
  const article = /^[一二三四五六七八九十]+(（[一二三四五六七八九十]+）|、)?/.exec(zh);
  const num = article ? article[0].replace(/、$/, '') : '';
  // The article number stays the document's (三（一）), with English brackets in English text.
  return { zh: `正文${num}`, en: `body text${num ? ` ${num.replace(/（/g, '(').replace(/）/g, ')')}` : ''}` };
}

/** Each indicator's name, with its place in the document when another indicator has the same name. */
export function distinctNames(plan: Plan): Map<string, Text> {
  const hit = cache.get(plan);
  if (hit) return hit;
  const all = plan.sections.flatMap((s) => s.indicators.map((i) => ({ i, s })));
  const key = (i: Indicator) => i.name.zh.trim();
  const count = new Map<string, number>();
  for (const { i } of all) count.set(key(i), (count.get(key(i)) ?? 0) + 1);
  const out = new Map<string, Text>();
  for (const { i, s } of all) {
    if ((count.get(key(i)) ?? 0) < 2) {
      out.set(i.id, i.name);
      continue;
    }
    const place = sectionPlace(s);
    out.set(i.id, { zh: `${i.name.zh}（${place.zh}）`, ...(i.name.en !== undefined ? { en: `${i.name.en} (${place.en})` } : {}) });
  }
  cache.set(plan, out);
  return out;
}

/** An indicator's distinct name (see distinctNames). */
export function distinctName(plan: Plan, ind: Indicator): Text {
  return distinctNames(plan).get(ind.id) ?? ind.name;
}
