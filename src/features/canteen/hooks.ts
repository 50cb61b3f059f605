import { useEffect, useRef } from 'react';

/**
 * A canteen named in the page link (`?canteenId=`) is selected once, as soon as the canteen list
 * knows it; afterwards the person's own picks win.
 */
export function useLinkedCanteen(
  linkedId: unknown,
  canteens: readonly { id: string }[],
  canteenId: string | null,
  selectCanteen: (id: string) => void,
): void {
  const linked = useRef(typeof linkedId === 'string' ? linkedId : undefined);
  useEffect(() => {
    const wanted = linked.current;
    if (wanted && canteens.some((c) => c.id === wanted)) {
      linked.current = undefined;
      if (wanted !== canteenId) selectCanteen(wanted);
    }
  }, [canteens, canteenId, selectCanteen]);
}
