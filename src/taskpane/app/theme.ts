/**
 * Fluent's web light theme with Chinese fonts in the stack: Office on Windows has Microsoft YaHei,
 * macOS PingFang SC, Linux (and the CI screenshots) Noto Sans CJK SC. Segoe UI stays first so
 * Latin text looks like the rest of Office.
 */
import { webLightTheme, type Theme } from '@fluentui/react-components';

export const FONT_STACK =
  "'Segoe UI', 'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif";

export const paneTheme: Theme = { ...webLightTheme, fontFamilyBase: FONT_STACK };
