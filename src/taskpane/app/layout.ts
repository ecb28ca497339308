/** Layout classes shared by the views: a padded column, section headings, quiet secondary text. */
import { makeStyles, tokens } from '@fluentui/react-components';

/** The pane's scrolling area (App.tsx). */
export const PANE_MAIN_ID = 'pane-main';

/** A new page of content starts at its top, not where the previous one was scrolled to. */
export function scrollPaneTop(): void {
  document.getElementById(PANE_MAIN_ID)?.scrollTo?.({ top: 0 });
}

/** Brings a message the user must see (a result, a confirmation) into view. */
export function reveal(el: HTMLElement | null): void {
  el?.scrollIntoView?.({ block: 'nearest' });
}

export const useLayout = makeStyles({
  view: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXL}`,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase300,
  },
  secondary: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  breakable: { overflowWrap: 'anywhere', wordBreak: 'break-word' },
  /** Read by screen readers, not shown. */
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});
