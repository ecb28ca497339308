/**
 * The custom functions' logic on plain values (what Excel passes): no Office APIs, so it runs and is
 * tested in Node. Every failure is an Excel error with a message (errors.ts), never an exception
 * of another kind and never a wrong number.
 */
import type { Bilingual } from '../core/i18n/text';
import { coerceBoolean, coerceNumber, MISSING_LABEL, type Coerced } from '../core/coerce';
import type { Level } from '../core/plan/schema';
import { catalogRows } from '../core/plan/catalog';
import { achievement as achievementOf } from '../core/evaluate/achievement';
import { EduError } from '../core/evaluate/errors';
import { evaluate } from '../core/evaluate/evaluate';
import { onTrack as onTrackOf } from '../core/evaluate/ontrack';
import { STATUS_LABEL, type Status } from '../core/evaluate/status';
import { resolveTarget } from '../core/evaluate/target';
import { explicitPrecision, gap as gapOf, thresholdText, type Threshold } from '../core/evaluate/threshold';
import { bandWidth, DEFAULT_TOLERANCE } from '../core/evaluate/tolerance';
import { weightedDiffCoefDetail } from '../core/balance/diffcoef';
import { balancedSchool } from '../core/balance/school';
import {
  asMatrix,
  broadcast,
  findIn,
  findPlan,
  finish,
  flatten,
  isOmitted,
  parseIndicatorRef,
  readComparator,
  readLevel,
  readYear,
  requireYear,
  scalar,
  targetReader,
  type Cell,
  type TargetSpec,
} from './args';
import { excelError, functionLang, isExcelError, naError, text, valueError } from './errors';

/** Runs a function body; anything that is not already an Excel error becomes #VALUE! with a message. */
export function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isExcelError(e)) throw e;
    if (e instanceof EduError) throw excelError('#VALUE!', e.text);
    const detail = e instanceof Error ? e.message : String(e);
    throw valueError(`内部错误：${detail}`, `internal error: ${detail}`);
  }
}

function coercedError(c: Exclude<Coerced, { kind: 'number' }>): CustomFunctions.Error {
  if (c.kind === 'missing') {
    const label = MISSING_LABEL[c.code];
    return excelError('#N/A', { zh: `无数据（${label.zh}）`, en: `no data (${label.en})` });
  }
  return excelError('#VALUE!', c.message);
}

/** A number from a cell; #N/A for a missing code or blank, #VALUE! for text that is not a number. */
export function readNumber(raw: Cell): number {
  const c = coerceNumber(raw);
  if (c.kind !== 'number') throw coercedError(c);
  return c.value;
}

interface Ctx {
  year?: number;
  level?: Level;
  tolerance?: number;
  baseline?: number;
}

interface CellResult {
  status: Status;
  gap: number | null;
  achievement: number | null;
  /** Why there is no number (shown by GAP/PASS/ACHIEVEMENT as #N/A). */
  why?: Bilingual;
}

function explicitBand(th: Threshold, p: number, tolerance?: number): number {
  if (th.op === 'bool') return 0;
  if (tolerance !== undefined) return bandWidth({ absolute: tolerance }, 0, p);
  return bandWidth(DEFAULT_TOLERANCE, th.op === 'between' ? th.low : th.value, p);
}

/** One actual against one target, explicit or from the catalog. Invalid input throws #VALUE!. */
function evalCell(raw: Cell, spec: TargetSpec, ctx: Ctx): CellResult {
  if (spec.kind === 'indicator') {
    const ev = evaluate(spec.indicator, raw, { plan: spec.plan, year: ctx.year, level: ctx.level, tolerance: ctx.tolerance, baseline: ctx.baseline });
    if (ev.issue && (ev.issue.code === 'invalid-input' || ev.status === 'unknownTarget')) throw excelError('#VALUE!', ev.issue.message);
    const why =
      ev.status === 'unknownTarget'
        ? { zh: `目标未定（${ev.targetText.zh}）`, en: `target unknown (${ev.targetText.en})` }
        : ev.status === 'noData'
          ? (ev.issue?.message ?? (ev.missing ? { zh: `无数据（${MISSING_LABEL[ev.missing].zh}）`, en: `no data (${MISSING_LABEL[ev.missing].en})` } : undefined))
          : undefined;
    return { status: ev.status, gap: ev.gap, achievement: ev.achievement, why };
  }
  const th = spec.threshold;
  let c: Coerced;
  if (th.op === 'bool') {
    const b = coerceBoolean(raw);
    c = b.kind === 'boolean' ? { kind: 'number', value: b.value ? 1 : 0, normalized: b.normalized } : b;
  } else {
    c = coerceNumber(raw);
  }
  if (c.kind === 'error') throw excelError('#VALUE!', c.message);
  if (c.kind === 'missing') {
    const label = MISSING_LABEL[c.code];
    return { status: 'noData', gap: null, achievement: null, why: { zh: `无数据（${label.zh}）`, en: `no data (${label.en})` } };
  }
  const p = explicitPrecision(th);
  const g = gapOf(c.value, th, p);
  const band = explicitBand(th, p, ctx.tolerance);
  return {
    status: g === 0 ? 'met' : g <= band ? 'near' : 'unmet',
    gap: g,
    achievement: achievementOf(c.value, ctx.baseline, th, p),
  };
}

function valueOrNa<T>(r: CellResult, v: T | null): T {
  if (v === null || r.status === 'noData' || r.status === 'unknownTarget') {
    throw excelError('#N/A', r.why ?? (r.status === 'unknownTarget' ? { zh: '目标未定', en: 'target unknown' } : { zh: '无数据', en: 'no data' }));
  }
  return v;
}

function readTolerance(x: unknown): number | undefined {
  const v = scalar(x);
  if (isOmitted(v)) return undefined;
  const c = coerceNumber(v);
  if (c.kind !== 'number' || c.value < 0) throw valueError('容差须为不小于 0 的数', 'the tolerance must be a number ≥ 0');
  return c.value;
}

function context(year: unknown, level: unknown, tolerance?: unknown): Ctx {
  return { year: readYear(year), level: readLevel(level), tolerance: readTolerance(tolerance) };
}

/** EDU.GAP: how far short of the target (0 when met). */
export function gapImpl(actual: unknown, target: unknown, comparator?: unknown, year?: unknown, level?: unknown): number[][] {
  const ctx = context(year, level);
  const read = targetReader(readComparator(comparator));
  return finish(broadcast<number>([asMatrix(actual), asMatrix(target)], (a, t) => {
    const r = evalCell(a, read(t), ctx);
    return valueOrNa(r, r.gap);
  }));
}

/** EDU.PASS: TRUE when the target is met (the threshold rule). */
export function passImpl(actual: unknown, target: unknown, comparator?: unknown, year?: unknown, level?: unknown): boolean[][] {
  const ctx = context(year, level);
  const read = targetReader(readComparator(comparator));
  return finish(broadcast<boolean>([asMatrix(actual), asMatrix(target)], (a, t) => {
    const r = evalCell(a, read(t), ctx);
    return valueOrNa(r, r.gap) === 0;
  }));
}

/** EDU.STATUS: 达标 / 接近 / 未达标 / 无数据 / 目标未定. */
export function statusImpl(actual: unknown, target: unknown, comparator?: unknown, year?: unknown, level?: unknown, tolerance?: unknown): string[][] {
  const ctx = context(year, level, tolerance);
  const read = targetReader(readComparator(comparator));
  return finish(broadcast<string>([asMatrix(actual), asMatrix(target)], (a, t) => text(STATUS_LABEL[evalCell(a, read(t), ctx).status])));
}

/**
 * EDU.ACHIEVEMENT: progress from baseline to target in percent. Without a comparator, a bare target
 * below the baseline is read as "≤" (reduce to it); give ">=" for a floor to keep.
 */
export function achievementImpl(actual: unknown, baseline: unknown, target: unknown, comparator?: unknown, year?: unknown, level?: unknown): number[][] {
  const ctx = context(year, level);
  const cmp = readComparator(comparator);
  const read = targetReader(cmp);
  return finish(broadcast<number>([asMatrix(actual), asMatrix(baseline), asMatrix(target)], (a, b, t) => {
    let spec = read(t);
    const bc = coerceNumber(b);
    if (bc.kind === 'error') throw excelError('#VALUE!', { zh: `基线：${bc.message.zh}`, en: `baseline: ${bc.message.en}` });
    const base = bc.kind === 'number' ? bc.value : undefined;
    if (spec.kind === 'explicit' && !spec.opGiven && spec.threshold.op === '>=' && base !== undefined && spec.threshold.value < base) {
      spec = { ...spec, threshold: { op: '<=', value: spec.threshold.value } };
    }
    const r = evalCell(a, spec, { ...ctx, baseline: base });
    return valueOrNa(r, r.achievement);
  }));
}

/** EDU.ONTRACK: is the actual on the straight path from baseline to target in that year? */
export function onTrackImpl(actual: unknown, year: unknown, indicator: unknown, level?: unknown): boolean[][] {
  const y = requireYear(year);
  const lv = readLevel(level);
  const ref = parseIndicatorRef(String(scalar(indicator) ?? ''));
  return finish(broadcast<boolean>([asMatrix(actual)], (a) => {
    const r = onTrackOf(ref.indicator, readNumber(a), { year: y, level: lv });
    if (!r.ok) throw excelError(r.error.code === 'no-baseline' || r.error.code === 'target-missing' ? '#N/A' : '#VALUE!', r.error.message);
    return r.value.onTrack;
  }));
}

/** EDU.EXPECTED: the value expected in a year on the path to the target. */
export function expectedImpl(year: unknown, indicator: unknown, level?: unknown): number {
  const ref = parseIndicatorRef(String(scalar(indicator) ?? ''));
  const r = onTrackOf(ref.indicator, 0, { year: requireYear(year), level: readLevel(level) });
  if (!r.ok) throw excelError(r.error.code === 'no-baseline' || r.error.code === 'target-missing' ? '#N/A' : '#VALUE!', r.error.message);
  return r.value.expected;
}

function targetResolved(plan: unknown, indicator: unknown, year: unknown, level: unknown, reference?: unknown) {
  const ref = findIn(plan, indicator);
  const refValue = isOmitted(scalar(reference)) ? undefined : readNumber(scalar(reference));
  const r = resolveTarget(ref.indicator, { year: readYear(year), level: readLevel(level), reference: refValue });
  if (!r.ok) throw excelError('#VALUE!', r.error.message);
  return { ...ref, resolved: r.value };
}

/** EDU.TARGET: the target number (是 = 1, 否 = 0 for yes/no targets). */
export function targetImpl(plan: unknown, indicator: unknown, year?: unknown, level?: unknown, reference?: unknown): number {
  const { resolved } = targetResolved(plan, indicator, year, level, reference);
  const th = resolved.threshold;
  if (!th) {
    if (resolved.missing === 'reference') throw naError('相对目标：请给出参照值（reference）', 'relative target: give the reference value');
    throw naError(`目标未定（${resolved.placeholder ?? 'xx'}）`, `target unknown (${resolved.placeholder ?? 'xx'})`);
  }
  if (th.op === 'bool') return th.value ? 1 : 0;
  if (th.op === 'between') {
    throw valueError(`区间目标 ${th.low}–${th.high}：请用 EDU.TARGETTEXT 查看`, `range target ${th.low}–${th.high}: use EDU.TARGETTEXT`);
  }
  return th.value;
}

/** EDU.TARGETTEXT: the target as text ("≥ 96%", "1–3项", "是", "xx%（目标未定）"). */
export function targetTextImpl(plan: unknown, indicator: unknown, year?: unknown, level?: unknown): string {
  const { indicator: ind, resolved } = targetResolved(plan, indicator, year, level);
  if (resolved.threshold) return text(thresholdText(resolved.threshold, ind.unit));
  if (resolved.missing === 'placeholder') {
    return text({ zh: `${resolved.placeholder ?? 'xx'}（目标未定）`, en: `${resolved.placeholder ?? 'xx'} (target unknown)` });
  }
  const t = resolved.target;
  if (t.comparator === 'relative') {
    const mark = t.relation === '>=' ? '≥' : t.relation === '<=' ? '≤' : t.relation;
    const f = t.factor !== 1 ? ` × ${t.factor}` : '';
    return text({ zh: `${mark} ${t.reference.name.zh}${f}`, en: `${mark} ${t.reference.name.en ?? t.reference.name.zh}${f}` });
  }
  return '—';
}

function ratioImpl(amount: unknown, pupils: unknown, k: number): number[][] {
  return finish(broadcast<number>([asMatrix(amount), asMatrix(pupils)], (a, p) => {
    const r = readNumber(a);
    const n = readNumber(p);
    if (n < 0 || r < 0) throw valueError('不能为负数', 'must not be negative');
    if (n === 0) throw excelError('#DIV/0!', { zh: '学生数为 0', en: 'no pupils' });
    return (r * k) / n;
  }));
}

/** EDU.PER100: amount ÷ pupils × 100 (每百名学生拥有…). */
export function per100Impl(amount: unknown, pupils: unknown): number[][] {
  return ratioImpl(amount, pupils, 100);
}

/** EDU.PERPUPIL: amount ÷ pupils (生均…). */
export function perPupilImpl(amount: unknown, pupils: unknown): number[][] {
  return ratioImpl(amount, pupils, 1);
}

/**
 * EDU.DIFFCOEF: the enrolment-weighted 校际差异系数 over two ranges of the same size. Rows where both
 * cells are blank are skipped; a row with only one of the two is #N/A.
 */
export function diffCoefImpl(amounts: unknown, pupils: unknown, per100?: unknown): number {
  const a = flatten(amounts);
  const p = flatten(pupils);
  if (a.length !== p.length) {
    throw valueError(`区域大小不一致（资源量 ${a.length} 格，学生数 ${p.length} 格）`, `ranges of different sizes (${a.length} amounts, ${p.length} pupil counts)`);
  }
  const xs: number[] = [];
  const ps: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const ca = coerceNumber(a[i]);
    const cp = coerceNumber(p[i]);
    if (ca.kind === 'missing' && cp.kind === 'missing' && ca.code === 'blank' && cp.code === 'blank') continue;
    if (ca.kind === 'error') throw excelError('#VALUE!', { zh: `第 ${i + 1} 所学校资源量：${ca.message.zh}`, en: `school ${i + 1} amount: ${ca.message.en}` });
    if (cp.kind === 'error') throw excelError('#VALUE!', { zh: `第 ${i + 1} 所学校学生数：${cp.message.zh}`, en: `school ${i + 1} pupils: ${cp.message.en}` });
    if (ca.kind !== 'number' || cp.kind !== 'number') throw naError(`第 ${i + 1} 所学校数据不全`, `school ${i + 1}: incomplete data`);
    xs.push(ca.value);
    ps.push(cp.value);
  }
  const flag = scalar(per100);
  const r = weightedDiffCoefDetail(xs, ps, { per100: flag === true || flag === 1 || flag === 'TRUE' });
  if (!r.ok) throw excelError('#VALUE!', r.error.message);
  return r.value.cv;
}

/** EDU.BALANCED: the 6-of-7 / 85 % rule for one school's seven values (B1…B7). */
export function balancedImpl(values: unknown, level: unknown, plan?: unknown): boolean {
  const cells = flatten(values);
  const lv = scalar(level);
  if (isOmitted(lv)) throw valueError('缺少学段（小学 或 初中）', 'the level is missing (小学 or 初中)');
  const source = isOmitted(scalar(plan)) ? undefined : findPlan(plan);
  const r = balancedSchool(cells, String(lv), source);
  if (r.invalid.length > 0) {
    const item = r.items.find((x) => x.invalid)!;
    throw excelError('#VALUE!', { zh: `${item.code ?? item.id}：${item.invalid!.zh}`, en: `${item.code ?? item.id}: ${item.invalid!.en}` });
  }
  if (r.balanced === null) {
    const names = r.items.filter((x) => x.missing).map((x) => x.code ?? x.id).join('、');
    throw naError(`数据不全：${names}`, `incomplete data: ${names}`);
  }
  return r.balanced;
}

/** EDU.NUMBER: a cell's value read as a number the way every function reads it ("95%" → 95). */
export function numberImpl(value: unknown): number[][] {
  return finish(broadcast<number>([asMatrix(value)], (v) => readNumber(v)));
}

/**
 * EDU.INDICATORS: a plan's indicators as a spilling table for what-if sheets — a header row, then
 * per indicator its id, code, name, unit, stage, the target number for the year and stage (blank
 * when the target is not one number) and every threshold as text (the catalog's own rows).
 */
export function indicatorsImpl(plan: unknown, level?: unknown, year?: unknown): Array<Array<string | number>> {
  const p = findPlan(plan);
  const lvl = readLevel(level);
  const y = readYear(year);
  const en = functionLang() === 'en';
  const header = en
    ? ['id', 'code', 'indicator', 'unit', 'level', 'target', 'thresholds']
    : ['id', '编号', '指标', '单位', '学段', '目标值', '目标'];
  const rows: Array<Array<string | number>> = [header];
  for (const row of catalogRows([p], { level: lvl })) {
    const ind = findIn(p.id, row.id).indicator;
    const r = resolveTarget(ind, { year: y, level: lvl });
    const th = r.ok ? r.value.threshold : null;
    const value = th && th.op !== 'between' ? (th.op === 'bool' ? (th.value ? 1 : 0) : th.value) : '';
    rows.push([row.id, row.code ?? '', en ? (row.nameEn ?? row.name) : row.name, row.unit, row.level, value, row.targetsText]);
  }
  return rows;
}
