/**
 * 校验: run validation on the open workbook, the issues grouped by severity with counts, a filter,
 * click an issue to select its cell, accept suggested fixes one by one, re-run. Entered values
 * are never changed except by a fix the user accepts.
 */
import {
  Button,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Spinner,
  ToggleButton,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowClockwise20Regular,
  CheckmarkCircle16Filled,
  ClipboardTaskListLtr20Regular,
  Eraser20Regular,
  ErrorCircle16Filled,
  Info16Regular,
  Warning16Filled,
} from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ValidationIssue } from '../../../core/validate/issues';
import { ErrorPanel } from '../../app/ErrorPanel';
import { reveal, useLayout } from '../../app/layout';
import { protectionPassword } from '../../app/settings';
import { useApp } from '../../app/store';
import { useAction } from '../../app/useAction';
import { acceptFix, clearIssueMarks, goToCell, validateWorkbook } from '../../host/workbook';
import { useText } from '../../i18n/text';
import { counted, type StringKey } from '../../i18n/strings';
import { groupIssues, issueCounts, issueKey, type GroupId, type SeverityFilter } from './groups';

/** Rows drawn per group; more is unreadable in a 320 px pane (the review sheet has them all). */
const MAX_PER_GROUP = 200;

const useStyles = makeStyles({
  summary: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
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
});

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
  const run = state.validation;
  const enabled = env.capabilities.can.validate;
  const password = protectionPassword(state.settings);

  const validate = useAction(
    useCallback(async () => {
      const r = await validateWorkbook(env, lang, { mark: true, password });
      dispatch({ type: 'validated', run: r });
      return r;
    }, [env, lang, dispatch, password]),
  );
  const goTo = useAction(useCallback((issue: ValidationIssue) => goToCell(env, issue.sheet ?? '', issue.cell ?? ''), [env]));
  const fix = useAction(
    useCallback(
      async (issue: ValidationIssue) => {
        await acceptFix(env, issue);
        setNotice(t('fixApplied', { cell: issue.cell ?? '', value: valueText(issue.fix?.value ?? null) }));
        // Re-run so the list, the marks and the review sheet reflect the fixed value.
        const r = await validateWorkbook(env, lang, { mark: true, password });
        dispatch({ type: 'validated', run: r });
      },
      [env, lang, dispatch, t, password],
    ),
  );
  const clear = useAction(
    useCallback(async () => {
      await clearIssueMarks(env, password);
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
  const groups = useMemo(() => groupIssues(issues, filter, text, lang), [issues, filter, text, lang]);
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
      {validate.busy && <Spinner size="small" label={t('validating')} />}
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
            </MessageBar>
          ) : (
            <>
              <div role="status" aria-live="polite">
                <div className={s.summary}>
                  {issues.length === 0
                    ? t('noIssues')
                    : t('issuesSummary', {
                        errors: t('nErrors', counted(counts.error)),
                        warnings: t('nWarnings', counted(counts.warning + counts.explained)),
                        explained: counts.explained,
                        notes: t('nNotes', counted(counts.info)),
                      })}
                </div>
                <div className={l.secondary}>
                  {t('validatedAt', { time: new Date(run.at).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN') })}
                  {run.reviewSheet ? ` · ${t('reviewWritten', { sheet: run.reviewSheet })}` : ''}
                </div>
              </div>
              {run.warnings.map((w) => (
                <MessageBar key={w.en} intent="warning" layout="multiline">
                  <MessageBarBody>{p(w)}</MessageBarBody>
                </MessageBar>
              ))}
            </>
          )}
          {issues.length > 0 && (
            <>
              <div className={l.row} role="group" aria-label={t('filterSeverity')}>
                {(
                  [
                    ['all', t('filterAll'), issues.length],
                    ['error', t('filterErrors'), counts.error],
                    ['warning', t('filterWarnings'), counts.warning + counts.explained],
                  ] as const
                ).map(([id, label, n]) => (
                  <ToggleButton key={id} size="small" checked={filter === id} onClick={() => setFilter(id)}>
                    {label} {n}
                  </ToggleButton>
                ))}
              </div>
              <SearchBox size="small" value={text} onChange={(_, d) => setText(d.value)} placeholder={t('filterIssues')} aria-label={t('filterIssues')} />
              {groups.map((g) => (
                <section key={g.id} aria-label={`${t(GROUP_LABEL[g.id])} (${g.issues.length})`}>
                  <h2 className={s.groupTitle}>
                    {g.id === 'error' ? (
                      <ErrorCircle16Filled className={s.iconError} />
                    ) : g.id === 'warning' ? (
                      <Warning16Filled className={s.iconWarning} />
                    ) : g.id === 'explained' ? (
                      <CheckmarkCircle16Filled className={s.iconOk} />
                    ) : (
                      <Info16Regular />
                    )}
                    {t(GROUP_LABEL[g.id])} ({g.issues.length})
                  </h2>
                  <ul className={l.list}>
                    {g.issues.slice(0, MAX_PER_GROUP).map((issue) => {
                      const key = issueKey(issue);
                      const where = issue.sheet && issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet;
                      return (
                        <li key={key} className={mergeClasses(s.issue, s[g.id])} data-issue-code={issue.code} data-cell={issue.cell}>
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
                            {(where || issue.unit) && (
                              <span className={s.loc}>
                                {[where, issue.unit].filter(Boolean).join(' · ')}
                              </span>
                            )}
                            <span className={l.breakable}>{p(issue.message)}</span>
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
                    })}
                  </ul>
                  {g.issues.length > MAX_PER_GROUP && <div className={l.secondary}>{t('issuesHidden', { n: g.issues.length - MAX_PER_GROUP })}</div>}
                </section>
              ))}
            </>
          )}
        </>
      )}
    </div>
  );
}
