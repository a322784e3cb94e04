// The incoming-call panel's height: from where it starts on screen down to the window's bottom, as banners come and
// go above it and the page scrolls, so its button bar (stuck to its bottom) is always in sight. Once the page has
// scrolled past the banners the panel sticks to the top and takes the whole height.

import { useLayoutEffect, useState } from 'preact/hooks';

export function usePanelHeight(ref: { readonly current: HTMLElement | null }): number | null {
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => setHeight(Math.floor(window.innerHeight - Math.max(0, element.getBoundingClientRect().top)));
    update();
    // the body's size changes when something above the panel appears or goes (a banner, a notice)
    const observer = new ResizeObserver(update);
    observer.observe(document.body);
    window.addEventListener('resize', update);
    window.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
      window.removeEventListener('scroll', update);
    };
  }, [ref]);
  return height;
}
