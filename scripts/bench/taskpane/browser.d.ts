/** Types of browser.js for the TypeScript e2e tests. */
import type { BrowserContext } from 'playwright-core';

export const ROOT: string;
export const DIST: string;
export const CHROMIUM: string;
export const CHROMIUM_ARGS: readonly string[];
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}
export function serveDir(root?: string): Promise<StaticServer>;
export function hasChromium(): boolean;
export function launchChromium(options?: { viewport?: { width: number; height: number }; locale?: string }): Promise<{ context: BrowserContext; close(): Promise<void> }>;
export function ensureBuilt(): void;
