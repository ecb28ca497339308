/**
 * Preview entry (dist/preview.html): the real task pane on the fake Excel, in a plain browser.
 * No Office.js is loaded. Query parameters simulate the host: `?lang=en` an English Office,
 * `?api=1.4` an older Excel (features needing a newer ExcelApi are then turned off).
 */
import { createRoot } from 'react-dom/client';
import { toLang } from '../../core/i18n/text';
import { a1 } from '../../core/workbook/address';
import { runtimeRegistry } from '../../runtime/registry';
import type { ExcelHost } from '../../excel/port';
import { createFakeExcel, registerExternalFunctions } from '../../excel/fake';
import { functionsByName } from '../../functions/table';
import { preloadFirstView } from '../app/App';
import { BootFailure } from '../app/BootFailure';
import { restoreUserPlans } from '../app/userPlans';
import { APP_VERSION } from '../app/version';
import { checkCapabilities } from '../host/capabilities';
import { PreviewApp } from './PreviewApp';

/** A short list of schools on Sheet1, so 读取所选区域 can be tried at once. */
const SAMPLE_UNITS = ['学校名称', '阳江市第一小学', '阳江市第二小学', '江城区实验学校', '阳东区第三中学'];

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('preview.html has no #root');
  const root = createRoot(container);
  preloadFirstView();
  try {
    const params = new URLSearchParams(window.location.search);
    // Formulas typed into the preview grid call EDU.* (and EDU.目标值 …) through Excel's own implementations.
    registerExternalFunctions(functionsByName());
    const fake = createFakeExcel({ apiVersion: params.get('api') ?? undefined, sheets: ['Sheet1'] });
    SAMPLE_UNITS.forEach((name, i) => fake.typeInto('Sheet1', a1(i + 1, 1), name));
    const listeners = new Set<() => void>();
    const excel: ExcelHost = {
      run: async (batch) => {
        try {
          return await fake.host.run(batch);
        } finally {
          for (const l of [...listeners]) l();
        }
      },
      isSetSupported: (name, version) => fake.host.isSetSupported(name, version),
    };
    const registry = runtimeRegistry();
    await restoreUserPlans(registry);
    root.render(
      <PreviewApp
        fake={fake}
        onBatch={(l) => {
          listeners.add(l);
          return () => listeners.delete(l);
        }}
        env={{
          excel,
          registry,
          // The preview plays a Chinese Office unless asked otherwise (Chinese is the default everywhere).
          officeLang: toLang(params.get('lang') ?? 'zh-CN'),
          capabilities: checkCapabilities(excel.isSetSupported),
          hostKind: 'preview',
          version: APP_VERSION,
        }}
      />,
    );
  } catch (error) {
    root.render(<BootFailure error={error} />);
  }
}

void start();
