// The inner width of the wall's scroll box (scroll bar excluded) and the size of a rem, as they change: tiles per
// row and row heights follow them, and the desk's type grows on wide screens (desk.css).

import { useLayoutEffect, useState } from 'preact/hooks';

export interface Box {
  width: number;
  /** Pixels per rem. */
  rem: number;
}

const measure = (element: HTMLElement): Box => ({
  width: element.clientWidth,
  rem: parseFloat(getComputedStyle(document.documentElement).fontSize) || 16,
});

export function useBox(ref: { readonly current: HTMLElement | null }): Box {
  const [box, setBox] = useState<Box>({ width: 0, rem: 16 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () =>
      setBox((previous) => {
        const next = measure(element);
        return next.width === previous.width && next.rem === previous.rem ? previous : next;
      });
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return box;
}
