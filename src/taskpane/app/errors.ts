/** Turning anything thrown into text the pane can show, in the pane's language. */
import { pick, type Bilingual, type Lang } from '../../core/i18n/text';
import { bilingual, type Params, type StringKey } from '../i18n/strings';

/** A problem the pane itself reports (start-up, a form), worded by one of its strings. */
export class PaneError extends Error {
  readonly text: Bilingual;
  constructor(key: StringKey, params?: Params) {
    const text = bilingual(key, params);
    super(`${text.zh} / ${text.en}`);
    this.name = 'PaneError';
    this.text = text;
  }
}

function isBilingual(v: unknown): v is Bilingual {
  return typeof v === 'object' && v !== null && typeof (v as Bilingual).zh === 'string' && typeof (v as Bilingual).en === 'string';
}

/** Core errors carry their bilingual text (`EduError.text`, an issue's `message`); others their message. */
export function errorMessage(error: unknown, lang: Lang): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { text?: unknown; message?: unknown; bilingual?: unknown };
    if (isBilingual(e.text)) return pick(e.text, lang);
    if (isBilingual(e.bilingual)) return pick(e.bilingual, lang);
    if (isBilingual(e.message)) return pick(e.message, lang);
    if (typeof e.message === 'string' && e.message) return splitBoth(e.message, lang);
  }
  return splitBoth(String(error), lang);
}

/** "中文 / English" messages (the core's throwing form) shown in one language. */
function splitBoth(message: string, lang: Lang): string {
  const at = message.indexOf(' / ');
  if (at < 0 || /[\u4e00-\u9fff]/.test(message.slice(at + 3))) return message;
  return lang === 'en' ? message.slice(at + 3) : message.slice(0, at);
}

/** Stack or text for the "technical details" disclosure. */
export function errorDetails(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return JSON.stringify(error, null, 2);
  } catch {
    return String(error);
  }
}
