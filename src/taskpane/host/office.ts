/**
 * The pane's start-up gate on Office: wait for `Office.onReady` (with a timeout and a clear error
 * instead of a blank pane), then describe the host: display language, requirement sets, and the
 * `ExcelHost` the adapters in src/excel run against (`officeHost()`).
 */
import { toLang, type Bilingual, type Lang } from '../../core/i18n/text';
import { officeHost, type ExcelHost } from '../../excel';
import { checkCapabilities, type PaneCapabilities } from './capabilities';

export const OFFICE_READY_TIMEOUT_MS = 20_000;

/** A start-up failure with its bilingual explanation. */
export class BootError extends Error {
  constructor(readonly text: Bilingual) {
    super(`${text.zh} / ${text.en}`);
    this.name = 'BootError';
  }
}

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
    throw new BootError({
      zh: '未能加载 Office.js（可能离线或被网络策略阻止）。请检查网络后重新加载面板。',
      en: 'Office.js could not be loaded (offline or blocked by a network policy). Check the connection and reload the pane.',
    });
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const s = Math.round(timeoutMs / 1000);
      reject(
        new BootError({
          zh: `Office 未在 ${s} 秒内就绪。请确认在 Excel 中打开本加载项，然后重新加载面板。`,
          en: `Office did not become ready within ${s} seconds. Open this add-in inside Excel, then reload the pane.`,
        }),
      );
    }, timeoutMs);
  });
  try {
    const info = await Promise.race([Office.onReady(), timeout]);
    if (info.host !== Office.HostType.Excel) {
      const host = String(info.host ?? '—');
      throw new BootError({ zh: `本加载项只能在 Excel 中使用（当前宿主：${host}）。`, en: `This add-in works in Excel only (current host: ${host}).` });
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
