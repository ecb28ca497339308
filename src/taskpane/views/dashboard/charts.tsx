/**
 * The dashboard's charts, drawn in HTML so they reflow at 320 px and read as text to a screen
 * reader: per section, each indicator's achievement against its target (100 %) with a tick where
 * the straight path says it should be this year; for a unit table, how many units are in each
 * status per indicator.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { STATUS_LABEL, type Status } from '../../../core/evaluate/status';
import type { IssueSeverity } from '../../../core/validate/issues';
import { useLayout } from '../../app/layout';
import { counted } from '../../i18n/strings';
import { useText, type TextApi } from '../../i18n/text';
import type { IndicatorProgress, SectionProgress } from './model';

export const useStatusStyles = makeStyles({
  met: { backgroundColor: tokens.colorPaletteGreenBackground3, color: tokens.colorNeutralForegroundOnBrand },
  near: { backgroundColor: tokens.colorPaletteMarigoldBackground3, color: tokens.colorNeutralForeground1 },
  unmet: { backgroundColor: tokens.colorPaletteRedBackground3, color: tokens.colorNeutralForegroundOnBrand },
  noData: { backgroundColor: tokens.colorNeutralBackground5, color: tokens.colorNeutralForeground1 },
  unknownTarget: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground2 },
});

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  caption: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase300 },
  item: { display: 'flex', flexDirection: 'column', gap: '2px' },
  name: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  track: {
    position: 'relative',
    height: '14px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    overflow: 'visible',
  },
  bar: { position: 'absolute', left: 0, top: 0, bottom: 0, borderRadius: tokens.borderRadiusSmall },
  /** The target (100 %) line at the right end of the track. */
  target: { position: 'absolute', right: 0, top: '-3px', bottom: '-3px', width: '2px', backgroundColor: tokens.colorNeutralForeground1 },
  expected: { position: 'absolute', top: '-3px', bottom: '-3px', width: '0', borderLeft: `2px dashed ${tokens.colorBrandForeground1}` },
  stack: { display: 'flex', height: '14px', borderRadius: tokens.borderRadiusSmall, overflow: 'hidden' },
  legend: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase100 },
  swatch: { display: 'inline-block', width: '10px', height: '10px', marginRight: '3px', borderRadius: '2px', verticalAlign: 'middle' },
  behind: { color: tokens.colorPaletteRedForeground1 },
  flag: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteDarkOrangeForeground1 },
});

/** "2 个错误、1 条说明" — the non-zero counts of validation issues, or '' when there are none. */
export function issueList(counts: Record<IssueSeverity, number>, { t, lang }: TextApi): string {
  const parts = [
    counts.error > 0 ? t('nErrors', counted(counts.error)) : '',
    counts.warning > 0 ? t('nWarnings', counted(counts.warning)) : '',
    counts.info > 0 ? t('nNotes', counted(counts.info)) : '',
  ].filter(Boolean);
  return parts.join(lang === 'en' ? ', ' : '、');
}

function percent(n: number | null): string {
  return n === null ? '—' : `${n.toFixed(1)}%`;
}

function valueText(r: IndicatorProgress): string {
  if (r.value === null) return '—';
  return `${r.value}${r.indicator.unit === '%' ? '%' : r.indicator.unit ? ` ${r.indicator.unit}` : ''}`;
}

/** One unit: achievement per indicator, with the on-track tick. */
export function AchievementChart({ section }: { section: SectionProgress }) {
  const api = useText();
  const { t, p } = api;
  const s = useStyles();
  const st = useStatusStyles();
  const l = useLayout();
  const title = t('chartCaption', { section: p(section.section.title) });
  return (
    <figure className={s.figure} aria-label={title}>
      <figcaption className={s.caption}>{title}</figcaption>
      <ul className={l.list}>
        {section.rows.map((r) => {
          const width = Math.max(0, Math.min(100, r.achievement ?? 0));
          const summary = api.colon(p(r.indicator.name), api.join([`${t('actual')} ${valueText(r)}`, `${t('target')} ${p(r.evaluation.targetText)}`, `${t('achievement')} ${percent(r.achievement)}`, p(STATUS_LABEL[r.status])]));
          return (
            <li key={`${r.unitIndex}:${r.indicator.id}`} className={s.item} aria-label={summary}>
              <span className={mergeClasses(s.name, l.breakable)}>
                {r.binding && '★ '}
                {p(r.indicator.name)}
              </span>
              <div className={s.track} aria-hidden>
                <div className={mergeClasses(s.bar, st[r.status])} style={{ width: `${width}%` }} />
                {r.expectedAchievement !== null && r.expectedAchievement < 100 && (
                  <div className={s.expected} style={{ left: `${Math.max(0, r.expectedAchievement)}%` }} />
                )}
                <div className={s.target} />
              </div>
              <span className={l.secondary}>
                {valueText(r)} / {p(r.evaluation.targetText)} · {percent(r.achievement)} · {p(STATUS_LABEL[r.status])}
                {r.onTrack === false && r.status !== 'met' && (
                  <span className={s.behind}>
                    {' '}
                    · {t('offTrack')}
                    {r.evaluation.onTrack ? api.paren(t('expectedByYear', { year: r.evaluation.onTrack.year, value: r.evaluation.onTrack.expected })) : ''}
                  </span>
                )}
                {r.onTrack === true && r.status !== 'met' && ` · ${t('onTrack')}`}
              </span>
              {issueList(r.dataIssues, api) && (
                <span className={s.flag} data-testid="data-flag">
                  ⚠ {t('dataFlag', { list: issueList(r.dataIssues, api) })}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <div className={s.legend} aria-hidden>
        <span>
          <span className={s.swatch} style={{ borderLeft: `2px dashed ${tokens.colorBrandForeground1}` }} />
          {t('expectedTick')}
        </span>
        <span>★ {t('binding')}</span>
      </div>
    </figure>
  );
}

const ORDER: Status[] = ['met', 'near', 'unmet', 'noData', 'unknownTarget'];

/** Many units: per indicator, how many units are in each status. */
export function StatusStackChart({ section }: { section: SectionProgress }) {
  const api = useText();
  const { t, p } = api;
  const s = useStyles();
  const st = useStatusStyles();
  const l = useLayout();
  const byIndicator = new Map<string, IndicatorProgress[]>();
  for (const r of section.rows) byIndicator.set(r.indicator.id, [...(byIndicator.get(r.indicator.id) ?? []), r]);
  const title = t('chartCaptionUnits', { section: p(section.section.title) });
  return (
    <figure className={s.figure} aria-label={title}>
      <figcaption className={s.caption}>{title}</figcaption>
      <ul className={l.list}>
        {[...byIndicator.values()].map((rows) => {
          const ind = rows[0].indicator;
          const counts = ORDER.map((status) => ({ status, n: rows.filter((r) => r.status === status).length })).filter((x) => x.n > 0);
          const text = api.join(counts.map((c) => `${p(STATUS_LABEL[c.status])} ${c.n}`));
          return (
            <li key={ind.id} className={s.item} aria-label={api.colon(p(ind.name), text)}>
              <span className={mergeClasses(s.name, l.breakable)}>
                {rows[0].binding && '★ '}
                {p(ind.name)}
              </span>
              <div className={s.stack} aria-hidden>
                {counts.map((c) => (
                  <div key={c.status} className={st[c.status]} style={{ flexGrow: c.n }} />
                ))}
              </div>
              <span className={l.secondary}>{text}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
