/**
 * 校验: run validation on the open workbook, the issues grouped by severity with counts, a filter,
 * click an issue to select its cell, accept suggested fixes one by one, re-run. Entered values
 * are never changed except by a fix the user accepts.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  SearchBox,
  ToggleButton,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowClockwise20Regular,
  CheckmarkCircle16Filled,
  ChevronDown16Regular,
  ChevronRight16Regular,
  CircleHint16Regular,
  ClipboardTaskListLtr20Regular,
  Eraser20Regular,
  ErrorCircle16Filled,
  Info16Regular,
  TableAdd20Regular,
  Warning16Filled,
} from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ValidationIssue } from '../../../core/validate/issues';
import { colonAfter } from '../../../core/i18n/text';
import { MARK_COLOR, markKindOf, MARK_KINDS, type MarkKind } from '../../../core/validate/marks';
import { issueSummaryText } from '../../../core/validate/summary-text';
import { ErrorPanel } from '../../app/ErrorPanel';
import { reveal, useLayout } from '../../app/layout';
import { protectionPassword } from '../../app/settings';
import { useApp } from '../../app/store';
import { useAction } from '../../app/useAction';
import { acceptFix, clearIssueMarks, goToCell, validateWorkbook, type ValidateProgress } from '../../host/workbook';
import { isTaskCancelled } from '../../../core/task/control';
import { ValidateProgressBar } from './ValidateProgress';
import { useText } from '../../i18n/text';
import type { StringKey } from '../../i18n/strings';
import { issueCounts, issueKey, layoutIssues, messageWithoutPlace, type GroupId, type MissingGroup, type SeverityFilter } from './groups';

/** Rows drawn at a time; "show more" draws the next page, so nothing is out of reach and the pane stays quick. */
const PAGE = 50;

const useStyles = makeStyles({
  summary: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  phrase: { whiteSpace: 'nowrap' },
  // The legend of the cell marks: a swatch of each fill the sheet now has, and what it means.
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  legendItem: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  swatch: { display: 'inline-block', width: '14px', height: '14px', border: `1px solid ${tokens.colorNeutralStroke1}`, boxSizing: 'border-box' },
  groupTitle: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXS}`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  issue: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeftWidth: '3px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteDarkOrangeBorder2 },
  explained: { borderLeftColor: tokens.colorPaletteGreenBorder2 },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
  issueMain: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    width: '100%',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    background: 'none',
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  loc: { color: tokens.colorBrandForeground1, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  fixRow: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    padding: `0 ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase200,
  },
  note: { padding: `0 ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  iconError: { color: tokens.colorPaletteRedForeground1 },
  iconWarning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  iconOk: { color: tokens.colorPaletteGreenForeground1 },
  iconMissing: { color: tokens.colorNeutralForeground3 },
  /** Chinese lines break between phrases (at punctuation), not inside a word; a long run still wraps. */
  keepAll: { wordBreak: 'keep-all', overflowWrap: 'anywhere' },
  missing: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeft: `3px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  missingHead: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    width: '100%',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    background: 'none',
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase300,
    cursor: 'pointer',
    wordBreak: 'keep-all',
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  cellsBox: { padding: `0 ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS}` },
  cells: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, listStyleType: 'none', margin: 0, padding: 0 },
});

/** A long list drawn a page at a time, with a button for the next page. */
function Paged<T>({ items, children, listClassName }: { items: readonly T[]; children: (item: T) => ReactNode; listClassName?: string }) {
  const { t } = useText();
  const l = useLayout();
  const [shown, setShown] = useState(PAGE);
  const rest = items.length - shown;
  return (
    <>
      <ul className={listClassName ?? l.list}>{items.slice(0, shown).map(children)}</ul>
      {rest > 0 && (
        <Button appearance="subtle" size="small" onClick={() => setShown((n) => n + PAGE)}>
          {t('showMore', { n: Math.min(PAGE, rest), rest })}
        </Button>
      )}
    </>
  );
}

/** "乙校：12 项未填" / "H 列：30 个单位未填", opening onto the cells (each a way to select it). */
function MissingRow({ group, onGo }: { group: MissingGroup; onGo: (issue: ValidationIssue) => void }) {
  const { t } = useText();
  const s = useStyles();
  const [open, setOpen] = useState(false);
  const label =
    group.by === 'column' ? t('missingByColumn', { col: group.label, n: group.issues.length }) : t('missingByUnit', { name: group.label, n: group.issues.length });
  return (
    <li className={s.missing} data-missing-group={group.by}>
      <button type="button" className={s.missingHead} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
        <span>{label}</span>
      </button>
      {open && (
        <div className={s.cellsBox}>
          <Paged items={group.issues} listClassName={s.cells}>
            {(issue) => (
              <li key={issueKey(issue)}>
                <Button size="small" appearance="outline" onClick={() => onGo(issue)} aria-label={`${t('goTo')} ${issue.sheet ?? ''}!${issue.cell ?? ''}`}>
                  {group.by === 'column' ? `${issue.cell} · ${issue.unit ?? ''}` : issue.cell}
                </Button>
              </li>
            )}
          </Paged>
        </div>
      )}
    </li>
  );
}

/**
 * A line of phrases separated by " · ", wrapped only between phrases: "0 条说明" never loses its
 * last character to the next line at 320 px.
 */
function Phrases({ text }: { text: string }) {
  const s = useStyles();
  return (
    <>
      {text.split(/(\s*·\s*)/).map((part, i) =>
        i % 2 === 1 ? (
          part
        ) : (
          <span key={i} className={s.phrase}>
            {part}
          </span>
        ),
      )}
    </>
  );
}

const MARK_LABEL: Record<MarkKind, StringKey> = { error: 'markError', missing: 'markMissing', warning: 'markWarning', info: 'markInfo' };

/** What the fills on the sheet mean: the kinds of mark this run put on cells (notes are not marked). */
function MarkLegend({ issues }: { issues: readonly ValidationIssue[] }) {
  const s = useStyles();
  const { t, lang } = useText();
  const present = new Set(issues.filter((i) => i.severity !== 'info').map(markKindOf));
  const kinds = MARK_KINDS.filter((k) => present.has(k));
  if (kinds.length === 0) return null;
  return (
    <ul className={s.legend} aria-label={t('markLegend')} data-testid="mark-legend">
      <li className={s.legendItem} aria-hidden>
        {colonAfter(t('markLegend'), lang)}
      </li>
      {kinds.map((k) => (
        <li key={k} className={s.legendItem} data-mark={k}>
          <span className={s.swatch} style={{ backgroundColor: MARK_COLOR[k] }} aria-hidden />
          {t(MARK_LABEL[k])}
        </li>
      ))}
    </ul>
  );
}

const GROUP_LABEL: Record<GroupId, StringKey> = {
  error: 'severityError',
  warning: 'severityWarning',
  explained: 'severityExplained',
  info: 'severityInfo',
};

function valueText(v: string | number | boolean | null): string {
  return v === null ? '' : String(v);
}

export default function ValidateView() {
  const { env, state, dispatch } = useApp();
  const { t, p, lang } = useText();
  const l = useLayout();
  const s = useStyles();
  const [filter, setFilter] = useState<SeverityFilter>('all');
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  // The marks were taken off since the last run: no legend for fills that are gone.
  const [cleared, setCleared] = useState(false);
  const run = state.validation;
  const enabled = env.capabilities.can.validate;
  const password = protectionPassword(state.settings);

  const [progress, setProgress] = useState<ValidateProgress | undefined>(undefined);
  const abort = useRef<AbortController | undefined>(undefined);
  const validate = useAction(
    useCallback(async () => {
      const controller = new AbortController();
      abort.current = controller;
      setProgress(undefined);
      try {
        const r = await validateWorkbook(env, lang, { mark: true, password, onProgress: setProgress, signal: controller.signal });
        setCleared(false);
        dispatch({ type: 'validated', run: r });
        return r;
      } catch (e) {
        // A cancel is not a failure: say what it left behind.
        if (isTaskCancelled(e)) {
          setNotice(p(e.text));
          return undefined;
        }
        throw e;
      } finally {
        abort.current = undefined;
      }
    }, [env, lang, dispatch, password, p]),
  );
  const goTo = useAction(useCallback((issue: ValidationIssue) => goToCell(env, issue.sheet ?? '', issue.cell ?? ''), [env]));
  const fix = useAction(
    useCallback(
      async (issue: ValidationIssue) => {
        await acceptFix(env, issue);
        setNotice(t('fixApplied', { cell: issue.cell ?? '', value: valueText(issue.fix?.value ?? null) }));
        // Re-run so the list, the marks and the review sheet reflect the fixed value.
        const r = await validateWorkbook(env, lang, { mark: true, password });
        setCleared(false);
        dispatch({ type: 'validated', run: r });
      },
      [env, lang, dispatch, t, password],
    ),
  );
  const clear = useAction(
    useCallback(async () => {
      await clearIssueMarks(env, password);
      setCleared(true);
      setNotice(t('marksCleared'));
    }, [env, t, password]),
  );

  // The ribbon's 校验 button asks for a run (once per request).
  const handled = useRef(0);
  useEffect(() => {
    if (state.validateRequest > handled.current && enabled) {
      handled.current = state.validateRequest;
      setNotice(undefined);
      void validate.run();
    }
  }, [state.validateRequest, enabled, validate]);

  const issues = useMemo(() => run?.result.issues ?? [], [run]);
  const counts = useMemo(() => issueCounts(issues), [issues]);
  // A severity with no issue gets no button ("提示 0" filters nothing); a filter left on one that a
  // new run emptied falls back to all.
  const filters = (
    [
      ['all', t('filterAll'), issues.length],
      ['error', t('filterErrors'), counts.error],
      ['warning', t('filterWarnings'), counts.warning + counts.explained],
    ] as const
  ).filter(([id, , n]) => id === 'all' || n > 0);
  const shown: SeverityFilter = filters.some(([id]) => id === filter) ? filter : 'all';
  const layout = useMemo(() => layoutIssues(issues, shown, text, lang), [issues, shown, text, lang]);
  const busy = validate.busy || fix.busy || clear.busy;
  const error = validate.error ?? fix.error ?? clear.error ?? goTo.error;

  return (
    <div className={l.view}>
      <div className={l.row}>
        <Button
          appearance="primary"
          icon={run ? <ArrowClockwise20Regular /> : <ClipboardTaskListLtr20Regular />}
          disabled={!enabled || busy}
          onClick={() => {
            setNotice(undefined);
            void validate.run();
          }}
        >
          {run ? t('rerunValidation') : t('runValidation')}
        </Button>
        {run && (
          <Button icon={<Eraser20Regular />} disabled={!enabled || busy} onClick={() => void clear.run()}>
            {t('clearMarks')}
          </Button>
        )}
      </div>
      {!run && !validate.busy && <div className={l.secondary}>{t('validateIntro')}</div>}
      {validate.busy && <ValidateProgressBar progress={progress} onCancel={() => abort.current?.abort()} />}
      {!enabled && env.capabilities.blocked.validate && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{p(env.capabilities.blocked.validate)}</MessageBarBody>
        </MessageBar>
      )}
      {error !== undefined && <ErrorPanel error={error} />}
      {notice && (
        <MessageBar key={notice} intent="success" layout="multiline" ref={reveal}>
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {run && (
        <>
          {run.notFound ? (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>{run.notFound.planId ? t('unknownPlan', { id: run.notFound.planId }) : t('noTemplate')}</MessageBarBody>
              {!run.notFound.planId && (
                <MessageBarActions>
                  <Button icon={<TableAdd20Regular />} onClick={() => dispatch({ type: 'navigate', view: 'insert' })}>
                    {t('insert')}
                  </Button>
                </MessageBarActions>
              )}
            </MessageBar>
          ) : (
            <>
              <div role="status" aria-live="polite">
                <div className={s.summary} data-testid="issues-summary">
                  {issues.length === 0 ? (
                    t('noIssues')
                  ) : (
                    <Phrases
                      text={issueSummaryText({ error: counts.error, warning: counts.warning + counts.explained, explained: counts.explained, info: counts.info }, lang)}
                    />
                  )}
                </div>
                <div className={mergeClasses(l.secondary, lang !== 'en' && s.keepAll)}>
                  {t('validatedAt', { time: new Date(run.at).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN') })}
                  {run.reviewSheet ? ` · ${t('reviewWritten', { sheet: run.reviewSheet })}` : ''}
                </div>
              </div>
              {!cleared && <MarkLegend issues={issues} />}
              {run.warnings.map((w) => (
                <MessageBar key={w.en} intent="warning" layout="multiline">
                  <MessageBarBody>{p(w)}</MessageBarBody>
                </MessageBar>
              ))}
            </>
          )}
          {/* Nothing to validate: the message above says it once (not again as a "not a template" card). */}
          {issues.length > 0 && !run.notFound && (
            <>
              <div className={l.row} role="group" aria-label={t('filterSeverity')}>
                {filters.map(([id, label, n]) => (
                  <ToggleButton key={id} size="small" checked={shown === id} onClick={() => setFilter(id)}>
                    {label} {n}
                  </ToggleButton>
                ))}
              </div>
              <SearchBox size="small" value={text} onChange={(_, d) => setText(d.value)} placeholder={t('filterIssues')} aria-label={t('filterIssues')} />
              {layout.map((section) =>
                section.kind === 'missing' ? (
                  <section key="missing" aria-label={`${t('missingTitle')} (${section.total})`} data-testid="missing">
                    <h2 className={s.groupTitle}>
                      <CircleHint16Regular className={s.iconMissing} />
                      {t('missingTitle')} ({section.total})
                    </h2>
                    <ul className={l.list}>
                      {section.groups.map((g) => (
                        <MissingRow key={g.key} group={g} onGo={(issue) => void goTo.run(issue)} />
                      ))}
                    </ul>
                  </section>
                ) : (
                  <section key={section.id} aria-label={`${t(GROUP_LABEL[section.id])} (${section.issues.length})`}>
                    <h2 className={s.groupTitle}>
                      {section.id === 'error' ? (
                        <ErrorCircle16Filled className={s.iconError} />
                      ) : section.id === 'warning' ? (
                        <Warning16Filled className={s.iconWarning} />
                      ) : section.id === 'explained' ? (
                        <CheckmarkCircle16Filled className={s.iconOk} />
                      ) : (
                        <Info16Regular />
                      )}
                      {t(GROUP_LABEL[section.id])} ({section.issues.length})
                    </h2>
                    <Paged items={section.issues}>
                      {(issue) => {
                        const key = issueKey(issue);
                        const where = issue.sheet && issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet;
                        return (
                          <li key={key} className={mergeClasses(s.issue, s[section.id])} data-issue-code={issue.code} data-cell={issue.cell}>
                            <button
                              type="button"
                              className={mergeClasses(s.issueMain, selected === key && s.selected)}
                              disabled={!issue.cell}
                              onClick={() => {
                                setSelected(key);
                                void goTo.run(issue);
                              }}
                            >
                              {/* The accessible name is the visible text, led by what a click does. */}
                              {issue.cell && <span className={l.srOnly}>{`${t('goTo')} `}</span>}
                              {/* Where, once: the unit and the cell; the message below says what and how. */}
                              {(where || issue.unit) && <span className={s.loc}>{[where, issue.unit].filter(Boolean).join(' · ')}</span>}
                              <span className={mergeClasses(l.breakable, lang !== 'en' && s.keepAll)}>{messageWithoutPlace(issue, p(issue.message))}</span>
                            </button>
                            {issue.explained && issue.explanation && (
                              <div className={mergeClasses(s.note, l.breakable)}>
                                {t('explanationLabel')}
                                {issue.explanation}
                              </div>
                            )}
                            {issue.fix && issue.cell && (
                              <div className={s.fixRow}>
                                <span className={l.grow}>{t('suggestedFix', { text: valueText(issue.fix.value) })}</span>
                                <Button size="small" disabled={busy} onClick={() => void fix.run(issue)}>
                                  {t('acceptFix')}
                                </Button>
                              </div>
                            )}
                          </li>
                        );
                      }}
                    </Paged>
                  </section>
                ),
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
