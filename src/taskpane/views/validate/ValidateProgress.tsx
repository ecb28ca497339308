/**
 * A validation run's progress in the pane's terms (units checked, then cells marked), with 取消.
 * The bar is determinate: reading is the first quarter, checking the units the second, marking
 * the cells the third, the review sheet the last.
 */
import { Button, Field, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import type { Bilingual } from '../../../core/i18n/text';
import type { ValidateProgress } from '../../host/workbook';
import { fill } from '../../i18n/strings';
import { useText } from '../../i18n/text';

const TEXT: Record<ValidateProgress['step'] | 'cancel', Bilingual> = {
  read: { zh: '正在读取工作簿…', en: 'Reading the workbook…' },
  check: { zh: '正在检查 {total} 个单位…', en: 'Checking {total} units…' },
  mark: { zh: '正在标记 {total} 个单元格…', en: 'Marking {total} cells…' },
  review: { zh: '正在写入审核结果表…', en: 'Writing the review sheet…' },
  cancel: { zh: '取消', en: 'Cancel' },
};

const STEPS: ValidateProgress['step'][] = ['read', 'check', 'mark', 'review'];

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: 0 },
});

export function ValidateProgressBar({ progress, onCancel }: { progress: ValidateProgress | undefined; onCancel: () => void }) {
  const { p, lang } = useText();
  const s = useStyles();
  const step = progress?.step ?? 'read';
  const within = progress && progress.total > 0 ? progress.done / progress.total : 0;
  const value = (STEPS.indexOf(step) + within) / STEPS.length;
  return (
    <div className={s.row}>
      <Field className={s.grow} validationState="none" validationMessage={fill(p(TEXT[step]), { total: (progress?.total ?? 0).toLocaleString(lang) })}>
        <ProgressBar value={value} max={1} aria-label={p(TEXT[step])} />
      </Field>
      <Button size="small" onClick={onCancel}>
        {p(TEXT.cancel)}
      </Button>
    </div>
  );
}
