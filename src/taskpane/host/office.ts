/**
 * The pane's start-up gate on Office: wait for `Office.onReady` (with a timeout and a clear error
 * instead of a blank pane), then describe the host: display language, requirement sets, and the
 * `ExcelHost` the adapters in src/excel run against (`officeHost()`).
 */
import { toLang, type Lang } from '../../core/i18n/text';
import { PaneError } from '../app/errors';
// From the module itself, not the adapter's barrel: the barrel would pull the template renderer
// and the validator into the pane's first paint.
import { officeHost } from '../../excel/host';
import type { ExcelHost } from '../../excel/port';
import { checkCapabilities, type PaneCapabilities } from './capabilities';

export const OFFICE_READY_TIMEOUT_MS = 20_000;

export interface OfficeInfo {
  lang: Lang;
  capabilities: PaneCapabilities;
  excel: ExcelHost;
}

function hasOffice(): boolean {
  return typeof Office !== 'undefined' && typeof Office.onReady === 'function';
}

export async function waitForOffice(timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<OfficeInfo> {
  if (!hasOffice()) {
    throw new PaneError('officeMissing');
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PaneError('officeTimeout', { seconds: Math.round(timeoutMs / 1000) })), timeoutMs);
  });
  try {
    const info = await Promise.race([Office.onReady(), timeout]);
    if (info.host !== Office.HostType.Excel) {
      throw new PaneError('notExcel', { host: String(info.host ?? '—') });
    }
  } finally {
    clearTimeout(timer);
  }
  const isSetSupported = (name: string, version?: string) => Office.context.requirements.isSetSupported(name, version);
  return {
    lang: toLang(Office.context.displayLanguage),
    capabilities: checkCapabilities(isSetSupported),
    excel: officeHost(),
  };
}
