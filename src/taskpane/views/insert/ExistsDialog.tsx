/**
 * 工作簿中已有此计划的模板: update it in place (every typed value carried; not offered when a
 * value would have no place, which the dialog names) or add a copy beside it. A Fluent v9 Dialog:
 * modal, focus trapped, Escape and 取消 close it without doing anything.
 */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, tokens } from '@fluentui/react-components';
import { pick } from '../../../core/i18n/text';
import { describeLeft, type LeftValue } from '../../../core/template/migrate';
import type { ExistingTemplate } from '../../host/workbook';
import type { Params } from '../../i18n/strings';
import { useText } from '../../i18n/text';
import type { InsertStringKey } from './strings';

const useStyles = makeStyles({
  surface: { maxWidth: 'calc(100vw - 24px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, wordBreak: 'keep-all', overflowWrap: 'anywhere' },
  blocked: { color: tokens.colorPaletteRedForeground1 },
  actions: { flexWrap: 'wrap' },
});

export interface ExistsQuestionView {
  count: number;
  target: ExistingTemplate;
  carried: number;
  left: LeftValue[];
  copySheets: string[];
  /** Why this Excel cannot update in place (too old), when it cannot. */
  cannotUpdate?: string;
}

export function ExistsDialog(props: {
  question: ExistsQuestionView;
  ti: (key: InsertStringKey, params?: Params) => string;
  listJoin: (xs: readonly string[]) => string;
  onUpdate: () => void;
  onCopy: () => void;
  onClose: () => void;
}) {
  const { question: q, ti, listJoin, onUpdate, onCopy, onClose } = props;
  const { lang } = useText();
  const s = useStyles();
  const blocked = q.left.length > 0 || q.cannotUpdate !== undefined;
  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className={s.surface}>
        <DialogBody>
          <DialogTitle>{ti('existsTitle')}</DialogTitle>
          <DialogContent className={s.content}>
            <span>{ti('existsBody', { sheets: listJoin(q.target.sheets), units: q.target.units, values: q.target.values.length })}</span>
            {q.count > 1 && <span>{ti('existsMany', { n: q.count })}</span>}
            {q.cannotUpdate !== undefined ? (
              <span className={s.blocked}>{q.cannotUpdate}</span>
            ) : blocked ? (
              <span className={s.blocked}>{ti('updateBlocked', { n: q.left.length, list: pick(describeLeft(q.left, 3), lang) })}</span>
            ) : (
              <span>{ti('updateKeeps', { values: q.carried })}</span>
            )}
            <span>{ti('copyMakes', { sheets: listJoin(q.copySheets) })}</span>
          </DialogContent>
          <DialogActions className={s.actions}>
            <Button appearance="primary" disabled={blocked} onClick={onUpdate}>
              {ti('updateButton')}
            </Button>
            <Button onClick={onCopy}>{ti('copyButton')}</Button>
            <Button appearance="subtle" onClick={onClose}>
              {ti('cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
