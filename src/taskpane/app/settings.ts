/**
 * The pane's settings and where they live. Language and the "close" band are remembered in
 * localStorage; the protection password never is (kept for the session only, so it cannot leak
 * from the browser profile).
 */
import type { Lang } from '../../core/i18n/text';
import type { Tolerance } from '../../core/plan/schema';

export interface Settings {
  /** 'office' follows Office's display language. */
  lang: 'office' | Lang;
  /** Overrides every plan's 接近 band when set. */
  tolerance: Tolerance | null;
  usePassword: boolean;
  password: string;
}

export const DEFAULT_SETTINGS: Settings = { lang: 'office', tolerance: null, usePassword: false, password: '' };

const KEY = 'edu-indicators.settings.v1';

type Stored = Pick<Settings, 'lang' | 'tolerance'>;

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Some webviews throw on access to localStorage when storage is disabled by policy.
    return undefined;
  }
}

function validTolerance(t: unknown): Tolerance | null {
  if (!t || typeof t !== 'object') return null;
  const { absolute, relative } = t as Tolerance;
  const ok = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
  if (!ok(absolute) || !ok(relative) || (absolute === undefined && relative === undefined)) return null;
  if (relative !== undefined && relative > 1) return null;
  return { absolute, relative };
}

export function loadSettings(): Settings {
  const raw = storage()?.getItem(KEY);
  if (!raw) return DEFAULT_SETTINGS;
  try {
    const v = JSON.parse(raw) as Partial<Stored>;
    const lang = v.lang === 'zh-CN' || v.lang === 'en' || v.lang === 'office' ? v.lang : 'office';
    return { ...DEFAULT_SETTINGS, lang, tolerance: validTolerance(v.tolerance) };
  } catch {
    return DEFAULT_SETTINGS; // a corrupt entry is replaced on the next save
  }
}

export function saveSettings(s: Settings): void {
  const stored: Stored = { lang: s.lang, tolerance: s.tolerance };
  try {
    storage()?.setItem(KEY, JSON.stringify(stored));
  } catch {
    // Quota or policy: settings then last for the session only, which is acceptable.
  }
}

/** The password templates are protected with and marks unprotect with; undefined = none. */
export function protectionPassword(s: Settings): string | undefined {
  return s.usePassword && s.password ? s.password : undefined;
}

export function effectiveLang(s: Settings, officeLang: Lang): Lang {
  return s.lang === 'office' ? officeLang : s.lang;
}
