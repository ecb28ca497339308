/**
 * 设置: language (follows Office by default), the "close" (接近) band, the sheet-protection password,
 * and what this Excel supports. Loaded on demand.
 */
import { Divider, Field, Input, Radio, RadioGroup, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Tolerance } from '../../../core/plan/schema';
import { useLayout } from '../../app/layout';
import type { Settings } from '../../app/settings';
import { useApp } from '../../app/store';
import { useText } from '../../i18n/text';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

/** Text of a band field: '' when unset; relative bands are shown in percent. */
function bandText(t: Tolerance | null, key: keyof Tolerance): string {
  const v = t?.[key];
  if (v === undefined) return '';
  return String(key === 'relative' ? Math.round(v * 10000) / 100 : v);
}

/** Parses the two band fields; undefined when a field is not a number ≥ 0 (relative ≤ 100 %). */
export function parseBand(absolute: string, relative: string): Tolerance | null | undefined {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim().replace(/[％%]$/, '')));
  const a = num(absolute);
  const r = num(relative);
  if ((a !== undefined && !(a >= 0)) || (r !== undefined && !(r >= 0 && r <= 100))) return undefined;
  if (a === undefined && r === undefined) return null;
  return { absolute: a, relative: r === undefined ? undefined : r / 100 };
}

export default function SettingsView() {
  const { env, state, dispatch } = useApp();
  const { t, p } = useText();
  const l = useLayout();
  const s = useStyles();
  const settings = state.settings;
  const update = (patch: Partial<Settings>) => dispatch({ type: 'settings', settings: { ...settings, ...patch } });
  const [absolute, setAbsolute] = useState(bandText(settings.tolerance, 'absolute'));
  const [relative, setRelative] = useState(bandText(settings.tolerance, 'relative'));
  const band = parseBand(absolute, relative);
  const commitBand = () => {
    if (band !== undefined) update({ tolerance: band });
  };
  const officeName = env.officeLang === 'en' ? t('langEn') : t('langZh');

  return (
    <div className={l.view}>
      <h2 className={l.heading}>{t('viewSettings')}</h2>
      <Field label={t('language')}>
        <RadioGroup value={settings.lang} onChange={(_, d) => update({ lang: d.value as Settings['lang'] })}>
          <Radio value="office" label={t('langFollowOffice', { current: officeName })} />
          <Radio value="zh-CN" label="中文" />
          <Radio value="en" label="English" />
        </RadioGroup>
      </Field>
      <Divider />
      <Field label={t('tolerance')} hint={t('toleranceHint')} validationState={band === undefined ? 'error' : 'none'} validationMessage={band === undefined ? t('toleranceInvalid') : undefined}>
        <div className={l.row}>
          <Field label={t('toleranceAbsolute')} className={l.grow}>
            <Input value={absolute} inputMode="decimal" onChange={(_, d) => setAbsolute(d.value)} onBlur={commitBand} />
          </Field>
          <Field label={t('toleranceRelative')} className={l.grow}>
            <Input value={relative} inputMode="decimal" contentAfter="%" onChange={(_, d) => setRelative(d.value)} onBlur={commitBand} />
          </Field>
        </div>
      </Field>
      <Divider />
      <Field label={t('protection')} hint={t('protectionHint')}>
        <Switch checked={settings.usePassword} onChange={(_, d) => update({ usePassword: d.checked })} label={t('usePassword')} />
      </Field>
      {settings.usePassword && (
        <Field label={t('password')}>
          <Input type="password" value={settings.password} autoComplete="new-password" onChange={(_, d) => update({ password: d.value })} />
        </Field>
      )}
      <Divider />
      <h2 className={l.heading}>{t('about')}</h2>
      <div className={l.secondary}>
        {t('appTitle')} · {t('version', { v: env.version })}
      </div>
      <Field label={t('requirementSets')}>
        {env.capabilities.degraded.length === 0 ? (
          <span className={l.secondary}>{t('allFeatures')}</span>
        ) : (
          <ul className={s.list}>
            {env.capabilities.degraded.map((d) => (
              <li key={d.feature}>{p(d.message)}</li>
            ))}
          </ul>
        )}
      </Field>
    </div>
  );
}
