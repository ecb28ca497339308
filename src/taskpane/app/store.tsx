/**
 * The pane's state: which view is open, the plan being worked on, settings, and the last
 * validation (shared by 校验 and 进度). One reducer; views read it through `useApp()`.
 * Everything about the workbook itself is read from the workbook on demand, never mirrored here.
 */
import { createContext, useCallback, useContext, useMemo, useReducer, type ReactNode } from 'react';
import type { ValidationRun } from '../host/workbook';
import type { PaneEnv } from './env';
import type { ViewId } from './nav';
import { saveSettings, type Settings } from './settings';

export type { PaneEnv };

export interface AppState {
  view: ViewId;
  planId: string | undefined;
  /** Bumped when the registry changes (a plan imported), so lists re-read it. */
  plansVersion: number;
  settings: Settings;
  validation: ValidationRun | undefined;
  /** Bumped when someone (the ribbon) asks for a validation run. */
  validateRequest: number;
}

export type AppAction =
  | { type: 'navigate'; view: ViewId; planId?: string }
  | { type: 'plansChanged'; planId?: string }
  | { type: 'settings'; settings: Settings }
  | { type: 'validated'; run: ValidationRun | undefined }
  | { type: 'requestValidation' };

export function reduce(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'navigate':
      return { ...state, view: action.view, planId: action.planId ?? state.planId };
    case 'plansChanged':
      return { ...state, plansVersion: state.plansVersion + 1, planId: action.planId ?? state.planId };
    case 'settings':
      return { ...state, settings: action.settings };
    case 'validated':
      return { ...state, validation: action.run };
    case 'requestValidation':
      return { ...state, view: 'validate', validateRequest: state.validateRequest + 1 };
  }
}

interface AppContextValue {
  state: AppState;
  dispatch: (action: AppAction) => void;
  env: PaneEnv;
}

const AppContext = createContext<AppContextValue | undefined>(undefined);

export function AppProvider({ env, initial, children }: { env: PaneEnv; initial: AppState; children: ReactNode }) {
  const [state, rawDispatch] = useReducer(reduce, initial);
  // Stable across renders, so effects that depend on it (the ribbon listener) subscribe once.
  const dispatch = useCallback((action: AppAction) => {
    if (action.type === 'settings') saveSettings(action.settings);
    rawDispatch(action);
  }, []);
  const value = useMemo<AppContextValue>(() => ({ state, env, dispatch }), [state, env, dispatch]);
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside AppProvider');
  return v;
}
