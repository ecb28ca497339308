/**
 * Characters XML 1.0 cannot carry: C0 controls other than tab, line feed and carriage return,
 * U+FFFE/U+FFFF and unpaired surrogates. One of them in a cell's text makes the workbook
 * unreadable (Excel repairs it, openpyxl refuses it), so text bound for a cell is cleaned here.
 */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripXmlInvalid(text: string): string {
  return text.replace(XML_INVALID, '');
}

export function hasXmlInvalid(text: string): boolean {
  XML_INVALID.lastIndex = 0;
  const found = XML_INVALID.test(text);
  XML_INVALID.lastIndex = 0;
  return found;
}

/** `\u0007` → `U+0007`, for messages that name what was removed. */
export function describeXmlInvalid(text: string): string {
  const found = new Set<string>();
  for (const m of text.matchAll(XML_INVALID)) found.add(`U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return [...found].join(', ');
}
