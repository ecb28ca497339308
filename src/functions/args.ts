/**
 * Reading custom-function arguments: ranges as matrices, broadcasting, optional arguments,
 * targets written as numbers / text / indicator references, years and levels.
 */
import type { Bilingual } from '../core/i18n/text';
import { coerceNumber } from '../core/coerce';
import { runtimeRegistry } from '../runtime/registry';
import { resolveIndicator, resolvePlan } from '../core/plan/resolve';
import type { Indicator, Level, Plan, Relation } from '../core/plan/schema';
import { levelProblem, parseLevelName, parseReportYear, yearProblem } from '../core/user-input';
import { parseRelation, parseThreshold, type Threshold } from '../core/evaluate/threshold';
import { excelError, isExcelError, valueError } from './errors';

export type Cell = unknown;
export type Matrix = Cell[][];
/** A result cell: a value or an Excel error shown in that cell. */
export type Out<T> = T | CustomFunctions.Error;

/** Omitted optional arguments arrive as null or undefined; an empty cell as null or "". */
export function isOmitted(x: unknown): boolean {
  if (x === null || x === undefined) return true;
  if (typeof x === 'string' && x.trim() === '') return true;
  if (Array.isArray(x)) return x.length === 0 || (x.length === 1 && Array.isArray(x[0]) && x[0].length === 1 && isOmitted(x[0][0]));
  return false;
}

/** Any argument as a matrix: a scalar is 1×1, a plain list a row. */
export function asMatrix(x: unknown): Matrix {
  if (!Array.isArray(x)) return [[x]];
  if (x.length === 0) return [[null]];
  if (x.every((row) => Array.isArray(row))) return x as Matrix;
  return [x as Cell[]];
}

/** Scalar from an argument that may be a 1×1 range. */
export function scalar(x: unknown): Cell {
  if (!Array.isArray(x)) return x;
  const m = asMatrix(x);
  return m.length === 1 && m[0]!.length === 1 ? m[0]![0] : x;
}

function shape(m: Matrix): [number, number] {
  return [m.length, m[0]?.length ?? 0];
}

/**
 * Applies f cell by cell over matrices of the same size; a 1×1 matrix is repeated over the others.
 * Any other size mismatch is #VALUE! (区域大小不一致).
 */
export function broadcast<T>(mats: Matrix[], f: (...cells: Cell[]) => Out<T>): Array<Array<Out<T>>> {
  let rows = 1;
  let cols = 1;
  for (const m of mats) {
    const [r, c] = shape(m);
    if (r === 1 && c === 1) continue;
    if (rows === 1 && cols === 1) {
      rows = r;
      cols = c;
    } else if (r !== rows || c !== cols) {
      throw valueError(`区域大小不一致（${rows}×${cols} 与 ${r}×${c}）`, `ranges of different sizes (${rows}×${cols} and ${r}×${c})`);
    }
  }
  const out: Array<Array<Out<T>>> = [];
  for (let i = 0; i < rows; i++) {
    const row: Array<Out<T>> = [];
    for (let j = 0; j < cols; j++) {
      const cells = mats.map((m) => (m.length === 1 && m[0]!.length === 1 ? m[0]![0] : m[i]![j]));
      try {
        row.push(f(...cells));
      } catch (e) {
        if (isExcelError(e)) row.push(e);
        else throw e;
      }
    }
    out.push(row);
  }
  return out;
}

/**
 * The function's return value: a 1×1 result that is an error is THROWN (so Excel shows its
 * message); larger results keep errors in their cells (a spilled array may hold errors).
 */
export function finish<T>(m: Array<Array<Out<T>>>): T[][] {
  if (m.length === 1 && m[0]!.length === 1 && isExcelError(m[0]![0])) throw m[0]![0];
  return m as T[][];
}

/** All cells of a range, row by row. */
export function flatten(x: unknown): Cell[] {
  return asMatrix(x).flat();
}

/** An optional year: omitted, 0 or blank → undefined; otherwise a whole year 1990–2100. */
export function readYear(x: unknown): number | undefined {
  const v = scalar(x);
  if (isOmitted(v) || v === 0) return undefined;
  const year = parseReportYear(v);
  if (year === undefined) {
    const p = yearProblem(String(v));
    throw valueError(p.zh, p.en);
  }
  return year;
}

/** A required year. */
export function requireYear(x: unknown): number {
  const y = readYear(x);
  if (y === undefined) throw valueError('缺少年份', 'the year is missing');
  return y;
}

/** An optional level (学段): 小学, 初中 … (also "primary", "junior"). */
export function readLevel(x: unknown): Level | undefined {
  const v = scalar(x);
  if (isOmitted(v)) return undefined;
  const s = String(v).trim();
  const level = parseLevelName(s);
  if (level) return level;
  const p = levelProblem(s);
  throw valueError(p.zh, p.en);
}

/** An optional comparator (≥, >=, 不低于, <, 以内 …). */
export function readComparator(x: unknown): Relation | undefined {
  const v = scalar(x);
  if (isOmitted(v)) return undefined;
  const r = parseRelation(String(v));
  if (!r) throw valueError(`无法识别的比较符「${String(v)}」（可用 >=、>、<=、<、=）`, `unknown comparator "${String(v)}" (use >=, >, <=, <, =)`);
  return r;
}

export interface IndicatorRef {
  plan: Plan;
  indicator: Indicator;
}

/** A plan from the catalog by id, region short name (阳江) or title (see core/plan/resolve.ts). */
export function findPlan(id: unknown): Plan {
  const s = String(scalar(id) ?? '').trim();
  const r = resolvePlan(runtimeRegistry().list(), s);
  if (!r.ok) throw excelError('#VALUE!', r.message);
  return r.value;
}

/** An indicator by plan and indicator id, code (B1) or Chinese name (exact or unique prefix). */
export function findIn(planId: unknown, indicatorId: unknown): IndicatorRef {
  const plan = findPlan(planId);
  const s = String(scalar(indicatorId) ?? '').trim();
  const r = resolveIndicator(plan, s);
  if (!r.ok) throw excelError('#VALUE!', r.message);
  return { plan, indicator: r.value.indicator };
}

/**
 * An indicator written as one text: "plan/indicator" ("national-yzjh-2017/B1", "阳江/巩固率"), or an
 * indicator id, code or name found in exactly one plan of the catalog.
 */
export function parseIndicatorRef(text: string): IndicatorRef {
  const s = text.trim();
  const slash = s.indexOf('/');
  if (slash > 0) return findIn(s.slice(0, slash), s.slice(slash + 1));
  const hits: IndicatorRef[] = [];
  for (const plan of runtimeRegistry().list()) {
    const r = resolveIndicator(plan, s);
    if (r.ok) hits.push({ plan, indicator: r.value.indicator });
  }
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) {
    throw valueError(
      `指标「${s}」在多个计划中出现（${hits.map((h) => h.plan.id).join('、')}），请写成“计划/指标”`,
      `indicator "${s}" is in several plans (${hits.map((h) => h.plan.id).join(', ')}); write "plan/indicator"`,
    );
  }
  throw valueError(`未知的指标「${s}」（写成“计划/指标”，如 national-yzjh-2017/b1）`, `unknown indicator "${s}" (write "plan/indicator")`);
}

export type TargetSpec =
  | { kind: 'explicit'; threshold: Threshold; opGiven: boolean }
  | ({ kind: 'indicator' } & IndicatorRef);

/**
 * A target argument: a number (95), a threshold text ("≥95", "<=0.15", "85-90"), TRUE/FALSE for a
 * yes/no target, or an indicator reference. `comparator` applies to bare numbers; a text that
 * carries its own comparator must agree with it.
 */
export function readTarget(raw: unknown, comparator?: Relation): TargetSpec {
  if (isOmitted(raw)) throw valueError('目标值缺失', 'the target is missing');
  if (typeof raw === 'boolean') return { kind: 'explicit', threshold: { op: 'bool', value: raw }, opGiven: true };
  if (typeof raw === 'number') {
    const c = coerceNumber(raw);
    if (c.kind !== 'number') throw valueError('目标值无效', 'invalid target');
    return { kind: 'explicit', threshold: { op: comparator ?? '>=', value: c.value }, opGiven: comparator !== undefined };
  }
  if (typeof raw !== 'string') throw valueError('目标值无效', 'invalid target');
  const s = raw.trim();
  const bare = coerceNumber(s);
  if (bare.kind === 'number') return { kind: 'explicit', threshold: { op: comparator ?? '>=', value: bare.value }, opGiven: comparator !== undefined };
  if (bare.kind === 'missing') throw valueError('目标值缺失', 'the target is missing');
  const th = parseThreshold(s, comparator ?? '>=');
  if (th) {
    if (comparator && th.op !== comparator && th.op !== 'between') {
      throw valueError(`目标「${s}」与比较符「${comparator}」矛盾`, `target "${s}" contradicts comparator "${comparator}"`);
    }
    return { kind: 'explicit', threshold: th, opGiven: true };
  }
  return { kind: 'indicator', ...parseIndicatorRef(s) };
}

/** Caches target parsing per distinct cell value (a range of targets often repeats one). */
export function targetReader(comparator?: Relation): (raw: unknown) => TargetSpec {
  const cache = new Map<unknown, TargetSpec | CustomFunctions.Error>();
  return (raw) => {
    const key = raw;
    if (!cache.has(key)) {
      try {
        cache.set(key, readTarget(raw, comparator));
      } catch (e) {
        if (isExcelError(e)) cache.set(key, e);
        else throw e;
      }
    }
    const v = cache.get(key)!;
    if (isExcelError(v)) throw v;
    return v;
  };
}

/** #N/A for a missing value, #VALUE! for an invalid one (messages in the current language). */
export function missingError(what: Bilingual): CustomFunctions.Error {
  return excelError('#N/A', what);
}
