/**
 * Choosing sections or single indicators for a template: one checkbox per section (mixed when
 * part of it is chosen) with its indicators inside a collapsible panel.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import type { Plan } from '../../../core/plan/schema';
import { useText } from '../../i18n/text';

const useStyles = makeStyles({
  sectionRow: { display: 'flex', alignItems: 'center', minWidth: 0 },
  header: { flexGrow: 1, minWidth: 0 },
  panel: { display: 'flex', flexDirection: 'column', paddingLeft: tokens.spacingHorizontalL, margin: 0 },
  count: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, marginLeft: tokens.spacingHorizontalXS },
});

interface Props {
  plan: Plan;
  chosen: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}

export function IndicatorPicker({ plan, chosen, onChange }: Props) {
  const { t, p, paren } = useText();
  const s = useStyles();
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange(next);
  };
  return (
    <Accordion multiple collapsible>
      {plan.sections.map((sec) => {
        const ids = sec.indicators.map((i) => i.id);
        const n = ids.filter((id) => chosen.has(id)).length;
        const state = n === 0 ? false : n === ids.length ? true : 'mixed';
        const title = p(sec.title);
        return (
          <AccordionItem key={sec.id} value={sec.id}>
            <div className={s.sectionRow}>
              <Checkbox checked={state} onChange={(_, d) => toggle(ids, d.checked === true)} aria-label={`${title}${paren(t('selectedOf', { n, total: ids.length }))}`} />
              <AccordionHeader size="small" className={s.header}>
                {title}
                <span className={s.count}>
                  {n}/{ids.length}
                </span>
              </AccordionHeader>
            </div>
            <AccordionPanel>
              <div className={s.panel} role="group" aria-label={title}>
                {sec.indicators.map((ind) => (
                  <Checkbox
                    key={ind.id}
                    size="medium"
                    checked={chosen.has(ind.id)}
                    onChange={(_, d) => toggle([ind.id], d.checked === true)}
                    label={`${ind.code ? `${ind.code} ` : ''}${p(ind.name)}`}
                  />
                ))}
              </div>
            </AccordionPanel>
          </AccordionItem>
        );
      })}
    </Accordion>
  );
}
