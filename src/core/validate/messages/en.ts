/** English messages: the same facts as the Chinese ones, in the same order (cell, name, value, rule, fix). */
import type { Catalogue } from './catalogue';
import { joinNames, num, pickLang, reasonText, refName, shown, subject } from './format';

const EXPLAIN = 'if it is correct, write the reason in the explanation (说明) cell';

const INPUT_CELL_REASON = {
  'not-mapped': 'has no cell in the template map',
  'sheet-missing': 'is on a sheet that was deleted or renamed',
  'name-missing': 'lost its defined name; read from its original cell',
  'name-broken': 'has a broken defined name (rows or columns deleted); read from its original cell',
  deleted: 'is gone: its row or column was deleted, and it is not read (never a neighbouring cell instead)',
} as const;

const PLAN_NOT_RELEASED = {
  'unknown-id': 'is not a released plan (the plan library has no such id)',
  'hash-differs': 'differs from the released version (the embedded plan or the plan hash in the template data was edited)',
  'version-differs': 'has a version that differs from the released one (an older template, or the version in the template data was edited)',
  'embedded-differs': 'embedded in the workbook differs from the released version (it was edited)',
} as const;

export const en: Catalogue = {
  'normalized-value': (i, c) =>
    `${subject(i, c, 'en')}: ${shown(i.value, 'en')} read as the number ${num(i.params.number)}` +
    `${i.params.note ? ` (${i.params.note.en})` : ''}; accept the fix to store it as ${num(i.params.number)}`,
  'type-error': (i, c) => {
    const why = reasonText(i.params.reason, i.params.text, 'en');
    return `${subject(i, c, 'en')}: ${shown(i.value, 'en')} is not a number${why ? ` (${why})` : ''}; type a number, or 暂无数据 (no data yet) / 不适用 (not applicable)`;
  },
  'error-value': (i, c) =>
    `${subject(i, c, 'en')}: holds the error ${i.params.error}; type the number itself here, not a formula`,
  'not-whole': (i, c) => `${subject(i, c, 'en')}: ${num(i.params.number)} is not a whole number; counts must be whole`,
  'negative-count': (i, c) => `${subject(i, c, 'en')}: ${num(i.params.number)} is below 0; this cannot be negative`,
  'not-boolean': (i, c) => `${subject(i, c, 'en')}: ${shown(i.value, 'en')} is not yes/no; type 是 (yes) or 否 (no)`,
  'date-value': (i, c) =>
    `${subject(i, c, 'en')}: holds a date (${i.params.text}); type a number (the cell may have been formatted as a date)`,
  'required-missing': (i, c) =>
    `${subject(i, c, 'en')}: is blank but required; type a number, or 暂无数据 (no data yet) / 不适用 (not applicable)`,
  'missing-code-not-allowed': (i, c) =>
    `${subject(i, c, 'en')}: "${i.params.missingCode}" is not allowed here; type the actual number`,
  'out-of-range': (i, c) => {
    const { number, min, max, netRate } = i.params;
    const bound =
      max !== undefined && number > max ? `is above the maximum ${num(max)}` : min !== undefined ? `is below the minimum ${num(min)}` : 'is out of range';
    const rule = netRate
      ? 'a net rate cannot exceed 100%; check that the numerator is not larger than the denominator'
      : `the allowed range is ${min !== undefined ? num(min) : '−∞'} to ${max !== undefined ? num(max) : '∞'}`;
    return `${subject(i, c, 'en')}: ${num(number)} ${bound}; ${rule}`;
  },
  'gross-ratio-implausible': (i, c) =>
    `${subject(i, c, 'en')}: ${num(i.params.number)} is above the plausible bound ${num(i.params.plausibleMax)}; a gross ratio may exceed 100 but not this far, check numerator and denominator; ${EXPLAIN}`,
  'part-exceeds-total': (i, c) => {
    const p = i.params;
    const total = `${refName(p.totalRef, c, 'en')} ${num(p.total)}`;
    if (i.severity === 'warning') return `${subject(i, c, 'en')}: ${num(p.part)} is greater than ${total}; usually it is not (transfers can explain it): check; ${EXPLAIN}`;
    if (p.parts.length === 1) {
      return `${subject(i, c, 'en')}: ${num(p.part)} is greater than ${total}; a part cannot exceed its total`;
    }
    const names = joinNames(p.parts.map((r) => refName(r, c, 'en')), 'en');
    return `${names} add up to ${num(p.part)}, more than ${total}; the parts cannot exceed the total`;
  },
  'sum-mismatch': (i, c) => {
    const p = i.params;
    const names = joinNames(p.parts.map((r) => refName(r, c, 'en')), 'en');
    const tol = p.tolerance > 0 ? ` (tolerance ${num(p.tolerance)})` : '';
    return `${subject(i, c, 'en')}: ${num(p.total)} differs from the sum of its parts ${num(p.sum)} (${names}) by ${num(Math.abs(p.total - p.sum))}${tol}; the total must equal the sum of the parts`;
  },
  'rate-mismatch': (i, c) =>
    `${subject(i, c, 'en')}: ${num(i.params.typed)} was typed, but the numerator and denominator give ${num(i.params.computed, i.params.precision)}; this rate is computed by a formula, restore it (or correct the parts)`,
  'zero-denominator': (i, c) =>
    `${subject(i, c, 'en')}: cannot be computed, the denominator ${joinNames(i.params.denominators.map((r) => refName(r, c, 'en')), 'en')} is 0 while the numerator is ${num(i.params.numerator)}; check the denominator`,
  'change-from-baseline': (i, c) => {
    const p = i.params;
    return `${subject(i, c, 'en')}: ${num(p.number)} changed by ${num(p.change)} from the ${p.baselineYear} baseline ${num(p.baseline)}, more than ${num(p.maxChange)}; check it; ${EXPLAIN}`;
  },
  'change-from-previous': (i, c) => {
    const p = i.params;
    return `${subject(i, c, 'en')}: ${num(p.number)} changed by ${num(p.change)} from last year's ${num(p.previous)}, more than ${num(p.maxChange)}; check it; ${EXPLAIN}`;
  },
  'peer-outlier': (i, c) => {
    const p = i.params;
    return `${subject(i, c, 'en')}: ${num(p.number)} is far from its ${p.peers} peers (median ${num(p.median)}, robust z ${num(p.score, 1)} beyond ${num(p.threshold, 1)}); check it; ${EXPLAIN}`;
  },
  'formula-overwritten': (i, c) =>
    `${subject(i, c, 'en')}: the formula was replaced by the constant ${shown(i.value, 'en')}; this cell is computed, restore =${i.params.formula}`,
  'formula-changed': (i, c) =>
    `${subject(i, c, 'en')}: the formula was changed (now =${i.params.found}, expected =${i.params.formula}); restore the original formula`,
  'workbook-value-mismatch': (i, c) =>
    `${subject(i, c, 'en')}: the workbook shows ${shown(i.params.workbook, 'en')} but validation computes ${i.params.computed === null ? '(no data)' : num(i.params.computed)}; recalculate the workbook (F9) and save, or check the formula`,
  'plan-version-mismatch': (i, c) =>
    `this return was made for ${c.planTitle ? `"${pickLang(c.planTitle, 'en')}" ` : 'the plan '}version ${i.params.template}; the current version is ${i.params.current}; targets may have changed, use the new template`,
  'plan-hash-mismatch': (i, c) =>
    `the plan fingerprint in this return does not match ${c.planTitle ? `"${pickLang(c.planTitle, 'en')}" ` : 'the plan '}version ${i.params.current}; the template's hidden data or the plan was modified; refill the official template`,
  'template-version-mismatch': (i) =>
    `this return uses template layout ${i.params.template}; the current one is ${i.params.current}; use the new template`,
  'input-cell-missing': (i, c) => {
    const name = i.input !== undefined ? (pickLang(c.inputName(i.input), 'en') ?? i.input) : `the name cell of unit "${i.unit ?? ''}"`;
    const unit = c.multiUnit && i.unit && i.input !== undefined ? ` (${i.unit})` : '';
    const fallback = i.params.reason === 'name-missing' || i.params.reason === 'name-broken';
    if (i.params.reason === 'deleted' && i.input === undefined) {
      return `the row of unit "${i.unit ?? ''}" was deleted (${i.params.name ?? ''}); its data is not read; restore the row (undo) or refill the original template`;
    }
    return `${i.cell ? `${i.cell} ` : ''}${i.input !== undefined ? `"${name}"` : name}${unit} ${INPUT_CELL_REASON[i.params.reason]}${i.params.name ? ` (${i.params.name})` : ''}; ${
      fallback ? 'check that this cell still holds it' : 'refill the original template without deleting or moving sheets, rows or columns'
    }`;
  },
  'unit-added': (i) =>
    i.params.copyOf
      ? `${i.cell ? `${i.cell} ` : ''}"${i.params.name}" is on "${i.params.copySheet ?? ''}", a copy of the template's sheet "${i.params.copyOf}"; read as a unit added by hand; confirm it, and insert rows in "${i.params.copyOf}" instead`
      : `${i.cell ? `${i.cell} ` : ''}"${i.params.name}" is not a unit of the template (a row inserted by hand); read as a new unit; confirm that it should report`,
  'column-added': (i) => {
    const n = i.params.cells.length;
    const list = `${i.params.cells.slice(0, 8).join(', ')}${n > 8 ? ` and ${n - 8} more` : ''}`;
    return `${i.cell ? `${i.cell}: ` : ''}the column${i.params.header ? ` "${i.params.header}"` : ''} is not an input column of the template (inserted by hand, or typed outside the table); its ${n} value(s) are not read (${list}); delete the column and type the data into the template's own input columns`;
  },
  'unplaced-value': (i) =>
    i.params.count !== undefined
      ? `the sheet "${i.sheet ?? ''}" is not a sheet of the template; its ${i.params.count} value(s) are not read (${(i.params.cells ?? []).join(', ')}${i.params.count > (i.params.cells ?? []).length ? ` and ${i.params.count - (i.params.cells ?? []).length} more` : ''}); if they should be reported, type them into the template's input cells, otherwise delete them`
      : `${i.cell ? `${i.cell} ` : ''}${i.params.label ? `(row "${i.params.label}") ` : ''}${shown(i.value, 'en')} is in no input cell and is not read; if it should be reported, type it into the template's input cell, otherwise delete it`,
  'plan-not-released': (i) =>
    `the plan "${i.params.planId}" ${PLAN_NOT_RELEASED[i.params.reason]}${
      i.params.template !== undefined ? ` (this return: ${i.params.template || 'unknown'}; released: ${i.params.current ?? ''})` : ''
    }: the plan is not a released version. ${
      i.params.trusted ? 'Validated against the embedded plan because of --trust-embedded; for reference only' : 'Refill the official template; if you trust it, --trust-embedded validates against the embedded plan'
    }`,
  'external-link': (i, c) =>
    `${subject(i, c, 'en')}: a formula reading another workbook (=${i.params.formula}); links break on other computers, type the value itself`,
  'unknown-plan': (i) =>
    `this return is for plan "${i.params.planId}" (${i.params.planVersion || 'version unknown'}), which is not in the plan library; import the plan or use the official template`,
  'not-a-template': () =>
    'this workbook is not a template made by this tool (its hidden template data is missing); fill the template you were sent, not a copy in a new workbook',
  'metadata-invalid': (i) => `the template data cannot be read: ${i.params.detail.en}`,
  'duplicate-unit': (i) =>
    `${i.cell ? `${i.cell} ` : ''}unit name "${i.params.name}" repeats ${i.params.firstCell}; one row per unit, delete or merge the duplicate`,
  'unit-name-missing': (i) => `${i.cell ? `${i.cell} ` : ''}the unit name is blank; type the school's (unit's) full name`,
  'unit-renamed': (i) =>
    `${i.cell ? `${i.cell} ` : ''}the unit name is now "${i.params.found}" but the template says "${i.params.name}"; rows may have been moved or the name edited; restore the name and the row order`,
  'validation-failed': (i) => `this return could not be fully validated (internal error: ${i.params.detail}); send the file to support, and do not treat it as passed`,
};
