/**
 * 计划库: the searchable list of plans (region, period, issuer, indicator count), a plan's
 * indicators with baseline, target, 属性 and source quote, and importing a plan file.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  SearchBox,
  makeStyles,
  mergeClasses,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import { ArrowLeft20Regular, ChevronRight16Regular, TableAdd20Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { indicatorCount } from '../../../core/plan/registry';
import type { Indicator, Plan } from '../../../core/plan/schema';
import { scrollPaneTop, useLayout } from '../../app/layout';
import { useApp } from '../../app/store';
import { isUserPlan } from '../../app/userPlans';
import { useText } from '../../i18n/text';
import { levelLabel } from '../../i18n/levels';
import { describeBaseline, describeCitation, describeTargets } from './describe';
import { ImportPlan } from './ImportPlan';
import { ExportPlanToSheet, ImportPlanFromSheet } from './PlanSheet';
import { searchPlans, type PlanHit } from './search';

const useStyles = makeStyles({
  planButton: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover, ...shorthands.borderColor(tokens.colorNeutralStroke1Hover) },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  planTitle: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase300 },
  chevron: { flexShrink: 0, color: tokens.colorNeutralForeground3 },
  detailTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  indicator: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  indName: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  code: { color: tokens.colorBrandForeground1, marginRight: tokens.spacingHorizontalXS },
  quote: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  sectionHeader: { fontSize: tokens.fontSizeBase300 },
});

export default function PlanLibrary() {
  const { env, state } = useApp();
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<string | undefined>(undefined);
  /** The plan whose page was last open: 返回 puts focus back on its card. */
  const [cameFrom, setCameFrom] = useState<string | undefined>(undefined);
  // The registry is mutable (imports): re-read it when it changes.
  const plans = useMemo(() => env.registry.list(), [env.registry, state.plansVersion]);
  const hits = useMemo(() => searchPlans(plans, query), [plans, query]);
  useEffect(scrollPaneTop, [openId]);
  const openPlan = openId ? env.registry.get(openId) : undefined;
  if (openPlan) {
    // Opened from an indicator search: show the matching indicators only.
    const hit = hits.find((h) => h.plan.id === openPlan.id);
    const back = () => {
      setCameFrom(openId);
      setOpenId(undefined);
    };
    return <PlanDetail plan={openPlan} only={hit?.byIndicator ? hit.indicators : undefined} onBack={back} />;
  }
  return <PlanList hits={hits} total={plans.length} query={query} onQuery={setQuery} onOpen={setOpenId} focusId={cameFrom} />;
}

function PlanList(props: { hits: PlanHit[]; total: number; query: string; onQuery: (q: string) => void; onOpen: (id: string) => void; focusId?: string }) {
  const { focusId } = props;
  useEffect(() => {
    if (focusId) document.querySelector<HTMLElement>(`[data-plan-id="${focusId}"]`)?.focus(); // ids are [a-z0-9._-]
  }, [focusId]);
  const { t, p } = useText();
  const l = useLayout();
  const s = useStyles();
  return (
    <div className={l.view}>
      <SearchBox
        value={props.query}
        onChange={(_, d) => props.onQuery(d.value)}
        placeholder={t('searchPlans')}
        aria-label={t('searchPlansLabel')}
      />
      <div className={l.secondary} role="status">
        {props.query && props.hits.length === 0 ? t('noPlanMatch', { q: props.query }) : t('planCount', { n: props.hits.length })}
      </div>
      <ul className={l.list} aria-label={t('viewLibrary')}>
        {props.hits.map((hit) => (
          <li key={hit.plan.id}>
            <button type="button" className={s.planButton} data-plan-id={hit.plan.id} onClick={() => props.onOpen(hit.plan.id)}>
              <span className={mergeClasses(l.grow, l.breakable)}>
                <span className={s.planTitle}>{p(hit.plan.title)}</span>
                <br />
                <span className={l.secondary}>
                  {p(hit.plan.region)} · {t('period', { from: hit.plan.period.from, to: hit.plan.period.to })} · {p(hit.plan.issuer)}
                </span>
                <br />
                <span className={l.secondary}>
                  {hit.byIndicator
                    ? t('matchesN', { n: hit.indicators.length })
                    : t('indicatorsN', { n: indicatorCount(hit.plan) })}
                </span>{' '}
                {isUserPlan(hit.plan.id) && (
                  <Badge size="small" appearance="tint" color="informative">
                    {t('userPlan')}
                  </Badge>
                )}
              </span>
              <ChevronRight16Regular className={s.chevron} aria-hidden />
            </button>
          </li>
        ))}
      </ul>
      <ImportPlan />
      <ImportPlanFromSheet />
    </div>
  );
}

function PlanDetail({ plan, only, onBack }: { plan: Plan; only: Indicator[] | undefined; onBack: () => void }) {
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus({ preventScroll: true }), [plan.id]);
  const api = useText();
  const { t, p } = api;
  const { dispatch } = useApp();
  const l = useLayout();
  const s = useStyles();
  const shown = only ? new Set(only.map((i) => i.id)) : undefined;
  const sections = plan.sections
    .map((sec) => ({ sec, inds: sec.indicators.filter((i) => !shown || shown.has(i.id)) }))
    .filter((x) => x.inds.length > 0);
  return (
    <div className={l.view}>
      <div className={l.row}>
        <Button appearance="subtle" size="small" icon={<ArrowLeft20Regular />} onClick={onBack}>
          {t('back')}
        </Button>
      </div>
      <div>
        {/* Focus lands on the plan's title when its page opens (返回 puts it back on the card). */}
        <h2 className={mergeClasses(s.detailTitle, l.breakable)} tabIndex={-1} ref={title}>
          {p(plan.title)}
        </h2>
        <div className={l.secondary}>
          {p(plan.region)} · {t('period', { from: plan.period.from, to: plan.period.to })} · {t('issuer')} {p(plan.issuer)} ·{' '}
          {t('indicatorsN', { n: indicatorCount(plan) })} · v{plan.version}
        </div>
      </div>
      <Button appearance="primary" icon={<TableAdd20Regular />} onClick={() => dispatch({ type: 'navigate', view: 'insert', planId: plan.id })}>
        {t('useThisPlan')}
      </Button>
      <ExportPlanToSheet plan={plan} />
      <Accordion multiple collapsible defaultOpenItems={sections.slice(0, 1).map((x) => x.sec.id)}>
        {sections.map(({ sec, inds }) => (
          <AccordionItem key={sec.id} value={sec.id}>
            <AccordionHeader size="small" className={s.sectionHeader}>
              {t('sectionIndicators', { title: p(sec.title), n: inds.length })}
            </AccordionHeader>
            <AccordionPanel>
              <ul className={l.list}>
                {inds.map((ind) => (
                  <li key={ind.id} className={s.indicator}>
                    <span className={mergeClasses(s.indName, l.breakable)}>
                      {ind.code && <span className={s.code}>{ind.code}</span>}
                      {p(ind.name)}
                      {ind.unit ? api.paren(ind.unit) : ''}
                    </span>
                    <span className={l.row}>
                      <Badge size="small" appearance="outline" color="informative">
                        {levelLabel(ind.level, api.lang)}
                      </Badge>
                      {ind.attribute && (
                        <Badge size="small" appearance="tint" color={ind.attribute === '约束性' ? 'danger' : 'informative'}>
                          {t(ind.attribute === '约束性' ? 'binding' : 'expected')}
                        </Badge>
                      )}
                    </span>
                    {describeBaseline(ind, api) && <span className={l.secondary}>{describeBaseline(ind, api)}</span>}
                    <span className={mergeClasses(l.secondary, l.breakable)}>{describeTargets(ind, api)}</span>
                    {ind.conflictsWith && ind.conflictsWith.length > 0 && (
                      <span className={l.secondary}>{t('conflictNote', { ids: ind.conflictsWith.join(', ') })}</span>
                    )}
                    <span className={mergeClasses(s.quote, l.breakable)}>
                      {t('sourceLabel')}
                      {describeCitation(ind.source, plan, api)}
                    </span>
                  </li>
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </div>
  );
}
