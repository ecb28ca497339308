/**
 * Navigation requests from outside React (the ribbon commands share the pane's runtime but are a
 * separate bundle): a window event plus a pending slot, so a request made before the pane has
 * mounted is picked up when it does. Both sides only agree on the event name and shape.
 */
export type ViewId = 'library' | 'insert' | 'validate' | 'dashboard' | 'consolidate' | 'settings';

export const VIEW_IDS: readonly ViewId[] = ['library', 'insert', 'validate', 'dashboard', 'consolidate', 'settings'];

export interface NavRequest {
  view: ViewId;
  /** Start validation on arrival (the ribbon's 校验 button). */
  run?: 'validate';
}

const EVENT = 'edu-indicators:navigate';

interface NavWindow {
  eduPendingNav?: NavRequest;
}

function slot(): NavWindow {
  return window as unknown as NavWindow;
}

export function requestNavigation(request: NavRequest): void {
  slot().eduPendingNav = request;
  window.dispatchEvent(new CustomEvent<NavRequest>(EVENT, { detail: request }));
}

/** The request made before anyone listened, once. */
export function takePendingNavigation(): NavRequest | undefined {
  const pending = slot().eduPendingNav;
  slot().eduPendingNav = undefined;
  return pending;
}

export function onNavigation(listener: (request: NavRequest) => void): () => void {
  const handler = (e: Event) => {
    slot().eduPendingNav = undefined;
    listener((e as CustomEvent<NavRequest>).detail);
  };
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}
