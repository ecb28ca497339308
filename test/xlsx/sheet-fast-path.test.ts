/**
 * The sheet reader takes the usual tag shapes (`<c r="A1" s="3" t="s"><v>0</v></c>`, `<row r="2">`,
 * `<si><t>…</t></si>`) on a one-pass path and everything else through the general one. Both must
 * read a sheet the same: the same cells written plainly and written every other legal way
 * (single quotes, tabs and newlines between attributes, a namespace prefix on elements or
 * attributes, no `r`, attributes in another order, an entity in a value, a rich-text item) give the
 * same grid.
 */
import fc from 'fast-check';
import { parseSharedStrings, parseSheetXml } from '../../src/xlsx/sheet-reader';

interface Cell {
  col: number;
  kind: 's' | 'n' | 'str' | 'b' | 'inlineStr' | 'e' | 'f';
  value: number;
}

const colName = (c: number) => (c <= 26 ? String.fromCharCode(64 + c) : String.fromCharCode(64 + Math.floor((c - 1) / 26)) + String.fromCharCode(65 + ((c - 1) % 26)));

function body(c: Cell): string {
  switch (c.kind) {
    case 's':
      return `<v>${c.value % 4}</v>`;
    case 'n':
      return `<v>${c.value / 8}</v>`;
    case 'str':
      return `<v>文本${c.value}</v>`;
    case 'b':
      return `<v>${c.value % 2}</v>`;
    case 'inlineStr':
      return `<is><t>内联${c.value}</t></is>`;
    case 'e':
      return '<v>#DIV/0!</v>';
    case 'f':
      return `<f>A1*${c.value}</f><v>${c.value}</v>`;
  }
}

const typeOf = (c: Cell) => (c.kind === 'n' || c.kind === 'f' ? undefined : c.kind);

function plainCell(row: number, c: Cell): string {
  const t = typeOf(c);
  return `<c r="${colName(c.col)}${row}" s="1"${t ? ` t="${t}"` : ''}>${body(c)}</c>`;
}

/** The same cell another legal way (`style` picks which). */
function oddCell(row: number, c: Cell, style: number, previousCol: number): string {
  const t = typeOf(c);
  const ref = `${colName(c.col)}${row}`;
  switch (style % 7) {
    case 0:
      return `<c r='${ref}' s='1'${t ? ` t='${t}'` : ''}>${body(c)}</c>`;
    case 1:
      return `<c\tr="${ref}"\n${t ? `t="${t}" ` : ''}s="1" >${body(c)}</c>`;
    case 2:
      return `<x:c r="${ref}"${t ? ` t="${t}"` : ''}>${body(c).replace(/<(\/?)(v|f|is|t)>/g, '<$1x:$2>')}</x:c>`;
    case 3:
      // No `r`: the cell after the previous one (only when it is).
      return c.col === previousCol + 1 ? `<c${t ? ` t="${t}"` : ''} s="1">${body(c)}</c>` : plainCell(row, c);
    case 4:
      return `<c ${t ? `t="${t}" ` : ''}s="1" r="${ref}">${body(c)}</c>`;
    case 5:
      // A prefixed attribute name: the general path reads `x:r` as the cell's `r`.
      return `<c x:r="${ref}" s="1"${t ? ` x:t="${t}"` : ''}>${body(c)}</c>`;
    default:
      return `<c r="${ref}" s = "1"${t ? ` t="${t}"` : ''}>${body(c)}</c>`;
  }
}

const rowsArb = fc.array(
  fc.record({
    gap: fc.integer({ min: 1, max: 3 }),
    cells: fc.uniqueArray(fc.record({ col: fc.integer({ min: 1, max: 40 }), kind: fc.constantFrom<Cell['kind']>('s', 'n', 'str', 'b', 'inlineStr', 'e', 'f'), value: fc.integer({ min: 0, max: 999 }) }), {
      selector: (c) => c.col,
      maxLength: 6,
    }),
    style: fc.nat(),
  }),
  { minLength: 1, maxLength: 8 },
);

test('a sheet written plainly and written every other legal way reads the same', () => {
  const shared = ['甲', 'b', '丙丁', ''];
  fc.assert(
    fc.property(rowsArb, (rows) => {
      let row = 0;
      const plain: string[] = [];
      const odd: string[] = [];
      rows.forEach((r, k) => {
        row += r.gap;
        const cells = [...r.cells].sort((a, b) => a.col - b.col);
        plain.push(`<row r="${row}" spans="1:9" x14ac:dyDescent="0.25">${cells.map((c) => plainCell(row, c)).join('')}</row>`);
        const rowTag = [`<row r="${row}">`, `<row r='${row}'>`, `<row\tr="${row}" ht="15">`, `<x:row r="${row}">`, `<row spans="1:2"  r="${row}">`][(r.style + k) % 5]!;
        const close = rowTag.startsWith('<x:') ? '</x:row>' : '</row>';
        odd.push(`${rowTag}${cells.map((c, i) => oddCell(row, c, r.style + i, i === 0 ? 0 : cells[i - 1]!.col)).join('')}${close}`);
      });
      const a = parseSheetXml(`<worksheet><sheetData>${plain.join('')}</sheetData></worksheet>`, shared);
      const b = parseSheetXml(`<worksheet xmlns:x="urn:x"><sheetData>${odd.join('')}</sheetData></worksheet>`, shared);
      expect(b).toEqual(a);
      expect(a.cells).toBe(rows.reduce((n, r) => n + r.cells.filter((c) => !(c.kind === 's' && c.value % 4 === 3)).length, 0));
    }),
    { numRuns: 300 },
  );
});

test('a row number, a cell address or an attribute the one-pass path does not take reads as the general path reads it', () => {
  const read = (xml: string) => parseSheetXml(`<worksheet><sheetData>${xml}</sheetData></worksheet>`, []).values;
  // An entity in `r`, attributes run together, a duplicate: read by the general path.
  expect(read('<row r="&#50;"><c r="B2"><v>1</v></c></row>')).toEqual(read('<row r="2"><c r="B2"><v>1</v></c></row>'));
  expect(read('<row r="3"><c r="A3"s="1"><v>5</v></c></row>')[2]).toEqual([5]);
  expect(() => read('<row r="0"><c r="A1"><v>1</v></c></row>')).toThrow(/行号无效/);
  expect(() => read('<row r="12345678"><c r="A1"><v>1</v></c></row>')).toThrow(/行号无效.*12345678/);
  expect(() => read('<row r="1"><c r="A0"><v>1</v></c></row>')).toThrow(/单元格地址无效/);
});

test('shared strings: plain items in place, rich text, phonetic guides, CDATA and prefixes through the tokenizer, the same text', () => {
  const strings = parseSharedStrings(
    '<sst xmlns:x="urn:x"><si><t>甲</t></si><si><t xml:space="preserve"> 乙 </t></si><si/><si><r><rPr><b/></rPr><t>粗</t></r><r><t>体</t></r></si>' +
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si><si><t><![CDATA[a&b<c>]]></t></si><x:si><x:t>前缀</x:t></x:si><si><t>&lt;&amp;&#x4E2D;</t></si><!-- c --><si><t></t></si></sst>',
  );
  expect(strings).toEqual(['甲', ' 乙 ', '', '粗体', '漢字', 'a&b<c>', '前缀', '<&中', '']);
});
