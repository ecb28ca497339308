/**
 * Builds the zh-CN custom-functions metadata from the generated functions.json and the
 * translation table src/functions/functions.zh-cn.json. Throws, naming every function and
 * parameter that lacks a translation (and every stale entry), so the build fails instead of
 * shipping English help in Chinese Excel.
 *
 *   const { localizeFunctions } = require('./scripts/localize-functions');
 *   const zh = localizeFunctions(functionsJson, require('./src/functions/functions.zh-cn.json'));
 *
 * Display names: 3–64 characters, starting with a letter (Chinese characters count), then letters,
 * digits, '.' or '_'; unique across the add-in.
 */
'use strict';

const NAME_RE = /^[\p{L}][\p{L}\p{N}._]{2,63}$/u;

function isText(x) {
  return typeof x === 'string' && x.trim() !== '';
}

/**
 * @param {{functions: Array<{id: string, name: string, description?: string, parameters: Array<{name: string, description?: string}>}>}} functionsJson
 * @param {Record<string, {name: string, description: string, parameters?: Record<string, {name: string, description: string}>}>} table
 * @returns the localized metadata (a deep copy; functionsJson is not modified)
 */
function localizeFunctions(functionsJson, table) {
  if (!functionsJson || !Array.isArray(functionsJson.functions)) {
    throw new Error('localizeFunctions: functions.json has no "functions" array');
  }
  const problems = [];
  const out = JSON.parse(JSON.stringify(functionsJson));
  const names = new Map();
  const ids = new Set();
  for (const fn of out.functions) {
    ids.add(fn.id);
    const entry = table[fn.id];
    if (!entry) {
      problems.push(`${fn.id}: no translation`);
      continue;
    }
    if (!isText(entry.name)) problems.push(`${fn.id}: no Chinese name`);
    else if (!NAME_RE.test(entry.name)) problems.push(`${fn.id}: name "${entry.name}" must be 3–64 characters starting with a letter (letters, digits, . or _)`);
    else if (names.has(entry.name)) problems.push(`${fn.id}: name "${entry.name}" is also used by ${names.get(entry.name)}`);
    else names.set(entry.name, fn.id);
    if (!isText(entry.description)) problems.push(`${fn.id}: no Chinese description`);
    const params = entry.parameters || {};
    const seen = new Set();
    for (const p of fn.parameters || []) {
      seen.add(p.name);
      const tp = params[p.name];
      if (!tp) {
        problems.push(`${fn.id}(${p.name}): no translation`);
        continue;
      }
      if (!isText(tp.name)) problems.push(`${fn.id}(${p.name}): no Chinese name`);
      if (!isText(tp.description)) problems.push(`${fn.id}(${p.name}): no Chinese description`);
      p.name = tp.name;
      p.description = tp.description;
    }
    for (const extra of Object.keys(params)) {
      if (!seen.has(extra)) problems.push(`${fn.id}(${extra}): translated parameter does not exist`);
    }
    if (isText(entry.name)) fn.name = entry.name;
    if (isText(entry.description)) fn.description = entry.description;
  }
  for (const id of Object.keys(table)) {
    if (!ids.has(id)) problems.push(`${id}: translated function does not exist`);
  }
  if (problems.length > 0) {
    throw new Error(`zh-CN custom-function metadata incomplete (${problems.length}):\n  ${problems.join('\n  ')}`);
  }
  return out;
}

module.exports = { localizeFunctions };
