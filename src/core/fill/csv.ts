/**
 * A small RFC 4180 CSV reader for the long format `fill` takes (unit,input,value): quoted fields
 * with doubled quotes and embedded newlines, CRLF or LF, a UTF-8 BOM, and a size limit.
 */
import type { Bilingual } from '../i18n/text';

export const CSV_LIMITS = { maxChars: 20 * 1024 * 1024, maxRows: 500_000, maxField: 10_000 } as const;

export class CsvError extends Error {
  constructor(readonly text: Bilingual) {
    super(`${text.zh} / ${text.en}`);
    this.name = 'CsvError';
  }
}

/** Rows of fields; `line` is the 1-based line each row starts on. */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  if (text.length > CSV_LIMITS.maxChars) {
    throw new CsvError({ zh: `CSV 文件过大（上限 ${CSV_LIMITS.maxChars} 字符）`, en: `CSV too large (limit ${CSV_LIMITS.maxChars} characters)` });
  }
  const s = text.replace(/^\uFEFF/, '');
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endField = () => {
    if (field.length > CSV_LIMITS.maxField) {
      throw new CsvError({ zh: `第 ${rowLine} 行：字段过长`, en: `line ${rowLine}: field too long` });
    }
    fields.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
    if (rows.length > CSV_LIMITS.maxRows) throw new CsvError({ zh: `CSV 行数过多（上限 ${CSV_LIMITS.maxRows}）`, en: `too many CSV rows (limit ${CSV_LIMITS.maxRows})` });
    fields = [];
  };
  while (i < s.length) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError({ zh: `第 ${rowLine} 行：引号未闭合`, en: `line ${rowLine}: unclosed quote` });
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

/** One `unit,input,value` record. */
export interface FillRecord {
  line: number;
  unit: string;
  input: string;
  value: string;
}

const HEADERS: Record<'unit' | 'input' | 'value', RegExp> = {
  unit: /^(unit|单位|单位名称|学校|学校名称)$/i,
  input: /^(input|输入|输入项|数据项|指标|item)$/i,
  value: /^(value|值|数值|填报值)$/i,
};

/** At most this many bad lines are listed in one error (the count says how many there are). */
const MAX_LISTED_LINES = 20;

/**
 * Reads the long CSV; the header names its columns (unit,input,value or 单位,数据项,值) in any order.
 * Every row must have as many fields as the header: an unquoted `1,900.5` splits a value in two,
 * and guessing which part is meant would write a wrong number, so such a CSV is refused whole,
 * naming each bad line (trailing empty fields, as spreadsheets export them, are allowed).
 */
export function parseFillCsv(text: string): FillRecord[] {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new CsvError({ zh: 'CSV 为空', en: 'the CSV is empty' });
  const header = rows[0].fields.map((h) => h.trim());
  const col = (k: keyof typeof HEADERS) => header.findIndex((h) => HEADERS[k].test(h));
  const u = col('unit');
  const n = col('input');
  const v = col('value');
  if (u < 0 || n < 0 || v < 0) {
    throw new CsvError({
      zh: `CSV 首行须为列名 unit,input,value（或 单位,数据项,值），实际为：${header.join(',')}`,
      en: `the CSV header must name the columns unit,input,value; found: ${header.join(',')}`,
    });
  }
  const width = header.length;
  const bad: Array<{ line: number; count: number }> = [];
  for (const r of rows.slice(1)) {
    let count = r.fields.length;
    while (count > width && r.fields[count - 1]!.trim() === '') count--;
    if (count !== width) bad.push({ line: r.line, count });
  }
  if (bad.length > 0) {
    const listed = bad.slice(0, MAX_LISTED_LINES);
    const more = bad.length > listed.length ? bad.length - listed.length : 0;
    throw new CsvError({
      zh:
        `CSV 有 ${bad.length} 行的字段数与表头（${width} 列）不符，未写入任何内容：` +
        listed.map((b) => `第 ${b.line} 行 ${b.count} 列`).join('；') +
        (more ? `；另有 ${more} 行` : '') +
        `。含逗号的数值（如 1,900.5）须加引号 "1,900.5" 或去掉千位分隔符`,
      en:
        `${bad.length} CSV line(s) do not have the header's ${width} fields; nothing was written: ` +
        listed.map((b) => `line ${b.line} has ${b.count}`).join('; ') +
        (more ? `; ${more} more` : '') +
        `. Quote a value containing a comma ("1,900.5") or drop the thousands separator`,
    });
  }
  return rows.slice(1).map((r) => ({ line: r.line, unit: (r.fields[u] ?? '').trim(), input: (r.fields[n] ?? '').trim(), value: r.fields[v] ?? '' }));
}
