/**
 * 插入模板: plan, template kind, sections or indicators, level, report year and the reporting
 * units (typed, pasted, or read from the selected cells); a preview of the sheets to be created;
 * insert with progress. Only new sheets are created, so Excel's data is never overwritten.
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
import { TableAdd20Regular, TableCellEdit20Regular } from '@fluentui/react-icons';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
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
import { insertTemplateInto, previewTemplate, readSelectedUnits, type InsertProgress, type PaneTemplateOptions } from '../../host/workbook';
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

function InsertForm({ plan, plans, onPlan }: { plan: Plan; plans: Plan[]; onPlan: (id: string) => void }) {
  const { env, state } = useApp();
  const { t, p, lang, paren, colon } = useText();
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
  /** undefined: the template's own default choice of indicators. */
  const [chosen, setChosen] = useState<Set<string> | undefined>(undefined);
  const [progress, setProgress] = useState<InsertProgress | undefined>(undefined);
  const [inserted, setInserted] = useState<{ sheets: string[]; warnings: string[] } | undefined>(undefined);

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
  const built = useMemo((): { spec: TemplateSpec } | { error: unknown } => {
    if (chosen && chosen.size === 0) return { error: new PaneError('noIndicatorsChosen') };
    try {
      return { spec: previewTemplate(plan, options) };
    } catch (error) {
      return { error };
    }
  }, [plan, options, chosen]);
  const shownChoice = chosen ?? new Set('spec' in built ? built.spec.meta.indicators : []);
  const dups = duplicateUnits(units);

  const fromSelection = useAction(
    useCallback(async () => {
      const names = await readSelectedUnits(env);
      if (names.length === 0) throw new PaneError('unitsFromSelectionNone');
      setUnitsText(names.join('\n'));
      if (names.length > 1 && kind === 'return') setKind('units');
    }, [env, kind]),
  );
  const insert = useAction(
    useCallback(async () => {
      setInserted(undefined);
      const r = await insertTemplateInto(env, plan, options, setProgress);
      setInserted({ sheets: r.sheets, warnings: r.warnings.map((w) => p(w.message)) });
      return r;
    }, [env, plan, options, p]),
  );

  const enabled = env.capabilities.can.insert;
  const canInsert = enabled && 'spec' in built && !insert.busy && dups.length === 0;

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
        <RadioGroup value={kind} onChange={(_, d) => setKind(d.value as TemplateKind)}>
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
            validationMessage={dups.length > 0 ? t('unitsDuplicate', { names: dups.join('、') }) : undefined}
          >
            <Textarea value={unitsText} onChange={(_, d) => setUnitsText(d.value)} rows={5} resize="vertical" />
          </Field>
          <Checkbox checked={includeSummary} onChange={(_, d) => setIncludeSummary(d.checked === true)} label={t('countySummary')} />
        </>
      )}
      {kind !== 'overview' && (
        <div>
          <Button size="small" icon={<TableCellEdit20Regular />} disabled={fromSelection.busy} onClick={() => void fromSelection.run()}>
            {t('unitsFromSelection')}
          </Button>
          {fromSelection.error !== undefined && <div className={l.secondary} role="alert">{errorMessage(fromSelection.error, lang)}</div>}
        </div>
      )}

      <Field label={`${t('indicators')}${paren(t('selectedOf', { n: shownChoice.size, total: allIndicators(plan).length }))}`}>
        <IndicatorPicker plan={plan} chosen={shownChoice} onChange={setChosen} />
      </Field>

      <section className={s.preview} aria-label={t('previewTitle')}>
        <strong>{t('previewTitle')}</strong>
        {'spec' in built ? (
          <ul className={s.sheets}>
            {sheetSummary(built.spec).map((x) => (
              <li key={x.name}>{t('previewSheet', { name: x.name, rows: x.rows, cols: x.cols, inputs: x.inputs })}</li>
            ))}
          </ul>
        ) : (
          <div role="alert">
            {colon(t('buildFailed'), errorMessage(built.error, lang))}
          </div>
        )}
        <span className={l.secondary}>{t('previewSafe')}</span>
        {password && <span className={l.secondary}>{t('protectedWithPassword')}</span>}
      </section>

      {!enabled && env.capabilities.blocked.insert && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{p(env.capabilities.blocked.insert)}</MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" icon={<TableAdd20Regular />} disabled={!canInsert} onClick={() => void insert.run()}>
        {t('insert')}
      </Button>
      {insert.busy && (
        <Field validationMessage={t('inserting', { done: progress?.done ?? 0, total: progress?.total ?? 0 })} validationState="none">
          <ProgressBar value={progress && progress.total > 0 ? progress.done / progress.total : undefined} />
        </Field>
      )}
      {insert.error !== undefined && (
        <div ref={reveal}>
          <ErrorPanel error={insert.error} />
        </div>
      )}
      {inserted && (
        <MessageBar key={inserted.sheets.join('|')} intent="success" layout="multiline" ref={reveal}>
          <MessageBarBody>
            <MessageBarTitle>{t('inserted', { sheets: inserted.sheets.join('、') })}</MessageBarTitle>
            {inserted.warnings.length > 0 && (
              <ul className={s.sheets}>
                {inserted.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
