/**
 * A Fluent tooltip loaded after the pane's first paint. The tooltip brings the positioning engine
 * (floating-ui) along; the first paint does not need it, so it is its own chunk. The child names
 * itself (aria-label), so the tooltip is visual only.
 *
 * Wrapping the child in the tooltip remounts it (another element at its place in the tree). Done
 * on the first hover, as it was, that remount fell between the mouse's press and release: the
 * first click on the settings button did nothing (found by the e2e flow clicking it directly). So
 * the chunk is loaded while the pane is idle, shortly after it paints, and every tooltip swaps in
 * then, before anyone reaches for a button; a hover or focus earlier than that still loads it and
 * shows the tooltip once it arrives.
 */
import { cloneElement, useEffect, useState, type ReactElement } from 'react';
import type TooltipImpl from './TooltipImpl';

type TooltipComponent = typeof TooltipImpl;

let loaded: TooltipComponent | undefined;
let loading: Promise<TooltipComponent> | undefined;

function loadTooltip(): Promise<TooltipComponent> {
  loading ??= import(/* webpackChunkName: "tooltip", webpackPrefetch: true */ './TooltipImpl').then((m) => (loaded = m.default));
  return loading;
}

/** How long after the first paint the chunk is fetched (the pane's own work comes first). */
const IDLE_MS = 200;

export function LazyTooltip({ content, children }: { content: string; children: ReactElement }) {
  const [Tooltip, setTooltip] = useState<TooltipComponent | undefined>(() => loaded);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (Tooltip) return;
    let live = true;
    const arm = () => void loadTooltip().then((t) => live && setTooltip(() => t));
    const timer = setTimeout(arm, IDLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [Tooltip]);
  if (!Tooltip) {
    const show = () => {
      setVisible(true);
      void loadTooltip().then((t) => setTooltip(() => t));
    };
    return cloneElement(children, { onPointerEnter: show, onFocus: show });
  }
  return (
    <Tooltip content={content} relationship="inaccessible" visible={visible} onVisibleChange={(_, d) => setVisible(d.visible)}>
      {children}
    </Tooltip>
  );
}
