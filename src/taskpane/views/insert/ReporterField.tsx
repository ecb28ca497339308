/**
 * 填报层级: who fills the template (a school, a county, a city). The template then holds what
 * that level reports and is judged on, the same choice as the CLI's `template --for`.
 */
import { Dropdown, Field, Option } from '@fluentui/react-components';
import { REPORTER_LABEL, REPORTERS, planReporter } from '../../../core/plan/reporting';
import type { Plan, Reporter } from '../../../core/plan/schema';
import { useText } from '../../i18n/text';

export function ReporterField({ plan, value, onChange, className }: { plan: Plan; value: Reporter | ''; onChange: (r: Reporter | '') => void; className?: string }) {
  const { t, p } = useText();
  const own = planReporter(plan);
  // The plan's own level and every level below it.
  const choices = REPORTERS.slice(0, REPORTERS.indexOf(own) + 1);
  const text = (r: Reporter | '') => (r === '' ? t('reporterWhole') : p(REPORTER_LABEL[r]));
  return (
    <Field label={t('reporter')} hint={t('reporterHint')} className={className}>
      <Dropdown value={text(value)} selectedOptions={[value]} onOptionSelect={(_, d) => onChange((d.optionValue ?? '') as Reporter | '')}>
        <Option value="">{t('reporterWhole')}</Option>
        {choices.map((r) => (
          <Option key={r} value={r}>
            {p(REPORTER_LABEL[r])}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
