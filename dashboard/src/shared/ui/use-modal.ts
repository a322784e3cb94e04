// A native <dialog> shown modal while its component is mounted: opened on mount (focus trapped, Esc closes it and
// fires its `close` event), closed on unmount. The parent decides whether it is there.

import { useEffect, useRef } from 'preact/hooks';

export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  return ref;
}
