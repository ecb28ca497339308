/**
 * Builds hostile and damaged .xlsx files in the test itself (no binary fixtures): a minimal
 * workbook from XML parts, and edits of its zip directory (declared sizes, CRCs, entry counts)
 * the way a forger or a broken transfer would leave them.
 */
import { zipSync, strToU8, type Zippable } from 'fflate';

const RELS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook whose sheets are given as raw worksheet XML (or its `<sheetData>` body). */
export function minimalXlsx(sheets: Record<string, string>, extra: Record<string, string | Uint8Array> = {}, level: 0 | 6 = 6): Uint8Array {
  const names = Object.keys(sheets);
  const parts: Zippable = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${RELS_NS}"><sheets>${names
        .map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
        .map((_n, i) => `<Relationship Id="rId${i + 1}" Type="${RELS_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}</Relationships>`,
    ),
  };
  names.forEach((n, i) => {
    const xml = sheets[n];
    parts[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml.startsWith('<worksheet') || xml.startsWith('<?xml') ? xml : `<worksheet><sheetData>${xml}</sheetData></worksheet>`);
  });
  for (const [p, v] of Object.entries(extra)) parts[p] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(parts, { level });
}

/** Offset of an entry's central-directory record. */
function centralRecord(bytes: Uint8Array, name: string): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const target = strToU8(name);
  for (let p = 0; p + 46 <= bytes.length; p++) {
    if (view.getUint32(p, true) !== 0x02014b50) continue;
    const len = view.getUint16(p + 28, true);
    if (len === target.length && target.every((b, i) => bytes[p + 46 + i] === b)) return p;
  }
  throw new Error(`no central record for ${name}`);
}

/** A copy with one entry's declared uncompressed size (central directory and local header) replaced. */
export function withDeclaredSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const c = centralRecord(out, name);
  view.setUint32(c + 24, size, true);
  view.setUint32(view.getUint32(c + 42, true) + 22, size, true);
  return out;
}

/** A copy with one entry's CRC changed. */
export function withBadCrc(bytes: Uint8Array, name: string): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const c = centralRecord(out, name);
  view.setUint32(c + 16, view.getUint32(c + 16, true) ^ 0x5a5a5a5a, true);
  return out;
}

/** A copy with a few bytes in the middle of an entry's compressed data flipped. */
export function withDamagedData(bytes: Uint8Array, name: string): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const c = centralRecord(out, name);
  const lo = view.getUint32(c + 42, true);
  const start = lo + 30 + view.getUint16(lo + 26, true) + view.getUint16(lo + 28, true);
  const size = view.getUint32(c + 20, true);
  for (let i = 0; i < 8; i++) out[start + Math.floor(size / 2) + i] ^= 0xff;
  return out;
}
