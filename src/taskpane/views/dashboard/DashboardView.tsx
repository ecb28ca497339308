/**
 * 进度: for the template in the workbook, counts of 达标/接近/未达标/无数据, the binding misses first,
 * and a chart per section. Loaded on demand (its own chunk): most sessions never open it.
 */
import { Button, Dropdown, Field, Option, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular, ChartMultiple20Regular, TableAdd20Regular } from '@fluentui/react-icons';
import { useCallback, useMemo, useState } from 'react';
import { STATUS_LABEL, type Status } from '../../../core/evaluate/status';
import { insertChartSheet, type ChartSheetResult } from '../../../excel/charts';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLayout } from '../../app/layout';
import { useApp } from '../../app/store';
import { useAction } from '../../app/useAction';
import { goToCell, validateWorkbook } from '../../host/workbook';
import { levelLabel } from '../../i18n/levels';
import { useText } from '../../i18n/text';
import type { Level } from '../../../core/plan/schema';
import type { TemplateSummary } from '../../../core/validate/validate';
import { AchievementChart, issueList, StatusStackChart, useStatusStyles } from './charts';
import { dashboardModel, progressChartTable, type DashboardModel } from './model';
import { word } from './words';
import type { Lang } from '../../../core/i18n/text';

const useStyles = makeStyles({
  tiles: { display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: tokens.spacingHorizontalXS },
  tile: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    padding: `${tokens.spacingVerticalS} 2px`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  tileNumber: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  tileLabel: { fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
  miss: {
    display: 'flex',
    flexDirection: 'column',
    width: '100%',
    textAlign: 'start',
    gap: '2px',
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorPaletteRedBorder2}`,
    borderLeftWidth: '3px',
    borderRadius: tokens.borderRadiusMedium,
    background: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase300,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

/** The chart sheet beside an English template (进度图表 beside a Chinese one). */
const CHART_SHEET_EN = 'Progress charts';

const TILES: Status[] = ['met', 'near', 'unmet', 'noData'];

/** What the tiles count: indicators (one unit), or unit × indicator pairs (every unit of a table). */
function countedText(model: DashboardModel, lang: Lang): string {
  const rows = model.sections.flatMap((sec) => sec.rows);
  const units = new Set(rows.map((r) => r.unitIndex)).size;
  const indicators = new Set(rows.map((r) => r.indicator.id)).size;
  if (units <= 1) return word('countsIndicators', lang, { n: rows.length });
  return rows.length === units * indicators
    ? word('countsPairs', lang, { units, indicators, n: rows.length })
    : word('countsPairsUneven', lang, { units, n: rows.length });
}

const INSERT_CHARTS = { zh: '插入图表到工作簿', en: 'Insert charts into the workbook' };
const chartsInserted = (r: ChartSheetResult) => ({
  zh: `已在新工作表「${r.sheet}」插入 ${r.charts} 个图表`,
  en: `Inserted ${r.charts} chart(s) on the new sheet "${r.sheet}"`,
});

export default function DashboardView() {
  const { env, state, dispatch } = useApp();
  const api = useText();
  const { t, p, lang } = api;
  const l = useLayout();
  const s = useStyles();
  const st = useStatusStyles();
  const [unit, setUnit] = useState<number | 'all' | undefined>(undefined);
  const [template, setTemplate] = useState<number | undefined>(undefined);
  const run = state.validation;
  const model = useMemo(
    () => (run ? dashboardModel(run, env.registry, { tolerance: state.settings.tolerance, unit, template }) : undefined),
    [run, env.registry, state.settings.tolerance, unit, template],
  );
  const read = useAction(
    useCallback(async () => {
      dispatch({ type: 'validated', run: await validateWorkbook(env, lang, { mark: false }) });
    }, [env, lang, dispatch]),
  );
  const goTo = useAction(useCallback((sheet: string, cell: string) => goToCell(env, sheet, cell), [env]));
  const [inserted, setInserted] = useState<ChartSheetResult | undefined>(undefined);
  const insertCharts = useAction(
    useCallback(async () => {
      if (!model) return;
      // The charts show what the pane shows (the unit chosen); like every sheet written beside a
      // template, they are in the template's language (an English template gets "Progress charts").
      const sheetLang = model.template.lang;
      setInserted(await insertChartSheet(env.excel, progressChartTable(model, sheetLang), sheetLang === 'en' ? { sheetName: CHART_SHEET_EN } : {}));
    }, [env, model]),
  );

  /** A template as the user knows it: the sheet it is on and how many units report in it. */
  const templateName = (x: TemplateSummary) => [x.units[0]?.sheet, t('unitsCount', { n: x.units.length })].filter(Boolean).join(' · ');

  return (
    <div className={l.view}>
      <div className={l.row}>
        <Button icon={<ArrowClockwise20Regular />} disabled={read.busy || !env.capabilities.can.validate} onClick={() => void read.run()}>
          {t('loadData')}
        </Button>
        {read.busy && <Spinner size="tiny" />}
      </div>
      {read.error !== undefined && <ErrorPanel error={read.error} />}
      {goTo.error !== undefined && <ErrorPanel error={goTo.error} />}
      {!model ? (
        <>
          <div className={l.secondary}>{run?.notFound?.planId ? t('unknownPlan', { id: run.notFound.planId }) : run ? t('noTemplate') : t('dashboardEmpty')}</div>
          {run && !run.notFound?.planId && (
            <div className={l.row}>
              <Button icon={<TableAdd20Regular />} onClick={() => dispatch({ type: 'navigate', view: 'insert' })}>
                {t('insert')}
              </Button>
            </div>
          )}
        </>
      ) : (
        <>
          <div>
            <h2 className={l.heading}>{p(model.plan.title)}</h2>
            <div className={l.secondary}>
              {[model.template.year ? `${model.template.year}` : undefined, model.template.level ? levelLabel(model.template.level as Level, lang) : undefined, t('dashboardIntro')]
                .filter(Boolean)
                .join(' · ')}
            </div>
          </div>
          {model.templates.length > 1 && (
            <Field label={t('templateLabel')}>
              <Dropdown
                value={templateName(model.template)}
                selectedOptions={[String(model.template.instance)]}
                onOptionSelect={(_, d) => {
                  setTemplate(Number(d.optionValue));
                  setUnit(undefined);
                }}
              >
                {model.templates.map((x) => (
                  <Option key={x.instance} value={String(x.instance)} text={templateName(x)}>
                    {templateName(x)}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          )}
          {model.units.length > 1 && (
            <Field label={t('unitLabel')}>
              <Dropdown
                value={model.unit === 'all' ? t('allUnits') : model.units.find((u) => u.index === model.unit)?.name ?? ''}
                selectedOptions={[String(model.unit)]}
                onOptionSelect={(_, d) => setUnit(d.optionValue === 'all' ? 'all' : Number(d.optionValue))}
              >
                <Option value="all">{t('allUnits')}</Option>
                {model.units.map((u) => (
                  <Option key={u.index} value={String(u.index)}>
                    {u.name}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          )}
          <div className={l.secondary} data-testid="tiles-count">
            {countedText(model, lang)}
          </div>
          <div className={s.tiles} role="list" aria-label={t('statusCounts')}>
            {TILES.map((status) => (
              <div key={status} role="listitem" className={mergeClasses(s.tile, st[status])} data-status={status}>
                <span className={s.tileNumber}>{model.counts[status]}</span>
                <span className={s.tileLabel}>{p(STATUS_LABEL[status])}</span>
              </div>
            ))}
          </div>
          <div className={l.secondary} data-testid="data-summary">
            {issueList(model.dataIssues, api) ? t('dataSummary', { list: issueList(model.dataIssues, api) }) : t('dataClean')}
          </div>
          {model.counts.unknownTarget > 0 && (
            <div className={l.secondary}>
              {p(STATUS_LABEL.unknownTarget)} {model.counts.unknownTarget}
            </div>
          )}
          <section aria-label={t('binding_misses')}>
            <h2 className={l.heading}>{t('binding_misses')}</h2>
            {model.bindingMisses.length === 0 ? (
              <div className={l.secondary}>{t('noBindingMisses')}</div>
            ) : (
              <ul className={l.list}>
                {model.bindingMisses.map((r) => (
                  <li key={`${r.unitIndex}:${r.indicator.id}`}>
                    <button
                      type="button"
                      className={s.miss}
                      disabled={!r.sheet || !r.cell}
                      onClick={() => r.sheet && r.cell && void goTo.run(r.sheet, r.cell)}
                    >
                      <strong className={l.breakable}>{p(r.indicator.name)}</strong>
                      <span className={l.secondary}>
                        {model.units.length > 1 ? `${r.unit} · ` : ''}
                        {t('actual')} {r.value ?? '—'} · {t('target')} {p(r.evaluation.targetText)} · {p(STATUS_LABEL[r.status])}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <div className={l.row}>
            <Button icon={<ChartMultiple20Regular />} disabled={insertCharts.busy || model.sections.length === 0} onClick={() => void insertCharts.run()}>
              {p(INSERT_CHARTS)}
            </Button>
            {insertCharts.busy && <Spinner size="tiny" />}
          </div>
          {insertCharts.error !== undefined && <ErrorPanel error={insertCharts.error} />}
          {inserted && !insertCharts.busy && insertCharts.error === undefined && (
            <div className={l.secondary} role="status">
              {p(chartsInserted(inserted))}
            </div>
          )}
          {model.sections.map((sec) =>
            model.unit === 'all' ? <StatusStackChart key={sec.section.id} section={sec} /> : <AchievementChart key={sec.section.id} section={sec} />,
          )}
        </>
      )}
    </div>
  );
}
