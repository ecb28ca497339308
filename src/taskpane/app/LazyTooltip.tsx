/**
 * A Fluent tooltip that loads on first hover or focus. The tooltip brings the positioning engine
 * (floating-ui) along; the pane's first paint does not need it, the insert view's dropdowns load
 * it anyway. The child names itself (aria-label), so the tooltip is visual only, and its
 * visibility is held here: the first hover shows it even when the chunk arrives after the
 * pointer did.
 */
import { Suspense, cloneElement, lazy, useState, type ReactElement } from 'react';

const Tooltip = lazy(() => import(/* webpackChunkName: "tooltip", webpackPrefetch: true */ './TooltipImpl'));

export function LazyTooltip({ content, children }: { content: string; children: ReactElement }) {
  const [armed, setArmed] = useState(false);
  const [visible, setVisible] = useState(false);
  if (!armed) {
    const show = () => {
      setArmed(true);
      setVisible(true);
    };
    return cloneElement(children, { onPointerEnter: show, onFocus: show });
  }
  return (
    <Suspense fallback={children}>
      <Tooltip content={content} relationship="inaccessible" visible={visible} onVisibleChange={(_, d) => setVisible(d.visible)}>
        {children}
      </Tooltip>
    </Suspense>
  );
}
