/**
 * What the pane runs against: the Excel host (Office.js or the preview's fake), the plan registry
 * the entry passed in (the shared runtime's), languages and capabilities. Its own module so the
 * host adapters (host/workbook.ts) and the store can both name it without importing each other.
 */
import type { Lang } from '../../core/i18n/text';
import type { PlanRegistry } from '../../core/plan/registry';
import type { ExcelHost } from '../../excel/port';
import type { PaneCapabilities } from '../host/capabilities';

/** What the pane runs against: Excel itself or the preview's in-memory workbook. */
export interface PaneEnv {
  excel: ExcelHost;
  registry: PlanRegistry;
  officeLang: Lang;
  capabilities: PaneCapabilities;
  /** 'preview' in the browser preview host. */
  hostKind: 'excel' | 'preview';
  version: string;
}
