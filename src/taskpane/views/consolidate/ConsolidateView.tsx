/**
 * 汇总: the returned files (picked or dropped) are read in a Web Worker with the CLI's reader,
 * consolidated with the core, and the summary sheets and charts written into the open workbook
 * (new sheets only). Loaded on demand (its own chunk): most sessions never open it.
 */
import { Button, Checkbox, Field, Input, ProgressBar, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowUpload20Regular, DocumentTable20Regular, TableAdd20Regular } from '@fluentui/react-icons';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { consolidate, expectedFromRows, FILE_STATUS_LABEL, REGIONS_NOTE, type Consolidation, type ExpectedUnit, type ReturnRead } from '../../../core/consolidate';
import type { Bilingual } from '../../../core/i18n/text';
import { decodeText } from '../../../core/text/decode';
import { parseCsv } from '../../../core/fill/csv';
import { insertSummary, type InsertSummaryResult } from '../../../excel/consolidate';
import { readWorkbookGrid } from '../../../xlsx/read';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLayout } from '../../app/layout';
import { useApp } from '../../app/store';
import { useAction } from '../../app/useAction';
import { useText } from '../../i18n/text';
import { readPickedFiles, type PickedFile } from './reader';
import { isTaskCancelled } from '../../../core/task/control';

const T = (zh: string, en: string): Bilingual => ({ zh, en });
const TEXT = {
  title: T('汇总回收的填报文件', 'Consolidate returned files'),
  intro: T(
    '选择或拖入各单位交回的 .xlsx 文件（可多选），读取后重新计算汇总值、差异系数和完整性，再写入当前工作簿的新工作表。',
    'Pick or drop the returned .xlsx files; they are read, the figures recomputed from their parts, and the summary written to new sheets of this workbook.',
  ),
  drop: T('把文件拖到这里，或', 'Drop files here, or'),
  pick: T('选择文件…', 'Choose files…'),
  chosen: T('已选择 {n} 个文件', '{n} file(s) chosen'),
  expected: T('应填单位名单（可选，CSV 或 .xlsx，表头“单位”或“学校”，可有“学段”）', 'Expected units (optional: CSV or .xlsx with a 单位/学校 header, optional 学段)'),
  expectedPick: T('选择名单…', 'Choose list…'),
  expectedCount: T('名单 {n} 个单位', '{n} expected unit(s)'),
  includeInvalid: T('计入含强制性错误的填报（默认不计入）', 'Count returns with hard errors (not counted by default)'),
  region: T('本级单位名称（汇总表作为上一级的填报）', 'This region’s name (the summary is its return one level up)'),
  read: T('读取并汇总', 'Read and consolidate'),
  reading: T('正在读取文件 {done} / {total}', 'Reading files: {done} of {total}'),
  write: T('写入工作簿', 'Write to the workbook'),
  writing: T('正在写入单元格 {done} / {total}', 'Writing cells: {done} of {total}'),
  cancel: T('取消', 'Cancel'),
  written: T('已写入 {sheets} 个新工作表{charts}', 'Wrote {sheets} new sheet(s){charts}'),
  charts: T('和 {n} 个图表', ' and {n} chart(s)'),
  counted: T('计入汇总 {units} 个单位（{files} 个文件）', '{units} unit(s) counted ({files} file(s))'),
  missing: T('应报未报', 'Missing'),
  duplicates: T('重复提交（采用最新的）', 'Returned twice (newest kept)'),
  unread: T('无法读取', 'Could not be read'),
  invalid: T('含强制性错误', 'With hard errors'),
  otherPlan: T('其他规划', 'Another plan'),
  nothing: T('没有可以汇总的文件：', 'Nothing to consolidate: '),
  verdict: T('{level}：{pass}/{n} 所学校综合达标，差异系数 {cv}/{cvn} 项达标', '{level}: {pass}/{n} schools pass, {cv}/{cvn} coefficients within limit'),
};

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in v ? String(v[k]) : m));

const useStyles = makeStyles({
  drop: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalL,
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    textAlign: 'center',
  },
  over: { outline: `2px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hidden: { display: 'none' },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

function picked(list: FileList | null): PickedFile[] {
  return Array.from(list ?? []).map((f) => ({ name: f.name, lastModified: f.lastModified, bytes: () => f.arrayBuffer() }));
}

async function readExpectedFile(file: File): Promise<ExpectedUnit[]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (/\.xlsx$/i.test(file.name)) {
    const book = await readWorkbookGrid(bytes);
    const sheet = book.sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? book.sheets[0];
    return expectedFromRows(sheet?.values ?? []);
  }
  return expectedFromRows(parseCsv(decodeText(bytes, { zh: '应报单位清单', en: 'expected list' }).text).map((r) => r.fields));
}

export default function ConsolidateView() {
  const { env, state } = useApp();
  const { p, lang } = useText();
  const l = useLayout();
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const listInput = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [over, setOver] = useState(false);
  const [expected, setExpected] = useState<ExpectedUnit[] | undefined>(undefined);
  const [includeInvalid, setIncludeInvalid] = useState(false);
  const [region, setRegion] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number; what: 'read' | 'write' } | undefined>(undefined);
  /** Reading and writing can be stopped; what a stop left behind is said in `stopped`. */
  const abort = useRef<AbortController | undefined>(undefined);
  const [stopped, setStopped] = useState<string | undefined>(undefined);
  const cancellable = useCallback(
    async (work: (signal: AbortSignal) => Promise<void>) => {
      const controller = new AbortController();
      abort.current = controller;
      setStopped(undefined);
      try {
        await work(controller.signal);
      } catch (e) {
        if (isTaskCancelled(e)) setStopped(p(e.text));
        else throw e;
      } finally {
        abort.current = undefined;
        setProgress(undefined);
      }
    },
    [p],
  );
  const [reads, setReads] = useState<ReturnRead[] | undefined>(undefined);
  const [written, setWritten] = useState<InsertSummaryResult | undefined>(undefined);
  // plansVersion changes when a plan is imported: the list is read again.
  const plans = useMemo(() => (state.plansVersion >= 0 ? env.registry.list() : []), [env.registry, state.plansVersion]);

  const result = useMemo((): { c?: Consolidation; error?: Bilingual } => {
    if (!reads) return {};
    try {
      return { c: consolidate(reads, plans, { expected, includeInvalid }) };
    } catch (e) {
      return { error: (e as { text?: Bilingual }).text ?? T(String(e), String(e)) };
    }
  }, [reads, plans, expected, includeInvalid]);

  const read = useAction(
    useCallback(async () => {
      setWritten(undefined);
      setProgress({ done: 0, total: files.length, what: 'read' });
      await cancellable(async (signal) => setReads(await readPickedFiles(files, plans, (done, total) => setProgress({ done, total, what: 'read' }), signal)));
    }, [files, plans, cancellable]),
  );
  const loadList = useAction(useCallback(async (file: File) => setExpected(await readExpectedFile(file)), []));
  const write = useAction(
    useCallback(async () => {
      const c = result.c;
      if (!c) return;
      const plan = plans.find((x) => x.id === c.plan.id)!;
      await cancellable(async (signal) =>
        setWritten(
          await insertSummary(env.excel, c, plan, { lang, region: region.trim() || undefined, signal, onProgress: (x) => setProgress({ done: x.done, total: x.total, what: 'write' }) }),
        ),
      );
    }, [result.c, plans, env.excel, lang, region, cancellable]),
  );

  const choose = (list: PickedFile[]) => {
    setFiles(list);
    setReads(undefined);
    setWritten(undefined);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    choose(picked(e.dataTransfer.files));
  };
  const c = result.c;
  const k = c?.completeness;
  const busy = read.busy || write.busy;

  return (
    <div className={l.view}>
      <div>
        <h2 className={l.heading}>{p(TEXT.title)}</h2>
        <div className={l.secondary}>{p(TEXT.intro)}</div>
      </div>
      <div
        className={mergeClasses(s.drop, over && s.over)}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span className={l.secondary}>{p(TEXT.drop)}</span>
        <Button icon={<ArrowUpload20Regular />} onClick={() => input.current?.click()} disabled={busy}>
          {p(TEXT.pick)}
        </Button>
        <input ref={input} className={s.hidden} type="file" multiple accept=".xlsx,.xlsm" aria-label={p(TEXT.pick)} onChange={(e) => choose(picked(e.target.files))} />
        {files.length > 0 && <span role="status">{fill(p(TEXT.chosen), { n: files.length })}</span>}
      </div>
      <Field label={p(TEXT.expected)}>
        <div className={l.row}>
          <Button size="small" icon={<DocumentTable20Regular />} onClick={() => listInput.current?.click()} disabled={busy}>
            {p(TEXT.expectedPick)}
          </Button>
          <input
            ref={listInput}
            className={s.hidden}
            type="file"
            accept=".csv,.txt,.xlsx"
            aria-label={p(TEXT.expectedPick)}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void loadList.run(f);
            }}
          />
          {expected && <span className={l.secondary}>{fill(p(TEXT.expectedCount), { n: expected.length })}</span>}
        </div>
      </Field>
      {loadList.error !== undefined && <ErrorPanel error={loadList.error} />}
      <Checkbox checked={includeInvalid} onChange={(_, d) => setIncludeInvalid(d.checked === true)} label={p(TEXT.includeInvalid)} />
      <Field label={p(TEXT.region)}>
        <Input value={region} onChange={(_, d) => setRegion(d.value)} />
      </Field>
      <div className={l.row}>
        <Button appearance="primary" disabled={busy || files.length === 0} onClick={() => void read.run()}>
          {p(TEXT.read)}
        </Button>
      </div>
      {progress && (
        <div className={l.row}>
          <Field
            className={l.grow}
            validationMessage={fill(p(progress.what === 'read' ? TEXT.reading : TEXT.writing), { done: progress.done.toLocaleString(lang), total: progress.total.toLocaleString(lang) })}
            validationState="none"
          >
            <ProgressBar value={progress.total > 0 ? progress.done / progress.total : 0} max={1} thickness="large" />
          </Field>
          <Button size="small" onClick={() => abort.current?.abort()}>
            {p(TEXT.cancel)}
          </Button>
        </div>
      )}
      {stopped && (
        <div role="status" className={l.secondary}>
          {stopped}
        </div>
      )}
      {read.error !== undefined && <ErrorPanel error={read.error} />}
      {result.error && (
        <div role="alert" className={s.problem}>
          {p(TEXT.nothing)}
          {p(result.error)}
        </div>
      )}
      {c && k && (
        <section aria-label={p(TEXT.title)} data-testid="consolidation">
          <h2 className={l.heading}>{p(c.plan.title)}</h2>
          <div role="status">{fill(p(TEXT.counted), { units: c.units.filter((u) => u.included).length, files: c.files.length })}</div>
          {c.verdicts.map((v) => (
            <div key={v.level} className={l.secondary}>
              {fill(p(TEXT.verdict), { level: v.level, pass: v.schoolsPassing, n: v.schools, cv: v.coefficientsPassing, cvn: v.coefficients })}
            </div>
          ))}
          {c.units.some((u) => u.region) && <div className={l.secondary}>{p(REGIONS_NOTE)}</div>}
          <ul className={l.list}>
            {k.expected > 0 && <Line label={p(TEXT.missing)} items={k.missing.map((m) => m.unit + (m.level ? `（${m.level}）` : ''))} />}
            <Line label={p(TEXT.duplicates)} items={k.duplicates.map((d) => `${d.unit}：${d.kept}`)} />
            <Line label={p(TEXT.unread)} items={k.unread.map((u) => `${u.file}：${p(u.reason)}`)} problem />
            <Line label={p(TEXT.invalid)} items={k.invalid.map((u) => `${u.unit}（${u.file}）`)} problem />
            <Line label={p(TEXT.otherPlan)} items={k.otherPlan.map((o) => `${o.file}：${o.planId}`)} />
          </ul>
          <ul className={l.list} aria-label="files">
            {c.files.map((f) => (
              <li key={f.file} className={mergeClasses(l.secondary, l.breakable)}>
                {f.file} · {p(FILE_STATUS_LABEL[f.status])}
                {f.reason && f.status !== 'unreadable' ? `：${p(f.reason)}` : ''}
              </li>
            ))}
          </ul>
          <div className={l.row}>
            <Button appearance="primary" icon={<TableAdd20Regular />} disabled={busy || !env.capabilities.can.insert} onClick={() => void write.run()}>
              {p(TEXT.write)}
            </Button>
          </div>
        </section>
      )}
      {write.error !== undefined && <ErrorPanel error={write.error} />}
      {written && (
        <div role="status" className={l.secondary}>
          {fill(p(TEXT.written), { sheets: written.sheets.length + (written.chartSheet ? 1 : 0), charts: written.charts ? fill(p(TEXT.charts), { n: written.charts }) : '' })}
        </div>
      )}
    </div>
  );
}

function Line({ label, items, problem }: { label: string; items: string[]; problem?: boolean }) {
  const l = useLayout();
  const s = useStyles();
  return (
    <li className={mergeClasses(l.breakable, problem && items.length > 0 ? s.problem : l.secondary)}>
      {label}：{items.length === 0 ? '0' : `${items.length} · ${items.join('、')}`}
    </li>
  );
}
