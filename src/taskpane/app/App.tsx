/**
 * The task pane: header, the view tabs (计划库 / 插入模板 / 校验 / 进度, 设置 behind the gear),
 * and the current view inside an error boundary. Rarely used views (进度 with its charts, 设置)
 * are loaded on demand so the first paint stays small.
 */
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  ClipboardTaskListLtr20Regular,
  DataBarVertical20Regular,
  DocumentMultiple20Regular,
  Dismiss16Regular,
  Library20Regular,
  Settings20Regular,
  TableAdd20Regular,
} from '@fluentui/react-icons';
import { Suspense, lazy, useEffect, useState, type ReactElement } from 'react';
import { LangProvider, useText } from '../i18n/text';
import { ErrorBoundary } from './ErrorBoundary';
import { errorMessage } from './errors';
import { onNavigation, takePendingNavigation, type NavRequest, type ViewId } from './nav';
import { effectiveLang, loadSettings } from './settings';
import { AppProvider, useApp, type AppState, type PaneEnv } from './store';
import { paneTheme } from './theme';
import { PANE_MAIN_ID, scrollPaneTop } from './layout';
import { LazyTooltip } from './LazyTooltip';

// The first load is the shell: every view is its own chunk. The plan library, shown first, is
// requested by index.tsx while Office starts (see preloadFirstView), so it is there when the pane
// paints; the views that build templates, validate and chart (with the template builder, the
// validator and the Office.js adapter behind them) load when opened, the two used most prefetched.
const loadLibrary = () => import(/* webpackChunkName: "library" */ '../views/library/PlanLibrary');
const PlanLibrary = lazy(loadLibrary);
const InsertTemplateView = lazy(() => import(/* webpackChunkName: "insert", webpackPrefetch: true */ '../views/insert/InsertTemplateView'));
const ValidateView = lazy(() => import(/* webpackChunkName: "validate", webpackPrefetch: true */ '../views/validate/ValidateView'));
const DashboardView = lazy(() => import(/* webpackChunkName: "dashboard" */ '../views/dashboard/DashboardView'));
const ConsolidateView = lazy(() => import(/* webpackChunkName: "consolidate" */ '../views/consolidate/ConsolidateView'));
const SettingsView = lazy(() => import(/* webpackChunkName: "settings" */ '../views/settings/SettingsView'));

const useStyles = makeStyles({
  shell: {
    display: 'flex',
    flexDirection: 'column',
    height: '100%',
    minWidth: '280px',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  logo: { width: '20px', height: '20px', flexShrink: 0 },
  title: { flexGrow: 1, margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  tabs: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, flexShrink: 0, justifyContent: 'space-around' },
  /**
   * Icon above the label, as in Office's own panes: the tabs fit 320 px in Chinese and English.
   * Fluent lays a tab out as a grid (icon, label and its bold-width placeholder in row 1).
   */
  // Five tabs must fit 320 px in English too ("Template", "Progress"): narrow side padding, and a tab may shrink.
  tab: { gridAutoFlow: 'row', justifyItems: 'center', rowGap: '2px', paddingLeft: tokens.spacingHorizontalXXS, paddingRight: tokens.spacingHorizontalXXS, minWidth: 0 },
  tabLabel: { gridColumnStart: 1, gridRowStart: 2 },
  main: { flexGrow: 1, overflowY: 'auto', overflowX: 'hidden' },
  banner: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS} 0` },
  loading: { padding: tokens.spacingVerticalXXL, color: tokens.colorNeutralForeground2 },
});

const TABS: Array<{ view: ViewId; label: 'viewLibrary' | 'viewInsert' | 'viewValidate' | 'viewDashboard' | 'viewConsolidate'; icon: ReactElement }> = [
  { view: 'library', label: 'viewLibrary', icon: <Library20Regular /> },
  { view: 'insert', label: 'viewInsert', icon: <TableAdd20Regular /> },
  { view: 'validate', label: 'viewValidate', icon: <ClipboardTaskListLtr20Regular /> },
  { view: 'dashboard', label: 'viewDashboard', icon: <DataBarVertical20Regular /> },
  { view: 'consolidate', label: 'viewConsolidate', icon: <DocumentMultiple20Regular /> },
];

/** Starts loading the first view's chunk (call before waiting for Office). */
export function preloadFirstView(): void {
  void loadLibrary().catch(() => undefined); // a failure shows where the view renders, in the error boundary
}

/** Marked once the pane has rendered (scripts/bench/taskpane.js reads it for time to first render). */
export const FIRST_RENDER_MARK = 'edu-pane-first-render';

const FILL = { height: '100%' } as const;

export function initialState(view: ViewId = 'library'): AppState {
  return { view, planId: undefined, plansVersion: 0, settings: loadSettings(), validation: undefined, validateRequest: 0 };
}

/** The whole pane. `initial` lets tests and the preview start on a given view. */
export function App({ env, initial }: { env: PaneEnv; initial?: AppState }) {
  return (
    <AppProvider env={env} initial={initial ?? initialState()}>
      <LocalisedShell />
    </AppProvider>
  );
}

function LocalisedShell() {
  const { state, env } = useApp();
  const lang = effectiveLang(state.settings, env.officeLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <LangProvider lang={lang}>
      {/*
        The provider fills the pane through an inline style, never a class: Fluent copies the
        provider's classes onto every portal container (dropdown lists, tooltips), and a
        full-height class there paints a white layer over the whole pane.
      */}
      <FluentProvider theme={paneTheme} style={FILL} lang={lang}>
        <Shell />
      </FluentProvider>
    </LangProvider>
  );
}

function useRibbonNavigation() {
  const { dispatch } = useApp();
  useEffect(() => {
    const go = (r: NavRequest) => dispatch(r.run === 'validate' ? { type: 'requestValidation' } : { type: 'navigate', view: r.view });
    const pending = takePendingNavigation();
    if (pending) go(pending);
    return onNavigation(go);
  }, [dispatch]);
}

/** Errors nobody awaited (a rejected promise in an event handler) still reach the user. */
function useStrayErrors(): [unknown, () => void] {
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    const onRejection = (e: PromiseRejectionEvent) => setError(e.reason);
    const onError = (e: ErrorEvent) => {
      // Chromium and Edge WebView2 report a layout notice as an error event; it is not a failure.
      if (/ResizeObserver loop/.test(e.message)) return;
      setError(e.error ?? e.message);
    };
    window.addEventListener('unhandledrejection', onRejection);
    window.addEventListener('error', onError);
    return () => {
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
    };
  }, []);
  return [error, () => setError(undefined)];
}

function Shell() {
  const { state, dispatch, env } = useApp();
  const { t, p, lang } = useText();
  const s = useStyles();
  const [stray, clearStray] = useStrayErrors();
  useRibbonNavigation();
  useEffect(scrollPaneTop, [state.view]);
  const blocked = Object.values(env.capabilities.blocked);
  return (
    <div className={s.shell}>
      <header className={s.header}>
        <img className={s.logo} src="assets/icon-32.png" alt="" />
        <h1 className={s.title}>{t('appTitle')}</h1>
        <LazyTooltip content={t('viewSettings')}>
          <Button
            appearance={state.view === 'settings' ? 'primary' : 'subtle'}
            icon={<Settings20Regular />}
            aria-label={t('viewSettings')}
            aria-pressed={state.view === 'settings'}
            onClick={() => dispatch({ type: 'navigate', view: state.view === 'settings' ? 'library' : 'settings' })}
          />
        </LazyTooltip>
      </header>
      <TabList
        className={s.tabs}
        size="small"
        aria-label={t('navLabel')}
        selectedValue={state.view === 'settings' ? null : state.view}
        onTabSelect={(_, d) => dispatch({ type: 'navigate', view: d.value as ViewId })}
      >
        {TABS.map((tab) => (
          <Tab key={tab.view} value={tab.view} icon={tab.icon} className={s.tab} content={{ className: s.tabLabel }}>
            {t(tab.label)}
          </Tab>
        ))}
      </TabList>
      <main className={s.main} id={PANE_MAIN_ID}>
        {blocked.map((message) => (
          <MessageBar key={message.en} intent="warning" className={s.banner} layout="multiline">
            <MessageBarBody>{p(message)}</MessageBarBody>
          </MessageBar>
        ))}
        {stray !== undefined && (
          <MessageBar intent="error" className={s.banner} layout="multiline">
            <MessageBarBody>{errorMessage(stray, lang)}</MessageBarBody>
            <MessageBarActions
              containerAction={<Button appearance="transparent" aria-label={t('close')} icon={<Dismiss16Regular />} onClick={clearStray} />}
            />
          </MessageBar>
        )}
        <ErrorBoundary resetKey={state.view}>
          {/* A plain line while a view loads: Fluent's spinner would add to the first load for a moment's sight. */}
          <Suspense
            fallback={
              <div className={s.loading} role="status">
                {t('loading')}
              </div>
            }
          >
            <CurrentView view={state.view} />
            <FirstRenderMark />
            <FocusOnArrival key={state.view} />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

/**
 * When the user moves to another view, focus goes to its heading (or, for a view without one, the
 * view's region), so keyboard and screen-reader users land where the new content starts. Not on
 * the pane's first paint: focus stays where Office put it.
 */
let arrivedOnce = false;
function FocusOnArrival() {
  useEffect(() => {
    if (!arrivedOnce) {
      arrivedOnce = true;
      return;
    }
    const main = document.getElementById(PANE_MAIN_ID);
    const heading = main?.querySelector<HTMLElement>('h2');
    const target = heading ?? main;
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }, []);
  return null;
}

/** Marks the first time a view (not only the shell) has rendered: inside the Suspense, after the chunk came. */
function FirstRenderMark() {
  useEffect(() => {
    if (typeof performance !== 'undefined' && performance.getEntriesByName?.(FIRST_RENDER_MARK).length === 0) performance.mark(FIRST_RENDER_MARK);
  }, []);
  return null;
}

function CurrentView({ view }: { view: ViewId }) {
  switch (view) {
    case 'library':
      return <PlanLibrary />;
    case 'insert':
      return <InsertTemplateView />;
    case 'validate':
      return <ValidateView />;
    case 'dashboard':
      return <DashboardView />;
    case 'consolidate':
      return <ConsolidateView />;
    case 'settings':
      return <SettingsView />;
  }
}
