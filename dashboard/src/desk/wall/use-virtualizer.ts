// @tanstack/virtual-core in a Preact component: the same few lines its React adapter is made of. The instance lives
// as long as the component, takes the current options at every render and asks for a render when the scroll
// position or the container's size changes what is visible.

import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect, type VirtualizerOptions } from '@tanstack/virtual-core';

type Options<E extends Element> = Omit<VirtualizerOptions<E, Element>, 'scrollToFn' | 'observeElementRect' | 'observeElementOffset' | 'onChange'>;

export function useVirtualizer<E extends Element>(options: Options<E>): Virtualizer<E, Element> {
  const [, setTick] = useState(0);
  const resolved: VirtualizerOptions<E, Element> = {
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    ...options,
    onChange: () => setTick((n) => n + 1),
  };
  const [instance] = useState(() => new Virtualizer<E, Element>(resolved));
  instance.setOptions(resolved);
  useEffect(() => instance._didMount(), [instance]);
  useLayoutEffect(() => instance._willUpdate());
  return instance;
}
