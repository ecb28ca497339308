/**
 * `JSON.stringify(value, null, 2)` in pieces: the same text, byte for byte, handed out one member
 * of a top-level array or object at a time, so a province's consolidation (tens of thousands of
 * units and files) is written to a pipe without ever being one string of hundreds of megabytes.
 *
 * Pieces go two levels down (the top object's members, and the members of those that are arrays
 * or objects); below that each member is one `JSON.stringify` re-indented (JSON text holds no raw
 * line break inside a string, so indenting after every `\n` is exact).
 */

/** What JSON.stringify would write for `v` as a member: undefined when it leaves the member out. */
function prepared(v: unknown, key: string): unknown {
  const withJson = v as { toJSON?: (key: string) => unknown } | null;
  if (withJson !== null && typeof withJson === 'object' && typeof withJson.toJSON === 'function') return withJson.toJSON(key);
  return v;
}

function isOmitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function indented(v: unknown, indent: string): string {
  return (JSON.stringify(v, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`);
}

function isContainer(v: unknown): v is object {
  // Plain arrays and objects; anything else (Map, boxed values …) is left to JSON.stringify.
  if (Array.isArray(v)) return true;
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function* members(v: object, indent: string, depth: number): Generator<string> {
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < v.length; i++) {
      const item = prepared(v[i], String(i));
      yield `${i > 0 ? ',' : ''}\n${inner}`;
      if (isOmitted(item)) yield 'null';
      else if (depth > 1 && isContainer(item)) yield* members(item, inner, depth - 1);
      else yield indented(item, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  const entries = Object.keys(v)
    .map((k) => [k, prepared((v as Record<string, unknown>)[k], k)] as const)
    .filter(([, x]) => !isOmitted(x));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  let first = true;
  for (const [k, x] of entries) {
    yield `${first ? '' : ','}\n${inner}${JSON.stringify(k)}: `;
    first = false;
    if (depth > 1 && isContainer(x)) yield* members(x, inner, depth - 1);
    else yield indented(x, inner);
  }
  yield `\n${indent}}`;
}

/** The pieces of `JSON.stringify(value, null, 2)`; joined, exactly that text. */
export function* jsonPieces(value: unknown, depth = 2): Generator<string> {
  const v = prepared(value, '');
  if (isOmitted(v)) return;
  if (isContainer(v)) yield* members(v, '', depth);
  else yield JSON.stringify(v, null, 2);
}
