/**
 * Validation issues are plain data: a union tagged by a stable kebab-case `code`, each with its
 * own typed `params`. Checks produce them without any text; the message catalogues
 * (`messages/zh.ts`, `messages/en.ts`) turn them into words afterwards, so a check never decides
 * wording and a message never decides a rule.
 *
 * Severity follows 统计审核 practice: `error` is 强制性审核 (the return is not acceptable until
 * fixed), `warning` is 提示性审核 (acceptable with a 说明 typed in the explanation cell), `info`
 * is a note that changes nothing (a value read after normalising it).
 */
import type { Bilingual } from '../i18n/text';
import { isGridError } from '../workbook/grid';

export type IssueSeverity = 'error' | 'warning' | 'info';

/** Ids of plan inputs named in a relation, with their cells so a message can point at both. */
export interface CellRef {
  input: string;
  sheet: string;
  cell: string;
}

/** What each code carries, beyond where it is. One entry per code: the catalogues are typed against it. */
export interface IssueParams {
  // --- cell content -----------------------------------------------------------------------
  /** Text that reads as a number after normalising it (full-width digits, `1,234`, `95%` …): accepted. */
  'normalized-value': { text: string; number: number; note?: Bilingual };
  /** Text that is neither a number nor a missing code. */
  'type-error': { text: string; reason: Bilingual };
  /** An Excel error (`#DIV/0!`, `#REF!` …) where a typed value belongs. */
  'error-value': { error: string };
  /** A count with a fractional part. */
  'not-whole': { number: number };
  /** A count or amount below zero. */
  'negative-count': { number: number };
  /** A yes/no input holding something else. */
  'not-boolean': { text: string };
  /** A date (or a number the host formatted as a date) where a count or amount belongs. */
  'date-value': { text: string };

  // --- required / missing -----------------------------------------------------------------
  'required-missing': Record<string, never>;
  /** A missing code (不适用, 暂无数据, —) where the plan does not allow one. */
  'missing-code-not-allowed': { missingCode: string };

  // --- ranges ------------------------------------------------------------------------------
  /** Outside a hard range: an input's min/max, an indicator's min/max, a net rate above 100. */
  'out-of-range': { number: number; min?: number; max?: number; of: 'input' | 'indicator'; netRate?: boolean };
  /** A gross ratio above its plausible bound (it may exceed 100, but not by that much). */
  'gross-ratio-implausible': { number: number; plausibleMax: number };

  // --- relations (表内审核) ----------------------------------------------------------------
  'part-exceeds-total': { rule: string; part: number; total: number; parts: CellRef[]; totalRef: CellRef };
  'sum-mismatch': { rule: string; sum: number; total: number; tolerance: number; parts: CellRef[]; totalRef: CellRef };
  /** A rate typed over its formula differs from the rate recomputed from its parts. */
  'rate-mismatch': { typed: number; computed: number; precision: number };
  /** A ratio whose denominator is 0 while its numerator is not: the rate cannot be computed. */
  'zero-denominator': { numerator: number; denominators: CellRef[] };

  // --- plausibility (提示性) -----------------------------------------------------------------
  'change-from-baseline': { number: number; baseline: number; baselineYear: number; change: number; maxChange: number };
  'change-from-previous': { number: number; previous: number; change: number; maxChange: number };
  /** A unit far from its peers: robust z-score (median / MAD) beyond the threshold. */
  'peer-outlier': { number: number; median: number; score: number; threshold: number; peers: number };

  // --- integrity ---------------------------------------------------------------------------
  /** A formula cell of the template now holds a constant. */
  'formula-overwritten': { formula: string };
  /** A formula cell of the template holds a different formula. */
  'formula-changed': { formula: string; found: string };
  /** The workbook's own (cached) formula result differs from the value computed here. */
  'workbook-value-mismatch': { workbook: IssueValue; computed: number | null };
  'plan-version-mismatch': { template: string; current: string };
  'plan-hash-mismatch': { template: string; current: string };
  'template-version-mismatch': { template: string; current: string };
  /** An input the template should collect has no cell: the map entry is gone or points nowhere. */
  'input-cell-missing': { reason: 'not-mapped' | 'sheet-missing' | 'name-missing' | 'name-broken' | 'deleted'; name?: string };
  /** A unit row the template did not have (inserted by hand, or on a copied sheet): read as a new unit. */
  'unit-added': { name: string; copyOf?: string; copySheet?: string };
  /** A column inserted among the input columns: its values are not read. */
  'column-added': { header: string; cells: string[] };
  /** A value typed in a visible sheet where the template has no input: not read. */
  'unplaced-value': {
    text: string;
    /** The row's label, when the row has one (an inserted line). */
    label?: string;
    /** A sheet no template made: its values counted (`count`), the first addresses listed (`cells`). */
    count?: number;
    cells?: string[];
  };
  /** The plan embedded in the return is not a released (shipped) plan, or its hash or version was edited. */
  'plan-not-released': {
    planId: string;
    reason: 'unknown-id' | 'hash-differs' | 'version-differs' | 'embedded-differs';
    /** Accepted on purpose (`--trust-embedded`): a note, not an error. */
    trusted: boolean;
    /** version-differs: the version the template records, and the released one. */
    template?: string;
    current?: string;
  };
  /** An input cell holds a formula that reads another workbook. */
  'external-link': { formula: string };
  'unknown-plan': { planId: string; planVersion: string };
  /** The workbook carries no template metadata (not generated by this tool, or the hidden sheet was removed). */
  'not-a-template': Record<string, never>;
  /** The hidden metadata sheet is ours but unreadable. */
  'metadata-invalid': { detail: Bilingual };

  // --- units (unit tables) -----------------------------------------------------------------
  'duplicate-unit': { name: string; firstCell: string };
  /** A unit row with data but no unit name. */
  'unit-name-missing': Record<string, never>;
  /** A unit named by the bureau now shows another name (rows moved, or the name edited). */
  'unit-renamed': { name: string; found: string };
  /** Validation itself could not finish (a bug): the return is not judged, never silently passed. */
  'validation-failed': { detail: string };
}

export type IssueCode = keyof IssueParams;

/** Every code, in catalogue order (used by tests to prove each one is emitted and rendered). */
export const ISSUE_CODES = [
  'normalized-value',
  'type-error',
  'error-value',
  'not-whole',
  'negative-count',
  'not-boolean',
  'date-value',
  'required-missing',
  'missing-code-not-allowed',
  'out-of-range',
  'gross-ratio-implausible',
  'part-exceeds-total',
  'sum-mismatch',
  'rate-mismatch',
  'zero-denominator',
  'change-from-baseline',
  'change-from-previous',
  'peer-outlier',
  'formula-overwritten',
  'formula-changed',
  'workbook-value-mismatch',
  'plan-version-mismatch',
  'plan-hash-mismatch',
  'template-version-mismatch',
  'input-cell-missing',
  'unknown-plan',
  'not-a-template',
  'metadata-invalid',
  'duplicate-unit',
  'unit-name-missing',
  'unit-renamed',
  'unit-added',
  'column-added',
  'unplaced-value',
  'plan-not-released',
  'external-link',
  'validation-failed',
] as const satisfies readonly IssueCode[];

// Compile-time proof that ISSUE_CODES lists every code.
type MissingFromList = Exclude<IssueCode, (typeof ISSUE_CODES)[number]>;
const everyCodeListed: MissingFromList extends never ? true : false = true;
void everyCodeListed;

/** Default severity per code; relation rules carry their own (the plan's `severity`). */
export const DEFAULT_SEVERITY: Record<IssueCode, IssueSeverity> = {
  'normalized-value': 'info',
  'type-error': 'error',
  'error-value': 'error',
  'not-whole': 'error',
  'negative-count': 'error',
  'not-boolean': 'error',
  'date-value': 'error',
  'required-missing': 'error',
  'missing-code-not-allowed': 'error',
  'out-of-range': 'error',
  'gross-ratio-implausible': 'warning',
  'part-exceeds-total': 'error',
  'sum-mismatch': 'error',
  'rate-mismatch': 'error',
  'zero-denominator': 'error',
  'change-from-baseline': 'warning',
  'change-from-previous': 'warning',
  'peer-outlier': 'warning',
  'formula-overwritten': 'error',
  'formula-changed': 'error',
  'workbook-value-mismatch': 'warning',
  'plan-version-mismatch': 'warning',
  'plan-hash-mismatch': 'error',
  'template-version-mismatch': 'warning',
  'input-cell-missing': 'error',
  'unknown-plan': 'error',
  'not-a-template': 'error',
  'metadata-invalid': 'error',
  'duplicate-unit': 'error',
  'unit-name-missing': 'error',
  'unit-renamed': 'error',
  'unit-added': 'warning',
  'column-added': 'error',
  'unplaced-value': 'warning',
  'plan-not-released': 'error',
  'external-link': 'error',
  'validation-failed': 'error',
};

/** A value as the JSON report shows it (cell content, an expected bound, a formula). */
export type IssueValue = string | number | boolean | null | { error: string };

/** Where an issue is and what it is about. Workbook-level issues have no sheet/cell. */
export interface IssueLocation {
  sheet?: string;
  /** A1 address on `sheet`. */
  cell?: string;
  /** The reporting unit's name (a school, a kindergarten, a town). */
  unit?: string;
  /** 1-based unit position in the template (stable even when names repeat or are blank). */
  unitIndex?: number;
  indicator?: string;
  input?: string;
  /**
   * The input cells a computed value is made from, when the issue's cell is the template's
   * (locked) formula cell: what the filler changes to fix it, so marks go there (`cellsToFix`).
   */
  inputCells?: CellRef[];
}

interface IssueCommon extends IssueLocation {
  severity: IssueSeverity;
  /** The cell's content as read (never altered). */
  value: IssueValue;
  /** What would be acceptable, in neutral notation (`≤ 1200`, `[0, 100]`, `=B7/C7*100`, `1.2.0`). */
  expected: IssueValue;
  message: Bilingual;
  /** A warning whose explanation (说明) cell has text: still listed, shown as explained. */
  explained?: boolean;
  /** The explanation text, when there is one. */
  explanation?: string;
  /** A value the user may accept to fix the cell (never applied without the user). */
  fix?: { value: string | number | boolean | null };
}

/** One issue: the tagged union over every code. */
export type ValidationIssue = {
  [C in IssueCode]: IssueCommon & { code: C; params: IssueParams[C] };
}[IssueCode];

export type IssueOf<C extends IssueCode> = Extract<ValidationIssue, { code: C }>;

/** An issue as a check emits it: no message yet, severity defaulted from the code. */
export type DraftIssue = {
  [C in IssueCode]: IssueLocation & {
    code: C;
    params: IssueParams[C];
    value: IssueValue;
    expected: IssueValue;
    severity?: IssueSeverity;
    fix?: { value: string | number | boolean | null };
  };
}[IssueCode];

export const SEVERITY_ORDER: Record<IssueSeverity, number> = { error: 0, warning: 1, info: 2 };

export const SEVERITY_LABEL: Record<IssueSeverity, Bilingual> = {
  error: { zh: '强制', en: 'error' },
  warning: { zh: '提示', en: 'warning' },
  info: { zh: '说明', en: 'note' },
};

/**
 * A cell's content as an issue value: JSON-safe, whatever a host handed over. Error values stay
 * objects; non-finite numbers and dates become text; anything else foreign is `(?)`.
 */
export function issueValue(v: unknown): IssueValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (isGridError(v)) return { error: v.error };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  return '(?)';
}

/** The same value as plain text (for messages and params). */
export function issueText(v: unknown): string {
  const x = issueValue(v);
  if (x === null) return '';
  return typeof x === 'object' ? x.error : String(x);
}

export function countBySeverity(issues: readonly { severity: IssueSeverity }[]): Record<IssueSeverity, number> {
  const out: Record<IssueSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of issues) out[i.severity]++;
  return out;
}

/** A cell on a sheet. */
export interface SheetCell {
  sheet: string;
  cell: string;
}

/** The part of an issue `cellsToFix` reads (a full issue, or a mark request in the adapter's tests). */
export type FixableIssue = Pick<IssueLocation, 'sheet' | 'cell' | 'inputCells'> & { code?: string; params?: unknown };

/**
 * The cells a filler changes to fix an issue — never a locked formula cell when the fault is in
 * its inputs: a computed value out of range, implausible or far from its peers names the input
 * cells it is computed from (`inputCells`); a broken relation (part > total, parts ≠ total) every
 * cell of the relation; a zero denominator its denominator cells; any other issue its own cell
 * (an empty input, a wrong value, a formula overwritten by hand). Empty for a workbook-level issue.
 */
export function cellsToFix(issue: FixableIssue): SheetCell[] {
  const own: SheetCell[] = issue.sheet && issue.cell ? [{ sheet: issue.sheet, cell: issue.cell }] : [];
  if (issue.inputCells && issue.inputCells.length > 0) return dedupeCells(issue.inputCells);
  const p = issue.params as Partial<IssueParams['part-exceeds-total'] & IssueParams['zero-denominator']> | undefined;
  if ((issue.code === 'part-exceeds-total' || issue.code === 'sum-mismatch') && p?.parts && p.totalRef) {
    return dedupeCells([...own, ...p.parts, p.totalRef]);
  }
  if (issue.code === 'zero-denominator' && p?.denominators && p.denominators.length > 0) return dedupeCells([...own, ...p.denominators]);
  return own;
}

function dedupeCells(cells: readonly SheetCell[]): SheetCell[] {
  const seen = new Set<string>();
  const out: SheetCell[] = [];
  for (const { sheet, cell } of cells) {
    const k = `${sheet.toLowerCase()}\u0000${cell.replace(/\$/g, '').toUpperCase()}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ sheet, cell });
  }
  return out;
}
