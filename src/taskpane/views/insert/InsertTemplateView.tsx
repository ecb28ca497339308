/**
 * 插入模板: plan, template kind, level, report year and the reporting units (typed, pasted, or
 * read from the selected cells — several names never switch the kind silently: a notice asks);
 * indicators and the sheets to be created behind one disclosure, so the form stays short. A footer
 * stuck to the bottom of the pane holds a one-line summary of what will be inserted and the
 * button, then determinate progress with 取消, then the result and the next step.
 *
 * A template of the same plan already in the workbook is never silently doubled: a dialog asks to
 * update it in place (every typed value carried by unit and input id) or to add a copy.
 */
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  Radio,
  RadioGroup,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ChevronDown20Regular, ChevronRight20Regular, Dismiss16Regular, TableAdd20Regular, TableCellEdit20Regular } from '@fluentui/react-icons';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { pick } from '../../../core/i18n/text';
import { REPORTER_LABEL } from '../../../core/plan/reporting';
import { isTaskCancelled } from '../../../core/task/control';
import { fill, type Params } from '../../i18n/strings';
import { ExistsDialog, type ExistsQuestionView } from './ExistsDialog';
import { INSERT_STRINGS, type InsertStringKey } from './strings';
import { allIndicators } from '../../../core/plan/registry';
import type { Level, Plan, Reporter } from '../../../core/plan/schema';
import { ReporterField } from './ReporterField';
import { sheetBox } from '../../../core/template/layout';
import type { TemplateKind, TemplateSpec } from '../../../core/template/spec';
import { ErrorPanel } from '../../app/ErrorPanel';
import { errorMessage, PaneError } from '../../app/errors';
import { reveal, useLayout } from '../../app/layout';
import { protectionPassword } from '../../app/settings';
import { useApp } from '../../app/store';
import { useAction } from '../../app/useAction';
import { findExistingTemplates, insertTemplateInto, planUpdate, previewTemplate, readSelectedUnits, type InsertProgress, type PaneTemplateOptions } from '../../host/workbook';
import { levelLabel } from '../../i18n/levels';
import { useText } from '../../i18n/text';
import { IndicatorPicker } from './IndicatorPicker';
import { splitList } from '../../../core/user-input';
import { duplicateUnits } from './units';

const useStyles = makeStyles({
  preview: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    fontSize: tokens.fontSizeBase200,
  },
  sheets: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  noticeActions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  disclosure: { justifyContent: 'flex-start', paddingLeft: 0, fontWeight: tokens.fontWeightRegular, textAlign: 'left' },
  /** Stuck to the bottom of the pane's scrolling area, above the form as it scrolls by. */
  footer: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: `0 calc(-1 * ${tokens.spacingHorizontalM}) calc(-1 * ${tokens.spacingVerticalXXL})`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
  },
  summary: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2, wordBreak: 'keep-all', overflowWrap: 'anywhere' },
  summaryLabel: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  progress: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  lost: { color: tokens.colorPaletteDarkOrangeForeground1, marginTop: tokens.spacingVerticalXS },
  next: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXS },
});

/** Levels some target of the plan is set for (优质均衡: 小学, 初中); the template must pick one of them. */
function targetLevels(plan: Plan): Level[] {
  const set = new Set<Level>();
  for (const ind of allIndicators(plan)) for (const t of ind.targets) if (t.level) set.add(t.level);
  return [...set];
}

/** The plan period's years and every target year, ascending. */
function reportYears(plan: Plan): number[] {
  const set = new Set<number>();
  for (let y = plan.period.from; y <= plan.period.to; y++) set.add(y);
  for (const ind of allIndicators(plan)) for (const t of ind.targets) if (t.year) set.add(t.year);
  return [...set].sort((a, b) => a - b);
}

/** This year if the plan covers it, else the nearest end of the plan. */
function defaultYear(plan: Plan): number {
  const now = new Date().getFullYear();
  return Math.min(Math.max(now, plan.period.from), plan.period.to);
}

function sheetSummary(spec: TemplateSpec) {
  return spec.sheets.map((sheet) => {
    const box = sheetBox(sheet);
    const inputs = Object.values(sheet.cells).filter((c) => c.role === 'input').length;
    return { name: sheet.name, rows: box.bottom, cols: box.right, inputs };
  });
}

export default function InsertTemplateView() {
  const { env, state, dispatch } = useApp();
  const plans = useMemo(() => env.registry.list(), [env.registry, state.plansVersion]);
  const plan = (state.planId ? env.registry.get(state.planId) : undefined) ?? plans[0];
  if (!plan) return null;
  // Remount the form when the plan changes: every choice below depends on the plan.
  return <InsertForm key={plan.id} plan={plan} plans={plans} onPlan={(id) => dispatch({ type: 'navigate', view: 'insert', planId: id })} />;
}

type ExistsQuestion = ExistsQuestionView;

interface Inserted {
  sheets: string[];
  warnings: string[];
  /** Set for an update in place: the values carried over. */
  carried?: number;
  /** Update in place: user formulas that followed a moved template cell. */
  followed?: number;
  /** Update in place: formulas carried as values and references that could not be kept, by cell. */
  lost?: string;
}

function InsertForm({ plan, plans, onPlan }: { plan: Plan; plans: Plan[]; onPlan: (id: string) => void }) {
  const { env, state, dispatch } = useApp();
  const { t, p, lang, paren, colon } = useText();
  const ti = useCallback((key: InsertStringKey, params?: Params) => fill(pick(INSERT_STRINGS[key], lang), params), [lang]);
  const l = useLayout();
  const s = useStyles();
  const levels = useMemo(() => targetLevels(plan), [plan]);
  const years = useMemo(() => reportYears(plan), [plan]);
  const [kind, setKind] = useState<TemplateKind>('return');
  const [level, setLevel] = useState<Level | ''>(levels[0] ?? '');
  const [reporter, setReporter] = useState<Reporter | ''>('');
  const [year, setYear] = useState<number>(defaultYear(plan));
  const [unitsText, setUnitsText] = useState('');
  const [includeSummary, setIncludeSummary] = useState(true);
  const [optionsOpen, setOptionsOpen] = useState(false);
  /** undefined: the template's own default choice of indicators. */
  const [chosen, setChosen] = useState<Set<string> | undefined>(undefined);
  const [progress, setProgress] = useState<InsertProgress | undefined>(undefined);
  const [inserted, setInserted] = useState<Inserted | undefined>(undefined);
  const [cancelled, setCancelled] = useState<string | undefined>(undefined);
  const [selectionNotice, setSelectionNotice] = useState<string[] | undefined>(undefined);
  const [question, setQuestion] = useState<ExistsQuestion | undefined>(undefined);
  const abort = useRef<AbortController | undefined>(undefined);

  const units = useMemo(() => splitList(unitsText), [unitsText]);
  const deferredUnits = useDeferredValue(units);
  const password = protectionPassword(state.settings);
  const options: PaneTemplateOptions = useMemo(
    () => ({
      kind,
      level: level || undefined,
      reporter: reporter || undefined,
      year,
      lang,
      units: kind === 'overview' ? [] : deferredUnits,
      indicators: chosen ? allIndicators(plan).filter((i) => chosen.has(i.id)).map((i) => i.id) : undefined,
      includeSummary,
      password,
    }),
    [kind, level, reporter, year, lang, deferredUnits, chosen, includeSummary, password, plan],
  );
  // Built off the pane's thread (a Web Worker): a long unit list never holds the form still. The
  // last result stays shown while the next is built.
  const [built, setBuilt] = useState<{ spec: TemplateSpec } | { error: unknown } | undefined>(undefined);
  useEffect(() => {
    if (chosen && chosen.size === 0) {
      setBuilt({ error: new PaneError('noIndicatorsChosen') });
      return;
    }
    let live = true;
    previewTemplate(plan, options).then(
      (spec) => live && setBuilt({ spec }),
      (error: unknown) => live && setBuilt({ error }),
    );
    return () => {
      live = false;
    };
  }, [plan, options, chosen]);
  const shownChoice = chosen ?? new Set(built && 'spec' in built ? built.spec.meta.indicators : []);
  const dups = duplicateUnits(units);

  /** One line: plan, year, level or reporter, what it holds, and its kind. */
  const summary = useMemo(() => {
    if (!built || !('spec' in built)) return undefined;
    const meta = built.spec.meta;
    const parts = [p(plan.title), ti('summaryYear', { year })];
    if (level) parts.push(levelLabel(level, lang));
    if (reporter) parts.push(p(REPORTER_LABEL[reporter]));
    parts.push(ti('summaryCounts', { indicators: meta.indicators.length, inputs: meta.inputs.length }));
    const named = meta.units.filter((u) => u !== '').length;
    parts.push(kind === 'return' ? ti('summaryKindReturn') : kind === 'units' ? (named > 0 ? ti('summaryKindUnits', { n: named }) : ti('summaryKindUnitsBlank')) : ti('summaryKindOverview'));
    return parts.join(lang === 'en' ? ' · ' : ' · ');
  }, [built, p, plan, ti, year, level, lang, reporter, kind]);

  const fromSelection = useAction(
    useCallback(async () => {
      const names = await readSelectedUnits(env);
      if (names.length === 0) throw new PaneError('unitsFromSelectionNone');
      // A return holds one unit: several names would change the template kind, so ask instead.
      if (names.length > 1 && kind === 'return') {
        setSelectionNotice(names);
        return;
      }
      setSelectionNotice(undefined);
      setUnitsText(names.join('\n'));
    }, [env, kind]),
  );

  const insert = useAction(
    useCallback(
      async (update?: { instance: number }) => {
        setInserted(undefined);
        setCancelled(undefined);
        setProgress(undefined);
        const controller = new AbortController();
        abort.current = controller;
        try {
          const r = await insertTemplateInto(env, plan, options, { onProgress: setProgress, signal: controller.signal, update });
          setInserted({
            sheets: r.sheets,
            warnings: r.warnings.map((w) => p(w.message)),
            carried: r.updated ? r.carried : undefined,
            followed: r.followed,
            lost: r.lostFormulas ? p(r.lostFormulas) : undefined,
          });
          return r;
        } catch (e) {
          if (isTaskCancelled(e)) {
            setCancelled(p(e.text));
            return undefined;
          }
          throw e;
        } finally {
          abort.current = undefined;
        }
      },
      [env, plan, options, p],
    ),
  );

  /** 插入模板: first look for a template of this plan in the workbook; if there is one, ask. */
  const check = useAction(
    useCallback(async () => {
      setInserted(undefined);
      setCancelled(undefined);
      const existing = await findExistingTemplates(env, plan);
      if (existing.length === 0) {
        void insert.run();
        return;
      }
      const target = existing[existing.length - 1];
      const m = await planUpdate(plan, options, target);
      const taken = existing.flatMap((x) => [...x.sheets, x.metaSheet]);
      const copy = await previewTemplate(plan, { ...options, existingSheetNames: taken });
      const cannotUpdate = env.capabilities.blocked.update;
      setQuestion({
        count: existing.length,
        target,
        carried: m.carried,
        left: m.left,
        copySheets: copy.sheets.map((x) => x.name),
        ...(cannotUpdate ? { cannotUpdate: p(cannotUpdate) } : {}),
      });
    }, [env, plan, options, insert, p]),
  );

  const enabled = env.capabilities.can.insert;
  const busy = insert.busy || check.busy;
  const canInsert = enabled && built !== undefined && 'spec' in built && !busy && dups.length === 0;
  const listJoin = (xs: readonly string[]) => xs.join(lang === 'en' ? ', ' : '、');

  return (
    <div className={l.view}>
      <Field label={t('plan')}>
        <Dropdown
          value={p(plan.title)}
          selectedOptions={[plan.id]}
          onOptionSelect={(_, d) => d.optionValue && onPlan(d.optionValue)}
          aria-label={t('choosePlan')}
        >
          {plans.map((x) => (
            <Option key={x.id} value={x.id} text={p(x.title)}>
              {p(x.title)}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <Field label={t('templateKind')}>
        <RadioGroup
          value={kind}
          onChange={(_, d) => {
            setKind(d.value as TemplateKind);
            setSelectionNotice(undefined);
          }}
        >
          <Radio value="return" label={t('kindReturn')} />
          <Radio value="units" label={t('kindUnits')} />
          <Radio value="overview" label={t('kindOverview')} />
        </RadioGroup>
      </Field>

      <ReporterField plan={plan} value={reporter} onChange={setReporter} />

      <div className={l.row}>
        {levels.length > 0 && (
          <Field label={t('level')} className={l.grow}>
            <Dropdown
              value={level ? levelLabel(level, lang) : t('levelAll')}
              selectedOptions={[level]}
              onOptionSelect={(_, d) => setLevel((d.optionValue ?? '') as Level | '')}
            >
              <Option value="">{t('levelAll')}</Option>
              {levels.map((lv) => (
                <Option key={lv} value={lv}>
                  {levelLabel(lv, lang)}
                </Option>
              ))}
            </Dropdown>
          </Field>
        )}
        <Field label={t('year')} className={l.grow}>
          <Dropdown value={String(year)} selectedOptions={[String(year)]} onOptionSelect={(_, d) => d.optionValue && setYear(Number(d.optionValue))}>
            {years.map((y) => (
              <Option key={y} value={String(y)}>
                {String(y)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>

      {kind === 'return' && (
        <Field label={t('returnUnit')} hint={t('unitsHint')}>
          <Input value={unitsText} onChange={(_, d) => setUnitsText(d.value)} />
        </Field>
      )}
      {kind === 'units' && (
        <>
          <Field
            label={`${t('units')}${paren(t('unitsCount', { n: units.length }))}`}
            hint={t('unitsHint')}
            validationState={dups.length > 0 ? 'error' : 'none'}
            validationMessage={dups.length > 0 ? t('unitsDuplicate', { names: dups.join(lang === 'en' ? ', ' : '、') }) : undefined}
          >
            <Textarea value={unitsText} onChange={(_, d) => setUnitsText(d.value)} rows={5} resize="vertical" />
          </Field>
          <Checkbox checked={includeSummary} onChange={(_, d) => setIncludeSummary(d.checked === true)} label={t('countySummary')} />
        </>
      )}
      {kind !== 'overview' && (
        <div className={s.column}>
          <div>
            <Button size="small" icon={<TableCellEdit20Regular />} disabled={fromSelection.busy} onClick={() => void fromSelection.run()}>
              {t('unitsFromSelection')}
            </Button>
          </div>
          {fromSelection.error !== undefined && <div className={l.secondary} role="alert">{errorMessage(fromSelection.error, lang)}</div>}
          {selectionNotice && (
            <MessageBar intent="info" layout="multiline" ref={reveal}>
              <MessageBarBody>
                {ti('selectionMany', { n: selectionNotice.length, names: listJoin(selectionNotice.slice(0, 3)) + (selectionNotice.length > 3 ? (lang === 'en' ? ' …' : '…') : '') })}
                <div className={s.noticeActions}>
                  <Button
                    size="small"
                    appearance="primary"
                    onClick={() => {
                      setKind('units');
                      setUnitsText(selectionNotice.join('\n'));
                      setSelectionNotice(undefined);
                    }}
                  >
                    {ti('selectionToUnits')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => {
                      setUnitsText(selectionNotice[0]);
                      setSelectionNotice(undefined);
                    }}
                  >
                    {ti('selectionKeep', { first: selectionNotice[0] })}
                  </Button>
                </div>
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
      )}

      <div className={s.column}>
        <Button
          appearance="subtle"
          className={s.disclosure}
          icon={optionsOpen ? <ChevronDown20Regular /> : <ChevronRight20Regular />}
          aria-expanded={optionsOpen}
          onClick={() => setOptionsOpen((o) => !o)}
        >
          {ti('optionsToggle', { n: shownChoice.size, total: allIndicators(plan).length })}
        </Button>
        {optionsOpen && (
          <>
            <Field label={`${t('indicators')}${paren(t('selectedOf', { n: shownChoice.size, total: allIndicators(plan).length }))}`}>
              <IndicatorPicker plan={plan} chosen={shownChoice} onChange={setChosen} />
            </Field>
            <section className={s.preview} aria-label={t('previewTitle')}>
              <strong>{t('previewTitle')}</strong>
              {built && 'spec' in built && (
                <ul className={s.sheets}>
                  {sheetSummary(built.spec).map((x) => (
                    <li key={x.name}>{t('previewSheet', { name: x.name, rows: x.rows, cols: x.cols, inputs: x.inputs })}</li>
                  ))}
                </ul>
              )}
              <span className={l.secondary}>{t('previewSafe')}</span>
            </section>
          </>
        )}
      </div>

      {!enabled && env.capabilities.blocked.insert && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{p(env.capabilities.blocked.insert)}</MessageBarBody>
        </MessageBar>
      )}

      {/* The action stays in reach however long the form is: a footer stuck to the pane's bottom. */}
      <footer className={s.footer} aria-label={t('insert')}>
        {!built || 'spec' in built ? (
          <div className={s.summary} data-testid="insert-summary">
            <span className={s.summaryLabel}>{colon(ti('summaryLabel'), '')}</span>
            {summary ?? t('loading')}
            {password && <div>{t('protectedWithPassword')}</div>}
          </div>
        ) : (
          <div role="alert" className={s.summary}>
            {colon(t('buildFailed'), errorMessage(built.error, lang))}
          </div>
        )}
        {insert.busy ? (
          <div className={s.progress}>
            <Field
              className={l.grow}
              validationState="none"
              validationMessage={
                !progress || progress.total === 0
                  ? ti('progressStart')
                  : progress.stage === 'prepare'
                    ? ti('progressPrepare', { done: progress.done.toLocaleString(lang), total: progress.total.toLocaleString(lang) })
                    : ti('progressWrite', { total: progress.total.toLocaleString(lang) })
              }
            >
              <ProgressBar
                aria-label={ti('progressStart')}
                value={progress && progress.stage === 'prepare' && progress.total > 0 ? progress.done / progress.total : undefined}
              />
            </Field>
            <Button size="small" icon={<Dismiss16Regular />} onClick={() => abort.current?.abort()}>
              {ti('cancel')}
            </Button>
          </div>
        ) : (
          <Button appearance="primary" icon={<TableAdd20Regular />} disabled={!canInsert} onClick={() => void check.run()}>
            {check.busy ? ti('checking') : t('insert')}
          </Button>
        )}
        {cancelled && (
          <div role="status" className={l.secondary}>
            {cancelled}
          </div>
        )}
        {(insert.error ?? check.error) !== undefined && (
          <div ref={reveal}>
            <ErrorPanel error={insert.error ?? check.error} />
          </div>
        )}
        {inserted && (
          <MessageBar key={inserted.sheets.join('|')} intent="success" layout="multiline" ref={reveal}>
            <MessageBarBody>
              <MessageBarTitle>
                {inserted.carried !== undefined
                  ? ti('updated', { sheets: listJoin(inserted.sheets), values: inserted.carried })
                  : t('inserted', { sheets: listJoin(inserted.sheets) })}
              </MessageBarTitle>
              {inserted.followed !== undefined && inserted.followed > 0 && <div>{ti('updatedFollowed', { n: inserted.followed })}</div>}
              {inserted.lost && (
                <div className={s.lost} data-testid="update-lost">
                  {inserted.lost}
                </div>
              )}
              {inserted.warnings.length > 0 && (
                <ul className={s.sheets}>
                  {inserted.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              )}
              <div className={s.next}>
                <span>{ti('nextStep')}</span>
                <Button size="small" appearance="primary" onClick={() => dispatch({ type: 'navigate', view: 'validate' })}>
                  {ti('goValidate')}
                </Button>
              </div>
            </MessageBarBody>
          </MessageBar>
        )}
      </footer>

      {question && (
        <ExistsDialog
          question={question}
          ti={ti}
          listJoin={listJoin}
          onClose={() => setQuestion(undefined)}
          onUpdate={() => {
            const instance = question.target.instance;
            setQuestion(undefined);
            void insert.run({ instance });
          }}
          onCopy={() => {
            setQuestion(undefined);
            void insert.run();
          }}
        />
      )}
    </div>
  );
}
