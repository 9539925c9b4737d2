// Printing: pages that are printed (plan, notice, assessment) drop their action columns and
// controls while the page is printed (the browser's print, or print media in a test), so the paper
// carries data only. `usePrinting` follows both the print media query and the before/after print
// events; the first re-renders synchronously so that the printed layout is already the one without
// actions.
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

const printQuery = () => (typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('print') : null);

export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => printQuery()?.matches ?? false);
  useEffect(() => {
    const mq = printQuery();
    const set = (on: boolean) => flushSync(() => setPrinting(on));
    const onChange = (e: MediaQueryListEvent) => set(e.matches);
    const before = () => set(true);
    const after = () => set(mq?.matches ?? false);
    mq?.addEventListener('change', onChange);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      mq?.removeEventListener('change', onChange);
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return printing;
}

/** Keys of the columns that hold buttons only (操作); they are not printed. */
const ACTION_KEYS = new Set(['actions', 'ops']);

/** The columns to show: all on screen, without the action columns when printing. */
export function forPrint<C extends { key?: unknown }>(columns: C[], printing: boolean): C[] {
  return printing ? columns.filter((c) => !ACTION_KEYS.has(String(c.key))) : columns;
}
