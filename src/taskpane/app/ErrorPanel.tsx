/** An error as the pane shows it: what happened, that the workbook is safe, a retry, and details. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useText } from '../i18n/text';
import { errorDetails, errorMessage } from './errors';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM },
  details: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  pre: { whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: '160px', overflow: 'auto', margin: 0 },
});

export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useText();
  const s = useStyles();
  return (
    <div className={s.root} role="alert">
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t('errorTitle')}</MessageBarTitle>
          {errorMessage(error, lang)}
        </MessageBarBody>
        {onRetry && (
          <MessageBarActions>
            <Button size="small" onClick={onRetry}>
              {t('retry')}
            </Button>
          </MessageBarActions>
        )}
      </MessageBar>
      <div className={s.details}>{t('errorHint')}</div>
      <details className={s.details}>
        <summary>{t('errorDetails')}</summary>
        <pre className={s.pre}>{errorDetails(error)}</pre>
      </details>
    </div>
  );
}
