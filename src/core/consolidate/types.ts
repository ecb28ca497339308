/**
 * Consolidation as plain data. Two stages, so the per-file work can run anywhere (a worker thread,
 * a Web Worker) and only small JSON-able records travel:
 *
 *   ReturnSource (a read workbook, or why it could not be read)
 *     → readReturn (per file: templates, units, input values with their cells, validation issues)
 *     → ReturnRead[]
 *     → consolidate (all files: choose the plan, drop duplicates, recompute, compare, account)
 *     → Consolidation.
 */
import type { Bilingual } from '../i18n/text';
import type { MissingCode } from '../coerce';
import type { Status } from '../evaluate/status';
import type { IssueSeverity } from '../validate/issues';
import type { WorkbookGrid } from '../workbook/grid';

/** One returned file as a reader hands it over. */
export interface ReturnSource {
  /** The path or name the user knows the file by (every number traces back to it). */
  file: string;
  /** When the workbook was last saved (ms since 1970): docProps/core.xml `modified`, else the file's mtime. */
  modified?: number;
  modifiedFrom?: 'workbook' | 'file';
  /** The workbook as read, or why it could not be read. */
  book?: WorkbookGrid;
  unreadable?: Bilingual;
}

/** A cell of a returned file. */
export interface CellAt {
  sheet: string;
  cell: string;
}

/** One input of one unit as read: its number (yes = 1, no = 0), or why there is none, and where it is. */
export interface InputRead extends CellAt {
  value: number | null;
  missing?: MissingCode;
  /** The content could not be read as a value of its kind (validation says why). */
  invalid?: boolean;
  /** A combined school's shared resource: `value` is the cell's number × this stage's share. */
  share?: number;
}

export interface UnitRead {
  /** Normalised (NFKC, whitespace folded, trimmed): the key across files and the expected list. */
  name: string;
  /** 1-based position in its template. */
  index: number;
  /** The unit's name cell. */
  at: CellAt;
  inputs: Record<string, InputRead>;
  /** Hard errors (validation severity `error`) on this unit or on its whole file. */
  errors: number;
  /** The stage, when the template covers several (else the template's level). */
  level?: string;
}

export interface TemplateRead {
  planId: string;
  planVersion: string;
  templateVersion: string;
  planHash: string;
  kind: string;
  level?: string;
  year?: number;
  instance: number;
  units: UnitRead[];
  /** Inputs of its cell map the current plan does not have (an older version's), not read. */
  dropped?: string[];
  /** A region's summary carried up (summary.xlsx's 上报): its unit is a county, not a school. */
  carried?: true;
}

/** A validation issue reduced to what a summary lists. */
export interface IssueRow {
  severity: IssueSeverity;
  code: string;
  message: Bilingual;
  sheet?: string;
  cell?: string;
  unit?: string;
}

/** skipped: not a return at all (an Office lock file, a hidden file), listed so every file is accounted for, never a problem. */
export type ReadStatus = 'read' | 'unreadable' | 'not-a-template' | 'skipped';

/** What one file contributes (JSON-able: may come back from a worker). */
export interface ReturnRead {
  file: string;
  modified?: number;
  modifiedFrom?: 'workbook' | 'file';
  status: ReadStatus;
  reason?: Bilingual;
  templates: TemplateRead[];
  issues: IssueRow[];
}

/** A unit of the expected list (`单位`/`学校`, optional `学段`). */
export interface ExpectedUnit {
  unit: string;
  level?: string;
}

export interface ConsolidateOptions {
  /** The plan to consolidate; default: the plan most units returned on. */
  planId?: string;
  /** The report year; default: the year most returns carry. */
  year?: number;
  expected?: readonly ExpectedUnit[];
  /** Include units whose return has hard errors (excluded by default). */
  includeInvalid?: boolean;
}

/** How a file ended up. */
export type FileStatus =
  | 'consolidated' // every unit in it counted
  | 'partial' // some units counted, others excluded (errors) or superseded (duplicates)
  | 'excluded' // nothing counted: hard errors (see --include-invalid)
  | 'superseded' // every unit in it came newer from another file
  | 'migrated' // an older plan or template version, read through its cell map
  | 'other-plan'
  | 'other-version' // an older version whose cell map has none of the current inputs
  | 'unreadable'
  | 'not-a-template'
  | 'skipped' // an Office lock file or a hidden file: not a return, listed only
  | 'empty'; // a template with no unit filled in

export interface FileOutcome {
  file: string;
  status: FileStatus;
  units: string[];
  issues: IssueRow[];
  reason?: Bilingual;
  modified?: number;
  modifiedFrom?: 'workbook' | 'file';
  planId?: string;
  planVersion?: string;
}

export interface IndicatorResult {
  value: number | null;
  status: Status;
  /** The value cannot be (a net rate above 100 %, part > total): status 无数据, shown 数据有误. */
  invalid?: true;
}

export interface BalancedResult {
  /** Indicators meeting their threshold (of 7). */
  met: number;
  /** Indicators below 85 % of their threshold. */
  below85: number;
  /** The 6-of-7 / 85 % rule: null while values are missing and the known ones do not decide. */
  passes: boolean | null;
}

/** One row per unit counted (or excluded for errors, with `included: false`). */
export interface UnitRow {
  unit: string;
  /** The stage the unit reported for ('' when the plan has no stages). */
  level: string;
  file: string;
  /** Kept because it was the newest of several files. */
  modified?: number;
  included: boolean;
  /** Hard errors in its return. */
  errors: number;
  migrated?: boolean;
  /**
   * A region (a county's summary carried up), not a school: the school rules of 优质均衡 (6 of 7,
   * 85 %) and the between-school 差异系数 are not applied to it — each county's own summary judged them.
   */
  region?: true;
  inputs: Record<string, number | null>;
  /** Where each input was read (`'sheet'!C7`). */
  cells: Record<string, string>;
  indicators: Record<string, IndicatorResult>;
  balanced?: BalancedResult;
}

/** Every per-school quantity of a 校际差异系数, so it can be recomputed by hand. */
export interface DiffCoefRow {
  unit: string;
  file: string;
  amount: number;
  pupils: number;
  ratio: number;
  weight: number;
}

export interface Aggregate {
  indicator: string;
  code?: string;
  name: Bilingual;
  unitLabel: string;
  level: string;
  /** The region's value: recomputed from summed parts for a ratio, summed for a sum; null when not aggregatable. */
  value: number | null;
  status: Status;
  /**
   * The status as a reader sees it (evaluate.ts statusLabel): 未达标（约束性） for a missed 约束性
   * target, 数据有误 for an impossible value (then `status` is noData and `invalid` is set).
   */
  statusLabel: Bilingual;
  invalid?: true;
  gap: number | null;
  /** 达成度 (%) as the plan's evaluation defines it. */
  achievement: number | null;
  targetText: Bilingual;
  /** The summed parts behind `value`. */
  numerator?: number;
  denominator?: number;
  scale?: number;
  /** Units whose parts are all there (they make `value`). */
  contributors: number;
  /** Units counted at this level. */
  units: number;
  /** Units whose own status is 达标. */
  unitsMet: number;
  diffCoef?: number | null;
  diffCoefLimit?: number;
  diffCoefPasses?: boolean | null;
  diffCoefMean?: number;
  diffCoefSd?: number;
  diffCoefProblem?: Bilingual;
  diffCoefRows?: DiffCoefRow[];
}

/** The 优质均衡 verdict of one stage: schools passing 6-of-7/85 %, and every 差异系数 within its limit. */
export interface LevelVerdict {
  level: string;
  schools: number;
  schoolsPassing: number;
  schoolsUndecided: number;
  coefficientsPassing: number;
  coefficients: number;
  /** Resource allocation of the stage passes (every school and every coefficient); null while undecided. */
  passes: boolean | null;
}

export interface Duplicate {
  unit: string;
  level: string;
  files: string[];
  kept: string;
}

export interface Completeness {
  /** Units on the expected list (0 when none was given). */
  expected: number;
  /** Distinct units that returned a readable return on the plan (counted or not). */
  returned: number;
  missing: Array<{ unit: string; level?: string }>;
  unknown: Array<{ unit: string; level: string; file: string }>;
  duplicates: Duplicate[];
  unread: Array<{ file: string; reason: Bilingual }>;
  invalid: Array<{ unit: string; level: string; file: string; errors: number; included: boolean }>;
  otherPlan: Array<{ file: string; planId: string; planVersion: string }>;
  otherVersion: Array<{ file: string; planVersion: string; templateVersion: string; reason: Bilingual }>;
  migrated: Array<{ file: string; from: string; to: string; dropped: string[] }>;
}

export interface Consolidation {
  plan: { id: string; version: string; title: Bilingual; hash: string };
  year?: number;
  /** Levels present, 小学 before 初中, '' (no stage) last. */
  levels: string[];
  includeInvalid: boolean;
  files: FileOutcome[];
  units: UnitRow[];
  aggregates: Aggregate[];
  verdicts: LevelVerdict[];
  completeness: Completeness;
  /** Inputs in the plan's order that any unit carried. */
  inputs: string[];
  /** Indicators in the plan's order that any unit's template carried. */
  indicators: string[];
}
