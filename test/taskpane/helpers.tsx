/**
 * Rendering the task pane in jsdom against the recording fake of Excel (the same fake the
 * preview host runs on), with the shipped plans or test fixtures in the registry.
 */
import '@testing-library/jest-dom';
import { configure, render, type RenderResult } from '@testing-library/react';
import { TextDecoder, TextEncoder } from 'util';
import type { Lang } from '../../src/core/i18n/text';
import { parsePlan } from '../../src/core/plan/parse';
import { PlanRegistry } from '../../src/core/plan/registry';
import type { Plan, PlanInput } from '../../src/core/plan/schema';
import { createFakeExcel, type FakeExcel } from '../../src/excel/fake';
import { loadShippedPlans } from '../../src/node/seeds';
import { App, initialState } from '../../src/taskpane/app/App';
import type { ViewId } from '../../src/taskpane/app/nav';
import { DEFAULT_SETTINGS, type Settings } from '../../src/taskpane/app/settings';
import type { PaneEnv } from '../../src/taskpane/app/store';
import { checkCapabilities } from '../../src/taskpane/host/capabilities';

// The pane slices long work into macrotasks (insert, validate, consolidate yield to the UI), so on a
// loaded machine (the whole suite on two cores) a step takes longer than Testing Library's 1 s default:
// every findBy/waitFor waits up to 20 s. A wait that never comes true still fails.
configure({ asyncUtilTimeout: 20_000 });

/** jsdom lacks a few browser APIs Fluent and the core touch (every real browser has them). */
export function installDomShims(): void {
  if (typeof globalThis.TextEncoder === 'undefined') {
    Object.assign(globalThis, { TextEncoder, TextDecoder });
  }
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        addListener: () => undefined,
        removeListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!('ResizeObserver' in window)) {
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    };
  }
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;
}

// At import, so fixtures built before the first render (template hashes need TextEncoder) work too.
installDomShims();

export interface PaneHarness extends RenderResult {
  fake: FakeExcel;
  env: PaneEnv;
  registry: PlanRegistry;
}

export interface PaneOptions {
  view?: ViewId;
  lang?: Lang;
  plans?: Plan[] | PlanInput[];
  apiVersion?: string;
  settings?: Partial<Settings>;
  planId?: string;
  fake?: FakeExcel;
}

export function shippedRegistry(): PlanRegistry {
  return new PlanRegistry(loadShippedPlans());
}

export function renderPane(options: PaneOptions = {}): PaneHarness {
  installDomShims();
  const fake = options.fake ?? createFakeExcel({ apiVersion: options.apiVersion });
  const registry = options.plans ? new PlanRegistry(options.plans.map((p) => parsePlan(p))) : shippedRegistry();
  const env: PaneEnv = {
    excel: fake.host,
    registry,
    officeLang: options.lang ?? 'zh-CN',
    capabilities: checkCapabilities((n, v) => fake.host.isSetSupported(n, v)),
    hostKind: 'preview',
    version: 'test',
  };
  const initial = { ...initialState(options.view ?? 'library'), planId: options.planId, settings: { ...DEFAULT_SETTINGS, ...options.settings } };
  const r = render(<App env={env} initial={initial} />);
  return { ...r, fake, env, registry };
}
