/**
 * `consolidate(reads, plans, options)`: many returns → one summary (see types.ts for the shape).
 *
 * Rules, in the order they apply:
 *  1. The plan: `options.planId`, else the plan most returned units are on (ties: the smaller id).
 *     Templates on other plans are listed (`otherPlan`), never mixed in.
 *  2. Versions: a return on an older plan or template version is read through its cell map
 *     (inputs are addressed by id, not by position) — `migrated`, with the inputs the current plan
 *     no longer has listed as dropped; one carrying none of the current plan's inputs is listed
 *     (`otherVersion`) and not counted.
 *  3. Duplicates: the same unit (normalised name) at the same level in several files → the one
 *     whose workbook was saved last is kept (ties: the later file name), all are reported, and the
 *     unit is counted once.
 *  4. Hard errors: a unit with a validation error is excluded from every figure unless
 *     `includeInvalid`; either way it is listed in `invalid`.
 *  5. Figures: per unit (units.ts) and per level (aggregate.ts).
 *  6. Completeness against the expected list: missing, unknown, plus unreadable files.
 * The result does not depend on the order of `reads`.
 */
import type { Bilingual } from '../i18n/text';
import { Level, type Indicator, type Plan } from '../plan/schema';
import { allIndicators, indicatorInputs } from '../plan/registry';
import { planHashOf } from '../workbook/hash';
import { resolvePlan } from '../plan/resolve';
import { TEMPLATE_VERSION } from '../template/spec';
import { normalizeUnitName } from '../unit-name';
import { aggregateIndicator, levelVerdict } from './aggregate';
import type { PlanSource } from './checks';
import { cellRef, lookupPlan } from './read';
import type {
  Completeness,
  Consolidation,
  ConsolidateOptions,
  Duplicate,
  FileOutcome,
  FileStatus,
  ReturnRead,
  TemplateRead,
  UnitRead,
  UnitRow,
} from './types';
import { unitBalance, unitIndicators } from './units';

/** Nothing to consolidate on (no readable return on a known plan). */
export class ConsolidateError extends Error {
  constructor(readonly text: Bilingual) {
    super(`${text.zh} / ${text.en}`);
    this.name = 'ConsolidateError';
  }
}

const LEVEL_ORDER = new Map<string, number>(Level.options.map((l, i) => [l, i]));
export function levelOrder(a: string, b: string): number {
  return (a === '' ? 1e9 : (LEVEL_ORDER.get(a) ?? 1e8)) - (b === '' ? 1e9 : (LEVEL_ORDER.get(b) ?? 1e8)) || a.localeCompare(b);
}

const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

function planList(plans: PlanSource): Plan[] {
  if (Array.isArray(plans)) return [...(plans as readonly Plan[])];
  if ('list' in plans && typeof plans.list === 'function') return plans.list();
  return [plans as Plan];
}

function choosePlan(reads: readonly ReturnRead[], plans: PlanSource, wanted?: string): Plan {
  if (wanted) {
    const p = lookupPlan(plans, wanted);
    if (p) return p;
    // A name works where an id is asked (优质均衡, 蕉岭), as everywhere else.
    const found = resolvePlan(planList(plans), wanted);
    if (!found.ok) throw new ConsolidateError(found.message);
    return found.value;
  }
  const counts = new Map<string, number>();
  for (const r of reads) for (const t of r.templates) if (lookupPlan(plans, t.planId)) counts.set(t.planId, (counts.get(t.planId) ?? 0) + t.units.length);
  const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  if (!best) {
    throw new ConsolidateError({
      zh: '没有可以汇总的填报文件：没有一个文件是已知规划的可读模板',
      en: 'nothing to consolidate: no file is a readable template of a known plan',
    });
  }
  return lookupPlan(plans, best[0])!;
}

interface Candidate {
  read: ReturnRead;
  template: TemplateRead;
  unit: UnitRead;
  level: string;
  migrated: boolean;
}

const key = (name: string, level: string) => `${name}\u0000${level}`;

/** Newest workbook first; then the later file name (a deterministic tie-break). */
function newer(a: Candidate, b: Candidate): number {
  const ma = a.read.modified ?? -Infinity;
  const mb = b.read.modified ?? -Infinity;
  if (ma !== mb) return mb - ma;
  return a.read.file < b.read.file ? 1 : a.read.file > b.read.file ? -1 : a.unit.index - b.unit.index;
}

export function consolidate(readsIn: readonly ReturnRead[], plans: PlanSource, options: ConsolidateOptions = {}): Consolidation {
  const reads = [...readsIn].sort(byFile);
  const plan = choosePlan(reads, plans, options.planId);
  const hash = planHashOf(plan); // (once per plan object: SHA-256 of the whole plan)
  const includeInvalid = options.includeInvalid === true;
  const completeness: Completeness = {
    expected: options.expected?.length ?? 0,
    returned: 0,
    missing: [],
    unknown: [],
    duplicates: [],
    unread: [],
    invalid: [],
    otherPlan: [],
    otherVersion: [],
    migrated: [],
  };
  const neededInputs = new Set(allIndicators(plan).flatMap((i) => indicatorInputs(i)));
  const candidates: Candidate[] = [];
  const outcomes = new Map<string, FileOutcome>();
  const years = new Map<number, number>();

  for (const read of reads) {
    const outcome: FileOutcome = { file: read.file, status: 'consolidated', units: [], issues: read.issues, modified: read.modified, modifiedFrom: read.modifiedFrom };
    outcomes.set(read.file, outcome);
    if (read.status === 'skipped') {
      // A lock or hidden file beside the returns: accounted for, not a problem.
      outcome.status = 'skipped';
      outcome.reason = read.reason;
      continue;
    }
    if (read.status !== 'read') {
      outcome.status = read.status;
      outcome.reason = read.reason;
      completeness.unread.push({ file: read.file, reason: read.reason ?? { zh: '文件无法读取', en: 'the file cannot be read' } });
      continue;
    }
    const mine = read.templates.filter((t) => t.planId === plan.id);
    for (const t of read.templates) {
      if (t.planId !== plan.id) completeness.otherPlan.push({ file: read.file, planId: t.planId, planVersion: t.planVersion });
    }
    outcome.planId = mine[0]?.planId ?? read.templates[0]?.planId;
    outcome.planVersion = mine[0]?.planVersion ?? read.templates[0]?.planVersion;
    if (mine.length === 0) {
      outcome.status = 'other-plan';
      outcome.reason = {
        zh: `属于另一规划（${read.templates.map((t) => `${t.planId} v${t.planVersion}`).join('、')}），不参与本次汇总`,
        en: `on another plan (${read.templates.map((t) => `${t.planId} v${t.planVersion}`).join(', ')}); not consolidated`,
      };
      continue;
    }
    for (const t of mine) {
      const old = t.planVersion !== plan.version || t.planHash !== hash || t.templateVersion !== TEMPLATE_VERSION;
      if (old) {
        const carries = t.units.some((u) => Object.keys(u.inputs).some((id) => neededInputs.has(id)));
        if (!carries) {
          const reason = {
            zh: `模板版本不同（规划 v${t.planVersion}，模板 ${t.templateVersion}），其单元格映射中没有当前规划（v${plan.version}）的任何输入项`,
            en: `another version (plan v${t.planVersion}, template ${t.templateVersion}) whose cell map has none of the current plan's (v${plan.version}) inputs`,
          };
          completeness.otherVersion.push({ file: read.file, planVersion: t.planVersion, templateVersion: t.templateVersion, reason });
          outcome.status = 'other-version';
          outcome.reason = reason;
          continue;
        }
        completeness.migrated.push({ file: read.file, from: `v${t.planVersion} / ${t.templateVersion}`, to: `v${plan.version} / ${TEMPLATE_VERSION}`, dropped: t.dropped ?? [] });
      }
      if (t.year !== undefined) years.set(t.year, (years.get(t.year) ?? 0) + t.units.length);
      for (const u of t.units) candidates.push({ read, template: t, unit: u, level: u.level ?? t.level ?? '', migrated: old });
    }
  }

  const year = options.year ?? [...years].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];

  // Duplicates: one unit per (name, level), the newest.
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const k = key(c.unit.name, c.level);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  const kept: Candidate[] = [];
  const superseded = new Set<Candidate>();
  for (const g of groups.values()) {
    g.sort(newer);
    kept.push(g[0]!);
    if (g.length > 1) {
      const d: Duplicate = { unit: g[0]!.unit.name, level: g[0]!.level, files: g.map((c) => c.read.file), kept: g[0]!.read.file };
      completeness.duplicates.push(d);
      for (const c of g.slice(1)) superseded.add(c);
    }
  }
  completeness.returned = kept.length;

  // Indicators: every indicator of the plan whose inputs any kept unit carries (plan order).
  const indicators: Indicator[] = allIndicators(plan).filter((ind) => kept.some((c) => indicatorInputs(ind).every((id) => id in c.unit.inputs)));
  const inputIds = plan.inputs.map((i) => i.id).filter((id) => kept.some((c) => id in c.unit.inputs));
  // Directly typed indicators carry their value as an input of their own id.
  for (const ind of indicators) if (ind.compute.kind === 'direct' && !inputIds.includes(ind.id)) inputIds.push(ind.id);

  const units: UnitRow[] = kept
    .sort((a, b) => levelOrder(a.level, b.level) || (a.unit.name < b.unit.name ? -1 : a.unit.name > b.unit.name ? 1 : 0))
    .map((c) => {
      const inputs: Record<string, number | null> = {};
      const cells: Record<string, string> = {};
      for (const id of inputIds) {
        const r = c.unit.inputs[id];
        if (!r) continue;
        inputs[id] = r.value;
        // A combined school's shared resource: the cell and the stage's share it was multiplied by.
        cells[id] = r.share !== undefined ? `${cellRef(r)} ×${Number(r.share.toFixed(6))}` : cellRef(r);
      }
      const ind = unitIndicators(plan, indicators, c.unit.inputs, c.level, year);
      const included = c.unit.errors === 0 || includeInvalid;
      const row: UnitRow = {
        unit: c.unit.name,
        level: c.level,
        file: c.read.file,
        modified: c.read.modified,
        included,
        errors: c.unit.errors,
        inputs,
        cells,
        indicators: ind,
      };
      if (c.migrated) row.migrated = true;
      // A county carried up is not a school: the school rule of 优质均衡 is its own summary's business.
      if (c.template.carried) row.region = true;
      const balanced = c.template.carried ? undefined : unitBalance(plan, c.level, ind);
      if (balanced) row.balanced = balanced;
      if (c.unit.errors > 0) completeness.invalid.push({ unit: c.unit.name, level: c.level, file: c.read.file, errors: c.unit.errors, included });
      return row;
    });

  const levels = [...new Set(units.map((u) => u.level))].sort(levelOrder);
  const aggregates = [];
  const verdicts = [];
  for (const level of levels) {
    const counted = units.filter((u) => u.level === level && u.included);
    const own = indicators.map((ind) => aggregateIndicator(plan, ind, level, counted, year));
    aggregates.push(...own);
    const v = levelVerdict(level, counted, own);
    if (v) verdicts.push(v);
  }

  // Files: what happened to each.
  const keptSet = new Set(kept);
  const byFileName = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const o = outcomes.get(c.read.file)!;
    // A combined school is one unit per stage: listed once.
    if (!o.units.includes(c.unit.name)) o.units.push(c.unit.name);
    const list = byFileName.get(c.read.file);
    if (list) list.push(c);
    else byFileName.set(c.read.file, [c]);
  }
  for (const o of outcomes.values()) {
    if (o.status !== 'consolidated') continue;
    const mine = byFileName.get(o.file) ?? [];
    if (mine.length === 0) {
      o.status = 'empty';
      o.reason = { zh: '模板中没有填报任何单位', en: 'no unit is filled in the template' };
      continue;
    }
    const counted = mine.filter((c) => keptSet.has(c) && (c.unit.errors === 0 || includeInvalid)).length;
    const errored = mine.filter((c) => keptSet.has(c) && c.unit.errors > 0 && !includeInvalid).length;
    const dup = mine.filter((c) => superseded.has(c)).length;
    let status: FileStatus;
    if (counted === mine.length) status = mine.some((c) => c.migrated) ? 'migrated' : 'consolidated';
    else if (counted > 0) status = 'partial';
    else if (errored > 0) status = 'excluded';
    else status = dup > 0 ? 'superseded' : 'excluded';
    o.status = status;
    const why = fileNotes(mine, (c) => groups.get(key(c.unit.name, c.level))![0]!, superseded, includeInvalid);
    if (why) o.reason = why;
  }

  applyExpected(completeness, units, options.expected);

  return {
    plan: { id: plan.id, version: plan.version, title: { zh: plan.title.zh, en: plan.title.en ?? plan.title.zh }, hash },
    year,
    levels,
    includeInvalid,
    files: [...outcomes.values()].sort(byFile),
    units,
    aggregates,
    verdicts,
    completeness,
    inputs: inputIds,
    indicators: indicators.map((i) => i.id),
  };
}

/**
 * Why a file's units were not all counted, unit by unit (another file kept, hard errors), and
 * whether it was read through an older version's map: the 说明 of its row on 完整性.
 */
function fileNotes(mine: readonly Candidate[], keptOf: (c: Candidate) => Candidate, superseded: ReadonlySet<Candidate>, includeInvalid: boolean): Bilingual | undefined {
  const zh: string[] = [];
  const en: string[] = [];
  for (const c of mine) {
    const who = `${c.unit.name}${c.level ? `（${c.level}）` : ''}`;
    const whoEn = `${c.unit.name}${c.level ? ` (${c.level})` : ''}`;
    if (superseded.has(c)) {
      const k = keptOf(c);
      if (k.read.modified === c.read.modified) {
        zh.push(`${who}：与 ${k.read.file} 保存时间相同，只计一次，采用后者`);
        en.push(`${whoEn}: saved at the same time as ${k.read.file}; counted once, from that file`);
      } else {
        zh.push(`${who}：${k.read.file} 保存得更晚，采用该文件`);
        en.push(`${whoEn}: ${k.read.file} was saved later and is used instead`);
      }
    } else if (c.unit.errors > 0 && !includeInvalid) {
      zh.push(`${who}：${c.unit.errors} 个强制性错误（见「问题」），未计入；改正后重新提交，或加 --include-invalid 计入`);
      en.push(`${whoEn}: ${c.unit.errors} error(s) (see Issues), not counted; correct and resend, or use --include-invalid`);
    }
  }
  const old = mine.find((c) => c.migrated);
  if (old) {
    zh.push(`旧版本模板（规划 v${old.template.planVersion}），已按其单元格映射读取`);
    en.push(`an older template (plan v${old.template.planVersion}), read through its cell map`);
  }
  return zh.length > 0 ? { zh: zh.join('；'), en: en.join('; ') } : undefined;
}

/** Missing and unknown units against the expected list (names normalised; a level given must match). */
function applyExpected(completeness: Completeness, units: readonly UnitRow[], expected: ConsolidateOptions['expected']): void {
  if (!expected || expected.length === 0) return;
  const list = expected.map((e) => ({ unit: normalizeUnitName(e.unit), level: e.level ? normalizeUnitName(e.level) : undefined })).filter((e) => e.unit !== '');
  const byName = new Map<string, Array<string | undefined>>();
  for (const e of list) {
    const levels = byName.get(e.unit);
    if (levels) levels.push(e.level);
    else byName.set(e.unit, [e.level]);
  }
  const returned = new Set(units.map((u) => key(u.unit, u.level)));
  const returnedNames = new Set(units.map((u) => u.unit));
  const seen = new Set<string>();
  for (const e of list) {
    const k = key(e.unit, e.level ?? '*');
    if (seen.has(k)) continue;
    seen.add(k);
    const found = e.level ? returned.has(key(e.unit, e.level)) : returnedNames.has(e.unit);
    if (!found) completeness.missing.push(e.level ? { unit: e.unit, level: e.level } : { unit: e.unit });
  }
  for (const u of units) {
    const levels = byName.get(u.unit);
    const listed = levels !== undefined && levels.some((l) => l === undefined || l === u.level);
    if (!listed) completeness.unknown.push({ unit: u.unit, level: u.level, file: u.file });
  }
}
