// The height that takes an element from where it starts down to the bottom of the window, as banners come and go
// above it and the window is resized: the wall scrolls inside itself, so the page around it does not have to.

import { useLayoutEffect, useState } from 'preact/hooks';

/** Space kept under the element (px). */
const BOTTOM_GAP = 12;

export function useFillHeight(ref: { readonly current: HTMLElement | null }, minimum: number): number {
  const [height, setHeight] = useState(minimum);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      const top = element.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(minimum, Math.floor(window.innerHeight - top - BOTTOM_GAP)));
    };
    update();
    // the body's size changes when something above the element appears or goes (a banner, a notice)
    const observer = new ResizeObserver(update);
    observer.observe(document.body);
    window.addEventListener('resize', update);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
    };
  }, [ref, minimum]);
  return height;
}
