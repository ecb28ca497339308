/**
 * The dashboard's charts, drawn in HTML so they reflow at 320 px and read as text to a screen
 * reader: per section, each indicator's achievement against its target (100 %) with a tick where
 * the straight path says it should be this year; for a unit table, how many units are in each
 * status per indicator.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronRight16Regular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import { STATUS_LABEL, type Status } from '../../../core/evaluate/status';
import { withUnit } from '../../../core/i18n/units';
import { enumerate } from '../../../core/i18n/text';
import type { IssueSeverity } from '../../../core/validate/issues';
import { issueCountPhrases } from '../../../core/validate/summary-text';
import { useLayout } from '../../app/layout';
import { counted } from '../../i18n/strings';
import { useText, type TextApi } from '../../i18n/text';
import type { IndicatorProgress, SectionProgress } from './model';
import { word } from './words';

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
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: '2px',
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  legendItem: { display: 'inline-flex', alignItems: 'center', gap: '4px', whiteSpace: 'nowrap' },
  swatch: { display: 'inline-block', width: '10px', height: '10px', borderRadius: '2px', flexShrink: 0 },
  /** The target line and the expected tick as the bars draw them, in small. */
  swatchLine: { display: 'inline-block', width: 0, height: '12px', borderLeft: `2px solid ${tokens.colorNeutralForeground1}` },
  swatchTick: { display: 'inline-block', width: 0, height: '12px', borderLeft: `2px dashed ${tokens.colorBrandForeground1}` },
  empty: { border: `1px dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium },
  emptyHead: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    width: '100%',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    background: 'none',
    color: tokens.colorNeutralForeground2,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  emptyList: { margin: 0, padding: `0 ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXS} 26px`, fontSize: tokens.fontSizeBase200 },
  phrase: { whiteSpace: 'nowrap' },
  /** Chinese lines break between phrases, not inside a word; a long run still wraps. */
  keepAll: { wordBreak: 'keep-all', overflowWrap: 'anywhere' },
  behind: { color: tokens.colorPaletteRedForeground1 },
  flag: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteDarkOrangeForeground1 },
});

/** "2 个错误、1 条说明" — the non-zero counts of validation issues (the validation summary's phrases), or '' when there are none. */
export function issueList(counts: Record<IssueSeverity, number>, { lang }: TextApi): string {
  return enumerate(issueCountPhrases(counts, lang), lang);
}

function percent(n: number | null): string {
  return n === null ? '—' : `${n.toFixed(1)}%`;
}

function valueText(r: IndicatorProgress, lang: TextApi['lang']): string {
  if (r.value === null) return '—';
  return withUnit(r.value, r.indicator.unit, lang);
}

const SWATCHES: Status[] = ['met', 'near', 'unmet', 'noData', 'unknownTarget'];

/**
 * What every mark of a chart means: the status colours, and — for the achievement bars — the
 * target line, the expected tick, ★ for a binding (约束性) target and ⚠ for data to check.
 */
function Legend({ statuses, marks }: { statuses: ReadonlySet<Status>; marks: Array<'target' | 'tick' | 'binding' | 'flag'> }) {
  const { t, p, lang } = useText();
  const s = useStyles();
  const st = useStatusStyles();
  const item = (key: string, mark: ReactNode, text: string) => (
    <li key={key} className={s.legendItem}>
      {mark}
      <span>{text}</span>
    </li>
  );
  return (
    <ul className={s.legend} aria-label={word('legend', lang)} data-testid="chart-legend">
      {SWATCHES.filter((status) => statuses.has(status)).map((status) => item(status, <span className={mergeClasses(s.swatch, st[status])} aria-hidden />, p(STATUS_LABEL[status])))}
      {marks.includes('target') && item('target', <span className={s.swatchLine} aria-hidden />, word('legendTarget', lang))}
      {marks.includes('tick') && item('tick', <span className={s.swatchTick} aria-hidden />, t('expectedTick'))}
      {marks.includes('binding') && item('binding', <span aria-hidden>★</span>, t('binding'))}
      {marks.includes('flag') && item('flag', <span className={s.flag} aria-hidden>⚠</span>, word('legendFlag', lang))}
    </ul>
  );
}

/** Indicators with nothing to draw, in one line that opens onto their names (not a column of empty bars). */
function EmptyLine({ label, names }: { label: string; names: Array<{ key: string; name: string; binding: boolean; flag?: string }> }) {
  const s = useStyles();
  const l = useLayout();
  const { lang } = useText();
  const [open, setOpen] = useState(false);
  return (
    <li className={s.empty} data-testid="empty-indicators">
      <button type="button" className={mergeClasses(s.emptyHead, lang !== 'en' && s.keepAll)} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
        <span>{label}</span>
      </button>
      {open && (
        <ul className={s.emptyList}>
          {names.map((n) => (
            <li key={n.key} className={l.breakable}>
              {n.binding && '★ '}
              {n.name}
              {n.flag && <span className={s.flag}> ⚠ {n.flag}</span>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** One unit: achievement per indicator, with the on-track tick; indicators without a value in one line. */
export function AchievementChart({ section }: { section: SectionProgress }) {
  const api = useText();
  const { t, p, lang } = api;
  const s = useStyles();
  const st = useStatusStyles();
  const l = useLayout();
  const title = t('chartCaption', { section: p(section.section.title) });
  const drawn = section.rows.filter((r) => r.value !== null);
  const empty = section.rows.filter((r) => r.value === null);
  return (
    <figure className={s.figure} aria-label={title}>
      <figcaption className={mergeClasses(s.caption, lang !== 'en' && s.keepAll)}>{title}</figcaption>
      <Legend
        statuses={new Set(drawn.map((r) => r.status))}
        marks={[
          'target',
          ...(drawn.some((r) => r.expectedAchievement !== null && r.expectedAchievement < 100) ? (['tick'] as const) : []),
          ...(section.rows.some((r) => r.binding) ? (['binding'] as const) : []),
          ...(section.rows.some((r) => issueList(r.dataIssues, api)) ? (['flag'] as const) : []),
        ]}
      />
      <ul className={l.list}>
        {drawn.map((r) => {
          const width = Math.max(0, Math.min(100, r.achievement ?? 0));
          // Every number says what it is: the value, the target and the achievement are never two bare percentages side by side.
          const parts = [`${t('actual')} ${valueText(r, lang)}`, `${t('target')} ${p(r.evaluation.targetText)}`, `${t('achievement')} ${percent(r.achievement)}`, p(STATUS_LABEL[r.status])];
          const summary = api.colon(p(r.indicator.name), api.join(parts));
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
                {/* Wrapped between the labelled numbers, never inside one ("达成度 / 100.0%"). */}
                {parts.map((part, i) => (
                  <span key={i}>
                    {i > 0 && ' · '}
                    <span className={s.phrase}>{part}</span>
                  </span>
                ))}
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
        {empty.length > 0 && (
          <EmptyLine
            label={word('emptyRows', lang, counted(empty.length))}
            names={empty.map((r) => ({
              key: `${r.unitIndex}:${r.indicator.id}`,
              name: p(r.indicator.name),
              binding: r.binding,
              flag: issueList(r.dataIssues, api) ? t('dataFlag', { list: issueList(r.dataIssues, api) }) : undefined,
            }))}
          />
        )}
      </ul>
    </figure>
  );
}

const ORDER: Status[] = ['met', 'near', 'unmet', 'noData', 'unknownTarget'];

/** Many units: per indicator, how many units are in each status. */
export function StatusStackChart({ section }: { section: SectionProgress }) {
  const api = useText();
  const { t, p, lang } = api;
  const s = useStyles();
  const st = useStatusStyles();
  const l = useLayout();
  const byIndicator = new Map<string, IndicatorProgress[]>();
  for (const r of section.rows) byIndicator.set(r.indicator.id, [...(byIndicator.get(r.indicator.id) ?? []), r]);
  const title = t('chartCaptionUnits', { section: p(section.section.title) });
  const groups = [...byIndicator.values()];
  // An indicator with no value in any unit is one empty bar per indicator: they go in one line.
  const empty = groups.filter((rows) => rows.every((r) => r.value === null));
  const drawn = groups.filter((rows) => !rows.every((r) => r.value === null));
  return (
    <figure className={s.figure} aria-label={title}>
      <figcaption className={mergeClasses(s.caption, lang !== 'en' && s.keepAll)}>{title}</figcaption>
      <Legend statuses={new Set(drawn.flat().map((r) => r.status))} marks={section.rows.some((r) => r.binding) ? ['binding'] : []} />
      <ul className={l.list}>
        {drawn.map((rows) => {
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
        {empty.length > 0 && (
          <EmptyLine
            label={word('emptyStacks', lang, counted(empty.length))}
            names={empty.map((rows) => ({ key: rows[0].indicator.id, name: p(rows[0].indicator.name), binding: rows[0].binding }))}
          />
        )}
      </ul>
    </figure>
  );
}
