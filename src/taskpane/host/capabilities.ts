/**
 * What the pane can offer on the running Excel. The feature → ExcelApi table and its messages live
 * in src/excel/requirements.ts (one table, so the start-up check and the renderer never disagree);
 * here only which pane actions need which of those features. A missing one turns the action off
 * with the adapter's message naming the Excel version it needs.
 */
import type { Bilingual } from '../../core/i18n/text';
import { Capabilities, requirementMessage, type Degradation, type Feature, type IsSetSupported } from '../../excel/requirements';

/** `update`: updating a template in place (the dialog offers it only where Excel can keep the user's references). */
export type PaneAction = 'insert' | 'validate' | 'update';

/** The adapter feature each pane action cannot do without (the rest degrade inside the adapter). */
const NEEDS: Record<PaneAction, Feature> = { insert: 'insertTemplate', validate: 'readTemplate', update: 'updateInPlace' };

export interface PaneCapabilities {
  can: Record<PaneAction, boolean>;
  /** Why an action is off, per action. */
  blocked: Partial<Record<PaneAction, Bilingual>>;
  /** Everything this Excel lacks (templates then go without e.g. frozen panes), for Settings. */
  degraded: Degradation[];
}

export function checkCapabilities(isSetSupported: IsSetSupported): PaneCapabilities {
  const caps = new Capabilities(isSetSupported);
  const can = { insert: caps.has(NEEDS.insert), validate: caps.has(NEEDS.validate), update: caps.has(NEEDS.update) };
  const blocked: PaneCapabilities['blocked'] = {};
  for (const a of Object.keys(NEEDS) as PaneAction[]) if (!can[a]) blocked[a] = requirementMessage(NEEDS[a]);
  return { can, blocked, degraded: caps.missing() };
}

/** Everything available (tests, and hosts that answer every requirement set). */
export const ALL_CAPABILITIES: PaneCapabilities = { can: { insert: true, validate: true, update: true }, blocked: {}, degraded: [] };
