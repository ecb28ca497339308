/**
 * Task pane entry (taskpane.html, the shared runtime page): wait for Office, check what this
 * Excel supports, then render the pane. Until then the page shows a loading text; if Office never
 * becomes ready, a visible error says why — never a blank pane.
 */
import { createRoot } from 'react-dom/client';
import { runtimeRegistry } from '../runtime/registry';
import { App, preloadFirstView } from './app/App';
import { restoreUserPlans } from './app/userPlans';
import { BootFailure } from './app/BootFailure';
import { waitForOffice } from './host/office';
import { APP_VERSION } from './app/version';

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root');
  const root = createRoot(container);
  preloadFirstView(); // fetched while Office starts, so the library is there at first paint
  try {
    const office = await waitForOffice();
    const registry = runtimeRegistry();
    await restoreUserPlans(registry);
    root.render(
      <App
        env={{ excel: office.excel, registry, officeLang: office.lang, capabilities: office.capabilities, hostKind: 'excel', version: APP_VERSION }}
      />,
    );
  } catch (error) {
    root.render(<BootFailure error={error} />);
  }
}

void start();
