/** What the pane shows when it cannot start (no Office, not Excel, timeout): the reason, in both languages. */
import { FluentProvider } from '@fluentui/react-components';
import { toLang } from '../../core/i18n/text';
import { LangProvider } from '../i18n/text';
import { ErrorPanel } from './ErrorPanel';
import { paneTheme } from './theme';

export function BootFailure({ error }: { error: unknown }) {
  // Office's display language is unknown before Office is ready: the browser's is the best guess.
  const lang = toLang(typeof navigator === 'undefined' ? undefined : navigator.language);
  return (
    <LangProvider lang={lang}>
      <FluentProvider theme={paneTheme} lang={lang}>
        <ErrorPanel error={error} onRetry={() => window.location.reload()} />
      </FluentProvider>
    </LangProvider>
  );
}
